"""National payment amounts from the PFS relative values: the arithmetic the pages show.

With every geographic index (GPCI) at 1.0, the fee schedule amount is
(work RVU + practice expense RVU + malpractice RVU) x conversion factor, rounded to the
cent; the practice expense RVU is the non-facility or the facility one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import PfsRow

# Status codes whose meaning this site has seen stated (cms-files.md); others are shown as
# their letter with a pointer to the file's own documentation.
STATUS_WORDS = {
    "A": "active: paid under the fee schedule",
    "B": "bundled: paid as part of other services, never on its own",
    "I": "not valid for Medicare: Medicare uses another code for the service",
    "N": "not covered by Medicare",
}
PAID_STATUSES = {"A"}
CENT = Decimal("0.01")


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value))


@dataclass(frozen=True)
class NationalAmount:
    setting: str  # "non-facility" or "facility"
    work: Decimal
    practice_expense: Decimal
    malpractice: Decimal
    conversion_factor: Decimal

    @property
    def total_rvu(self) -> Decimal:
        return self.work + self.practice_expense + self.malpractice

    @property
    def amount(self) -> Decimal:
        return (self.total_rvu * self.conversion_factor).quantize(CENT, rounding=ROUND_HALF_UP)

    def arithmetic(self) -> str:
        """'(0.43 + 0.42 + 0.02) RVU × $33.4009 = 0.87 × $33.4009 = $29.06'."""
        factor = f"${self.conversion_factor}"
        return (f"({self.work:.2f} + {self.practice_expense:.2f} + {self.malpractice:.2f}) RVU × {factor} = "
                f"{self.total_rvu:.2f} × {factor} = ${self.amount:,.2f}")


def national_amounts(row: PfsRow, conversion_factor: float) -> list[NationalAmount]:
    """Non-facility and facility amounts for a paid status; none for other statuses."""
    if row.status not in PAID_STATUSES:
        return []
    factor = _decimal(conversion_factor)
    work, mp = _decimal(row.work), _decimal(row.mp)
    return [NationalAmount("non-facility", work, _decimal(row.pe_nonfacility), mp, factor),
            NationalAmount("facility", work, _decimal(row.pe_facility), mp, factor)]


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, "see the status list in the CMS file's documentation")
