"""What an import changes against the table it replaces: pairs and values added, deleted
or changed. Pure functions over the typed tables."""

from __future__ import annotations

import datetime as dt

from .model import CmsChange, CmsChangeItem, MueTable, PfsYear, PtpRow, PtpTable

QUARTER_START_MONTH = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10}


def quarter_start(quarter: str) -> dt.date:
    year, part = quarter.split("-")
    return dt.date(int(year), QUARTER_START_MONTH[part], 1)


def is_active(row: PtpRow, quarter: str) -> bool:
    """In force at the start of the table's quarter: never deleted, or deleted later."""
    return row.deleted is None or row.deleted > quarter_start(quarter)


def current_pairs(table: PtpTable | None) -> dict[frozenset, PtpRow]:
    """Each pair of codes (either order) -> its row in force, the newest by effective date."""
    pairs: dict[frozenset, PtpRow] = {}
    if table is None:
        return pairs
    for row in table.rows:
        if is_active(row, table.quarter):
            key = frozenset((row.column1, row.column2))
            if key not in pairs or row.effective >= pairs[key].effective:
                pairs[key] = row
    return pairs


def _pair_change(old: PtpRow, new: PtpRow) -> str | None:
    parts = []
    if (old.column1, old.column2) != (new.column1, new.column2):
        parts.append(f"column order now {new.column1} then {new.column2}")
    if old.modifier_indicator != new.modifier_indicator:
        parts.append(f"modifier indicator {old.modifier_indicator} -> {new.modifier_indicator}")
    if old.effective != new.effective:
        parts.append(f"effective date {old.effective.isoformat()} -> {new.effective.isoformat()}")
    if old.rationale != new.rationale:
        parts.append(f"rationale now: {new.rationale}")
    return "; ".join(parts) or None


def ptp_change(old: PtpTable, new: PtpTable, today: dt.date) -> CmsChange:
    before, after = current_pairs(old), current_pairs(new)
    items = []
    for key in sorted(after.keys() | before.keys(), key=sorted):
        if key not in before:
            row = after[key]
            items.append(CmsChangeItem(change="added", codes=[row.column1, row.column2],
                                       detail=f"modifier indicator {row.modifier_indicator}"))
        elif key not in after:
            row = before[key]
            items.append(CmsChangeItem(change="deleted", codes=[row.column1, row.column2]))
        elif detail := _pair_change(before[key], after[key]):
            row = after[key]
            items.append(CmsChangeItem(change="changed", codes=[row.column1, row.column2], detail=detail))
    return CmsChange(date=today, table="ptp", previous=old.quarter, current=new.quarter, items=items)


def mue_change(old: MueTable, new: MueTable, today: dt.date) -> CmsChange:
    before = {row.code: row for row in old.rows}
    after = {row.code: row for row in new.rows}
    items = []
    for code in sorted(before.keys() | after.keys()):
        if code not in before:
            items.append(CmsChangeItem(change="added", codes=[code], detail=f"MUE {after[code].value}"))
        elif code not in after:
            items.append(CmsChangeItem(change="deleted", codes=[code]))
        else:
            a, b = before[code], after[code]
            parts = []
            if a.value != b.value:
                parts.append(f"MUE {a.value} -> {b.value}")
            if a.adjudication != b.adjudication:
                parts.append(f"adjudication indicator {a.adjudication} -> {b.adjudication}")
            if parts:
                items.append(CmsChangeItem(change="changed", codes=[code], detail="; ".join(parts)))
    return CmsChange(date=today, table="mue", previous=old.quarter, current=new.quarter, items=items)


def pfs_change(old: PfsYear, new: PfsYear, today: dt.date) -> CmsChange:
    before = {(row.code, row.modifier): row for row in old.rows}
    after = {(row.code, row.modifier): row for row in new.rows}
    items = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[0], k[1] or "")):
        if key not in before:
            items.append(CmsChangeItem(change="added", codes=[key[0]], detail=f"status {after[key].status}"))
        elif key not in after:
            items.append(CmsChangeItem(change="deleted", codes=[key[0]]))
        else:
            a, b = before[key], after[key]
            parts = [f"status {a.status} -> {b.status}"] if a.status != b.status else []
            for field, label in (("work", "work RVU"), ("pe_nonfacility", "non-facility PE RVU"),
                                 ("pe_facility", "facility PE RVU"), ("mp", "MP RVU")):
                if getattr(a, field) != getattr(b, field):
                    parts.append(f"{label} {getattr(a, field):g} -> {getattr(b, field):g}")
            if parts:
                items.append(CmsChangeItem(change="changed", codes=[key[0]], detail="; ".join(parts)))
    if old.conversion_factor != new.conversion_factor:
        for code in sorted({row.code for row in new.rows}):
            if not any(item.codes == [code] for item in items):
                items.append(CmsChangeItem(change="changed", codes=[code], detail=(
                    f"conversion factor {old.conversion_factor:g} -> {new.conversion_factor:g}")))
    return CmsChange(date=today, table="pfs", previous=str(old.year), current=str(new.year), items=items)
