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
from macros.render.explain import STEP_SENTENCES, sentences
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
    assert rules["explain"] == STEP_SENTENCES
    assert [example["id"] for example in rules["examples"]] == [example.id for example in catalog.data.examples]


def _open(page, served_site, method, visit):
    query = urlencode({"method": method, **visit})
    page.goto(f"{served_site}calculator/?{query}")
    page.wait_for_selector("#visit-calculator[data-calculator-ready='true']")
    return {item.get_attribute("data-code"): int(item.get_attribute("data-units"))
            for item in page.query_selector_all("#calculator-results li[data-code]")}


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
    page.wait_for_selector("#calculator-explanation li[data-kind='tie']")
    assert TIE_RULE in page.inner_text("#calculator-explanation li[data-kind='tie']")


def test_cms_example_link_round_trips(new_page, served_site):
    page = new_page()
    shown = _open(page, served_site, "medicare", {"97110": 33, "97140": 7})
    assert shown == {"97110": 2, "97140": 1}
    assert page.inner_text("#calculator-total-units").strip() == "3 units"
    assert "40 timed minutes" in page.inner_text("#calculator-summary")
    page.check("#calculator-method-per-code")
    page.wait_for_function("() => location.search.includes('method=per-code')")
    again = new_page()
    assert _open(again, served_site, "per-code", {"97110": 33, "97140": 7}) == {"97110": 2, "97140": 0}
    copied = page.url
    again.goto(copied)
    again.wait_for_selector("#visit-calculator[data-calculator-ready='true']")
    assert again.inner_text("#calculator-results li[data-code='97140'] .calculator-units").strip() == "0 units"


def test_warnings_come_from_the_data(new_page, served_site, catalog):
    page = new_page()
    _open(page, served_site, "medicare", {"97010": 10, "97140": 20, "97530": 15})
    kinds = page.eval_on_selector_all("#calculator-warnings li", "els => els.map(e => e.dataset.kind)")
    texts = " ".join(page.eval_on_selector_all("#calculator-warnings li", "els => els.map(e => e.textContent)"))
    assert "not-medicare-payable" in kinds and "edit" in kinds
    assert page.is_visible("#calculator-warnings-title")
    # That 97010 is untimed is the engine's to say, in the explanation, not a point to check.
    assert "untimed" not in kinds
    assert any(line.startswith("97010 is untimed") for line in _explanation(page))
    assert " ".join(catalog.codes["97010"].medicare_status.text.split())[:40] in " ".join(texts.split())


def _explanation(page) -> list[str]:
    return page.eval_on_selector_all("#calculator-explanation li", "items => items.map(li => li.textContent)")


def test_the_explanation_is_the_engines_and_worked_examples_are_linked(new_page, served_site, catalog):
    """What "How the units were shared out" says, for the four CMS examples (under both
    methods), a tie and an untimed visit, is the reference engine's explanation in the site's
    sentences; a visit that is one of the data's worked examples links to it on /units/."""
    examples = {example.id: example for example in catalog.data.examples}
    basis = catalog.billing_basis
    untimed = next(e for e in catalog.data.examples if any(basis[c] != "timed_15" for c in e.visit))
    cases = [(MEDICARE, examples[f"cms-ex{n}"]) for n in range(1, 5)] + [(PER_CODE, examples["cms-ex3"])]
    cases += [(MEDICARE, untimed)]
    assert any(explain_allocation(e.visit, basis, MEDICARE).ties for _, e in cases), "no tie among the cases"
    page = new_page()
    for method, example in cases:
        _open(page, served_site, method, example.visit)
        expected = sentences(explain_allocation(example.visit, basis, method).explanation)
        assert _explanation(page) == expected, (method, example.id)
        link = page.locator("#calculator-example a")
        assert link.get_attribute("href") == f"../units/#{example.id}" and link.inner_text() == example.title
    # A visit that is no example: no link, and nothing to check for two plain timed codes.
    _open(page, served_site, MEDICARE, {"97110": 31, "97112": 9})
    assert _explanation(page) == sentences(explain_allocation({"97110": 31, "97112": 9}, basis, MEDICARE).explanation)
    assert not page.is_visible("#calculator-example")
    assert not page.is_visible("#calculator-warnings-title")
