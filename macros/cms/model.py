"""The typed model of the generated `cms:` section of data/codes.yaml.

Written only by the importer (`python -m macros.cms import`), read by the build like the
rest of the file. Strict and closed like every other record: unknown keys, wrong types and
unsafe text are refused with the file, line and field. CPT descriptors have no place here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ..model import CODE_PATTERN, MODIFIER_PATTERN, Record, ShortText

CodeId = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
ModifierId = Annotated[str, StringConstraints(pattern=MODIFIER_PATTERN)]
# A file name as CMS publishes it: letters, digits, dots, dashes, underscores, spaces and
# parentheses; never a path, never markup.
FileName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._ ()-]{0,150}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Quarter = Annotated[str, StringConstraints(pattern=r"^20\d\d-Q[1-4]$")]
# A table's period as a label: a quarter (2027-Q1) or a year (2027).
Period = Annotated[str, StringConstraints(pattern=r"^20\d\d(?:-Q[1-4])?$")]
StatusCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
Indicator = Literal["0", "1", "9"]
Adjudication = Literal["1", "2", "3"]
Table = Literal["ptp", "mue", "pfs"]


class CmsFile(Record):
    name: FileName = Field(description="The archive as CMS publishes it.")
    member: FileName = Field(description="The file read inside the archive.")
    sha256: Sha256 = Field(description="SHA-256 of the archive.")


class CmsSource(Record):
    files: list[CmsFile] = Field(min_length=1)
    imported: dt.date = Field(description="The date the files were imported.")


class PtpRow(Record):
    """One practitioner PTP edit between two codes of the site, as the CMS file has it."""

    column1: CodeId
    column2: CodeId
    effective: dt.date
    deleted: dt.date | None = Field(default=None, description="Deletion date; null while active.")
    modifier_indicator: Indicator
    rationale: ShortText


class PtpTable(CmsSource):
    quarter: Quarter
    rows: list[PtpRow] = Field(default_factory=list)


class MueRow(Record):
    code: CodeId
    value: int = Field(ge=0, le=100000)
    adjudication: Adjudication
    rationale: ShortText


class MueTable(CmsSource):
    quarter: Quarter
    rows: list[MueRow] = Field(default_factory=list)


class PfsRow(Record):
    """Status and relative values of one code (never its descriptor)."""

    code: CodeId
    modifier: ModifierId | None = None
    status: StatusCode
    work: float = Field(ge=0, le=1000)
    pe_nonfacility: float = Field(ge=0, le=1000)
    pe_facility: float = Field(ge=0, le=1000)
    mp: float = Field(ge=0, le=1000)


class PfsYear(CmsSource):
    year: int = Field(ge=2000, le=2100)
    conversion_factor: float = Field(gt=0, le=1000)
    rows: list[PfsRow] = Field(default_factory=list)


class CmsChangeItem(Record):
    change: Literal["added", "deleted", "changed"]
    codes: list[CodeId] = Field(min_length=1, max_length=2,
                                description="The pair (column 1 first) or the one code.")
    detail: ShortText | None = None


class CmsChange(Record):
    """What one import changed against the table it replaced."""

    date: dt.date
    table: Table
    previous: Period
    current: Period
    items: list[CmsChangeItem] = Field(default_factory=list)


class CmsData(Record):
    """The whole generated section: empty until the first import."""

    ptp: PtpTable | None = None
    mue: MueTable | None = None
    pfs: list[PfsYear] = Field(default_factory=list)
    changes: list[CmsChange] = Field(default_factory=list)
