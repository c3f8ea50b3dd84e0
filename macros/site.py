"""Everything the site generates from the catalog: page sources and the codes' navigation."""

from __future__ import annotations

import datetime as dt
from functools import partial

from .catalog import DATA_FILE, Catalog
from .changes import changes_page
from .render import paths
from .render.checklists import code_checklist_page, has_checklist
from .render.labels import RETIRED_LABEL
from .render.code_page import code_page
from .render.examples import calculator_page
from .render.listings import (checklist_page, codes_index_page, compare_page, faq_page, family_page,
                              misconceptions_page)
from .render.retired_page import retired_code_page
from .render.rules import edits_page, figures_page, modifiers_page
from .render.page_head import Site
from .render.techniques import techniques_page
from .render.years import utc_today

# A family with more codes than this is split into numbered ranges in the sidebar, so a
# page's navigation stays the same size however many codes the site holds.
NAV_CHUNK = 40


def generated_pages(catalog: Catalog, repository_url: str = "", today: dt.date | None = None,
                    site: Site = Site()) -> dict[str, str]:
    """Source path in docs/ -> Markdown, for every page made from data.

    With a repository URL, each code page links to its record in the data file. `today`
    (default: the date in UTC) decides which yearly figures a reader expects to find.
    `site` (the published address and name) goes into citations and embed snippets.
    """
    today = today or utc_today()
    listings = {
        paths.CODES_INDEX_PAGE: codes_index_page, paths.COMPARE_PAGE: compare_page,
        paths.TECHNIQUES_PAGE: techniques_page, paths.CHECKLIST_PAGE: checklist_page,
        paths.FAQ_PAGE: partial(faq_page, site=site),
        paths.MODIFIERS_PAGE: modifiers_page, paths.EDITS_PAGE: edits_page, paths.FIGURES_PAGE: figures_page,
        paths.CALCULATOR_PAGE: calculator_page, paths.CHANGES_PAGE: changes_page,
        paths.MISCONCEPTIONS_PAGE: misconceptions_page,
    }
    pages = {path: render(catalog, today) for path, render in listings.items()}
    for family_id in catalog.listed_families:
        pages[paths.family_page_path(family_id)] = family_page(catalog, family_id, today)
    for index, code in enumerate(catalog.data.codes):
        pages[paths.code_page_path(code.code)] = code_page(catalog, code, record_url(catalog, index, repository_url),
                                                           today, site)
    for retired in catalog.data.retired_codes:
        pages[paths.code_page_path(retired.code)] = retired_code_page(catalog, retired, today)
    for code in catalog.data.codes:
        if has_checklist(code):
            pages[paths.code_checklist_path(code.code)] = code_checklist_page(catalog, code, today)
    return pages


# Generated pages reached from another page rather than from the sidebar: a code's printable
# checklist is linked from the code's page (a sidebar entry per code would double the codes').
NOT_IN_NAV = ("checklist/",)


def in_nav(path: str) -> bool:
    """Whether a generated page (source path) belongs in the navigation."""
    return not path.startswith(NOT_IN_NAV)


def record_url(catalog: Catalog, index: int, repository_url: str) -> str | None:
    """Where a code's record starts in data/codes.yaml on the repository host."""
    if not repository_url:
        return None
    line, _ = catalog.document.position(("codes", index))
    return f"{repository_url.rstrip('/')}/blob/main/{DATA_FILE}#L{line}"


def codes_nav(catalog: Catalog) -> list:
    """The 'Codes' navigation section: the index, then each family with its codes."""
    section: list = [paths.CODES_INDEX_PAGE]
    for family_id in catalog.listed_families:
        codes = [*catalog.codes_by_family.get(family_id, []), *catalog.retired_by_family.get(family_id, [])]
        entries = [{_nav_title(catalog, code.code, code.title): paths.code_page_path(code.code)} for code in codes]
        if len(entries) > NAV_CHUNK:
            entries = [{f"{codes[i].code}–{codes[min(i + NAV_CHUNK, len(codes)) - 1].code}": entries[i:i + NAV_CHUNK]}
                       for i in range(0, len(entries), NAV_CHUNK)]
        section.append({catalog.families[family_id].name: [paths.family_page_path(family_id), *entries]})
    return section


def _nav_title(catalog: Catalog, code: str, title: str) -> str:
    """'97110 Exercise', or '97001 Old evaluation (retired)'."""
    return f"{code} {title}" + (f" ({RETIRED_LABEL})" if code in catalog.retired_codes else "")
