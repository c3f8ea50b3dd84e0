"""The calculator page of the built site: its rules come from the data, and in Chromium it
opens shared links, shows the reference engine's result and warns from the data.

The arithmetic itself is not compared here: tests/js/units.test.js checks units.js against
the reference engine (macros/units.py) on thousands of visits in Node. What only this page
adds is the real rules JSON, the site's page around the calculator, and the way from a
link to the rows and the shown units; each browser test below exercises that way.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from macros.render.examples import calculator_rules
from macros.units import MEDICARE, PER_CODE, TIE_RULE, explain_allocation


def _embedded_rules(built_page) -> dict:
    return json.loads(built_page("calculator/").find(id="calculator-rules").string)


def test_page_rules_come_from_the_data(built_page, catalog):
    rules = _embedded_rules(built_page)
    assert set(rules["codes"]) == set(catalog.codes)
    for number, code in catalog.codes.items():
        assert rules["codes"][number]["basis"] == code.billing.basis
        assert rules["codes"][number]["medicare_payable"] == (code.medicare_status.status == "payable")
    assert len(rules["edits"]) == len(catalog.data.edits)
    # Labels, method names and the tie rule travel in the rules, from their one definition.
    assert rules == calculator_rules(catalog)
    assert rules["tie_rule"] == TIE_RULE
    assert set(rules["methods"]) == {MEDICARE, PER_CODE}
    assert set(rules["basis_labels"]) == {"timed_15", "per_session", "region_count"}


def _open(page, served_site, method, visit):
    query = urlencode({"method": method, **visit})
    page.goto(f"{served_site}calculator/?{query}")
    page.wait_for_selector("#visit-calculator[data-calculator-ready='true']")
    return {row.get_attribute("data-code"): int(row.query_selector("td.calculator-units").inner_text())
            for row in page.query_selector_all("#calculator-results tr[data-code]")}


def _codes_by_basis(catalog) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for number, code in catalog.codes.items():
        if code.medicare_status.status == "payable":
            found.setdefault(code.billing.basis, []).append(number)
    return found


def test_shared_links_show_the_engine_result(new_page, served_site, catalog):
    """A sample of links, not dozens: every link goes the same way (query -> rows -> the
    engine -> the table), and the engine's arithmetic is checked on thousands of visits in
    Node. The sample covers both methods, each billing basis of the real data, a tie, a
    zero-minute row and a lone short service, on the real page with the real rules."""
    kinds = _codes_by_basis(catalog)
    assert len(kinds.get("timed_15", [])) >= 2 and kinds.get("per_session") and kinds.get("region_count"), kinds
    (t1, t2), s1, r1 = kinds["timed_15"][:2], kinds["per_session"][0], kinds["region_count"][0]
    links = [
        (MEDICARE, {t1: 20, t2: 20}),                # a tie: either code may take the third unit
        (PER_CODE, {t1: 33, t2: 7, s1: 45}),         # per code, with an untimed code
        (MEDICARE, {t2: 7, r1: 30}),                 # a lone 7-minute service and a region code
        (PER_CODE, {r1: 0, t2: 0, t1: 52}),          # zero minutes
    ]
    page = new_page()
    for method, visit in links:
        shown = _open(page, served_site, method, visit)
        assert shown == explain_allocation(visit, catalog.billing_basis, method).units, (method, visit)
    page.goto(f"{served_site}calculator/?" + urlencode({"method": MEDICARE, t1: 20, t2: 20}))
    page.wait_for_selector("#calculator-warnings li[data-kind='tie']")
    assert TIE_RULE in page.inner_text("#calculator-warnings li[data-kind='tie']")


def test_cms_example_link_round_trips(new_page, served_site):
    page = new_page()
    shown = _open(page, served_site, "medicare", {"97110": 33, "97140": 7})
    assert shown == {"97110": 2, "97140": 1}
    assert page.inner_text("#calculator-total-minutes").strip() == "40"
    assert "38–52" in page.inner_text("#calculator-table-row")
    page.check("#calculator-method-per-code")
    page.wait_for_function("() => location.search.includes('method=per-code')")
    again = new_page()
    assert _open(again, served_site, "per-code", {"97110": 33, "97140": 7}) == {"97110": 2, "97140": 0}
    copied = page.url
    again.goto(copied)
    again.wait_for_selector("#visit-calculator[data-calculator-ready='true']")
    assert again.inner_text("#calculator-results tr[data-code='97140'] td.calculator-units").strip() == "0"


def test_warnings_come_from_the_data(new_page, served_site, catalog):
    page = new_page()
    _open(page, served_site, "medicare", {"97010": 10, "97140": 20, "97530": 15})
    kinds = page.eval_on_selector_all("#calculator-warnings li", "els => els.map(e => e.dataset.kind)")
    texts = " ".join(page.eval_on_selector_all("#calculator-warnings li", "els => els.map(e => e.textContent)"))
    assert "not-medicare-payable" in kinds and "untimed" in kinds and "edit" in kinds
    assert " ".join(catalog.codes["97010"].medicare_status.text.split())[:40] in " ".join(texts.split())
