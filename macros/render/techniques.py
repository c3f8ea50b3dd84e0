"""The technique finder: every technique A to Z, with how each is coded and who says so."""

from __future__ import annotations

import datetime as dt
import string
from itertools import groupby

from ..catalog import Catalog
from ..model import CodingPosition, Technique
from .markup import escape, newest
from .page import Page
from .paths import TECHNIQUES_PAGE
from .search_marks import ALIASES_WEIGHT, weighted


def sorted_techniques(catalog: Catalog) -> list[Technique]:
    """A to Z by name, ignoring case."""
    return sorted(catalog.data.techniques, key=lambda technique: technique.name.casefold())


def index_letter(technique: Technique) -> str:
    """The letter a technique is filed under ('#' for a name that starts with a digit or sign)."""
    first = technique.name[:1].upper()
    return first if first in string.ascii_uppercase else "#"


def position_line(page: Page, position: CodingPosition) -> str:
    """One coding position: the codes (linked) or that none applies, the text, its marks."""
    codes = " and ".join(page.code_link(code) for code in position.codes)
    lead = f"**Reported with {codes}:**" if codes else "**No code applies:**"
    return f"{lead} {page.say(position)}"


def letter_index(page: Page, techniques: list[Technique]) -> str:
    """A to Z at the top of the page: each letter with a technique links to the first one."""
    first = {letter: next(group).id for letter, group in groupby(techniques, key=index_letter)}
    items = []
    for letter in [*string.ascii_uppercase, *(["#"] if "#" in first else [])]:
        if letter in first:
            items.append(f'<li><a href="#{first[letter]}">{escape(letter)}</a></li>')
        else:  # kept for the alphabet's shape; nothing to reach, so hidden from screen readers
            items.append(f'<li class="az-index__none" aria-hidden="true">{letter}</li>')
    return f'<nav class="az-index" aria-label="Techniques from A to Z"><ul>{"".join(items)}</ul></nav>'


def technique_entry(page: Page, technique: Technique) -> list[str]:
    out = []
    if technique.aliases:
        out += [weighted("Also called: " + ", ".join(escape(alias) for alias in technique.aliases) + ".",
                         ALIASES_WEIGHT, "technique-aliases"), ""]
    out += [page.say(technique.summary), ""]
    if len(technique.coding) > 1:
        out += ["**Sources disagree on how this is coded.** Each position, with its sources:", ""]
    else:
        out += ["How it is coded:", ""]
    out += [f"- {position_line(page, position)}" for position in technique.coding]
    out.append("")
    if technique.not_billable:
        out += [f"**Never separately billable:** {page.say(technique.not_billable)}", ""]
    return page.record(escape(technique.name), technique.id, out, technique.last_reviewed)


def techniques_page(catalog: Catalog, today: dt.date | None = None) -> str:
    page = Page(catalog, TECHNIQUES_PAGE, today)
    techniques = sorted_techniques(catalog)
    body = ["Techniques clinics ask about, A to Z, under their usual names; other names they go by are "
            "listed with each. For each: what it is, the code or codes it is reported with and who says so, "
            "and what is never billed on its own. Where sources or payers disagree, every position is shown.", ""]
    if techniques:
        body += [letter_index(page, techniques), ""]
        for technique in techniques:
            body += technique_entry(page, technique)
    else:
        body += ["No technique is recorded yet.", ""]
    return page.render("Technique finder", "Therapy techniques A to Z and the billing codes they are reported with.",
                       newest((t.last_reviewed for t in techniques), catalog.last_reviewed), body)
