"""The render layer on its own: tests/fixtures/valid-minimal.yaml in, Markdown and data out.

No site build: each test calls a pure function and runs in milliseconds. Every expected
value is written from the fixture's data (read the fixture next to these tests), never
taken from what a renderer returned.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from macros.catalog import Catalog, load_catalog
from macros.changes import atom_feed, changes_page
from macros.export import API_FILES, API_ROOT, export_files, export_schema, model_for_file
from macros.model import Change, Claim, FaqEntry, Misconception, YearlyFigure, YearValue
from macros.render.code_page import SECTION_ANCHORS, code_page
from macros.render.page import Page
from macros.render.examples import calculator_rules
from macros.render.markup import built_file
from macros.render.listings import checklist_page, codes_index_page, faq_page, family_page, misconceptions_page
from macros.render.retired_page import retired_code_page
from macros.render.rules import figures_page
from macros.render.sources_page import sources_table
from macros.render.techniques import techniques_page
from macros.render.years import utc_today
from macros.site import codes_nav, generated_pages, record_url
from macros.urls import public_urls

FIXTURE = Path(__file__).parent / "fixtures" / "valid-minimal.yaml"
ATOM = "{http://www.w3.org/2005/Atom}"

# The public section anchors of a code page, in page order, as CONTRIBUTING.md publishes them.
PUBLISHED_ANCHORS = ["covers", "choosing", "techniques", "units", "medicare", "commercial", "modifiers", "edits",
                     "documentation", "pitfalls", "faq", "changes", "cite", "embed", "sources"]


# A Markdown section heading and its anchor; attributes such as a search weight may follow.
HEADING = r"^## .*\{#([a-z0-9-]+)(?: [^}]*)?\}$"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FIXTURE)


def with_records(catalog: Catalog, **records) -> Catalog:
    """The fixture's catalog with some record lists replaced (the data stays typed)."""
    return Catalog(catalog.data.model_copy(update=records), catalog.document)


def sections(markdown: str) -> dict[str, str]:
    """'## Title {#anchor}' sections of a page: anchor -> the Markdown up to the next one."""
    parts = re.split(HEADING, markdown, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def front_matter(markdown: str) -> dict[str, str]:
    head = markdown.split("---\n")[1]
    return dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)


# --- Paths -----------------------------------------------------------------------------------

def test_the_built_file_of_a_page_is_where_mkdocs_writes_it():
    # Directory URLs: a page is written as index.html in a folder named after it.
    assert built_file("codes/97001.md") == "codes/97001/index.html"
    assert built_file("families/evaluations/index.md") == "families/evaluations/index.html"
    assert built_file("index.md") == "index.html"


# --- Code page -----------------------------------------------------------------------------

def test_code_page_sections_come_in_the_published_anchor_order(catalog):
    markdown = code_page(catalog, catalog.codes["97110"])
    anchors = re.findall(HEADING, markdown, flags=re.M)
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
    assert "[Cupping](../techniques.md#cupping)" in part["techniques"]


def test_a_code_page_never_links_to_itself(catalog):
    markdown = code_page(catalog, catalog.codes["97110"])
    assert "(97110.md" not in markdown
    # Raw HTML links (the page's own address is written out as text in its citation).
    targets = [posixpath.normpath(posixpath.join("codes/97110", href))
               for href in re.findall(r'href="([^"#]*)', markdown) if href and "://" not in href]
    assert "codes/97110" not in targets, targets


def test_citations_are_numbered_in_order_of_first_use_and_marked(catalog):
    part = sections(code_page(catalog, catalog.codes["97110"]))
    # The summary cites the CMS manual first; the choosing claim is the first to cite the vendor guide.
    assert re.search(r'href="#source-cms-manual"[^>]*>\[1\]', part["covers"])
    assert re.search(r'href="#source-vendor-guide"[^>]*>\[2\]', part["choosing"])
    assert "partly verified" in part["choosing"]  # vendor-guide, confidence: partly
    # The cupping technique's position naming 97110 cites the payer policy, in the next section.
    assert re.search(r'href="#source-payer-policy"[^>]*>\[3\]', part["techniques"])
    listed = re.findall(r'id="source-([a-z0-9-]+)"', part["sources"])
    assert listed == ["cms-manual", "vendor-guide", "payer-policy"]


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
    item = re.search(r'<li id="minutes"[^>]*>.*</li>', group).group(0)
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
            "families/procedures/", "techniques/", "techniques/#cupping", "techniques/#taping",
            "codes/97001/"} <= set(urls)
    assert {f"{API_ROOT}/{name}" for name in API_FILES if "<" not in name} <= set(urls)


# --- Technique finder ----------------------------------------------------------------------

def test_technique_finder_lists_every_technique_a_to_z_under_its_id(catalog):
    markdown = techniques_page(catalog)
    headings = re.findall(r"^## (.*) \{#([a-z0-9-]+)(?: [^}]*)?\}$", markdown, flags=re.M)
    assert headings == [("Cupping", "cupping"), ("Taping", "taping"), ("Sources", "sources")]
    entry = sections(markdown)
    assert "Also called: cups, myofascial decompression." in entry["cupping"]
    assert "Also called: kinesio taping." in entry["taping"]
    assert "Suction cups on the skin." in entry["cupping"] and "Tape on the skin." in entry["taping"]
    assert 'Last reviewed <time datetime="2026-01-15">' in entry["cupping"]


def test_technique_finder_shows_each_coding_position_and_says_when_sources_disagree(catalog):
    entry = sections(techniques_page(catalog))
    # Cupping has two positions (97110, and "no code applies"); taping has one.
    assert "disagree" in entry["cupping"].lower() and "disagree" not in entry["taping"].lower()
    positions = [line for line in entry["cupping"].splitlines() if line.startswith("- ")]
    assert len(positions) == 2
    assert "[97110](codes/97110.md)" in positions[0] and "One plan reports it with this code." in positions[0]
    assert 'href="#source-payer-policy"' in positions[0] and "✓ verified" in positions[0]
    assert "No code applies" in positions[1] and "Another says no code applies." in positions[1]
    assert "partly verified" in positions[1]
    assert "[97530](codes/97530.md)" in entry["taping"]


def test_technique_finder_says_what_is_never_separately_billable(catalog):
    cupping = next(t for t in catalog.data.techniques if t.id == "cupping")
    extra = cupping.model_copy(update={"not_billable": Claim(text="Cup removal on its own.", sources=["cms-manual"],
                                                             confidence="verified")})
    entry = sections(techniques_page(with_records(catalog, techniques=[extra])))["cupping"]
    assert re.search(r"Never separately billable.*Cup removal on its own\.<sup>", entry)
    assert "never separately billable" not in sections(techniques_page(catalog))["cupping"].lower()


def test_technique_finder_opens_with_an_a_to_z_index(catalog):
    markdown = techniques_page(catalog)
    index = re.search(r'<nav class="az-index".*?</nav>', markdown).group(0)
    assert markdown.index(index) < markdown.index("## Cupping")
    letters = re.findall(r"<li[^>]*>(?:<a href=\"#([a-z0-9-]+)\">)?([A-Z#])", index)
    assert [letter for _, letter in letters] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert {letter: target for target, letter in letters if target} == {"C": "cupping", "T": "taping"}


def test_each_code_page_lists_the_techniques_that_name_it(catalog):
    exercise = sections(code_page(catalog, catalog.codes["97110"]))["techniques"]
    activities = sections(code_page(catalog, catalog.codes["97530"]))["techniques"]
    assert "[Cupping](../techniques.md#cupping)" in exercise and "Taping" not in exercise
    assert "One plan reports it with this code." in exercise and "disagree" in exercise
    assert "[Taping](../techniques.md#taping)" in activities and "Cupping" not in activities
    assert "disagree" not in activities
    nobody = with_records(catalog, techniques=[])
    assert "No technique" in sections(code_page(nobody, nobody.codes["97110"]))["techniques"]


def test_api_exports_techniques(api):
    techniques = {t["id"]: t for t in api["techniques.json"]["techniques"]}
    assert list(techniques) == ["cupping", "taping"]
    assert techniques["cupping"]["aliases"] == ["cups", "myofascial decompression"]
    assert techniques["cupping"]["sources_disagree"] and not techniques["taping"]["sources_disagree"]
    assert [p["codes"] for p in techniques["cupping"]["coding"]] == [["97110"], []]
    assert techniques["cupping"]["url"] == "techniques/#cupping"
    codes = {c["code"]: c for c in api["codes.json"]["codes"]}
    assert codes["97110"]["techniques"] == ["cupping"] and codes["97530"]["techniques"] == ["taping"]


# --- Retired codes -------------------------------------------------------------------------

def test_a_retired_code_page_says_when_and_what_replaced_it(catalog):
    markdown = retired_code_page(catalog, catalog.retired_codes["97001"])
    assert front_matter(markdown)["title"] == '"97001 Old evaluation (retired)"'
    assert re.search(r"retired on <time datetime=\"2017-01-01\">January 1, 2017</time>", markdown)
    assert "[97110](97110.md)" in markdown  # the replacement, linked
    assert re.search(r"Replaced by the newer code\.<sup><a class=\"cite\" href=\"#source-payer-policy\"", markdown)
    assert 'Last reviewed:** <time datetime="2026-01-15">' in markdown
    assert 'id="source-payer-policy"' in sections(markdown)["sources"]
    # Links into the sections the code's page had while it was current still land here.
    for anchor in PUBLISHED_ANCHORS:
        assert f'id="{anchor}"' in markdown or f"{{#{anchor}}}" in markdown, anchor


def test_retired_codes_are_listed_on_their_family_page_the_index_and_in_the_nav(catalog):
    family = family_page(catalog, "procedures")
    assert re.search(r"\| \[97001\]\(\.\./\.\./codes/97001\.md\) \(retired\) \| Old evaluation \|", family)
    index = sections(codes_index_page(catalog))
    assert "[97001](97001.md) (retired)" in index["retired"] and "January 1, 2017" in index["retired"]
    assert "97001" not in index["all-codes"]  # the table of current codes stays current
    procedures = codes_nav(catalog)[1]["Procedures"]
    assert {"97001 Old evaluation (retired)": "codes/97001.md"} in procedures
    assert "codes/97001.md" in generated_pages(catalog)


def test_api_exports_retired_codes_apart_from_current_ones(api):
    assert api["retired_codes.json"]["retired_codes"] == [{
        "code": "97001", "status": "retired", "title": "Old evaluation", "family": "procedures",
        "family_name": "Procedures", "url": "codes/97001/", "retired": "2017-01-01", "replaced_by": ["97110"],
        "text": "Replaced by the newer code.", "sources": ["payer-policy"], "confidence": "verified",
        "last_reviewed": "2026-01-15"}]
    assert "97001" not in [c["code"] for c in api["codes.json"]["codes"]]


# --- Misconceptions ------------------------------------------------------------------------

MYTH = Misconception(id="untimed-is-timed", claim="Hot packs are billed per 15 minutes.",
                     correction="They are one unit per session.", codes=["97110"], sources=["cms-manual"],
                     confidence="verified", last_reviewed=dt.date(2026, 1, 15))


def test_misconception_headings_carry_the_myth_label(catalog):
    markdown = misconceptions_page(with_records(catalog, misconceptions=[MYTH]))
    assert re.search(r"^## Myth: Hot packs are billed per 15 minutes\. \{#untimed-is-timed[ }]", markdown, flags=re.M)
    assert "They are one unit per session." in sections(markdown)["untimed-is-timed"]
    about = sources_table(with_records(catalog, misconceptions=[MYTH]), "about.md")
    assert "Hot packs are billed" in about and "Myth: Hot packs are billed" in about


def test_api_misconceptions_carry_the_myth_label(catalog):
    files = export_files(with_records(catalog, misconceptions=[MYTH]))
    record = json.loads(files[f"{API_ROOT}/misconceptions.json"])["misconceptions"][0]
    assert record["label"] == "Myth" and record["heading"] == "Myth: Hot packs are billed per 15 minutes."
    assert record["url"] == "misconceptions/#untimed-is-timed"


# --- Yearly figures and the missing year ---------------------------------------------------

KX = YearlyFigure(id="kx", name="KX threshold", unit="USD", summary="The yearly amount.",
                  values=[YearValue(year=2025, value=2410, sources=["cms-manual"], confidence="verified"),
                          YearValue(year=2026, value=2480, sources=["vendor-guide"], confidence="partly")],
                  last_reviewed=dt.date(2026, 1, 15))


def _figure_rows(markdown: str, figure_id: str = "kx") -> list[tuple[str, str]]:
    """(year, start of the value cell) of each row of a figure's table, under its anchor."""
    return [(year, cell) for year, shown, cell in
            re.findall(rf'<tr id="{figure_id}-(20\d\d)"><th scope="row">(20\d\d)</th><td>([^<]*)', markdown)
            if year == shown]


def test_figures_page_says_when_this_years_figure_is_missing(catalog):
    markdown = figures_page(with_records(catalog, yearly_figures=[KX]), today=dt.date(2027, 3, 1))
    assert "Latest year recorded: 2026." in markdown
    assert "No 2027 figure is recorded yet" in markdown
    rows = _figure_rows(markdown)
    assert [year for year, _ in rows] == ["2027", "2026", "2025"]
    assert rows[0] == ("2027", "not recorded yet")


def test_figures_page_says_nothing_is_missing_when_this_year_is_recorded(catalog):
    markdown = figures_page(with_records(catalog, yearly_figures=[KX]), today=dt.date(2026, 6, 1))
    assert "Latest year recorded: 2026." in markdown and "not recorded yet" not in markdown
    assert [year for year, _ in _figure_rows(markdown)] == ["2026", "2025"]


def test_from_november_next_years_figure_is_expected(catalog):
    markdown = figures_page(with_records(catalog, yearly_figures=[KX]), today=dt.date(2026, 11, 15))
    assert "No 2027 figure is recorded yet" in markdown and "November" in markdown
    october = figures_page(with_records(catalog, yearly_figures=[KX]), today=dt.date(2026, 10, 31))
    assert "No 2027 figure" not in october


def test_today_defaults_to_the_date_in_utc(catalog):
    figures = with_records(catalog, yearly_figures=[KX])
    assert utc_today() == dt.datetime.now(dt.timezone.utc).date()
    assert figures_page(figures) == figures_page(figures, today=dt.datetime.now(dt.timezone.utc).date())


def test_a_page_quoting_a_yearly_figure_says_its_latest_year(catalog):
    quoting = FaqEntry(id="kx-amount", question="What is the KX threshold?", answer="It was $2,410 in 2025.",
                       sources=["cms-manual"], confidence="verified", last_reviewed=dt.date(2026, 1, 15))
    data = with_records(catalog, yearly_figures=[KX], faq=[*catalog.data.faq, quoting])
    markdown = faq_page(data, today=dt.date(2027, 2, 1))
    note = markdown[:markdown.index("## ")]
    assert "[KX threshold](yearly-figures.md#kx)" in note
    assert "Latest year recorded: 2026." in note and "No 2027 figure is recorded yet" in note
    # A page that quotes no figure gets no note.
    assert "Latest year recorded" not in faq_page(with_records(catalog, yearly_figures=[KX]), today=dt.date(2027, 2, 1))


# --- Confidence legend ---------------------------------------------------------------------

def test_every_page_with_confidence_marks_explains_both_marks(catalog):
    for path, markdown in generated_pages(catalog).items():
        legends = re.findall(r'<p class="confidence-legend"[^>]*>.*?</p>', markdown)
        marks = len(re.findall(r'class="confidence confidence--', markdown))
        if marks == 0:
            assert not legends, f"{path} explains marks it does not show"
            continue
        assert len(legends) == 1, f"{path} shows confidence marks without the legend"
        legend = legends[0]
        assert "✓ verified" in legend and "partly verified" in legend, path
        assert len(re.findall(r'href="(?:\.\./)*about/#confidence"', legend)) == 2, path
        assert markdown.index(legend) < markdown.index("\n## "), f"{path}: the legend should come before the content"
    assert "confidence-legend" not in generated_pages(catalog)["codes/index.md"]



def test_modifier_links_say_modifier_to_screen_readers_and_link_audits(catalog):
    """A bare "GO" or "59" as link text says nothing out of context (Lighthouse's link-text
    audit fails "go"): a link to a modifier carries the hidden word "modifier"."""
    page = Page(catalog, "codes/97110.md")
    assert page.modifier_link("GO") == '[GO<span class="visually-hidden"> modifier</span>](../modifiers.md#modifier-go)'
