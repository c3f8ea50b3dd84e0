"""Turn the rows of a CMS table into the site's typed rows, keeping only the site's codes.

Every value of a kept row is checked; a value that does not fit is refused with the file,
its line and the column, and nothing is written. Rows of codes outside the site are not
looked at beyond their code numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pydantic import ValidationError

from .errors import CmsFileError
from .layouts import MUE, PFS, PTP
from .model import CmsFile, MueRow, MueTable, PfsRow, PfsYear, PtpRow, PtpTable
from .reader import Row, Table, read_table

_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
NO_DATE = "*"  # the PTP files' "no data" mark in the deletion column


def _date(table: Table, row: Row, key: str, label: str) -> dt.date:
    value = row.cells[key]
    match = _DATE.match(value)
    try:
        if not match:
            raise ValueError
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise CmsFileError(table.where, f"line {row.line}: {label} {value!r} is not a date written "
                           "YYYYMMDD; nothing was imported") from None


def _number(table: Table, row: Row, key: str, label: str) -> Decimal:
    value = row.cells[key]
    if value == "":
        return Decimal("0")
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0:
        raise CmsFileError(table.where, f"line {row.line}: {label} {value!r} is not a number; "
                           "nothing was imported")
    return number


def _typed(table: Table, row: Row, model, values: dict):
    try:
        return model.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise CmsFileError(table.where, f"line {row.line}: {field} {first.get('input')!r}: "
                           f"{first['msg'].removeprefix('Value error, ')}; nothing was imported") from None


def _file(table: Table) -> CmsFile:
    return CmsFile(name=table.archive, member=table.member, sha256=table.sha256)


def read_ptp(paths: list[Path], quarter: str, codes: set[str], today: dt.date) -> PtpTable:
    """The practitioner PTP table (split over several archives by code range)."""
    tables = [read_table(path, PTP) for path in paths]
    rows = []
    for table in tables:
        for row in table.rows:
            first, second = row.cells["column1"], row.cells["column2"]
            if first not in codes or second not in codes:
                continue
            deleted = row.cells["deleted"]
            indicator = row.cells["modifier_indicator"]
            if indicator not in ("0", "1", "9"):
                raise CmsFileError(table.where, f"line {row.line}: modifier indicator {indicator!r} is not "
                                   "0, 1 or 9; nothing was imported")
            rows.append(_typed(table, row, PtpRow, {
                "column1": first, "column2": second,
                "effective": _date(table, row, "effective", "effective date"),
                "deleted": None if deleted in ("", NO_DATE) else _date(table, row, "deleted", "deletion date"),
                "modifier_indicator": indicator,
                "rationale": " ".join(row.cells["rationale"].split()) or "(none given)"}))
    rows.sort(key=lambda r: (r.column1, r.column2, r.effective))
    return PtpTable(files=[_file(t) for t in tables], imported=today, quarter=quarter, rows=rows)


def read_mue(path: Path, quarter: str, codes: set[str], today: dt.date) -> MueTable:
    table = read_table(path, MUE)
    rows = []
    for row in table.rows:
        if row.cells["code"] not in codes:
            continue
        value = row.cells["value"]
        if value == "":
            continue  # a value CMS does not publish: no row, never a zero
        if not value.isdigit():
            raise CmsFileError(table.where, f"line {row.line}: MUE value {value!r} is not a whole number; "
                               "nothing was imported")
        # The indicator cell is its digit followed by words ("3 Date of Service Edit: Clinical").
        adjudication = row.cells["adjudication"][:1]
        if adjudication not in ("1", "2", "3"):
            raise CmsFileError(table.where, f"line {row.line}: MUE adjudication indicator "
                               f"{row.cells['adjudication']!r} does not start with 1, 2 or 3; nothing was imported")
        rows.append(_typed(table, row, MueRow, {
            "code": row.cells["code"], "value": int(value), "adjudication": adjudication,
            "rationale": " ".join(row.cells["rationale"].split()) or "(none given)"}))
    rows.sort(key=lambda r: r.code)
    return MueTable(files=[_file(table)], imported=today, quarter=quarter, rows=rows)


def read_pfs(path: Path, year: int, codes: set[str], today: dt.date) -> PfsYear:
    table = read_table(path, PFS)
    rows, factors = [], set()
    for row in table.rows:
        if row.cells["code"] not in codes:
            continue
        values = {key: _number(table, row, key, label) for key, label in (
            ("work", "WORK RVU"), ("pe_nonfacility", "NON-FAC PE RVU"), ("pe_facility", "FACILITY PE RVU"),
            ("mp", "MP RVU"), ("conversion_factor", "CONV FACTOR"))}
        if values["conversion_factor"] > 0:
            factors.add(values.pop("conversion_factor"))
        else:
            values.pop("conversion_factor")
        rows.append(_typed(table, row, PfsRow, {
            "code": row.cells["code"], "modifier": row.cells["modifier"] or None,
            "status": row.cells["status"], **{key: float(number) for key, number in values.items()}}))
    if len(factors) != 1:
        found = ", ".join(str(f) for f in sorted(factors)) or "none"
        raise CmsFileError(table.where, f"expected one conversion factor in the CONV FACTOR column of the "
                           f"site's codes, found {found}; nothing was imported")
    rows.sort(key=lambda r: (r.code, r.modifier or ""))
    return PfsYear(files=[_file(table)], imported=today, year=year,
                   conversion_factor=float(factors.pop()), rows=rows)
