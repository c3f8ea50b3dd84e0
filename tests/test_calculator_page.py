"""The calculator page of the built site, with the rules exported from the real data,
agrees with the Python engine, opens shared links, and warns from the data."""

from __future__ import annotations

import json
import random
from urllib.parse import urlencode

import pytest

from macros.units import METHODS, explain_allocation


@pytest.fixture(scope="module")
def calculator(browser, served_site):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_site + "calculator/")
    page.wait_for_selector("#visit-calculator[data-calculator-ready='true']")
    yield page
    page.close()
    assert not errors, f"JavaScript errors on /calculator/: {errors}"


def _visits(codes: list[str], count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        chosen = rng.sample(codes, rng.randint(1, 6))
        yield {code: rng.randint(0, 120) for code in chosen}


def test_page_rules_come_from_the_data(calculator, catalog):
    rules = json.loads(calculator.inner_text("#calculator-rules"))
    assert set(rules["codes"]) == set(catalog.codes)
    for number, code in catalog.codes.items():
        assert rules["codes"][number]["basis"] == code.billing.basis
        assert rules["codes"][number]["medicare_payable"] == (code.medicare_status.status == "payable")
    assert len(rules["edits"]) == len(catalog.data.edits)


def test_browser_engine_on_the_real_page_matches_python_for_2000_visits(calculator, catalog):
    basis = catalog.billing_basis
    visits = list(_visits(sorted(basis), 2000, seed=20261128))
    for method in METHODS:
        browser_units = calculator.evaluate(
            """([visits, basis, method]) => visits.map(v =>
                   window.BillingUnits.allocateUnits(Object.entries(v), basis, method))""",
            [visits, basis, method])
        for visit, units in zip(visits, browser_units):
            assert units == explain_allocation(visit, basis, method).units, (method, visit)


def _open(page, served_site, method, visit):
    query = urlencode({"method": method, **visit})
    page.goto(f"{served_site}calculator/?{query}")
    page.wait_for_selector("#visit-calculator[data-calculator-ready='true']")
    return {row.get_attribute("data-code"): int(row.query_selector("td.calculator-units").inner_text())
            for row in page.query_selector_all("#calculator-results tr[data-code]")}


def test_shared_links_show_the_engine_result(browser, served_site, catalog):
    page = browser.new_page()
    for index, visit in enumerate(_visits(sorted(catalog.codes), 60, seed=7)):
        method = METHODS[index % 2]
        shown = _open(page, served_site, method, visit)
        assert shown == explain_allocation(visit, catalog.billing_basis, method).units, (method, visit)
    page.close()


def test_cms_example_link_round_trips(browser, served_site):
    page = browser.new_page()
    shown = _open(page, served_site, "medicare", {"97110": 33, "97140": 7})
    assert shown == {"97110": 2, "97140": 1}
    assert page.inner_text("#calculator-total-minutes").strip() == "40"
    assert "38–52" in page.inner_text("#calculator-table-row")
    page.check("#calculator-method-per-code")
    page.wait_for_function("() => location.search.includes('method=per-code')")
    again = browser.new_page()
    assert _open(again, served_site, "per-code", {"97110": 33, "97140": 7}) == {"97110": 2, "97140": 0}
    copied = page.url
    again.goto(copied)
    again.wait_for_selector("#visit-calculator[data-calculator-ready='true']")
    assert again.inner_text("#calculator-results tr[data-code='97140'] td.calculator-units").strip() == "0"
    page.close()
    again.close()


def test_warnings_come_from_the_data(browser, served_site, catalog):
    page = browser.new_page()
    _open(page, served_site, "medicare", {"97010": 10, "97140": 20, "97530": 15})
    kinds = page.eval_on_selector_all("#calculator-warnings li", "els => els.map(e => e.dataset.kind)")
    texts = " ".join(page.eval_on_selector_all("#calculator-warnings li", "els => els.map(e => e.textContent)"))
    assert "not-medicare-payable" in kinds and "untimed" in kinds and "edit" in kinds
    assert " ".join(catalog.codes["97010"].medicare_status.text.split())[:40] in " ".join(texts.split())
    page.close()
