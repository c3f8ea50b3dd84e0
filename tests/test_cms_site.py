"""The CMS tables on the built site.

- The real site (no import yet) says plainly, on code pages and /edits/, that the tables
  have not been imported, and keeps its own sourced records.
- A copy of the project with the fixture archives imported shows the tables: pairs,
  MUE and national amounts on the code page, the full pair table on /edits/ (filtered
  from the keyboard in Chromium, axe-clean), and cms.json in the API.

Fixture rows exist only in the temporary copy: nothing of them is ever published.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from macros.cms.importer import import_tables
from macros.cms.tables import cms_of, is_empty
from macros.render.cms import NOT_IMPORTED
from tests.cms_fixtures import import_requests
from tests.conftest import build_site, read_page, section, visible_text
from tests.static_server import StaticServer

IMPORTED_ON = dt.date(2026, 12, 1)


def section_text(page, anchor: str) -> str:
    return visible_text(section(page, anchor))


# --- The real site: "not imported yet" until the first import -----------------------------

def test_code_pages_say_whether_the_cms_tables_are_imported(built_page, catalog):
    imported = not is_empty(cms_of(catalog.data))
    for code in catalog.codes:
        text = section_text(built_page(f"codes/{code}/"), "cms")
        if imported:  # after the first real import: the tables, each with its source
            assert NOT_IMPORTED not in text and "Source: CMS" in text, f"/codes/{code}/"
        else:
            assert NOT_IMPORTED in text, f"/codes/{code}/"


def test_the_edits_page_says_so_and_keeps_its_sourced_pairs(built_page, catalog):
    page = built_page("edits/")
    if cms_of(catalog.data).ptp is None:
        assert NOT_IMPORTED in section_text(page, "cms-pairs")
        assert "not verified" in visible_text(page.find(id="98940-97124").find_parent("tr"))
    else:
        assert page.find(id="cms-pairs-table").find("table") is not None
    for edit in catalog.data.edits:
        assert page.find(id=edit.id) is not None


def test_the_api_says_whether_anything_is_imported(site, catalog):
    tables = json.loads((site / "api" / "v1" / "cms.json").read_text(encoding="utf-8"))
    if is_empty(cms_of(catalog.data)):
        assert tables["imported"] is False and tables["ptp"] is None and tables["pfs"] == []
        assert "not been imported" in tables["note"]
    else:
        assert tables["imported"] is True and tables["note"] is None


# --- A copy with the fixture archives imported ----------------------------------------------

@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory, project_factory) -> Path:
    work = tmp_path_factory.mktemp("cms-site")
    project = project_factory(work / "project")
    outcome = import_tables(project / "data" / "codes.yaml", import_requests(work / "archives"), IMPORTED_ON)
    assert outcome.written
    site = work / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_code_page_shows_pairs_mue_and_payment(fixture_site):
    page = read_page(fixture_site, "codes/97140/")
    text = section_text(page, "cms")
    assert NOT_IMPORTED not in text
    rows = [[visible_text(td) for td in tr.find_all("td")] for tr in page.find(id="cms").find_next("table").select("tbody tr")]
    assert [row[0] for row in rows] == ["20560", "97012", "97161", "97530", "98941"]
    assert rows[3][1] == "97140 column 1, 97530 column 2" and rows[3][2].startswith("1: a modifier is allowed")
    assert rows[3][3] == "January 1, 2002" and rows[3][4] == "Mutually exclusive procedures"
    assert "6 units of service per beneficiary per day" in text
    assert "Non-facility: (0.43 + 0.42 + 0.02) RVU × $33.4009 = 0.87 × $33.4009 = $29.06" in text
    assert "Source: CMS PFS relative value file (file rvu27a.zip), year 2027, imported on December 1, 2026" in text
    assert "FIXTURE DESCRIPTOR TEXT" not in page.get_text()


def test_the_edits_page_lists_every_imported_pair_and_settles_the_hand_written_ones(fixture_site):
    page = read_page(fixture_site, "edits/")
    table = page.find(id="cms-pairs-table").find("table")
    rows = [[visible_text(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert len(rows) == 9
    assert ["97113", "97110", "9: not applicable: the edit does not apply", "January 1, 2000",
            "deleted January 1, 2005", "Mutually exclusive procedures"] in rows
    settled = visible_text(page.find(id="97140-97530").find_parent("tr"))
    assert "column 1 97140, column 2 97530; modifier indicator 1 (from the CMS PTP edit table, quarter 2027-Q1" in settled
    assert "not verified;" not in settled and "indicator 1, not verified" not in settled
    assert "not verified" in visible_text(page.find(id="98940-97124").find_parent("tr"))


def test_the_api_exposes_the_imported_tables_under_the_published_schema(fixture_site):
    tables = json.loads((fixture_site / "api" / "v1" / "cms.json").read_text(encoding="utf-8"))
    schema = json.loads((fixture_site / "api" / "v1" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(tables, schema)
    assert tables["imported"] is True and tables["ptp"]["quarter"] == "2027-Q1"
    assert len(tables["ptp"]["pairs"]) == 9
    code = next(c for c in tables["pfs"][0]["codes"] if c["code"] == "97140")
    assert [(a["setting"], a["amount"]) for a in code["national_amounts"]] == [("non-facility", "29.06"),
                                                                               ("facility", "20.37")]
    edits = json.loads((fixture_site / "api" / "v1" / "edits.json").read_text(encoding="utf-8"))["edits"]
    pair = next(e for e in edits if e["id"] == "97140-97530")
    assert pair["orientation_verified"] and pair["indicator_verified"]


def test_the_pair_filter_works_from_the_keyboard_and_axe_finds_nothing(fixture_site, browser):
    from tests.browser import wait_until_ready
    from tests.test_accessibility import AXE, AXE_OPTIONS, RUN_AXE

    with StaticServer(fixture_site) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url + "edits/", wait_until="load")
        wait_until_ready(page)
        status = page.locator(".table-filter [role=status]")
        assert status.inner_text() == "9 pairs"
        box = page.locator("#cms-pairs-filter")
        page.locator("#cms-pairs a.headerlink").focus()  # the section heading's own link
        for _ in range(3):  # the filter box is the next stop
            page.keyboard.press("Tab")
            if box.evaluate("element => element === document.activeElement"):
                break
        else:
            pytest.fail("the filter box is not reached with Tab")
        page.keyboard.type("G0283")
        assert status.inner_text() == "1 of 9 pairs shown"
        visible = page.locator("#cms-pairs-table tbody tr:visible")
        assert visible.count() == 1 and "97014" in visible.inner_text()
        page.keyboard.press("Control+A")
        page.keyboard.type("deleted 97110")
        assert status.inner_text() == "1 of 9 pairs shown"
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        assert status.inner_text() == "9 pairs" and visible.count() == 9
        for url in ("edits/", "codes/97140/"):
            page.goto(server.url + url, wait_until="load")
            wait_until_ready(page)
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            violations = page.evaluate(RUN_AXE, AXE_OPTIONS)
            assert violations == [], f"/{url}: {json.dumps(violations, indent=1)[:3000]}"
        context.close()
        assert not errors, errors
