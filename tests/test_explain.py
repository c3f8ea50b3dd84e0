"""How the units were shared out: the units engine's explanation (macros/units.py) and its
sentences (macros/render/explain.py), which the calculator fills in the browser
(calculator.js fillTemplate) and the units page prints under each worked example.

The steps must say what the arithmetic did: for every golden visit, the units each code got
are read back from the steps alone and compared with the engine's units. units.js returns
the same steps (tests/js/units.test.js, on the same vectors); here Node fills the sentences
with calculator.js and they must read exactly as this module writes them.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from macros.render.explain import STEP_SENTENCES, sentence, sentences
from macros.units import MEDICARE, PER_CODE, STEP_KINDS, TIE_RULE, explain_allocation
from scripts.units_vectors import BASIS, NAMED_VISITS, random_visits
from tests.conftest import ROOT

T = "timed_15"
BASIS_2 = {"97110": T, "97112": T, "97140": T, "97530": T, "97161": "per_session", "98941": "region_count"}


def _kinds(allocation) -> list[str]:
    return [step["kind"] for step in allocation.explanation]


def test_every_kind_of_step_has_one_sentence():
    assert STEP_SENTENCES.keys() == STEP_KINDS.keys()


def test_cms_example_3_the_short_service_takes_the_last_unit():
    steps = explain_allocation({"97110": 33, "97140": 7}, BASIS_2, MEDICARE).explanation
    assert steps[0] == {"kind": "total", "minutes": 40, "units": 3, "first": 38, "last": 52}
    assert {"kind": "award-most-left", "code": "97140", "left": 7} in steps
    assert {"kind": "no-award", "code": "97110", "left": 3} in steps
    text = sentences(steps)
    assert text[0] == ("The timed codes add up to 40 minutes, which falls in the 38–52 minute row of the units "
                       "table: 3 timed units for the day.")
    assert "A leftover unit goes to 97140: its 7 minutes left over are more than those of any code that gets " \
           "none." in text


def test_a_tie_names_the_codes_the_rule_and_why_the_winner_won():
    equal = explain_allocation({"97112": 20, "97110": 20}, BASIS_2, MEDICARE)
    assert equal.units == {"97112": 1, "97110": 2}
    assert {"kind": "award-code-order", "code": "97110", "left": 5, "minutes": 20, "other": "97112"} in \
        equal.explanation
    tie = next(step for step in equal.explanation if step["kind"] == "tie")
    assert tie == {"kind": "tie", "codes": ["97112", "97110"], "left": 5, "units": 1}
    assert sentence(tie).endswith(TIE_RULE)
    longer = explain_allocation({"97110": 20, "97140": 35}, BASIS_2, MEDICARE)
    assert {"kind": "award-more-minutes", "code": "97140", "left": 5, "minutes": 35, "other": "97110",
            "other_minutes": 20} in longer.explanation
    assert "more minutes in all (35 against 20)" in sentence(longer.explanation[4])


def test_untimed_codes_say_they_do_not_count_and_per_code_counts_each_alone():
    visit = {"97161": 30, "98941": 10, "97110": 7}
    medicare = explain_allocation(visit, BASIS_2, MEDICARE)
    assert _kinds(medicare) == ["total-under-8", "untimed-session", "untimed-regions"]
    assert "its 30 minutes do not count toward the timed total" in sentence(medicare.explanation[1])
    per_code = explain_allocation({"97110": 33, "97140": 7}, BASIS_2, PER_CODE)
    assert _kinds(per_code) == ["per-code", "own", "own-under-8"]
    assert sentences(per_code.explanation)[2] == "97140: 7 minutes are under 8 minutes, so no unit."
    assert explain_allocation({}, BASIS_2, MEDICARE).explanation == []
    assert _kinds(explain_allocation({"98941": 5}, BASIS_2, PER_CODE)) == ["no-timed", "untimed-regions"]


def _units_from_steps(steps: list[dict]) -> dict[str, int]:
    """The units each code got, read from the explanation alone."""
    units: dict[str, int] = {}
    for step in steps:
        kind, code = step["kind"], step.get("code")
        if kind in ("full", "full-exact"):
            units[code] = step["full"]
        elif kind in ("full-none", "no-minutes", "own-under-8", "no-award", "no-award-tie"):
            units.setdefault(code, 0)
        elif kind.startswith("award-"):
            units[code] = units.get(code, 0) + 1
        elif kind == "own":
            units[code] = step["units"]
        elif kind.startswith("untimed-"):
            units[code] = 1
    return units


VISITS = [visit for _, visit in NAMED_VISITS] + random_visits(count=400)


@pytest.mark.parametrize("method", [MEDICARE, PER_CODE])
def test_the_steps_say_what_the_arithmetic_did(method):
    for visit in VISITS:
        allocation = explain_allocation(visit, BASIS, method)
        said = _units_from_steps(allocation.explanation)
        total_units = allocation.table_row[0] if allocation.table_row else None
        if method == MEDICARE and total_units == 0:
            # Under 8 minutes in all: one sentence for the day, no code earns a timed unit.
            assert all(allocation.units[c] == 0 for c in visit if BASIS[c] == T), visit
            said.update({c: 0 for c in visit if BASIS[c] == T})
        assert said == allocation.units, (method, visit, allocation.explanation)
        awards = sum(step["kind"].startswith("award-") for step in allocation.explanation)
        left = next((step["left"] for step in allocation.explanation if step["kind"] == "left-to-share"), 0)
        assert awards == left, visit


def test_the_calculator_fills_the_sentences_exactly_as_the_site_writes_them(tmp_path):
    """calculator.js's fillTemplate against explain.sentence, on every named visit's steps."""
    node = shutil.which("node")
    assert node, "node is not on PATH: install Node.js 20 or newer"
    steps = [step for _, visit in NAMED_VISITS for method in (MEDICARE, PER_CODE)
             for step in explain_allocation(visit, BASIS, method).explanation]
    assert {step["kind"] for step in steps} == set(STEP_KINDS), "the named visits show every kind of step"
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"templates": STEP_SENTENCES, "steps": steps}), encoding="utf-8")
    script = ("const C = require(process.argv[1]); const c = require(process.argv[2]);"
              "console.log(JSON.stringify(c.steps.map((s) => C.fillTemplate(c.templates[s.kind], s))));")
    result = subprocess.run([node, "-e", script, str(ROOT / "docs/assets/javascripts/calculator.js"), str(case)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [sentence(step) for step in steps]
