"""The printable note checklist of one code (/checklist/<code>/): the general items every
treatment note needs, then the code's own items, each with a box to tick, its sources and
how sure it is, the review date and a compact source list. It is made to fit on at most
two Letter pages (the print styles are in docs/assets/stylesheets/printing.css).
"""

from __future__ import annotations

import datetime as dt

from ..catalog import Catalog
from ..model import ChecklistGroup, ChecklistItem, Code
from .markup import escape, newest
from .page import Page
from .paths import CHECKLIST_PAGE, code_checklist_path, code_page_path

# The checklist group that holds what every treatment note needs, whatever the code: it
# heads every code's sheet, whole (a code record lists only the general items it stresses).
GENERAL_GROUP = "every-note"


def checklist_box(page: Page, item: ChecklistItem) -> str:
    """One item as a list entry with its box, its citation marks and how sure it is (raw HTML:
    Markdown is not rendered inside this list)."""
    return (f'<li id="{item.id}"><label><input type="checkbox" name="{item.id}"> '
            f"{escape(' '.join(item.text.split()))}</label>{page.cite(item.sources, item.confidence)}</li>")


def code_groups(catalog: Catalog, code: Code) -> list[tuple[ChecklistGroup, list[ChecklistItem]]]:
    """The code's own checklist items (those outside the general group), by group, in the order
    of the checklist. Found from the code's own items, not by scanning the whole checklist,
    which grows with the number of codes: a scan per code made the sheets quadratic."""
    positions = catalog.checklist_positions
    groups: dict[int, tuple[ChecklistGroup, list[ChecklistItem]]] = {}
    for group_index, item_index in sorted({positions[item_id] for item_id in code.checklist}):
        group = catalog.data.checklist[group_index]
        if group.id != GENERAL_GROUP:
            groups.setdefault(group_index, (group, []))[1].append(group.items[item_index])
    return list(groups.values())


def has_checklist(code: Code) -> bool:
    return bool(code.checklist)


def _compact_sources(page: Page) -> list[str]:
    """Numbered like the citation marks, one short line each: publisher, title, address."""
    lines = []
    for number, source_id in enumerate(page.cites.order, start=1):
        source = page.catalog.sources[source_id]
        url = escape(source.url)
        lines.append(f'<li id="source-{source.id}" value="{number}">{escape(source.publisher)}: '
                     f'{escape(source.title)}. <a href="{url}">{url}</a></li>')
    return ['<ol class="compact-sources">', *lines, "</ol>", ""]


def code_checklist_page(catalog: Catalog, code: Code, today: dt.date | None = None) -> str:
    page = Page(catalog, code_checklist_path(code.code), today)
    general = next((group for group in catalog.data.checklist if group.id == GENERAL_GROUP), None)
    own = code_groups(catalog, code)
    body = ['<div class="checklist-sheet" markdown>', "", f'<p class="print-hint">For {code.code} on one sheet: tick the boxes on screen, or print this page. '
            f'The full <a href="{page.url(CHECKLIST_PAGE)}">documentation checklist</a> covers every code; '
            f'<a href="{page.url(code_page_path(code.code))}">{code.code}\'s page</a> says why each item matters.</p>',
            ""]
    if general is not None:
        body += [f"## {escape(general.title)} {{#{general.id}}}", "", '<ul class="checklist">',
                 *(checklist_box(page, item) for item in general.items), "</ul>", ""]
    body += [f"## For {code.code} {{#code-items}}", ""]
    for group, items in own:
        body += [f"### {escape(group.title)}", "", '<ul class="checklist">',
                 *(checklist_box(page, item) for item in items), "</ul>", ""]
    if not own:
        body += [f"No item beyond the general ones is recorded for {code.code}.", ""]
    body += ["## Sources {#sources}", "", *_compact_sources(page), "</div>", ""]
    groups = ([general] if general else []) + [group for group, _ in own]
    return page.render(f"{code.code} note checklist",
                       f"What the treatment note should show when {code.code} ({code.title}) is billed: a printable "
                       "checklist with sources.",
                       newest(group.last_reviewed for group in groups),
                       body, heading=f"{code.code} note checklist: {escape(code.title)}", sources=False,
                       search_exclude=True)
