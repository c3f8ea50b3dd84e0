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

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints,
                      WithJsonSchema)

# --- Field types -------------------------------------------------------------------------

# CPT Category I (5 digits), Category II/III (4 digits + F/T/U) and HCPCS Level II
# (a letter + 4 digits). ASCII classes only: `\d` would also accept look-alike digits
# (fullwidth, Arabic-Indic, mathematical bold) that display as "97140" but are not it.
CODE_PATTERN = r"^(?:[0-9]{5}|[0-9]{4}[FTU]|[A-V][0-9]{4})$"
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MODIFIER_PATTERN = r"^[0-9A-Z]{2}$"
# Printable ASCII only (an international address is written in its punycode form), and
# no spaces, quotes, angle or square brackets, braces or backslashes: an address is
# shown as a link and must not be able to carry markup.
URL_PATTERN = r"^https://[!#-&(-;=?-Z^-_a-z|~]+$"
PUBLISHED_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"

# What a contributor is told when a value does not have its shape (never a regex).
PATTERN_HINTS = {
    CODE_PATTERN: "a code is 5 digits (97140), 4 digits and F, T or U (0001F), or a capital "
                  "letter A-V and 4 digits (G0283), in plain ASCII characters",
    ID_PATTERN: "an id is lower-case ASCII letters and digits in words joined by single hyphens "
                "(manual-therapy)",
    MODIFIER_PATTERN: "a modifier is two ASCII capital letters or digits (GP, 59)",
    URL_PATTERN: "an address starts with https:// and has no spaces, quotes, angle or square "
                 "brackets, braces, backslashes or non-ASCII letters",
    PUBLISHED_PATTERN: "a publication date is written YYYY, YYYY-MM or YYYY-MM-DD",
}

CodeId = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
RecordId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
ModifierId = Annotated[str, StringConstraints(pattern=MODIFIER_PATTERN)]
HttpsUrl = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=500)]

_RAW_HTML = re.compile(r"<[A-Za-z!/?]")  # a tag name follows '<' directly; 'a < b' is text
_TEMPLATE = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
_LINK_TARGET = re.compile(r"\]\(\s*([^)\s]*)")
_SCRIPT_SCHEME = re.compile(r"^\s*(?:javascript|data|vbscript)\s*:", re.IGNORECASE)
# Characters that change how text displays without being seen: bidirectional overrides
# and isolates (a title could show "04179" as "97140"), zero-width characters, the
# byte-order mark, and control characters other than tab and newline.
_INVISIBLE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e"
                        "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


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
    invisible = _INVISIBLE.search(value)
    if invisible:
        raise ValueError(f"invisible or direction-changing character U+{ord(invisible.group()):04X} at "
                         f"character {invisible.start() + 1}: delete it (it can make text display "
                         "differently from what it says)")
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

# What kind of authority a source is. A biller sees the label next to every citation.
AUTHORITIES = {
    "cms": "CMS",                    # manuals, transmittals, MLN, NCCI files, Federal Register, statute
    "contractor": "Medicare contractor",  # MACs and their LCDs, articles and FAQs
    "payer": "Payer policy",         # a commercial, Medicaid or workers' compensation plan's own policy
    "association": "Association",    # APTA, AOTA, ACA, AAPC, the AMA
    "vendor": "Vendor",              # billing software, consultants, blogs, newsletters, code sites
    "forum": "Forum",                # question-and-answer threads
}
Authority = Literal["cms", "contractor", "payer", "association", "vendor", "forum"]

# How the text behind a source was actually read.
READINGS = {
    "page": "the text at the source's own address",
    "copy": "a full copy published elsewhere",
    "quotation": "only another source's quotation of it",
}
ReadHow = Literal["page", "copy", "quotation"]

# The confidence rule, stated once: the validator enforces it and CONTRIBUTING.md quotes it.
OFFICIAL_AUTHORITIES = ("cms", "contractor", "payer")
DIRECT_READINGS = ("page", "copy")
CONFIDENCE_RULE = ("a claim may be 'verified' only if at least one of its sources is a CMS, "
                   "Medicare-contractor or payer document (or CPT itself) whose text was read on "
                   "its own page or in a full copy; otherwise it is 'partly'")


def _published_text(value: object) -> object:
    # YAML reads 2019 as a number and 2019-07-16 as a date, but 2019-07 as text: accept
    # all three spellings of "when the source dates itself" and keep them as text.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Published = Annotated[str, BeforeValidator(_published_text), StringConstraints(pattern=PUBLISHED_PATTERN),
                      WithJsonSchema({"anyOf": [{"type": "string", "pattern": PUBLISHED_PATTERN},
                                                {"type": "integer", "minimum": 1900, "maximum": 2100}]})]


class Reading(Record):
    """How the text was read: where, through whom, and (only when known) on which day."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    how: ReadHow
    stored: bool = Field(default=False, description="page: read in a stored (archived) copy of that same address.")
    in_: HttpsUrl | None = Field(default=None, alias="in",
                                 description="copy: the https address of the full copy that was read.")
    via: RecordId | None = Field(default=None, description="quotation: the source record that quotes it.")
    # Not `on`: YAML 1.1 reads a bare `on` key as the value true.
    date: dt.date | None = Field(default=None, description="The day the reading was done; only when it is known.")


class Source(Record):
    id: RecordId
    title: ShortText
    publisher: ShortText
    section: ShortText | None = None
    url: HttpsUrl = Field(description="The source's own official address.")
    published: Published | None = Field(
        default=None, description="When the source dates itself: YYYY, YYYY-MM or YYYY-MM-DD.")
    authority: Authority
    cpt: bool = Field(default=False, description="The AMA's CPT itself (code book, CPT Assistant): "
                                                 "counts as official for what CPT says.")
    read: Reading

    @property
    def qualifies(self) -> bool:
        """Can this source alone make a claim 'verified' (see CONFIDENCE_RULE)?"""
        official = self.authority in OFFICIAL_AUTHORITIES or self.cpt
        return official and self.read.how in DIRECT_READINGS


# --- Codes -------------------------------------------------------------------------------

class Family(Record):
    id: RecordId
    name: ShortText
    summary: Text


class RegionRange(Record):
    low: int = Field(ge=1, le=10)
    high: int | None = Field(ge=1, le=10, description="None: no upper limit (e.g. 3 or more muscles).")
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


# Kinds of clinician whose service Medicare may or may not pay for a code (labels in
# macros/render/labels.py, CLINICIAN_LABELS).
Clinician = Literal["therapist", "physician", "nonphysician-practitioner", "chiropractor", "massage-therapist",
                    "acupuncturist"]


class MedicarePayees(Sourced):
    """Who Medicare pays for the code, as its sources state it: the kinds of clinician whose
    service of this code it pays (under its usual conditions), and those whose it does not.
    Shown at the top of the code's page; the Medicare section gives the conditions."""

    paid: list[Clinician] = Field(default_factory=list, description="Medicare pays the code when these furnish it.")
    not_paid: list[Clinician] = Field(default_factory=list,
                                      description="Medicare does not pay the code when these furnish it.")


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
    medicare_payees: MedicarePayees | None = Field(
        default=None, description="Optional: who Medicare pays for this code, where the sources say so.")
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
    figures: list[RecordId] = Field(
        default_factory=list, description="Yearly figures the answer is about (ids from yearly_figures): shown "
                                          "under the answer year by year, each value with its own sources.")
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


# Sane bounds for published figures: a threshold of a trillion dollars is a typing error.
MAX_AMOUNT = {"USD": 1_000_000, "percent": 100}


class YearValue(Sourced):
    year: int = Field(ge=2000, le=2100)
    value: float = Field(ge=0, le=1_000_000, allow_inf_nan=False)


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


class RetiredCode(Sourced):
    """A code that was deleted or replaced: its page says so and names what to use."""

    code: CodeId
    title: ShortText
    family: RecordId
    retired: dt.date = Field(description="The first day the code was no longer valid.")
    replaced_by: list[CodeId] = Field(default_factory=list)
    text: Text
    last_reviewed: dt.date


class CodingPosition(Sourced):
    """One view of how a technique is coded; several when sources or payers disagree."""

    codes: list[CodeId] = Field(default_factory=list, description="Empty: no code applies.")
    text: Text


class Technique(Record):
    """A technique clinics ask about, and the code(s) it is reported with."""

    id: RecordId
    name: ShortText
    aliases: list[ShortText] = Field(default_factory=list)
    summary: Claim
    coding: list[CodingPosition] = Field(min_length=1)
    not_billable: Claim | None = None
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
    retired_codes: list[RetiredCode] = Field(default_factory=list)
    techniques: list[Technique] = Field(default_factory=list)
    cms: CmsData | None = Field(default=None, description="Generated by `python -m macros.cms import`.")
