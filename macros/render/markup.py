"""Small, guarded building blocks for generated Markdown.

Every string from the data passes through `text()` or `cell()` before it reaches a
page: HTML-significant characters and attribute-list braces become entities, so data
is always shown as text and never becomes markup. The Markdown subset left to authors
is emphasis and strong emphasis.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from collections.abc import Callable, Iterable

from ..model import Source
from .search_marks import NOT_INDEXED  # noqa: F401  (page furniture kept out of the search)
from .labels import CONFIDENCE_MARKS, authority_label

# A code number in text: 5 digits, or 4 digits and F, T or U (written \d{4}[\dFTU]: the same
# matches as \d{5}|\d{4}[FTU], and the engine no longer tries two branches at each digit).
_CODE_MENTION = re.compile(r"(?<![\w$.,/-])(\d{4}[\dFTU]|[A-V]\d{4})(?![\w/])")

# Code number -> site path of its page ("codes/97140.md"); None means "do not link".
CodeLinker = Callable[[str], "str | None"]


# Characters that would let data become markup once Markdown runs: braces open attribute
# lists ({: onclick=...}); square brackets make links and images, including reference
# definitions ([x]: javascript:...) that no inline check would see; backslashes undo escapes.
_MARKDOWN_ACTIVE = (("{", "&#123;"), ("}", "&#125;"), ("[", "&#91;"), ("]", "&#93;"), ("\\", "&#92;"))


def escape(value: str) -> str:
    """Escape a data string so Markdown and HTML show it as text (emphasis survives)."""
    escaped = html.escape(value, quote=True)
    # One str.replace per character rather than str.translate: translate to multi-character
    # entities takes CPython's slow path, about six times slower, and every string of every
    # generated page passes through here. No entity contains a character replaced after
    # it, so the order does not matter.
    for character, entity in _MARKDOWN_ACTIVE:
        escaped = escaped.replace(character, entity)
    return escaped


def text(value: str, link_code: CodeLinker | None = None) -> str:
    """A data string as inline Markdown, with code numbers linked to their pages."""
    flat = " ".join(value.split())
    escaped = escape(flat)
    if link_code is None:
        return escaped

    def replace(match: re.Match[str]) -> str:
        target = link_code(match.group(1))
        return f"[{match.group(1)}]({target})" if target else match.group(1)

    return _CODE_MENTION.sub(replace, escaped)


def cell(value: str, link_code: CodeLinker | None = None) -> str:
    """A data string for a Markdown table cell (no pipes, no line breaks)."""
    return text(value, link_code).replace("|", "&#124;")


@functools.lru_cache(maxsize=65536)
def relpath(path: str, start: str) -> str:
    """posixpath.relpath for two paths relative to the same root ('codes/97140.md' from
    'codes' -> '97140.md').

    posixpath.relpath makes both paths absolute first (a getcwd() call each); the site's
    paths are all relative to the docs or site root, so the common root cancels out and the
    parts can be compared directly: the same answer, several times faster, and a generated
    site computes a few hundred thousand links. An empty or absolute path, or one that
    leaves the root ('../x'), goes to posixpath.relpath. Memoised: every code page links
    from the same folder to the same pages."""
    path_parts = _parts(path)
    start_parts = _parts(start)
    if path_parts is None or start_parts is None:
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(path_parts, start_parts):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + path_parts[common:]
    return "/".join(parts) if parts else "."


def _parts(path: str) -> list[str] | None:
    """The parts of a normalised relative path ('a/./b/' -> ['a', 'b']); None for a path
    relpath() leaves to posixpath (empty, absolute, or leaving the root)."""
    if not path or path.startswith("/"):
        return None
    parts = [part for part in posixpath.normpath(path).split("/") if part != "."]
    return None if ".." in parts else parts


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link between two source files ('codes/97140.md' -> '../faq.md#x')."""
    link = relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{link}#{anchor}" if anchor else link


def _page_directory(path: str) -> str:
    """The URL directory MkDocs gives a page ('faq.md' -> 'faq/', 'codes/index.md' -> 'codes/')."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") or "."
    return stem + "/"


def site_path(page: str) -> str:
    """A page's URL relative to the site root ('codes/97140.md' -> 'codes/97140/', 'index.md' -> '')."""
    directory = _page_directory(page)
    return "" if directory == "." else directory


def built_file(page: str) -> str:
    """The HTML file MkDocs writes for a page source, or a redirect plugin for an old one
    ('codes/97001.md' -> 'codes/97001/index.html', 'index.md' -> 'index.html')."""
    return site_path(page) + "index.html"


def page_url(from_page: str, to_page: str) -> str:
    """Relative URL between two pages as MkDocs writes them with directory URLs
    ('checklist.md' -> 'codes/97140.md' gives '../codes/97140/'): for raw HTML links."""
    return relpath(_page_directory(to_page), _page_directory(from_page)) + "/"


def file_url(from_page: str, site_file: str) -> str:
    """Relative URL from a page to a file written into the built site ('api/v1/codes.json')."""
    return relpath(site_file, _page_directory(from_page))


# Pages show the same few hundred review dates over and over (a hundred thousand dates at
# 3000 codes), and strftime is slow next to a dictionary look-up.
@functools.lru_cache(maxsize=4096)
def plain_date(value: dt.date) -> str:
    """2026-11-28 -> 'November 28, 2026' (for text without markup: titles, descriptions)."""
    return f"{value.strftime('%B')} {value.day}, {value.year}"


def long_date(value: dt.date) -> str:
    """2026-11-28 -> 'November 28, 2026' inside a machine-readable <time> element."""
    return f'<time datetime="{value.isoformat()}">{plain_date(value)}</time>'


def table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table from already-escaped cells."""
    headers = list(headers)
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def front_matter(title: str, description: str, reviewed: dt.date, search_exclude: bool = False,
                 preview: tuple[str, str] | None = None) -> str:
    """YAML front matter; generated pages never go through the template engine.

    `reviewed` is the date the page's content was last checked (shown at its foot).
    `search_exclude` keeps the page out of the search index (overrides/main.html then
    gives its article no data-pagefind-body): for a page that repeats another's
    content, such as a code's printable checklist.
    `preview`: the (title, description) of the page's link preview when they differ from
    its title and description (macros/share_hooks.py reads them as `link_preview`).
    """
    lines = ["---", f"title: {_yaml_string(title)}", f"description: {_yaml_string(description)}",
             "render_macros: false", f"last_reviewed: {reviewed.isoformat()}"]
    if search_exclude:
        lines += ["search:", "  exclude: true"]
    if preview is not None:
        lines += ["link_preview:", f"  title: {_yaml_string(preview[0])}", f"  description: {_yaml_string(preview[1])}"]
    return "\n".join(lines + ["---", ""])


def newest(dates, default: dt.date = dt.date(2026, 1, 1)) -> dt.date:
    """The latest of some review dates (a page with no records keeps the default)."""
    return max(dates, default=default)


def _yaml_string(value: str) -> str:
    return '"' + " ".join(value.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'




def confidence_mark(confidence: str, confidence_page: str) -> str:
    """The mark shown after a claim, linked to the explanation of the marks."""
    label, name, meaning = CONFIDENCE_MARKS[confidence]
    return (f'<a class="confidence confidence--{confidence}" href="{confidence_page}" '
            f'title="{escape(f"{name}: {meaning}")}">{label}</a>')


def confidence_legend(confidence_page: str) -> str:
    """Both marks and what each means, as one paragraph (raw HTML, so it reads the same anywhere)."""
    parts = [f"{confidence_mark(confidence, confidence_page)}: {escape(meaning)}."
             for confidence, (_, _, meaning) in CONFIDENCE_MARKS.items()]
    return (f'<p class="confidence-legend" {NOT_INDEXED}><strong>How sure each statement is.</strong> '
            f'{" ".join(parts)}</p>')



class SourceTexts:
    """How each source reads wherever it is cited: the title of its citation marks and its
    entry in a page's source list. Every page cites from the same list of sources, so each
    text is written once per catalog (Catalog.derived) rather than once per citation."""

    def __init__(self, sources: dict[str, Source]):
        self.sources = sources
        self._titles: dict[str, str] = {}
        self._entries: dict[str, str] = {}

    def title(self, source_id: str) -> str:
        """The title of a citation mark: the source and its kind of authority (escaped)."""
        if source_id not in self._titles:
            source = self.sources[source_id]
            self._titles[source_id] = escape(
                f"{source.title} ({authority_label(source)}; {reading_phrase(source, self.sources)})")
        return self._titles[source_id]

    def entry(self, source_id: str) -> str:
        """The source's line in a source list (source_entry)."""
        if source_id not in self._entries:
            self._entries[source_id] = source_entry(self.sources[source_id], self.sources)
        return self._entries[source_id]


class Citations:
    """Numbers the sources cited on one page, in order of first citation."""

    def __init__(self, texts: SourceTexts, confidence_page: str):
        self._texts = texts
        self._confidence_page = confidence_page
        self.order: list[str] = []
        self._numbers: dict[str, int] = {}
        self._marks: dict[str, str] = {}
        self.marks_shown: set[str] = set()

    def cite(self, source_ids: Iterable[str], confidence: str | None = None) -> str:
        """Reference marks for a claim, each titled with its source and kind of authority,
        then the claim's confidence mark (none when `confidence` is None)."""
        marks = []
        for source_id in source_ids:
            number = self._numbers.get(source_id)
            if number is None:
                self.order.append(source_id)
                number = self._numbers[source_id] = len(self.order)
            marks.append(f'<a class="cite" href="#source-{source_id}" title="{self._texts.title(source_id)}">'
                         f'[{number}]</a>')
        marker = ""
        if confidence is not None:
            self.marks_shown.add(confidence)
            if confidence not in self._marks:
                self._marks[confidence] = confidence_mark(confidence, self._confidence_page)
            marker = " " + self._marks[confidence]
        return "<sup>" + "".join(marks) + "</sup>" + marker

    def legend(self) -> str:
        """What the confidence marks mean, for a page that shows any (empty when it shows none)."""
        return confidence_legend(self._confidence_page) if self.marks_shown else ""

    def source_list(self) -> str:
        """The numbered list of every source cited on the page, in order of first citation,
        each item the target of its anchor (#source-<id>). Written as HTML so the anchor is
        the list item itself (Markdown lists cannot carry one): a code page cites up to a
        hundred sources, and an empty element per item for the anchor was a hundred more
        elements for the browser to style and lay out. Each item's text is still Markdown
        (markdown="span"), so emphasis in the data shows as elsewhere."""
        if not self.order:
            return "No sources are cited on this page."
        items = [f'<li id="source-{source_id}" markdown="span">{self._texts.entry(source_id)}</li>'
                 for source_id in self.order]
        return '<div class="source-list" markdown>\n<ol markdown>\n' + "\n".join(items) + "\n</ol>\n</div>"


def published_phrase(value: str | None) -> str:
    """'2019' -> '2019'; '2019-07' -> 'July 2019'; '2019-07-16' -> 'July 16, 2019'."""
    if not value:
        return ""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = dt.date(parts[0], parts[1], 1).strftime("%B")
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{month} {parts[2]}, {parts[0]}"


def reading_phrase(source: Source, sources: dict[str, Source]) -> str:
    """How the source's text was read, in plain words (no markup)."""
    read = source.read
    when = f" on {plain_date(read.date)}" if read.date else ""
    if read.how == "page":
        return f"read in a stored copy of this page{when}" if read.stored else f"read on its page{when}"
    if read.how == "copy":
        host = read.in_.split("/")[2] if read.in_ else "another site"
        return f"read in a full copy at {host}{when}"
    quoting = sources.get(read.via or "")
    if quoting is None:
        return "not read directly: known only from a quotation"
    year = published_phrase(quoting.published)
    return f"not read directly: quoted by {quoting.publisher}{', ' + year if year else ''}"


def source_entry(source: Source, sources: dict[str, Source]) -> str:
    """One source as a line: title, publisher, section, date, authority, how read, link (its
    anchor is on the list item, Citations.source_list)."""
    section = f", {escape(source.section)}" if source.section else ""
    dated = published_phrase(source.published)
    dated = f", {dated}" if dated else ""
    url = escape(source.url)
    reading = escape(reading_phrase(source, sources))
    if source.read.how == "copy" and source.read.in_:
        copy = escape(source.read.in_)
        reading += f' (<a href="{copy}">the copy read</a>)'
    return (f"**{escape(source.title)}**, "
            f"{escape(source.publisher)}{section}{dated}. "
            f"{authority_label(source)}. "
            f"{reading[0].upper() + reading[1:]}. "
            f'<a href="{url}">{url}</a>')
