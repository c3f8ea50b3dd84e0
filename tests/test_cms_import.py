"""The CMS importer on small fixture archives (tests/fixtures/cms/, zipped here) laid out like
the published files: disclaimer lines before the header, a header over two rows (PTP) or
with a line break in a cell (MUE), repeated names in the last header row (PFS), deleted
edits with their deletion date, indicator 9, and codes outside the site.

Pure-function tier: no site build. Every test imports into a copy of
tests/fixtures/cms/site.yaml, a small valid data file with the fixture tables' site codes
and one hand-written edit (97140-97530) for the contradiction checks; the real data file
is read only to check its committed CMS section.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.cms import section
from macros.cms.errors import CmsFileError
from macros.cms.importer import Request, import_tables
from macros.cms.summary import markdown
from macros.validate import DataError, load_code_data
from tests.cms_fixtures import (PTP_MEMBERS, QUARTER, YEAR, import_requests, mue_archive, pfs_archive,
                                ptp_archives)

ROOT = Path(__file__).resolve().parents[1]
SITE_DATA = ROOT / "tests" / "fixtures" / "cms" / "site.yaml"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture()
def data_file(tmp_path) -> Path:
    target = tmp_path / "data" / "codes.yaml"
    target.parent.mkdir()
    shutil.copy(SITE_DATA, target)
    return target


def imported(data_file: Path) -> dict:
    return yaml.safe_load(data_file.read_text(encoding="utf-8"))["cms"]


def test_import_keeps_the_site_codes_and_every_column_the_site_needs(data_file, tmp_path):
    outcome = import_tables(data_file, import_requests(tmp_path / "in"), TODAY)
    assert outcome.written and outcome.tables == {"ptp": "imported", "mue": "imported", "pfs": "imported"}
    cms = imported(data_file)

    pairs = [(r["column1"], r["column2"], r["effective"], r["deleted"], r["modifier_indicator"]) for r in cms["ptp"]["rows"]]
    # Both codes on the site: 99213 (column 1) and 29125 (column 2) rows of the fixture are dropped.
    assert ("97012", "97140", dt.date(2003, 1, 1), dt.date(2023, 1, 1), "1") in pairs  # a deleted edit keeps its date
    assert ("97113", "97110", dt.date(2000, 1, 1), dt.date(2005, 1, 1), "9") in pairs  # indicator 9
    assert ("G0283", "97014", dt.date(2020, 1, 1), None, "0") in pairs  # from the second archive; '*' = no deletion
    assert not any({"99213", "29125"} & {p[0], p[1]} for p in pairs)
    assert len(pairs) == 9
    assert cms["ptp"]["quarter"] == QUARTER
    assert [f["name"] for f in cms["ptp"]["files"]] == [m.replace(".txt", ".zip") for m in PTP_MEMBERS]
    assert [f["member"] for f in cms["ptp"]["files"]] == list(PTP_MEMBERS)
    assert cms["ptp"]["imported"] == TODAY
    rationale = next(r["rationale"] for r in cms["ptp"]["rows"] if r["column1"] == "G0283")
    assert rationale == "Mutually exclusive procedures"

    mue = {r["code"]: (r["value"], r["adjudication"], r["rationale"]) for r in cms["mue"]["rows"]}
    assert mue["97140"] == (6, "3", "Clinical: Data")
    assert mue["G0283"] == (1, "1", "Nature of Service/Procedure")
    assert "99213" not in mue

    (year,) = cms["pfs"]
    assert year["year"] == YEAR and year["conversion_factor"] == 33.4009
    assert year["files"][0]["member"] == "PPRRVU27_JAN_nonQPP.csv"
    rows = {r["code"]: r for r in year["rows"]}
    assert rows["97140"] == {"code": "97140", "modifier": None, "status": "A", "work": 0.43,
                             "pe_nonfacility": 0.42, "pe_facility": 0.16, "mp": 0.02}
    assert rows["97014"]["status"] == "I" and "99213" not in rows


def test_the_descriptor_column_never_reaches_the_data_file(data_file, tmp_path):
    import_tables(data_file, import_requests(tmp_path / "in"), TODAY)
    text = data_file.read_text(encoding="utf-8")
    assert "FIXTURE DESCRIPTOR TEXT" not in text
    assert "description" not in section.split(text)[1].lower()


def test_the_import_rewrites_only_its_section_byte_for_byte(data_file, tmp_path):
    before = data_file.read_bytes()
    head_before = before[:before.index(section.MARKER.encode())]
    import_tables(data_file, import_requests(tmp_path / "in"), TODAY)
    after = data_file.read_bytes()
    assert after != before
    assert after[:len(head_before)] == head_before
    assert after[len(head_before):].startswith(section.MARKER.encode())


def test_a_file_without_the_section_keeps_every_byte_and_gains_it_at_the_end(data_file, tmp_path):
    head, _ = section.split(data_file.read_text(encoding="utf-8"))
    data_file.write_bytes(head.rstrip("\n").encode() + b"\n")
    before = data_file.read_bytes()
    import_tables(data_file, import_requests(tmp_path / "in"), TODAY)
    assert data_file.read_bytes().startswith(before)
    load_code_data(data_file, today=TODAY)


def test_importing_the_same_files_twice_changes_nothing(data_file, tmp_path):
    requests = import_requests(tmp_path / "in")
    import_tables(data_file, requests, TODAY)
    first = data_file.read_bytes()
    again = import_tables(data_file, requests, TODAY + dt.timedelta(days=30))
    assert not again.written and set(again.tables.values()) == {"unchanged"}
    assert data_file.read_bytes() == first  # not even the import date moves
    assert "Nothing changed" in markdown(again)


def test_the_committed_section_is_exactly_what_the_importer_writes():
    from macros.cms.model import CmsData

    text = (ROOT / "data" / "codes.yaml").read_text(encoding="utf-8")
    head, generated = section.split(text)
    content = CmsData.model_validate(yaml.safe_load(generated)["cms"])
    assert generated == section.render(content), "the section in data/codes.yaml was edited by hand"


def test_no_cms_file_has_been_imported_into_the_committed_data_yet():
    """The files cannot be downloaded where this was built: the section stays empty, and the
    site says so (tests/test_cms_site.py), until the refresh workflow's first pull request."""
    generated = section.split((ROOT / "data" / "codes.yaml").read_text(encoding="utf-8"))[1]
    cms = yaml.safe_load(generated)["cms"]
    if cms["ptp"] is None and cms["mue"] is None:
        assert cms == {"ptp": None, "mue": None, "pfs": [], "changes": []}
    else:  # after a real import, nothing of the fixtures may be in it
        from tests.cms_fixtures import MUE_MEMBER, PFS_MEMBER

        members = {f["member"] for table in [cms["ptp"], cms["mue"], *cms["pfs"]] if table for f in table["files"]}
        assert not members & {*PTP_MEMBERS, MUE_MEMBER, PFS_MEMBER, "fixture-f1.txt"}


def _refused(data_file: Path, requests) -> str:
    before = data_file.read_bytes()
    with pytest.raises(CmsFileError) as caught:
        import_tables(data_file, requests, TODAY)
    assert data_file.read_bytes() == before, "a refused import wrote to the data file"
    return str(caught.value)


def test_a_changed_ptp_header_is_refused_naming_the_file_and_the_column(data_file, tmp_path):
    def rename(member, text):
        return text.replace("PTP Edit Rationale", "Edit Reason") if member == PTP_MEMBERS[1] else text

    message = _refused(data_file, [Request("ptp", QUARTER, tuple(ptp_archives(tmp_path, rename)))])
    assert "ccipra-v330r0-f2.zip:ccipra-v330r0-f2.txt" in message
    assert "no column 'PTP Edit Rationale'" in message and "nothing was imported" in message


def test_a_changed_mue_header_is_refused(data_file, tmp_path):
    archive = mue_archive(tmp_path, lambda text: text.replace('"MUE Adjudication Indicator"', '"MAI"'))
    message = _refused(data_file, [Request("mue", QUARTER, (archive,))])
    assert "MCR_MUE_PractitionerServices_Eff_01-01-2027.csv" in message
    assert "'MUE Adjudication Indicator'" in message


def test_a_changed_pfs_header_is_refused(data_file, tmp_path):
    archive = pfs_archive(tmp_path, lambda text: text.replace(",FACTOR,", ",FACTOR_X,"))
    message = _refused(data_file, [Request("pfs", str(YEAR), (archive,))])
    assert "rvu27a.zip:PPRRVU27_JAN_nonQPP.csv" in message and "'CONV FACTOR'" in message


def test_one_bad_archive_stops_the_whole_import(data_file, tmp_path):
    requests = import_requests(tmp_path / "in")
    bad = pfs_archive(tmp_path / "bad", lambda text: text.replace("HCPCS,MOD", "CODE,MOD"))
    message = _refused(data_file, requests[:2] + [Request("pfs", str(YEAR), (bad,))])
    assert "no header row found" in message and "'HCPCS'" in message


def test_a_bad_value_in_a_kept_row_is_refused_with_its_line(data_file, tmp_path):
    def bad_date(member, text):
        return text.replace("97140\t97530\t\t20020101", "97140\t97530\t\t2002-01-01")

    message = _refused(data_file, [Request("ptp", QUARTER, tuple(ptp_archives(tmp_path, bad_date)))])
    assert "ccipra-v330r0-f1.txt: line 12: effective date '2002-01-01' is not a date written YYYYMMDD" in message


def test_an_archive_without_the_table_is_refused(data_file, tmp_path):
    from tests.cms_fixtures import archive

    empty = archive(tmp_path, "rvu27a.zip", {"README.txt": "nothing here"})
    message = _refused(data_file, [Request("pfs", str(YEAR), (empty,))])
    assert "rvu27a.zip: no text or CSV file of the PFS relative value file" in message


def test_a_hand_written_claim_contradicting_the_imported_row_names_both_places(data_file, tmp_path):
    """The hand-written 97140-97530 record says column 1 97140 with indicator 1."""
    def reverse(member, text):
        return text.replace("97140\t97530\t\t20020101\t*\t1", "97530\t97140\t\t20020101\t*\t0")

    message = _refused(data_file, [Request("ptp", QUARTER, tuple(ptp_archives(tmp_path, reverse)))])
    assert "edits[0] (97140-97530).column1" in message
    assert "edits[0] (97140-97530).modifier_indicator" in message
    assert "contradicts the imported CMS PTP row at" in message and "(cms.ptp.rows[" in message


def test_the_validator_names_both_locations_of_a_contradiction(data_file, tmp_path):
    import_tables(data_file, import_requests(tmp_path / "in"), TODAY)
    text = data_file.read_text(encoding="utf-8")
    start = text.index("  - id: 97140-97530")
    edited = text[:start] + text[start:].replace('modifier_indicator: "1"', 'modifier_indicator: "0"', 1)
    data_file.write_text(edited, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_code_data(data_file, display_name="data/codes.yaml", today=TODAY)
    (problem,) = caught.value.problems
    edit_line = edited[:start].count("\n") + 1
    assert problem.line > edit_line and problem.field == "edits[0] (97140-97530).modifier_indicator"
    row_line = next(i for i, line in enumerate(edited.splitlines(), 1)
                    if line.strip() == "column2: '97530'") - 1
    assert f"data/codes.yaml:{row_line}:" in problem.message and "which has 1" in problem.message


def _next_quarter(member, text):
    """2027-Q2 as the fixture imagines it: one pair deleted, one added, one changed."""
    text = text.replace("20560\t97140\t\t20200101\t*", "20560\t97140\t\t20200101\t20270401")
    text = text.replace("98940\t97112\t\t20080401\t*\t1", "98940\t97112\t\t20080401\t*\t0")
    if member == PTP_MEMBERS[0]:
        text = text.rstrip("\r\n") + "\r\n97530\t97110\t\t20270401\t*\t1\tMisuse of column two code with column one code\r\n"
    return text


def test_a_second_import_records_what_changed(data_file, tmp_path):
    import_tables(data_file, import_requests(tmp_path / "q1"), TODAY)
    later = TODAY + dt.timedelta(days=90)
    requests = [Request("ptp", "2027-Q2", tuple(ptp_archives(tmp_path / "q2", _next_quarter))),
                Request("mue", "2027-Q2", (mue_archive(tmp_path / "q2", lambda t: t.replace("97140,6,", "97140,4,")),))]
    outcome = import_tables(data_file, requests, later)
    assert outcome.written
    changes = imported(data_file)["changes"]
    ptp, mue = changes
    assert (ptp["table"], ptp["previous"], ptp["current"], ptp["date"]) == ("ptp", QUARTER, "2027-Q2", later)
    found = {(item["change"], tuple(item["codes"])): item["detail"] for item in ptp["items"]}
    assert found == {("added", ("97530", "97110")): "modifier indicator 1",
                     ("deleted", ("20560", "97140")): None,
                     ("changed", ("98940", "97112")): "modifier indicator 1 -> 0"}
    assert mue["items"] == [{"change": "changed", "codes": ["97140"], "detail": "MUE 6 -> 4"}]
    summary = markdown(outcome)
    assert "| PTP edit pairs | 2027-Q2" in summary and "| 1 | 1 | 1 |" in summary
    assert "- changed: 97140: MUE 6 -> 4" in summary
    # The site's change feed reports them per code.
    from macros.catalog import Catalog
    from macros.changes import change_entries

    catalog = Catalog(*load_code_data(data_file, today=later))
    texts = [(e.code, e.text) for e in change_entries(catalog) if e.date == later]
    assert ("97110", "CMS PTP edit table, 2027-Q1 to 2027-Q2: pair 97530 (column 1) with 97110 (column 2) "
            "added (modifier indicator 1).") in texts
    assert any(code == "97140" and "MUE 6 -> 4" in text for code, text in texts)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cms", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_the_command_refuses_a_changed_header_without_a_traceback(data_file, tmp_path):
    archives = ptp_archives(tmp_path, lambda m, t: t.replace("Deletion", "Removal"))
    before = data_file.read_bytes()
    result = _cli("import", "--ptp", *map(str, archives), "--quarter", QUARTER, "--data", str(data_file),
                  "--github-annotations")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "error: ccipra-v330r0-f1.zip:ccipra-v330r0-f1.txt: unexpected header on line 6: no column " \
           "'Deletion Date'" in result.stderr
    assert result.stdout.startswith("::error title=CMS tables::ccipra-v330r0-f1.zip")
    assert data_file.read_bytes() == before


def test_the_command_imports_from_a_manifest_and_writes_a_summary(data_file, tmp_path):
    import json

    folder = tmp_path / "downloads"
    ptp = ptp_archives(folder)
    manifest = {"ptp": {"quarter": QUARTER, "files": [p.name for p in ptp]},
                "mue": {"quarter": QUARTER, "files": [mue_archive(folder).name]},
                "pfs": {"year": YEAR, "release": "a", "files": [pfs_archive(folder).name]}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = _cli("import", "--manifest", str(folder / "manifest.json"), "--data", str(data_file),
                  "--summary", str(tmp_path / "summary.md"), "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    assert "data file rewritten" in result.stdout
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "first import, 9 rows" in summary and "first import, 5 rows" in summary
    load_code_data(data_file, today=TODAY)


@pytest.mark.parametrize("command", ["discover", "download", "import"])
def test_every_command_explains_itself(command):
    result = _cli(command, "--help")
    assert result.returncode == 0
    assert len(result.stdout.split("\n\n")[1].split()) > 12, result.stdout  # a description, not just usage


def test_an_unpublished_mue_value_is_left_out_not_read_as_zero(data_file, tmp_path):
    archive = mue_archive(tmp_path, lambda text: text.replace("97530,6,", "97530,,"))
    import_tables(data_file, [Request("mue", QUARTER, (archive,))], TODAY)
    codes = [row["code"] for row in imported(data_file)["mue"]["rows"]]
    assert "97530" not in codes and "97140" in codes


def test_a_quarter_or_year_of_the_wrong_shape_is_refused(data_file, tmp_path):
    message = _refused(data_file, [Request("mue", "2027Q1", (mue_archive(tmp_path),))])
    assert message == "mue: period '2027Q1' is not a quarter such as 2027-Q1"
