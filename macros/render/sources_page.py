"""The list of every source, with the pages that cite it."""

from __future__ import annotations

from collections import defaultdict

from ..catalog import Catalog
from .labels import RETIRED_LABEL, authority_label, myth_heading
from .markup import escape, published_phrase, reading_phrase, relative, table
from .search_marks import SOURCE_TABLE_WEIGHT, weighted
from . import paths


def source_usage(catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    """Source id -> [(label, page path with anchor)], each place listed once, in data order."""
    # A dict per source as an ordered set: a source cited by every code has thousands of
    # places, and a membership test on a list made the table quadratic in the codes.
    used: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)

    def add(source_ids, label: str, target: str) -> None:
        for source_id in source_ids:
            used[source_id].setdefault((label, target), None)

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
        add(item.sources, myth_heading(item.claim[:60]), f"{paths.MISCONCEPTIONS_PAGE}#{item.id}")
    for example in catalog.data.examples:
        add(example.sources, "Example: " + example.title, f"{paths.UNITS_PAGE}#{example.id}")
    for technique in catalog.data.techniques:
        for claim in [technique.summary, *technique.coding, *([technique.not_billable] if technique.not_billable else [])]:
            add(claim.sources, "Technique: " + technique.name, f"{paths.TECHNIQUES_PAGE}#{technique.id}")
    for retired in catalog.data.retired_codes:
        add(retired.sources, f"{retired.code} ({RETIRED_LABEL})", paths.code_page_path(retired.code))
    return {source_id: list(places) for source_id, places in used.items()}


def sources_table(catalog: Catalog, page: str) -> str:
    """Every source: title, publisher, kind of authority, how it was read, and where the site uses it."""
    usage = source_usage(catalog)
    rows = []
    for source in catalog.data.sources:
        places = usage.get(source.id, [])
        where = ", ".join(f"[{escape(label)}]({relative(page, target)})" for label, target in places) or "—"
        # The places repeat FAQ questions and page titles: not searched here, so a search
        # leads to the places themselves.
        where = f"<span data-pagefind-ignore>{where}</span>"
        section = f" ({escape(source.section)})" if source.section else ""
        dated = published_phrase(source.published)
        link = f'<a href="{escape(source.url)}">{escape(source.title)}</a>'
        reading = reading_phrase(source, catalog.sources)
        if source.read.how == "quotation" and source.read.via:
            reading = f'{escape(reading)} (<a href="#source-{source.read.via}">see that source</a>)'
        elif source.read.how == "copy" and source.read.in_:
            reading = f'{escape(reading)} (<a href="{escape(source.read.in_)}">the copy</a>)'
        else:
            reading = escape(reading)
        rows.append([f'<span id="source-{source.id}"></span>{link}{section}{", " + dated if dated else ""}',
                     escape(source.publisher), authority_label(source),
                     reading[0].upper() + reading[1:], where.replace("|", "&#124;")])
    return weighted(table(["Source", "Publisher", "Authority", "How it was read", "Used on"], rows),
                    SOURCE_TABLE_WEIGHT, "source-table")
