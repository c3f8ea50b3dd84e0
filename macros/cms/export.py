"""The imported CMS tables in the JSON API (/api/v1/cms.json): the same rows the pages show,
with the words for each indicator and the national amounts computed as on the pages."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import CmsData, CmsSource
from .payment import national_amounts, status_words
from .tables import ADJUDICATION_WORDS, INDICATOR_WORDS, is_empty, row_is_active

NOT_IMPORTED_NOTE = "The CMS tables have not been imported yet."


class _Export(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportCmsFile(_Export):
    name: str
    member: str
    sha256: str


class ExportCmsSource(_Export):
    files: list[ExportCmsFile]
    imported: dt.date


class ExportPtpPair(_Export):
    column1: str
    column2: str
    effective: dt.date
    deleted: dt.date | None
    in_force: bool = Field(description="Not deleted at the start of the table's quarter.")
    modifier_indicator: Literal["0", "1", "9"]
    modifier_indicator_meaning: str
    rationale: str


class ExportPtp(ExportCmsSource):
    quarter: str
    pairs: list[ExportPtpPair]


class ExportMueValue(_Export):
    code: str
    value: int
    adjudication: Literal["1", "2", "3"]
    adjudication_meaning: str
    rationale: str


class ExportMue(ExportCmsSource):
    quarter: str
    values: list[ExportMueValue]


class ExportAmount(_Export):
    setting: Literal["non-facility", "facility"]
    total_rvu: str = Field(description="Work + practice expense + malpractice RVU, as a decimal string.")
    amount: str = Field(description="Total RVU x conversion factor, rounded to the cent, in US dollars.")
    arithmetic: str


class ExportPfsCode(_Export):
    code: str
    modifier: str | None
    status: str
    status_meaning: str
    work: float
    pe_nonfacility: float
    pe_facility: float
    mp: float
    national_amounts: list[ExportAmount] = Field(description="Empty for statuses that are not paid.")


class ExportPfsYear(ExportCmsSource):
    year: int
    conversion_factor: float
    codes: list[ExportPfsCode]


class ExportCmsChange(_Export):
    date: dt.date
    table: Literal["ptp", "mue", "pfs"]
    previous: str
    current: str
    items: list[dict]


class ExportCmsTables(_Export):
    api_version: str
    imported: bool = Field(description="False until the first import; then the tables below are filled.")
    note: str | None = Field(description="Why the tables are empty, when they are.")
    ptp: ExportPtp | None
    mue: ExportMue | None
    pfs: list[ExportPfsYear]
    changes: list[ExportCmsChange]


def _source(source: CmsSource) -> dict:
    return {"files": [f.model_dump() for f in source.files], "imported": source.imported}


def export_cms(cms: CmsData | None, api_version: str) -> ExportCmsTables:
    cms = cms or CmsData()
    ptp = mue = None
    if cms.ptp:
        ptp = ExportPtp(**_source(cms.ptp), quarter=cms.ptp.quarter, pairs=[
            ExportPtpPair(**row.model_dump(), in_force=row_is_active(cms.ptp, row),
                          modifier_indicator_meaning=INDICATOR_WORDS[row.modifier_indicator])
            for row in cms.ptp.rows])
    if cms.mue:
        mue = ExportMue(**_source(cms.mue), quarter=cms.mue.quarter, values=[
            ExportMueValue(**row.model_dump(), adjudication_meaning=ADJUDICATION_WORDS[row.adjudication])
            for row in cms.mue.rows])
    pfs = [ExportPfsYear(**_source(year), year=year.year, conversion_factor=year.conversion_factor, codes=[
        ExportPfsCode(**row.model_dump(), status_meaning=status_words(row.status), national_amounts=[
            ExportAmount(setting=a.setting, total_rvu=f"{a.total_rvu:.2f}", amount=f"{a.amount:.2f}",
                         arithmetic=a.arithmetic())
            for a in national_amounts(row, year.conversion_factor)])
        for row in year.rows]) for year in cms.pfs]
    return ExportCmsTables(api_version=api_version, imported=not is_empty(cms),
                           note=NOT_IMPORTED_NOTE if is_empty(cms) else None, ptp=ptp, mue=mue, pfs=pfs,
                           changes=[ExportCmsChange(**c.model_dump(exclude={"items"}),
                                                    items=[i.model_dump() for i in c.items]) for c in cms.changes])
