"""The skeleton every generated page shares: front matter, heading, code links, citations
and the legend of their marks, "Codes:" lines, review dates, the latest year of any
year-bound figure shown, and the Sources section.

A renderer makes one `Page`, writes its body with the page's helpers, and hands the body
to `Page.render`, which puts the parts every page repeats around it. Citations are
numbered in order of first use, so the Sources list is always written last; the legend and
the note on yearly figures go under the heading, once the body shows whether they are needed.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable

from ..catalog import Catalog
from ..model import Claim, Sourced, YearlyFigure
from .markup import (NOT_INDEXED, Citations, SourceTexts, cell, escape, front_matter, long_date, page_url, relpath,
                     text)
from .paths import ABOUT_PAGE, FIGURES_PAGE, MODIFIERS_PAGE, code_page_path
from .search_marks import heading_attributes
from .years import AmountPatterns, amount_patterns, figure_years, status_sentence, utc_today


def or_none(lines: list[str], none: str) -> list[str]:
    """A section's lines and a blank line, or the sentence saying it has nothing: a section
    never silently disappears (its anchor is public)."""
    return [*lines, ""] if lines else [none, ""]


# What every page of a catalog shares (Catalog.derived keeps them for the catalog's life).
def _source_texts(catalog: Catalog) -> SourceTexts:
    return SourceTexts(catalog.sources)


def _amount_patterns(catalog: Catalog) -> AmountPatterns:
    return amount_patterns(catalog.data.yearly_figures)


class Page:
    """One generated page (or a fragment of a hand-written one) at a docs/ source path."""

    def __init__(self, catalog: Catalog, path: str, today: dt.date | None = None):
        self.catalog = catalog
        self.path = path
        self._directory = posixpath.dirname(path) or "."  # what links are relative to (markup.relative)
        self.today = today or utc_today()
        self.cites = Citations(catalog.derived(_source_texts), page_url(path, ABOUT_PAGE) + "#confidence")
        self._amounts = catalog.derived(_amount_patterns)
        self.figures_shown: dict[str, YearlyFigure] = {}

    # --- Links ---
    def link(self, target: str, anchor: str = "") -> str:
        """Relative Markdown link target from this page to another source path."""
        link = relpath(target, self._directory)
        return f"{link}#{anchor}" if anchor else link

    def url(self, target: str) -> str:
        """Relative URL to another page as built (for raw HTML links)."""
        return page_url(self.path, target)

    def link_code(self, number: str) -> str | None:
        """Where a code number mentioned on this page links to: its page (current or retired),
        never this page itself."""
        target = code_page_path(number)
        known = number in self.catalog.codes or number in self.catalog.retired_codes
        return relpath(target, self._directory) if known and target != self.path else None

    def code_link(self, number: str) -> str:
        """A code number as a link to its page (plain when it has none)."""
        target = self.link_code(number)
        return f"[{number}]({target})" if target else number

    # --- Text from the data ---
    def text(self, value: str) -> str:
        """A data string as inline Markdown; notes any yearly figure it quotes."""
        for figure in self._amounts.quoted(value):
            self.figures_shown.setdefault(figure.id, figure)
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

    def modifier_link(self, modifier_id: str) -> str:
        """A link to a modifier's entry. The hidden word makes the link say what it is to a
        screen reader and to link-text audits: a bare "GO" reads as a verb."""
        return (f'[{modifier_id}<span class="visually-hidden"> modifier</span>]'
                f'({self.link(MODIFIERS_PAGE, "modifier-" + modifier_id.lower())})')

    @staticmethod
    def reviewed(day: dt.date, word: str = "Last reviewed") -> str:
        return f"{word} {long_date(day)}."

    def record(self, heading: str, anchor: str, lines: list[str], reviewed: dt.date, codes: Iterable[str] = (),
               codes_label: str = "Codes", search_weight: float | None = None) -> list[str]:
        """One record of a listing page under its permanent anchor: its heading (Markdown),
        its lines, the codes it names and its review date (`search_weight`: the heading's
        weight in the search index, when not a heading's usual one)."""
        attributes = f"{{#{anchor}}}" if search_weight is None else heading_attributes(anchor, search_weight)
        return [f"## {heading} {attributes}", "", *lines, *self.codes_line(codes, codes_label),
                self.reviewed(reviewed), ""]

    def sources_section(self, heading: str = "## Sources {#sources}") -> list[str]:
        """The numbered list of every source cited so far, under its heading."""
        return [heading, "", self.cites.source_list(), ""]

    def figure_status(self, figure: YearlyFigure) -> str:
        """'Latest year recorded: 2026.', and whether this year's (or next year's) figure is missing."""
        return status_sentence(figure_years(figure, self.today))

    def figures_note(self) -> list[str]:
        """For a page that quotes a yearly figure: the latest year recorded (none otherwise).

        Figures in the same state share one sentence, so a code page quoting three figures
        recorded up to the same year opens with one short note, not three paragraphs."""
        if not self.figures_shown:
            return []
        groups: dict[tuple, list[YearlyFigure]] = {}
        for figure in self.figures_shown.values():
            status = figure_years(figure, self.today)
            groups.setdefault((status.latest, tuple(status.missing)), []).append(figure)
        lines = []
        for figures in groups.values():
            links = [f"[{escape(f.name)}]({self.link(FIGURES_PAGE, f.id)})" for f in figures]
            named = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
            lines.append(f"{named}: {status_sentence(figure_years(figures[0], self.today), len(figures))}")
        # Material's admonition markup written out, to carry the attribute that keeps it out of search.
        return [f'<div class="admonition info year-note" {NOT_INDEXED} markdown>',
                '<p class="admonition-title">Yearly figures on this page</p>', "",
                "\n\n".join(lines), "", "</div>", ""]

    # --- The whole page ---
    def render(self, title: str, description: str, reviewed: dt.date, body: list[str], *,
               heading: str | None = None, sources: bool = True,
               figures_note: bool = True, search_exclude: bool = False, lead: list[str] = (),
               preview: tuple[str, str] | None = None) -> str:
        """Front matter, the page heading, the legend of the confidence marks (when the page
        shows any), the note on yearly figures (when it quotes any, unless the body says it
        itself), the body and (unless the body wrote its own) the Sources section. `lead`
        goes right under the heading, before the legend: the key facts a reader came for.
        `heading` is Markdown; by default the escaped title. `preview`: the link preview's
        title and description, when not the page's own."""
        legend = self.cites.legend()
        out = [front_matter(title, description, reviewed, search_exclude=search_exclude, preview=preview),
               f"# {heading or escape(title)}", "", *lead, *([legend, ""] if legend else []),
               *(self.figures_note() if figures_note else []), *body]
        if sources:
            out += self.sources_section()
        return "\n".join(out)
