"""The built site (parsed HTML, not Markdown) agrees with data/codes.yaml."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from macros.render.code_page import SECTION_ANCHORS
from tests.conftest import section, visible_text

CORE_CODES = ["97140", "97124", "97112", "97110", "97530"]


def test_core_pages_exist(built_page):
    for url in [f"codes/{code}/" for code in CORE_CODES] + ["compare/", "checklist/", "faq/", "codes/", "about/"]:
        assert built_page(url).find("h1"), f"/{url} has no heading"


def test_every_code_has_a_page_with_its_number_title_and_summary(built_page, catalog):
    for code in catalog.data.codes:
        soup = built_page(f"codes/{code.code}/")
        heading = visible_text(soup.find("h1"))
        assert heading.startswith(code.code) and code.title in heading
        body = visible_text(soup.find("article"))
        assert " ".join(code.summary.text.split()) in body
        assert " ".join(code.billing.text.split()) in body


def test_every_code_page_has_every_public_section_anchor(built_page, catalog):
    for code in catalog.data.codes:
        soup = built_page(f"codes/{code.code}/")
        missing = [anchor for anchor in SECTION_ANCHORS if soup.find(id=anchor) is None]
        assert not missing, f"/codes/{code.code}/ lacks anchors {missing}"


def test_code_page_lists_its_checklist_items_faq_and_neighbours(built_page, catalog):
    for code in catalog.data.codes:
        soup = built_page(f"codes/{code.code}/")
        docs = visible_text(section(soup, "documentation"))
        for item_id in code.checklist:
            assert " ".join(catalog.checklist_items[item_id][1].text.split()) in docs
        faq = section(soup, "faq")
        for faq_id in code.faq:
            assert faq.find("a", href=lambda h: h and h.endswith(f"faq/#{faq_id}")), \
                f"/codes/{code.code}/ does not link FAQ entry {faq_id}"
        choosing = section(soup, "choosing")
        for neighbour in code.choosing.neighbours:
            assert choosing.find("a", href=lambda h: h and f"/{neighbour.code}/" in h), \
                f"/codes/{code.code}/ does not link neighbour {neighbour.code}"


def test_every_claim_on_a_code_page_cites_a_listed_source(built_page, catalog):
    for code in catalog.data.codes:
        soup = built_page(f"codes/{code.code}/")
        cited = {a["href"].removeprefix("#source-") for a in soup.select("a.cite")}
        assert cited, f"/codes/{code.code}/ cites nothing"
        listed = {node["id"].removeprefix("source-") for node in soup.select('[id^="source-"]')}
        assert cited <= listed, f"/codes/{code.code}/ cites sources missing from its list: {cited - listed}"
        assert code.summary.sources[0] in cited


def test_partly_verified_claims_are_marked(built_page, catalog):
    for code in catalog.data.codes:
        partly = [c for c in [code.summary, code.billing, *code.medicare, *code.commercial, *code.pitfalls]
                  if c.confidence == "partly"]
        marks = built_page(f"codes/{code.code}/").select("a.confidence--partly")
        assert len(marks) >= len(partly), f"/codes/{code.code}/ shows fewer partly marks than partly claims"


def test_comparison_tables_match_the_data(built_page, catalog):
    soup = built_page("compare/")
    assert catalog.data.comparisons, "the data has no comparisons"
    for comparison in catalog.data.comparisons:
        heading = soup.find(id=comparison.id)
        assert heading is not None, f"/compare/ lacks #{comparison.id}"
        table = heading.find_next("table")
        header = [visible_text(th) for th in table.find("thead").find_all("th")]
        assert [h.split()[0] for h in header[1:]] == comparison.codes
        body_rows = table.find("tbody").find_all("tr")
        assert len(body_rows) == len(comparison.rows)
        for row, data_row in zip(body_rows, comparison.rows):
            cells = [visible_text(td) for td in row.find_all("td")]
            assert cells[0].startswith(data_row.aspect)
            for code, cell in zip(comparison.codes, cells[1:]):
                expected = " ".join(data_row.cells[code].split()) if code in data_row.cells else "—"
                assert cell == expected, f"{comparison.id} / {data_row.aspect} / {code}"


def test_required_comparisons_exist(catalog):
    sets = [set(c.codes) for c in catalog.data.comparisons]
    assert {"97140", "97124", "97112"} in sets
    assert {"97110", "97530", "97112"} in sets


def test_at_a_glance_table_has_one_row_per_code(built_page, catalog):
    table = built_page("compare/").find(id="at-a-glance").find_next("table")
    numbers = [visible_text(tr.find("td")) for tr in table.find("tbody").find_all("tr")]
    assert numbers == [code.code for code in catalog.data.codes]


def test_codes_index_lists_every_code_with_its_family(built_page, catalog):
    table = built_page("codes/").find(id="all-codes").find_next("table")
    rows = {visible_text(tr.find("td")): [visible_text(td) for td in tr.find_all("td")]
            for tr in table.find("tbody").find_all("tr")}
    assert list(rows) == [code.code for code in catalog.data.codes]
    for code in catalog.data.codes:
        assert rows[code.code][1] == code.title
        assert rows[code.code][2] == catalog.families[code.family].name


def test_checklist_page_has_every_item_with_a_checkbox_and_a_source(built_page, catalog):
    soup = built_page("checklist/")
    for group in catalog.data.checklist:
        assert soup.find(id=group.id), f"/checklist/ lacks group #{group.id}"
        for item in group.items:
            node = soup.find(id=item.id)
            assert node is not None, f"/checklist/ lacks item #{item.id}"
            assert node.find("input", type="checkbox") and node.find("label")
            assert " ".join(item.text.split()) in visible_text(node)
            assert node.select("a.cite"), f"checklist item {item.id} has no source"


def test_faq_page_has_every_entry_with_its_anchor_answer_and_codes(built_page, catalog):
    soup = built_page("faq/")
    for entry in catalog.data.faq:
        heading = soup.find(id=entry.id)
        assert heading is not None and heading.name == "h2", f"/faq/ lacks #{entry.id}"
        assert visible_text(heading).startswith(entry.question)
        answer = heading.find_next("p")
        assert " ".join(entry.answer.split()) in visible_text(answer)
        assert answer.select("a.cite")


def test_every_page_carries_the_trademark_and_not_advice_notices(site):
    for file in site.rglob("*.html"):
        footer = file.read_text(encoding="utf-8")
        if file.name == "404.html" or 'http-equiv="refresh"' in footer:  # redirect stubs have no content
            continue
        assert "CPT® is a registered trademark of the American Medical Association" in footer, file
        assert "not billing, legal or payer-specific advice" in footer, file


def test_no_page_shows_a_macro_error_or_raw_template(site):
    for file in site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        assert "Macro Rendering Error" not in html and "Macro Syntax Error" not in html, file
        assert "{{" not in html.replace("{{ ", "") or "{%" not in html, file


def test_internal_links_resolve(site, built_page):
    """Every href to this site points at a built file (and its anchor exists)."""
    ids: dict = {}
    broken = []
    for file in sorted(site.rglob("*.html")):
        soup = built_page(file.relative_to(site).as_posix())
        base = "/" + file.relative_to(site).as_posix()
        for a in soup.find_all("a", href=True):
            href = a["href"]
            if href.startswith(("http://", "https://", "mailto:", "javascript:")):
                continue
            url = urlsplit(urljoin(base, href))
            target = site / url.path.lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{base} -> {href}")
                continue
            if url.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {n["id"] for n in built_page(target.relative_to(site).as_posix()).find_all(id=True)}
                if url.fragment not in ids[target]:
                    broken.append(f"{base} -> {href} (no such anchor)")
    assert not broken, "broken internal links:\n" + "\n".join(broken[:50])


def test_sidebar_stays_small_on_code_pages(built_page, catalog):
    """Navigation is pruned: a code page lists its own family's codes, not every code."""
    for code in catalog.data.codes:
        nav = built_page(f"codes/{code.code}/").select_one("nav.md-nav--primary")
        linked = {a["href"] for a in nav.find_all("a", href=True)}
        other_families = [c for c in catalog.data.codes if c.family != code.family]
        leaked = [c.code for c in other_families if any(h.rstrip("/").endswith(f"/{c.code}") for h in linked)]
        assert not leaked, f"/codes/{code.code}/ sidebar lists codes of other families: {leaked}"



def test_every_page_shows_when_it_was_last_reviewed(site, built_page):
    for file in site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        if file.name == "404.html" or 'http-equiv="refresh"' in html:
            continue
        note = built_page(file.relative_to(site).as_posix()).select_one("p.page-reviewed time[datetime]")
        assert note is not None, f"{file.relative_to(site)} does not show its review date"


def test_a_hand_written_page_without_a_review_date_fails_the_build(project_copy, tmp_path):
    from tests.conftest import build_site
    project = project_copy
    page = project / "docs" / "how-to-use.md"
    page.write_text(re.sub(r"^last_reviewed: .*\n", "", page.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/how-to-use.md needs 'last_reviewed" in result.stdout + result.stderr


# Link texts that say nothing out of context (Lighthouse's link-text audit, in English).
GENERIC_LINK_TEXTS = {"click here", "click this", "go", "here", "information", "learn more", "more", "more info",
                      "more information", "right here", "read more", "see more", "start", "this"}


def test_no_link_text_is_a_generic_word(site, built_page):
    generic = []
    for page in sorted(site.rglob("*.html")):
        for link in built_page(page.relative_to(site).as_posix()).select("article a[href]"):
            text = " ".join(link.get_text(" ").split()).lower()
            if text in GENERIC_LINK_TEXTS:
                generic.append(f"/{page.relative_to(site)}: {text!r} -> {link['href']}")
    assert not generic, "\n".join(generic[:20])
