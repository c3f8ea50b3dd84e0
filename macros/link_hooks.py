"""MkDocs glue for the pages written beside the built site from the data: each code's short
address (/97140/) and embeddable card (/embed/codes/97140/). (Each page's link preview,
tab title and copy-link boxes come from macros/share_hooks.py, which reads no data.)

Thin on purpose, like macros/mkdocs_hooks.py (registered before this file, so the catalog
has been validated by the time these run): everything is made by pure functions in
macros/render/sharing.py, short_links.py and embed.py.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads hooks by file path, so make the project's `macros` package importable.
PROJECT_DIR = str(Path(__file__).resolve().parent.parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)

from macros.catalog import Catalog, project_data_file  # noqa: E402
from macros.preview import build_catalog  # noqa: E402
from macros.render.embed import embed_pages  # noqa: E402
from macros.render.markup import built_file  # noqa: E402
from macros.render.page_head import Site  # noqa: E402
from macros.render.short_links import moved_code_pages, short_link_pages  # noqa: E402


class _Build:
    """What one build remembers between events: the addresses MkDocs' own files and the
    declared redirects use, and the codes whose page is now a declared redirect. Reset
    when a build starts."""

    taken: set[str] = set()
    moved_codes: list[str] = []


def _catalog(config) -> Catalog:
    return build_catalog(project_data_file(Path(config.config_file_path).parent))


def on_config(config):
    _Build.taken, _Build.moved_codes = set(), []
    return config


def on_files(files, config):
    """Note every address the site's own files and declared redirects use, and the codes
    whose page is now a declared redirect (see on_post_build)."""
    catalog = _catalog(config)
    _Build.taken.update(file.dest_uri for file in files)
    redirects = config.plugins.get("redirects")
    for old in (redirects.config.get("redirect_maps", {}) if redirects else {}):
        _Build.taken.add(built_file(old))
        moved = re.fullmatch(r"codes/([^/]+)\.md", old)
        if moved and moved.group(1) not in catalog.codes and moved.group(1) not in catalog.retired_codes:
            _Build.moved_codes.append(moved.group(1))
    return files


def on_post_build(config) -> None:
    """Write each code's short address, each current code's embeddable card, and the short
    and card addresses of codes whose page is now a declared redirect."""
    catalog = _catalog(config)
    site = Site.of(config)
    site_dir = Path(config.site_dir)
    outputs = {**short_link_pages(catalog, site), **embed_pages(catalog.data.codes, site, config.copyright or ""),
               **moved_code_pages(_Build.moved_codes, site)}
    for relative_path, content in outputs.items():
        if relative_path in _Build.taken:
            raise PluginError(f"/{relative_path} would replace a page of the site: a page, file or declared "
                              "redirect already uses that address")
        target = site_dir / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
