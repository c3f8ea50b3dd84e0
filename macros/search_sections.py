"""Pages indexed entry by entry: each section of a list page becomes its own search record.

Pagefind keeps one fragment per record, the text of a whole page, and the browser loads
the fragment of every result it ranks. The FAQ, the documentation checklist and the other
lists grow with the data (thousands of entries at 3000 codes), so one record per page
would make a search that touches them load the whole list. Indexed section by section,
a search loads only the entries it shows, and each entry is ranked on its own words.

Pure functions: page HTML in, records out (macros/mkdocs_hooks.py collects them while
the pages are rendered; macros/search_index.py adds them to the index).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser

from .render import paths

# The list pages: every section is an entry that answers its own question.
SECTIONED_PAGES = frozenset({
    paths.FAQ_PAGE, paths.CHECKLIST_PAGE, paths.MODIFIERS_PAGE, paths.MISCONCEPTIONS_PAGE,
    paths.FIGURES_PAGE, paths.COMPARE_PAGE, paths.TECHNIQUES_PAGE,
})

# Search weight of the page title added to each of its sections (text is 1, an <h2> 6).
PAGE_TITLE_WEIGHT = 2

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class SearchRecord:
    url: str   # site URL from the root: "/faq/" for the page's opening, "/faq/#id" for a section
    html: str  # a whole HTML document for Pagefind


class _HeadingFinder(HTMLParser):
    """Offsets of the headings with an id that stand at the top level of the content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found: list[tuple[tuple[int, int], str]] = []  # ((line, column), id)

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _HEADINGS and self.depth == 0:
            anchor = dict(attrs).get("id")
            if anchor:
                self.found.append((self.getpos(), anchor))
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs) -> None:
        pass

    def handle_endtag(self, tag) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)


def split_sections(content: str) -> list[tuple[str | None, str]]:
    """[(anchor id or None for the opening, HTML)]: the content cut before each top-level
    heading that has an id. The first part holds what precedes the first such heading
    except when that heading is the page's <h1>, which opens the page."""
    finder = _HeadingFinder()
    finder.feed(content)
    finder.close()
    line_starts = [0]
    for line in content.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    cuts = [(line_starts[line - 1] + column, anchor) for (line, column), anchor in finder.found]
    parts: list[tuple[str | None, str]] = []
    start, current = 0, None
    for offset, anchor in cuts:
        if content[offset:offset + 3].lower() == "<h1":
            continue  # the page title belongs to the opening
        if content[start:offset].strip():
            parts.append((current, content[start:offset]))
        start, current = offset, anchor
    if content[start:].strip():
        parts.append((current, content[start:]))
    return parts


def section_records(page_url: str, page_title: str, content: str) -> list[SearchRecord]:
    """The search records of one list page (page_url as MkDocs gives it: 'faq/')."""
    base = "/" + page_url.lstrip("/")
    title = html.escape(" ".join(page_title.split()), quote=True)
    records = []
    for anchor, part in split_sections(content):
        url = base if anchor is None else f"{base}#{anchor}"
        if anchor is not None:
            # A section is found under its page ("Modifiers", "AT: ..."), as it was when the
            # page was one record: the page title follows the heading, weighted low.
            end = part.lower().find("</h")
            close = part.find(">", end) + 1 if end >= 0 else 0
            part = (f'{part[:close]}<p data-pagefind-weight="{PAGE_TITLE_WEIGHT}">{title}</p>'
                    f"{part[close:]}")
        records.append(SearchRecord(url, (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><div data-pagefind-body>"
            f'<span data-pagefind-meta="title:{title}" hidden></span>{part}</div></body></html>')))
    return records
