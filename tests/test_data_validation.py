"""data/codes.yaml validates, and each kind of bad data is refused with file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.validate import DataError, load_code_data

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: line (\d+) \| field (.*?) \| message (.+)$")


def test_real_data_file_validates(catalog):
    assert len(catalog.codes) >= 5


def test_minimal_fixture_is_valid():
    load_code_data(FIXTURES / "valid-minimal.yaml")


def test_there_are_at_least_fifteen_invalid_fixtures():
    assert len(INVALID) >= 15


@pytest.mark.parametrize("fixture", INVALID, ids=[f.stem for f in INVALID])
def test_invalid_fixture_is_rejected_with_file_line_and_field(fixture: Path):
    first_line = fixture.read_text(encoding="utf-8").splitlines()[0]
    expected = EXPECT.match(first_line)
    assert expected, f"{fixture.name} must start with '# expect: line N | field F | message M'"
    line, field, message = int(expected[1]), expected[2], expected[3]
    with pytest.raises(DataError) as caught:
        load_code_data(fixture, display_name=f"fixtures/{fixture.name}")
    report = str(caught.value)
    wanted = f"fixtures/{fixture.name}:{line}:"
    matching = [p for p in caught.value.problems
                if p.line == line and field in p.field and message in p.message]
    assert matching, f"expected a problem at {wanted} on field '{field}' saying '{message}'; got:\n{report}"
    assert wanted in report


def test_every_problem_is_reported_together(tmp_path):
    """Three independent defects give three problems in one error, not one at a time."""
    text = (FIXTURES / "valid-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("family: procedures", "family: nowhere", 1)
    text = text.replace("basis: timed_15", "basis: hourly", 1)
    text = text.replace("faq: [units-question]", "faq: [missing-entry]", 1)
    bad = tmp_path / "codes.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_code_data(bad)
    fields = {p.field for p in caught.value.problems}
    assert {"codes[0] (97110).family", "codes[0] (97110).billing.basis", "codes[0] (97110).faq[0]"} <= fields
    assert str(caught.value).startswith("3 problems")


def test_github_annotation_names_file_line_and_column(tmp_path):
    fixture = FIXTURES / "invalid" / "unknown-family.yaml"
    with pytest.raises(DataError) as caught:
        load_code_data(fixture, display_name="data/codes.yaml")
    line = int(EXPECT.match(fixture.read_text().splitlines()[0])[1])
    assert f"::error file=data/codes.yaml,line={line},col=5::codes[1] (97530).family: unknown family" \
        in caught.value.github_annotations()
