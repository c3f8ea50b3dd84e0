"""The search dialog in Chromium: keyboard use, accessibility, requests and where it works.

- "/" opens the search and focuses the field, typing lists results, the arrow keys move
  through them, Enter opens the focused one, "s" opens the search on the next page and
  Escape closes it;
- axe-core finds nothing on the open dialog with results, in the light and the dark
  palette;
- a page that never opens the search fetches nothing of the search bundle; a search makes
  no request to any host but the site's own;
- the site works from a sub-path (/repo-name/), as on a project site;
- without an index (a preview where Pagefind is missing) the dialog says so.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import block_other_hosts
from tests.static_server import StaticServer

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}

RESULTS = ".md-search-result__item .md-search-result__link"
ACTIVE_IS_RESULT = "() => document.activeElement && document.activeElement.matches('.md-search-result__link')"
SEARCH_OPEN = "() => document.getElementById('__search').checked"
READY = "() => typeof window.siteSearch === 'object' && typeof window.document$ === 'object'"


def open_page(browser, url: str, **context):
    ctx = browser.new_context(**{**DESKTOP, **context})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    page.wait_for_function(READY)
    return ctx, page, errors


def wait_for_results(page, query: str, minimum: int = 1) -> list[str]:
    """The result links once the results shown are those of `query` (typing shows the
    results of each prefix on the way)."""
    page.wait_for_function(
        """([query, minimum]) => {
             const output = document.querySelector('[data-search="result"]');
             return output.getAttribute('data-query') === query &&
               output.querySelectorAll('.md-search-result__link').length >= minimum;
           }""", arg=[query, minimum], timeout=15000)
    return page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")


def test_search_is_used_from_the_keyboard(browser, served_site):
    ctx, page, errors = open_page(browser, served_site)
    try:
        page.keyboard.press("/")
        assert page.evaluate(SEARCH_OPEN), "'/' should open the search"
        assert page.evaluate("() => document.activeElement.matches('input.md-search__input')"), \
            "'/' should put the focus in the search field"
        page.keyboard.type("modifier 59", delay=30)
        hrefs = wait_for_results(page, "modifier 59", 3)
        meta = page.inner_text(".md-search-result__meta")
        assert "matching" in meta, f"the result count should be shown, got {meta!r}"
        titles = page.eval_on_selector_all(".md-search-result__item h1", "hs => hs.map(h => h.textContent)")
        assert any("59" in title for title in titles[:3]), titles[:5]

        page.keyboard.press("ArrowDown")
        assert page.evaluate(ACTIVE_IS_RESULT), "ArrowDown should focus the first result"
        assert page.evaluate("() => document.activeElement.href") == hrefs[0]
        page.keyboard.press("ArrowDown")
        assert page.evaluate("() => document.activeElement.href") == hrefs[1], "ArrowDown should move on"
        page.keyboard.press("ArrowUp")
        assert page.evaluate("() => document.activeElement.href") == hrefs[0], "ArrowUp should move back"
        page.keyboard.press("ArrowUp")
        assert page.evaluate("() => document.activeElement.matches('input.md-search__input')"), \
            "ArrowUp from the first result should return to the field"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == hrefs[1], f"Enter should open the focused result {hrefs[1]}, got {page.url}"

        page.wait_for_function(READY)
        assert not page.evaluate(SEARCH_OPEN), "the search should be closed on the new page"
        page.keyboard.press("s")
        assert page.evaluate(SEARCH_OPEN), "'s' should open the search"
        page.keyboard.type("97140")
        wait_for_results(page, "97140")
        page.keyboard.press("Escape")
        assert not page.evaluate(SEARCH_OPEN), "Escape should close the search"
        assert not page.evaluate("() => document.activeElement.matches('input.md-search__input')"), \
            "after Escape the focus should leave the search field"
        assert page.evaluate("() => document.querySelector('.md-search-result__list').hidden"), \
            "the closed search's results should be out of the accessibility tree"

        # Enter in the field opens the first result.
        page.keyboard.press("/")
        page.keyboard.press("Control+A")
        page.keyboard.type("G0283")
        first = wait_for_results(page, "G0283")[0]
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == first and "/codes/G0283/" in first, page.url
    finally:
        ctx.close()
    assert not errors, f"script errors: {errors}"


def test_typing_into_other_fields_does_not_open_the_search(browser, served_site):
    ctx, page, errors = open_page(browser, served_site + "calculator/")
    try:
        field = page.locator("#visit-calculator input[type=text], #visit-calculator input[type=number]").first
        field.click()
        page.keyboard.type("s/")
        assert not page.evaluate(SEARCH_OPEN), "typing 's' or '/' in a form field must not open the search"
    finally:
        ctx.close()
    assert not errors, f"script errors: {errors}"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make setup` (npm ci) to install axe-core", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme,material_scheme", [("light", "default"), ("dark", "slate")])
def test_axe_finds_nothing_on_the_open_search_dialog(browser, served_site, axe_source, scheme, material_scheme):
    ctx, page, errors = open_page(browser, served_site + "codes/97140/", color_scheme=scheme)
    try:
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == material_scheme
        page.keyboard.press("/")
        page.keyboard.type("lymphatic drainage")
        wait_for_results(page, "lymphatic drainage", 3)
        page.keyboard.press("ArrowDown")  # a focused result is checked too
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(
            """async (options) => (await axe.run(document.querySelector('.md-search'), options)).violations
                 .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))""",
            AXE_OPTIONS)
    finally:
        ctx.close()
    assert not violations, f"axe-core violations on the open search ({scheme}):\n  " + "\n  ".join(violations)
    assert not errors, f"script errors: {errors}"


def _record_requests(ctx) -> list[str]:
    """Every request the context's pages make (recorded, not intercepted: only requests to
    other hosts are routed, and aborted)."""
    seen: list[str] = []
    ctx.on("request", lambda request: seen.append(request.url))
    block_other_hosts(ctx, lambda request: None)
    return seen


def test_a_page_that_never_opens_the_search_fetches_no_index(browser, served_site):
    ctx = browser.new_context(**DESKTOP)
    seen = _record_requests(ctx)
    page = ctx.new_page()
    try:
        page.goto(served_site + "codes/97140/", wait_until="load")
        page.wait_for_function(READY)
        page.wait_for_load_state("networkidle", timeout=15_000)
        page.mouse.wheel(0, 2000)
        # Material's own shortcut (next page) still works. Waiting for the next page also
        # keeps the context from closing mid-navigation, which can hang Chromium.
        with page.expect_navigation(wait_until="load"):
            page.keyboard.press("n")
        assert not page.url.endswith("codes/97140/"), "the n key did not open the next page"
        page.wait_for_load_state("networkidle", timeout=15_000)
    finally:
        ctx.close()
    fetched = [url for url in seen if "/pagefind/" in url or "search_index" in url]
    assert not fetched, f"a page whose search was never opened fetched: {fetched}"
    assert seen, "no request was recorded at all"


def test_a_search_requests_nothing_from_another_host(browser, served_site):
    ctx = browser.new_context(**DESKTOP)
    seen = _record_requests(ctx)
    page = ctx.new_page()
    try:
        page.goto(served_site, wait_until="load")
        page.wait_for_function(READY)
        page.keyboard.press("/")
        page.keyboard.type("e-stim medicare", delay=20)
        wait_for_results(page, "e-stim medicare")
        page.wait_for_load_state("networkidle", timeout=15_000)
    finally:
        ctx.close()
    own = urlsplit(served_site).netloc
    others = [url for url in seen if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own]
    assert not others, f"requests to other hosts: {others}"
    assert any("/pagefind/" in url for url in seen), "the search should have loaded its index"


def test_search_works_when_the_site_is_served_from_a_sub_path(browser, site, tmp_path):
    root = tmp_path / "host"
    shutil.copytree(site, root / "repo-name")
    (root / "index.html").write_text("<!doctype html><title>host</title>", encoding="utf-8")
    with StaticServer(root) as server:
        base = server.url + "repo-name/"
        ctx, page, errors = open_page(browser, base + "codes/97140/")
        try:
            page.keyboard.press("/")
            page.keyboard.type("KX threshold 2024", delay=20)
            hrefs = wait_for_results(page, "KX threshold 2024")
            assert all(href.startswith(base) for href in hrefs), f"results outside {base}: {hrefs}"
            with page.expect_navigation():
                page.keyboard.press("Enter")
            response = page.evaluate("() => document.title")
            assert page.url == hrefs[0] and "404" not in response, f"{page.url}: {response}"
        finally:
            ctx.close()
        missing = [entry.path for entry in server.log if entry.status == 404]
    assert not missing, f"not found under the sub-path: {missing}"
    assert not errors, f"script errors: {errors}"


def test_without_an_index_the_search_says_it_is_unavailable(browser, site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    with StaticServer(copy) as server:
        ctx, page, errors = open_page(browser, server.url)
        try:
            page.keyboard.press("/")
            page.keyboard.type("97140")
            page.wait_for_function(
                "() => /unavailable/i.test(document.querySelector('.md-search-result__meta').textContent)",
                timeout=15000)
            assert page.evaluate("() => document.querySelectorAll('.md-search-result__item').length") == 0
        finally:
            ctx.close()
    assert not errors, f"script errors: {errors}"
