"""Everything the site generates from the catalog: page sources and the codes' navigation."""

from __future__ import annotations

from .catalog import DATA_FILE, Catalog
from .changes import changes_page
from .render import paths
from .render.code_page import code_page
from .render.examples import calculator_page
from .render.listings import (checklist_page, codes_index_page, compare_page, faq_page, family_page,
                              misconceptions_page)
from .render.rules import edits_page, figures_page, modifiers_page

# A family with more codes than this is split into numbered ranges in the sidebar, so a
# page's navigation stays the same size however many codes the site holds.
NAV_CHUNK = 40


def generated_pages(catalog: Catalog, repository_url: str = "") -> dict[str, str]:
    """Source path in docs/ -> Markdown, for every page made from data.

    With a repository URL, each code page links to its record in data/codes.yaml.
    """
    pages = {
        paths.CODES_INDEX_PAGE: codes_index_page(catalog),
        paths.COMPARE_PAGE: compare_page(catalog),
        paths.CHECKLIST_PAGE: checklist_page(catalog),
        paths.FAQ_PAGE: faq_page(catalog),
        paths.MODIFIERS_PAGE: modifiers_page(catalog),
        paths.EDITS_PAGE: edits_page(catalog),
        paths.FIGURES_PAGE: figures_page(catalog),
        paths.CALCULATOR_PAGE: calculator_page(catalog),
        paths.CHANGES_PAGE: changes_page(catalog),
        paths.MISCONCEPTIONS_PAGE: misconceptions_page(catalog),
    }
    for family_id in catalog.codes_by_family:
        pages[paths.family_page_path(family_id)] = family_page(catalog, family_id)
    for index, code in enumerate(catalog.data.codes):
        pages[paths.code_page_path(code.code)] = code_page(catalog, code, record_url(catalog, index, repository_url))
    return pages


def record_url(catalog: Catalog, index: int, repository_url: str) -> str | None:
    """Where a code's record starts in data/codes.yaml on the repository host."""
    if not repository_url:
        return None
    line, _ = catalog.document.position(("codes", index))
    return f"{repository_url.rstrip('/')}/blob/main/{DATA_FILE}#L{line}"


def codes_nav(catalog: Catalog) -> list:
    """The 'Codes' navigation section: the index, then each family with its codes."""
    section: list = [paths.CODES_INDEX_PAGE]
    for family_id, codes in catalog.codes_by_family.items():
        entries = [{f"{code.code} {code.title}": paths.code_page_path(code.code)} for code in codes]
        if len(entries) > NAV_CHUNK:
            entries = [{f"{codes[i].code}–{codes[min(i + NAV_CHUNK, len(codes)) - 1].code}": entries[i:i + NAV_CHUNK]}
                       for i in range(0, len(entries), NAV_CHUNK)]
        section.append({catalog.families[family_id].name: [paths.family_page_path(family_id), *entries]})
    return section
