"""The page of one code: what it covers, when to pick it, units, rules, documentation, FAQ.

Every section has a fixed anchor (SECTION_ANCHORS) that clinic wikis may link to; a
section with nothing to say still appears, saying so, so its anchor never disappears.
The page is written section by section in SECTION_ANCHORS order, one function each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..catalog import DATA_FILE, Catalog
from ..model import Code
from .cms import code_section as cms_section
from .figures import figure_lines
from .glance import edit_groups, edit_statement, glance
from .labels import BASIS_LABELS, MEDICARE_STATUS_LABELS
from .markup import NOT_INDEXED, escape, long_date, site_path, table
from .page import Page, or_none
from .paths import (CHECKLIST_PAGE, EDITS_PAGE, FAQ_PAGE, TECHNIQUES_PAGE, UNITS_PAGE,
                    code_checklist_path, code_page_path, family_page_path)
from .search_marks import (INCLUDES_WEIGHT, SECTION_HEADING_WEIGHT, family_mark, heading_attributes, not_searched,
                           weighted)
from .share_blocks import cite_box, embed_box, print_address
from .page_head import Site
from .sharing import code_citation, code_preview, code_title

# The public anchors of every code page, in page order. Keep this list stable: URLs with
# these anchors are published (public-urls.txt, CONTRIBUTING.md); add new ones, never
# rename one. "sources" stays last: citations are numbered in order of first use.
SECTION_ANCHORS = {
    "covers": "What it covers",
    "choosing": "Choosing between this code and its neighbours",
    "techniques": "Techniques reported with this code",
    "units": "Units and time",
    "medicare": "Medicare",
    "commercial": "Commercial payers",
    "modifiers": "Modifiers",
    "edits": "NCCI edit pairs",
    "cms": "CMS tables",
    "documentation": "Documentation",
    "pitfalls": "Common pitfalls",
    "faq": "Questions",
    "changes": "Changes",
    "cite": "Cite this page",
    "embed": "Embed this code",
    "sources": "Sources",
}

# The sections a printed code page keeps: a short document a clinic can file (what the code
# covers, units, Medicare and payer notes, the documentation to tick, the sources). The
# others are marked data-print="omit" and left out by the print styles
# (docs/assets/stylesheets/links.css).
PRINTED_SECTIONS = frozenset({"covers", "units", "medicare", "commercial", "documentation", "sources"})

# Sections that are the same on every code page but for its number and address: kept out
# of the search index, where a copy per code only pushed the pages' own words down.
UNSEARCHED_SECTIONS = frozenset({"cite", "embed"})


@dataclass(frozen=True)
class _Context:
    page: Page
    catalog: Catalog
    code: Code
    record_url: str | None
    site: Site


def code_page(catalog: Catalog, code: Code, record_url: str | None = None, today: dt.date | None = None,
              site: Site = Site()) -> str:
    """The Markdown of /codes/<code>/ (record_url: the record in the data file, for editing;
    site: the published site's address and name, for the citation and the embed snippet)."""
    page = Page(catalog, code_page_path(code.code), today)
    context = _Context(page, catalog, code, record_url, site)
    family = catalog.families[code.family]
    lead = glance(page, code, f"[{escape(family.name)}]({page.link(family_page_path(family.id))})")
    body = [family_mark(family.id), "", *_facts(context)]
    for anchor, title in SECTION_ANCHORS.items():
        body += _section(anchor, title, SECTIONS[anchor](context))
    body += print_address(code_title(code.code, code.title), site.address(site_path(page.path)))
    # A code page is the answer to a search for its number: rank it above pages that mention it.
    return page.render(f"{code.code} {code.title}", f"{code.code}: {code.summary.text}", code.last_reviewed, body,
                       heading=f"{code.code} {escape(code.title)}", sources=False, lead=lead,
                       preview=code_preview(code))


def _section(anchor: str, title: str, lines: list[str]) -> list[str]:
    """One section under its permanent anchor, its heading weighted low in the search (every
    code page has it). A section print leaves out, or search (UNSEARCHED_SECTIONS), is
    wrapped in an element that carries the mark; the others stay as they are, so the text
    after the last one (the review date) stays in its section of the search index."""
    unsearched = anchor in UNSEARCHED_SECTIONS
    heading = f"## {title} {heading_attributes(anchor, SECTION_HEADING_WEIGHT)}"
    if anchor in PRINTED_SECTIONS and not unsearched:
        return [heading, "", *lines]
    marks = ' data-print="omit"' + (f" {NOT_INDEXED}" if unsearched else "")
    return [f'<section class="code-section"{marks} markdown>', "", heading, "", *lines, "", "</section>", ""]


def _facts(c: _Context) -> list[str]:
    # The facts block is the page's lead (glance.py); the summary follows the legend.
    return [
        c.page.say(c.code.summary),
        "",
        # Material's admonition markup written out, to keep the note out of both search indexes:
        # a search result shows the summary above, not this notice every code page repeats.
        f'<div class="admonition note descriptor-note" {NOT_INDEXED} markdown>',
        '<p class="admonition-title">Official descriptor</p>',
        "",
        f"The wording above is this site's own summary. The official CPT® descriptor of {c.code.code} "
        "is published by the American Medical Association; read it in the current CPT code book "
        "or an AMA-licensed source. HCPCS Level II codes are published by CMS.",
        "",
        "</div>",
        "",
    ]


def _covers(c: _Context) -> list[str]:
    covered = c.code.techniques
    out = [weighted("\n".join(c.page.sourced_list("Includes", covered, covered.includes)), INCLUDES_WEIGHT,
                    "code-includes"), ""]
    if covered.excludes:
        out += ["Not this code:", ""]
        for item in covered.excludes:
            instead = f" → use {c.page.text(item.code)}" if item.code else ""
            out.append(f"- {c.page.text(item.text)}{instead}")
        out.append("")
    return out


def _choosing(c: _Context) -> list[str]:
    choosing = c.code.choosing
    out = c.page.sourced_list(f"Choose {c.code.code} when", choosing, choosing.when)
    if choosing.neighbours:
        rows = [(c.page.code_link(n.code), escape(c.catalog.codes[n.code].title), c.page.text(n.when))
                for n in choosing.neighbours]
        out += ["A neighbouring code fits better when:", "",
                table(["Code", "Title", "Choose it instead when"], rows), ""]
    return out


def _techniques(c: _Context) -> list[str]:
    lines = []
    for technique in c.catalog.techniques_by_code.get(c.code.code, []):
        naming = [position for position in technique.coding if c.code.code in position.codes]
        line = f"- [{escape(technique.name)}]({c.page.link(TECHNIQUES_PAGE, technique.id)}): " + \
            " ".join(c.page.say(position) for position in naming)
        if len(technique.coding) > len(naming):
            line += " Sources disagree: other positions are on the technique finder."
        lines.append(line)
    return or_none(lines, f"No technique in the [technique finder]({c.page.link(TECHNIQUES_PAGE)}) "
                          f"is recorded as reported with {c.code.code}.")


def _units(c: _Context) -> list[str]:
    out = [f"**{BASIS_LABELS[c.code.billing.basis]}.** {c.page.say(c.code.billing)}", ""]
    return out + [_units_detail(c.code, c.page.link(UNITS_PAGE)), ""]


def _units_detail(code: Code, units_page: str) -> str:
    basis = code.billing.basis
    if basis == "timed_15":
        return (f"Medicare pools the minutes of all timed codes on the day and allocates the units "
                f"(the 8-minute rule); many commercial payers count each code on its own. See "
                f"[how units are counted]({units_page}) and try the calculator.")
    regions = code.billing.regions
    if basis == "region_count" and regions:
        span = (f"{regions.low} or more" if regions.high is None else
                f"{regions.low}" if regions.low == regions.high else f"{regions.low}–{regions.high}")
        noun = "muscles" if regions.kind == "muscles" else f"{regions.kind} regions"
        return f"One unit per encounter for {span} {noun}. Time does not change the code or the units."
    if regions and regions.kind == "muscles":
        span = f"{regions.low} or more" if regions.high is None else f"{regions.low}–{regions.high}"
        return f"One unit per session for {span} muscles. Time does not change the units."
    return ("One unit per session, however long it takes. Its minutes do not count toward the "
            "timed total of the 8-minute rule.")


def _medicare(c: _Context) -> list[str]:
    status = c.code.medicare_status
    return [f"**{MEDICARE_STATUS_LABELS[status.status]}.** {c.page.say(status)}", "",
            *c.page.claims(c.code.medicare), "",
            "These are Medicare's rules; Medicaid and commercial plans set their own.", ""]


def _commercial(c: _Context) -> list[str]:
    return [*or_none(c.page.claims(c.code.commercial), "Nothing payer-specific is recorded for this code yet. "
                     "Commercial plans set their own rules: check each payer's policy."),
            "Commercial rules vary payer by payer and plan by plan.", ""]


def _modifiers(c: _Context) -> list[str]:
    modifiers = [c.catalog.modifiers[modifier_id] for modifier_id in c.code.modifiers]
    return or_none([f"- {c.page.modifier_link(m.id)} {escape(m.name)}"
                    for m in modifiers], "No modifier is listed for this code.")


def _edits(c: _Context) -> list[str]:
    edits = c.catalog.edits_by_code.get(c.code.code, [])
    # Pairs that say the same for sibling codes (98940, 98941, 98942) are said once.
    lines = [edit_statement(c.page, c.code.code, group) for group in edit_groups(c.code.code, edits)]
    if lines:
        lines += ["", f"All pairs: [NCCI edit pairs]({c.page.link(EDITS_PAGE)})."]
    return or_none(lines, f"No NCCI procedure-to-procedure pair with {c.code.code} is recorded on this site. That "
                          "is not proof that none exists: check the current CMS quarterly PTP edit table.")


def _documentation(c: _Context) -> list[str]:
    items = [c.catalog.checklist_items[item_id][1] for item_id in c.code.checklist]
    return [*or_none([f"- {c.page.text(item.text)}{c.page.cite(item.sources, item.confidence)}" for item in items],
                     "No code-specific item is recorded."),
            f"Every treatment note also needs the general items in the "
            f"[documentation checklist]({c.page.link(CHECKLIST_PAGE)}).", "",
            *([f"[Printable checklist for {c.code.code}]({c.page.link(code_checklist_path(c.code.code))}){{.checklist-link}}: "
               "the general items and this code's on one sheet, with boxes to tick.", ""] if c.code.checklist else [])]


def _pitfalls(c: _Context) -> list[str]:
    return or_none(c.page.claims(c.code.pitfalls), "No pitfall is recorded for this code.")


def _faq(c: _Context) -> list[str]:
    lines = []
    for entry in (c.catalog.faq[faq_id] for faq_id in c.code.faq):
        lines += [f"**[{escape(entry.question)}]({c.page.link(FAQ_PAGE, entry.id)})**  ",
                  f"{c.page.text(entry.answer)}{c.page.cite(entry.sources, entry.confidence)}",
                  *figure_lines(c.page, entry.figures), ""]
    # The answers are the FAQ page's, word for word: left out of the search index, so the
    # search leads to the FAQ entry itself rather than to every code page that repeats it.
    return [not_searched("\n".join(or_none(lines, "No question is linked to this code yet.")), "code-faq"), ""]


def _changes(c: _Context) -> list[str]:
    changes = sorted(c.code.changes, key=lambda change: change.date, reverse=True)
    return or_none([f"- {long_date(change.date)}: {c.page.text(change.text)}"
                    f"{c.page.cite(change.sources) if change.sources else ''}" for change in changes],
                   "No change recorded since this page was first published.")


def _sources(c: _Context) -> list[str]:
    out = [c.page.cites.source_list(), ""]
    if c.record_url:
        out += [f'[Suggest a correction to this record]({c.record_url}){{.edit-record}}: the page is generated '
                f"from its record in {DATA_FILE}.", ""]
    return out


# What each section says; code_page writes them in SECTION_ANCHORS order.
def _cms(c: _Context) -> list[str]:
    return cms_section(c.catalog, c.code, c.page.path).split("\n")


def _cite(c: _Context) -> list[str]:
    return ["To cite this page in a policy or a wiki, copy the citation, which ends with the day you read it, "
            "or the Markdown link.", "", *cite_box(code_citation(c.code, c.site))]


def _embed(c: _Context) -> list[str]:
    return [f"To show {c.code.code} on your own wiki or intranet page, paste this snippet where the page "
            "accepts HTML. The card shows the code, its summary, billing basis, Medicare status and review "
            "date, links to this page, and loads nothing from any other site.", "",
            *embed_box(c.site, site_path(c.page.path), c.code.code, c.code.title)]


SECTIONS: dict[str, Callable[[_Context], list[str]]] = {
    "covers": _covers, "choosing": _choosing, "techniques": _techniques, "units": _units, "medicare": _medicare,
    "commercial": _commercial, "modifiers": _modifiers, "edits": _edits, "cms": _cms, "documentation": _documentation,
    "pitfalls": _pitfalls, "faq": _faq, "changes": _changes, "cite": _cite, "embed": _embed, "sources": _sources,
}
