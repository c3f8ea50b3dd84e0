"""Read the Pagefind index a build wrote: one decoded record per indexed page or section."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from macros.search_index import BUNDLE_DIR


def fragments(site: Path) -> dict[str, dict]:
    """URL -> decoded Pagefind fragment, for every page and section in the index."""
    found = {}
    for file in (site / BUNDLE_DIR / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(file.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        found[data["url"]] = data
    return found
