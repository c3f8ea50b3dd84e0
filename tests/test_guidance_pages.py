"""What a newcomer meets first, in the built site: a code page's key facts and its NCCI pairs
said once for sibling codes, the printable checklist of each code, yearly figures and FAQ
values year by year with their own marks, search results that start with the summary, the
home page's links and the 404 page's links.

Where the page is laid out or a script acts, the browser checks are in
tests/test_guidance_browser.py.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from macros.render.checklists import GENERAL_GROUP
from macros.render.labels import CLINICIAN_LABELS
from tests.conftest import visible_text
from tests.pagefind_index import fragments


def test_a_code_page_starts_with_who_medicare_pays_the_units_rule_and_the_main_conflict(built_page, catalog):
    page = built_page("codes/97140/")
    glance = page.select_one(".at-a-glance")
    text = visible_text(glance)
    # 97140's Medicare claims say a chiropractor's manual therapy is not covered.
    assert catalog.codes["97140"].medicare_payees.not_paid == ["chiropractor"]
    assert f"not paid when {CLINICIAN_LABELS['chiropractor']} furnish it" in text
    assert "Timed: units of 15 minutes" in text
    # "59 modifier" to a screen reader: the word is visually hidden.
    assert re.search(r"Same-day conflict: billed the same day as 98940, 98941 or 98942, an NCCI pair with 59( modifier)? or XS",
                     text), text
    # Right under the heading, before the legend and the rest; each line leads to its section.
    assert page.find("article").find("h1").find_next_sibling() is glance
    assert [a["href"] for a in glance.select("li > a[href^='#']")] == ["#medicare", "#units", "#edits"]
    assert glance.select("a.cite") and glance.select("a.confidence"), "the Medicare line names its sources"


def test_ncci_pairs_that_read_the_same_for_sibling_codes_are_said_once(built_page, catalog):
    edits = built_page("codes/97140/").find(id="edits").find_next("ul")
    items = [visible_text(li) for li in edits.find_all("li", recursive=False)]
    cmt = [item for item in items if "98940" in item]
    assert len(cmt) == 1 and cmt[0].startswith("With 98940, 98941 and 98942"), items
    assert sum("spinal CMT codes" in item for item in items) == 1
    evaluations = [item for item in items if "97161" in item]
    assert len(evaluations) == 1 and evaluations[0].startswith("With 97161, 97162 and 97163")
    # Every pair of the code is still named: the grouping loses no code.
    pairs = catalog.edits_by_code["97140"]
    assert all(next(c for c in edit.codes if c != "97140") in " ".join(items) for edit in pairs)
    # A CMT code's own page keeps its three different pairs apart.
    cmt_items = built_page("codes/98941/").find(id="edits").find_next("ul").find_all("li", recursive=False)
    assert len(cmt_items) == len(catalog.edits_by_code["98941"])


def test_every_code_with_checklist_items_has_a_printable_checklist_linked_from_its_page(built_page, catalog):
    general = next(group for group in catalog.data.checklist if group.id == GENERAL_GROUP)
    codes = [code for code in catalog.data.codes if code.checklist]
    assert codes
    for code in codes:
        sheet = built_page(f"checklist/{code.code}/")
        boxes = {box["name"] for box in sheet.select(".checklist-sheet ul.checklist input[type=checkbox]")}
        assert {item.id for item in general.items} <= boxes, code.code
        assert set(code.checklist) <= boxes, code.code
        assert sheet.select(".compact-sources li a[href^='https://']"), code.code
        assert sheet.select_one(".page-reviewed time"), code.code
        link = built_page(f"codes/{code.code}/").find(id="documentation").find_next("a", class_="checklist-link")
        assert link and link["href"] == f"../../checklist/{code.code}/", code.code


def test_search_results_show_a_code_pages_summary_and_skip_repeated_notices(site, catalog):
    records = fragments(site)
    for number in ("97140", "98941", "G0283"):
        code = catalog.codes[number]
        text = " ".join(records[f"/codes/{number}/"]["content"].split())
        summary = " ".join(code.summary.text.split())
        # The result's excerpt comes from the summary: the heading, then the summary's words.
        assert text.startswith(f"{number} "), (number, text[:200])
        assert summary[:60] in text[:len(summary) + 200], (number, text[:300])
    on_code_pages = " ".join(r["content"] for url, r in records.items() if url.startswith("/codes/"))
    assert "AMA-licensed source" not in on_code_pages, "the official-descriptor note is in the search index"
    # A code's printable checklist repeats the general items: it stays out of the index.
    assert (site / "checklist" / "97140" / "index.html").is_file()
    assert not [url for url in records if re.match(r"/checklist/[^#]", url)]


def test_yearly_figures_and_faq_values_carry_their_own_year_link_and_mark(built_page, catalog):
    entry = next(e for e in catalog.data.faq if e.figures)
    for url in ["faq/", *[f"codes/{c.code}/" for c in catalog.data.codes if entry.id in c.faq][:1]]:
        page = built_page(url)
        answer_links = [a for a in page.select("a[href*='yearly-figures/#']")]
        for figure_id in entry.figures:
            figure = next(f for f in catalog.data.yearly_figures if f.id == figure_id)
            for value in figure.values:
                anchor = f"{figure.id}-{value.year}"
                assert built_page("yearly-figures/").find(id=anchor) is not None
            newest = max(value.year for value in figure.values)
            link = next(a for a in answer_links if a["href"].endswith(f"#{figure.id}-{newest}"))
            # The value's own marks follow its link: sources, then how sure.
            marks = link.find_next_sibling("sup"), link.find_next_sibling("a")
            assert marks[0] and marks[0].select("a.cite"), (url, link)
            newest_value = next(v for v in figure.values if v.year == newest)
            assert f"confidence--{newest_value.confidence}" in marks[1]["class"], (url, link)
    # The answer itself restates no amount: the values are listed under it.
    answer = built_page("faq/").find(id=entry.id).find_next("p")
    assert not re.search(r"\$\d", visible_text(answer)), visible_text(answer)


def test_the_home_page_links_tasks_and_every_code(built_page, catalog):
    home = built_page("")
    tasks = [a["href"] for a in home.select("nav.home-tasks a")]
    assert tasks == ["calculator/", "compare/", "techniques/", "checklist/", "faq/"]
    assert home.select_one("[data-open-search]") is not None
    linked = {a["href"] for a in home.find(id="families").find_next("ul").select("a")}
    assert {f"codes/{code}/" for code in catalog.codes} <= linked


def test_the_404_page_links_onward_from_any_depth(site):
    page = (site / "404.html").read_text(encoding="utf-8")
    content = page[page.index('<article'):page.index('</article>')]
    links = re.findall(r'href="([^"]+)"', content)
    assert len(links) >= 6
    site_path = "/"  # the session build's site_url has no path; test_guidance_browser builds one that has
    for link in links:
        assert link.startswith(site_path), f"{link} is relative: it breaks below the site's top level"
        path = urlsplit(urljoin("http://host/", link)).path.lstrip("/")
        assert (site / path / "index.html").exists() or (site / path).is_file(), link
