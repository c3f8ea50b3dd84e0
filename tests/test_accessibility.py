"""Accessibility: axe-core finds nothing on the built pages, and the interactive parts work
from the keyboard.

axe-core (node_modules/axe-core/axe.min.js, installed by `make setup-node`) runs on the
pages of a strict build of the real site (fixture `site`), served locally, in:

- the light palette and the dark palette at desktop width (1280 x 800), in one load of
  each page: the browser context emulates a light system theme and the test checks that
  Material applied `default`; once the light audit is done, it switches to the dark
  palette as a reader does (the header's switch), waits until the switch is over
  (`slate` applied, transitions back) and audits the colours again. Pages written without
  Material (the embeddable code cards) follow the system theme in their own styles: the
  emulated theme turns dark instead. (That a dark system theme opens the site in `slate`
  is checked in test_palette_browser.py.)
- the light palette at phone width (375 x 812, touch, no hover), where the layout differs
  (drawer navigation, scrolling tables, target sizes as Lighthouse measures them).

All of axe's default rules run, plus `target-size` (WCAG 2.2 AA, off by default in
axe 4.14 but audited by Lighthouse), in the light palette at both widths. Nothing is
disabled: a violation is fixed in docs/assets/stylesheets/site.css or overrides/, not
silenced. In the dark palette the pages are the same markup at the same width as in the
light one, laid out the same: only colours change, so only the rules that read colours
run there (COLOUR_RULES: contrast, and links told apart from the text around them); every
other rule would repeat the light desktop run's answer. (The one element shown in one
palette and not the other is the palette switch: its two buttons are the same markup,
each named for what it does; test_palette_browser.py checks both.)

Which pages: axe finds violations in markup (elements, their classes and nesting, heading
order) and in the styles applied to it, not in the words between the tags. The pages of a
kind share one generator and one template, so auditing every one of them audits the same
markup again and again (57 pages x 3 settings took minutes). Each setting audits the sample
of tests/site_sample.py instead: a page of every kind, plus pages until every kind of
element, every parent-child pairing of tags and every step between heading levels found
anywhere in the site has been audited. `test_the_axe_sample_covers_the_whole_site` checks
that claim on every run. Redirect stubs (a meta refresh to a page that is itself checked)
are not audited.

Keyboard: the visit calculator (method, code and minutes reached with Tab, a row added
with Enter, results updated), the search (opened with "/" or "s", results reached with the
arrow keys and opened with Enter, closed with Escape) and the documentation checklist
(every checkbox reached with Tab in order, toggled with Space).

Waiting: each check starts once Material and the site's start-up script have run
(tests/browser.py, `wait_until_ready`), and after a key press the test waits for the
change the reader would see (the search opening) rather than reading the page at once:
Material opens the search in a later task than the key press (its focus observer is
debounced), so an immediate read could see it still closed.

Never skips: a missing Chromium, axe-core or build is an error.
"""

from __future__ import annotations

import json

import pytest

from tests.browser import DESKTOP, PHONE, wait_until, wait_until_ready
from tests.conftest import ROOT
from tests.site_sample import coverage, is_standalone, sample_pages
from tests.static_server import site_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
# The axe rules whose answer depends on the colours of the page (axe 4.14; the enhanced,
# AAA contrast rule is off by default and stays off).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
COLOUR_OPTIONS = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": COLOUR_RULES}}

# setting -> (device, the palettes audited in each load: (Material's scheme, axe options)).
# In "desktop", the dark palette follows the light one on the same page (see above).
SETTINGS = {
    "desktop": (DESKTOP, [("default", AXE_OPTIONS), ("slate", COLOUR_OPTIONS)]),
    "phone": (PHONE, [("default", AXE_OPTIONS)]),
}
# Material's schemes and the colour the body of a page without Material takes in each.
LIGHT_BODY = {"default": True, "slate": False}

RUN_AXE = """async (options) => {
  if (typeof axe === 'undefined') throw new Error('axe-core was not injected');
  const results = await axe.run(document, options);
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ')})),
  }));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make setup-node` (npm ci) to install axe-core",
                    pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture()
def desktop_page(new_page):
    return new_page(**DESKTOP)


def test_the_axe_sample_covers_the_whole_site(site):
    """The sample audited below shows every page kind and every kind of element, nesting and
    heading step of the whole site, and is smaller than the site (or sampling is pointless)."""
    pages = [page for page in site_pages(site) if page.redirect_to is None]
    sample = sample_pages(site)
    everything, missing = coverage(site, sample)
    assert not missing, f"the axe sample misses {sorted(missing)[:20]}"
    assert len(pages) > 10 and len(sample) < len(pages), (len(sample), len(pages))


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_axe_finds_no_violation(setting, site, served_site, new_page, axe_source):
    device, palettes = SETTINGS[setting]
    page = new_page(color_scheme="light", **device)
    page.context.add_init_script(script=axe_source)
    found: list[str] = []
    for site_page in sample_pages(site):
        page.goto(served_site + site_page.url, wait_until="load")
        if not is_standalone(site_page):
            wait_until_ready(page)
        for number, (scheme, options) in enumerate(palettes):
            if number:
                _switch_palette(page, site_page, scheme)
            _assert_palette(page, site_page, scheme)
            for violation in page.evaluate(RUN_AXE, options):
                for node in violation["nodes"]:
                    found.append(f"/{site_page.url} ({scheme}): {violation['id']} ({violation['impact']}): "
                                 f"{node['target']}\n      {violation['help']}. {node['summary'][:300]}")
        if len(palettes) > 1:  # the next page opens as a first visit again, in the light palette
            page.evaluate("() => localStorage.clear()")
            page.emulate_media(color_scheme="light")
    assert not found, f"{len(found)} axe-core violations ({setting}):\n  " + "\n  ".join(found)


def _switch_palette(page, site_page, scheme: str) -> None:
    """Switch the page to Material's `scheme` as a reader does (the header's switch), or,
    on a page without Material, turn the emulated system theme dark or light."""
    if is_standalone(site_page):
        page.emulate_media(color_scheme="light" if LIGHT_BODY[scheme] else "dark")
        return
    page.click("form.md-header__option label:not([hidden])")
    wait_until(page, """(scheme) => document.body.getAttribute('data-md-color-scheme') === scheme
                        && !document.body.hasAttribute('data-md-color-switching')""",
               f"/{site_page.url}: the switch did not apply the '{scheme}' palette", arg=scheme)


def _assert_palette(page, site_page, scheme: str) -> None:
    if is_standalone(site_page):  # no Material: it follows the system theme in its own styles
        light = page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        assert light == LIGHT_BODY[scheme], f"/{site_page.url}: not in the colours of '{scheme}'"
    else:
        applied = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        assert applied == scheme, f"/{site_page.url}: palette '{applied}' instead of '{scheme}'"


# --- Keyboard ----------------------------------------------------------------------------

ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {tag: el.tagName.toLowerCase(), id: el.id || '', name: el.getAttribute('name') || '',
          type: el.getAttribute('type') || '', value: el.value || '',
          cls: [...el.classList].filter(c => c !== 'focus-visible').join(' ')};
}"""


def _tab_until(page, matches, limit: int = 400, key: str = "Tab") -> list[dict | None]:
    """Press Tab (or Shift+Tab) until the focused element satisfies `matches`; return the
    focused elements on the way (the last one matches). Fails after `limit` presses."""
    trail = []
    for _ in range(limit):
        page.keyboard.press(key)
        active = page.evaluate(ACTIVE)
        trail.append(active)
        if active and matches(active):
            return trail
    raise AssertionError(f"{key} never reached the element after {limit} presses; "
                         f"last focused: {trail[-5:]}")


def _choose_by_keyboard(page, select_id: str, code: str) -> None:
    """Pick an option of the focused <select> by typing (type-ahead), as a keyboard user does."""
    page.keyboard.type(code, delay=20)
    value = page.evaluate(f"() => document.getElementById('{select_id}').value")
    for _ in range(200):  # type-ahead missed: walk the options with the arrow key
        if value == code:
            break
        page.keyboard.press("ArrowDown")
        value = page.evaluate(f"() => document.getElementById('{select_id}').value")
    assert value == code, f"could not choose {code} in #{select_id} with the keyboard (got '{value}')"


def _total_units(page) -> str:
    return page.evaluate("() => document.getElementById('calculator-total-units').textContent.trim()")


def test_calculator_works_from_the_keyboard(desktop_page, served_site):
    page = desktop_page
    page.goto(served_site + "calculator/", wait_until="load")
    wait_until_ready(page)
    rules = json.loads(page.evaluate("() => document.getElementById('calculator-rules').textContent"))
    timed = [code for code, info in rules["codes"].items() if info["basis"] == "timed_15"]
    assert len(timed) >= 2, "the calculator needs two timed codes for this test"
    first, second = timed[:2]

    # Tab order: method, then the row's code and minutes, its Remove button, then "Add code".
    _tab_until(page, lambda a: a["name"] == "calculator-method")
    order = [page.evaluate(ACTIVE)]
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(page.evaluate(ACTIVE))
    assert [(a["tag"], a["id"] or a["cls"]) for a in order] == [
        ("input", order[0]["id"]),
        ("select", "calculator-code-1"),
        ("input", "calculator-minutes-1"),
        ("button", "calculator-remove"),
        ("button", "calculator-add"),
    ], f"unexpected tab order through the calculator: {order}"
    assert order[0]["id"].startswith("calculator-method-")

    # Fill the first row: back to its code with Shift+Tab, choose, Tab to minutes, type.
    _tab_until(page, lambda a: a["id"] == "calculator-code-1", key="Shift+Tab")
    _choose_by_keyboard(page, "calculator-code-1", first)
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["id"] == "calculator-minutes-1"
    page.keyboard.type("33")
    assert _total_units(page) == "2 units", "33 timed minutes should give 2 units"

    # Add a second row with Enter on "Add code": focus moves to the new row's code.
    _tab_until(page, lambda a: a["id"] == "calculator-add")
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE)["id"] == "calculator-code-2", "focus should move to the new row"
    _choose_by_keyboard(page, "calculator-code-2", second)
    page.keyboard.press("Tab")
    page.keyboard.type("7")
    assert _total_units(page) == "3 units", "Medicare pools 33 + 7 = 40 minutes: 3 units"

    # Switch the counting method with the arrow keys: per code, 7 minutes earn nothing.
    _tab_until(page, lambda a: a["name"] == "calculator-method", key="Shift+Tab")
    page.keyboard.press("ArrowDown")
    checked = page.evaluate("() => document.querySelector('input[name=calculator-method]:checked').value")
    assert checked != "medicare", "the arrow key should select the other method"
    assert _total_units(page) == "2 units", "per-code counting: 33 minutes give 2 units, 7 minutes none"
    assert f"{first}=33" in page.url and f"{second}=7" in page.url, "the address should keep the visit"

    # Remove the second row from the keyboard; focus stays in the calculator.
    _tab_until(page, lambda a: a["cls"] == "calculator-remove" and a["tag"] == "button")
    _tab_until(page, lambda a: a["cls"] == "calculator-remove" and a["tag"] == "button")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelectorAll('.calculator-row').length") == 1
    assert page.evaluate(ACTIVE) is not None, "focus was lost after removing a row"


SEARCH_OPEN = "() => document.getElementById('__search').checked"
SEARCH_CLOSED = "() => !document.getElementById('__search').checked"


def test_search_works_from_the_keyboard(desktop_page, served_site, catalog):
    page = desktop_page
    code = catalog.data.codes[0].code
    page.goto(served_site, wait_until="load")
    wait_until_ready(page)

    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')"), \
        "'/' should put the focus in the search box"
    # Material opens the search from its (debounced) focus observer, a task after the key.
    wait_until(page, SEARCH_OPEN, "'/' should open the search")
    page.keyboard.type(code)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=15000)
    assert code in first.inner_text(), f"the first result for '{code}' should be its page"

    # Arrow keys move into the results; Enter opens the focused one.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.matches('.md-search-result__link')"), \
        "ArrowDown should focus the first result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"/codes/{code}/" in page.url, f"Enter should open the page of {code}, got {page.url}"

    # On the new page: "s" opens the search too, and Escape closes it.
    wait_until_ready(page)
    page.keyboard.press("s")
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')"), \
        "'s' should put the focus in the search box"
    wait_until(page, SEARCH_OPEN, "'s' should open the search")
    page.keyboard.press("Escape")
    wait_until(page, SEARCH_CLOSED, "Escape should close the search")
    assert not page.evaluate("() => document.activeElement.matches('input.md-search__input')"), \
        "after Escape the focus should leave the search box"


def test_checklist_boxes_are_reached_with_tab_and_toggled_with_space(desktop_page, served_site):
    page = desktop_page
    page.goto(served_site + "checklist/", wait_until="load")
    wait_until_ready(page)
    boxes = page.evaluate("() => [...document.querySelectorAll('ul.checklist input[type=checkbox]')]"
                          ".map(b => b.name)")
    assert len(boxes) >= 5, f"the checklist has only {len(boxes)} checkboxes"
    focusable = page.evaluate("() => document.querySelectorAll('a[href], input, select, textarea, button, "
                              "[tabindex]:not([tabindex=\"-1\"])').length")

    # Every focus change is recorded in the page (checkbox name, or '' for anything else),
    # so Tab is pressed in batches and the order read once per batch.
    page.evaluate("""() => {
      window.__focusTrail = [];
      document.addEventListener('focusin', (event) => window.__focusTrail.push(
        event.target.matches('ul.checklist input[type=checkbox]') ? event.target.name : ''), true);
    }""")
    trail: list[str] = []
    for _ in range(0, focusable + 20, 25):
        for _ in range(25):
            page.keyboard.press("Tab")
        trail = page.evaluate("() => window.__focusTrail")
        if boxes[-1] in trail:
            break
    upto = trail[:trail.index(boxes[-1]) + 1] if boxes[-1] in trail else trail
    reached = [name for index, name in enumerate(upto) if name and (index == 0 or upto[index - 1] != name)]
    assert reached == boxes, (f"Tab reached {len(reached)} of {len(boxes)} checkboxes, or out of order; "
                              f"missing: {[b for b in boxes if b not in reached][:10]}")
    # Back to the last box with Shift+Tab (the batch may have gone past it).
    for _ in range(len(trail) - len(upto) + 5):
        if (page.evaluate(ACTIVE) or {}).get("name") == boxes[-1]:
            break
        page.keyboard.press("Shift+Tab")
    assert (page.evaluate(ACTIVE) or {}).get("name") == boxes[-1], "Shift+Tab should return to the last checkbox"

    # Space toggles the focused box, and again un-ticks it.
    name = boxes[-1]
    state = f"() => document.querySelector('input[name=\"{name}\"]').checked"
    assert page.evaluate(state) is False
    page.keyboard.press("Space")
    assert page.evaluate(state) is True, "Space should tick the focused checkbox"
    page.keyboard.press("Space")
    assert page.evaluate(state) is False, "Space again should clear it"
