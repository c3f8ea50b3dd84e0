"""The search index written by the build, and the synonyms file it carries.

The index is Pagefind's, built by the MkDocs hook after the pages are written
(macros/search_index.py); Material's own search index is no longer written. Bad input
(a broken synonyms file, a missing Pagefind binary) gives a located, plain message.
"""

from __future__ import annotations

import gzip
import json
import re
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from macros import search_hook
from macros.search_index import BUNDLE_DIR, SearchIndexError, UNUSED_BUNDLE_FILES, build_search_index
from macros.search_synonyms import SYNONYMS_URL, SynonymsError, load_synonyms, phrase_key
from tests.pagefind_index import fragments
from tests.static_server import site_pages

ROOT = Path(__file__).resolve().parents[2]


def test_the_build_writes_the_pagefind_index_and_not_materials(site):
    assert (site / BUNDLE_DIR / "pagefind.js").is_file()
    assert (site / BUNDLE_DIR / "pagefind-entry.json").is_file()
    assert not (site / "search" / "search_index.json").exists(), "Material's search index is still written"
    for name in UNUSED_BUNDLE_FILES:
        assert not (site / BUNDLE_DIR / name).exists(), f"{name} is written but never used"
    synonyms = json.loads((site / SYNONYMS_URL).read_text(encoding="utf-8"))
    assert synonyms["synonyms"], "the synonyms for the search script are missing"


def test_every_file_of_the_index_is_whole(site):
    """A file cut short (once: an empty pagefind-entry.json) stops the search from loading.
    Pagefind's own files are gzip streams, which say when they end early."""
    files = [file for file in (site / BUNDLE_DIR).rglob("*") if file.is_file()]
    assert len(files) > 10
    problems = []
    for file in files:
        content = file.read_bytes()
        try:
            if content[:2] == b"\x1f\x8b":
                assert gzip.decompress(content).startswith(b"pagefind_dcd")
            elif file.suffix == ".json":
                json.loads(content)
            else:
                assert content.strip()
        except (AssertionError, EOFError, OSError, ValueError) as error:
            problems.append(f"{file.relative_to(site)}: {error!r}")
    assert problems == []


def test_every_page_is_indexed_except_the_404_page_redirects_printable_sheets_and_cards(site):
    indexed = {url.split("#")[0] for url in fragments(site)}
    # A code's printable checklist (checklist/<code>/) repeats the checklist and the code page;
    # its embeddable card (embed/codes/<code>/, data-pagefind-ignore) repeats the code page.
    pages = {"/" + page.url for page in site_pages(site)
             if page.redirect_to is None and page.url != "404.html"
             and not re.match(r"(checklist|embed/codes)/.", page.url)}
    assert indexed == pages, (f"not indexed: {sorted(pages - indexed)[:10]}; "
                              f"indexed but not a page: {sorted(indexed - pages)[:10]}")


def test_list_pages_are_indexed_entry_by_entry(site, catalog):
    records = fragments(site)
    faq = {url for url in records if url.startswith("/faq/#")}
    entries = {f"/faq/#{entry.id}" for entry in catalog.data.faq}
    assert entries <= faq, f"FAQ entries without their own record: {sorted(entries - faq)[:5]}"
    assert "/faq/" in records, "the FAQ page's opening should be a record of its own"
    entry = records["/faq/#kx-threshold-by-year"]
    assert entry["meta"]["title"] == "Frequently asked questions"
    assert "What is the Medicare KX threshold" in entry["content"]
    assert "Does Medicare pay for dry needling" not in entry["content"], "a record should hold one entry"
    code_pages = [url for url in records if url.startswith("/codes/") and "#" in url]
    assert not code_pages, f"code pages should be one record each, found sections: {code_pages[:3]}"
    techniques = {f"/techniques/#{technique.id}" for technique in catalog.data.techniques}
    missing = techniques - set(records)
    assert not missing, f"techniques without their own record: {sorted(missing)[:5]}"
    cupping = records["/techniques/#cupping"]
    assert "myofascial decompression" in cupping["content"] and "Graston" not in cupping["content"]


def test_code_pages_carry_their_family_and_retired_codes_their_code(site, catalog):
    """search.js reads these marks: two codes of one family, then other answers; a retired
    code's page below the current codes unless the query names it."""
    records = fragments(site)
    for code in catalog.data.codes:
        meta = records[f"/codes/{code.code}/"]["meta"]
        assert meta.get("family") == code.family and "retired" not in meta, (code.code, meta)
    for retired in catalog.data.retired_codes:
        meta = records[f"/codes/{retired.code}/"]["meta"]
        assert meta.get("retired") == retired.code and meta.get("family") == retired.family, (retired.code, meta)


def test_repeated_parts_are_left_out_of_the_index(site):
    records = fragments(site)
    code_page = records["/codes/97140/"]["content"]
    assert "Page last reviewed" not in code_page, "the review line should not be indexed"
    assert "Link to this section" not in code_page and "\u00b6" not in code_page
    faq_answer = "Only when the manual therapy was done on a different body region"
    assert faq_answer in records["/faq/#97140-with-adjustment"]["content"]
    assert faq_answer not in code_page, "a code page's copy of an FAQ answer should not be indexed"
    assert "The date of treatment." in records["/checklist/#every-note"]["content"], \
        "checklist items (label text) should be indexed"
    assert "Manual therapy techniques" not in records["/codes/"]["content"], \
        "the table of every code should not be indexed (the code pages are)"


def test_myths_are_labelled_in_their_search_records(site, catalog):
    records = fragments(site)
    for item in catalog.data.misconceptions:
        record = records[f"/misconceptions/#{item.id}"]
        heading = next(a for a in record["anchors"] if a["id"] == item.id)
        assert heading["text"].startswith("Myth: "), heading["text"]


def test_a_missing_pagefind_binary_is_a_plain_message(tmp_path, monkeypatch):
    import macros.search_index as search_index

    monkeypatch.setattr(search_index, "pagefind_executable", lambda: None)
    (tmp_path / "index.html").write_text("<html><body data-pagefind-body>x</body></html>", encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"needs Pagefind, which is not installed.*make setup"):
        build_search_index(tmp_path, ROOT)


def test_pages_without_the_index_marker_are_refused(tmp_path):
    """Without data-pagefind-body Pagefind would index whole pages, navigation and all."""
    (tmp_path / "index.html").write_text("<html><body><nav>menu</nav><p>text</p></body></html>",
                                         encoding="utf-8")
    with pytest.raises(SearchIndexError, match="has no data-pagefind-body"):
        build_search_index(tmp_path, ROOT)


def test_the_preview_goes_on_without_an_index_but_a_build_stops(tmp_path, monkeypatch, caplog):
    def fail(site_dir, project_dir, records):
        raise SearchIndexError("the search index needs Pagefind")

    class Config:
        config_file_path = str(ROOT / "mkdocs.yml")
        site_dir = str(tmp_path)
        site_url = "http://127.0.0.1:8000/"

    monkeypatch.setattr(search_hook, "build_search_index", fail)
    monkeypatch.setattr(search_hook, "_command", {"name": "serve"})
    with caplog.at_level(logging.WARNING):
        search_hook.on_post_build(Config())
    assert "search is unavailable in this preview" in caplog.text
    monkeypatch.setattr(search_hook, "_command", {"name": "build"})
    with pytest.raises(PluginError, match="search index: the search index needs Pagefind"):
        search_hook.on_post_build(Config())


# --- The synonyms file -------------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "search-synonyms.yaml"
    file.write_text(text, encoding="utf-8")
    return file


def test_the_real_synonyms_file_is_valid():
    entries = load_synonyms(ROOT / "data" / "search-synonyms.yaml")
    said = {phrase_key(phrase) for entry in entries for phrase in entry.say}
    # Technique names (HEP, CDT, IASTM, Graston) need no entry: the technique finder lists
    # them as aliases, and tests/search/test_technique_aliases.py checks they find it.
    for typed in ["8 min rule", "eight minute", "e-stim", "TENS", "LMT", "massage therapist", "manual", "NMR",
                  "neuro re-ed", "ther ex", "there-ex", "ther act", "KX cap", "therapy cap",
                  "PTA modifier", "MLD", "MET", "hydrotherapy pool", "massage gun"]:
        assert phrase_key(typed) in said or any(phrase_key(e.means) == phrase_key(typed) for e in entries), \
            f"no synonym entry for {typed!r}"


def test_every_problem_of_a_synonyms_file_is_listed_with_its_line(tmp_path):
    file = write(tmp_path, "\n".join([
        "synonyms:",
        "  - means: electrical stimulation",
        "    say: [e-stim, TENS]",
        "  - means: therapeutic exercise",
        "    say: [E Stim, ther ex]",        # line 5: e-stim again
        "  - means: ''",                     # line 6: empty meaning
        "    say: [x]",
        "  - means: manual therapy",
        "    say: [manual]",
        "    alone: maybe",                  # line 10: not a yes/no
        "  - means: plan of care",
        "    say: [POC]",
        "    colour: red",                   # line 13: unknown field
    ]))
    with pytest.raises(SynonymsError) as raised:
        load_synonyms(file, "data/search-synonyms.yaml")
    message = str(raised.value)
    assert message.startswith("4 problems in the search synonyms file:"), message
    assert "data/search-synonyms.yaml:5:" in message and "'E Stim' is already listed for 'electrical stimulation'" in message
    assert "data/search-synonyms.yaml:6:" in message and "synonyms[2].means" in message
    assert "data/search-synonyms.yaml:10:" in message and "expected true or false" in message
    assert "data/search-synonyms.yaml:13:" in message and "unknown field 'colour'" in message


@pytest.mark.parametrize("text,expected", [
    ("synonyms: [\n", "not valid YAML"),
    ("words: []\n", "expected one key, 'synonyms'"),
    ("synonyms:\n  - means: a\n    say: a\n", "expected a list of phrases"),
    ("synonyms:\n  - means: a\n    say: [A]\n", "'A' is the same as what it means"),
])
def test_a_broken_synonyms_file_is_a_located_message(tmp_path, text, expected):
    with pytest.raises(SynonymsError, match=expected) as raised:
        load_synonyms(write(tmp_path, text), "data/search-synonyms.yaml")
    assert "data/search-synonyms.yaml:" in str(raised.value)


def test_a_missing_synonyms_file_is_a_plain_message(tmp_path):
    with pytest.raises(SynonymsError, match="the file is missing"):
        load_synonyms(tmp_path / "nothing.yaml", "data/search-synonyms.yaml")
