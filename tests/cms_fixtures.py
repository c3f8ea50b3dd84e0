"""Zip the CMS fixture tables (tests/fixtures/cms/) the way CMS ships its tables: one text
member per archive. The fixtures are text written for these tests, never CMS data."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cms"
PTP_MEMBERS = ("ccipra-v330r0-f1.txt", "ccipra-v330r0-f2.txt")
MUE_MEMBER = "MCR_MUE_PractitionerServices_Eff_01-01-2027.csv"
PFS_MEMBER = "PPRRVU27_JAN_nonQPP.csv"
QUARTER, YEAR = "2027-Q1", 2027


def archive(directory: Path, name: str, members: dict[str, str | bytes]) -> Path:
    """A zip named `name` in `directory` holding each member's text."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for member, content in members.items():
            # A fixed time stamp: the same text always gives the same archive (and SHA-256).
            bundle.writestr(zipfile.ZipInfo(member, date_time=(2026, 12, 1, 0, 0, 0)), content)
    return path


def fixture_text(kind: str, member: str) -> str:
    return (FIXTURES / kind / member).read_bytes().decode("utf-8")


def ptp_archives(directory: Path, edit=lambda member, text: text) -> list[Path]:
    """The two practitioner PTP archives; `edit(member, text)` may change a member first."""
    return [archive(directory, member.replace(".txt", ".zip"),
                    {member: edit(member, fixture_text("ptp", member))}) for member in PTP_MEMBERS]


def mue_archive(directory: Path, edit=lambda text: text) -> Path:
    return archive(directory, "medicare-ncci-2027-q1-practitioner-services-mue-table.zip",
                   {MUE_MEMBER: edit(fixture_text("mue", MUE_MEMBER))})


def pfs_archive(directory: Path, edit=lambda text: text, extra: dict | None = None) -> Path:
    members = {PFS_MEMBER: edit(fixture_text("pfs", PFS_MEMBER)),
               # Other tables of the same archive, which the importer must leave alone.
               "GPCI2027.csv": "Locality,GPCI\r\n01,1.000\r\n", "RVU27A.pdf": b"%PDF-1.4 fixture"}
    members.update(extra or {})
    return archive(directory, "rvu27a.zip", members)


def import_requests(directory: Path):
    from macros.cms.importer import Request

    return [Request("ptp", QUARTER, tuple(ptp_archives(directory / "ptp"))),
            Request("mue", QUARTER, (mue_archive(directory / "mue"),)),
            Request("pfs", str(YEAR), (pfs_archive(directory / "pfs"),))]


def sample_section() -> dict:
    """A small `cms:` section filling every field of the model (for tests that need every
    place of the data file present); codes and pairs chosen to agree with the real records."""
    import datetime as dt

    from macros.cms.model import (CmsChange, CmsChangeItem, CmsData, CmsFile, MueRow, MueTable, PfsRow, PfsYear,
                                  PtpRow, PtpTable)

    day = dt.date(2026, 11, 28)
    files = [CmsFile(name="fixture-f1.zip", member="fixture-f1.txt", sha256="0" * 64)]
    cms = CmsData(
        ptp=PtpTable(files=files, imported=day, quarter="2027-Q1", rows=[
            PtpRow(column1="97110", column2="97530", effective=dt.date(2020, 1, 1), deleted=dt.date(2021, 1, 1),
                   modifier_indicator="9", rationale="Fixture rationale, deleted"),
            PtpRow(column1="97110", column2="97530", effective=dt.date(2021, 1, 1), deleted=None,
                   modifier_indicator="1", rationale="Fixture rationale")]),
        mue=MueTable(files=files, imported=day, quarter="2027-Q1", rows=[
            MueRow(code="97110", value=4, adjudication="3", rationale="Fixture MUE rationale")]),
        pfs=[PfsYear(files=files, imported=day, year=2027, conversion_factor=33.4009, rows=[
            PfsRow(code="97110", modifier=None, status="A", work=0.45, pe_nonfacility=0.5, pe_facility=0.2, mp=0.02)])],
        changes=[CmsChange(date=day, table="ptp", previous="2026-Q4", current="2027-Q1", items=[
            CmsChangeItem(change="added", codes=["97110", "97530"], detail="Fixture change detail")])])
    return cms.model_dump(mode="python")
