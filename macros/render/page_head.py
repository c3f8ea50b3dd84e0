"""What every page's head carries to be shared, and the boxes of its copy-link buttons:
the site's address and name, the link preview (Open Graph, X/Twitter's card), the tab
title. Plain text and the standard library only, no data model: the hook that gives every
page its preview (macros/share_hooks.py) reads no data, and importing it loads nothing
of the data layer. macros/render/sharing.py builds the data's titles and citations on it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urljoin

# Link previews show about this many characters of a description before they cut it
# themselves, mid-word (Slack, Teams and Confluence cards; Open Graph sets no limit).
PREVIEW_LIMIT = 200

# The site's one preview image (docs/; scripts/link_preview_image.py draws it), square
# for the "summary" card every previewer shows as a thumbnail.
PREVIEW_IMAGE = "assets/images/link-preview.png"
PREVIEW_IMAGE_SIZE = 512
PREVIEW_IMAGE_ALT = "A raised white hand on teal above the words Therapy Billing Code Reference"


@dataclass(frozen=True)
class Site:
    """The published site: its address (mkdocs.yml site_url, maybe a project subpath) and
    its name. Empty values suit pure rendering: addresses then start at the root."""

    url: str = ""
    name: str = ""

    def address(self, path: str) -> str:
        """The canonical absolute address of a site path ('codes/97140/#units'), built the
        way MkDocs builds <link rel="canonical">."""
        if not self.url:
            return "/" + path
        base = self.url if self.url.endswith("/") else self.url + "/"
        return urljoin(base, path)

    @classmethod
    def of(cls, config) -> "Site":
        """The site an MkDocs configuration describes (its site_url and site_name)."""
        return cls(config.site_url or "", config.site_name or "")


_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")


def plain_text(value: str) -> str:
    """Data text without its Markdown emphasis marks, whitespace folded."""
    return " ".join(_EMPHASIS.sub("", value).split())


def shorten(value: str, limit: int = PREVIEW_LIMIT) -> str:
    """Plain text of at most `limit` characters, cut after a whole word, with an ellipsis
    when something was cut."""
    text = plain_text(value)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit - 1]
    return cut.rstrip(" ,;:.–—-") + "…"


def document_title(title: str, site_name: str) -> str:
    """The browser tab's title: 'Page - Site', or the site's name alone on a page that is
    named after the site (the home page)."""
    title = " ".join(title.split())
    if not title or title == site_name or not site_name:
        return title or site_name
    return f"{title} - {site_name}"


@dataclass(frozen=True)
class LinkPreview:
    """What a link preview (Open Graph, and X/Twitter's card) shows for one page."""

    title: str
    description: str
    url: str | None
    site: Site
    home: bool = False

    def tags(self) -> list[tuple[str, str, str]]:
        """(attribute, key, content) of each <meta> tag, in plain text: the template escapes them."""
        tags = [("property", "og:title", self.title),
                ("property", "og:description", shorten(self.description)),
                ("property", "og:type", "website" if self.home else "article"),
                ("property", "og:site_name", self.site.name)]
        if self.url:
            tags.append(("property", "og:url", self.url))
        if self.site.url:
            tags += [("property", "og:image", self.site.address(PREVIEW_IMAGE)),
                     ("property", "og:image:type", "image/png"),
                     ("property", "og:image:width", str(PREVIEW_IMAGE_SIZE)),
                     ("property", "og:image:height", str(PREVIEW_IMAGE_SIZE)),
                     ("property", "og:image:alt", PREVIEW_IMAGE_ALT)]
        return tags + [("name", "twitter:card", "summary")]


def meta_tags(preview: LinkPreview) -> str:
    """The tags as HTML, for pages written without the theme's template."""
    return "\n".join(f'<meta {attribute}="{key}" content="{html.escape(content, quote=True)}">'
                     for attribute, key, content in preview.tags())


# The empty box after each second-level heading with an id, which the page's script fills
# with the heading's "Copy link" button (macros/render/share_blocks.py says why a box).
COPY_TOOLS = '<div class="link-tools"></div>'

# A second-level heading with an id, as Python-Markdown writes it (headings never nest).
_HEADING_WITH_ID = re.compile(r'<h2\b[^>]*\bid="[^"]+"[^>]*>.*?</h2>', re.DOTALL)


def with_copy_tools(page_html: str) -> str:
    """The page's HTML with a copy-button box after every <h2> that has an id."""
    return _HEADING_WITH_ID.sub(lambda heading: heading.group(0) + COPY_TOOLS, page_html)
