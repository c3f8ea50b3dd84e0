"""Worked examples and the visit calculator, both computed by the units engine at build time."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

from ..catalog import Catalog
from ..model import WorkedExample
from ..units import MEDICARE, PER_CODE, TIE_RULE, explain_allocation
from .explain import STEP_SENTENCES, sentences
from .labels import BASIS_LABELS, METHOD_LABELS
from .markup import escape, page_url, relative, table
from .page import Page
from .paths import CALCULATOR_PAGE, UNITS_PAGE, code_page_path


def calculator_link(from_page: str, visit: dict[str, int], method: str = MEDICARE) -> str:
    """A link to the calculator with this visit filled in (the inputs live in the query)."""
    return relative(from_page, CALCULATOR_PAGE) + "?" + urlencode({"method": method, **visit})


def worked_example(page: Page, example: WorkedExample) -> str:
    """One example: the minutes, the units under both methods side by side, and why."""
    catalog = page.catalog
    basis = catalog.billing_basis
    medicare = explain_allocation(example.visit, basis, MEDICARE)
    per_code = explain_allocation(example.visit, basis, PER_CODE)

    rows = []
    for code, minutes in example.visit.items():
        timed = basis[code] == "timed_15"
        rows.append([f"{page.code_link(code)} {escape(catalog.codes[code].title)}",
                     f"{minutes}" if timed else f"{minutes} (untimed)",
                     str(medicare.units[code]), str(per_code.units[code])])
    rows.append(["**Total**", f"**{medicare.total_timed_minutes} timed**",
                 f"**{sum(medicare.units.values())}**", f"**{sum(per_code.units.values())}**"])
    lines = [f"### {escape(example.title)} {{#{example.id}}}", "",
             table(["Code", "Minutes", "Medicare units", "Per-code units"], rows), ""]
    # The engine's own explanation, in the sentences the calculator shows (macros/render/explain.py).
    lines += ["How Medicare's units were shared out:", "",
              *(f"{n}. {page.text(line)}" for n, line in enumerate(sentences(medicare.explanation), start=1)), ""]
    if medicare.units != per_code.units:
        lines += ["**The two methods disagree on this visit.**", ""]
    lines += [f"{page.text(example.explanation)}{page.cite(example.sources, example.confidence)}", "",
              f"[Open this visit in the calculator]({calculator_link(page.path, example.visit)})", ""]
    return "\n".join(lines)


def worked_examples(catalog: Catalog, path: str = UNITS_PAGE) -> str:
    """Every worked example, as a fragment of a hand-written page, with its own source list."""
    page = Page(catalog, path)
    blocks = [worked_example(page, example) for example in catalog.data.examples]
    legend = page.cites.legend()
    return "\n".join(([legend, ""] if legend else []) + blocks + page.sources_section("#### Sources of the examples"))


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
              "text": f"{edit.text} {edit.modifier_when}"} for edit in catalog.edits]
    # The worked examples, so a visit that is one of them links to it (pairs keep the order).
    examples = [{"id": example.id, "title": example.title,
                 "url": page_url(page, UNITS_PAGE) + "#" + example.id,
                 "visit": [[code, minutes] for code, minutes in example.visit.items()]}
                for example in catalog.data.examples]
    # Every label and rule sentence the calculator shows comes from here, so the script
    # (docs/assets/javascripts/calculator.js) holds no copy of them.
    return {"codes": codes, "edits": edits, "methods": dict(METHOD_LABELS),
            "basis_labels": dict(BASIS_LABELS), "tie_rule": TIE_RULE, "explain": dict(STEP_SENTENCES),
            "examples": examples}


def calculator_page(catalog: Catalog, today: dt.date | None = None) -> str:
    rules = json.dumps(calculator_rules(catalog), ensure_ascii=False, sort_keys=True)
    # Inside <script>, only '</' can end the element early; JSON allows '<\/'.
    rules = rules.replace("</", "<\\/")
    page = Page(catalog, CALCULATOR_PAGE, today)
    return page.render("Visit calculator", "Count the billing units of one visit under Medicare's "
                       "8-minute rule or the per-code method.",
                       max([catalog.last_reviewed, *(edit.checked for edit in catalog.data.edits)]), [
        "Add each code done on one date of service with its minutes, and pick the counting method. "
        "Everything runs in your browser; nothing is sent anywhere. The address bar keeps the visit, "
        "so you can copy the link to share this exact case.", "",
        f"The rules are explained on [Units and the 8-minute rule]({page.link(UNITS_PAGE)}). Under the result, the "
        "calculator says how the units were shared out, and lists points to check from this site's data: codes "
        "Medicare does not pay and code pairs with an NCCI edit.", "",
        '<div id="visit-calculator" class="visit-calculator"></div>',
        "<noscript><p>The calculator needs JavaScript. The worked examples on the units page show the same "
        "arithmetic.</p></noscript>",
        f'<script type="application/json" id="calculator-rules">{rules}</script>',
        '<script src="../assets/javascripts/units.js" defer></script>',
        '<script src="../assets/javascripts/calculator.js" defer></script>',
        "",
        '!!! warning "Not advice"',
        "    The calculator shows how the published counting rules work. It is not billing advice: the "
        "payer's current policy and your documentation decide what may be billed.",
        ""], heading="Visit calculator {#calculator}", sources=False)
