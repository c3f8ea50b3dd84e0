"""Look-ups over the imported section that pages, the API and the feed share."""

from __future__ import annotations

from ..model import CodeData, EditPair
from .diff import current_pairs, is_active
from .model import CmsData, MueRow, MueTable, PfsRow, PfsYear, PtpRow, PtpTable

INDICATOR_WORDS = {
    "0": "no modifier allowed: the column 2 code is not paid with the column 1 code",
    "1": "a modifier is allowed when the services were distinct",
    "9": "not applicable: the edit does not apply",
}
ADJUDICATION_WORDS = {
    "1": "line edit: the limit applies to each claim line",
    "2": "date of service edit, set by policy: the limit applies to all lines of the day",
    "3": "date of service edit, set on clinical grounds: the limit applies to all lines of the day",
}


def cms_of(data: CodeData) -> CmsData:
    return data.cms or CmsData()


def is_empty(cms: CmsData) -> bool:
    return cms.ptp is None and cms.mue is None and not cms.pfs


def pairs_of(ptp: PtpTable | None, code: str) -> list[PtpRow]:
    """The rows in force that pair `code` with another code, by the other code."""
    rows = [row for row in current_pairs(ptp).values() if code in (row.column1, row.column2)]
    return sorted(rows, key=lambda row: row.column2 if row.column1 == code else row.column1)


def mue_of(mue: MueTable | None, code: str) -> MueRow | None:
    return next((row for row in mue.rows if row.code == code), None) if mue else None


def latest_pfs(cms: CmsData) -> PfsYear | None:
    return max(cms.pfs, key=lambda year: year.year, default=None)


def pfs_of(year: PfsYear | None, code: str) -> list[PfsRow]:
    return [row for row in year.rows if row.code == code] if year else []


def settling_row(ptp: PtpTable | None, edit: EditPair) -> PtpRow | None:
    """The imported row in force for a hand-written pair, if any."""
    return current_pairs(ptp).get(frozenset(edit.codes))


def row_is_active(ptp: PtpTable, row: PtpRow) -> bool:
    return is_active(row, ptp.quarter)


def settle_edits(edits: list[EditPair], cms: CmsData | None) -> list[EditPair]:
    """Hand-written pairs with their column order and indicator taken from the imported row
    in force, where there is one: those facts are then verified. Explanations stay as written."""
    rows = current_pairs(cms.ptp if cms else None)
    settled = []
    for edit in edits:
        row = rows.get(frozenset(edit.codes))
        if row is None:
            settled.append(edit)
        else:
            settled.append(edit.model_copy(update={
                "column1": row.column1, "column2": row.column2, "orientation_verified": True,
                "modifier_indicator": row.modifier_indicator, "indicator_verified": True}))
    return settled
