"""Change notes from the imports, per code, for the 'What changed' page and the Atom feed."""

from __future__ import annotations

import datetime as dt

from .model import CmsData

TABLE_LABELS = {"ptp": "CMS PTP edit table", "mue": "CMS MUE table", "pfs": "CMS PFS relative value file"}


def change_notes(cms: CmsData | None) -> list[tuple[dt.date, str, str]]:
    """(import date, code, sentence) for every code an import changed, in import order."""
    notes = []
    for change in (cms.changes if cms else []):
        by_code: dict[str, list[str]] = {}
        for item in change.items:
            if len(item.codes) == 2:
                what = f"pair {item.codes[0]} (column 1) with {item.codes[1]} (column 2) {item.change}"
            else:
                what = item.change
            if item.detail:
                what += f" ({item.detail})"
            for code in item.codes:
                by_code.setdefault(code, []).append(what)
        for code, parts in by_code.items():
            notes.append((change.date, code, f"{TABLE_LABELS[change.table]}, {change.previous} to "
                          f"{change.current}: " + "; ".join(parts) + "."))
    return notes
