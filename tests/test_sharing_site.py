"""Sharing, in the built site: every page's link preview and tab title, the citations, the
short addresses and the embeddable cards, as MkDocs wrote them (build tier).

The session's build (fixture `site`) is read for the real data; one more build, of a copy
whose site address is a project subpath (as the deploy workflow's GitHub Pages address
is) and whose 97140 title holds a double quote and an ampersand, checks that addresses
keep the subpath and that data cannot break out of an attribute.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from macros.urls import read_url_list
from tests.conftest import QUOTED_TITLE, ROOT, SUBPATH_URL, visible_text
from tests.static_server import site_pages

CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # resolves !ENV as MkDocs does
SITE_URL, SITE_NAME = CONFIG["site_url"], CONFIG["site_name"]
PREVIEW_KEYS = ["og:title", "og:description", "og:url", "og:type", "og:site_name", "og:image", "twitter:card"]


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def plain(value: str) -> str:
    return " ".join(value.split())


def assert_cut_from(description: str, full: str, where: str) -> None:
    """A preview description is the start of the page's own text, cut after a whole word."""
    assert description and len(description) <= 200, f"{where}: {len(description)} characters"
    if description == full:
        return
    assert description.endswith("…"), f"{where}: cut without an ellipsis: {description!r}"
    kept = description.removesuffix("…")
    assert full.startswith(kept), f"{where}: {description!r} is not the start of {full[:80]!r}"
    assert not full[len(kept)].isalnum(), f"{where}: cut inside a word: {description!r}"


# Stubs of the redirects declared in mkdocs.yml (the redirects plugin's): not pages.
DECLARED_REDIRECTS = {old.removesuffix(".md").removesuffix("index") + ("" if old.endswith("index.md") else "/")
                      for plugin in CONFIG["plugins"] if isinstance(plugin, dict) and "redirects" in plugin
                      for old in plugin["redirects"]["redirect_maps"]}


@pytest.fixture(scope="module")
def pages(site, built_page):
    """(site page, parsed HTML) of every page a reader may share: every HTML file but the
    404 page and the declared redirects' stubs (the short addresses are included)."""
    return [(page, built_page(page.url))
            for page in site_pages(site) if page.url != "404.html" and page.url not in DECLARED_REDIRECTS]


def test_every_page_carries_a_link_preview_of_its_own(pages, site):
    assert len(pages) > 100
    for page, soup in pages:
        where = f"/{page.url}"
        missing = [key for key in PREVIEW_KEYS if not meta(soup, key)]
        assert not missing, f"{where} lacks {missing}"
        canonical = soup.find("link", rel="canonical")["href"]
        assert meta(soup, "og:url") == canonical and canonical.startswith(SITE_URL), where
        assert meta(soup, "og:site_name") == SITE_NAME and meta(soup, "twitter:card") == "summary", where
        assert meta(soup, "og:type") == ("website" if page.url == "" else "article"), where
        image = meta(soup, "og:image")
        assert image.startswith(SITE_URL) and (site / image.removeprefix(SITE_URL)).is_file(), where


def test_pages_are_previewed_with_their_own_title_and_summary(pages, catalog):
    previewed = 0
    for page, soup in pages:
        match = re.fullmatch(r"codes/([^/]+)/", page.url)
        if match and match.group(1) in catalog.codes:
            code = catalog.codes[match.group(1)]
            title, text = f"{code.code} · {code.title}", plain(code.summary.text)
        elif page.redirect_to is None and not page.url.startswith("embed/") and not match:
            # Other pages: their front matter (the <meta name="description"> Material writes).
            title, text = None, plain(soup.find("meta", attrs={"name": "description"})["content"])
        else:
            continue
        if title:
            assert meta(soup, "og:title") == title, f"/{page.url}"
        assert_cut_from(meta(soup, "og:description"), text, f"/{page.url}")
        previewed += 1
    assert previewed >= len(catalog.codes) + 10


def test_the_tab_title_names_the_site_once(built_page):
    assert built_page("").title.string == SITE_NAME
    assert built_page("codes/97140/").title.string == f"97140 · Manual therapy techniques - {SITE_NAME}"
    assert built_page("faq/").title.string == f"Frequently asked questions - {SITE_NAME}"


def test_code_pages_and_faq_answers_offer_citations_the_api_repeats(built_page, site, catalog):
    for code in catalog.data.codes:
        box = built_page(f"codes/{code.code}/").select_one("#cite ~ .cite-box")
        assert box is not None, f"/codes/{code.code}/ has no citation"
        record = json.loads((site / "api" / "v1" / "codes" / f"{code.code}.json").read_text(encoding="utf-8"))
        reviewed = f"{code.last_reviewed:%B} {code.last_reviewed.day}, {code.last_reviewed.year}"
        expected = (f"“{code.code} · {plain(code.title)}.” {SITE_NAME}. {SITE_URL}codes/{code.code}/. "
                    f"Last reviewed {reviewed}.")
        assert record["citation"]["text"] == expected
        # On the page, the reader fills in the day (the script does it when it runs).
        assert visible_text(box.select_one(".cite-box__text")) == expected + " Accessed <date you read it>."
        assert visible_text(box.select_one("pre")) == record["citation"]["markdown"]
    faq = built_page("faq/")
    for entry in catalog.data.faq:
        box = faq.find(id=entry.id).find_next("details", class_="cite-box")
        assert f"{SITE_URL}faq/#{entry.id}" in visible_text(box), entry.id


def test_without_scripts_nothing_is_offered_that_does_nothing(built_page):
    """The copy buttons come from links.js; the static page has the permalinks instead, and
    only the empty boxes the buttons go into (links.css shows them only while scripts run)."""
    for path in ["codes/97140/", "faq/"]:
        page = built_page(path)
        assert not page.select("article button, .link-tools__copy, .link-tools *"), path
        assert all(not box.contents for box in page.select(".link-tools")), path
    page = built_page("codes/97140/")
    assert page.select_one("h2#units a.headerlink")["href"] == "#units"


def test_every_heading_and_copied_block_has_the_box_its_button_goes_into(built_page):
    """links.js fills the box after each <h2 id> and each [data-copy-label] element, so the
    buttons appearing move nothing (tests/test_sharing_browser.py measures it)."""
    for path in ["codes/97140/", "faq/", "techniques/", "modifiers/"]:
        page = built_page(path)
        article = page.select_one("article")
        copied = [*article.select("h2[id]"), *article.select("[data-copy-label]")]
        assert copied, path
        for element in copied:
            box = element.find_next_sibling()
            assert box is not None and box.get("class") == ["link-tools"] and not box.contents, \
                f"/{path}: no empty box after {element.name}#{element.get('id') or element.get('class')}"


def test_every_code_has_a_short_address_that_lands_on_its_page(site, catalog):
    listed = set(read_url_list())
    for code in [*catalog.data.codes, *catalog.data.retired_codes]:
        html = (site / code.code / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
        target = refresh.split("url=", 1)[1]
        landed = posixpath.normpath(posixpath.join(code.code, target))
        assert landed == f"codes/{code.code}", f"/{code.code}/ redirects to {target}"
        assert (site / landed / "index.html").is_file()
        assert f'"{target}"' in soup.script.string and "location.hash" in soup.script.string
        assert soup.find("a", href=target), f"/{code.code}/ has no link to follow"
        assert soup.find("link", rel="canonical")["href"] == f"{SITE_URL}codes/{code.code}/"
        assert f"/{code.code}/" in listed, f"/{code.code}/ is not in public-urls.txt"


def test_every_current_code_has_an_embeddable_card(site, catalog):
    listed = set(read_url_list())
    for code in catalog.data.codes:
        path = f"embed/codes/{code.code}/"
        soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        text = visible_text(soup.body)
        assert f"{code.code} {plain(code.title)}" in text and plain(code.summary.text) in text, path
        link = soup.find("a", target="_top")
        assert posixpath.normpath(posixpath.join(path, link["href"])) == f"codes/{code.code}", path
        assert not soup.find(["script", "img", "iframe"]) and not soup.find("link", rel="stylesheet"), path
        assert f"/{path}" in listed, f"/{path} is not in public-urls.txt"
    for retired in catalog.data.retired_codes:
        assert not (site / "embed" / "codes" / retired.code).exists(), "a retired code has no card"


def test_the_code_page_shows_the_snippet_that_frames_its_card(built_page):
    snippet = visible_text(built_page("codes/97140/").select_one("pre.embed-snippet"))
    frame = BeautifulSoup(snippet, "html.parser").iframe
    assert frame["src"] == f"{SITE_URL}embed/codes/97140/"
    assert frame["title"].startswith("97140 · Manual therapy techniques")
    assert (frame["width"], frame["height"]) == ("480", "320")


# --- A project-site address, and a title with a quote ----------------------------------------

@pytest.fixture(scope="module")
def subpath_site(edited_build) -> Path:
    return edited_build.site


def test_a_quote_in_the_data_stays_inside_its_attribute(subpath_site):
    for path in ("codes/97140/index.html", "97140/index.html", "embed/codes/97140/index.html"):
        soup = BeautifulSoup((subpath_site / path).read_text(encoding="utf-8"), "html.parser")
        assert meta(soup, "og:title") == f"97140 · {QUOTED_TITLE}", path
        assert soup.title.string.startswith(f"97140 · {QUOTED_TITLE}"), path
        for tag in soup.find_all("meta"):
            assert set(tag.attrs) <= {"charset", "name", "property", "content", "http-equiv"}, (path, tag.attrs)


def test_addresses_keep_the_project_subpath(subpath_site):
    page = BeautifulSoup((subpath_site / "codes/97140/index.html").read_text(encoding="utf-8"), "html.parser")
    assert meta(page, "og:url") == f"{SUBPATH_URL}codes/97140/"
    assert meta(page, "og:image").startswith(SUBPATH_URL)
    assert f"{SUBPATH_URL}codes/97140/." in visible_text(page.select_one(".cite-box__text"))
    snippet = BeautifulSoup(visible_text(page.select_one("pre.embed-snippet")), "html.parser")
    assert snippet.iframe["src"] == f"{SUBPATH_URL}embed/codes/97140/"
    record = json.loads((subpath_site / "api/v1/codes/97140.json").read_text(encoding="utf-8"))
    assert f"({SUBPATH_URL}codes/97140/)" in record["citation"]["markdown"]
    stub = BeautifulSoup((subpath_site / "97140/index.html").read_text(encoding="utf-8"), "html.parser")
    assert stub.find("link", rel="canonical")["href"] == f"{SUBPATH_URL}codes/97140/"
    # Relative targets work under any prefix the site is served at.
    assert stub.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../codes/97140/"
