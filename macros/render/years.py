"""Year-bound figures: the latest year recorded, and the years a reader expects but the data lacks.

A figure is stored per year and never carried over. So that an older year is never shown as
if it were current, every page that shows a figure says which year is the latest recorded,
and says plainly when the current year (or, from November, the next one) has no figure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import YearlyFigure

# CMS usually publishes next year's figures in early November (the physician fee schedule
# final rule): from this month on, next year's figure is expected too.
NEXT_YEAR_EXPECTED_FROM_MONTH = 11


def utc_today() -> dt.date:
    """Today as the build sees it: the calendar date in UTC, the same on every machine."""
    return dt.datetime.now(dt.timezone.utc).date()


def expected_years(today: dt.date) -> list[int]:
    """The years a reader looks for on `today`: this year, and next year from November."""
    return [today.year] + ([today.year + 1] if today.month >= NEXT_YEAR_EXPECTED_FROM_MONTH else [])


@dataclass(frozen=True)
class FigureYears:
    figure: YearlyFigure
    latest: int         # the latest year with a recorded value
    missing: list[int]  # years a reader expects today that have no recorded value
    this_year: int


def figure_years(figure: YearlyFigure, today: dt.date) -> FigureYears:
    recorded = {value.year for value in figure.values}
    return FigureYears(figure, max(recorded), [year for year in expected_years(today) if year not in recorded],
                       today.year)


def amount(value: float, unit: str) -> str:
    """2410, 'USD' -> '$2,410'; 85, 'percent' -> '85%'."""
    if unit == "USD":
        return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"
    return f"{value:g}%"


def amount_pattern(figure: YearlyFigure) -> re.Pattern[str]:
    """Any of the figure's values written in text: '$2,410', or '85%' / '85 percent'."""
    spelled = set()
    for value in figure.values:
        shown = amount(value.value, figure.unit)
        spelled.add(re.escape(shown))
        if figure.unit == "percent":
            spelled.add(re.escape(shown.removesuffix("%")) + r" ?percent")
    return re.compile(r"(?<![\d.,$])(?:" + "|".join(sorted(spelled)) + r")(?![\d]|,\d)")


@dataclass(frozen=True)
class AmountPatterns:
    """The amount_pattern of each figure, and one pattern that matches wherever any of them
    does: most text quotes no figure, and one search says so."""

    each: list[tuple[YearlyFigure, re.Pattern[str]]]
    any: re.Pattern[str]

    def quoted(self, value: str) -> list[YearlyFigure]:
        """The figures whose values `value` quotes."""
        if not self.any.search(value):
            return []
        return [figure for figure, pattern in self.each if pattern.search(value)]


def amount_patterns(figures: list[YearlyFigure]) -> AmountPatterns:
    each = [(figure, amount_pattern(figure)) for figure in figures]
    # An alternation matches where one of its branches does (each keeps its own lookarounds),
    # so `any` finds a figure exactly when one of `each` does; none: a pattern that never matches.
    return AmountPatterns(each, re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in each) or r"(?!)"))


def status_sentence(status: FigureYears, count: int = 1) -> str:
    """'Latest year recorded: 2026.' and, when an expected year is missing, that it is (Markdown).
    `count`: how many figures the sentence speaks for (they share this status)."""
    said = f"Latest year recorded: {status.latest}."
    if not status.missing:
        return said
    years = " and ".join(str(year) for year in status.missing)
    said += f" **No {years} figure is recorded yet.**"
    if status.missing[-1] > status.this_year:
        said += " CMS usually publishes next year's figures in early November."
    if count == 1:
        return said + f" Do not carry the {status.latest} figure over: check the current one with CMS."
    return said + f" Do not carry the {status.latest} figures over: check the current ones with CMS."
