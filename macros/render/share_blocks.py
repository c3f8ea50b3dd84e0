"""Blocks of page markup for sharing a page: the citation box (code pages, FAQ entries),
the embed snippet (code pages) and the address a printed code page names at its foot.

Each is kept out of the search index: it repeats the page's title and address, which
would otherwise rank a FAQ answer above the page a search is for.

Raw HTML, each a single block without blank lines, so Markdown leaves it as written. The
copy buttons are added by docs/assets/javascripts/links.js to every element with
`data-copy-label`, and a "Copy link" button under every second-level heading with an id;
without scripts the text is there to select by hand.

Each of those buttons goes into an empty box the page already has right after the element
(COPY_TOOLS, macros/render/page_head.py; after the headings, with_copy_tools adds it to
every page). While scripts run, the box keeps the button's height before the button is in it
(links.css), so filling it moves nothing on the screen. Filling a box also restyles only the
box, where inserting a new element into the article restyled all of the article's content:
Material's stylesheet has rules such as `table:not([class]) + *`, so an element added next
to others invalidates the style of everything its parent holds.
"""

from __future__ import annotations

import html
import posixpath

from .embed import EMBED_HEIGHT, EMBED_WIDTH
from .markup import NOT_INDEXED, escape
from .page_head import COPY_TOOLS, Site
from .paths import embed_url
from .sharing import ACCESSED_PLACEHOLDER, Citation, code_title


def cite_box(citation: Citation, folded: str | None = None) -> list[str]:
    """The citation as text (its accessed date filled in by the script) and as a Markdown
    link. With `folded` ('Cite this answer'), inside a <details> with that summary."""
    parts = [f'<p class="cite-box__text" data-copy-label="Copy citation">{escape(citation.text())} '
             f'<span class="cite-box__accessed" data-accessed>{escape(f"Accessed {ACCESSED_PLACEHOLDER}.")}</span></p>',
             COPY_TOOLS,
             '<p class="cite-box__label">As a Markdown link:</p>',
             f'<pre class="cite-box__markdown" data-copy-label="Copy Markdown link"><code>'
             f"{escape(citation.markdown())}</code></pre>", COPY_TOOLS]
    if folded:
        summary = f"<summary>{escape(folded)}</summary>"
        return [f'<details class="cite-box" {NOT_INDEXED}>{summary}{"".join(parts)}</details>', ""]
    return [f'<div class="cite-box" {NOT_INDEXED}>{"".join(parts)}</div>', ""]


def embed_snippet(site: Site, code: str, title: str) -> str:
    """The <iframe> a clinic pastes into its own page to show the code's card."""
    name = code_title(code, title) + (f" ({site.name})" if site.name else "")
    return (f'<iframe src="{html.escape(site.address(embed_url(code)))}" title="{html.escape(name)}" '
            f'width="{EMBED_WIDTH}" height="{EMBED_HEIGHT}" style="border:0;max-width:100%" loading="lazy"></iframe>')


def embed_box(site: Site, page_dir: str, code: str, title: str) -> list[str]:
    """The snippet to copy, and a link to the card itself (relative to the page's directory,
    e.g. 'codes/97140/')."""
    card = posixpath.relpath(embed_url(code), page_dir) + "/"
    return [f'<pre class="embed-snippet" data-copy-label="Copy embed code" {NOT_INDEXED}><code>'
            f"{escape(embed_snippet(site, code, title))}</code></pre>", "", COPY_TOOLS, "",
            f'<p><a href="{card}">Open the card on its own</a> to see what the embed shows.</p>', ""]


def print_address(title: str, url: str) -> list[str]:
    """A printed page's foot names the page and its address (hidden on screen)."""
    return [f'<p class="print-only print-address" {NOT_INDEXED}>{escape(title)}: {escape(url)}</p>', ""]
