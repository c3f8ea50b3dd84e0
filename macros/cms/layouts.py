"""The layouts the importer expects, one definition per file kind.

None of the CMS files could be read when this was written: every column below comes from
public parsers of the files (tests/fixtures/cms/README.md says where each was seen). A
file whose header does not match is refused with its name and the missing column, and
nothing is written: a changed layout is looked at by a person, never guessed around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def normalize(label: str) -> str:
    """Header text compared without case or whitespace: 'HCPCS/\\nCPT Code' -> 'hcpcs/cptcode'."""
    return re.sub(r"\s+", "", label).lower()


@dataclass(frozen=True)
class Column:
    """A column found by its header text (several accepted spellings, as regexes on the
    normalized text); `occurrence` picks the n-th column of that name when names repeat."""

    key: str
    label: str  # how messages name it
    names: tuple[tuple[str, int], ...]  # (regex on normalize(header), occurrence)


@dataclass(frozen=True)
class Layout:
    kind: str
    title: str
    header_start: str  # regex on normalize(first cell) that marks the header row
    columns: tuple[Column, ...]
    member_hint: str  # regex on the member's file name, to choose among several


PTP = Layout(
    kind="ptp",
    title="NCCI PTP edits (practitioner)",
    header_start=r"^column1$",
    columns=(
        Column("column1", "Column 1", ((r"^column1$", 1),)),
        Column("column2", "Column 2", ((r"^column2$", 1),)),
        Column("effective", "Effective Date", ((r"^effective(date)?", 1),)),
        Column("deleted", "Deletion Date", ((r"^deletion(date)?", 1),)),
        Column("modifier_indicator", "Modifier (0 = not allowed, 1 = allowed, 9 = not applicable)",
               ((r"^modifier", 1),)),
        Column("rationale", "PTP Edit Rationale", ((r"^ptpeditrationale$", 1),)),
    ),
    member_hint=r"ccipra|ptp|practitioner",
)

MUE = Layout(
    kind="mue",
    title="NCCI MUE table (practitioner services)",
    header_start=r"^hcpcs",
    columns=(
        Column("code", "HCPCS/CPT Code", ((r"^hcpcs/cptcode$", 1),)),
        Column("value", "Practitioner Services MUE Values", ((r"^practitionerservicesmuevalues?$", 1),)),
        Column("adjudication", "MUE Adjudication Indicator", ((r"^mueadjudicationindicator$", 1),)),
        Column("rationale", "MUE Rationale", ((r"^muerationale$", 1),)),
    ),
    member_hint=r"practitioner",
)

# The PPRRVU file spreads its header over several rows; the last one repeats names
# ("RVU", "PE RVU", "TOTAL"), so a column is named with its occurrence. A one-row header
# with the full names is accepted too. The descriptor column is never read.
PFS = Layout(
    kind="pfs",
    title="PFS relative value file (PPRRVU)",
    header_start=r"^hcpcs$",
    columns=(
        Column("code", "HCPCS", ((r"^hcpcs$", 1),)),
        Column("modifier", "MOD", ((r"^mod$", 1),)),
        Column("status", "STATUS CODE", ((r"^(status)?code$", 1),)),
        Column("work", "WORK RVU", ((r"^workrvu$", 1), (r"^rvu$", 1))),
        Column("pe_nonfacility", "NON-FAC PE RVU", ((r"^non-?fac(ility)?pervu$", 1), (r"^pervu$", 1))),
        Column("pe_facility", "FACILITY PE RVU", ((r"^facilitypervu$", 1), (r"^pervu$", 2))),
        Column("mp", "MP RVU", ((r"^mprvu$", 1), (r"^rvu$", 2))),
        Column("conversion_factor", "CONV FACTOR", ((r"^conv(ersion)?factor$", 1), (r"^factor$", 1))),
    ),
    member_hint=r"^pprrvu",
)

LAYOUTS = {layout.kind: layout for layout in (PTP, MUE, PFS)}
