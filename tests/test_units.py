"""Tests of macros/units.py, the billing-units engine.

Expected values are written from the CMS text (Claims Processing Manual,
Pub. 100-04, Ch. 5 §20.2), not read back from the engine. The browser's copy
of the engine (units.js) is checked against this one through golden vectors
(tests/test_units_vectors.py, tests/js/units.test.js).
"""

from __future__ import annotations

import ast
import doctest
import random
import sys
from pathlib import Path

import pytest

from macros import units as units_module
from macros.units import (
    MEDICARE,
    METHODS,
    PER_CODE,
    allocate_units,
    explain_allocation,
    units_for_total_minutes,
    units_table_row,
)

T, S, R = "timed_15", "per_session", "region_count"

# The generator's pool mixes timed and untimed codes.
BASIS = {
    "97110": T, "97112": T, "97116": T, "97140": T, "97530": T, "97535": T,
    "97124": T, "97113": T, "97035": T, "97032": T,
    "97161": S, "97162": S, "97164": S, "97010": S, "97014": S, "G0283": S,
    "98940": R, "98941": R, "98925": R, "98926": R,
}
TIMED = sorted(c for c, b in BASIS.items() if b == T)
POOL = sorted(BASIS)
N_VISITS = 2500


def table_units(total: int) -> int:
    """The units table counted row by row, independent of the engine."""
    if total < 8:
        return 0
    units, last_minute = 1, 22
    while total > last_minute:
        units += 1
        last_minute += 15
    return units


def generate_visits(seed: int = 20240817, n: int = N_VISITS) -> list[dict[str, int]]:
    rng = random.Random(seed)
    visits = []
    for _ in range(n):
        codes = rng.sample(POOL, rng.randint(1, 6))
        visits.append({code: rng.randint(0, 120) for code in codes})
    return visits


VISITS = generate_visits()


# --- CMS §20.2 examples ---------------------------------------------------

def test_cms_example_1_more_units_to_longer_service():
    # 24 + 23 = 47 minutes -> 3 units: 2 x 97112, 1 x 97110.
    a = explain_allocation({"97112": 24, "97110": 23}, BASIS)
    assert a.units == {"97112": 2, "97110": 1}
    assert a.total_timed_minutes == 47
    assert a.table_row == (3, 38, 52)
    assert a.ties == []


def test_cms_example_2_equal_minutes_either_code_and_tie_recorded():
    # 20 + 20 = 40 -> 3 units; either code gets 2, the other 1; never 3 on one.
    a = explain_allocation({"97112": 20, "97110": 20}, BASIS)
    assert sum(a.units.values()) == 3
    assert sorted(a.units.values()) == [1, 2]
    assert len(a.ties) == 1
    assert set(a.ties[0]) == {"97112", "97110"}
    # The documented tie rule: equal totals, so the code sorting first wins.
    assert a.units == {"97112": 1, "97110": 2}
    assert "sorts first" in a.tie_rule


def test_tie_rule_prefers_more_total_minutes():
    # 35 + 20: remainders 5 and 5, one unit left -> the 35-minute code.
    a = explain_allocation({"97110": 20, "97140": 35}, BASIS)
    assert a.units == {"97110": 1, "97140": 3}
    assert [set(t) for t in a.ties] == [{"97110", "97140"}]


def test_equal_remainders_without_contest_are_not_a_tie():
    # 22 + 22 = 44 -> 3 units: 1 each from full blocks, 1 left, remainders
    # 7 and 7 -> a tie decided it.
    assert len(explain_allocation({"97110": 22, "97112": 22}, BASIS).ties) == 1
    # 30 + 30 = 60 -> 4 units, all from full blocks, nothing left -> no tie.
    assert explain_allocation({"97110": 30, "97112": 30}, BASIS).ties == []
    # 10 + 10 = 20 -> 1 unit, two codes with 10 remaining minutes -> a tie.
    assert len(explain_allocation({"97110": 10, "97112": 10}, BASIS).ties) == 1
    # 14 + 14 = 28 -> 2 units, both remainders 14, both get one -> no tie.
    a = explain_allocation({"97110": 14, "97112": 14}, BASIS)
    assert a.units == {"97110": 1, "97112": 1} and a.ties == []


def test_cms_example_3_leftover_compared_with_short_service():
    # 33 min 97110 + 7 min 97140 = 40 -> 2 x 97110 + 1 x 97140.
    a = explain_allocation({"97110": 33, "97140": 7}, BASIS)
    assert a.units == {"97110": 2, "97140": 1}
    assert a.table_row == (3, 38, 52)


def test_cms_example_4_four_services_one_gets_nothing():
    a = explain_allocation({"97110": 18, "97140": 13, "97116": 10, "97035": 8}, BASIS)
    assert a.units == {"97110": 1, "97140": 1, "97116": 1, "97035": 0}
    assert a.total_timed_minutes == 49


def test_lone_seven_minute_service_is_not_billed():
    for method in METHODS:
        assert allocate_units({"97110": 7}, method, basis=BASIS) == {"97110": 0}


def test_two_short_services_unit_to_the_longer():
    # 5 + 4 = 9 minutes -> 1 unit, to the service performed for more minutes.
    a = explain_allocation({"97140": 4, "97110": 5}, BASIS)
    assert a.units == {"97140": 0, "97110": 1}
    assert a.ties == []


def test_per_code_does_not_pool():
    a = explain_allocation({"97110": 33, "97140": 7}, BASIS, PER_CODE)
    assert a.units == {"97110": 2, "97140": 0}
    assert sum(a.units.values()) == 2
    assert a.table_row is None
    assert a.total_timed_minutes == 40


def test_units_keep_input_order_and_every_code():
    minutes = {"97140": 0, "97161": 45, "97110": 8, "98941": 0}
    for method in METHODS:
        got = allocate_units(minutes, method, basis=BASIS)
        assert list(got) == ["97140", "97161", "97110", "98941"]


def test_untimed_codes_one_unit_and_minutes_not_counted():
    a = explain_allocation({"97161": 45, "98941": 0, "97110": 7}, BASIS)
    assert a.units == {"97161": 1, "98941": 1, "97110": 0}
    assert a.total_timed_minutes == 7
    assert a.table_row == (0, 0, 7)
    assert a.untimed_codes == ("97161", "98941")
    b = explain_allocation({"97161": 45, "98941": 0, "97110": 7}, BASIS, PER_CODE)
    assert b.units == {"97161": 1, "98941": 1, "97110": 0}


def test_empty_visit():
    a = explain_allocation({}, BASIS)
    assert a.units == {} and a.total_timed_minutes == 0 and a.table_row == (0, 0, 7)


# --- units table boundaries ------------------------------------------------

BOUNDARIES = [
    (0, 0), (7, 0), (8, 1), (22, 1), (23, 2), (37, 2), (38, 3), (52, 3), (53, 4),
    (67, 4), (68, 5), (82, 5), (83, 6), (97, 6), (98, 7), (112, 7), (113, 8),
    (127, 8),
]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("minutes,expected", BOUNDARIES)
def test_units_table_boundaries_single_code(minutes, expected, method):
    assert units_for_total_minutes(minutes) == expected
    assert allocate_units({"97110": minutes}, method, basis=BASIS) == {"97110": expected}


@pytest.mark.parametrize(
    "total,row",
    [(0, (0, 0, 7)), (7, (0, 0, 7)), (8, (1, 8, 22)), (22, (1, 8, 22)),
     (40, (3, 38, 52)), (53, (4, 53, 67)), (127, (8, 113, 127)), (128, (9, 128, 142))],
)
def test_units_table_row(total, row):
    assert units_table_row(total) == row


# --- properties over generated visits ---------------------------------------

def test_generator_mixes_timed_and_untimed():
    sizes = {len(v) for v in VISITS}
    assert sizes == {1, 2, 3, 4, 5, 6}
    kinds = {BASIS[c] for v in VISITS for c in v}
    assert kinds == {T, S, R}
    assert len(VISITS) >= 2000


def test_medicare_properties():
    for visit in VISITS:
        a = explain_allocation(visit, BASIS, MEDICARE)
        timed = {c: m for c, m in visit.items() if BASIS[c] == T}
        total = sum(timed.values())
        assert a.total_timed_minutes == total
        assert sum(a.units[c] for c in timed) == table_units(total), visit
        extra = {}
        for code, m in timed.items():
            # Never more than one unit beyond the full 15-minute blocks.
            assert m // 15 <= a.units[code] <= m // 15 + 1, (visit, code)
            extra[code] = a.units[code] - m // 15
        # A leftover unit never goes to fewer remaining minutes than a code
        # left without one; equal remaining minutes across that line are a tie.
        tied = {c for group in a.ties for c in group}
        for winner in (c for c in timed if extra[c]):
            for loser in (c for c in timed if not extra[c]):
                assert timed[winner] % 15 >= timed[loser] % 15, visit
                if timed[winner] % 15 == timed[loser] % 15:
                    assert {winner, loser} <= tied, visit
        for group in a.ties:
            assert len({timed[c] % 15 for c in group}) == 1
            assert {extra[c] for c in group} == {0, 1}
        for code in visit:
            if BASIS[code] != T:
                assert a.units[code] == 1


def test_per_code_properties():
    for visit in VISITS:
        got = allocate_units(visit, PER_CODE, basis=BASIS)
        assert list(got) == list(visit)
        for code, m in visit.items():
            if BASIS[code] == T:
                assert got[code] == table_units(m), (visit, code)
                # Depends on its own minutes only: alone, or beside others.
                assert allocate_units({code: m}, PER_CODE, basis=BASIS)[code] == got[code]
            else:
                assert got[code] == 1


def test_per_code_adding_a_code_never_changes_others():
    rng = random.Random(7)
    for visit in VISITS[:500]:
        before = allocate_units(visit, PER_CODE, basis=BASIS)
        extra = rng.choice([c for c in POOL if c not in visit] or POOL)
        if extra in visit:
            continue
        after = allocate_units({**visit, extra: rng.randint(0, 120)}, PER_CODE, basis=BASIS)
        assert {c: after[c] for c in visit} == before


def test_methods_differ_both_ways():
    # Pooling can add a unit (33 + 7) and can also give fewer: 8 + 8 minutes
    # pool to 16 = one unit, while each code alone reaches the 8-minute midpoint.
    both = {"97110": 8, "97140": 8}
    assert sum(allocate_units(both, MEDICARE, basis=BASIS).values()) == 1
    assert allocate_units(both, PER_CODE, basis=BASIS) == {"97110": 1, "97140": 1}


# --- errors -------------------------------------------------------------------

@pytest.mark.parametrize(
    "minutes,basis,method,words",
    [
        ({"99999": 10}, BASIS, MEDICARE, ["unknown code", "99999"]),
        ({"97110": -1}, BASIS, MEDICARE, ["negative", "97110"]),
        ({"97161": -5}, BASIS, PER_CODE, ["negative", "97161"]),
        ({"97110": 15.0}, BASIS, MEDICARE, ["whole number", "97110", "float"]),
        ({"97110": 7.5}, BASIS, MEDICARE, ["whole number", "97110"]),
        ({"97110": True}, BASIS, MEDICARE, ["whole number", "97110", "bool"]),
        ({"97110": "10"}, BASIS, MEDICARE, ["whole number", "97110", "str"]),
        ({"97110": None}, BASIS, MEDICARE, ["whole number", "97110"]),
        ({"97110": 10}, BASIS, "cms", ["unknown method", "'cms'", "medicare", "per-code"]),
        ({"97110": 10}, {"97110": "timed_8"}, MEDICARE, ["billing basis", "timed_8", "97110"]),
    ],
)
def test_errors_name_the_problem_and_the_code(minutes, basis, method, words):
    with pytest.raises(ValueError) as info:
        explain_allocation(minutes, basis, method)
    for word in words:
        assert word in str(info.value)
    with pytest.raises(ValueError):
        allocate_units(minutes, method, basis=basis)


@pytest.mark.parametrize("bad", [-1, 7.0, True, "8"])
def test_table_functions_reject_bad_totals(bad):
    with pytest.raises(ValueError, match="total"):
        units_for_total_minutes(bad)
    with pytest.raises(ValueError, match="total"):
        units_table_row(bad)


def test_module_doctests():
    result = doctest.testmod(units_module)
    assert result.attempted >= 5 and result.failed == 0


def test_engine_imports_only_the_standard_library():
    tree = ast.parse(Path(units_module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    # macros.catalog is the lazy data-file import inside allocate_units.
    assert imported <= set(sys.stdlib_module_names) | {"macros"}, imported


# --- with the project's data file -------------------------------------------

@pytest.mark.needs_catalog
def test_allocate_units_reads_basis_from_catalog():
    """Needs macros.catalog.billing_basis_by_code (data/codes.yaml)."""
    from macros.catalog import billing_basis_by_code

    basis = billing_basis_by_code()
    assert basis and set(basis.values()) <= {"timed_15", "per_session", "region_count"}
    timed = [c for c in ("97110", "97140") if basis.get(c) == "timed_15"]
    timed += sorted(c for c, kind in basis.items() if kind == "timed_15" and c not in timed)
    assert timed, "the data file has no timed_15 code"
    # CMS example 3 on the data's own timed codes (97110 and 97140 once present).
    if len(timed) >= 2:
        a, b = timed[:2]
        assert allocate_units({a: 33, b: 7}) == {a: 2, b: 1}
        assert allocate_units({a: 33, b: 7}, PER_CODE) == {a: 2, b: 0}
    assert allocate_units({timed[0]: 40}) == {timed[0]: 3}
    # Every code in the data: a lone 7-minute timed service earns nothing,
    # an untimed or region-count code earns 1.
    for code, kind in basis.items():
        expected = 0 if kind == "timed_15" else 1
        assert allocate_units({code: 7}) == {code: expected}, code
