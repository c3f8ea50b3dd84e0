"""Pages that gather records across codes: code index, families, comparisons, checklist, FAQ."""

from __future__ import annotations

from ..catalog import Catalog
from ..model import Code
from .code_page import BASIS_LABELS, MEDICARE_STATUS_LABELS
from .markup import Citations, cell, escape, front_matter, long_date, newest, page_url, relative, table, text
from .paths import (ABOUT_PAGE, CHECKLIST_PAGE, CODES_INDEX_PAGE, COMPARE_PAGE, FAQ_PAGE, MISCONCEPTIONS_PAGE,
                    code_page_path, family_page_path)


# How a misconception's heading starts, and its weight in the search index.
MYTH_LABEL = "Myth:"
MYTH_SEARCH_WEIGHT = 3
# Search weight of the code numbers listed on a family page.
FAMILY_CODE_SEARCH_WEIGHT = 4


def _linker(catalog: Catalog, page: str):
    def link_code(number: str) -> str | None:
        return relative(page, code_page_path(number)) if number in catalog.codes else None
    return link_code


def _citations(catalog: Catalog, page: str) -> Citations:
    return Citations(catalog.sources, page_url(page, ABOUT_PAGE) + "#confidence")


def code_rows(catalog: Catalog, codes: list[Code], page: str, with_family: bool) -> list[list[str]]:
    """One table row per code: number (linked), title, [family], billing basis, Medicare, reviewed."""
    rows = []
    for code in codes:
        row = [f"[{code.code}]({relative(page, code_page_path(code.code))})", cell(code.title)]
        if with_family:
            family = catalog.families[code.family]
            row.append(f"[{cell(family.name)}]({relative(page, family_page_path(family.id))})")
        row += [BASIS_LABELS[code.billing.basis], MEDICARE_STATUS_LABELS[code.medicare_status.status],
                long_date(code.last_reviewed)]
        rows.append(row)
    return rows


def not_searched(markdown: str) -> str:
    """Markdown left out of the search index: listings that repeat what the code pages say
    (the search leads to the code pages), and that grow with every code added."""
    return f'<div class="listing" data-pagefind-ignore markdown>\n\n{markdown}\n\n</div>'


def codes_table(catalog: Catalog, page: str) -> str:
    """Every code in one table (used on /codes/ and by the home page macro)."""
    headers = ["Code", "Title", "Family", "Billing basis", "Medicare", "Last reviewed"]
    return not_searched(table(headers, code_rows(catalog, catalog.data.codes, page, with_family=True)))


def codes_index_page(catalog: Catalog) -> str:
    page = CODES_INDEX_PAGE
    out = [front_matter("All codes", "Every billing code on this site, by family, with its billing basis.",
                       catalog.last_reviewed),
           "# All codes", "",
           f"{len(catalog.codes)} codes in {len(catalog.codes_by_family)} families. Each code page says what "
           "the code covers, when a neighbouring code fits better, how units are counted, which edits and "
           "modifiers apply and what the note must document.", "",
           "## Families {#families}", ""]
    families = []
    for family_id, codes in catalog.codes_by_family.items():
        family = catalog.families[family_id]
        numbers = ", ".join(f"[{c.code}]({relative(page, code_page_path(c.code))})" for c in codes)
        families.append(f"- **[{escape(family.name)}]({relative(page, family_page_path(family_id))})**: "
                        f"{escape(family.summary)} ({numbers})")
    out += [not_searched("\n".join(families)), "", "## Every code {#all-codes}", "", codes_table(catalog, page), ""]
    return "\n".join(out)


def family_page(catalog: Catalog, family_id: str) -> str:
    family = catalog.families[family_id]
    page = family_page_path(family_id)
    codes = catalog.codes_by_family[family_id]
    headers = ["Code", "Title", "Billing basis", "Medicare", "Last reviewed"]
    rows = code_rows(catalog, codes, page, with_family=False)
    for row in rows:
        # The page is the list of these codes: their numbers weigh like headings in the
        # search (text is 1, an <h2> 6), so "97161 97162 97163" finds the family page.
        row[0] = f'<span data-pagefind-weight="{FAMILY_CODE_SEARCH_WEIGHT}">{row[0]}</span>'
    return "\n".join([
        front_matter(family.name, family.summary, max(code.last_reviewed for code in codes)),
        f"# {escape(family.name)}", "", escape(family.summary), "",
        table(headers, rows), "",
        f"See also [all codes]({relative(page, CODES_INDEX_PAGE)}) and the "
        f"[comparisons]({relative(page, COMPARE_PAGE)}).", ""])


def compare_page(catalog: Catalog) -> str:
    page = COMPARE_PAGE
    link_code = _linker(catalog, page)
    cites = _citations(catalog, page)
    out = [front_matter("Compare codes", "Side-by-side comparisons of neighbouring therapy billing codes.",
                       max([catalog.last_reviewed, *(c.last_reviewed for c in catalog.data.comparisons)])),
           "# Compare codes", "",
           "Neighbouring codes side by side. Choose the code that matches what was done and why, "
           "never the one that pays more.", ""]
    for comparison in catalog.data.comparisons:
        headers = ["Aspect"] + [f"[{c}]({relative(page, code_page_path(c))}) {cell(catalog.codes[c].title)}"
                                for c in comparison.codes]
        rows = []
        for row in comparison.rows:
            cells = [cell(row.cells[c], link_code) if c in row.cells else "—" for c in comparison.codes]
            rows.append([f"**{cell(row.aspect)}**{cites.cite(row.sources, row.confidence)}"] + cells)
        out += [f"## {escape(comparison.title)} {{#{comparison.id}}}", "",
                text(comparison.summary, link_code), "", table(headers, rows), "",
                f"Last reviewed {long_date(comparison.last_reviewed)}.", ""]
    out += ["## Every code at a glance {#at-a-glance}", "",
            "The billing basis of every code on this site, generated from the same data as the code pages.", "",
            not_searched(table(["Code", "Title", "Billing basis", "Medicare"],
                               [r[:2] + r[2:4] for r in code_rows(catalog, catalog.data.codes, page,
                                                                  with_family=False)])),
            "", "## Sources {#sources}", "", cites.source_list(), ""]
    return "\n".join(out)


def checklist_page(catalog: Catalog) -> str:
    page = CHECKLIST_PAGE
    link_code = _linker(catalog, page)
    cites = _citations(catalog, page)
    out = [front_matter("Documentation checklist", "What a therapy note must document, item by item, with sources.",
                       newest(group.last_reviewed for group in catalog.data.checklist)),
           "# Documentation checklist", "",
           '<p class="print-hint">Tick the boxes on screen, or print this page: it prints as one '
           "column with empty boxes.</p>", ""]
    for group in catalog.data.checklist:
        out += [f"## {escape(group.title)} {{#{group.id}}}", ""]
        if group.summary:
            out += [text(group.summary, link_code), ""]
        out.append('<ul class="checklist">')
        for item in group.items:
            codes = catalog.codes_by_checklist_item.get(item.id, [])
            applies = ""
            if codes:
                applies = " <span class=\"applies\">(" + ", ".join(
                    f'<a href="{page_url(page, code_page_path(c))}">{c}</a>' for c in codes) + ")</span>"
            label = escape(' '.join(item.text.split()))
            # The search index skips <label> text, so the item's words are also given to it
            # in an attribute it indexes (macros/search_index.py).
            out.append(f'<li id="{item.id}" data-pagefind-index-attrs="data-search-text" '
                       f'data-search-text="{label}"><label><input type="checkbox" name="{item.id}"> '
                       f"{label}</label>{cites.cite(item.sources, item.confidence)}"
                       f"{applies}</li>")
        out += ["</ul>", ""]
    out += ["## Sources {#sources}", "", cites.source_list(), ""]
    return "\n".join(out)


def faq_page(catalog: Catalog) -> str:
    page = FAQ_PAGE
    link_code = _linker(catalog, page)
    cites = _citations(catalog, page)
    out = [front_matter("Frequently asked questions", "Answers to common questions about therapy billing codes.",
                       newest(entry.last_reviewed for entry in catalog.data.faq)),
           "# Frequently asked questions", "",
           "Each answer has its own permanent link: use the question's anchor.", ""]
    for entry in catalog.data.faq:
        codes = catalog.codes_by_faq.get(entry.id, [])
        out += [f"## {escape(entry.question)} {{#{entry.id}}}", "",
                f"{text(entry.answer, link_code)}{cites.cite(entry.sources, entry.confidence)}", ""]
        if codes:
            out += ["Codes: " + ", ".join(f"[{c}]({relative(page, code_page_path(c))})" for c in codes) + ".  "]
        out += [f"Last reviewed {long_date(entry.last_reviewed)}.", ""]
    out += ["## Sources {#sources}", "", cites.source_list(), ""]
    return "\n".join(out)


def misconceptions_page(catalog: Catalog) -> str:
    page = MISCONCEPTIONS_PAGE
    link_code = _linker(catalog, page)
    cites = _citations(catalog, page)
    out = [front_matter("Common misconceptions", "Claims often repeated about therapy billing codes, and what is right.",
                       newest(item.last_reviewed for item in catalog.data.misconceptions)),
           "# Common misconceptions", "",
           "Claims that circulate in articles and forum answers, each with what is right and where it comes "
           "from.", ""]
    for item in catalog.data.misconceptions:
        # The heading states the wrong claim, so it is labelled (the search shows headings as
        # result titles) and weighs less in the search than a heading that answers (6).
        out += [f"## {MYTH_LABEL} {escape(' '.join(item.claim.split()))} "
                f'{{#{item.id} data-pagefind-weight="{MYTH_SEARCH_WEIGHT}"}}', "",
                f"**What is right:** {text(item.correction, link_code)}{cites.cite(item.sources, item.confidence)}", ""]
        if item.codes:
            out += ["Codes: " + ", ".join(f"[{c}]({relative(page, code_page_path(c))})" for c in item.codes) + ".  "]
        out += [f"Last reviewed {long_date(item.last_reviewed)}.", ""]
    out += ["## Sources {#sources}", "", cites.source_list(), ""]
    return "\n".join(out)
