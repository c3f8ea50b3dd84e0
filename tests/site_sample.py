"""A sample of a built site's pages for the browser checks that need not see every page.

The pages of a kind come from one generator and one template: every code page from
macros/render/code_page.py, every family page from one function, and so on. A browser
check (axe-core, the request log of a page load) finds a problem in the markup a page is
made of, the elements and their classes and the files they load, not in the words
between them. So a sample that holds

1. at least one page of every kind (the home page, the 404 page, each hand-written or
   generated listing page, a code page, a family page, an embeddable code card, a redirect
   stub when asked for),
   and
2. everything a page is made of that occurs anywhere in the site: every kind of element
   (tag with its classes, role and input type), every parent-child pairing of tags, every
   step between heading levels, and every file a page loads (script, stylesheet, image),

puts every piece of markup and every resource in front of the check at least once, while
loading about a third of the pages. When a new kind of page or element appears, the sample
grows by itself. Static checks that are cheap without a browser still read every page
(tests/test_privacy.py, tests/test_hostile_data.py, tests/test_site_pages.py).
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from macros.render.paths import EMBED_ROOT
from tests.static_server import SitePage, site_pages

# <link> relations that make the browser fetch the target (not canonical, prev or next).
_FETCHED_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload",
                  "prefetch", "preconnect", "dns-prefetch"}
_RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def page_kind(page: SitePage) -> str:
    """'codes/97140/' -> 'codes/*', 'families/evaluations/' -> 'families/*', a redirect stub
    -> 'redirect'; any other page is its own kind ('', 'codes/', 'about/', '404.html')."""
    if page.redirect_to is not None:
        return "redirect"
    parts = [part for part in page.url.split("/") if part]
    return f"{parts[0]}/*" if len(parts) >= 2 else page.url


def is_standalone(page: SitePage) -> bool:
    """A page written without Material (the embeddable code cards, macros/render/embed.py):
    no Material script to wait for, its own light and dark colours."""
    return page.url.startswith(EMBED_ROOT + "/")


def _resource(value: str) -> str:
    """A referenced file, independent of the page's depth ('../../assets/x.css' -> 'assets/x.css')."""
    path = value.split("#")[0].split("?")[0]
    while path.startswith(("../", "./")):
        path = path[3:] if path.startswith("../") else path[2:]
    return path


class Marks(HTMLParser):
    """Collects the signatures of one page (see `signatures`). A check that parses every
    page anyway can call its handlers from its own parser (tests/test_hostile_data.py) and
    pass the results to `choose_sample`, so each page is parsed once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self.stack: list[str] = []
        self.last_heading = "start"

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = {name: value or "" for name, value in attrs}
        classes = " ".join(sorted(attributes.get("class", "").split()))
        extra = "".join(f" {name}={attributes[name]}" for name in ("role", "type") if name in attributes)
        self.found.add(f"<{tag} class='{classes}'{extra}>")
        self.found.add(f"{self.stack[-1] if self.stack else 'document'} > {tag}")
        if tag in _HEADINGS:
            self.found.add(f"heading {self.last_heading} then {tag}")
            self.last_heading = tag
        for name in _RESOURCE_ATTRIBUTES & attributes.keys():
            self.found.add("file " + _resource(attributes[name]))
        if tag == "link" and _FETCHED_LINKS & set(attributes.get("rel", "").lower().split()):
            self.found.add("file " + _resource(attributes.get("href", "")))
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:  # close up to the matching element (HTML lets some end tags be implied)
            while self.stack and self.stack.pop() != tag:
                pass


def signatures(html: str) -> frozenset[str]:
    """What a page is made of: each kind of element (tag with its classes, role and input
    type), each parent-child pairing of tags, each step between heading levels in reading
    order, and each file it makes the browser load."""
    parser = Marks()
    parser.feed(html)
    parser.close()
    return frozenset(parser.found)


@lru_cache(maxsize=8)
def _site_marks(root: Path, built: int) -> tuple[tuple[SitePage, ...], dict[str, frozenset[str]]]:
    """Every page of a built site and its signatures, read once for both samples (with and
    without redirect stubs). `built` (the home page's modification time) keys the cache, so
    a rebuild in the same place is read afresh."""
    pages = tuple(site_pages(root))
    return pages, {page.url: signatures(page.file.read_text(encoding="utf-8", errors="replace")) for page in pages}


@lru_cache(maxsize=16)
def _sample(root: Path, with_redirect: bool, built: int) -> tuple[SitePage, ...]:
    every, marks = _site_marks(root, built)
    pages = [page for page in every if with_redirect or page.redirect_to is None]
    return choose_sample(pages, {page.url: marks[page.url] for page in pages})


def choose_sample(pages: list[SitePage], marks: dict[str, frozenset[str]]) -> tuple[SitePage, ...]:
    """The sample of `pages`, given the signatures of each of them (by URL, no other page's),
    sorted by URL."""
    chosen: dict[str, SitePage] = {}
    # 1. One page of every kind: the one with the most kinds of element.
    by_kind: dict[str, list[SitePage]] = {}
    for page in pages:
        by_kind.setdefault(page_kind(page), []).append(page)
    for members in by_kind.values():
        best = max(members, key=lambda page: (len(marks[page.url]), page.url))
        chosen[best.url] = best
    # 2. Then, greedily, the page showing the most kinds of element not seen yet.
    seen = set().union(*(marks[url] for url in chosen))
    missing = set().union(*marks.values()) - seen
    while missing:
        best = max(pages, key=lambda page: (len(marks[page.url] & missing), page.url))
        chosen[best.url] = best
        missing -= marks[best.url]
    return tuple(sorted(chosen.values(), key=lambda page: page.url))


def _cache_key(root: Path | str) -> tuple[Path, int]:
    """The site's folder and the time it was built (see `_site_marks`)."""
    root = Path(root).resolve()
    return root, (root / "index.html").stat().st_mtime_ns


def sample_pages(root: Path | str, with_redirect: bool = False) -> list[SitePage]:
    """The sample (see the module docstring), sorted by URL; redirect stubs only if asked."""
    root, built = _cache_key(root)
    return list(_sample(root, with_redirect, built))


def coverage(root: Path | str, sample: list[SitePage], with_redirect: bool = False) -> tuple[set[str], set[str]]:
    """(every page kind and signature of the site's pages, those the sample does not show);
    redirect stubs count only if asked for."""
    every, marks = _site_marks(*_cache_key(root))  # read once, with the sample
    pages = [page for page in every if with_redirect or page.redirect_to is None]
    everything = {page_kind(page) for page in pages}
    shown = {page_kind(page) for page in sample}
    for page in pages:
        everything |= marks[page.url]
        if page in sample:
            shown |= marks[page.url]
    return everything, everything - shown
