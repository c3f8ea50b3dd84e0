"""The validated data with the look-ups every page needs, loaded once per build.

`load_catalog` caches on the file's modification time and size, so `mkdocs serve`
picks up edits while a normal build parses the file exactly once, however many hooks
and macros ask for it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from .cms.tables import settle_edits
from .model import (ChecklistGroup, ChecklistItem, Code, CodeData, EditPair, FaqEntry, Family, Modifier, RetiredCode,
                    Source, Technique)
from .validate import DataError, load_code_data
from .yaml_source import YamlDocument

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Where the data file lives inside a project (the folder of mkdocs.yml); the one spelling
# of its path, also used in links to the file and in messages.
DATA_FILE = "data/codes.yaml"
DEFAULT_DATA_FILE = PROJECT_ROOT / DATA_FILE

T = TypeVar("T")


def project_data_file(project_dir: Path | str) -> Path:
    """The data file of the project in `project_dir` (a copy of the project has its own)."""
    return Path(project_dir).resolve() / DATA_FILE


@dataclass(frozen=True)
class Catalog:
    data: CodeData
    document: YamlDocument = field(repr=False)

    # --- Look-ups by id ---
    @cached_property
    def codes(self) -> dict[str, Code]:
        return {code.code: code for code in self.data.codes}

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {source.id: source for source in self.data.sources}

    @cached_property
    def families(self) -> dict[str, Family]:
        return {family.id: family for family in self.data.families}

    @cached_property
    def faq(self) -> dict[str, FaqEntry]:
        return {entry.id: entry for entry in self.data.faq}

    @cached_property
    def modifiers(self) -> dict[str, Modifier]:
        return {modifier.id: modifier for modifier in self.data.modifiers}

    @cached_property
    def retired_codes(self) -> dict[str, RetiredCode]:
        return {retired.code: retired for retired in self.data.retired_codes}

    @cached_property
    def checklist_items(self) -> dict[str, tuple[ChecklistGroup, ChecklistItem]]:
        return {item.id: (group, item) for group in self.data.checklist for item in group.items}

    # --- Groupings and reverse look-ups ---
    @cached_property
    def codes_by_family(self) -> dict[str, list[Code]]:
        """Families in data order, each with its codes in data order (empty families dropped)."""
        grouped: dict[str, list[Code]] = {family.id: [] for family in self.data.families}
        for code in self.data.codes:
            grouped[code.family].append(code)
        return {family_id: codes for family_id, codes in grouped.items() if codes}

    @cached_property
    def retired_by_family(self) -> dict[str, list[RetiredCode]]:
        """Family id -> its retired codes in data order (families without any left out)."""
        found: dict[str, list[RetiredCode]] = defaultdict(list)
        for retired in self.data.retired_codes:
            found[retired.family].append(retired)
        return dict(found)

    @cached_property
    def listed_families(self) -> list[str]:
        """Families that have a page: those with a current or a retired code, in data order."""
        return [f.id for f in self.data.families if f.id in self.codes_by_family or f.id in self.retired_by_family]

    @cached_property
    def techniques_by_code(self) -> dict[str, list[Technique]]:
        """Code -> the techniques whose coding positions name it, each once, in data order."""
        found: dict[str, list[Technique]] = defaultdict(list)
        for technique in self.data.techniques:
            for code in dict.fromkeys(c for position in technique.coding for c in position.codes):
                found[code].append(technique)
        return dict(found)

    @cached_property
    def edits(self) -> list[EditPair]:
        """The edit pairs, with column order and indicator settled by the imported CMS table."""
        return settle_edits(self.data.edits, self.data.cms)

    @cached_property
    def edits_by_code(self) -> dict[str, list[EditPair]]:
        found: dict[str, list[EditPair]] = defaultdict(list)
        for edit in self.edits:
            for code in edit.codes:
                found[code].append(edit)
        return dict(found)

    @cached_property
    def codes_by_faq(self) -> dict[str, list[str]]:
        return self._reverse("faq")

    @cached_property
    def codes_by_checklist_item(self) -> dict[str, list[str]]:
        return self._reverse("checklist")

    @cached_property
    def codes_by_modifier(self) -> dict[str, list[str]]:
        return self._reverse("modifiers")

    def _reverse(self, attribute: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for code in self.data.codes:
            for item_id in getattr(code, attribute):
                found[item_id].append(code.code)
        return dict(found)

    @cached_property
    def billing_basis(self) -> dict[str, str]:
        return {code.code: code.billing.basis for code in self.data.codes}

    @cached_property
    def last_reviewed(self) -> dt.date:
        """The newest review date of any record: the date the reference as a whole stands at."""
        return max(code.last_reviewed for code in self.data.codes)

    @cached_property
    def checklist_positions(self) -> dict[str, tuple[int, int]]:
        """Checklist item id -> (its group's place in the checklist, its place in the group)."""
        return {item.id: (group_index, item_index) for group_index, group in enumerate(self.data.checklist)
                for item_index, item in enumerate(group.items)}

    # --- Worked out once for all pages ---
    def derived(self, make: Callable[[Catalog], T]) -> T:
        """`make(self)`, computed on first use and kept with the catalog: for what the
        renderers derive from the data and every page needs (the yearly figures' patterns,
        each source's citation text), which would otherwise be worked out again for each of
        thousands of pages. `make` must be a pure function of the catalog."""
        cache = self._derived
        if make not in cache:
            cache[make] = make(self)
        return cache[make]

    @cached_property
    def _derived(self) -> dict[Callable, Any]:
        return {}


# path -> (its size and modification time, the catalog or the DataError it gave). A
# refused file is remembered too: a build asks for the catalog once per hook and page,
# and a preview showing a bad edit's problems must not re-read the file each time
# (measured: 73 s instead of 9 s for one rebuild under `mkdocs serve`).
_cache: dict[Path, tuple[tuple[int, int], Catalog | DataError]] = {}


def load_catalog(path: Path | str = DEFAULT_DATA_FILE) -> Catalog:
    """The validated catalog for a data file (raises validate.DataError if invalid)."""
    path = Path(path).resolve()
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        if isinstance(cached[1], DataError):
            raise cached[1].with_traceback(None)
        return cached[1]
    try:
        data, document = load_code_data(path)
    except DataError as error:
        _cache[path] = (stamp, error)
        raise
    catalog = Catalog(data, document)
    _cache[path] = (stamp, catalog)
    return catalog


def billing_basis_by_code(path: Path | str = DEFAULT_DATA_FILE) -> dict[str, str]:
    """Code -> billing basis ('timed_15', 'per_session' or 'region_count') from the data file."""
    return dict(load_catalog(path).billing_basis)
