"""The imported CMS tables on the site: a section of each code page and the full pair table
of /edits/. Pure functions: catalog in, Markdown out.

Until the first import the section says so plainly and nothing else: the site's own
sourced records stay what the pages show. Every imported fact names its CMS file, its
quarter or year and the date it was imported.
"""

from __future__ import annotations

from ..catalog import Catalog
from ..cms.model import CmsSource, MueTable, PfsYear, PtpTable
from ..cms.payment import national_amounts, status_words
from ..cms.tables import (ADJUDICATION_WORDS, INDICATOR_WORDS, cms_of, is_empty, latest_pfs, mue_of, pairs_of,
                          pfs_of, row_is_active, settling_row)
from ..model import Code, EditPair
from .markup import cell, escape, file_url, long_date, relative, table
from .paths import EDITS_PAGE, code_page_path

SECTION_ANCHOR = "cms"
PAIRS_ANCHOR = "cms-pairs"
FILTER_SCRIPT = "assets/javascripts/table-filter.js"
NOT_IMPORTED = ("The official CMS tables (NCCI procedure-to-procedure edits, medically unlikely edits and "
                "the fee schedule's relative values) have not been imported yet.")
TABLE_NAMES = {"ptp": "CMS PTP edit table", "mue": "CMS MUE table", "pfs": "CMS PFS relative value file"}


def source_line(kind: str, source: CmsSource, period: str) -> str:
    """'Source: CMS PTP edit table, files a.zip and b.zip, quarter 2027-Q1, imported on ...'."""
    files = ", ".join(escape(f.name) for f in source.files)
    label = "year" if kind == "pfs" else "quarter"
    return (f"Source: {TABLE_NAMES[kind]} ({'files' if len(source.files) > 1 else 'file'} {files}), "
            f"{label} {period}, imported on {long_date(source.imported)}.")


def indicator_text(indicator: str) -> str:
    return f"{indicator}: {INDICATOR_WORDS[indicator]}"


def settled_note(catalog: Catalog, edit: EditPair) -> str:
    """For /edits/: where the column order and indicator of a hand-written pair come from."""
    ptp = cms_of(catalog.data).ptp
    if settling_row(ptp, edit) is None:
        return ""
    return f" (from the {TABLE_NAMES['ptp']}, quarter {ptp.quarter}, imported on {long_date(ptp.imported)})"


def code_section(catalog: Catalog, code: Code, page: str | None = None) -> str:
    """The 'CMS tables' section of a code page."""
    page = page or code_page_path(code.code)
    cms = cms_of(catalog.data)
    out: list[str] = []  # the heading is the code page's (SECTION_ANCHOR)
    if is_empty(cms):
        return "\n".join(out + [NOT_IMPORTED + " The sections above are this site's own sourced records.", ""])

    def link(number: str) -> str:
        if number == code.code or number not in catalog.codes:
            return number
        return f"[{number}]({relative(page, code_page_path(number))})"

    out += ["Rows of the official CMS files for this code, as imported, limited to codes on this site.", ""]
    out += _ptp_part(cms.ptp, code.code, link, page)
    out += _mue_part(cms.mue, code.code)
    out += _pfs_part(latest_pfs(cms), code.code)
    return "\n".join(out)


def _ptp_part(ptp: PtpTable | None, code: str, link, page: str) -> list[str]:
    out = ["**PTP edit pairs with other codes on this site**", ""]
    if ptp is None:
        return out + [f"The {TABLE_NAMES['ptp']} has not been imported yet.", ""]
    rows = pairs_of(ptp, code)
    if rows:
        body = []
        for row in rows:
            other = row.column2 if row.column1 == code else row.column1
            order = f"{link(row.column1)} column 1, {link(row.column2)} column 2"
            body.append([link(other), order, cell(indicator_text(row.modifier_indicator)),
                         long_date(row.effective), cell(row.rationale)])
        out += [table(["Other code", "Column order", "Modifier indicator", "Effective", "Rationale"], body), ""]
    else:
        out += [f"The imported table has no edit in force between {code} and another code on this site.", ""]
    out += [source_line("ptp", ptp, ptp.quarter) + f" All pairs: [NCCI edit pairs]({relative(page, EDITS_PAGE, PAIRS_ANCHOR)}).", ""]
    return out


def _mue_part(mue: MueTable | None, code: str) -> list[str]:
    out = ["**Medically unlikely edit (MUE)**", ""]
    if mue is None:
        return out + [f"The {TABLE_NAMES['mue']} has not been imported yet.", ""]
    row = mue_of(mue, code)
    if row is None:
        out += [f"The imported table gives no MUE value for {code}. CMS does not publish every value; a "
                "missing value is not a limit of zero.", ""]
    else:
        units = "unit" if row.value == 1 else "units"
        out += [f"{row.value} {units} of service per beneficiary per day by the same provider; adjudication "
                f"indicator {row.adjudication}: {ADJUDICATION_WORDS[row.adjudication]}. "
                f"Rationale given by CMS: {cell(row.rationale)}.", ""]
    return out + [source_line("mue", mue, mue.quarter), ""]


def _pfs_part(year: PfsYear | None, code: str) -> list[str]:
    out = ["**Physician fee schedule**", ""]
    if year is None:
        return out + [f"The {TABLE_NAMES['pfs']} has not been imported yet.", ""]
    rows = pfs_of(year, code)
    if not rows:
        out += [f"{code} is not in the imported {year.year} file.", ""]
    for row in rows:
        modifier = f" with modifier {row.modifier}" if row.modifier else ""
        out += [f"{year.year}{modifier}: status {row.status} ({status_words(row.status)}).", ""]
        amounts = national_amounts(row, year.conversion_factor)
        if amounts:
            out += ["National payment amounts (every geographic index at 1.0; what a payer pays in a locality "
                    "differs):", ""]
            out += [f"- {amount.setting.capitalize()}: {amount.arithmetic()}" for amount in amounts]
            out.append("")
        else:
            out += ["No national payment amount is shown for this status.", ""]
    return out + [source_line("pfs", year, str(year.year)), ""]


def pairs_section(catalog: Catalog, page: str = EDITS_PAGE) -> str:
    """The full table of imported pairs for /edits/, with a filter that runs in the browser."""
    cms = cms_of(catalog.data)
    out = [f"## Pairs from the CMS PTP table {{#{PAIRS_ANCHOR}}}", ""]
    ptp = cms.ptp
    if ptp is None:
        return "\n".join(out + [NOT_IMPORTED + " The pairs above are this site's own sourced records.", ""])

    def link(number: str) -> str:
        return f"[{number}]({relative(page, code_page_path(number))})" if number in catalog.codes else number

    rows = []
    for row in sorted(ptp.rows, key=lambda r: (r.column1, r.column2, r.effective)):
        state = "in force" if row_is_active(ptp, row) else f"deleted {long_date(row.deleted)}"
        rows.append([link(row.column1), link(row.column2), cell(indicator_text(row.modifier_indicator)),
                     long_date(row.effective), state, cell(row.rationale)])
    count = f"{len(rows)} pair{'s' if len(rows) != 1 else ''}"
    out += [f"Every row of the {TABLE_NAMES['ptp']} between two codes on this site, deleted edits included. "
            + source_line("ptp", ptp, ptp.quarter), ""]
    if not rows:
        return "\n".join(out + ["The imported table has no pair between two codes on this site.", ""])
    out += ['<div class="table-filter" data-table-filter="cms-pairs-table" hidden>',
            '<label for="cms-pairs-filter">Show only pairs containing</label>',
            '<input type="search" id="cms-pairs-filter" autocomplete="off" spellcheck="false" '
            'placeholder="a code or a word">',
            f'<p class="table-filter__count" role="status" aria-live="polite">{count}</p>',
            "</div>", "",
            '<div id="cms-pairs-table" markdown>', "",
            table(["Column 1", "Column 2", "Modifier indicator", "Effective", "State", "Rationale"], rows), "",
            "</div>", "",
            f'<script src="{file_url(page, FILTER_SCRIPT)}" defer></script>', ""]
    return "\n".join(out)
