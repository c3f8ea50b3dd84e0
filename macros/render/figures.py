"""Yearly figures value by value: each year's value with its own sources and confidence mark,
under a permanent anchor per figure and year (/yearly-figures/#kx-threshold-2024).

A value is never restated in prose with one mark for several years: the yearly figures
page lists each figure's years in a table, one row per year, and an FAQ answer about a
figure shows the same values under the answer, each linking to its row.
"""

from __future__ import annotations

from ..model import YearlyFigure
from .markup import escape
from .page import Page
from .paths import FIGURES_PAGE
from .years import amount, expected_years


def year_anchor(figure_id: str, year: int) -> str:
    """The anchor of one figure's row for one year ('kx-threshold-2024')."""
    return f"{figure_id}-{year}"


def figure_years_shown(figure: YearlyFigure, page: Page) -> list[int]:
    """Newest first: from the newest year a reader expects today (so a missing year shows as
    missing) down to the oldest value recorded."""
    recorded = [value.year for value in figure.values]
    newest = max([*recorded, *expected_years(page.today)])
    return list(range(newest, min(recorded) - 1, -1))


def figure_table(page: Page, figure: YearlyFigure) -> list[str]:
    """One row per year, each row under its anchor (raw HTML: a Markdown table row cannot
    carry an id)."""
    values = {value.year: value for value in figure.values}
    latest = max(values)
    rows = []
    for year in figure_years_shown(figure, page):
        value = values.get(year)
        if value is not None:
            cell = amount(value.value, figure.unit) + page.cite(value.sources, value.confidence)
        else:
            cell = "not recorded yet" if year > latest else "not in our sources"
        rows.append(f'<tr id="{year_anchor(figure.id, year)}"><th scope="row">{year}</th><td>{cell}</td></tr>')
    page.figures_shown.setdefault(figure.id, figure)
    return [f'<table><caption>{escape(figure.name)} by year</caption>',
            '<thead><tr><th scope="col">Year</th><th scope="col">Value</th></tr></thead>',
            "<tbody>", *rows, "</tbody></table>", ""]


def figure_values_line(page: Page, figure: YearlyFigure) -> str:
    """'- **Name:** 2026: $2,480[1] partly verified; 2025: ...' newest first, each value linked
    to its row on the yearly figures page and carrying its own marks. Consecutive years with
    the same value, sources and confidence are one entry ('2018–2023: $3,000'), linked to
    the row of its newest year."""
    page.figures_shown.setdefault(figure.id, figure)
    runs: list[list] = []
    for value in sorted(figure.values, key=lambda v: v.year, reverse=True):
        last = runs[-1][-1] if runs else None
        if last is not None and last.year == value.year + 1 and (last.value, last.sources, last.confidence) == (
                value.value, value.sources, value.confidence):
            runs[-1].append(value)
        else:
            runs.append([value])
    parts = []
    for run in runs:
        newest, oldest = run[0], run[-1]
        years = f"{oldest.year}–{newest.year}" if len(run) > 1 else f"{newest.year}"
        parts.append(f"[{years}: {amount(newest.value, figure.unit)}]"
                     f"({page.link(FIGURES_PAGE, year_anchor(figure.id, newest.year))})"
                     f"{page.cite(newest.sources, newest.confidence)}")
    return f"- **{escape(figure.name)}:** " + "; ".join(parts)


def figure_lines(page: Page, figure_ids: list[str]) -> list[str]:
    """The values of the figures an answer is about, one list line per figure (none: nothing)."""
    figures = {figure.id: figure for figure in page.catalog.data.yearly_figures}
    if not figure_ids:
        return []
    return ["", *(figure_values_line(page, figures[figure_id]) for figure_id in figure_ids), ""]
