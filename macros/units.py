"""Billing-units engine: how many units each code on one visit earns.

Pure Python, standard library only, so the site build, the tests and anyone
reading the rules can use it without MkDocs. This is the reference implementation:
``docs/assets/javascripts/units.js`` is the same engine for the browser, checked
against golden vectors computed from this module (scripts/units_vectors.py writes
tests/golden/units-vectors.json; tests/js/units.test.js runs units.js on them).

Two counting methods
--------------------
``MEDICARE`` ("medicare"): Medicare Claims Processing Manual (Pub. 100-04),
Ch. 5 §20.2, the "8-minute rule".

1. Add up the minutes of every timed (per-15-minute) code on the day.
2. The day's units follow that total: 0 below 8 minutes, then 8-22 = 1,
   23-37 = 2, 38-52 = 3 ... i.e. ``(total + 7) // 15``.
3. Each timed code first gets one unit per full 15 minutes (``minutes // 15``).
4. The units still left go, one each, to the codes with the most remaining
   minutes (``minutes % 15``), largest first.  So no code ever gets more than
   one unit beyond its full 15-minute blocks.

``PER_CODE`` ("per-code"): CPT's midpoint convention as many commercial payers
apply it: each timed code earns ``units_for_total_minutes(its own minutes)``,
with no pooling across codes.

Under both methods an untimed code (``"per_session"``) or a code chosen by the
count of body regions (``"region_count"``) gets 1 unit when it is present in
the mapping (presence means it was performed), whatever minutes it carries,
and its minutes never enter the timed total.

Tie rule (Medicare only)
------------------------
CMS's text does not say which code takes a leftover unit when remaining
minutes are equal (its 20 + 20 minute example: "either code" may take 2).
The engine must still be deterministic, so among equal remaining minutes it
prefers:

1. the code with more total minutes, then
2. the code whose code string sorts first (plain string comparison).

When such a tie actually decided who got a unit, i.e. the tied codes
outnumber the units left for them, the whole tied group is recorded in
``Allocation.ties``: CMS would accept the unit on any code of the group.

The explanation
---------------
``Allocation.explanation`` says in order how the units were shared out, as a list
of steps (plain dicts, so they compare equal to units.js's steps once both are
JSON). Each step has a ``kind`` (see ``STEP_KINDS``) and the numbers and codes
that step names; the site turns each kind into a sentence
(macros/render/explain.py). The steps come from the same variables that set the
units, so the words can never disagree with the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

MEDICARE = "medicare"
PER_CODE = "per-code"
METHODS = (MEDICARE, PER_CODE)

TIMED_15 = "timed_15"
PER_SESSION = "per_session"
REGION_COUNT = "region_count"
BASES = (TIMED_15, PER_SESSION, REGION_COUNT)

# The tie rule in words, as the site shows it (units page, worked examples, the
# calculator's warnings through its rules JSON); the sort key in explain_allocation is
# the rule itself.
TIE_RULE = (
    "When timed codes have the same minutes left over and not all of them can take "
    "one of the leftover units, the units go first to the code with more total minutes, "
    "then to the code that sorts first (character by character, digits before letters: "
    "97110 before 97140 before G0283). CMS accepts the unit on any of the tied codes."
)


def _check_minutes(value: object, what: str) -> int:
    # bool is a subclass of int, and 15.0 is a whole float: reject both so a
    # data or typing mistake shows up instead of being silently counted.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            f"minutes for {what} must be a whole number (int), got {value!r} "
            f"of type {type(value).__name__}"
        )
    if value < 0:
        raise ValueError(f"minutes for {what} must not be negative, got {value}")
    return value


def units_for_total_minutes(total: int) -> int:
    """Units the Medicare table gives for ``total`` timed minutes.

    0 below 8 minutes, else ``(total + 7) // 15``: 8-22 -> 1, 23-37 -> 2 ...

    >>> [units_for_total_minutes(m) for m in (7, 8, 22, 23, 40)]
    [0, 1, 1, 2, 3]
    """
    _check_minutes(total, "the total")
    if total < 8:
        return 0
    return (total + 7) // 15


def units_table_row(total: int) -> tuple[int, int, int]:
    """The units-table row ``total`` falls in: (units, first minute, last minute).

    >>> units_table_row(40)
    (3, 38, 52)
    >>> units_table_row(5)
    (0, 0, 7)
    """
    units = units_for_total_minutes(total)
    if units == 0:
        return (0, 0, 7)
    return (units, 15 * units - 7, 15 * units + 7)


# Every kind of explanation step, with the fields it carries (besides "kind").
STEP_KINDS: dict[str, tuple[str, ...]] = {
    # Medicare: the day's total and its row of the units table.
    "total": ("minutes", "units", "first", "last"),
    "total-under-8": ("minutes",),
    # Medicare: each timed code's full 15-minute units and minutes left over.
    "full": ("code", "minutes", "full", "left"),
    "full-exact": ("code", "minutes", "full"),
    "full-none": ("code", "minutes"),
    # Medicare: the units left once the full units are counted.
    "left-to-share": ("full", "units", "left"),
    "nothing-left": ("full", "units"),
    # Medicare: who gets each leftover unit, and why.
    "award-most-left": ("code", "left"),
    "award-all": ("code", "left"),
    "award-more-minutes": ("code", "left", "minutes", "other", "other_minutes"),
    "award-code-order": ("code", "left", "minutes", "other"),
    "no-award": ("code", "left"),
    "no-award-tie": ("code", "left"),
    "tie": ("codes", "left", "units"),
    # Per-code: each timed code on its own minutes.
    "per-code": (),
    "own": ("code", "minutes", "units", "first", "last"),
    "own-under-8": ("code", "minutes"),
    # Both methods.
    "no-minutes": ("code",),
    "no-timed": (),
    "untimed-session": ("code", "minutes"),
    "untimed-regions": ("code", "minutes"),
}


def _step(kind: str, **values: object) -> dict:
    # The fields of each kind are fixed (STEP_KINDS): units.js builds the same dicts.
    assert tuple(values) == STEP_KINDS[kind], (kind, tuple(values))
    return {"kind": kind, **values}


@dataclass(frozen=True)
class Allocation:
    """The result of allocating one visit's units, with the reasons.

    ``units``: units per code, every input code present, in input order.
    ``total_timed_minutes``: sum of the minutes of the ``timed_15`` codes.
    ``table_row``: Medicare: ``units_table_row(total_timed_minutes)``;
    per-code: None (there is no pooled row).
    ``ties``: groups of codes (input order) whose equal remaining minutes
    competed for fewer leftover units than the group has codes; the tie rule
    (``tie_rule``, see the module docstring) chose, CMS accepts any of them.
    ``untimed_codes``: codes billed as 1 unit whatever their minutes.
    ``method``: the counting method used.
    ``explanation``: the steps that say how the units were shared out (see the
    module docstring and ``STEP_KINDS``).
    """

    units: dict[str, int]
    total_timed_minutes: int
    table_row: tuple[int, int, int] | None
    ties: list[tuple[str, ...]]
    untimed_codes: tuple[str, ...]
    method: str
    tie_rule: str = field(default=TIE_RULE)
    explanation: list[dict] = field(default_factory=list)


def explain_allocation(
    minutes: Mapping[str, int],
    basis: Mapping[str, str],
    method: str = MEDICARE,
) -> Allocation:
    """Allocate units for one visit and say why (see the module docstring).

    ``minutes`` maps each code performed to its minutes; ``basis`` maps codes
    to their billing basis (``"timed_15"``, ``"per_session"`` or
    ``"region_count"``). Raises ValueError on an unknown method, a code not in
    ``basis``, an unknown basis value, or minutes that are not a whole number
    of 0 or more.

    >>> a = explain_allocation({"97110": 33, "97140": 7},
    ...                        {"97110": "timed_15", "97140": "timed_15"})
    >>> a.units, a.table_row
    ({'97110': 2, '97140': 1}, (3, 38, 52))
    """
    if method not in METHODS:
        raise ValueError(
            f"unknown method {method!r}; valid methods are: {', '.join(METHODS)}"
        )

    timed: dict[str, int] = {}
    untimed: list[str] = []
    for code, value in minutes.items():
        if code not in basis:
            raise ValueError(f"unknown code {code!r}: it has no billing basis")
        kind = basis[code]
        if kind not in BASES:
            raise ValueError(
                f"unknown billing basis {kind!r} for code {code!r}; "
                f"valid values are: {', '.join(BASES)}"
            )
        m = _check_minutes(value, f"code {code!r}")
        if kind == TIMED_15:
            timed[code] = m
        else:
            untimed.append(code)

    total = sum(timed.values())
    ties: list[tuple[str, ...]] = []
    steps: list[dict] = []

    if method == PER_CODE:
        timed_units = {code: units_for_total_minutes(m) for code, m in timed.items()}
        table_row = None
        if timed:
            steps.append(_step("per-code"))
        for code, m in timed.items():
            if m == 0:
                steps.append(_step("no-minutes", code=code))
            elif timed_units[code] == 0:
                steps.append(_step("own-under-8", code=code, minutes=m))
            else:
                _, first, last = units_table_row(m)
                steps.append(_step("own", code=code, minutes=m, units=timed_units[code], first=first, last=last))
    else:
        table_row = units_table_row(total)
        timed_units = {code: m // 15 for code, m in timed.items()}
        full = sum(timed_units.values())
        left = table_row[0] - full
        # Order for the leftover units: most remaining minutes, then the tie rule.
        ranked = sorted(timed, key=lambda c: (-(timed[c] % 15), -timed[c], c))
        winners = ranked[:left]
        for code in winners:
            timed_units[code] += 1
        # A tie decided a unit when the last winner and the first loser have
        # the same remaining minutes.
        if 0 < left < len(ranked):
            cut = timed[ranked[left - 1]] % 15
            if timed[ranked[left]] % 15 == cut:
                ties.append(tuple(c for c in timed if timed[c] % 15 == cut))
        if timed:
            steps += _medicare_steps(timed, table_row, full, ranked, left, ties)

    if minutes and not timed:
        steps.append(_step("no-timed"))
    for code in untimed:
        kind = "untimed-regions" if basis[code] == REGION_COUNT else "untimed-session"
        steps.append(_step(kind, code=code, minutes=minutes[code]))

    units = {code: (timed_units[code] if code in timed else 1) for code in minutes}
    return Allocation(
        units=units,
        total_timed_minutes=total,
        table_row=table_row,
        ties=ties,
        untimed_codes=tuple(untimed),
        method=method,
        explanation=steps,
    )


def _medicare_steps(timed: dict[str, int], table_row: tuple[int, int, int], full: int, ranked: list[str],
                    left: int, ties: list[tuple[str, ...]]) -> list[dict]:
    """The explanation of a Medicare allocation (timed codes only), from the values that set it."""
    total = sum(timed.values())
    day_units, first, last = table_row
    if day_units == 0:
        return [_step("total-under-8", minutes=total)]
    steps = [_step("total", minutes=total, units=day_units, first=first, last=last)]
    for code, m in timed.items():
        if m == 0:
            steps.append(_step("no-minutes", code=code))
        elif m < 15:
            steps.append(_step("full-none", code=code, minutes=m))
        elif m % 15 == 0:
            steps.append(_step("full-exact", code=code, minutes=m, full=m // 15))
        else:
            steps.append(_step("full", code=code, minutes=m, full=m // 15, left=m % 15))
    if left == 0:
        steps.append(_step("nothing-left", full=full, units=day_units))
        return steps
    steps.append(_step("left-to-share", full=full, units=day_units, left=left))
    tied = set(ties[0]) if ties else set()
    # The first code left without a leftover unit: each winner is compared with it.
    loser = ranked[left] if left < len(ranked) else None
    for code in ranked[:left]:
        rest = timed[code] % 15
        if loser is None or timed[loser] % 15 == 0:
            steps.append(_step("award-all", code=code, left=rest))
        elif rest > timed[loser] % 15:
            steps.append(_step("award-most-left", code=code, left=rest))
        elif timed[code] > timed[loser]:
            steps.append(_step("award-more-minutes", code=code, left=rest, minutes=timed[code], other=loser,
                               other_minutes=timed[loser]))
        else:
            steps.append(_step("award-code-order", code=code, left=rest, minutes=timed[code], other=loser))
    for code in ranked[left:]:
        rest = timed[code] % 15
        if rest:
            steps.append(_step("no-award-tie" if code in tied else "no-award", code=code, left=rest))
    for group in ties:
        won = sum(1 for code in group if code in ranked[:left])
        steps.append(_step("tie", codes=list(group), left=timed[group[0]] % 15, units=won))
    return steps


def allocate_units(
    minutes: Mapping[str, int],
    method: str = MEDICARE,
    *,
    basis: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Units per code for one visit, under ``method`` ("medicare" or "per-code").

    ``basis`` maps each code to its billing basis; when it is None the basis
    of every code comes from the project's data file (data/codes.yaml) via
    ``macros.catalog.billing_basis_by_code()``.

    Example (CMS's own example, Ch. 5 §20.2)::

        >>> basis = {"97110": "timed_15", "97140": "timed_15"}
        >>> allocate_units({"97110": 33, "97140": 7}, basis=basis)
        {'97110': 2, '97140': 1}
        >>> allocate_units({"97110": 33, "97140": 7}, "per-code", basis=basis)
        {'97110': 2, '97140': 0}
    """
    if basis is None:
        # Lazy: keeps this module importable without the data layer.
        from macros.catalog import billing_basis_by_code

        basis = billing_basis_by_code()
    return explain_allocation(minutes, basis, method).units
