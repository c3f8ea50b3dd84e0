"""The public JSON API (/api/v1/): records built from the catalog, and their JSON Schema.

The export has its own models, separate from the authoring model: it adds what a
consumer needs (page URLs, family names, computed example units) and drops authoring
details. Every exported file is built through these models, and the published schema
is generated from them, so the two cannot drift.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .catalog import Catalog
from .cms.export import ExportCmsTables, export_cms
from .model import Claim, Code
from .units import MEDICARE, PER_CODE, explain_allocation

API_VERSION = "1.1.0"
API_ROOT = "api/v1"

# Newest first. A consumer can rely on a major version never losing or renaming a field.
API_CHANGELOG = [
    ("1.1.0", dt.date(2026, 12, 1), "Added cms.json: the imported CMS tables (PTP pairs, MUEs, fee schedule "
                                    "relative values with national amounts); edits.json takes column order "
                                    "and indicator from the imported PTP table where it has the pair."),
    ("1.0.0", dt.date(2026, 11, 28), "First release: codes, modifiers, NCCI edit pairs, yearly figures, "
                                     "worked examples and sources."),
]


class ExportModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportClaim(ExportModel):
    text: str
    sources: list[str] = Field(description="Source ids; see sources.json.")
    confidence: Literal["verified", "partly"]


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
    last_reviewed: dt.date
    changes: list[dict]


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


class ExportSource(ExportModel):
    id: str
    title: str
    publisher: str
    section: str | None
    url: str
    seen: dt.date
    kind: Literal["primary", "secondary"]


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


class ExportIndex(ExportModel):
    api_version: str
    files: dict[str, str]
    changelog: list[dict]


def _claim(claim: Claim) -> ExportClaim:
    return ExportClaim(text=" ".join(claim.text.split()), sources=list(claim.sources), confidence=claim.confidence)


def export_code(catalog: Catalog, code: Code) -> ExportCode:
    return ExportCode(
        code=code.code, title=code.title, family=code.family, family_name=catalog.families[code.family].name,
        url=f"codes/{code.code}/", summary=_claim(code.summary), billing_basis=code.billing.basis,
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
        last_reviewed=code.last_reviewed,
        changes=[change.model_dump(mode="json") for change in code.changes])


def export_files(catalog: Catalog) -> dict[str, str]:
    """Path under the site root -> JSON text, for every file of the API."""
    data = catalog.data
    codes = [export_code(catalog, code) for code in data.codes]
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
            ExportSource(**s.model_dump()) for s in data.sources]),
        f"{API_ROOT}/yearly-figures.json": ExportYearlyFigureList(api_version=API_VERSION, yearly_figures=[
            ExportYearlyFigure(**f.model_dump()) for f in data.yearly_figures]),
    }
    for code in codes:
        files[f"{API_ROOT}/codes/{code.code}.json"] = code
    index = ExportIndex(api_version=API_VERSION,
                        files={path.removeprefix(API_ROOT + "/"): describe_file(path) for path in files},
                        changelog=[{"version": v, "date": d.isoformat(), "changes": c} for v, d, c in API_CHANGELOG])
    files[f"{API_ROOT}/index.json"] = index
    return {path: model.model_dump_json(indent=1) + "\n" for path, model in files.items()}


FILE_DESCRIPTIONS = {
    "index.json": "The version, the list of files and the changelog.",
    "codes.json": "Every code record.",
    "codes/<code>.json": "The record of one code, e.g. codes/97140.json.",
    "modifiers.json": "Every modifier, with the codes whose pages list it.",
    "edits.json": "Every NCCI edit pair, with what is and is not verified.",
    "examples.json": "Worked visits, with units computed under both counting methods.",
    "sources.json": "Every source: title, publisher, address, date seen, primary or secondary.",
    "yearly-figures.json": "Figures stored per year (KX threshold, review threshold, CQ/CO percentage).",
    "cms.json": "The imported CMS tables (PTP pairs, MUEs, fee schedule relative values and national "
                "amounts), each with its file, quarter or year and import date; empty until the first import.",
    "schema.json": "The JSON Schema of every file above.",
}


def describe_file(path: str) -> str:
    name = path.removeprefix(API_ROOT + "/")
    if name.startswith("codes/"):
        return f"The record of code {name.removeprefix('codes/').removesuffix('.json')}."
    return FILE_DESCRIPTIONS[name]


# Which model each file follows (the schema has one definition per file kind).
FILE_MODELS = {
    "index.json": ExportIndex, "codes.json": ExportCodeList, "codes/<code>.json": ExportCode,
    "modifiers.json": ExportModifierList, "edits.json": ExportEditList, "examples.json": ExportExampleList,
    "sources.json": ExportSourceList, "yearly-figures.json": ExportYearlyFigureList,
    "cms.json": ExportCmsTables,
}


def model_for_file(name: str) -> type[ExportModel]:
    """'codes/97140.json' -> ExportCode (names relative to the API root)."""
    return FILE_MODELS["codes/<code>.json" if name.startswith("codes/") else name]


def export_schema() -> dict:
    """JSON Schema of the export: one schema with a definition per file kind."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "export.schema.json",
        "title": f"Therapy billing code reference API v{API_VERSION}",
        "oneOf": [{"$ref": f"#/$defs/{model.__name__}"} for model in FILE_MODELS.values()],
        "$defs": {},
    }
    for model in FILE_MODELS.values():
        part = model.model_json_schema(ref_template="#/$defs/{model}")
        schema["$defs"].update(part.pop("$defs", {}))
        schema["$defs"][model.__name__] = part
    return schema


def export_schema_text() -> str:
    return json.dumps(export_schema(), indent=1, sort_keys=True) + "\n"
