"""Techniques and retired codes on the built site, before the real data has any.

A private copy of the project gets one technique (two coding positions, other names,
something never billable) and one retired code, and is built in strict mode. The pages
they add must build with every link and anchor resolving, show what the records say, and
pass axe-core (all default rules and target-size) in the light and dark palettes and at
phone width, as tests/test_accessibility.py checks the real site.
"""

from __future__ import annotations

import json

import pytest

from macros.export import API_ROOT
from tests.conftest import build_site, copy_project, read_page, visible_text
from tests.static_server import StaticServer
from tests.test_accessibility import AXE, AXE_OPTIONS, MATERIAL_READY, RUN_AXE, SETTINGS

RECORDS = '''
retired_codes:
  - code: "97002"
    title: Physical therapy re-evaluation (former code)
    family: evaluations
    retired: 2017-01-01
    replaced_by: ["97164"]
    text: >-
      Replaced by 97164 when the evaluation codes were restructured by complexity.
    sources: [palmetto-manual-therapy]
    confidence: partly
    last_reviewed: 2026-11-28
techniques:
  - id: instrument-assisted-soft-tissue
    name: Instrument-assisted soft tissue mobilization
    aliases: [IASTM, scraping]
    summary:
      text: Soft-tissue work done with a hand-held tool instead of the hands alone.
      sources: [palmetto-manual-therapy]
      confidence: verified
    coding:
      - codes: ["97140"]
        text: Reported as manual therapy when a clinician does it one-on-one.
        sources: [palmetto-manual-therapy]
        confidence: verified
      - codes: ["97124"]
        text: Some payers are said to expect the massage code when the goal is relaxation.
        sources: [cms-mcpm-ch5]
        confidence: partly
    not_billable:
      text: The tool itself is not billed separately.
      sources: [palmetto-manual-therapy]
      confidence: verified
    last_reviewed: 2026-11-28
'''

NEW_PAGES = ["techniques/", "codes/97002/", "families/evaluations/", "codes/", "codes/97140/", "codes/97124/"]


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    data = project / "data" / "codes.yaml"
    data.write_text(data.read_text(encoding="utf-8").rstrip("\n") + "\n" + RECORDS, encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    result = build_site(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site


def test_technique_and_retired_code_pages_say_what_the_records_say(sample_site):
    finder = read_page(sample_site, "techniques/")
    entry = finder.find(id="instrument-assisted-soft-tissue")
    assert entry is not None and visible_text(entry).startswith("Instrument-assisted soft tissue mobilization")
    text = visible_text(finder.find("article"))
    assert "Also called: IASTM, scraping." in text and "Sources disagree" in text
    assert "The tool itself is not billed separately." in text
    assert finder.select_one('nav.az-index a[href="#instrument-assisted-soft-tissue"]').get_text() == "I"

    manual = read_page(sample_site, "codes/97140/").find(id="techniques")
    assert manual.find_next("a", href=lambda h: h and h.endswith("techniques/#instrument-assisted-soft-tissue"))

    retired = visible_text(read_page(sample_site, "codes/97002/").find("article"))
    assert "97002 was retired on January 1, 2017" in retired and "97164" in retired
    family = read_page(sample_site, "families/evaluations/").find(id="retired").find_next("table")
    assert "97002 (retired)" in visible_text(family)

    api = sample_site / API_ROOT
    assert json.loads((api / "retired_codes.json").read_text())["retired_codes"][0]["code"] == "97002"
    technique = json.loads((api / "techniques.json").read_text())["techniques"][0]
    assert technique["sources_disagree"] is True and technique["not_billable"]["text"]


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_new_pages_pass_axe(setting, sample_site, browser):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make setup` (npm ci) to install axe-core", pytrace=False)
    scheme, material_scheme, device = SETTINGS[setting]
    found = []
    with StaticServer(sample_site) as server:
        context = browser.new_context(color_scheme=scheme, **device)
        context.add_init_script(script=AXE.read_text(encoding="utf-8"))
        page = context.new_page()
        try:
            for url in NEW_PAGES:
                page.goto(server.url + url, wait_until="load")
                page.evaluate(MATERIAL_READY)
                assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == material_scheme
                for violation in page.evaluate(RUN_AXE, AXE_OPTIONS):
                    for node in violation["nodes"]:
                        found.append(f"/{url}: {violation['id']} ({violation['impact']}): {node['target']}"
                                     f"\n      {violation['help']}. {node['summary'][:300]}")
        finally:
            context.close()
    assert not found, f"{len(found)} axe-core violations ({setting}):\n  " + "\n  ".join(found)
