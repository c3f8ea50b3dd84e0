"""The committed golden vectors (tests/golden/units-vectors.json) are what the reference
engine, macros/units.py, computes now: a change to the rules cannot leave the vectors, and
with them the browser engine's check (tests/js/units.test.js), behind."""

from __future__ import annotations

import json

from scripts.units_vectors import VECTORS_FILE, build_vectors, render


def test_committed_vectors_are_what_the_engine_computes_now():
    committed = VECTORS_FILE.read_text(encoding="utf-8")
    assert committed == render(build_vectors()), (
        f"{VECTORS_FILE.name} is out of date: run `.venv/bin/python scripts/units_vectors.py` and review the diff")


def test_vectors_cover_what_the_browser_engine_must_agree_on():
    vectors = json.loads(VECTORS_FILE.read_text(encoding="utf-8"))
    names = {vector["name"] for vector in vectors["visits"]}
    assert {"cms-example-1", "cms-example-2-either-code", "cms-example-3", "cms-example-4"} <= names
    assert len(vectors["visits"]) >= 2000
    assert set(vectors["methods"]) == {"medicare", "per-code"}
    assert any(vector["medicare"]["ties"] for vector in vectors["visits"]), "no tie"
    assert any(len(group) >= 3 for vector in vectors["visits"] for group in vector["medicare"]["ties"])
    bases = {vectors["basis"][code] for vector in vectors["visits"] for code, _ in vector["visit"]}
    assert bases == {"timed_15", "per_session", "region_count"}
    assert {case["expect"] for case in vectors["errors"]} == {
        "unknown code", "negative", "whole number", "unknown method", "billing basis"}
    # CMS example 3 as the manual gives it: 33 + 7 minutes, 2 units and 1 unit.
    example = next(v for v in vectors["visits"] if v["name"] == "cms-example-3")
    assert example["medicare"]["units"] == [2, 1] and example["per-code"]["units"] == [2, 0]
