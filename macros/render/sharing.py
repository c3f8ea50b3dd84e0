"""How a page is shared: its canonical address, its link preview and its citation.

Clinic wikis (Confluence, Notion, SharePoint, GitHub wikis, Google Docs) link to the site,
unfurl its pages into previews and paste citations of them into policies. Everything here
is plain text built from the data and the site's address; the template and the renderers
escape it where it goes into markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..catalog import Catalog
from ..model import Code, RetiredCode
from .labels import RETIRED_LABEL
from .markup import plain_date, site_path
from .paths import code_page_path
from .page_head import Site, plain_text

# --- Titles and descriptions ---------------------------------------------------------------

def code_title(code: str, title: str) -> str:
    """'97140 · Manual therapy techniques': a code as previews, citations and cards name it."""
    return f"{code} · {' '.join(title.split())}"


def retired_title(code: str, title: str) -> str:
    return f"{code_title(code, title)} ({RETIRED_LABEL})"


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
