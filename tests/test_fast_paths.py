"""The shortcuts that keep a large build cheap give the answers of the plain versions they
replace: link paths, the quick reading of the data file, the yearly-figure patterns and a
code's checklist groups. Each test compares a shortcut with the straightforward
computation on the fixture (or on made-up input), so a change that makes them differ fails
here rather than as a silent change of the site.
"""

from __future__ import annotations

import itertools
import posixpath
from pathlib import Path

import pytest

from macros.catalog import Catalog, load_catalog
from macros.render.checklists import GENERAL_GROUP, code_groups
from macros.render.markup import relpath
from macros.render.years import amount, amount_pattern, amount_patterns
from macros.yaml_source import YamlDocument, YamlSyntaxError, _Loader, _walk, parse_yaml_text

FIXTURE = Path(__file__).parent / "fixtures" / "valid-minimal.yaml"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FIXTURE)


def walked(text: str) -> YamlDocument:
    """The document as the full walk reads it: every position recorded while reading."""
    doc = YamlDocument("f", None)
    loader = _Loader(text)
    try:
        doc.data = _walk(loader.get_single_node(), doc, [], loader)
    finally:
        loader.dispose()
    return doc


# --- Link paths ----------------------------------------------------------------------------

PARTS = ["codes", "97140.md", "index.md", "faq", "a", ".", ""]


@pytest.mark.parametrize("start", ["", ".", "codes", "codes/", "checklist", "families/evaluations", "a/./b"])
def test_relpath_is_posixpath_relpath_for_site_paths(start):
    for parts in itertools.product(PARTS, repeat=3):
        path = "/".join(parts).strip("/") or "index.md"
        assert relpath(path, start or ".") == posixpath.relpath(path, start or "."), (path, start)


def test_relpath_leaves_unusual_paths_to_posixpath():
    for path, start in [("../x.md", "codes"), ("/abs/x.md", "codes"), ("codes/x.md", "/abs"), ("a/../../b", ".")]:
        assert relpath(path, start) == posixpath.relpath(path, start)


# --- The quick reading of the data file ----------------------------------------------------

def test_quick_reading_gives_the_walks_data_positions_and_raw_texts():
    text = FIXTURE.read_text(encoding="utf-8")
    quick, full = parse_yaml_text(text, "f"), walked(text)
    assert quick.data == full.data
    # The first two levels are known at once; the rest is located on first use.
    for path, place in full.positions.items():
        assert quick.position(path) == place, path
    assert quick.positions == full.positions and quick.raw == full.raw


@pytest.mark.parametrize("text", [
    "a: !!set {x, y}\nb: [1, 2.5, 2026-01-01, 2026-02-30, yes, ~]\nc: !!omap [{k: 1}]\n",
    "- [a, [b, {c: d}]]\n- {e: {f: []}}\n",
    "just text\n",
])
def test_quick_reading_builds_values_as_the_loader_does(text):
    quick, full = parse_yaml_text(text, "f"), walked(text)
    assert (quick.data, quick.positions, quick.raw) == (full.data, full.positions, full.raw)


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "a: &x 1\nb: *x\n", "1: a\n", "<<: {a: 1}\n",
                                  "a:\n  b: [{c: 1, c: 2}]\n"],
                         ids=["repeated key", "alias", "number as key", "merge key", "deep repeated key"])
def test_a_file_the_walk_refuses_is_refused_with_the_walks_problems(text):
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml_text(text, "f")
    problems: list = []
    loader = _Loader(text)
    try:
        _walk(loader.get_single_node(), YamlDocument("f", None), problems, loader)
    finally:
        loader.dispose()
    assert problems and [str(p) for p in caught.value.problems] == [str(p) for p in problems]


# --- Yearly figures ----------------------------------------------------------------------------

def test_one_search_finds_the_figures_each_pattern_finds(catalog):
    figures = catalog.data.yearly_figures
    patterns = amount_patterns(figures)
    shown = [amount(value.value, figure.unit) for figure in figures for value in figure.values]
    pieces = ["", " ", "$", ",", ".", "0", "1", " percent", "percent", "x", *shown, *(s.rstrip("%") for s in shown)]
    for parts in itertools.product(pieces, repeat=2):
        value = "".join(parts)
        assert patterns.quoted(value) == [f for f in figures if amount_pattern(f).search(value)], value


# --- A code's checklist groups ------------------------------------------------------------------

def test_code_groups_are_the_checklist_scanned_for_the_codes_items(catalog):
    for code in catalog.data.codes:
        listed = set(code.checklist)
        scanned = [(group, items) for group in catalog.data.checklist if group.id != GENERAL_GROUP
                   for items in [[item for item in group.items if item.id in listed]] if items]
        assert code_groups(catalog, code) == scanned, code.code
