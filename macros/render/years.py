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


# What may stand before and after a figure's value in text for it to be that value:
# '$2,410' but not '$12,410' or '$2,410,000'.
_AMOUNT_BEFORE = r"(?<![\d.,$])"
_AMOUNT_AFTER = r"(?![\d]|,\d)"


def _spellings(figure: YearlyFigure) -> set[str]:
    """Regular expressions for each way the figure's values are written: '$2,410', or
    '85%' / '85 percent'."""
    spelled = set()
    for value in figure.values:
        shown = amount(value.value, figure.unit)
        spelled.add(re.escape(shown))
        if figure.unit == "percent":
            spelled.add(re.escape(shown.removesuffix("%")) + r" ?percent")
    return spelled


def amount_pattern(figure: YearlyFigure) -> re.Pattern[str]:
    """Any of the figure's values written in text: '$2,410', or '85%' / '85 percent'."""
    return re.compile(_AMOUNT_BEFORE + "(?:" + "|".join(sorted(_spellings(figure))) + ")" + _AMOUNT_AFTER)


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
    """`any` is every figure's spellings in one alternation between the same guards: the
    engine tries each branch, so it matches exactly where one of `each` does. It opens
    with a look-ahead for the characters a spelling can start with ('$' or a digit), which
    lets the engine skip the other positions of the text quickly (about 4x faster)."""
    spellings = sorted(set().union(*(_spellings(figure) for figure in figures)))
    if not spellings:
        return AmountPatterns([], re.compile(r"(?!)"))  # no figure: a pattern that never matches
    starts = "".join(sorted({re.escape(_first_character(spelling)) for spelling in spellings}))
    any_pattern = re.compile(f"(?=[{starts}])" + _AMOUNT_BEFORE + "(?:" + "|".join(spellings) + ")" + _AMOUNT_AFTER)
    return AmountPatterns([(figure, amount_pattern(figure)) for figure in figures], any_pattern)


def _first_character(spelling: str) -> str:
    """The character an escaped spelling matches first ('\\$2,410' -> '$')."""
    return spelling[1] if spelling.startswith("\\") else spelling[0]


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
