"""The typed model of data/codes.yaml.

Every record refuses unknown keys and wrong types. Identifiers have fixed shapes, text
fields refuse raw HTML, script links and template delimiters (see CONTRIBUTING.md for
the rules per field), and every claim carries its sources and a confidence level.
Cross-record rules (references, duplicates) live in `validate.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# --- Field types -------------------------------------------------------------------------

# CPT Category I (5 digits), Category II/III (4 digits + F/T/U) and HCPCS Level II
# (a letter + 4 digits).
CODE_PATTERN = r"^(?:\d{5}|\d{4}[FTU]|[A-V]\d{4})$"
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MODIFIER_PATTERN = r"^[0-9A-Z]{2}$"

CodeId = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
RecordId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
ModifierId = Annotated[str, StringConstraints(pattern=MODIFIER_PATTERN)]
# No spaces, quotes, angle or square brackets: an address is shown as a link and must
# not be able to carry markup.
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"'`\[\]{}\\]+$", max_length=500)]

_RAW_HTML = re.compile(r"<[A-Za-z!/?]")  # a tag name follows '<' directly; 'a < b' is text
_TEMPLATE = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
_LINK_TARGET = re.compile(r"\]\(\s*([^)\s]*)")
_SCRIPT_SCHEME = re.compile(r"^\s*(?:javascript|data|vbscript)\s*:", re.IGNORECASE)


def _safe_text(value: str) -> str:
    """Text may use a small Markdown subset; it may not carry markup that could run."""
    if _RAW_HTML.search(value):
        raise ValueError("raw HTML is not allowed in text; write plain words "
                         "(a '<' directly followed by a letter, '/', '!' or '?' reads as a tag)")
    if _TEMPLATE.search(value):
        raise ValueError("template delimiters such as '{{', '{%' and '}}' are not allowed in text")
    for target in _LINK_TARGET.findall(value):
        if _SCRIPT_SCHEME.match(target) or (":" in target.split("/")[0] and not target.startswith("https:")):
            raise ValueError(f"link target '{target}' is not allowed; links must be https:// "
                             "addresses or paths within this site")
    if "\x00" in value:
        raise ValueError("control characters are not allowed in text")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
                 AfterValidator(_safe_text)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                      AfterValidator(_safe_text)]

Confidence = Literal["verified", "partly"]
BillingBasis = Literal["timed_15", "per_session", "region_count"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Sourced(Record):
    """Anything that states facts: it names its sources and how sure we are."""

    sources: list[RecordId] = Field(min_length=1)
    confidence: Confidence


class Claim(Sourced):
    text: Text


# --- Sources -----------------------------------------------------------------------------

class Source(Record):
    id: RecordId
    title: ShortText
    publisher: ShortText
    section: ShortText | None = None
    url: HttpsUrl
    seen: dt.date = Field(description="The date the source was last read.")
    kind: Literal["primary", "secondary"]


# --- Codes -------------------------------------------------------------------------------

class Family(Record):
    id: RecordId
    name: ShortText
    summary: Text


class RegionRange(Record):
    low: int = Field(ge=1, le=10)
    high: int = Field(ge=1, le=10)
    kind: Literal["spinal", "extraspinal", "osteopathic", "muscles"]


class Billing(Sourced):
    basis: BillingBasis
    text: Text
    regions: RegionRange | None = None


class Excluded(Record):
    text: ShortText
    code: CodeId | None = Field(default=None, description="The code that covers it instead.")


class Techniques(Sourced):
    includes: list[ShortText] = Field(min_length=1)
    excludes: list[Excluded] = Field(default_factory=list)


class Neighbour(Record):
    code: CodeId
    when: Text


class Choosing(Sourced):
    when: list[Text] = Field(min_length=1)
    neighbours: list[Neighbour] = Field(default_factory=list)


class MedicareStatus(Sourced):
    status: Literal["payable", "bundled", "not-covered", "not-recognized"]
    text: Text


class Change(Record):
    date: dt.date
    text: Text
    sources: list[RecordId] = Field(default_factory=list)


class Code(Record):
    code: CodeId
    title: ShortText
    family: RecordId
    summary: Claim
    billing: Billing
    techniques: Techniques
    choosing: Choosing
    medicare_status: MedicareStatus
    medicare: list[Claim] = Field(default_factory=list)
    commercial: list[Claim] = Field(default_factory=list)
    pitfalls: list[Claim] = Field(default_factory=list)
    checklist: list[RecordId] = Field(default_factory=list)
    faq: list[RecordId] = Field(default_factory=list)
    modifiers: list[ModifierId] = Field(default_factory=list)
    last_reviewed: dt.date
    changes: list[Change] = Field(default_factory=list)


# --- Cross-code records ------------------------------------------------------------------

class ComparisonRow(Sourced):
    aspect: ShortText
    cells: dict[CodeId, Text]


class Comparison(Record):
    id: RecordId
    title: ShortText
    summary: Text
    codes: list[CodeId] = Field(min_length=2)
    rows: list[ComparisonRow] = Field(min_length=1)
    last_reviewed: dt.date


class ChecklistItem(Sourced):
    id: RecordId
    text: Text


class ChecklistGroup(Record):
    id: RecordId
    title: ShortText
    summary: Text | None = None
    items: list[ChecklistItem] = Field(min_length=1)
    last_reviewed: dt.date


class FaqEntry(Sourced):
    id: RecordId
    question: ShortText
    answer: Text
    last_reviewed: dt.date


class Modifier(Sourced):
    id: ModifierId
    name: ShortText
    meaning: Text
    use_when: list[Text] = Field(min_length=1)
    not_when: list[Text] = Field(default_factory=list)
    last_reviewed: dt.date


class EditPair(Sourced):
    """An NCCI procedure-to-procedure edit. Unknown orientation or indicator stays None."""

    id: RecordId
    codes: list[CodeId] = Field(min_length=2, max_length=2)
    column1: CodeId | None = None
    column2: CodeId | None = None
    orientation_verified: bool
    modifier_indicator: Literal["0", "1", "9"] | None = None
    indicator_verified: bool
    text: Text
    modifier_when: Text
    checked: dt.date


class YearValue(Sourced):
    year: int = Field(ge=2000, le=2100)
    value: float = Field(ge=0)


class YearlyFigure(Record):
    id: RecordId
    name: ShortText
    unit: Literal["USD", "percent"]
    summary: Text
    values: list[YearValue] = Field(min_length=1)
    last_reviewed: dt.date


class WorkedExample(Sourced):
    id: RecordId
    title: ShortText
    visit: dict[CodeId, Annotated[int, Field(ge=0, le=600)]] = Field(min_length=1)
    explanation: Text


class Misconception(Sourced):
    """A mistaken claim often repeated about these codes, and what is right."""

    id: RecordId
    claim: Text
    correction: Text
    codes: list[CodeId] = Field(default_factory=list)
    last_reviewed: dt.date


from .cms.model import CmsData  # noqa: E402  (it builds on the field types above)


class CodeData(Record):
    """The whole of data/codes.yaml."""

    sources: list[Source] = Field(min_length=1)
    families: list[Family] = Field(min_length=1)
    codes: list[Code] = Field(min_length=1)
    comparisons: list[Comparison] = Field(default_factory=list)
    checklist: list[ChecklistGroup] = Field(default_factory=list)
    faq: list[FaqEntry] = Field(default_factory=list)
    modifiers: list[Modifier] = Field(default_factory=list)
    edits: list[EditPair] = Field(default_factory=list)
    yearly_figures: list[YearlyFigure] = Field(default_factory=list)
    examples: list[WorkedExample] = Field(default_factory=list)
    misconceptions: list[Misconception] = Field(default_factory=list)
    cms: CmsData | None = Field(default=None, description="Generated by `python -m macros.cms import`.")
