"""Every technique's name and every alias, searched alone, leads to its entry in the technique finder.

All names and aliases of data/codes.yaml's techniques (about 530) run through the site's
real search (docs/assets/javascripts/search.js over Pagefind's own script and the built
index) in Chromium, in one page load and one evaluate, as the query benchmark does
(tests/search/benchmark.py). Each must have its technique's anchor (techniques/#<id>)
among the first three results.

One rule, computed from the data rather than listed by hand: an alias that is also the
name of a code the technique is reported with ("acupuncture", "dry needling",
"electrical stimulation", "osteopathic manipulation") or of that code's family ("CMT")
is answered as well by that code's page or its family page, which name the technique under
"Techniques reported with this code". For such an alias, one of those pages among the
first three also passes. An alias names a code when every word of the query as searched
(after synonyms and filler words, data/search-synonyms.yaml) stands in the code's title
or the family's name. The test prints how many aliases pass each way.
"""

from __future__ import annotations

import re

import pytest

from tests.search.benchmark import Answered, Outcome, Query, answers, describe, search_site

TOP = 3


def _words(text: str) -> set[str]:
    """Lower-case words, a plural 's' dropped ('injections' is 'injection')."""
    return {re.sub(r"(?<=[a-z]{3})s$", "", word) for word in re.findall(r"[a-z0-9]+", text.lower())}


@pytest.fixture(scope="module")
def technique_queries(catalog) -> list[Query]:
    """One query per distinct name or alias, answered by the anchor of each technique that has it."""
    anchors: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    for technique in catalog.data.techniques:
        for text in [technique.name, *technique.aliases]:
            key = " ".join(text.lower().split())
            spelling.setdefault(key, text)
            if technique.id not in anchors.setdefault(key, []):
                anchors[key].append(technique.id)
    return [Query(spelling[key], tuple(f"techniques/#{anchor}" for anchor in ids)) for key, ids in anchors.items()]


@pytest.fixture(scope="module")
def outcome(browser, served_site, technique_queries) -> Outcome:
    return search_site(browser, served_site, technique_queries)


def named_pages(catalog, answered: Answered) -> set[str]:
    """The code and family pages whose title or name holds every word of the query as searched."""
    searched = _words(answered.searched)
    if not searched:
        return set()
    pages = set()
    for answer in answered.query.answers:
        technique = next(t for t in catalog.data.techniques if f"techniques/#{t.id}" == answer)
        for code in {code for position in technique.coding for code in position.codes}:
            if code in catalog.codes:
                if searched <= _words(catalog.codes[code].title):
                    pages.add(f"codes/{code}/")
                family = catalog.families[catalog.codes[code].family]
                if searched <= _words(family.name):
                    pages.add(f"families/{family.id}/")
    return pages


def test_every_technique_name_and_alias_finds_its_entry_in_the_top_three(catalog, outcome, technique_queries):
    assert len(technique_queries) >= len(catalog.data.techniques) * 5, "expected the names and ~460 aliases"
    by_anchor, by_code_name, failed = [], [], []
    for answered in outcome.answered:
        if answered.rank is not None and answered.rank <= TOP:
            by_anchor.append(answered)
            continue
        pages = named_pages(catalog, answered)
        if any(answers(page, result.path) for page in pages for result in answered.results[:TOP]):
            by_code_name.append(answered)
        else:
            failed.append(answered)
    total = len(outcome.answered)
    print(f"\n{total} technique names and aliases: entry first {len(outcome.within(1))}, "
          f"entry in the top {TOP} {len(by_anchor)}, the code or family they name in the top {TOP} "
          f"{len(by_code_name)}, neither {len(failed)}")
    for answered in by_code_name:
        print(f"  named a code: {answered.query.text!r} -> {answered.results[0].path if answered.results else '-'}")
    assert not failed, (f"{len(failed)} of {total} names and aliases do not find their technique in the top "
                        f"{TOP}:\n" + "\n".join(describe(a) for a in failed))
