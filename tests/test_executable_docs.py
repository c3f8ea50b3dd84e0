"""The Python usage shown on the site runs, and prints what the page says it prints."""

from __future__ import annotations

import doctest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_units_page_examples_run():
    result = doctest.testfile(str(ROOT / "docs" / "units.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5, "the units page should show the engine in use"
    assert result.failed == 0


def test_units_page_examples_appear_on_the_built_page(built_page):
    code = built_page("units/").find(id="python").find_next("pre")
    assert ">>> allocate_units" in code.get_text()
