"""Read one table out of a CMS zip archive: choose the member, skip the disclaimer lines,
check the header against its layout, and yield the cells of each data row by column key.

Only the text/CSV member is read (each archive carries one beside its spreadsheet); the
columns the site does not use, the CPT descriptor first of all, are never taken out of a row.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..model import CODE_PATTERN
from .errors import CmsFileError
from .layouts import Layout, normalize

TEXT_SUFFIXES = (".csv", ".txt")  # in order of preference
# Change reports and read-me files sit beside the tables in some archives.
NOT_A_TABLE = re.compile(r"change|readme|read_me|layout", re.IGNORECASE)
_CODE = re.compile(CODE_PATTERN)
MAX_MEMBER_BYTES = 400 * 1024 * 1024  # far above any table seen; a bigger member is not a table


@dataclass(frozen=True)
class Row:
    line: int  # line of the file where the row ends (as csv counts them)
    cells: dict[str, str]


@dataclass
class Table:
    archive: str  # the zip's file name
    member: str  # the file read inside it
    sha256: str  # of the zip
    header_line: int
    rows: list[Row]

    @property
    def where(self) -> str:
        return f"{self.archive}:{self.member}"


def choose_member(archive: str, names: list[str], layout: Layout) -> str:
    """The text/CSV member holding the table, or a clear refusal."""
    candidates = [name for name in names if not name.endswith("/")
                  and PurePosixPath(name).suffix.lower() in TEXT_SUFFIXES
                  and re.search(layout.member_hint, PurePosixPath(name).name, re.IGNORECASE)
                  and not NOT_A_TABLE.search(PurePosixPath(name).name)]
    if layout.kind == "pfs" and any("nonqpp" in n.lower() for n in candidates):
        # Since 2026 the file comes twice, one per conversion factor; most clinicians are not
        # qualifying APM participants, so the national amounts use the non-QP file.
        candidates = [n for n in candidates if "nonqpp" in n.lower()]
    for suffix in TEXT_SUFFIXES:
        chosen = [n for n in candidates if PurePosixPath(n).suffix.lower() == suffix]
        if len(chosen) == 1:
            return chosen[0]
        if len(chosen) > 1:
            raise CmsFileError(archive, f"several {suffix} files could hold the {layout.title}: "
                               f"{', '.join(sorted(chosen))}; nothing was imported")
    raise CmsFileError(archive, f"no text or CSV file of the {layout.title} in the archive "
                       f"(it holds: {', '.join(sorted(names)) or 'nothing'}); nothing was imported")


def decode(data: bytes) -> str:
    """UTF-8 when it is; otherwise Windows-1252, which CMS text files use."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_table(path: Path, layout: Layout) -> Table:
    """Open the archive at `path` and read its table; CmsFileError when anything is off."""
    archive = path.name
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CmsFileError(archive, f"cannot be read: {error.strerror or error}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as bundle:
            member = choose_member(archive, bundle.namelist(), layout)
            if bundle.getinfo(member).file_size > MAX_MEMBER_BYTES:
                raise CmsFileError(f"{archive}:{member}", "is larger than any CMS table; nothing was imported")
            content = bundle.read(member)
    except zipfile.BadZipFile:
        raise CmsFileError(archive, "is not a zip archive; nothing was imported") from None
    text = decode(content)
    delimiter = "\t" if PurePosixPath(member).suffix.lower() == ".txt" and "\t" in text[:20000] else ","
    header_line, rows = parse_rows(f"{archive}:{member}", text, delimiter, layout)
    return Table(archive, member, hashlib.sha256(raw).hexdigest(), header_line, rows)


def parse_rows(where: str, text: str, delimiter: str, layout: Layout) -> tuple[int, list[Row]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise CmsFileError(where, f"line {reader.line_num}: not readable as delimited text ({error}); "
                           "nothing was imported") from None
    start = next((i for i, (_, row) in enumerate(lines)
                  if row and re.search(layout.header_start, normalize(row[0]))), None)
    if start is None:
        raise CmsFileError(where, f"no header row found: expected a row starting with "
                           f"'{layout.columns[0].label}' after the disclaimer lines. The layout may have "
                           "changed; nothing was imported")
    header_line, header = lines[start][0], [cell.strip() for cell in lines[start][1]]
    # A header may go on over the next rows (first cell empty): join those words in.
    body = start + 1
    while body < len(lines) and body - start <= 3:
        row = lines[body][1]
        if not row or (row[0].strip() == "" and any(cell.strip() for cell in row)
                       and not any(_CODE.match(cell.strip()) for cell in row[:2])):
            header = [" ".join(part for part in (header[i] if i < len(header) else "",
                                                  row[i].strip() if i < len(row) else "") if part)
                      for i in range(max(len(header), len(row)))]
            body += 1
        else:
            break
    index = locate_columns(where, header_line, header, layout)
    rows = []
    for line, row in lines[body:]:
        first = row[0].strip() if row else ""
        if not _CODE.match(first):
            continue  # blank rows and notes between or after the rows
        rows.append(Row(line, {key: (row[i].strip() if i < len(row) else "") for key, i in index.items()}))
    return header_line, rows


def locate_columns(where: str, header_line: int, header: list[str], layout: Layout) -> dict[str, int]:
    names = [normalize(cell) for cell in header]
    index: dict[str, int] = {}
    missing = []
    for column in layout.columns:
        for pattern, occurrence in column.names:
            found = [i for i, name in enumerate(names) if re.search(pattern, name)]
            if len(found) >= occurrence:
                index[column.key] = found[occurrence - 1]
                break
        else:
            missing.append(column.label)
    shown = " | ".join(cell for cell in header if cell) or "(empty)"
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise CmsFileError(where, f"unexpected header on line {header_line}: no column{plural} "
                           + ", ".join(f"'{label}'" for label in missing)
                           + f". Header found: {shown}. The layout may have changed; nothing was imported")
    order = [index[column.key] for column in layout.columns if column.key in ("work", "pe_nonfacility",
                                                                             "pe_facility", "mp")]
    if len(set(index.values())) != len(index) or order != sorted(order):
        raise CmsFileError(where, f"unexpected header on line {header_line}: the columns are not in the order "
                           f"expected ({', '.join(c.label for c in layout.columns)}). Header found: {shown}. "
                           "Nothing was imported")
    return index
