"""Every public URL and anchor of the site, from the catalog: the list clinic wikis rely on.

`python -m macros.urls` adds the URLs of new records to the committed list
(public-urls.txt); it never removes one. Removing or renaming a record needs a redirect
(see CONTRIBUTING.md): the test suite fails when a listed URL stops resolving and no
redirect covers it.
"""

from __future__ import annotations

from pathlib import Path

from .catalog import PROJECT_ROOT, Catalog, load_catalog
from .export import API_ROOT, api_file_names
from .render.checklists import has_checklist
from .render.cms import PAIRS_ANCHOR
from .render.figures import year_anchor
from .render.markup import site_path
from .render.paths import code_checklist_path
from .render.code_page import SECTION_ANCHORS
from .render.paths import embed_url, short_url

# Hand-written and listing pages with their stable anchors.
FIXED_PAGES = {
    "": ["families"], "how-to-use/": ["link"], "codes/": ["families", "all-codes", "retired"], "compare/": ["at-a-glance"],
    "techniques/": [],
    "units/": ["medicare", "per-code", "untimed", "examples", "python"], "calculator/": [],
    "checklist/": [], "modifiers/": [], "edits/": [], "yearly-figures/": [], "faq/": [],
    "changes/": [], "misconceptions/": [], "api/": ["files", "example", "versions", "authoring-schema"],
    "about/": ["confidence", "authority", "reading", "copyright", "not-advice", "sources"],
}


def public_urls(catalog: Catalog) -> list[str]:
    """Site-relative URLs ('codes/97140/#units'), pages first, each followed by its anchors."""
    pages: dict[str, list[str]] = {path: list(anchors) for path, anchors in FIXED_PAGES.items()}
    pages["compare/"] += [comparison.id for comparison in catalog.data.comparisons]
    pages["checklist/"] += [group.id for group in catalog.data.checklist]
    pages["checklist/"] += [item.id for group in catalog.data.checklist for item in group.items]
    pages["faq/"] += [entry.id for entry in catalog.data.faq]
    pages["modifiers/"] += [f"modifier-{modifier.id.lower()}" for modifier in catalog.data.modifiers]
    pages["edits/"] += [PAIRS_ANCHOR, *(edit.id for edit in catalog.data.edits)]
    pages["yearly-figures/"] += [figure.id for figure in catalog.data.yearly_figures]
    pages["yearly-figures/"] += [year_anchor(figure.id, value.year) for figure in catalog.data.yearly_figures
                                 for value in sorted(figure.values, key=lambda v: v.year)]
    pages["units/"] += [example.id for example in catalog.data.examples]
    pages["misconceptions/"] += [item.id for item in catalog.data.misconceptions]
    pages["techniques/"] += [technique.id for technique in catalog.data.techniques]
    for family_id in catalog.listed_families:
        pages[f"families/{family_id}/"] = []
    for code in catalog.data.codes:
        pages[f"codes/{code.code}/"] = list(SECTION_ANCHORS)
    for retired in catalog.data.retired_codes:
        pages[f"codes/{retired.code}/"] = ["sources"]
    for code in catalog.data.codes:
        if has_checklist(code):
            pages[site_path(code_checklist_path(code.code))] = []
    urls = []
    for path, anchors in pages.items():
        urls.append(path)
        urls += [f"{path}#{anchor}" for anchor in anchors]
    # Short addresses of every code, current or retired, and the embeddable card of each current one.
    urls += [short_url(code.code) for code in [*catalog.data.codes, *catalog.data.retired_codes]]
    urls += [embed_url(code.code) for code in catalog.data.codes]
    urls += [f"{API_ROOT}/{name}" for name in api_file_names(list(catalog.codes))]
    urls += ["feed.xml", "schema/codes-authoring.schema.json"]
    return urls


URL_LIST_FILE = PROJECT_ROOT / "public-urls.txt"
HEADER = ("# Every public URL and anchor of the site. Append-only: never remove a line; declare a\n"
          "# redirect in mkdocs.yml instead. Add new ones with `python -m macros.urls`.\n")


def read_url_list(path: Path = URL_LIST_FILE) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def update_url_list(catalog: Catalog, path: Path = URL_LIST_FILE) -> list[str]:
    """Append the URLs the catalog has and the list lacks; return the ones added."""
    listed = read_url_list(path)
    added = [f"/{url}" for url in public_urls(catalog) if f"/{url}" not in listed]
    path.write_text(HEADER + "".join(f"{url}\n" for url in listed + added), encoding="utf-8")
    return added


if __name__ == "__main__":
    new = update_url_list(load_catalog())
    print(f"{len(new)} URL(s) added to {URL_LIST_FILE.name}")
