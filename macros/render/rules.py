"""Pages of payer rules that span codes: modifiers, NCCI edit pairs, yearly figures."""

from __future__ import annotations

from ..catalog import Catalog
from .code_page import _orientation
from .listings import not_searched
from .markup import Citations, cell, escape, front_matter, long_date, newest, page_url, relative, table, text
from .paths import ABOUT_PAGE, EDITS_PAGE, FIGURES_PAGE, MODIFIERS_PAGE, code_page_path

NCCI_PTP_TABLE = ("https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits/"
                  "medicare-ncci-procedure-procedure-ptp-edits")


def _tools(catalog: Catalog, page: str):
    def link_code(number: str) -> str | None:
        return relative(page, code_page_path(number)) if number in catalog.codes else None
    return link_code, Citations(catalog.sources, page_url(page, ABOUT_PAGE) + "#confidence")


def modifiers_page(catalog: Catalog) -> str:
    page = MODIFIERS_PAGE
    link_code, cites = _tools(catalog, page)
    out = [front_matter("Modifiers", "Billing modifiers used with therapy codes: meaning, when to use, when not.",
                       newest(m.last_reviewed for m in catalog.data.modifiers)),
           "# Modifiers", "",
           "What each modifier tells the payer, when it is proper and when it is not. Medicare's rules "
           "are named as Medicare's; commercial payers may differ.", ""]
    for modifier in catalog.data.modifiers:
        codes = catalog.codes_by_modifier.get(modifier.id, [])
        out += [f"## {modifier.id}: {escape(modifier.name)} {{#modifier-{modifier.id.lower()}}}", "",
                f"{text(modifier.meaning, link_code)}{cites.cite(modifier.sources, modifier.confidence)}", "",
                "**Use it when:**", ""]
        out += [f"- {text(item, link_code)}" for item in modifier.use_when]
        if modifier.not_when:
            out += ["", "**Do not use it when:**", ""]
            out += [f"- {text(item, link_code)}" for item in modifier.not_when]
        out.append("")
        if codes:
            out += ["Codes whose pages list it: " + ", ".join(
                f"[{c}]({relative(page, code_page_path(c))})" for c in codes) + ".  "]
        out += [f"Last reviewed {long_date(modifier.last_reviewed)}.", ""]
    out += ["## Sources {#sources}", "", cites.source_list(), ""]
    return "\n".join(out)


def edits_page(catalog: Catalog) -> str:
    page = EDITS_PAGE
    link_code, cites = _tools(catalog, page)
    rows = []
    for edit in catalog.data.edits:
        pair = " + ".join(f"[{c}]({relative(page, code_page_path(c))})" for c in edit.codes)
        rows.append([f'<span id="{edit.id}"></span>{pair}', cell(_orientation(edit)),
                     cell(edit.text, link_code), cell(edit.modifier_when, link_code),
                     long_date(edit.checked) + cites.cite(edit.sources, edit.confidence)])
    return "\n".join([
        front_matter("NCCI edit pairs", "Procedure-to-procedure edit pairs between therapy codes, "
                     "with what is and is not verified.", newest(edit.checked for edit in catalog.data.edits)),
        "# NCCI edit pairs", "",
        "A procedure-to-procedure (PTP) edit pairs two codes billed for the same patient on the same "
        "date by the same provider: the column 2 code is denied unless a proper modifier shows the "
        "services were distinct. CMS updates the edits every quarter. Where this site has not verified a "
        "pair's column order or modifier indicator, the row says so: check the "
        f"[current CMS quarterly PTP edit table]({NCCI_PTP_TABLE}) before relying on it.", "",
        # Each pair is also on the pages of its two codes (#edits), where the search finds it.
        not_searched(table(["Pair", "Column order and indicator", "What it means", "When a modifier is proper",
                            "Checked"], rows)), "",
        "## Sources {#sources}", "", cites.source_list(), ""])


def figures_page(catalog: Catalog) -> str:
    page = FIGURES_PAGE
    link_code, cites = _tools(catalog, page)
    years = sorted({value.year for figure in catalog.data.yearly_figures for value in figure.values},
                   reverse=True)
    out = [front_matter("Yearly figures", "Medicare therapy thresholds and payment percentages by year.",
                       newest(f.last_reviewed for f in catalog.data.yearly_figures)),
           "# Yearly figures", "",
           "Figures that change every year, each stored for its own year. A year with no figure here "
           "has not been checked: it is left blank rather than carried over.", ""]
    headers = ["Year"] + [cell(figure.name) for figure in catalog.data.yearly_figures]
    rows = []
    for year in years:
        row = [str(year)]
        for figure in catalog.data.yearly_figures:
            value = next((v for v in figure.values if v.year == year), None)
            row.append(_amount(value.value, figure.unit) + cites.cite(value.sources, value.confidence)
                       if value else "—")
        rows.append(row)
    out += [table(headers, rows), ""]
    for figure in catalog.data.yearly_figures:
        out += [f"## {escape(figure.name)} {{#{figure.id}}}", "", text(figure.summary, link_code), "",
                f"Last reviewed {long_date(figure.last_reviewed)}.", ""]
    out += ["## Sources {#sources}", "", cites.source_list(), ""]
    return "\n".join(out)


def _amount(value: float, unit: str) -> str:
    if unit == "USD":
        return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"
    return f"{value:g}%"
