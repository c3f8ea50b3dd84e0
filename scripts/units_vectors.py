#!/usr/bin/env python3
"""Golden vectors for the billing-units rules, computed by the reference engine.

macros/units.py is the one reference implementation of the units rules. The browser
calculator runs the same rules in docs/assets/javascripts/units.js; instead of comparing
the two engines in a browser, this script records what the Python engine computes for a
fixed set of visits, and tests/js/units.test.js checks units.js against every record.

    .venv/bin/python scripts/units_vectors.py          # rewrite tests/golden/units-vectors.json
    .venv/bin/python scripts/units_vectors.py --check  # exit 1 if the file is out of date

tests/test_units_vectors.py fails when the committed file differs from what the engine
computes now, so a change to the rules needs this script run (and the diff reviewed).

Each record holds the units, the total, the table row, the ties, the untimed codes and
the explanation (the steps that say how the units were shared out).

The visits: the four CMS examples of Ch. 5 §20.2, tie cases (equal remaining minutes,
decided by total minutes and then by code order, groups of two and three), untimed and
region-count codes, zero minutes, a whole day, and a few thousand seeded random visits;
every visit under both methods. Error cases record the kind of problem the engine names.
The codes and their bases below are test inputs for the arithmetic, not a statement about
the site's data.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from any directory
    sys.path.insert(0, str(ROOT))

from macros.units import METHODS, STEP_KINDS, explain_allocation, units_for_total_minutes, units_table_row  # noqa: E402

VECTORS_FILE = ROOT / "tests" / "golden" / "units-vectors.json"
T, S, R = "timed_15", "per_session", "region_count"

BASIS = {
    "97110": T, "97112": T, "97116": T, "97140": T, "97530": T, "97535": T,
    "97124": T, "97113": T, "97035": T, "97032": T,
    # A timed code whose string starts with a letter: the tie rule compares code
    # strings, so digits sort before letters ("97140" before "G0999").
    "G0999": T,
    "97161": S, "97162": S, "97164": S, "97010": S, "97014": S, "G0283": S,
    "98940": R, "98941": R, "98925": R, "98926": R,
}
SEED = 20261128
RANDOM_VISITS = 3000

NAMED_VISITS: list[tuple[str, dict[str, int]]] = [
    # CMS Claims Processing Manual Ch. 5 §20.2, examples 1-4.
    ("cms-example-1", {"97112": 24, "97110": 23}),
    ("cms-example-2-either-code", {"97112": 20, "97110": 20}),
    ("cms-example-3", {"97110": 33, "97140": 7}),
    ("cms-example-4", {"97110": 18, "97140": 13, "97116": 10, "97035": 8}),
    # Ties: equal remaining minutes competing for fewer units than codes.
    ("tie-more-total-minutes-wins", {"97110": 20, "97140": 35}),
    ("tie-equal-totals-code-order", {"97140": 22, "97110": 22}),
    ("tie-digits-before-letters", {"G0999": 10, "97140": 10}),
    ("tie-three-codes-two-units", {"97530": 10, "97110": 10, "97140": 10}),
    ("tie-three-codes-one-unit", {"97530": 5, "97110": 5, "97140": 5}),
    ("equal-remainders-no-contest", {"97110": 14, "97112": 14}),
    ("full-blocks-nothing-left", {"97110": 30, "97112": 30}),
    ("two-short-services", {"97140": 4, "97110": 5}),
    ("pooling-gives-fewer", {"97110": 8, "97140": 8}),
    # Untimed and region-count codes: 1 unit, minutes not counted.
    ("untimed-with-timed", {"97161": 45, "97110": 23}),
    ("region-and-untimed-with-short-timed", {"97161": 45, "98941": 0, "97110": 7}),
    ("untimed-alone-zero-minutes", {"97010": 0}),
    ("region-count-alone", {"98925": 30}),
    # Edges.
    ("empty-visit", {}),
    ("lone-seven-minutes", {"97110": 7}),
    ("lone-eight-minutes", {"97110": 8}),
    ("zero-minute-timed-codes", {"97110": 0, "97140": 0}),
    ("whole-day", {"97110": 1440}),
    ("two-whole-days-of-codes", {"97110": 1440, "97140": 1440}),
    # Explanation steps: who gets the leftover units, and why.
    ("leftover-beats-smaller-leftover", {"97110": 14, "97112": 30}),
    ("every-leftover-gets-a-unit", {"97110": 23, "97140": 24}),
    ("full-blocks-and-a-zero-minute-code", {"97110": 30, "97140": 0, "97112": 9}),
    ("tie-group-split-by-minutes-and-order", {"97530": 20, "97110": 35, "97140": 20}),
    ("untimed-only", {"97161": 30, "98940": 12}),
]

# Inputs the engine refuses, and the words its message must contain (both engines).
# Not here: 15.0, which Python refuses as a float; JSON cannot tell it from 15.
ERROR_CASES: list[dict] = [
    {"visit": [["99999", 10]], "method": "medicare", "expect": "unknown code"},
    {"visit": [["97110", -1]], "method": "medicare", "expect": "negative"},
    {"visit": [["97161", -5]], "method": "per-code", "expect": "negative"},
    {"visit": [["97110", 7.5]], "method": "medicare", "expect": "whole number"},
    {"visit": [["97110", True]], "method": "per-code", "expect": "whole number"},
    {"visit": [["97110", "10"]], "method": "medicare", "expect": "whole number"},
    {"visit": [["97110", None]], "method": "medicare", "expect": "whole number"},
    {"visit": [["97110", 10]], "method": "cms", "expect": "unknown method"},
    {"visit": [["97110", 10]], "method": "medicare", "basis": {"97110": "timed_8"},
     "expect": "billing basis"},
]


def random_visits(seed: int = SEED, count: int = RANDOM_VISITS) -> list[dict[str, int]]:
    """Visits of 1-6 distinct codes; most with 0-120 minutes a code, some longer."""
    rng = random.Random(seed)
    pool = sorted(BASIS)
    visits = []
    for index in range(count):
        top = 120 if index % 10 else 600
        visits.append({code: rng.randint(0, top) for code in rng.sample(pool, rng.randint(1, 6))})
    return visits


def result_of(visit: dict[str, int], method: str) -> dict:
    allocation = explain_allocation(visit, BASIS, method)
    return {
        "units": [allocation.units[code] for code in visit],
        "total": allocation.total_timed_minutes,
        "row": list(allocation.table_row) if allocation.table_row else None,
        "ties": [list(group) for group in allocation.ties],
        "untimed": list(allocation.untimed_codes),
        "explanation": allocation.explanation,
    }


def error_of(case: dict) -> dict:
    """The case as recorded, after checking that the engine refuses it with the words."""
    visit = dict(case["visit"])
    try:
        explain_allocation(visit, case.get("basis", BASIS), case["method"])
    except ValueError as error:
        if case["expect"] not in str(error):
            raise SystemExit(f"the engine refuses {case} with {error!s}, not naming {case['expect']!r}")
        return case
    raise SystemExit(f"the engine accepts {case}, which the vectors list as an error")


def build_vectors() -> dict:
    named = [(name, visit) for name, visit in NAMED_VISITS]
    named += [(f"random-{index}", visit) for index, visit in enumerate(random_visits())]
    return {
        "about": ("Billing-units vectors computed by macros/units.py (the reference engine). "
                  "Generated by scripts/units_vectors.py; do not edit by hand."),
        "methods": list(METHODS),
        "basis": BASIS,
        "step_kinds": list(STEP_KINDS),
        "table": [[total, units_for_total_minutes(total), list(units_table_row(total))]
                  for total in range(0, 201)],
        "visits": [{"name": name, "visit": [[code, minutes] for code, minutes in visit.items()],
                    **{method: result_of(visit, method) for method in METHODS}}
                   for name, visit in named],
        "errors": [error_of(case) for case in ERROR_CASES],
    }


def render(vectors: dict) -> str:
    """Stable text: one visit, table row or error per line, so a diff shows what changed."""
    lines = ["{"]
    for key in ("about", "methods", "basis", "step_kinds"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(vectors[key], sort_keys=False)},")
    for key in ("table", "visits", "errors"):
        items = vectors[key]
        lines.append(f"  {json.dumps(key)}: [")
        lines += [f"    {json.dumps(item, separators=(',', ':'))}{',' if i < len(items) - 1 else ''}"
                  for i, item in enumerate(items)]
        lines.append("  ]," if key != "errors" else "  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file is out of date")
    args = parser.parse_args(argv)
    text = render(build_vectors())
    if args.check:
        current = VECTORS_FILE.read_text(encoding="utf-8") if VECTORS_FILE.is_file() else ""
        if current != text:
            print(f"{VECTORS_FILE.relative_to(ROOT)} is out of date: run scripts/units_vectors.py", file=sys.stderr)
            return 1
        return 0
    VECTORS_FILE.parent.mkdir(parents=True, exist_ok=True)
    VECTORS_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {VECTORS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
