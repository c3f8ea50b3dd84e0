"""Check data/codes.yaml and report every problem at once, each with file, line and field.

Three passes, each counting every problem before the build stops:
1. YAML syntax and duplicate keys (yaml_source),
2. the typed model: unknown keys, wrong types, bad dates, bad shapes (model),
3. the rules between records below: references that must resolve, ids that must be
   unique, and a few consistency rules. Each rule is one line in a table.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .cms.checks import check_cms
from .model import MAX_AMOUNT, PATTERN_HINTS, CodeData, Sourced
from .yaml_source import (PathKey, Problem, YamlDocument, YamlSyntaxError, collector_paused, format_path,
                          read_yaml_file)


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
    found: list[tuple[PathKey, Any]] = []
    _collect_source_lists(data, path, found)
    return iter(found)


def _collect_source_lists(data: Any, path: PathKey, found: list[tuple[PathKey, Any]]) -> None:
    # A recursive function filling one list, not nested generators: a `yield from` chain
    # passes each entry up through every level, and this visits the whole file. It only
    # descends into mappings and lists (the rest cannot hold a sources list).
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and path and isinstance(value, list):
                found.extend((path + (key, index), item) for index, item in enumerate(value))
            elif isinstance(value, (dict, list)):
                _collect_source_lists(value, path + (key,), found)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, (dict, list)):
                _collect_source_lists(item, path + (index,), found)


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
    "retired code": "retired_codes[*].code",
    "technique": "techniques[*].id",
}

# Where a reference stands              -> what it must name.
REFERENCES = [
    ("codes[*].family",                      "family"),
    ("codes[*].choosing.neighbours[*].code", "code"),
    ("codes[*].techniques.excludes[*].code", "code"),
    ("codes[*].checklist[*]",                "checklist item"),
    ("codes[*].faq[*]",                      "FAQ entry"),
    ("faq[*].figures[*]",                    "yearly figure"),
    ("codes[*].modifiers[*]",                "modifier"),
    ("comparisons[*].codes[*]",              "code"),
    ("edits[*].codes[*]",                    "code"),
    ("edits[*].column1",                     "code"),
    ("edits[*].column2",                     "code"),
    ("examples[*].visit.<key>",              "code"),
    ("misconceptions[*].codes[*]",           "code"),
    ("sources[*].read.via",                  "source"),
    ("retired_codes[*].family",              "family"),
    ("retired_codes[*].replaced_by[*]",      "code"),
    ("techniques[*].coding[*].codes[*]",     "code"),
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


def _check_references(data: Any, doc: YamlDocument) -> Iterator[tuple[PathKey, str]]:
    """References that name nothing. One missing id is reported once, where it is first
    used, with the other places listed: a mistyped definition must not bury its cause
    under one follow-on error per use."""
    defined = _defined_ids(data)
    missing: dict[tuple[str, Any], list[PathKey]] = {}
    for where, kind in REFERENCES:
        for path, value in select(data, where):
            if value is not None and isinstance(value, (str, int)) and value not in defined[kind]:
                missing.setdefault((kind, value), []).append(path)
    for path, value in _all_source_lists(data):
        if isinstance(value, (str, int)) and value not in defined["source"]:
            missing.setdefault(("source", value), []).append(path)
    for (kind, value), places in missing.items():
        home = DEFINITIONS[kind].split("[")[0]
        message = f"unknown {kind} '{value}': no {kind} with that id is defined in {home}"
        if kind == "source":
            message += "; add it to the top-level sources list first"
        close = difflib.get_close_matches(str(value), [str(v) for v in defined[kind]], n=1, cutoff=0.75)
        if close:
            message += f" (the closest one defined is '{close[0]}')"
        if len(places) > 1:
            lines = sorted({doc.position(place)[0] for place in places[1:]})
            shown = ", ".join(map(str, lines[:10])) + (", ..." if len(lines) > 10 else "")
            message += f"; also used in {len(places) - 1} other place{'s' if len(places) > 2 else ''} (line{'s' if len(lines) > 1 else ''} {shown})"
        yield places[0], message


def _check_consistency(data: CodeData, today: dt.date) -> Iterator[tuple[PathKey, str]]:
    for i, code in enumerate(data.codes):
        at = ("codes", i)
        regions = code.billing.regions
        if code.billing.basis == "region_count" and regions is None:
            yield at + ("billing", "basis"), "a region_count code needs billing.regions (low, high, kind)"
        if code.billing.basis != "region_count" and regions is not None and regions.kind != "muscles":
            yield at + ("billing", "regions"), "only region_count codes (or muscle counts) take billing.regions"
        if regions is not None and regions.high is not None and regions.low > regions.high:
            yield at + ("billing", "regions"), f"low ({regions.low}) is above high ({regions.high})"
        payees = code.medicare_payees
        if payees is not None:
            if not payees.paid and not payees.not_paid:
                yield at + ("medicare_payees",), "name at least one clinician under paid or not_paid"
            for clinician in sorted(set(payees.paid) & set(payees.not_paid)):
                yield at + ("medicare_payees", "not_paid"), f"'{clinician}' is under both paid and not_paid"
            for field_name in ("paid", "not_paid"):
                values = getattr(payees, field_name)
                for j, clinician in enumerate(values):
                    if values.index(clinician) != j:
                        yield at + ("medicare_payees", field_name, j), f"'{clinician}' is listed twice"
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
        for j, value in enumerate(figure.values):
            if value.value > MAX_AMOUNT[figure.unit]:
                yield ("yearly_figures", i, "values", j, "value"), (
                    f"{value.value:g} is not a plausible {figure.unit} figure (at most {MAX_AMOUNT[figure.unit]:,})")
    yield from _check_sources(data)
    yield from _check_confidence(data)
    yield from _check_retired_and_techniques(data)
    for path, value in _dated_fields(data):
        if value > today:
            yield path, f"date {value.isoformat()} is in the future (today is {today.isoformat()} in UTC)"


def _check_sources(data: CodeData) -> Iterator[tuple[PathKey, str]]:
    """Each reading says what its kind of reading needs, and nothing else."""
    by_id = {source.id: source for source in data.sources}
    for i, source in enumerate(data.sources):
        at, read = ("sources", i, "read"), source.read
        if source.cpt and source.authority != "association":
            yield ("sources", i, "cpt"), "only the AMA's CPT itself is marked cpt: true, with authority: association"
        if read.how == "copy" and read.in_ is None:
            yield at + ("how",), "a 'copy' reading needs 'in': the https address of the copy that was read"
        if read.how != "copy" and read.in_ is not None:
            yield at + ("in",), f"'in' names the copy read for a 'copy' reading; this reading is '{read.how}'"
        if read.how == "quotation" and read.via is None:
            yield at + ("how",), "a 'quotation' reading needs 'via': the id of the source that quotes it"
        if read.how != "quotation" and read.via is not None:
            yield at + ("via",), f"'via' names the quoting source of a 'quotation' reading; this reading is '{read.how}'"
        if read.stored and read.how != "page":
            yield at + ("stored",), "'stored' says a page was read in a stored copy of its own address; " \
                                    f"this reading is '{read.how}'"
        quoting = by_id.get(read.via) if read.via else None
        if read.via == source.id:
            yield at + ("via",), "a source cannot quote itself"
        elif quoting is not None and quoting.read.how == "quotation":
            yield at + ("via",), (f"'{quoting.id}' was itself only read in a quotation: name the source "
                                  "whose text was actually read")


def _claims(value: Any, path: PathKey) -> Iterator[tuple[PathKey, Sourced]]:
    """Every claim (anything with sources and a confidence) inside a model, with its path."""
    found: list[tuple[PathKey, Sourced]] = []
    _collect_claims(value, path, found)
    return iter(found)


_CLAIM_HOLDERS = (BaseModel, list, tuple, dict)


def _collect_claims(value: Any, path: PathKey, found: list[tuple[PathKey, Sourced]]) -> None:
    # One list filled recursively rather than nested generators (see _collect_source_lists),
    # descending only into what can hold a claim.
    if isinstance(value, Sourced):
        found.append((path, value))
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if isinstance(item, _CLAIM_HOLDERS):
                _collect_claims(item, path + (name,), found)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            if isinstance(item, _CLAIM_HOLDERS):
                _collect_claims(item, path + (index,), found)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, _CLAIM_HOLDERS):
                _collect_claims(item, path + (key,), found)


def _check_confidence(data: CodeData) -> Iterator[tuple[PathKey, str]]:
    """The confidence rule (model.CONFIDENCE_RULE), on every claim of the file."""
    by_id = {source.id: source for source in data.sources}
    for path, claim in _claims(data, ()):
        if claim.confidence != "verified":
            continue
        cited = [by_id[s] for s in claim.sources if s in by_id]
        if cited and not any(source.qualifies for source in cited):
            found = ", ".join(f"{s.id} ({s.authority}, {s.read.how})" for s in cited)
            yield path + ("confidence",), (f"'verified' needs a CMS, Medicare-contractor or payer source (or CPT "
                                           f"itself) read on its page or in a full copy; these are not: {found}. "
                                           "Mark it 'partly' and name the source in the sentence, or cite a "
                                           "qualifying source you have read")


def _check_retired_and_techniques(data: CodeData) -> Iterator[tuple[PathKey, str]]:
    current = {code.code for code in data.codes}
    for i, retired in enumerate(data.retired_codes):
        if retired.code in current:
            yield ("retired_codes", i, "code"), (f"{retired.code} is also a current code under codes: a code is "
                                                 "either current or retired")
        if retired.code in retired.replaced_by:
            yield ("retired_codes", i, "replaced_by"), "a code cannot replace itself"
    names: dict[str, tuple[PathKey, str]] = {}
    for i, technique in enumerate(data.techniques):
        names[_words(technique.name)] = (("techniques", i, "name"), technique.id)
    seen: dict[str, tuple[PathKey, str]] = dict(names)
    for i, technique in enumerate(data.techniques):
        for j, alias in enumerate(technique.aliases):
            key, at = _words(alias), ("techniques", i, "aliases", j)
            if key in seen and seen[key][1] != technique.id:
                yield at, (f"alias '{alias}' is already the name or an alias of technique '{seen[key][1]}' "
                           f"({format_path(seen[key][0])}): a search for it must lead to one technique")
            elif key in seen and seen[key][0] != at:
                yield at, f"alias '{alias}' repeats this technique's name or another of its aliases"
            else:
                seen[key] = (at, technique.id)


def _words(value: str) -> str:
    """'Kinesio  Taping' and 'kinesio taping' are the same search words."""
    return " ".join(value.casefold().split())


def _dated_fields(data: CodeData) -> Iterator[tuple[PathKey, dt.date]]:
    for i, source in enumerate(data.sources):
        if source.read.date is not None:
            yield ("sources", i, "read", "date"), source.read.date
    for i, code in enumerate(data.codes):
        yield ("codes", i, "last_reviewed"), code.last_reviewed
        for j, change in enumerate(code.changes):
            yield ("codes", i, "changes", j, "date"), change.date
    for name in ("comparisons", "checklist", "faq", "modifiers", "yearly_figures", "misconceptions",
                 "retired_codes", "techniques"):
        for i, record in enumerate(getattr(data, name)):
            yield (name, i, "last_reviewed"), record.last_reviewed
    for i, edit in enumerate(data.edits):
        yield ("edits", i, "checked"), edit.checked


def utc_today() -> dt.date:
    """Today in UTC: the one time zone the future-date rule uses, wherever the build runs."""
    return dt.datetime.now(dt.timezone.utc).date()


# --- Turning errors into problems --------------------------------------------------------

class _Labels:
    """The labels of one document's fields: a field path with each record's id, e.g.
    'codes[2] (97140).billing.basis'. Each path prefix is worked out
    once: the problems of one file share their records, and a file can have thousands."""

    def __init__(self, data: Any):
        self._known: dict[PathKey, tuple[str, Any]] = {(): ("", data)}

    def __call__(self, path: PathKey) -> str:
        path = tuple(path)
        known = len(path)
        while path[:known] not in self._known:
            known -= 1
        text, value = self._known[path[:known]]
        for end in range(known + 1, len(path) + 1):
            part = path[end - 1]
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
            value = value[part] if isinstance(value, (dict, list)) and _has(value, part) else None
            if isinstance(part, int) and isinstance(value, dict):
                name = value.get("code", value.get("id"))
                if isinstance(name, (str, int)):
                    text += f" ({name})"
            self._known[path[:end]] = (text, value)
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


# YAML 1.1 reads these unquoted words as yes/no values, not as text.
_YAML_BOOLEAN_WORDS = "yes/no, on/off, true/false and y/n"


def _describe(error: dict, raw: str | None = None) -> str:
    """A plain sentence for one model error. `raw` is the value as typed in the file."""
    kind, message = error["type"], error["msg"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        parent = _model_at(tuple(error["loc"])[:-1])
        allowed = ", ".join(f.alias or name for name, f in parent.model_fields.items()) if parent else "see CONTRIBUTING.md"
        return f"unknown field (allowed here: {allowed})"
    got = error.get("input")
    typed = raw if raw is not None else str(got)
    if kind == "string_type" and isinstance(got, bool):
        return (f"YAML read the unquoted word {typed} as a yes/no value, not as text ({_YAML_BOOLEAN_WORDS} all "
                f"become yes/no values): put the word you mean in quotes, e.g. \"{typed}\"")
    if kind == "string_type" and isinstance(got, (int, float)):
        return f"expected text, got the number {typed}: put quotes around it (\"{typed}\")"
    if kind == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern", "")
        hint = PATTERN_HINTS.get(pattern, "the value does not have the expected shape")
        return f"{hint}; got {_shown(got)}"
    if kind == "finite_number":
        return f"expected an ordinary number, got {typed}"
    if isinstance(got, (str, int, float, bool)) or got is None:
        if kind.startswith("value_error"):
            return message.removeprefix("Value error, ")
        return f"{message[0].lower()}{message[1:]}; got {_shown(got)}"
    return f"{message[0].lower()}{message[1:]}"


def _shown(value: Any) -> str:
    if isinstance(value, str) and len(value) >= 60:
        value = value[:57] + "..."
    return repr(value)


def _problems_from_model(doc: YamlDocument, error: ValidationError) -> list[Problem]:
    problems = []
    label = _Labels(doc.data)
    for item in error.errors():
        loc = tuple(part for part in item["loc"] if part != "[key]")
        # Strict mode also reports 'is not a model instance'-style union branches; the
        # input position is what the contributor needs either way.
        line, column = doc.position(loc)
        problems.append(Problem(doc.file, line, column, label(loc), _describe(item, doc.raw.get(loc))))
    return problems


def validate_document(doc: YamlDocument, today: dt.date | None = None) -> CodeData:
    """Validate parsed data; raise DataError with every problem, or return the model."""
    today = today or utc_today()
    problems: list[Problem] = []

    label = _Labels(doc.data)

    def add(found: Iterator[tuple[PathKey, str]]) -> None:
        for path, message in found:
            line, column = doc.position(path)
            problems.append(Problem(doc.file, line, column, label(path), message))

    if not isinstance(doc.data, dict):
        raise DataError([Problem(doc.file, 1, 1, "", "the file must be a mapping with keys "
                                 "such as sources, families and codes")])
    add(_check_unique(doc.data))
    add(_check_references(doc.data, doc))
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
    with collector_paused():  # the model is a few hundred thousand objects, none of them garbage
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
