"""Pages of payer rules that span codes: modifiers, NCCI edit pairs, yearly figures."""

from __future__ import annotations

import datetime as dt

from ..catalog import Catalog
from .cms import pairs_section, settled_note
from .labels import edit_orientation
from .markup import cell, escape, long_date, newest, table
from .page import Page
from .paths import EDITS_PAGE, FIGURES_PAGE, MODIFIERS_PAGE
from .figures import figure_table
from .search_marks import not_searched

NCCI_PTP_TABLE = ("https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits/"
                  "medicare-ncci-procedure-procedure-ptp-edits")


def modifiers_page(catalog: Catalog, today: dt.date | None = None) -> str:
    page = Page(catalog, MODIFIERS_PAGE, today)
    body = ["What each modifier tells the payer, when it is proper and when it is not. Medicare's rules "
            "are named as Medicare's; commercial payers may differ.", ""]
    for modifier in catalog.data.modifiers:
        lines = [f"{page.text(modifier.meaning)}{page.cite(modifier.sources, modifier.confidence)}", "",
                 "**Use it when:**", "", *(f"- {page.text(item)}" for item in modifier.use_when)]
        if modifier.not_when:
            lines += ["", "**Do not use it when:**", "", *(f"- {page.text(item)}" for item in modifier.not_when)]
        body += page.record(f"{modifier.id}: {escape(modifier.name)}", f"modifier-{modifier.id.lower()}", [*lines, ""],
                            modifier.last_reviewed, catalog.codes_by_modifier.get(modifier.id, []),
                            "Codes whose pages list it")
    return page.render("Modifiers", "Billing modifiers used with therapy codes: meaning, when to use, when not.",
                       newest(m.last_reviewed for m in catalog.data.modifiers), body)


def edits_page(catalog: Catalog, today: dt.date | None = None) -> str:
    page = Page(catalog, EDITS_PAGE, today)
    rows = []
    for edit in catalog.edits:
        pair = " + ".join(page.code_link(c) for c in edit.codes)
        rows.append([f'<span id="{edit.id}"></span>{pair}', cell(edit_orientation(edit)) + settled_note(catalog, edit),
                     page.cell(edit.text), page.cell(edit.modifier_when),
                     long_date(edit.checked) + page.cite(edit.sources, edit.confidence)])
    body = ["A procedure-to-procedure (PTP) edit pairs two codes billed for the same patient on the same "
            "date by the same provider: the column 2 code is denied unless a proper modifier shows the "
            "services were distinct. CMS updates the edits every quarter. Where this site has not verified a "
            "pair's column order or modifier indicator, the row says so: check the "
            f"[current CMS quarterly PTP edit table]({NCCI_PTP_TABLE}) before relying on it.", "",
            # Each pair is also on the pages of its two codes (#edits), where the search finds it.
            not_searched(table(["Pair", "Column order and indicator", "What it means", "When a modifier is proper",
                                "Checked"], rows)), "", pairs_section(catalog, page.path)]
    return page.render("NCCI edit pairs", "Procedure-to-procedure edit pairs between therapy codes, "
                       "with what is and is not verified.", newest(edit.checked for edit in catalog.data.edits), body)


def figures_page(catalog: Catalog, today: dt.date | None = None) -> str:
    """Every yearly figure, year by year, each row under its own anchor (figures.year_anchor).
    The rows start at the newest year a reader expects today (this year, and next year from
    November), so a missing year shows as missing."""
    page = Page(catalog, FIGURES_PAGE, today)
    figures = catalog.data.yearly_figures
    body = ["Figures that change every year, each stored for its own year. A year with no figure here "
            "has not been checked: it is left blank rather than carried over. Each year's row has its own "
            "link (for example this page's address with #kx-threshold-2024 at the end).", ""]
    body += [f"- **[{page.cell(figure.name)}](#{figure.id})**: {page.figure_status(figure)}" for figure in figures]
    body.append("")
    for figure in figures:
        body += page.record(escape(figure.name), figure.id,
                            [page.text(figure.summary), "", page.figure_status(figure), "",
                             *figure_table(page, figure)], figure.last_reviewed)
    return page.render("Yearly figures", "Medicare therapy thresholds and payment percentages by year.",
                       newest(f.last_reviewed for f in figures), body, figures_note=False)
