"""Rules on the generated CMS section, in the style of validate.py: each problem is a path
into the data and a message; validate.py adds the file, line and column.

Besides the section's own consistency, a hand-written edit pair may not contradict the
imported row of the same two codes: its column order and modifier indicator must agree
with the CMS file once one is imported. Both places are named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model import CodeData
from ..yaml_source import PathKey, YamlDocument, format_path
from .diff import current_pairs


def check_cms(data: CodeData, doc: YamlDocument, today: dt.date) -> Iterator[tuple[PathKey, str]]:
    cms = data.cms
    if cms is None:
        return
    codes = {code.code for code in data.codes}
    at = ("cms",)

    def not_on_site(path: PathKey, code: str) -> Iterator[tuple[PathKey, str]]:
        if code not in codes:
            yield path, (f"code '{code}' is not on this site: the importer keeps only rows of the site's codes; "
                         "import again after adding or removing codes")

    for name, table in (("ptp", cms.ptp), ("mue", cms.mue)):
        if table is not None and table.imported > today:
            yield at + (name, "imported"), f"import date {table.imported.isoformat()} is in the future"
    if cms.ptp is not None:
        seen: dict[tuple, int] = {}
        for i, row in enumerate(cms.ptp.rows):
            where = at + ("ptp", "rows", i)
            yield from not_on_site(where + ("column1",), row.column1)
            yield from not_on_site(where + ("column2",), row.column2)
            if row.column1 == row.column2:
                yield where + ("column2",), "an edit pairs two different codes"
            if row.deleted is not None and row.deleted < row.effective:
                yield where + ("deleted",), "the deletion date is before the effective date"
            key = (row.column1, row.column2, row.effective)
            if key in seen:
                yield where, f"the same pair and effective date as cms.ptp.rows[{seen[key]}]"
            seen.setdefault(key, i)
    if cms.mue is not None:
        seen_codes: dict[str, int] = {}
        for i, row in enumerate(cms.mue.rows):
            yield from not_on_site(at + ("mue", "rows", i, "code"), row.code)
            if row.code in seen_codes:
                yield at + ("mue", "rows", i, "code"), f"code {row.code} is also in cms.mue.rows[{seen_codes[row.code]}]"
            seen_codes.setdefault(row.code, i)
    years: dict[int, int] = {}
    for j, year in enumerate(cms.pfs):
        if year.year in years:
            yield at + ("pfs", j, "year"), f"year {year.year} is also in cms.pfs[{years[year.year]}]"
        years.setdefault(year.year, j)
        if year.imported > today:
            yield at + ("pfs", j, "imported"), f"import date {year.imported.isoformat()} is in the future"
        keys: dict[tuple, int] = {}
        for i, row in enumerate(year.rows):
            yield from not_on_site(at + ("pfs", j, "rows", i, "code"), row.code)
            if (row.code, row.modifier) in keys:
                yield at + ("pfs", j, "rows", i), f"code {row.code} is also in cms.pfs[{j}].rows[{keys[(row.code, row.modifier)]}]"
            keys.setdefault((row.code, row.modifier), i)
    yield from _contradictions(data, doc)


def _contradictions(data: CodeData, doc: YamlDocument) -> Iterator[tuple[PathKey, str]]:
    """A hand-written column order or indicator that the imported row contradicts."""
    ptp = data.cms.ptp if data.cms else None
    if ptp is None:
        return
    rows = current_pairs(ptp)
    index = {id(row): i for i, row in enumerate(ptp.rows)}
    for i, edit in enumerate(data.edits):
        row = rows.get(frozenset(edit.codes))
        if row is None:
            continue
        row_path = ("cms", "ptp", "rows", index[id(row)])
        line, column = doc.position(row_path)
        there = (f"the imported CMS PTP row at {doc.file}:{line}:{column} ({format_path(row_path)}, "
                 f"{ptp.quarter})")
        if edit.column1 and edit.column2 and (edit.column1, edit.column2) != (row.column1, row.column2):
            yield ("edits", i, "column1"), (
                f"column 1 {edit.column1}, column 2 {edit.column2} contradicts {there}, which has column 1 "
                f"{row.column1}, column 2 {row.column2}: correct or remove the hand-written order")
        if edit.modifier_indicator is not None and edit.modifier_indicator != row.modifier_indicator:
            yield ("edits", i, "modifier_indicator"), (
                f"modifier indicator {edit.modifier_indicator} contradicts {there}, which has "
                f"{row.modifier_indicator}: correct or remove the hand-written indicator")
