"""Check data/codes.yaml and report every problem at once, each with file, line and field.

Three passes, each counting every problem before the build stops:
1. YAML syntax and duplicate keys (yaml_source),
2. the typed model: unknown keys, wrong types, bad dates, bad shapes (model),
3. the rules between records below: references that must resolve, ids that must be
   unique, and a few consistency rules. Each rule is one line in a table.
"""

from __future__ import annotations

import datetime as dt
import os
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .cms.checks import check_cms
from .model import CodeData
from .yaml_source import PathKey, Problem, YamlDocument, YamlSyntaxError, format_path, read_yaml_file


class DataError(Exception):
    """The data file is invalid; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.line, p.column, p.field))
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the data file:"
        super().__init__("\n".join([header, *(f"  {p}" for p in self.problems)]))

    def github_annotations(self) -> str:
        """The problems as GitHub Actions error annotations (shown on the PR diff line)."""
        lines = []
        for p in self.problems:
            message = f"{p.field}: {p.message}" if p.field else p.message
            message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            lines.append(f"::error file={p.file},line={p.line},col={p.column}::{message}")
        return "\n".join(lines)


# --- Paths into the raw data -------------------------------------------------------------

def select(data: Any, pattern: str) -> Iterator[tuple[PathKey, Any]]:
    """Yield (path, value) for a pattern such as 'codes[*].faq[*]' or 'examples[*].visit.<key>'.

    '[*]' steps into every list item; '<key>' yields every key of a mapping (the key is
    the value). Parts that do not match the data's shape are skipped: shape errors are
    the model's to report.
    """
    parts = pattern.replace("[*]", ".[*]").split(".")

    def walk(value: Any, path: PathKey, rest: list[str]) -> Iterator[tuple[PathKey, Any]]:
        if not rest:
            yield path, value
            return
        head, tail = rest[0], rest[1:]
        if head == "[*]":
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield from walk(item, path + (index,), tail)
        elif head == "<key>":
            if isinstance(value, dict):
                for key in value:
                    yield path + (key,), key
        elif isinstance(value, dict) and head in value:
            yield from walk(value[head], path + (head,), tail)

    yield from walk(data, (), parts)


def _all_source_lists(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    """Every entry of every nested `sources:` list (the top-level list defines them)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and path and isinstance(value, list):
                for index, item in enumerate(value):
                    yield path + (key, index), item
            else:
                yield from _all_source_lists(value, path + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _all_source_lists(item, path + (index,))


# --- The rules ---------------------------------------------------------------------------

# What each kind of id is, and where it is defined.
DEFINITIONS = {
    "source": "sources[*].id",
    "family": "families[*].id",
    "code": "codes[*].code",
    "checklist group": "checklist[*].id",
    "checklist item": "checklist[*].items[*].id",
    "FAQ entry": "faq[*].id",
    "modifier": "modifiers[*].id",
    "comparison": "comparisons[*].id",
    "edit pair": "edits[*].id",
    "yearly figure": "yearly_figures[*].id",
    "example": "examples[*].id",
    "misconception": "misconceptions[*].id",
}

# Where a reference stands              -> what it must name.
REFERENCES = [
    ("codes[*].family",                      "family"),
    ("codes[*].choosing.neighbours[*].code", "code"),
    ("codes[*].techniques.excludes[*].code", "code"),
    ("codes[*].checklist[*]",                "checklist item"),
    ("codes[*].faq[*]",                      "FAQ entry"),
    ("codes[*].modifiers[*]",                "modifier"),
    ("comparisons[*].codes[*]",              "code"),
    ("edits[*].codes[*]",                    "code"),
    ("edits[*].column1",                     "code"),
    ("edits[*].column2",                     "code"),
    ("examples[*].visit.<key>",              "code"),
    ("misconceptions[*].codes[*]",           "code"),
]


def _defined_ids(data: Any) -> dict[str, set]:
    return {kind: {value for _, value in select(data, where) if isinstance(value, str)}
            for kind, where in DEFINITIONS.items()}


def _check_unique(data: Any) -> Iterator[tuple[PathKey, str]]:
    for kind, where in DEFINITIONS.items():
        seen: dict[Any, PathKey] = {}
        for path, value in select(data, where):
            if not isinstance(value, (str, int)):
                continue
            if value in seen:
                yield path, f"duplicate {kind} '{value}' (already defined at {format_path(seen[value])})"
            else:
                seen[value] = path


def _check_references(data: Any) -> Iterator[tuple[PathKey, str]]:
    defined = _defined_ids(data)
    for where, kind in REFERENCES:
        for path, value in select(data, where):
            if value is not None and value not in defined[kind]:
                yield path, f"unknown {kind} '{value}': no {kind} with that id is defined in {DEFINITIONS[kind].split('[')[0]}"
    for path, value in _all_source_lists(data):
        if value not in defined["source"]:
            yield path, f"unknown source '{value}': add it to the top-level sources list first"


def _check_consistency(data: CodeData, today: dt.date) -> Iterator[tuple[PathKey, str]]:
    for i, code in enumerate(data.codes):
        at = ("codes", i)
        regions = code.billing.regions
        if code.billing.basis == "region_count" and regions is None:
            yield at + ("billing", "basis"), "a region_count code needs billing.regions (low, high, kind)"
        if code.billing.basis != "region_count" and regions is not None and regions.kind != "muscles":
            yield at + ("billing", "regions"), "only region_count codes (or muscle counts) take billing.regions"
        if regions is not None and regions.low > regions.high:
            yield at + ("billing", "regions"), f"low ({regions.low}) is above high ({regions.high})"
        for j, neighbour in enumerate(code.choosing.neighbours):
            if neighbour.code == code.code:
                yield at + ("choosing", "neighbours", j, "code"), "a code cannot be its own neighbour"
    for i, comparison in enumerate(data.comparisons):
        for j, row in enumerate(comparison.rows):
            for key in row.cells:
                if key not in comparison.codes:
                    yield ("comparisons", i, "rows", j, "cells", key), (
                        f"code '{key}' is not among this comparison's codes {comparison.codes}")
    for i, edit in enumerate(data.edits):
        at = ("edits", i)
        if edit.codes[0] == edit.codes[1]:
            yield at + ("codes",), "an edit pair needs two different codes"
        for column in ("column1", "column2"):
            value = getattr(edit, column)
            if value is not None and value not in edit.codes:
                yield at + (column,), f"'{value}' is not one of the pair's codes {edit.codes}"
        if edit.orientation_verified and (edit.column1 is None or edit.column2 is None):
            yield at + ("orientation_verified",), "a verified orientation needs column1 and column2"
        if edit.indicator_verified and edit.modifier_indicator is None:
            yield at + ("indicator_verified",), "a verified indicator needs modifier_indicator"
    for i, figure in enumerate(data.yearly_figures):
        years = [value.year for value in figure.values]
        for j, year in enumerate(years):
            if years.index(year) != j:
                yield ("yearly_figures", i, "values", j, "year"), f"year {year} is given twice"
    for path, value in _dated_fields(data):
        if value > today:
            yield path, f"date {value.isoformat()} is in the future (today is {today.isoformat()})"


def _dated_fields(data: CodeData) -> Iterator[tuple[PathKey, dt.date]]:
    for i, source in enumerate(data.sources):
        yield ("sources", i, "seen"), source.seen
    for i, code in enumerate(data.codes):
        yield ("codes", i, "last_reviewed"), code.last_reviewed
        for j, change in enumerate(code.changes):
            yield ("codes", i, "changes", j, "date"), change.date
    for name in ("comparisons", "checklist", "faq", "modifiers", "yearly_figures", "misconceptions"):
        for i, record in enumerate(getattr(data, name)):
            yield (name, i, "last_reviewed"), record.last_reviewed
    for i, edit in enumerate(data.edits):
        yield ("edits", i, "checked"), edit.checked


# --- Turning errors into problems --------------------------------------------------------

def _label(data: Any, path: PathKey) -> str:
    """Field path with the record's id, e.g. 'codes[2] (97140).billing.basis'."""
    text, value = "", data
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        value = value[part] if isinstance(value, (dict, list)) and _has(value, part) else None
        if isinstance(part, int) and isinstance(value, dict):
            name = value.get("code", value.get("id"))
            if isinstance(name, (str, int)):
                text += f" ({name})"
    return text


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(part, int) and 0 <= part < len(container)


def _model_at(path: PathKey) -> type[BaseModel] | None:
    """The model class whose fields the mapping at `path` should have."""
    model: Any = CodeData
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        model = _unwrap(model.model_fields[part].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """list[X] / X | None / Annotated[X, ...] -> X (the record type inside)."""
    while True:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        origin = typing.get_origin(annotation)
        if origin is None or not args:
            return annotation
        if origin is dict:
            annotation = args[1]
        else:
            annotation = args[0]


def _describe(error: dict) -> str:
    kind, message = error["type"], error["msg"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        parent = _model_at(tuple(error["loc"])[:-1])
        allowed = ", ".join(parent.model_fields) if parent else "see CONTRIBUTING.md"
        return f"unknown field (allowed here: {allowed})"
    got = error.get("input")
    if isinstance(got, (str, int, float, bool)) or got is None:
        shown = repr(got) if not isinstance(got, str) or len(got) < 60 else repr(got[:57] + "...")
        if kind == "string_type" and isinstance(got, int):
            return f"expected text, got the number {got}: put quotes around it (\"{got}\")"
        if kind.startswith("value_error"):
            return message.removeprefix("Value error, ")
        return f"{message[0].lower()}{message[1:]}; got {shown}"
    return f"{message[0].lower()}{message[1:]}"


def _problems_from_model(doc: YamlDocument, error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = tuple(part for part in item["loc"] if part != "[key]")
        # Strict mode also reports 'is not a model instance'-style union branches; the
        # input position is what the contributor needs either way.
        line, column = doc.position(loc)
        problems.append(Problem(doc.file, line, column, _label(doc.data, loc), _describe(item)))
    return problems


def validate_document(doc: YamlDocument, today: dt.date | None = None) -> CodeData:
    """Validate parsed data; raise DataError with every problem, or return the model."""
    today = today or dt.date.today()
    problems: list[Problem] = []

    def add(found: Iterator[tuple[PathKey, str]]) -> None:
        for path, message in found:
            line, column = doc.position(path)
            problems.append(Problem(doc.file, line, column, _label(doc.data, path), message))

    if not isinstance(doc.data, dict):
        raise DataError([Problem(doc.file, 1, 1, "", "the file must be a mapping with keys "
                                 "such as sources, families and codes")])
    add(_check_unique(doc.data))
    add(_check_references(doc.data))
    try:
        model = CodeData.model_validate(doc.data)
    except ValidationError as error:
        problems.extend(_problems_from_model(doc, error))
        raise DataError(problems) from None
    add(_check_consistency(model, today))
    add(check_cms(model, doc, today))
    if problems:
        raise DataError(problems)
    return model


def load_code_data(path: Path, display_name: str | None = None,
                   today: dt.date | None = None) -> tuple[CodeData, YamlDocument]:
    """Read, parse and validate a data file. Raises DataError listing every problem."""
    name = display_name or _display_name(path)
    try:
        doc = read_yaml_file(path, name)
    except YamlSyntaxError as error:
        raise DataError(error.problems) from None
    return validate_document(doc, today), doc


def _display_name(path: Path) -> str:
    """A path relative to the working directory when possible (as editors and CI show it)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
