"""The list of every source, with the pages that cite it."""

from __future__ import annotations

from collections import defaultdict

from ..catalog import Catalog
from .markup import escape, long_date, relative, table
from . import paths

SOURCE_TABLE_SEARCH_WEIGHT = 0.3


def source_usage(catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    """Source id -> [(label, page path with anchor)], each place listed once, in data order."""
    used: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def add(source_ids, label: str, target: str) -> None:
        for source_id in source_ids:
            if (label, target) not in used[source_id]:
                used[source_id].append((label, target))

    for code in catalog.data.codes:
        target = paths.code_page_path(code.code)
        claims = [code.summary, code.billing, code.techniques, code.choosing, code.medicare_status,
                  *code.medicare, *code.commercial, *code.pitfalls]
        for claim in claims:
            add(claim.sources, code.code, target)
        for change in code.changes:
            add(change.sources, code.code, target + "#changes")
    for comparison in catalog.data.comparisons:
        for row in comparison.rows:
            add(row.sources, "Compare: " + comparison.title, f"{paths.COMPARE_PAGE}#{comparison.id}")
    for group in catalog.data.checklist:
        for item in group.items:
            add(item.sources, "Checklist: " + group.title, f"{paths.CHECKLIST_PAGE}#{group.id}")
    for entry in catalog.data.faq:
        add(entry.sources, "FAQ: " + entry.question, f"{paths.FAQ_PAGE}#{entry.id}")
    for modifier in catalog.data.modifiers:
        add(modifier.sources, "Modifier " + modifier.id, f"{paths.MODIFIERS_PAGE}#modifier-{modifier.id.lower()}")
    for edit in catalog.data.edits:
        add(edit.sources, "Edit pair " + " + ".join(edit.codes), paths.EDITS_PAGE)
    for figure in catalog.data.yearly_figures:
        for value in figure.values:
            add(value.sources, f"{figure.name} {value.year}", f"{paths.FIGURES_PAGE}#{figure.id}")
    for item in catalog.data.misconceptions:
        add(item.sources, "Misconception: " + item.claim[:60], f"{paths.MISCONCEPTIONS_PAGE}#{item.id}")
    for example in catalog.data.examples:
        add(example.sources, "Example: " + example.title, f"{paths.UNITS_PAGE}#{example.id}")
    return dict(used)


def sources_table(catalog: Catalog, page: str) -> str:
    """Every source: title, publisher, kind, date seen, link, and where the site uses it."""
    usage = source_usage(catalog)
    rows = []
    for source in catalog.data.sources:
        places = usage.get(source.id, [])
        where = ", ".join(f"[{escape(label)}]({relative(page, target)})" for label, target in places) or "—"
        # The places repeat FAQ questions and page titles: not searchable here, so a search
        # leads to the places themselves.
        where = f"<span data-pagefind-ignore>{where}</span>"
        section = f" ({escape(source.section)})" if source.section else ""
        link = f'<a href="{escape(source.url)}">{escape(source.title)}</a>'
        rows.append([f'<span id="source-{source.id}"></span>{link}{section}',
                     escape(source.publisher), source.kind, long_date(source.seen), where.replace("|", "&#124;")])
    # The titles of the sources name every topic of the site: in the search they weigh
    # less than text (1), so that a search leads to what the site says, not to its list
    # of sources, which the about page's own headings still find.
    return (f'<div class="source-table" data-pagefind-weight="{SOURCE_TABLE_SEARCH_WEIGHT}" markdown>\n\n'
            + table(["Source", "Publisher", "Kind", "Seen", "Used on"], rows) + "\n\n</div>")
