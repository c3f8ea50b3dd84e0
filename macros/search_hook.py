"""MkDocs glue for the site search: index the site with Pagefind once MkDocs has written it.

Registered in mkdocs.yml after macros/mkdocs_hooks.py. The work is done by
macros.search_index (run Pagefind), macros.search_sections (the list pages, indexed entry
by entry) and macros.search_synonyms (the synonyms file); this module only connects them
to the build. `mkdocs build` stops on any problem; `mkdocs serve` goes on without search
and says so, since a preview is still useful without it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads hooks by file path, so make the project's `macros` package importable.
PROJECT_DIR = str(Path(__file__).resolve().parent.parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)

from macros.search_index import SearchIndexError, build_search_index  # noqa: E402
from macros.search_sections import SECTIONED_PAGES, SearchRecord, section_records  # noqa: E402
from macros.search_synonyms import SYNONYMS_FILE, SynonymsError, load_synonyms  # noqa: E402

log = logging.getLogger("mkdocs.hooks.search")

# The MkDocs command being run ("build", "serve", "gh-deploy"), set by on_startup.
_command = {"name": "build"}
# Search records of the list pages rendered in this build (on_page_content).
_section_records: list[SearchRecord] = []


def project_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_config(config):
    try:  # checked first, so a bad synonyms file stops the build before pages are rendered
        load_synonyms(project_dir(config) / SYNONYMS_FILE, SYNONYMS_FILE)
    except SynonymsError as error:
        raise PluginError(str(error)) from None
    return config


def on_pre_build(config) -> None:
    _section_records.clear()


def on_page_content(html: str, page, config, files) -> str:
    """List pages (the FAQ, the checklist...) are indexed section by section; their article
    then carries no data-pagefind-body (overrides/main.html)."""
    if page.file.src_uri in SECTIONED_PAGES:
        page.meta["search_sections"] = True
        title = page.meta.get("title") or page.title or ""  # the page's heading, not its nav label
        _section_records.extend(section_records(page.url, title, html))
    return html


def on_post_build(config) -> None:
    try:
        build_search_index(Path(config.site_dir), project_dir(config), _section_records)
    except SearchIndexError as error:
        if _command["name"] != "serve":
            raise PluginError(f"search index: {error}") from None
        # The preview still serves every page; the search box says search is unavailable.
        log.warning("search index not built, search is unavailable in this preview: %s", error)
