"""MkDocs glue for what every page carries to be shared: its link preview and tab title,
and the box under each heading that its "Copy link" button fills.

Reads no data: each page's preview comes from its own front matter (`link_preview`, which
the code pages' generator writes; otherwise the page's title and description), so a site
of hand-written pages gets exactly the same head. The pages written beside the site
(short addresses, embeddable cards) come from the data: macros/link_hooks.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads hooks by file path, so make the project's `macros` package importable.
PROJECT_DIR = str(Path(__file__).resolve().parent.parent)
if PROJECT_DIR not in sys.path:
    sys.path.insert(0, PROJECT_DIR)

from macros.render.page_head import LinkPreview, Site, document_title, with_copy_tools  # noqa: E402


def on_page_context(context, page, config, nav):
    """Give the template the page's link preview and its tab title (overrides/main.html)."""
    meta = page.meta or {}
    preview = meta.get("link_preview") or {}
    if not isinstance(preview, dict) or set(preview) - {"title", "description"}:
        raise PluginError(f"docs/{page.file.src_uri}: front matter 'link_preview' must be a mapping with "
                          "'title' and/or 'description' (the page's own title and description are used "
                          "when it is left out)")
    title = str(preview.get("title") or meta.get("title") or page.title or "")
    description = str(preview.get("description") or meta.get("description") or config.site_description or "")
    site = Site.of(config)
    context["link_preview"] = LinkPreview(title, description, page.canonical_url, site, home=page.is_homepage)
    context["document_title"] = document_title(title, site.name)
    return context


def on_page_content(html, page, config, files):
    """Reserve the box of each heading's "Copy link" button (macros/render/page_head.py)."""
    return with_copy_tools(html)
