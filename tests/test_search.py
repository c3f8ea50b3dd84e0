"""The site search finds pages by code number and by words, in a real browser."""

from __future__ import annotations

import pytest

# Query -> the page that must be among the first results, and how many results count.
QUERIES = [
    ("97140", "codes/97140/", 1),   # a code number: its own page first
    ("G0283", "codes/G0283/", 1),
    ("97124", "codes/97124/", 1),
    ("massage", "codes/97124/", 5),
    ("lymphatic", "codes/97140/", 5),
    ("8-minute", "units/", 5),
]


@pytest.fixture(scope="module")
def search_page(browser, served_site):
    page = browser.new_page()
    page.goto(served_site)
    yield page
    page.close()


def _results(page, query: str) -> list[str]:
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("")
    field.type(query, delay=20)
    # Results refresh as each character arrives: wait until the list is stable.
    previous, hrefs = None, []
    for _ in range(40):
        page.wait_for_timeout(250)
        hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
        if hrefs and hrefs == previous:
            break
        previous = hrefs
    page.keyboard.press("Escape")
    # Material adds ?h=<terms> to highlight matches; the page is what matters.
    return [href.split("#")[0].split("?")[0] for href in hrefs]


@pytest.mark.parametrize("query,expected,within", QUERIES, ids=[q for q, _, _ in QUERIES])
def test_search_finds_the_page(search_page, served_site, query, expected, within):
    hrefs = _results(search_page, query)
    wanted = served_site + expected
    top = hrefs[:within]
    assert wanted in top, f"'{query}': expected {wanted} in the first {within} results, got {hrefs[:8]}"
