"""Pages that gather records across codes: code index, families, comparisons, checklist, FAQ,
misconceptions."""

from __future__ import annotations

import datetime as dt

from ..catalog import Catalog
from ..model import Code, RetiredCode
from .figures import figure_lines
from .labels import BASIS_LABELS, MEDICARE_STATUS_LABELS, RETIRED_LABEL, myth_heading
from .markup import escape, long_date, newest, site_path, table
from .page import Page
from .paths import (CHECKLIST_PAGE, CODES_INDEX_PAGE, COMPARE_PAGE, FAQ_PAGE, MISCONCEPTIONS_PAGE,
                    code_checklist_path, code_page_path, family_page_path)
from .search_marks import FAMILY_CODE_WEIGHT, MYTH_HEADING_WEIGHT, not_searched
from .share_blocks import cite_box
from .page_head import Site
from .sharing import Citation


def code_rows(page: Page, codes: list[Code], with_family: bool) -> list[list[str]]:
    """One table row per code: number (linked), title, [family], billing basis, Medicare, reviewed."""
    rows = []
    for code in codes:
        row = [page.code_link(code.code), page.cell(code.title)]
        if with_family:
            family = page.catalog.families[code.family]
            row.append(f"[{page.cell(family.name)}]({page.link(family_page_path(family.id))})")
        row += [BASIS_LABELS[code.billing.basis], MEDICARE_STATUS_LABELS[code.medicare_status.status],
                long_date(code.last_reviewed)]
        rows.append(row)
    return rows


def retired_rows(page: Page, retired: list[RetiredCode], with_family: bool) -> list[list[str]]:
    """One table row per retired code: number (linked, marked retired), title, [family], when, replacement."""
    rows = []
    for code in retired:
        row = [f"{page.code_link(code.code)} ({RETIRED_LABEL})", page.cell(code.title)]
        if with_family:
            family = page.catalog.families[code.family]
            row.append(f"[{page.cell(family.name)}]({page.link(family_page_path(family.id))})")
        row += [long_date(code.retired), ", ".join(page.code_link(c) for c in code.replaced_by) or "none recorded"]
        rows.append(row)
    return rows


RETIRED_HEADERS = ["Code", "Title", "Retired on", "Replaced by"]


def codes_index_page(catalog: Catalog, today: dt.date | None = None) -> str:
    page = Page(catalog, CODES_INDEX_PAGE, today)
    body = [f"{len(catalog.codes)} codes in {len(catalog.codes_by_family)} families. Each code page says what "
            "the code covers, when a neighbouring code fits better, how units are counted, which edits and "
            "modifiers apply and what the note must document.", "",
            "## Families {#families}", ""]
    families = []
    for family_id in catalog.listed_families:
        family = catalog.families[family_id]
        numbers = ", ".join(page.code_link(c.code) for c in catalog.codes_by_family.get(family_id, []))
        retired = ", ".join(page.code_link(c.code) for c in catalog.retired_by_family.get(family_id, []))
        numbers += f"{'; ' if numbers and retired else ''}{RETIRED_LABEL}: {retired}" if retired else ""
        families.append(f"- **[{escape(family.name)}]({page.link(family_page_path(family_id))})**: "
                        f"{escape(family.summary)} ({numbers})")
    # These lists repeat what the family and code pages say: the search leads there.
    body += [not_searched("\n".join(families)), "", "## Every code {#all-codes}", "",
             not_searched(table(["Code", "Title", "Family", "Billing basis", "Medicare", "Last reviewed"],
                                code_rows(page, catalog.data.codes, with_family=True))), "",
             "## Retired codes {#retired}", ""]
    if catalog.data.retired_codes:
        body += ["Codes that are no longer valid. Each one's page says when it was retired and what replaced it.",
                 "", table(RETIRED_HEADERS[:2] + ["Family"] + RETIRED_HEADERS[2:],
                           retired_rows(page, catalog.data.retired_codes, with_family=True)), ""]
    else:
        body += ["No retired code is recorded on this site.", ""]
    return page.render("All codes", "Every billing code on this site, by family, with its billing basis.",
                       catalog.last_reviewed, body, sources=False)


def family_page(catalog: Catalog, family_id: str, today: dt.date | None = None) -> str:
    family = catalog.families[family_id]
    page = Page(catalog, family_page_path(family_id), today)
    codes = catalog.codes_by_family.get(family_id, [])
    retired = catalog.retired_by_family.get(family_id, [])
    body = [escape(family.summary), ""]
    if codes:
        rows = code_rows(page, codes, with_family=False)
        for row in rows:
            # The page is the list of these codes: their numbers weigh like headings in the
            # search, so "97161 97162 97163" finds the family page.
            row[0] = f'<span data-pagefind-weight="{FAMILY_CODE_WEIGHT}">{row[0]}</span>'
        body += [table(["Code", "Title", "Billing basis", "Medicare", "Last reviewed"], rows), ""]
    if retired:
        body += ["## Retired codes {#retired}", "", table(RETIRED_HEADERS, retired_rows(page, retired, False)), ""]
    body += [f"See also [all codes]({page.link(CODES_INDEX_PAGE)}) and the "
             f"[comparisons]({page.link(COMPARE_PAGE)}).", ""]
    reviewed = max(record.last_reviewed for record in [*codes, *retired])
    return page.render(family.name, family.summary, reviewed, body, sources=False)


def compare_page(catalog: Catalog, today: dt.date | None = None) -> str:
    page = Page(catalog, COMPARE_PAGE, today)
    body = ["Neighbouring codes side by side. Choose the code that matches what was done and why, "
            "never the one that pays more.", ""]
    for comparison in catalog.data.comparisons:
        headers = ["Aspect"] + [f"{page.code_link(c)} {page.cell(catalog.codes[c].title)}" for c in comparison.codes]
        rows = []
        for row in comparison.rows:
            cells = [page.cell(row.cells[c]) if c in row.cells else "—" for c in comparison.codes]
            rows.append([f"**{page.cell(row.aspect)}**{page.cite(row.sources, row.confidence)}"] + cells)
        body += page.record(escape(comparison.title), comparison.id,
                            [page.text(comparison.summary), "", table(headers, rows), ""], comparison.last_reviewed)
    body += ["## Every code at a glance {#at-a-glance}", "",
             "The billing basis of every code on this site, generated from the same data as the code pages.", "",
             not_searched(table(["Code", "Title", "Billing basis", "Medicare"],
                                [row[:4] for row in code_rows(page, catalog.data.codes, with_family=False)])), ""]
    return page.render("Compare codes", "Side-by-side comparisons of neighbouring therapy billing codes.",
                       max([catalog.last_reviewed, *(c.last_reviewed for c in catalog.data.comparisons)]), body)


def checklist_page(catalog: Catalog, today: dt.date | None = None) -> str:
    page = Page(catalog, CHECKLIST_PAGE, today)
    example = next((code.code for code in catalog.data.codes if code.checklist), None)
    one_code = (f' Each code also has a sheet of its own, the general items and the code\'s on one or two pages: '
                f'the <a href="{page.url(code_checklist_path(example))}">sheet for {example}</a>, for example, or the '
                "link in the Documentation section of any code's page.") if example else ""
    body = ['<p class="print-hint">Tick the boxes on screen, or print this page: it prints as one '
            f"column with empty boxes.{one_code}</p>", ""]
    for group in catalog.data.checklist:
        body += [f"## {escape(group.title)} {{#{group.id}}}", ""]
        if group.summary:
            body += [page.text(group.summary), ""]
        body.append('<ul class="checklist">')
        for item in group.items:
            codes = catalog.codes_by_checklist_item.get(item.id, [])
            applies = ""
            if codes:  # raw HTML: a Markdown link would not be rendered inside this list
                applies = " <span class=\"applies\">(" + ", ".join(
                    f'<a href="{page.url(code_page_path(c))}">{c}</a>' for c in codes) + ")</span>"
            label = escape(" ".join(item.text.split()))
            # The search index skips <label> text, so the item's words are also given to it
            # in an attribute it indexes (macros/search_index.py).
            body.append(f'<li id="{item.id}" data-pagefind-index-attrs="data-search-text" '
                        f'data-search-text="{label}"><label><input type="checkbox" name="{item.id}"> '
                        f"{label}</label>{page.cite(item.sources, item.confidence)}{applies}</li>")
        body += ["</ul>", ""]
    return page.render("Documentation checklist", "What a therapy note must document, item by item, with sources.",
                       newest(group.last_reviewed for group in catalog.data.checklist), body)


def faq_page(catalog: Catalog, today: dt.date | None = None, site: Site = Site()) -> str:
    """The FAQ; each answer with its citation (site: the published address and name)."""
    page = Page(catalog, FAQ_PAGE, today)
    body = ["Each answer has its own permanent link: use the question's anchor.", ""]
    for entry in catalog.data.faq:
        body += page.record(escape(entry.question), entry.id,
                            [f"{page.text(entry.answer)}{page.cite(entry.sources, entry.confidence)}",
                             *figure_lines(page, entry.figures), ""],
                            entry.last_reviewed, catalog.codes_by_faq.get(entry.id, []))
        citation = Citation(entry.question, site.address(f"{site_path(FAQ_PAGE)}#{entry.id}"), entry.last_reviewed,
                            site.name)
        body += cite_box(citation, folded="Cite this answer")
    return page.render("Frequently asked questions", "Answers to common questions about therapy billing codes.",
                       newest(entry.last_reviewed for entry in catalog.data.faq), body)


def misconceptions_page(catalog: Catalog, today: dt.date | None = None) -> str:
    page = Page(catalog, MISCONCEPTIONS_PAGE, today)
    body = ["Claims that circulate in articles and forum answers. Each heading is the mistaken claim, "
            "marked *Myth*; below it, what is right and where it comes from.", ""]
    for item in catalog.data.misconceptions:
        # The wrong claim is the heading, so the label is part of it: the table of contents,
        # the anchor's text and the search index all carry "Myth:".
        body += page.record(escape(myth_heading(item.claim)), item.id,
                            [f"**What is right:** {page.text(item.correction)}"
                             f"{page.cite(item.sources, item.confidence)}", ""], item.last_reviewed, item.codes,
                            search_weight=MYTH_HEADING_WEIGHT)
    return page.render("Common misconceptions",
                       "Claims often repeated about therapy billing codes, and what is right.",
                       newest(item.last_reviewed for item in catalog.data.misconceptions), body)
