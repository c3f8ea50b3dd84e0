"""Short addresses: /97140/ leads to /codes/97140/, for every code, current or retired.

A code removed from the data keeps its page's address through a redirect declared in
mkdocs.yml; its short address and its card's address keep working the same way
(`moved_code_pages`), since both were published (public-urls.txt only grows).

Each is a static redirect page: a tiny inline script carries the anchor over
(/97140/#units lands on /codes/97140/#units), a meta refresh redirects without scripts, and
a plain link is there if neither runs. The target is relative, so the pages work under a
project-site subpath and on any host; the canonical link names the code page's address.
The page also carries the code page's link preview, so a short address pasted into a wiki
unfurls like the page itself.
"""

from __future__ import annotations

import html
import json
import posixpath

from ..catalog import Catalog
from .markup import site_path
from .paths import code_page_path, embed_url, short_url
from .page_head import LinkPreview, Site, meta_tags
from .sharing import data_titles


def redirect_page(from_path: str, to_path: str, title: str, preview: LinkPreview) -> str:
    """A redirect page at site path `from_path` ('97140/') to `to_path` ('codes/97140/')."""
    target = posixpath.relpath(to_path, from_path) + "/"
    address = html.escape(preview.url or target, quote=True)
    # json.dumps writes a JavaScript string literal; "</" cannot end the script early.
    script_target = json.dumps(target).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<link rel="canonical" href="{address}">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
{meta_tags(preview)}
<script>location.replace({script_target} + location.hash)</script>
<meta http-equiv="refresh" content="0; url={html.escape(target, quote=True)}">
</head>
<body>
<p>This short address leads to <a href="{html.escape(target, quote=True)}">{html.escape(title)}</a>.</p>
</body>
</html>
"""


def short_link_pages(catalog: Catalog, site: Site) -> dict[str, str]:
    """Site file path ('97140/index.html') -> HTML, for every code and retired code."""
    titles = data_titles(catalog)
    pages = {}
    for code in [*catalog.data.codes, *catalog.data.retired_codes]:
        source = code_page_path(code.code)
        title, description = titles[source]
        target = site_path(source)
        preview = LinkPreview(title, description, site.address(target), site)
        pages[short_url(code.code) + "index.html"] = redirect_page(short_url(code.code), target, title, preview)
    return pages


def moved_code_pages(codes: list[str], site: Site) -> dict[str, str]:
    """For codes whose page is now a declared redirect: their short address and their card's
    address lead to the code's old page address, which the declared redirect forwards."""
    pages = {}
    for code in codes:
        target = site_path(code_page_path(code))
        title = f"{code}: moved"
        preview = LinkPreview(title, f"The page of {code} has moved; this address leads to where it is described "
                                     "now.", site.address(target), site)
        for old in (short_url(code), embed_url(code)):
            pages[old + "index.html"] = redirect_page(old, target, title, preview)
    return pages
