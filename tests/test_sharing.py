"""Sharing a page, on its own: canonical addresses, link previews, citations, the embed
card, the short addresses and the printed code page's sections, from
tests/fixtures/valid-minimal.yaml (pure functions; no build, no browser).

Every expected value is written here from the fixture's data and the published formats
('97110 · Exercise', 'Last reviewed January 15, 2026'), never taken from a renderer.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.catalog import Catalog, load_catalog
from macros.export import export_files
from macros.render.code_page import PRINTED_SECTIONS, SECTION_ANCHORS, code_page
from macros.render.embed import embed_pages
from macros.render.listings import faq_page
from macros.render.page_head import COPY_TOOLS, LinkPreview, Site, document_title, shorten, with_copy_tools
from macros.render.sharing import Citation
from macros.render.short_links import moved_code_pages, short_link_pages
from macros.site import generated_pages
from macros.urls import public_urls

FIXTURE = Path(__file__).parent / "fixtures" / "valid-minimal.yaml"
# A project site on GitHub Pages lives under a subpath: addresses must keep it.
SITE = Site("https://example.org/reference/", "Example Reference")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FIXTURE)


class _Tags(HTMLParser):
    """Start tags with their attributes, in order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data) -> None:
        self.text.append(data)

    def all(self, tag: str, **attributes: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags
                if name == tag and all(attrs.get(key.replace("_", "-")) == value for key, value in attributes.items())]

    def meta(self, key: str) -> str | None:
        found = [attrs["content"] for name, attrs in self.tags
                 if name == "meta" and key in (attrs.get("property"), attrs.get("name"))]
        return found[0] if found else None

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())


# --- Addresses, titles, descriptions -----------------------------------------------------

def test_addresses_keep_the_project_subpath():
    assert SITE.address("codes/97110/#units") == "https://example.org/reference/codes/97110/#units"
    assert Site("https://example.org/reference").address("faq/") == "https://example.org/reference/faq/"
    assert Site("https://example.org/").address("") == "https://example.org/"
    assert Site().address("codes/97110/") == "/codes/97110/"


def test_a_long_description_is_cut_after_a_whole_word_with_an_ellipsis():
    words = "Manual therapy is skilled *hands-on* work " * 12
    short = shorten(words)
    assert len(short) <= 200 and short.endswith("…")
    assert "*" not in short, "Markdown emphasis marks are not plain text"
    kept = short.removesuffix("…").split()
    assert kept == ("Manual therapy is skilled hands-on work".split() * 12)[:len(kept)], "cut after a whole word"
    assert len(" ".join(kept)) > 190, "the cut keeps as many whole words as fit"


def test_a_short_description_is_kept_whole():
    assert shorten("Exercise to build _strength_.") == "Exercise to build strength."


def test_the_tab_names_the_site_once():
    assert document_title("Example Reference", "Example Reference") == "Example Reference"
    assert document_title("FAQ", "Example Reference") == "FAQ - Example Reference"


def test_a_preview_names_the_page_its_address_and_the_site_image():
    tags = {key: content for _, key, content in
            LinkPreview("97110 · Exercise", "Exercise to build strength.", SITE.address("codes/97110/"), SITE).tags()}
    assert tags["og:title"] == "97110 · Exercise"
    assert tags["og:description"] == "Exercise to build strength."
    assert tags["og:url"] == "https://example.org/reference/codes/97110/"
    assert tags["og:type"] == "article" and tags["og:site_name"] == "Example Reference"
    assert tags["twitter:card"] == "summary"
    assert tags["og:image"].startswith("https://example.org/reference/assets/") and tags["og:image"].endswith(".png")
    assert (Path(__file__).parents[1] / "docs" / tags["og:image"].removeprefix(SITE.url)).is_file()
    home = {key: content for _, key, content in LinkPreview("Example", "x", SITE.url, SITE, home=True).tags()}
    assert home["og:type"] == "website"


# --- Citations -------------------------------------------------------------------------------

def test_a_citation_names_title_address_and_review_date(catalog):
    citation = Citation("97110 · Exercise", "https://example.org/reference/codes/97110/",
                        catalog.codes["97110"].last_reviewed, "Example Reference")
    assert citation.text() == ("“97110 · Exercise.” Example Reference. "
                               "https://example.org/reference/codes/97110/. Last reviewed January 15, 2026.")
    assert citation.text("March 2, 2026").endswith("Last reviewed January 15, 2026. Accessed March 2, 2026.")
    assert citation.markdown() == ("[97110 · Exercise](https://example.org/reference/codes/97110/) "
                                   "(Example Reference, last reviewed January 15, 2026)")


def test_a_question_keeps_its_mark_and_brackets_do_not_break_the_markdown_link(catalog):
    day = catalog.faq["units-question"].last_reviewed
    assert Citation("How many units?", "https://x.test/faq/#q", day).text().startswith("“How many units?” ")
    assert Citation("A [draft] title", "https://x.test/", day).markdown().startswith(r"[A \[draft\] title](")


def test_the_code_page_offers_its_citation_and_embed_snippet(catalog):
    markdown = code_page(catalog, catalog.codes["97110"], site=SITE)
    cite = markdown.split("{#cite")[1].split("{#embed")[0]
    assert ("“97110 · Exercise.” Example Reference. https://example.org/reference/codes/97110/. "
            "Last reviewed January 15, 2026.") in cite
    assert "Accessed &lt;date you read it&gt;." in cite
    assert "(https://example.org/reference/codes/97110/) (Example Reference, last reviewed January 15, 2026)" in cite
    embed = markdown.split("{#embed")[1].split("{#sources}")[0]
    assert "&lt;iframe src=&quot;https://example.org/reference/embed/codes/97110/&quot;" in embed
    assert 'href="../../embed/codes/97110/"' in embed


def test_each_faq_answer_offers_its_citation(catalog):
    markdown = faq_page(catalog, site=SITE)
    entry = markdown.split("{#units-question}")[1]
    assert "<summary>Cite this answer</summary>" in entry
    assert "“How many units?” Example Reference. https://example.org/reference/faq/#units-question." in entry


def test_the_api_record_carries_the_pages_citation_without_the_accessed_date(catalog):
    record = json.loads(export_files(catalog, SITE)["api/v1/codes/97110.json"])
    assert record["citation"] == {
        "text": "“97110 · Exercise.” Example Reference. https://example.org/reference/codes/97110/. "
                "Last reviewed January 15, 2026.",
        "markdown": "[97110 · Exercise](https://example.org/reference/codes/97110/) "
                    "(Example Reference, last reviewed January 15, 2026)"}
    page = code_page(catalog, catalog.codes["97110"], site=SITE)
    assert record["citation"]["text"] in page.replace("&quot;", '"')


# --- Printing --------------------------------------------------------------------------------

def test_a_printed_code_page_keeps_the_one_pager_sections_and_leaves_out_the_rest(catalog):
    markdown = code_page(catalog, catalog.codes["97110"], site=SITE)
    headings = re.findall(r'^(?:<section class="code-section"( data-print="omit")[^>]* markdown>\n\n)?'
                          r'## .*\{#([a-z-]+)[^}]*\}$', markdown, flags=re.M)
    assert [anchor for _, anchor in headings] == list(SECTION_ANCHORS)
    printed = {anchor for omit, anchor in headings if not omit}
    assert printed == {"covers", "units", "medicare", "commercial", "documentation", "sources"} == PRINTED_SECTIONS
    foot = _Tags(markdown.split('class="print-only print-address"')[1].split("</p>")[0].split(">", 1)[1]).visible
    assert foot == "97110 · Exercise: https://example.org/reference/codes/97110/"


def _front_matter(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---\n")[1])


def test_a_code_pages_preview_is_in_its_front_matter_where_the_page_hook_reads_it(catalog):
    """The preview of a code page, current or retired, travels in the page itself, so the
    hook that renders every page's preview (macros/share_hooks.py) reads no data."""
    from macros import share_hooks

    pages = generated_pages(catalog, site=SITE)
    current, retired = _front_matter(pages["codes/97110.md"]), _front_matter(pages["codes/97001.md"])
    assert current["link_preview"] == {"title": "97110 · Exercise", "description": "Exercise to build strength."}
    assert retired["link_preview"] == {"title": "97001 · Old evaluation (retired)",
                                       "description": "Replaced by the newer code."}
    assert "link_preview" not in _front_matter(pages["faq.md"])  # a page's own title and description

    class Config:
        site_url, site_name, site_description = SITE.url, SITE.name, "The site."

    class Page:
        meta, title, canonical_url, is_homepage = current, "unused", SITE.address("codes/97110/"), False

    context = share_hooks.on_page_context({}, Page, Config, None)
    tags = {key: content for _, key, content in context["link_preview"].tags()}
    assert tags["og:title"] == "97110 · Exercise" and tags["og:description"] == "Exercise to build strength."
    assert context["document_title"] == "97110 · Exercise - Example Reference"
    Page.meta = {"title": "Frequently asked questions"}
    context = share_hooks.on_page_context({}, Page, Config, None)
    tags = {key: content for _, key, content in context["link_preview"].tags()}
    assert tags["og:title"] == "Frequently asked questions" and tags["og:description"] == "The site."


def test_a_malformed_preview_in_front_matter_stops_the_build_naming_the_page():
    from mkdocs.exceptions import PluginError

    from macros import share_hooks

    class File:
        src_uri = "about.md"

    class Page:
        meta, title, canonical_url, is_homepage, file = {}, "About", None, False, File

    class Config:
        site_url, site_name, site_description = "", "", ""

    for wrong in ("A title", {"titel": "A title"}):
        Page.meta = {"link_preview": wrong}
        with pytest.raises(PluginError, match=r"docs/about\.md: front matter 'link_preview' must be a mapping"):
            share_hooks.on_page_context({}, Page, Config, None)


# --- Short addresses -------------------------------------------------------------------------

def test_every_code_current_or_retired_has_a_short_address_that_keeps_the_anchor(catalog):
    pages = short_link_pages(catalog, SITE)
    assert set(pages) == {"97110/index.html", "97530/index.html", "97001/index.html"}
    stub = _Tags(pages["97110/index.html"])
    assert stub.all("link", rel="canonical")[0]["href"] == "https://example.org/reference/codes/97110/"
    assert stub.all("meta", http_equiv="refresh")[0]["content"] == "0; url=../codes/97110/"
    assert stub.all("a")[0]["href"] == "../codes/97110/"
    script = pages["97110/index.html"].split("<script>")[1].split("</script>")[0]
    assert script == 'location.replace("../codes/97110/" + location.hash)'
    assert stub.meta("og:title") == "97110 · Exercise" and stub.meta("og:url") == SITE.address("codes/97110/")
    assert _Tags(pages["97001/index.html"]).meta("og:title") == "97001 · Old evaluation (retired)"


def test_the_citation_and_embed_sections_stay_out_of_the_search_index(catalog):
    markdown = code_page(catalog, catalog.codes["97110"], site=SITE)
    ignored = re.findall(r'<section class="code-section"[^>]*data-pagefind-ignore[^>]*>\s*## [^\n]*\{#([a-z-]+)', markdown)
    assert ignored == ["cite", "embed"], ignored
    assert re.search(r"^## Units and time \{#units[ }]", markdown, flags=re.M)


def test_short_addresses_and_cards_are_public_urls(catalog):
    urls = set(public_urls(catalog))
    assert {"97110/", "97530/", "97001/", "embed/codes/97110/", "embed/codes/97530/"} <= urls
    assert "embed/codes/97001/" not in urls, "a retired code has no card"


# --- Embeddable card -------------------------------------------------------------------------

def test_the_card_shows_the_code_and_links_to_its_page_from_the_frame(catalog):
    cards = embed_pages(catalog.data.codes, SITE, "Not advice.")
    assert set(cards) == {"embed/codes/97110/index.html", "embed/codes/97530/index.html"}
    html = cards["embed/codes/97110/index.html"]
    card = _Tags(html)
    for shown in ("97110 Exercise", "Exercise to build strength.", "Timed: units of 15 minutes",
                  "Payable by Medicare when its conditions are met", "Last reviewed January 15, 2026.", "Not advice."):
        assert shown in card.visible, shown
    link = card.all("a")[0]
    assert link["href"] == "../../../codes/97110/" and link["target"] == "_top"
    assert card.all("time")[0]["datetime"] == "2026-01-15"
    assert card.all("link", rel="canonical")[0]["href"] == "https://example.org/reference/codes/97110/"
    # Self-contained and frameable: no script, no file to fetch, nothing that forbids framing.
    assert not card.all("script") and not card.all("img") and not card.all("link", rel="stylesheet")
    assert "http-equiv" not in html.lower() and "frame-ancestors" not in html and "X-Frame-Options" not in html
    assert "prefers-color-scheme: dark" in html


def test_generated_pages_pass_the_site_to_code_and_faq_pages(catalog):
    pages = generated_pages(catalog, site=SITE)
    assert "https://example.org/reference/codes/97530/" in pages["codes/97530.md"]
    assert "https://example.org/reference/faq/#units-question" in pages["faq.md"]


def test_a_removed_code_keeps_its_short_and_card_addresses_through_its_redirect():
    pages = moved_code_pages(["97002"], SITE)
    assert set(pages) == {"97002/index.html", "embed/codes/97002/index.html"}
    for path, target in (("97002/index.html", "../codes/97002/"), ("embed/codes/97002/index.html",
                                                                   "../../../codes/97002/")):
        stub = _Tags(pages[path])
        assert stub.all("meta", http_equiv="refresh")[0]["content"] == f"0; url={target}", path
        assert stub.all("link", rel="canonical")[0]["href"] == "https://example.org/reference/codes/97002/"


def test_each_heading_with_an_anchor_gets_the_empty_box_of_its_copy_button():
    page = ('<h1 id="top">Title</h1><h2 id="units">Units<a class="headerlink" href="#units">¶</a></h2>\n'
            "<p>Text</p>\n<h2>No anchor</h2>\n<h2 data-pagefind-weight=\"2\" id=\"faq\">Questions\n</h2><h3 id=\"x\">X</h3>")
    assert with_copy_tools(page) == (
        '<h1 id="top">Title</h1><h2 id="units">Units<a class="headerlink" href="#units">¶</a></h2>' + COPY_TOOLS +
        "\n<p>Text</p>\n<h2>No anchor</h2>\n<h2 data-pagefind-weight=\"2\" id=\"faq\">Questions\n</h2>" + COPY_TOOLS +
        '<h3 id="x">X</h3>')
    assert COPY_TOOLS == '<div class="link-tools"></div>'
