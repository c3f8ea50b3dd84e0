"""The public JSON API (/api/v1/): records built from the catalog, and their JSON Schema.

The export has its own models, separate from the authoring model: it adds what a
consumer needs (page URLs, family names, computed example units) and drops authoring
details. Every exported file is built through these models, and the published schema
is generated from them, so the two cannot drift.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .catalog import Catalog
from .cms.export import ExportCmsTables, export_cms
from .model import OFFICIAL_AUTHORITIES, Authority, Claim, Code, Misconception, RetiredCode, Source, Technique
from .render.labels import AUTHORITY_SCOPES, MYTH_LABEL, myth_heading
from .render.markup import site_path
from .render.paths import MISCONCEPTIONS_PAGE, TECHNIQUES_PAGE, code_page_path
from .render.page_head import Site
from .render.sharing import code_citation
from .units import MEDICARE, PER_CODE, explain_allocation

API_VERSION = "1.3.0"
API_ROOT = "api/v1"

# Newest first. A consumer can rely on a major version never losing or renaming a field.
API_CHANGELOG = [
    ("1.3.0", dt.date(2026, 12, 1), "Code records carry citation: the short citation of the code's page (title, "
                                    "canonical address, last reviewed date) as text and as a Markdown link, the same "
                                    "one the page offers; add the day you read it."),
    ("1.2.0", dt.date(2026, 12, 1), "New files: techniques.json (each technique, its other names and every coding "
                                    "position, with sources_disagree when there are several), retired_codes.json "
                                    "(codes that are no longer valid: when, and what replaced them; codes.json keeps "
                                    "current codes only) and misconceptions.json (each record carries label 'Myth' "
                                    "and a heading that starts with 'Myth: '), and cms.json (the imported CMS tables: PTP "
                                    "pairs, MUEs, fee schedule relative values with national amounts; empty until the "
                                    "first import). Code records list their techniques; edits.json takes column order "
                                    "and indicator from the imported PTP table where it has the pair."),
    ("1.1.0", dt.date(2026, 12, 1), "sources.json: each source says what kind of authority it is (authority) and "
                                    "how its text was read (read: page, copy or quotation, with the copy or the "
                                    "quoting source, and the day when recorded). kind and seen are deprecated: seen "
                                    "is null unless the day of reading is recorded, because 1.0.0 gave one date for "
                                    "every source, which overstated how they were read."),
    ("1.0.0", dt.date(2026, 11, 28), "First release: codes, modifiers, NCCI edit pairs, yearly figures, "
                                     "worked examples and sources."),
]


class ExportModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportClaim(ExportModel):
    text: str
    sources: list[str] = Field(description="Source ids; see sources.json.")
    confidence: Literal["verified", "partly"]


class ExportCitation(ExportModel):
    text: str = Field(description="'“97140 · Title.” Site. Address. Last reviewed Month D, YYYY.' Add the day you "
                                  "read it ('Accessed Month D, YYYY.') when you cite it.")
    markdown: str = Field(description="The same as a Markdown link: '[97140 · Title](address) (Site, last reviewed "
                                      "Month D, YYYY)'.")


class ExportCode(ExportModel):
    code: str = Field(pattern=r"^(?:\d{5}|\d{4}[FTU]|[A-V]\d{4})$")
    title: str = Field(description="This site's own short title, not the CPT descriptor.")
    family: str
    family_name: str
    url: str = Field(description="Path of the code's page, relative to the site root.")
    summary: ExportClaim
    billing_basis: Literal["timed_15", "per_session", "region_count"]
    billing: ExportClaim
    regions: dict | None = Field(description="For codes chosen by a count: {low, high, kind}.")
    includes: list[str]
    excludes: list[dict]
    choose_when: list[str]
    neighbours: list[dict]
    medicare_status: Literal["payable", "bundled", "not-covered", "not-recognized"]
    medicare: list[ExportClaim]
    commercial: list[ExportClaim]
    pitfalls: list[ExportClaim]
    checklist: list[str]
    faq: list[str]
    modifiers: list[str]
    edits: list[str] = Field(description="Ids of NCCI edit pairs involving this code; see edits.json.")
    techniques: list[str] = Field(default_factory=list,
                                  description="Ids of techniques reported with this code by at least one coding "
                                              "position; see techniques.json.")
    last_reviewed: dt.date
    changes: list[dict]
    citation: ExportCitation = Field(description="How to cite the code's page (since 1.3.0).")


class ExportCodeList(ExportModel):
    api_version: str
    generated_from_review: dt.date = Field(description="Newest review date of any code record.")
    count: int
    codes: list[ExportCode]


class ExportModifier(ExportModel):
    id: str
    name: str
    meaning: str
    use_when: list[str]
    not_when: list[str]
    codes: list[str]
    sources: list[str]
    confidence: Literal["verified", "partly"]
    last_reviewed: dt.date


class ExportEdit(ExportModel):
    id: str
    codes: list[str] = Field(min_length=2, max_length=2)
    column1: str | None = Field(description="Null unless the column order is verified.")
    column2: str | None
    orientation_verified: bool
    modifier_indicator: Literal["0", "1", "9"] | None
    indicator_verified: bool
    text: str
    modifier_when: str
    sources: list[str]
    confidence: Literal["verified", "partly"]
    checked: dt.date


class ExportExample(ExportModel):
    id: str
    title: str
    visit: dict[str, int]
    units: dict[str, dict[str, int]] = Field(description="Method ('medicare', 'per-code') -> code -> units, "
                                                         "computed by the site's units engine.")
    explanation: str
    sources: list[str]
    confidence: Literal["verified", "partly"]


class ExportReading(ExportModel):
    how: Literal["page", "copy", "quotation"] = Field(
        description="page: the text at the source's own address (stored: in a stored copy of it); copy: a full "
                    "copy elsewhere, at `in`; quotation: only another source's quotation, the source `via`.")
    stored: bool = Field(description="For page: read in a stored (archived) copy of that same address.")
    in_: str | None = Field(alias="in", serialization_alias="in",
                            description="For copy: the https address of the copy that was read.")
    via: str | None = Field(description="For quotation: the id of the source (in this file) that quotes it.")
    date: dt.date | None = Field(description="The day the reading was done, when it is recorded; null otherwise.")


class ExportSource(ExportModel):
    id: str
    title: str
    publisher: str
    section: str | None
    url: str = Field(description="The source's own official address.")
    published: str | None = Field(description="When the source dates itself: YYYY, YYYY-MM or YYYY-MM-DD.")
    authority: Authority = Field(
        description="; ".join(f"{key}: {scope}" for key, scope in AUTHORITY_SCOPES.items()) + ".")
    cpt: bool = Field(description="True for the AMA's CPT itself (code book, CPT Assistant).")
    read: ExportReading
    kind: Literal["primary", "secondary"] = Field(
        description="Deprecated since 1.1.0 (use authority): primary for CMS, contractor, payer and CPT sources.")
    seen: dt.date | None = Field(
        description="Deprecated since 1.1.0 (use read.date): the day the source was read, when recorded.")


class ExportModifierList(ExportModel):
    api_version: str
    modifiers: list[ExportModifier]


class ExportEditList(ExportModel):
    api_version: str
    edits: list[ExportEdit]


class ExportExampleList(ExportModel):
    api_version: str
    examples: list[ExportExample]


class ExportSourceList(ExportModel):
    api_version: str
    sources: list[ExportSource]


class ExportYearValue(ExportModel):
    year: int
    value: float
    sources: list[str]
    confidence: Literal["verified", "partly"]


class ExportYearlyFigure(ExportModel):
    id: str
    name: str
    unit: Literal["USD", "percent"]
    summary: str
    values: list[ExportYearValue]
    last_reviewed: dt.date


class ExportYearlyFigureList(ExportModel):
    api_version: str
    yearly_figures: list[ExportYearlyFigure]


class ExportCodingPosition(ExportModel):
    codes: list[str] = Field(description="The codes this position reports the technique with; empty: no code applies.")
    text: str
    sources: list[str]
    confidence: Literal["verified", "partly"]


class ExportTechnique(ExportModel):
    id: str
    name: str
    aliases: list[str] = Field(description="Other names the technique goes by.")
    url: str = Field(description="Path of its entry on the technique finder, relative to the site root.")
    summary: ExportClaim
    coding: list[ExportCodingPosition] = Field(min_length=1)
    sources_disagree: bool = Field(description="True when more than one coding position is recorded.")
    not_billable: ExportClaim | None = Field(description="What is never separately billable, when recorded.")
    last_reviewed: dt.date


class ExportTechniqueList(ExportModel):
    api_version: str
    techniques: list[ExportTechnique]


class ExportRetiredCode(ExportModel):
    code: str = Field(pattern=r"^(?:\d{5}|\d{4}[FTU]|[A-V]\d{4})$")
    status: Literal["retired"] = Field(description="Always 'retired': current codes are in codes.json.")
    title: str = Field(description="This site's own short title, not the CPT descriptor.")
    family: str
    family_name: str
    url: str = Field(description="Path of the retired code's page, relative to the site root.")
    retired: dt.date = Field(description="The first day the code was no longer valid.")
    replaced_by: list[str] = Field(description="Current codes that replace it (in codes.json); may be empty.")
    text: str
    sources: list[str]
    confidence: Literal["verified", "partly"]
    last_reviewed: dt.date


class ExportRetiredCodeList(ExportModel):
    api_version: str
    retired_codes: list[ExportRetiredCode]


class ExportMisconception(ExportModel):
    id: str
    label: Literal["Myth"] = Field(description="Always 'Myth': the claim is wrong. Never show it without the label.")
    heading: str = Field(pattern=r"^Myth: ", description="The wrong claim behind its label, as the site shows it.")
    claim: str = Field(description="The mistaken claim itself: wrong, so show it only with the label.")
    correction: str = Field(description="What is right.")
    codes: list[str]
    url: str = Field(description="Path of its entry on the misconceptions page, relative to the site root.")
    sources: list[str]
    confidence: Literal["verified", "partly"]
    last_reviewed: dt.date


class ExportMisconceptionList(ExportModel):
    api_version: str
    misconceptions: list[ExportMisconception]


class ExportIndex(ExportModel):
    api_version: str
    files: dict[str, str]
    changelog: list[dict]


def _claim(claim: Claim) -> ExportClaim:
    return ExportClaim(text=" ".join(claim.text.split()), sources=list(claim.sources), confidence=claim.confidence)


def export_source(source: Source) -> ExportSource:
    official = source.authority in OFFICIAL_AUTHORITIES or source.cpt
    return ExportSource.model_validate({**source.model_dump(by_alias=True), "kind": "primary" if official else "secondary",
                                        "seen": source.read.date})


def export_code(catalog: Catalog, code: Code, site: Site = Site()) -> ExportCode:
    citation = code_citation(code, site)
    return ExportCode(
        code=code.code, title=code.title, family=code.family, family_name=catalog.families[code.family].name,
        url=site_path(code_page_path(code.code)), summary=_claim(code.summary), billing_basis=code.billing.basis,
        billing=_claim(code.billing),
        regions=code.billing.regions.model_dump() if code.billing.regions else None,
        includes=list(code.techniques.includes),
        excludes=[item.model_dump() for item in code.techniques.excludes],
        choose_when=list(code.choosing.when),
        neighbours=[n.model_dump() for n in code.choosing.neighbours],
        medicare_status=code.medicare_status.status,
        medicare=[_claim(code.medicare_status), *map(_claim, code.medicare)],
        commercial=[*map(_claim, code.commercial)], pitfalls=[*map(_claim, code.pitfalls)],
        checklist=list(code.checklist), faq=list(code.faq), modifiers=list(code.modifiers),
        edits=[edit.id for edit in catalog.edits_by_code.get(code.code, [])],
        techniques=[technique.id for technique in catalog.techniques_by_code.get(code.code, [])],
        last_reviewed=code.last_reviewed,
        changes=[change.model_dump(mode="json") for change in code.changes],
        citation=ExportCitation(text=citation.text(), markdown=citation.markdown()))


def _folded(value: str) -> str:
    return " ".join(value.split())


def export_technique(technique: Technique) -> ExportTechnique:
    return ExportTechnique(
        id=technique.id, name=technique.name, aliases=list(technique.aliases),
        url=site_path(TECHNIQUES_PAGE) + "#" + technique.id, summary=_claim(technique.summary),
        coding=[ExportCodingPosition(codes=list(p.codes), text=_folded(p.text), sources=list(p.sources),
                                     confidence=p.confidence) for p in technique.coding],
        sources_disagree=len(technique.coding) > 1,
        not_billable=_claim(technique.not_billable) if technique.not_billable else None,
        last_reviewed=technique.last_reviewed)


def export_retired(catalog: Catalog, retired: RetiredCode) -> ExportRetiredCode:
    return ExportRetiredCode(
        code=retired.code, status="retired", title=retired.title, family=retired.family,
        family_name=catalog.families[retired.family].name, url=site_path(code_page_path(retired.code)),
        retired=retired.retired, replaced_by=list(retired.replaced_by), text=_folded(retired.text),
        sources=list(retired.sources), confidence=retired.confidence, last_reviewed=retired.last_reviewed)


def export_misconception(item: Misconception) -> ExportMisconception:
    return ExportMisconception(
        id=item.id, label=MYTH_LABEL, heading=myth_heading(item.claim), claim=_folded(item.claim),
        correction=_folded(item.correction), codes=list(item.codes),
        url=site_path(MISCONCEPTIONS_PAGE) + "#" + item.id, sources=list(item.sources),
        confidence=item.confidence, last_reviewed=item.last_reviewed)


def export_files(catalog: Catalog, site: Site = Site()) -> dict[str, str]:
    """Path under the site root -> JSON text, for every file of the API (site: the published
    address and name, for the citations)."""
    data = catalog.data
    codes = [export_code(catalog, code, site) for code in data.codes]
    files: dict[str, BaseModel] = {
        f"{API_ROOT}/codes.json": ExportCodeList(api_version=API_VERSION, count=len(codes), codes=codes,
                                                 generated_from_review=catalog.last_reviewed),
        f"{API_ROOT}/modifiers.json": ExportModifierList(api_version=API_VERSION, modifiers=[
            ExportModifier(**m.model_dump(include={"id", "name", "meaning", "use_when", "not_when", "sources",
                                                   "confidence", "last_reviewed"}),
                           codes=catalog.codes_by_modifier.get(m.id, [])) for m in data.modifiers]),
        f"{API_ROOT}/edits.json": ExportEditList(api_version=API_VERSION, edits=[
            ExportEdit(**e.model_dump()) for e in catalog.edits]),
        f"{API_ROOT}/cms.json": export_cms(data.cms, API_VERSION),
        f"{API_ROOT}/examples.json": ExportExampleList(api_version=API_VERSION, examples=[
            ExportExample(id=x.id, title=x.title, visit=dict(x.visit), explanation=" ".join(x.explanation.split()),
                          sources=list(x.sources), confidence=x.confidence,
                          units={method: explain_allocation(x.visit, catalog.billing_basis, method).units
                                 for method in (MEDICARE, PER_CODE)}) for x in data.examples]),
        f"{API_ROOT}/sources.json": ExportSourceList(api_version=API_VERSION, sources=[
            export_source(s) for s in data.sources]),
        f"{API_ROOT}/yearly-figures.json": ExportYearlyFigureList(api_version=API_VERSION, yearly_figures=[
            ExportYearlyFigure(**f.model_dump()) for f in data.yearly_figures]),
        f"{API_ROOT}/techniques.json": ExportTechniqueList(api_version=API_VERSION, techniques=[
            export_technique(t) for t in data.techniques]),
        f"{API_ROOT}/retired_codes.json": ExportRetiredCodeList(api_version=API_VERSION, retired_codes=[
            export_retired(catalog, r) for r in data.retired_codes]),
        f"{API_ROOT}/misconceptions.json": ExportMisconceptionList(api_version=API_VERSION, misconceptions=[
            export_misconception(m) for m in data.misconceptions]),
    }
    for code in codes:
        files[f"{API_ROOT}/codes/{code.code}.json"] = code
    index = ExportIndex(api_version=API_VERSION,
                        files={path.removeprefix(API_ROOT + "/"): describe_file(path) for path in files},
                        changelog=[{"version": v, "date": d.isoformat(), "changes": c} for v, d, c in API_CHANGELOG])
    files[f"{API_ROOT}/index.json"] = index
    return {path: model.model_dump_json(indent=1, by_alias=True) + "\n" for path, model in files.items()}


@dataclass(frozen=True)
class ApiFile:
    description: str
    model: type[ExportModel] | None  # None: the schema itself


PER_CODE_FILE = "codes/<code>.json"

# Every kind of file the API publishes (names relative to API_ROOT), in the order the API
# page lists them. The one registry: index.json, the schema, the API page and the list of
# permanent URLs are all read from it.
API_FILES = {
    "index.json": ApiFile("The version, the list of files and the changelog.", ExportIndex),
    "codes.json": ApiFile("Every code record.", ExportCodeList),
    PER_CODE_FILE: ApiFile("The record of one code, e.g. codes/97140.json.", ExportCode),
    "modifiers.json": ApiFile("Every modifier, with the codes whose pages list it.", ExportModifierList),
    "edits.json": ApiFile("Every NCCI edit pair, with what is and is not verified.", ExportEditList),
    "examples.json": ApiFile("Worked visits, with units computed under both counting methods.", ExportExampleList),
    "sources.json": ApiFile("Every source: title, publisher, address, kind of authority and how its text was read.",
                            ExportSourceList),
    "yearly-figures.json": ApiFile("Figures stored per year (KX threshold, review threshold, CQ/CO percentage).",
                                   ExportYearlyFigureList),
    "techniques.json": ApiFile("Every technique of the technique finder: other names, and each position on how "
                               "it is coded, with sources.", ExportTechniqueList),
    "retired_codes.json": ApiFile("Codes that are no longer valid: when each was retired and what replaced it.",
                                  ExportRetiredCodeList),
    "misconceptions.json": ApiFile("Claims often repeated that are wrong, each labelled Myth, with what is right.",
                                   ExportMisconceptionList),
    "cms.json": ApiFile("The imported CMS tables (PTP pairs, MUEs, fee schedule relative values and national "
                        "amounts), each with its file, quarter or year and import date; empty until the first "
                        "import.", ExportCmsTables),
    "schema.json": ApiFile("The JSON Schema of every file above.", None),
}


def _kind(name: str) -> str:
    """'codes/97140.json' -> 'codes/<code>.json'; other names are their own kind."""
    return PER_CODE_FILE if name.startswith("codes/") else name


def describe_file(path: str) -> str:
    name = path.removeprefix(API_ROOT + "/")
    if _kind(name) == PER_CODE_FILE:
        return f"The record of code {name.removeprefix('codes/').removesuffix('.json')}."
    return API_FILES[name].description


def model_for_file(name: str) -> type[ExportModel]:
    """'codes/97140.json' -> ExportCode (names relative to the API root)."""
    model = API_FILES[_kind(name)].model
    if model is None:
        raise KeyError(f"{name} is the schema, not a data file")
    return model


def api_file_names(codes: list[str]) -> list[str]:
    """Every file the API publishes for these codes, relative to API_ROOT, in registry order."""
    names = []
    for name in API_FILES:
        names += [name.replace("<code>", code) for code in codes] if name == PER_CODE_FILE else [name]
    return names


def _data_models() -> list[type[ExportModel]]:
    return [api_file.model for api_file in API_FILES.values() if api_file.model is not None]


def export_schema() -> dict:
    """JSON Schema of the export: one schema with a definition per file kind."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "export.schema.json",
        "title": f"Therapy billing code reference API v{API_VERSION}",
        "oneOf": [{"$ref": f"#/$defs/{model.__name__}"} for model in _data_models()],
        "$defs": {},
    }
    for model in _data_models():
        part = model.model_json_schema(ref_template="#/$defs/{model}")
        schema["$defs"].update(part.pop("$defs", {}))
        schema["$defs"][model.__name__] = part
    return schema


def export_schema_text() -> str:
    return json.dumps(export_schema(), indent=1, sort_keys=True) + "\n"
