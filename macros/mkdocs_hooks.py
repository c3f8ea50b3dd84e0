"""MkDocs glue: load the data once, add the generated pages and their navigation.

Kept thin on purpose: all content comes from pure functions in macros.site and
macros.render, so moving to another site generator changes only this file.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import html
import inspect
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

# MkDocs loads hooks by file path, so make the project's `macros` package importable.
PROJECT_DIR = str(Path(__file__).resolve().parent.parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)

from macros.catalog import DATA_FILE, Catalog, project_data_file  # noqa: E402
from macros.changes import FEED_PATH, atom_feed  # noqa: E402
from macros.export import API_ROOT, export_files, export_schema_text  # noqa: E402
from macros.render.markup import long_date  # noqa: E402
from macros.render.page_head import Site  # noqa: E402
from macros.site import codes_nav, generated_pages, in_nav  # noqa: E402
from macros.preview import Preview, build_catalog  # noqa: E402
from macros.validate import DataError  # noqa: E402
from macros.yaml_source import collector_paused  # noqa: E402

CODES_NAV_PLACEHOLDER = "codes/index.md"


def data_file(config) -> Path:
    return project_data_file(Path(config.config_file_path).parent)


def on_startup(command: str, dirty: bool) -> None:
    Preview.serving = command == "serve"


def catalog_for(config) -> Catalog:
    """The validated catalog; a data error stops the build before anything is written
    (under `mkdocs serve`, see macros.preview)."""
    try:
        return build_catalog(data_file(config))
    except DataError as error:
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(error.github_annotations(), file=sys.stderr)
        raise PluginError(str(error)) from None


def _macros_skip_generated_pages(plugins) -> None:
    """Let the macros plugin see the hand-written pages only.

    Generated pages say `render_macros: false` (macros.render.markup), so the plugin returns
    them unchanged, but only after copying the page and its template variables and
    formatting its debug traces: about 0.1 ms a page, 0.8 s of CPU in a 3000-code build
    (measured per event), for nothing. Its page_markdown handler is wrapped in place (event
    order unchanged), so that generated pages skip it."""
    macros = plugins.get("macros")
    if macros is None:
        return
    handlers = plugins.events["page_markdown"]
    for index, handler in enumerate(handlers):
        if getattr(inspect.unwrap(handler), "__self__", None) is macros:
            handlers[index] = functools.partial(_hand_written_only, handler)


def _hand_written_only(handler, markdown: str, page, **kwargs):
    return markdown if page.file.generated_by is not None else handler(markdown, page=page, **kwargs)


def on_config(config):
    _macros_skip_generated_pages(config.plugins)
    # The catalog and the pages made from it live for the whole build: keep them out of
    # the cyclic collector's reach while MkDocs works (measured: ~8% of a 3000-code
    # build), and hand everything back when the build ends (on_post_build,
    # on_build_error), so rebuilds under `mkdocs serve` never accumulate frozen objects.
    # Frozen before the collector runs again: its first collection after loading would
    # otherwise scan every object of the new catalog once more.
    with collector_paused():
        catalog = catalog_for(config)
        gc.freeze()
    for index, entry in enumerate(config.nav or []):
        title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if target == CODES_NAV_PLACEHOLDER:
            config.nav[index] = {title or "Codes": codes_nav(catalog)}
            break
    else:
        raise PluginError(f"mkdocs.yml nav needs an entry '{CODES_NAV_PLACEHOLDER}' where the codes go")
    return config


@event_priority(100)  # before plugins (search, redirects) look at the files
def on_files(files: Files, config) -> Files:
    catalog = catalog_for(config)
    repository_url = config.extra.get("repository_url") or ""
    for src_uri, content in generated_pages(catalog, repository_url, site=Site.of(config)).items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} exists, but that page is generated from {DATA_FILE}: "
                              "remove the file")
        inclusion = InclusionLevel.UNDEFINED if in_nav(src_uri) else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    return files


def on_build_error(error) -> None:
    gc.unfreeze()


@event_priority(-100)  # after the other hooks' on_post_build (the search index, the short links)
def on_post_build(config) -> None:
    """Write the JSON API, its schema and the Atom feed next to the pages; then hand the
    frozen objects back to the collector. Last, so the objects stay frozen while the search
    index and the short links are made: unfrozen, the catalog is rescanned by each of
    their full collections. (Neither reads the API: Pagefind indexes the HTML pages.)"""
    catalog = catalog_for(config)
    site_dir = Path(config.site_dir)
    outputs = dict(export_files(catalog, Site.of(config)))
    outputs[f"{API_ROOT}/schema.json"] = export_schema_text()
    outputs[FEED_PATH] = atom_feed(catalog, config.site_url or "/")
    for relative_path, content in outputs.items():
        target = site_dir / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    gc.unfreeze()


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Every page ends with the date its content was last reviewed (front matter last_reviewed)."""
    reviewed = page.meta.get("last_reviewed")
    if reviewed is None:
        raise PluginError(f"docs/{page.file.src_uri} needs 'last_reviewed: YYYY-MM-DD' in its front matter")
    if isinstance(reviewed, str):
        reviewed = dt.date.fromisoformat(reviewed)
    return f'{markdown}\n\n<p class="page-reviewed">Page last reviewed {long_date(reviewed)}.</p>\n'


def on_post_page(output: str, page, config) -> str:
    """Under `mkdocs serve`, a refused data file is shown at the top of every page."""
    if Preview.problems is None:
        return output
    items = "".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in Preview.problems.problems)
    banner = (f'<div class="data-problems" role="alert"><p><strong>{DATA_FILE} has '
              f"{len(Preview.problems.problems)} problem(s)</strong>: this preview shows the last valid "
              f"version until they are fixed.</p><ul>{items}</ul></div>")
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, output, count=1)
