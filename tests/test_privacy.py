"""Privacy: the built site makes no request to any host but its own.

Two checks on a strict build of the real site (fixture `site`):

1. Pages are loaded in headless Chromium from a local server, and every request the
   browser makes is recorded at the context level (pages, frames, the search worker).
   The site search is also opened and used on the home page, and the calculator is
   loaded with a visit in its address, so the requests those make are seen too. A
   request to any host other than 127.0.0.1 or localhost fails the test, listing the page
   and the URL (the request is aborted, so the test never depends on the network).
   Which pages: a page requests what its markup and its scripts ask for, and the scripts
   are the same on every page. The browser loads the sample of tests/site_sample.py: a
   page of every kind (a redirect stub included) plus pages until every kind of element
   and every file referenced anywhere in the site has been loaded at least once
   (`test_the_request_sample_covers_the_whole_site`). Loading all 57 pages asked for the
   same files again and again. While the pages load, the search index request is answered
   with an index without documents (indexing the real one on every load cost half the
   time; the index is data, it asks for nothing); the search step gets the real index.
2. Every built HTML, CSS and JavaScript file (all of them, no sample) is scanned for
   references to known third-party services: Google Fonts (fonts.googleapis,
   fonts.gstatic), CDNs (`cdn.`), Google Tag Manager and analytics. In HTML only the parts
   a browser acts on are scanned (tags and their attributes, inline scripts and styles),
   not the words and links of the content, which may legitimately name such hosts (a
   source document hosted on a CDN is a link, not a request). So a reference to another
   host on a page the browser did not load is still found here.

Never skips: a missing Chromium or build is an error.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment

from tests.browser import block_other_hosts
from tests.conftest import ROOT
from tests.site_sample import coverage, sample_pages
from tests.static_server import StaticServer, site_pages

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Schemes that never reach the network.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}

THIRD_PARTY = re.compile(r"fonts\.googleapis|fonts\.gstatic|cdn\.|googletagmanager|analytics", re.I)

# Attributes through which HTML makes the browser fetch something.
FETCHING_ATTRIBUTES = {"src", "srcset", "href", "data", "poster", "action", "formaction",
                       "background", "manifest", "imagesrcset", "ping"}


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


class Traffic:
    """Counts a context's requests in flight, to wait until a page has gone quiet (faster
    than Playwright's 'networkidle', which always waits 500 ms)."""

    def __init__(self, context):
        self.in_flight = 0
        self.last_change = time.monotonic()
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)

    def _started(self, request) -> None:
        self.in_flight += 1
        self.last_change = time.monotonic()

    def _ended(self, request) -> None:
        self.in_flight -= 1
        self.last_change = time.monotonic()

    def settle(self, page, quiet: float = 0.25, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)  # lets Playwright deliver pending events
            if self.in_flight <= 0 and time.monotonic() - self.last_change >= quiet:
                return
        raise AssertionError(f"{page.url}: requests still in flight after {timeout} s")


def requests_to_other_hosts(browser, site: Path, exercise_site_features: bool = True) -> tuple[list[str], set[str]]:
    """Load the sample of a built site's pages (every page of a small site); return
    ('/page: METHOD url (type)' for each request that left the machine, every URL requested)."""
    pages = sample_pages(site, with_redirect=True)
    outside: list[str] = []
    current = {"page": "(before any page)"}
    seen_urls: set[str] = set()

    with StaticServer(site) as server:
        context = browser.new_context()

        def record(request) -> None:
            seen_urls.add(request.url)
            if not _is_local(request.url):
                outside.append(f"/{current['page']}: {request.method} {request.url} ({request.resource_type})")

        context.on("request", record)
        traffic = Traffic(context)
        block_other_hosts(context, lambda request: None)  # never let a request leave the machine
        page = context.new_page()
        page.on("websocket", lambda ws: outside.append(f"/{current['page']}: websocket {ws.url}")
                if not _is_local(ws.url) else None)

        for site_page in pages:
            current["page"] = site_page.url
            page.goto(server.url + site_page.url, wait_until="load")
            traffic.settle(page)

        if exercise_site_features:
            # Search: opening it and typing loads the search index (nothing before that).
            current["page"] = " (search)"
            page.goto(server.url, wait_until="load")
            page.locator("input.md-search__input").click()
            page.keyboard.type("units")
            page.locator(".md-search-result__item").first.wait_for(timeout=15000)
            traffic.settle(page)

            # The calculator with a visit in its address (its script builds the form and results).
            current["page"] = "calculator/?method=medicare (a visit)"
            page.goto(server.url + "calculator/?method=medicare&97110=33&97140=7", wait_until="load")
            traffic.settle(page)
        context.close()
    return outside, seen_urls


def test_the_request_sample_covers_the_whole_site(site):
    """The pages loaded below show every page kind, element kind and referenced file of the
    whole site (redirect stubs included), and are fewer than the site's pages."""
    sample = sample_pages(site, with_redirect=True)
    _, missing = coverage(site, sample, with_redirect=True)
    assert not missing, f"the request sample misses {sorted(missing)[:20]}"
    assert any(page.redirect_to for page in sample), "no redirect stub in the sample"
    assert len(site_pages(site)) > 10 and len(sample) < len(site_pages(site))


def test_no_page_requests_another_host(site, browser):
    assert len(site_pages(site)) > 10, f"the built site at {site} has too few pages"
    outside, seen_urls = requests_to_other_hosts(browser, site)
    assert any("/pagefind/" in url and url.endswith(".pf_fragment") for url in seen_urls), \
        "the search index was never requested: the search check did not run"
    assert not outside, ("pages made requests to other hosts:\n  " + "\n  ".join(sorted(set(outside))))


LEAKY_PAGE = """<!doctype html><html lang="en"><head><title>Leaky</title>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
</head><body><p>Text <img src="https://tracker.invalid/pixel.png" alt=""></p>
<p>A <a href="https://cdn.example.org/report.pdf">link to a report</a> is not a request.</p></body></html>"""


def test_the_checks_catch_a_leaky_page(tmp_path, browser):
    """Both checks report a page that loads a web font and a tracking pixel (and not a link)."""
    (tmp_path / "index.html").write_text(LEAKY_PAGE, encoding="utf-8")
    outside, _ = requests_to_other_hosts(browser, tmp_path, exercise_site_features=False)
    assert any("fonts.googleapis.com" in line for line in outside), outside
    assert any("tracker.invalid/pixel.png" in line for line in outside), outside
    assert not any("report.pdf" in line for line in outside), outside
    scanned = " ".join(text for _, text in _html_fetching_parts(LEAKY_PAGE))
    assert THIRD_PARTY.search(scanned) and "report.pdf" not in scanned


def _html_fetching_parts(html: str) -> list[tuple[str, str]]:
    """(where, text) for each part of an HTML page a browser acts on: attributes that fetch,
    inline scripts and styles, style attributes and meta refresh targets."""
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    parts = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name == "href" and tag.name == "a":
                continue  # a link the reader may follow, not a request
            if name in FETCHING_ATTRIBUTES or name == "style" or name.startswith("on"):
                parts.append((f"<{tag.name} {name}>", value))
            elif tag.name == "meta" and name == "content" and "refresh" in str(tag.get("http-equiv", "")).lower():
                parts.append(("<meta refresh>", value))
        if tag.name in ("script", "style") and tag.string:
            parts.append((f"<{tag.name}> body", tag.string))
    return parts


def test_built_files_name_no_third_party_service(site):
    found: list[str] = []
    checked = {"html": 0, "css": 0, "js": 0}
    for file in sorted(site.rglob("*")):
        if not file.is_file():
            continue
        suffix = file.suffix.lower()
        relative = file.relative_to(site).as_posix()
        if suffix == ".html":
            checked["html"] += 1
            for where, text in _html_fetching_parts(file.read_text(encoding="utf-8")):
                for match in THIRD_PARTY.finditer(text):
                    found.append(f"{relative} {where}: ...{text[max(0, match.start() - 40):match.end() + 40]}...")
        elif suffix in (".css", ".js", ".mjs"):
            checked["css" if suffix == ".css" else "js"] += 1
            text = file.read_text(encoding="utf-8", errors="replace")
            for match in THIRD_PARTY.finditer(text):
                found.append(f"{relative}: ...{text[max(0, match.start() - 40):match.end() + 40]}...")
    assert all(checked.values()), f"nothing to scan in {site}: {checked}"
    assert not found, "third-party references in the built site:\n  " + "\n  ".join(found)


def test_theme_fonts_are_off_in_the_configuration():
    """Material's default loads Google Fonts; the site turns them off (`theme.font: false`)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !ENV tags; read them as plain scalars.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert config["theme"].get("font") is False, "mkdocs.yml must set theme.font: false (no Google Fonts)"
