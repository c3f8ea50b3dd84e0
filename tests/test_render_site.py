"""The built site (strict build of the real data): myths never read as facts, every page
that shows confidence marks explains them, the technique finder is reachable, the About
page states the rating rule from its one definition, and yearly figures name their
latest year. The renderers themselves are tested without a build in test_render.py."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from macros.export import API_ROOT
from macros.model import AUTHORITIES, CONFIDENCE_RULE, READINGS
from tests.conftest import section, visible_text


def _folded(value: str) -> str:
    return " ".join(value.split())


def pagefind_record(fragment: Path) -> dict:
    """One record of the Pagefind index: a gzip'd JSON document after a short signature."""
    raw = gzip.decompress(fragment.read_bytes())
    return json.loads(raw[raw.index(b"{"):])


def _unlabelled(text: str, claims: list[str]) -> list[str]:
    """Places in a text where a misconception's claim (or its first 40 characters, as
    shortened labels show it) stands without "Myth: " right before it."""
    found = []
    for claim in claims:
        needle = claim[:40]
        for match in re.finditer(re.escape(needle), text):
            if not text[:match.start()].endswith("Myth: "):
                found.append(f"...{text[max(0, match.start() - 30):match.start() + 50]}...")
    return found


def test_misconceptions_never_appear_without_their_myth_label(site, built_page, catalog):
    claims = [_folded(item.claim) for item in catalog.data.misconceptions]
    assert claims, "the data has no misconceptions to check"
    problems = []
    # Every built page, headings, table of contents and links included.
    for file in sorted(site.rglob("*.html")):
        text = _folded(built_page(file.relative_to(site).as_posix()).get_text(" "))
        problems += [f"/{file.relative_to(site)}: {place}" for place in _unlabelled(text, claims)]
    # The headings themselves: the anchor's text starts with the label.
    page = BeautifulSoup((site / "misconceptions" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for item in catalog.data.misconceptions:
        heading = page.find(id=item.id)
        assert heading is not None and heading.name == "h2", f"/misconceptions/ lacks #{item.id}"
        assert visible_text(heading).startswith(f"Myth: {_folded(item.claim)}")
    # The search index: every record Pagefind stores (title and text) of every page.
    fragments = sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, "the build wrote no search index"
    myth_records = 0
    for fragment in fragments:
        record = pagefind_record(fragment)
        for field, value in (("title", record.get("meta", {}).get("title", "")), ("text", record["content"])):
            found = _unlabelled(_folded(value), claims)
            problems += [f"search index {record['url']} {field}: {place}" for place in found]
        myth_records += record["content"].startswith("Myth: ")
    assert myth_records >= len(claims), "the search index has no labelled record for some misconceptions"
    # The API: the misconception records carry the label; no other file names a myth bare.
    for file in sorted((site / API_ROOT).rglob("*.json")):
        document = json.loads(file.read_text(encoding="utf-8"))
        if file.name == "misconceptions.json":
            records = document["misconceptions"]
            assert [r["id"] for r in records] == [item.id for item in catalog.data.misconceptions]
            for record in records:
                assert record["label"] == "Myth" and record["heading"] == f"Myth: {record['claim']}", record["id"]
        else:
            problems += [f"{file.relative_to(site)}: {place}"
                         for place in _unlabelled(json.dumps(document, ensure_ascii=False), claims)]
    assert not problems, "a misconception shown without its Myth label:\n" + "\n".join(problems[:20])


def test_the_myth_check_catches_an_unlabelled_claim():
    claims = ["Massage is always billed with 97124 whoever gives it."]
    assert _unlabelled("Myth: Massage is always billed with 97124 whoever gives it.", claims) == []
    assert _unlabelled("1. Massage is always billed with 97124 whoever gives it.", claims)


def test_every_page_that_shows_confidence_marks_explains_them(site, built_page):
    missing = []
    pages_with_marks = 0
    for file in sorted(site.rglob("*.html")):
        article = built_page(file.relative_to(site).as_posix()).find("article")
        if article is None:
            continue
        legend = article.select_one(".confidence-legend")
        in_legend = {id(a) for a in legend.find_all("a")} if legend is not None else set()
        marks = [a for a in article.select("a.confidence") if id(a) not in in_legend]  # Tag == compares content
        if not marks:
            continue
        pages_with_marks += 1
        if legend is None:
            missing.append(f"/{file.relative_to(site)}")
            continue
        links = legend.select("a.confidence")
        assert {visible_text(a) for a in links} == {"✓ verified", "partly verified"}, file
        url = "/" + file.relative_to(site).as_posix()
        assert all(urljoin(url, a["href"]) == "/about/#confidence" for a in links), file
    assert pages_with_marks > 30, "hardly any page shows confidence marks: the check did not run"
    assert not missing, "pages with confidence marks but no legend:\n" + "\n".join(missing)


def test_technique_finder_is_in_the_navigation_after_compare_codes(built_page, catalog):
    nav = built_page("techniques/").select_one("nav.md-nav--primary")
    titles = [visible_text(a) for a in nav.select(":scope > ul > li > a, :scope > ul > li > label")]
    titles = [t for t in titles if t]
    assert titles.index("Technique finder") == titles.index("Compare codes") + 1, titles
    page = built_page("techniques/")
    assert visible_text(page.find("h1")).startswith("Technique finder")
    for technique in catalog.data.techniques:
        heading = page.find(id=technique.id)
        assert heading is not None and visible_text(heading).startswith(technique.name)


def test_about_page_explains_the_rule_authorities_and_readings_from_their_definitions(built_page):
    about = built_page("about/")
    rated = visible_text(about.find(id="confidence").find_parent("article"))
    assert _folded(CONFIDENCE_RULE)[1:] in rated  # quoted with its first letter capitalised
    for label in AUTHORITIES.values():
        assert label in visible_text(section(about, "authority")), label
    for meaning in READINGS.values():
        assert meaning in visible_text(section(about, "reading")), meaning
    marks = {visible_text(a) for a in section(about, "confidence").select("a.confidence")}
    assert marks == {"✓ verified", "partly verified"}


def test_yearly_figures_name_their_latest_year_and_a_missing_one(built_page, catalog):
    text = visible_text(built_page("yearly-figures/").find("article"))
    today = dt.datetime.now(dt.timezone.utc).date()
    for figure in catalog.data.yearly_figures:
        latest = max(value.year for value in figure.values)
        assert f"{figure.name}: Latest year recorded: {latest}." in text, figure.id
        # This year is always expected; next year from November, when CMS usually publishes it.
        for year in [today.year] + ([today.year + 1] if today.month >= 11 else []):
            if year > latest:
                assert f"No {year} figure is recorded yet" in text, (figure.id, year)

