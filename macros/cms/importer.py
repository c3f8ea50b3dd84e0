"""Import CMS tables into the generated section of data/codes.yaml, or refuse and write nothing.

Order of work: the data file must validate as it is; every archive is read and checked;
the new section is built and the whole file validated again; only then is it written, in
one replace. Importing files already imported changes nothing, not even the import date.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..validate import DataError, load_code_data, validate_document
from ..yaml_source import YamlSyntaxError, parse_yaml_text
from . import diff, section
from .errors import CmsFileError
from .model import CmsChange, CmsData, MueTable, PfsYear, PtpTable
from .parse import read_mue, read_pfs, read_ptp


@dataclass(frozen=True)
class Request:
    """One table to import: its kind, its period and its archives."""

    kind: str  # "ptp", "mue" or "pfs"
    period: str  # "2027-Q1" for PTP and MUE, "2027" for PFS
    files: tuple[Path, ...]


@dataclass
class Outcome:
    written: bool
    tables: dict[str, str] = field(default_factory=dict)  # kind -> "imported" or "unchanged"
    changes: list[CmsChange] = field(default_factory=list)
    first: dict[str, int] = field(default_factory=dict)  # kind -> rows, for a first import
    cms: CmsData | None = None


def current_section(path: Path) -> tuple[str, CmsData, set[str]]:
    """The contributors' part of the file, the current section and the site's codes."""
    if not path.is_file():
        raise CmsFileError(str(path), "no such data file")
    try:
        model, _ = load_code_data(path)
    except DataError as error:
        raise CmsFileError(str(path), f"the data file must be valid before an import:\n{error}") from None
    head, generated = section.split(path.read_text(encoding="utf-8"))
    if generated:
        loaded = yaml.safe_load(generated) or {}
        if set(loaded) != {"cms"}:
            raise CmsFileError(str(path), "the generated CMS section must come last in the file, with only "
                               f"the key 'cms' (found {', '.join(map(str, loaded))})")
    return head, model.cms or CmsData(), {code.code for code in model.codes}


def _same(old, new) -> bool:
    """Equal apart from the import date: the same files give the same rows."""
    if old is None:
        return False
    return old.model_dump(exclude={"imported"}) == new.model_dump(exclude={"imported"})


PERIODS = {"ptp": (r"^20\d\d-Q[1-4]$", "a quarter such as 2027-Q1"),
           "mue": (r"^20\d\d-Q[1-4]$", "a quarter such as 2027-Q1"),
           "pfs": (r"^20\d\d$", "a year such as 2027")}


def read(request: Request, codes: set[str], today: dt.date) -> PtpTable | MueTable | PfsYear:
    files = list(request.files)
    if request.kind not in PERIODS:
        raise CmsFileError(request.kind, "unknown table: expected ptp, mue or pfs")
    pattern, shape = PERIODS[request.kind]
    if not re.match(pattern, request.period):
        raise CmsFileError(request.kind, f"period {request.period!r} is not {shape}")
    if request.kind == "ptp":
        return read_ptp(files, request.period, codes, today)
    if len(files) != 1:
        raise CmsFileError(request.kind, f"expected one archive for the {request.kind.upper()} table, got {len(files)}")
    if request.kind == "mue":
        return read_mue(files[0], request.period, codes, today)
    return read_pfs(files[0], int(request.period), codes, today)


def merge(cms: CmsData, tables: list[PtpTable | MueTable | PfsYear], today: dt.date, outcome: Outcome) -> CmsData:
    ptp, mue, pfs, changes = cms.ptp, cms.mue, list(cms.pfs), list(cms.changes)
    for table in tables:
        if isinstance(table, PtpTable):
            kind, old = "ptp", ptp
        elif isinstance(table, MueTable):
            kind, old = "mue", mue
        else:
            kind = "pfs"
            old = next((year for year in pfs if year.year == table.year), None)
        if _same(old, table):
            outcome.tables[kind] = "unchanged"
            continue
        outcome.tables[kind] = "imported"
        if kind == "ptp":
            change = diff.ptp_change(ptp, table, today) if ptp else None
            ptp = table
        elif kind == "mue":
            change = diff.mue_change(mue, table, today) if mue else None
            mue = table
        else:
            latest = max(pfs, key=lambda y: y.year, default=None)
            base = old or (latest if latest and latest.year < table.year else None)
            change = diff.pfs_change(base, table, today) if base else None
            pfs = sorted([year for year in pfs if year.year != table.year] + [table], key=lambda y: y.year)
        if change is None:
            outcome.first[kind] = len(table.rows)
        else:
            changes.append(change)
            outcome.changes.append(change)
    return CmsData(ptp=ptp, mue=mue, pfs=pfs, changes=changes)


def import_tables(path: Path, requests: list[Request], today: dt.date | None = None) -> Outcome:
    """Import every requested table into the data file at `path`; CmsFileError or nothing written."""
    today = today or dt.date.today()
    head, cms, codes = current_section(path)
    tables = [read(request, codes, today) for request in requests]
    outcome = Outcome(written=False)
    new = merge(cms, tables, today, outcome)
    outcome.cms = new
    if new == cms:
        return outcome
    text = section.join(head, new)
    try:
        validate_document(parse_yaml_text(text, str(path)), today)
    except (DataError, YamlSyntaxError) as error:
        raise CmsFileError(str(path), f"the imported rows do not fit the data file, so nothing was written:\n{error}") from None
    except ValidationError as error:  # pragma: no cover - the tables were validated when read
        raise CmsFileError(str(path), f"internal error in the generated section: {error}") from None
    _write(path, text)
    outcome.written = True
    return outcome


def _write(path: Path, text: str) -> None:
    """Replace the file in one step, so a failure never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".codes-", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
