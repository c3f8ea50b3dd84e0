"""Rendering of the imported CMS tables: pure functions, no build.

The payment arithmetic is checked against amounts computed here in whole cents from the
fixture's relative values and conversion factor, not with the code under test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from macros.catalog import Catalog
from macros.cms.model import CmsData, PfsRow
from macros.cms.payment import national_amounts
from macros.render.cms import NOT_IMPORTED, code_section, pairs_section
from tests.cms_fixtures import sample_section


def test_national_amounts_show_their_arithmetic():
    row = PfsRow(code="97140", status="A", work=0.43, pe_nonfacility=0.42, pe_facility=0.16, mp=0.02)
    nonfacility, facility = national_amounts(row, 33.4009)
    # In ten-thousandths of a cent: RVU hundredths x factor ten-thousandths, then rounded half up.
    for amount, rvu_hundredths in ((nonfacility, 43 + 42 + 2), (facility, 43 + 16 + 2)):
        exact = rvu_hundredths * 334009  # units of 1e-6 dollars
        cents = (exact + 5000) // 10000
        assert amount.amount == Decimal(cents) / 100
    assert nonfacility.amount == Decimal("29.06") and facility.amount == Decimal("20.37")
    assert nonfacility.arithmetic() == "(0.43 + 0.42 + 0.02) RVU × $33.4009 = 0.87 × $33.4009 = $29.06"
    assert facility.setting == "facility" and "(0.43 + 0.16 + 0.02)" in facility.arithmetic()


def test_half_a_cent_rounds_up_as_money_does():
    row = PfsRow(code="97140", status="A", work=0.5, pe_nonfacility=0.25, pe_facility=0.25, mp=0.25)
    (amount, _) = national_amounts(row, 10.005)  # 1.00 RVU x $10.005 = $10.005 exactly
    assert amount.amount == Decimal("10.01")


@pytest.mark.parametrize("status", ["B", "I", "N", "X"])
def test_no_amount_for_a_status_that_is_not_paid(status):
    row = PfsRow(code="97014", status=status, work=0, pe_nonfacility=0, pe_facility=0, mp=0)
    assert national_amounts(row, 33.4009) == []


def _catalog_with(catalog, cms: dict | None) -> Catalog:
    data = catalog.data.model_copy(update={"cms": CmsData.model_validate(cms, strict=False) if cms else CmsData()})
    return Catalog(data, catalog.document)


def test_before_the_first_import_the_sections_say_so(catalog):
    empty = _catalog_with(catalog, None)
    section = code_section(empty, empty.codes["97140"])
    assert NOT_IMPORTED in section and "|" not in section
    assert NOT_IMPORTED in pairs_section(empty) and "<table" not in pairs_section(empty)


def test_the_code_section_shows_pairs_mue_and_payment_with_their_source(catalog):
    filled = _catalog_with(catalog, sample_section())
    text = code_section(filled, filled.codes["97110"])
    assert NOT_IMPORTED not in text
    assert "| [97530](97530.md) | 97110 column 1, [97530](97530.md) column 2 | 1: a modifier is allowed" in text
    assert "Fixture rationale, deleted" not in text  # only the edit in force is on the code page
    assert "4 units of service per beneficiary per day" in text and "adjudication indicator 3" in text
    assert "(0.45 + 0.50 + 0.02) RVU × $33.4009 = 0.97 × $33.4009 = $32.40" in text
    assert "Source: CMS PTP edit table (file fixture-f1.zip), quarter 2027-Q1, imported on" in text
    assert "Source: CMS PFS relative value file (file fixture-f1.zip), year 2027" in text


def test_a_code_without_rows_says_what_is_missing(catalog):
    filled = _catalog_with(catalog, sample_section())
    text = code_section(filled, filled.codes["97140"])
    assert "no edit in force between 97140 and another code on this site" in text
    assert "a missing value is not a limit of zero" in text
    assert "97140 is not in the imported 2027 file" in text


def test_the_pair_table_lists_deleted_edits_and_escapes_the_rationale(catalog):
    cms = sample_section()
    cms["ptp"]["rows"][1]["rationale"] = "Fees {x} & a < b | c"
    filled = _catalog_with(catalog, cms)
    text = pairs_section(filled)
    assert 'id="cms-pairs-filter"' in text and 'role="status"' in text and "2 pairs" in text
    assert "deleted <time datetime=\"2021-01-01\">" in text
    assert "Fees &#123;x&#125; &amp; a &lt; b &#124; c" in text
    assert '<script src="../assets/javascripts/table-filter.js" defer></script>' in text


def test_hand_written_pairs_take_the_imported_order_and_lose_not_verified(catalog):
    cms = sample_section()
    cms["ptp"]["rows"].append({"column1": "97140", "column2": "97530", "effective": dt.date(2002, 1, 1),
                               "deleted": None, "modifier_indicator": "1", "rationale": "Fixture"})
    filled = _catalog_with(catalog, cms)
    settled = {edit.id: edit for edit in filled.edits}
    assert settled["97140-97530"].orientation_verified and settled["97140-97530"].indicator_verified
    assert settled["97140-97530"].text == catalog.data.edits[0].text  # the explanation stays
    untouched = settled["98940-97124"]
    assert not untouched.orientation_verified and untouched.modifier_indicator is None
    from macros.render.code_page import code_page

    page = code_page(filled, filled.codes["97140"])
    line = next(l for l in page.splitlines() if l.startswith("- **With [97530]"))
    assert "(column 1 97140, column 2 97530; modifier indicator 1)" in line and "not verified)" not in line
    other = next(l for l in page.splitlines() if l.startswith("- **With [98940]"))
    assert "not verified" in other
