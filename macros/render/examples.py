"""Worked examples and the visit calculator, both computed by the units engine at build time."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from ..catalog import Catalog
from ..model import WorkedExample
from ..units import MEDICARE, PER_CODE, TIE_RULE, explain_allocation
from .code_page import BASIS_LABELS
from .markup import Citations, escape, front_matter, page_url, relative, table, text
from .paths import ABOUT_PAGE, CALCULATOR_PAGE, UNITS_PAGE, code_page_path

METHOD_LABELS = {
    MEDICARE: "Medicare total-time method (8-minute rule)",
    PER_CODE: "Per-code midpoint method (many commercial payers)",
}


def calculator_link(from_page: str, visit: dict[str, int], method: str = MEDICARE) -> str:
    """A link to the calculator with this visit filled in (the inputs live in the query)."""
    return relative(from_page, CALCULATOR_PAGE) + "?" + urlencode({"method": method, **visit})


def worked_example(catalog: Catalog, example: WorkedExample, page: str, cites: Citations) -> str:
    """One example: the minutes, the units under both methods side by side, and why."""
    basis = catalog.billing_basis
    medicare = explain_allocation(example.visit, basis, MEDICARE)
    per_code = explain_allocation(example.visit, basis, PER_CODE)

    def link_code(number: str) -> str | None:
        return relative(page, code_page_path(number)) if number in catalog.codes else None

    rows = []
    for code, minutes in example.visit.items():
        timed = basis[code] == "timed_15"
        rows.append([f"[{code}]({relative(page, code_page_path(code))}) {escape(catalog.codes[code].title)}",
                     f"{minutes}" if timed else f"{minutes} (untimed)",
                     str(medicare.units[code]), str(per_code.units[code])])
    rows.append(["**Total**", f"**{medicare.total_timed_minutes} timed**",
                 f"**{sum(medicare.units.values())}**", f"**{sum(per_code.units.values())}**"])
    lines = [f"### {escape(example.title)} {{#{example.id}}}", "",
             table(["Code", "Minutes", "Medicare units", "Per-code units"], rows), ""]
    units, low, high = medicare.table_row
    if units:
        lines.append(f"Medicare: {medicare.total_timed_minutes} timed minutes fall in the {low}–{high} minute "
                     f"row, so the day has {units} timed unit{'s' if units != 1 else ''}.")
    else:
        lines.append(f"Medicare: {medicare.total_timed_minutes} timed minutes is under 8, so no timed unit.")
    for group in medicare.ties:
        lines.append(f" The minutes left over on {' and '.join(group)} are equal. {escape(TIE_RULE)}")
    if sum(medicare.units.values()) != sum(per_code.units.values()) or medicare.units != per_code.units:
        lines.append(" **The two methods disagree on this visit.**")
    lines += ["", f"{text(example.explanation, link_code)}{cites.cite(example.sources, example.confidence)}", "",
              f"[Open this visit in the calculator]({calculator_link(page, example.visit)})", ""]
    return "\n".join(lines)


def worked_examples(catalog: Catalog, page: str = UNITS_PAGE) -> str:
    cites = Citations(catalog.sources, page_url(page, ABOUT_PAGE) + "#confidence")
    blocks = [worked_example(catalog, example, page, cites) for example in catalog.data.examples]
    return "\n".join(blocks + ["#### Sources of the examples", "", cites.source_list(), ""])


def calculator_rules(catalog: Catalog, page: str = CALCULATOR_PAGE) -> dict:
    """What the browser calculator needs, exported from the data (never copied by hand)."""
    codes = {}
    for code in catalog.data.codes:
        codes[code.code] = {
            "title": code.title,
            "basis": code.billing.basis,
            "family": catalog.families[code.family].name,
            "url": page_url(page, code_page_path(code.code)),
            "medicare_payable": code.medicare_status.status == "payable",
            "medicare_note": code.medicare_status.text if code.medicare_status.status != "payable" else "",
        }
    edits = [{"codes": list(edit.codes),
              "column1": edit.column1 if edit.orientation_verified else None,
              "column2": edit.column2 if edit.orientation_verified else None,
              "modifier_indicator": edit.modifier_indicator if edit.indicator_verified else None,
              "text": f"{edit.text} {edit.modifier_when}"} for edit in catalog.data.edits]
    # Every label and rule sentence the calculator shows comes from here, so the script
    # (docs/assets/javascripts/calculator.js) holds no copy of them.
    return {"codes": codes, "edits": edits, "methods": dict(METHOD_LABELS),
            "basis_labels": dict(BASIS_LABELS), "tie_rule": TIE_RULE}


def calculator_page(catalog: Catalog) -> str:
    rules = json.dumps(calculator_rules(catalog), ensure_ascii=False, sort_keys=True)
    # Inside <script>, only '</' can end the element early; JSON allows '<\/'.
    rules = rules.replace("</", "<\\/")
    units_page = relative(CALCULATOR_PAGE, UNITS_PAGE)
    return "\n".join([
        front_matter("Visit calculator", "Count the billing units of one visit under Medicare's "
                     "8-minute rule or the per-code method.",
                     max([catalog.last_reviewed, *(edit.checked for edit in catalog.data.edits)])),
        "# Visit calculator {#calculator}", "",
        "Add each code done on one date of service with its minutes, and pick the counting method. "
        "Everything runs in your browser; nothing is sent anywhere. The address bar keeps the visit, "
        "so you can copy the link to share this exact case.", "",
        f"The rules are explained on [Units and the 8-minute rule]({units_page}). Warnings come from this "
        "site's data: untimed codes, codes Medicare does not pay, and code pairs with an NCCI edit.", "",
        '<div id="visit-calculator" class="visit-calculator"></div>',
        "<noscript><p>The calculator needs JavaScript. The worked examples on the units page show the same "
        "arithmetic.</p></noscript>",
        f'<script type="application/json" id="calculator-rules">{rules}</script>',
        '<script src="../assets/javascripts/units.js"></script>',
        '<script src="../assets/javascripts/calculator.js"></script>',
        "",
        '!!! warning "Not advice"',
        "    The calculator shows how the published counting rules work. It is not billing advice: the "
        "payer's current policy and your documentation decide what may be billed.",
        ""])
