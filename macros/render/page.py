"""The skeleton every generated page shares: front matter, heading, code links, citations,
"Codes:" lines, review dates and the Sources section.

A renderer makes one `Page`, writes its body with the page's helpers, and hands the body
to `Page.render`, which puts the parts every page repeats around it. Citations are
numbered in order of first use, so the Sources list is always written last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..catalog import Catalog
from ..model import Claim, Sourced
from .markup import Citations, cell, escape, front_matter, long_date, page_url, relative, text
from .paths import ABOUT_PAGE, code_page_path


def or_none(lines: list[str], none: str) -> list[str]:
    """A section's lines and a blank line, or the sentence saying it has nothing: a section
    never silently disappears (its anchor is public)."""
    return [*lines, ""] if lines else [none, ""]


class Page:
    """One generated page (or a fragment of a hand-written one) at a docs/ source path."""

    def __init__(self, catalog: Catalog, path: str):
        self.catalog = catalog
        self.path = path
        self.cites = Citations(catalog.sources, page_url(path, ABOUT_PAGE) + "#confidence")

    # --- Links ---
    def link(self, target: str, anchor: str = "") -> str:
        """Relative Markdown link target from this page to another source path."""
        return relative(self.path, target, anchor)

    def url(self, target: str) -> str:
        """Relative URL to another page as built (for raw HTML links)."""
        return page_url(self.path, target)

    def link_code(self, number: str) -> str | None:
        """Where a code number mentioned on this page links to: its page, never this page itself."""
        target = code_page_path(number)
        return relative(self.path, target) if number in self.catalog.codes and target != self.path else None

    def code_link(self, number: str) -> str:
        """A code number as a link to its page (plain when it has none)."""
        target = self.link_code(number)
        return f"[{number}]({target})" if target else number

    # --- Text from the data ---
    def text(self, value: str) -> str:
        return text(value, self.link_code)

    def cell(self, value: str) -> str:
        return cell(value, self.link_code)

    def cite(self, source_ids: Iterable[str], confidence: str | None = None) -> str:
        return self.cites.cite(source_ids, confidence)

    def say(self, claim: Claim) -> str:
        """A claim as a sentence with its citation marks and confidence mark."""
        return f"{self.text(claim.text)}{self.cite(claim.sources, claim.confidence)}"

    def claims(self, items: Iterable[Claim]) -> list[str]:
        """Claims as list lines."""
        return [f"- {self.say(item)}" for item in items]

    def sourced_list(self, intro: str, record: Sourced, items: Iterable[str]) -> list[str]:
        """'Intro[1] ✓ verified:' and a list of short items that share the record's sources."""
        return [f"{intro}{self.cite(record.sources, record.confidence)}:", "",
                *(f"- {self.text(item)}" for item in items), ""]

    # --- Lines every record repeats ---
    def codes_line(self, codes: Iterable[str], label: str = "Codes") -> list[str]:
        """'Codes: 97110, 97530.' with each code linked (nothing when there are none)."""
        codes = list(codes)
        if not codes:
            return []
        return [f"{label}: " + ", ".join(self.code_link(c) for c in codes) + ".  "]

    @staticmethod
    def reviewed(day: dt.date, word: str = "Last reviewed") -> str:
        return f"{word} {long_date(day)}."

    def sources_section(self, heading: str = "## Sources {#sources}") -> list[str]:
        """The numbered list of every source cited so far, under its heading."""
        return [heading, "", self.cites.source_list(), ""]

    # --- The whole page ---
    def render(self, title: str, description: str, reviewed: dt.date, body: list[str], *,
               heading: str | None = None, search_boost: float | None = None, sources: bool = True) -> str:
        """Front matter, the page heading, the body and (unless the body wrote its own) the
        Sources section. `heading` is Markdown; by default the escaped title."""
        out = [front_matter(title, description, reviewed, search_boost=search_boost),
               f"# {heading or escape(title)}", "", *body]
        if sources:
            out += self.sources_section()
        return "\n".join(out)
