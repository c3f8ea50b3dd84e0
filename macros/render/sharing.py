"""How a page is shared: its canonical address, its link preview and its citation.

Clinic wikis (Confluence, Notion, SharePoint, GitHub wikis, Google Docs) link to the site,
unfurl its pages into previews and paste citations of them into policies. Everything here
is plain text built from the data and the site's address; the template and the renderers
escape it where it goes into markup.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from ..catalog import Catalog
from ..model import Code, RetiredCode
from .labels import RETIRED_LABEL
from .markup import plain_date, site_path
from .paths import code_page_path

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


# --- Titles and descriptions ---------------------------------------------------------------

def code_title(code: str, title: str) -> str:
    """'97140 · Manual therapy techniques': a code as previews, citations and cards name it."""
    return f"{code} · {' '.join(title.split())}"


def retired_title(code: str, title: str) -> str:
    return f"{code_title(code, title)} ({RETIRED_LABEL})"


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


def code_preview(code: Code) -> tuple[str, str]:
    """(title, description) of a code page's link preview: '97140 · title' and the code's
    own summary. Written into the page's front matter (macros/render/markup.py), so the
    build reads it from the page like any other page's (macros/share_hooks.py)."""
    return code_title(code.code, code.title), code.summary.text


def retired_preview(retired: RetiredCode) -> tuple[str, str]:
    """(title, description) of a retired code's page preview: its title marked retired, and
    what the record says of it."""
    return retired_title(retired.code, retired.title), retired.text


def data_titles(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Page source path -> (title, description) of the pages whose preview is taken from
    their record (each code page, current or retired), for the pages written beside the
    site (the short addresses)."""
    titles = {code_page_path(code.code): code_preview(code) for code in catalog.data.codes}
    titles.update({code_page_path(retired.code): retired_preview(retired) for retired in catalog.data.retired_codes})
    return titles


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


# --- Citations -----------------------------------------------------------------------------

# What a citation on a page says in place of the day it was read; the page's script puts
# today's date there (docs/assets/javascripts/links.js).
ACCESSED_PLACEHOLDER = "<date you read it>"

def _titled(title: str) -> str:
    """A title as a citation quotes it: ending in a full stop unless it ends in one already
    (a question keeps its question mark)."""
    title = plain_text(title)
    return title if title.endswith((".", "?", "!")) else title + "."


_MARKDOWN_LINK_TEXT = str.maketrans({"[": "\\[", "]": "\\]", "\\": "\\\\"})


@dataclass(frozen=True)
class Citation:
    """A short citation of a page or of one record on it."""

    title: str
    url: str
    reviewed: dt.date
    site_name: str = ""

    def text(self, accessed: str | None = None) -> str:
        """'“97140 · Manual therapy techniques.” Site. URL. Last reviewed November 28, 2026.'
        and, when given, the day the reader accessed it."""
        parts = [f"“{_titled(self.title)}”", f"{self.site_name}." if self.site_name else "", f"{self.url}.",
                 f"Last reviewed {plain_date(self.reviewed)}."]
        if accessed:
            parts.append(f"Accessed {accessed}.")
        return " ".join(part for part in parts if part)

    def markdown(self) -> str:
        """'[title](URL) (Site, last reviewed November 28, 2026)': for wikis that take Markdown."""
        label = plain_text(self.title).translate(_MARKDOWN_LINK_TEXT)
        where = f"{self.site_name}, last reviewed" if self.site_name else "Last reviewed"
        return f"[{label}]({self.url}) ({where} {plain_date(self.reviewed)})"


def code_citation(code: Code, site: Site) -> Citation:
    """The citation of a code's page: the same on the page and in its API record."""
    return Citation(code_title(code.code, code.title), site.address(site_path(code_page_path(code.code))),
                    code.last_reviewed, site.name)
