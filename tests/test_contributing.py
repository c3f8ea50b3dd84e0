"""CONTRIBUTING.md states the rules the validator enforces, from their one definition."""

from __future__ import annotations

import re

from macros.model import AUTHORITIES, CONFIDENCE_RULE, READINGS
from tests.conftest import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_guide_quotes_the_confidence_rule_the_validator_enforces():
    quoted = re.search(r"<!-- rule:start -->(.*?)<!-- rule:end -->", GUIDE, flags=re.S)
    assert quoted, "CONTRIBUTING.md must quote the confidence rule between rule:start and rule:end"
    assert " ".join(quoted.group(1).split()) == CONFIDENCE_RULE


def test_the_guide_names_every_authority_class_and_reading():
    for value in [*AUTHORITIES, *READINGS]:
        assert f"`{value}`" in GUIDE, f"CONTRIBUTING.md does not explain `{value}`"


def test_the_data_file_lists_its_sections_in_the_order_they_come():
    text = (ROOT / "data" / "codes.yaml").read_text(encoding="utf-8")
    header = text[:text.index("\nsources:")]
    listed = re.findall(r"^#   ([a-z_]+) ", header, flags=re.M)
    present = re.findall(r"^([a-z_]+):", text, flags=re.M)
    assert listed == present, f"the header of data/codes.yaml lists {listed}, the file has {present}"
