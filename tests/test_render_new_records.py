"""The technique finder and retired-code pages on the built site say what their records
say, link both ways to the code pages and export to the API (axe-core audits them with
every other kind of page: tests/test_accessibility.py)."""

from __future__ import annotations

import json

from macros.export import API_ROOT
from tests.conftest import visible_text


def _disputed_technique(catalog):
    """A technique whose sources disagree and which names something never billable."""
    return next(t for t in catalog.data.techniques
                if len({tuple(p.codes) for p in t.coding}) > 1 and t.not_billable is not None)


def test_technique_finder_says_what_a_record_says(built_page, catalog):
    technique = _disputed_technique(catalog)
    finder = built_page("techniques/")
    entry = finder.find(id=technique.id)
    assert entry is not None and visible_text(entry).startswith(technique.name)
    block = []
    for node in entry.find_all_next():
        if node.name == "h2":
            break
        block.append(node)
    text = " ".join(visible_text(node) for node in block if node.name in ("p", "li"))
    assert "Also called: " + ", ".join(technique.aliases) in text
    assert "Sources disagree" in text
    assert " ".join(technique.not_billable.text.split())[:60] in text
    letter = technique.name[0].upper()
    assert finder.select_one(f'nav.az-index a[href="#{technique.id}"]') is not None or \
        finder.select_one("nav.az-index").find("a", string=letter) is not None


def test_every_code_a_technique_names_lists_the_technique(built_page, catalog):
    for technique in catalog.data.techniques:
        for code in {c for position in technique.coding for c in position.codes}:
            section = built_page(f"codes/{code}/").find(id="techniques")
            assert section is not None, f"/codes/{code}/ has no techniques section"
            assert section.find_next("a", href=lambda h: h and h.endswith(f"techniques/#{technique.id}")), \
                f"/codes/{code}/ does not list {technique.id}"


def test_retired_code_pages_and_family_listing(built_page, catalog):
    for retired in catalog.data.retired_codes:
        page = visible_text(built_page(f"codes/{retired.code}/").find("article"))
        day = f"{retired.retired.strftime('%B')} {retired.retired.day}, {retired.retired.year}"
        assert f"{retired.code} was retired on {day}" in page
        for code in retired.replaced_by:
            assert code in page
        family = built_page(f"families/{retired.family}/").find(id="retired").find_next("table")
        assert f"{retired.code} (retired)" in visible_text(family)


def test_api_exports_techniques_and_retired_codes(site, catalog):
    api = site / API_ROOT
    retired = json.loads((api / "retired_codes.json").read_text())["retired_codes"]
    assert [r["code"] for r in retired] == [r.code for r in catalog.data.retired_codes]
    techniques = {t["id"]: t for t in json.loads((api / "techniques.json").read_text())["techniques"]}
    assert set(techniques) == {t.id for t in catalog.data.techniques}
    disputed = _disputed_technique(catalog)
    assert techniques[disputed.id]["sources_disagree"] is True and techniques[disputed.id]["not_billable"]["text"]
