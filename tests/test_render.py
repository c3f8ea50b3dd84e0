"""The render layer on its own: tests/fixtures/valid-minimal.yaml in, Markdown and data out.

No site build: each test calls a pure function and runs in milliseconds. Every expected
value is written from the fixture's data (read the fixture next to these tests), never
taken from what a renderer returned.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from macros.catalog import Catalog, load_catalog
from macros.changes import atom_feed, changes_page
from macros.export import API_FILES, API_ROOT, export_files, export_schema, model_for_file
from macros.model import Change
from macros.render.code_page import SECTION_ANCHORS, code_page
from macros.render.examples import calculator_rules
from macros.render.listings import checklist_page, faq_page
from macros.site import generated_pages, record_url
from macros.urls import public_urls

FIXTURE = Path(__file__).parent / "fixtures" / "valid-minimal.yaml"
ATOM = "{http://www.w3.org/2005/Atom}"

# The public section anchors of a code page, in page order, as CONTRIBUTING.md publishes them.
PUBLISHED_ANCHORS = ["covers", "choosing", "units", "medicare", "commercial", "modifiers", "edits",
                     "documentation", "pitfalls", "faq", "changes", "sources"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FIXTURE)


def with_records(catalog: Catalog, **records) -> Catalog:
    """The fixture's catalog with some record lists replaced (the data stays typed)."""
    return Catalog(catalog.data.model_copy(update=records), catalog.document)


def sections(markdown: str) -> dict[str, str]:
    """'## Title {#anchor}' sections of a page: anchor -> the Markdown up to the next one."""
    parts = re.split(r"^## .*\{#([a-z0-9-]+)\}$", markdown, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def front_matter(markdown: str) -> dict[str, str]:
    head = markdown.split("---\n")[1]
    return dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)


# --- Code page -----------------------------------------------------------------------------

def test_code_page_sections_come_in_the_published_anchor_order(catalog):
    markdown = code_page(catalog, catalog.codes["97110"])
    anchors = re.findall(r"^## .*\{#([a-z0-9-]+)\}$", markdown, flags=re.M)
    assert [a for a in anchors if a in PUBLISHED_ANCHORS] == PUBLISHED_ANCHORS
    assert anchors == list(SECTION_ANCHORS), "the page and SECTION_ANCHORS disagree"
    assert anchors[-1] == "sources"


def test_code_page_says_what_the_record_says_in_the_right_section(catalog):
    markdown = code_page(catalog, catalog.codes["97110"])
    meta = front_matter(markdown)
    assert meta["title"] == '"97110 Exercise"' and meta["last_reviewed"] == "2026-01-15"
    assert "# 97110 Exercise\n" in markdown
    assert "Exercise to build strength." in markdown.split("## ")[0]
    part = sections(markdown)
    assert "- Strength work" in part["covers"]
    assert "- The goal is strength." in part["choosing"]
    assert "[97530](97530.md)" in part["choosing"] and "The goal is a functional task." in part["choosing"]
    assert "Billed per 15 minutes." in part["units"] and "Timed" in part["units"]
    assert "Payable under a plan of care." in part["medicare"]
    assert "Total timed minutes." in part["documentation"]
    assert "(../faq.md#units-question)" in part["faq"] and "Pool the minutes." in part["faq"]
    assert "With [97530](97530.md)" in part["edits"] and "Distinct time blocks." in part["edits"]
    assert "column order not verified" in part["edits"]
    # The fixture records no modifier, payer note, pitfall or change: each section says so.
    for anchor in ("modifiers", "commercial", "pitfalls", "changes"):
        assert part[anchor].strip() and "<sup>" not in part[anchor], anchor
    assert "Medicare Claims Processing Manual, Chapter 5" in part["sources"]
    assert "Example Vendor" in part["sources"]


def test_a_code_page_never_links_to_itself(catalog):
    markdown = code_page(catalog, catalog.codes["97110"])
    assert "(97110.md" not in markdown and "97110/" not in markdown


def test_citations_are_numbered_in_order_of_first_use_and_marked(catalog):
    part = sections(code_page(catalog, catalog.codes["97110"]))
    # The summary cites the CMS manual first; the choosing claim is the first to cite the vendor guide.
    assert re.search(r'href="#source-cms-manual"[^>]*>\[1\]', part["covers"])
    assert re.search(r'href="#source-vendor-guide"[^>]*>\[2\]', part["choosing"])
    assert "partly verified" in part["choosing"]  # vendor-guide, confidence: partly
    listed = re.findall(r'id="source-([a-z0-9-]+)"', part["sources"])
    assert listed == ["cms-manual", "vendor-guide"]


def test_code_page_links_to_its_record_in_the_data_file(catalog):
    line = FIXTURE.read_text(encoding="utf-8").splitlines().index('  - code: "97110"') + 1
    url = record_url(catalog, 0, "https://github.com/example/reference/")
    assert url == f"https://github.com/example/reference/blob/main/data/codes.yaml#L{line}"
    assert f"[Suggest a correction to this record]({url}){{.edit-record}}" in code_page(catalog, catalog.codes["97110"], url)
    assert record_url(catalog, 0, "") is None
    assert ".edit-record" not in code_page(catalog, catalog.codes["97110"])


# --- Listing pages -------------------------------------------------------------------------

def test_faq_page_has_the_question_answer_codes_and_review_date(catalog):
    markdown = faq_page(catalog)
    entry = sections(markdown)["units-question"]
    assert markdown.count("## How many units? {#units-question}") == 1
    assert re.search(r"Pool the minutes\.<sup><a class=\"cite\" href=\"#source-cms-manual\"", entry)
    assert "Codes: [97110](codes/97110.md)." in entry
    assert 'Last reviewed <time datetime="2026-01-15">January 15, 2026</time>.' in entry
    assert 'id="source-cms-manual"' in sections(markdown)["sources"]


def test_checklist_page_has_a_box_per_item_and_links_its_codes(catalog):
    markdown = checklist_page(catalog)
    group = sections(markdown)["every-note"]
    assert "## Every note {#every-note}" in markdown
    item = re.search(r'<li id="minutes">.*</li>', group).group(0)
    assert '<input type="checkbox" name="minutes">' in item and "Total timed minutes." in item
    assert 'href="#source-cms-manual"' in item
    assert '<a href="../codes/97110/">97110</a>' in item  # raw HTML: a URL as built, not a .md path


def test_every_generated_page_has_front_matter_with_a_review_date(catalog):
    pages = generated_pages(catalog)
    assert {"codes/97110.md", "codes/97530.md", "families/procedures/index.md", "faq.md",
            "checklist.md", "codes/index.md"} <= set(pages)
    for path, markdown in pages.items():
        meta = front_matter(markdown)
        assert dt.date.fromisoformat(meta["last_reviewed"]), path
        assert meta["render_macros"] == "false", path  # data never reaches the template engine
        assert re.search(r"^# \S", markdown, flags=re.M), f"{path} has no page heading"


# --- Feed and What changed -----------------------------------------------------------------

def _with_changes(catalog: Catalog) -> Catalog:
    code = catalog.codes["97530"]
    changed = code.model_copy(update={"changes": [
        Change(date=dt.date(2025, 3, 1), text="Older change for the feed test."),
        Change(date=dt.date(2026, 1, 10), text="Newer change for the feed test.", sources=["cms-manual"])]})
    return with_records(catalog, codes=[catalog.codes["97110"], changed])


def test_feed_is_atom_with_newest_change_first(catalog):
    feed = ET.fromstring(atom_feed(_with_changes(catalog), "https://example.org/ref/").encode())
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}updated").text == "2026-01-10T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert [t.split(": ", 1)[1] for t in titles] == ["Newer change for the feed test.",
                                                     "Older change for the feed test."]
    assert all(t.startswith("97530 Activities") for t in titles)
    for entry in entries:
        dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text.replace("Z", "+00:00"))
        assert entry.find(f"{ATOM}link").get("href") == "https://example.org/ref/codes/97530/#changes"
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == 2


def test_changes_page_and_code_page_list_the_changes_newest_first(catalog):
    changed = _with_changes(catalog)
    page = changes_page(changed)
    assert page.index("## <time datetime=\"2026-01-10\"") < page.index("## <time datetime=\"2025-03-01\"")
    assert "[97530 Activities](codes/97530.md#changes): Newer change for the feed test." in page
    history = sections(code_page(changed, changed.codes["97530"]))["changes"]
    assert history.index("Newer change") < history.index("Older change")
    assert 'href="#source-cms-manual"' in history


# --- JSON API ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def api(catalog) -> dict[str, dict]:
    return {path.removeprefix(API_ROOT + "/"): json.loads(text) for path, text in export_files(catalog).items()}


def test_api_publishes_exactly_the_files_of_its_registry(api):
    kinds = {"codes/<code>.json" if name.startswith("codes/") else name for name in api}
    assert kinds | {"schema.json"} == set(API_FILES)  # the schema is written next to them
    assert set(api) >= {"codes/97110.json", "codes/97530.json"}
    assert set(api["index.json"]["files"]) == set(api) - {"index.json"}


def test_api_records_agree_with_the_fixture(api):
    codes = api["codes.json"]["codes"]
    assert [(c["code"], c["title"], c["billing_basis"]) for c in codes] == [
        ("97110", "Exercise", "timed_15"), ("97530", "Activities", "timed_15")]
    assert api["codes/97110.json"] == codes[0]
    assert codes[0]["url"] == "codes/97110/" and codes[0]["faq"] == ["units-question"]
    assert codes[0]["edits"] == ["pair"] and codes[0]["last_reviewed"] == "2026-01-15"
    edit = api["edits.json"]["edits"][0]
    assert edit["codes"] == ["97110", "97530"] and edit["column1"] is None and not edit["orientation_verified"]
    sources = {s["id"]: s for s in api["sources.json"]["sources"]}
    assert sources["payer-policy"]["read"] == {"how": "copy", "stored": False, "in": "https://mirror.example/policy-copy",
                                               "via": None, "date": "2026-01-10"}
    assert sources["payer-policy"]["kind"] == "primary" and sources["vendor-guide"]["kind"] == "secondary"
    assert sources["cms-transmittal"]["read"]["via"] == "vendor-guide"


def test_every_api_file_validates_against_the_schema_of_its_kind(api):
    schema = export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for name, document in api.items():
        definition = model_for_file(name).__name__
        jsonschema.Draft202012Validator({**schema, "oneOf": [{"$ref": f"#/$defs/{definition}"}]}).validate(document)


# --- Calculator and URLs -------------------------------------------------------------------

def test_calculator_rules_come_from_the_fixture(catalog):
    rules = calculator_rules(catalog)
    assert set(rules["codes"]) == {"97110", "97530"}
    assert rules["codes"]["97110"] == {"title": "Exercise", "basis": "timed_15", "family": "Procedures",
                                       "url": "../codes/97110/", "medicare_payable": True, "medicare_note": ""}
    # The pair's column order and indicator are not verified, so the calculator gets none.
    assert rules["edits"] == [{"codes": ["97110", "97530"], "column1": None, "column2": None,
                               "modifier_indicator": None, "text": "Column order not verified. Distinct time blocks."}]
    assert set(rules["methods"]) == {"medicare", "per-code"} and all(rules["methods"].values())


def test_public_urls_cover_every_code_section_and_api_file(catalog):
    urls = public_urls(catalog)
    for code in ("97110", "97530"):
        assert [u for u in urls if u.startswith(f"codes/{code}/#")] == [f"codes/{code}/#{a}" for a in SECTION_ANCHORS]
        assert f"{API_ROOT}/codes/{code}.json" in urls
    assert {"faq/#units-question", "checklist/#minutes", "checklist/#every-note", "edits/#pair",
            "families/procedures/"} <= set(urls)
    assert {f"{API_ROOT}/{name}" for name in API_FILES if "<" not in name} <= set(urls)
