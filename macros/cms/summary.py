"""The plain-language summary of an import, for the pull request the refresh opens."""

from __future__ import annotations

from .importer import Outcome
from .model import CmsChange, CmsData

TABLE_NAMES = {"ptp": "PTP edit pairs", "mue": "MUE values", "pfs": "PFS relative values"}


def _period(cms: CmsData, kind: str) -> str:
    if kind == "ptp" and cms.ptp:
        return f"{cms.ptp.quarter} ({', '.join(f.name for f in cms.ptp.files)})"
    if kind == "mue" and cms.mue:
        return f"{cms.mue.quarter} ({', '.join(f.name for f in cms.mue.files)})"
    if kind == "pfs" and cms.pfs:
        latest = cms.pfs[-1]
        return f"{latest.year} ({', '.join(f.name for f in latest.files)}, conversion factor {latest.conversion_factor:g})"
    return "not imported"


def _item(change: CmsChange, item) -> str:
    codes = " and ".join(item.codes)
    what = {"ptp": f"pair {codes} (column 1 first)" if len(item.codes) == 2 else codes}.get(change.table, codes)
    return f"- {item.change}: {what}" + (f": {item.detail}" if item.detail else "")


def markdown(outcome: Outcome) -> str:
    cms = outcome.cms or CmsData()
    lines = ["## CMS tables refresh", ""]
    if not outcome.written:
        return "\n".join(lines + ["Nothing changed: the files on the CMS pages are the ones already imported.", ""])
    lines += ["| Table | Now | Added | Deleted | Changed |", "|---|---|---|---|---|"]
    for kind in ("ptp", "mue", "pfs"):
        change = next((c for c in outcome.changes if c.table == kind), None)
        counts = [str(sum(1 for i in change.items if i.change == name)) if change else "—"
                  for name in ("added", "deleted", "changed")]
        state = outcome.tables.get(kind, "not requested")
        if kind in outcome.first:
            state = f"first import, {outcome.first[kind]} rows"
        lines.append(f"| {TABLE_NAMES[kind]} | {_period(cms, kind)}; {state} | " + " | ".join(counts) + " |")
    for change in outcome.changes:
        lines += ["", f"### {TABLE_NAMES[change.table]}: {change.previous} to {change.current}", ""]
        lines += [_item(change, item) for item in change.items] or ["- no difference for the site's codes"]
    lines += ["", "Only rows of codes on this site are kept. The importer checked every header and value; the "
              "full test suite ran on the result before this pull request was opened. Review the diff of "
              "data/codes.yaml (the generated section at its end) before merging.", ""]
    return "\n".join(lines)
