"""The light/dark switch in the header, in Chromium (browser tier).

The switch is Material's palette toggle, run by the site's inline script
(overrides/partials/javascripts/palette.html) instead of Material's palette component,
which restyled every element of a long page three times as it started. What a reader
notices must be what Material did:

- the first visit follows the system theme, and the switch offers the other palette;
- the switch works by pointer and by keyboard (Enter on the focused option), suspends
  transitions while the colours change, and updates the browser's theme-color and
  color-scheme;
- the choice is kept: the next page opens in it, whatever the system theme;
- the switch does not restyle the whole page as it starts.
"""

from __future__ import annotations

import pytest

from tests.browser import DESKTOP, PHONE, wait_until_ready

STATE = """() => ({
  scheme: document.body.getAttribute('data-md-color-scheme'),
  media: document.body.getAttribute('data-md-color-media'),
  switching: document.body.hasAttribute('data-md-color-switching'),
  shown: [...document.querySelectorAll('form.md-header__option label')]
    .filter(l => l.offsetParent !== null).map(l => l.title),
  themeColor: [...document.querySelectorAll('meta[name=theme-color]')].map(m => m.content),
  colorScheme: [...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content),
})"""

LIGHT = {"scheme": "default", "media": "(prefers-color-scheme: light)", "switching": False,
         "shown": ["Switch to dark mode"], "themeColor": ["#00796b"], "colorScheme": ["light"]}
DARK = {"scheme": "slate", "media": "(prefers-color-scheme: dark)", "switching": False,
        "shown": ["Switch to light mode"], "themeColor": ["#00796b"], "colorScheme": ["dark"]}


@pytest.mark.parametrize("system, first, other", [("light", LIGHT, DARK), ("dark", DARK, LIGHT)])
def test_the_switch_follows_the_system_then_the_reader(new_page, served_site, system, first, other):
    page = new_page(color_scheme=system, **DESKTOP)
    page.goto(served_site + "codes/97140/", wait_until="load")
    wait_until_ready(page)
    assert page.evaluate(STATE) == first

    # By pointer: the visible switch offers the other palette and applies it.
    page.click("form.md-header__option label:not([hidden])")
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate(STATE) == other

    # Kept: the next page opens in the chosen palette, not the system's.
    page.goto(served_site + "faq/", wait_until="load")
    wait_until_ready(page)
    assert page.evaluate(STATE) == other

    # By keyboard: Enter on the focused option moves to the next palette and keeps focus there.
    checked_before = page.evaluate("() => document.body.getAttribute('data-md-color-media')")
    option = page.locator(f"input.md-option[data-md-color-media='{checked_before}']")
    option.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate(STATE) == first
    assert page.evaluate("() => document.activeElement.getAttribute('data-md-color-media')") == first["media"]


def test_transitions_are_suspended_while_the_colours_change(new_page, served_site):
    page = new_page(color_scheme="light", **DESKTOP)
    page.goto(served_site + "codes/97140/", wait_until="load")
    wait_until_ready(page)
    # The attribute Material's stylesheet reads to drop transitions is on <body> when the new
    # colours are applied, and gone right after.
    seen = page.evaluate("""() => new Promise(resolve => {
        const body = document.body, marks = [];
        new MutationObserver(records => records.forEach(r => marks.push(
            [r.attributeName, body.hasAttribute('data-md-color-switching')]))).observe(body, {attributes: true});
        document.querySelector('form.md-header__option label:not([hidden])').click();
        setTimeout(() => resolve(marks), 100);
    })""")
    assert ["data-md-color-scheme", True] in seen, seen
    assert seen[-1] == ["data-md-color-switching", False], seen


# Records, for each change to <body>'s colours or to the color-scheme <meta>, whether the
# article was already parsed then.
WATCH = """(() => {
  window.__paletteSteps = [];
  new MutationObserver(records => records.forEach(r => {
    const target = r.target.nodeType === 1 ? r.target : null;
    const meta = [...r.addedNodes].some(n => n.nodeName === 'META' && n.name === 'color-scheme')
      || (target && target.nodeName === 'META' && target.name === 'color-scheme');
    const body = target && target.nodeName === 'BODY' && r.attributeName && r.attributeName.startsWith('data-md-color');
    if (meta || body) window.__paletteSteps.push([meta ? 'meta' : r.attributeName, !!document.querySelector('article')]);
  })).observe(document, {childList: true, subtree: true, attributes: true});
})();"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_switch_does_not_restyle_the_page_as_it_starts(new_page, served_site, system):
    """Material's component added and set a color-scheme <meta> and marked <body> once the
    page was parsed: each of these restyled every element. Here they happen in the header,
    before the article is parsed, and nothing of Material's palette component starts."""
    page = new_page(color_scheme=system, **PHONE)
    page.context.add_init_script(script=WATCH)
    page.goto(served_site + "codes/97140/", wait_until="load")
    wait_until_ready(page)
    assert page.locator("[data-md-component=palette]").count() == 0
    assert page.evaluate(STATE) == (LIGHT if system == "light" else DARK)
    steps = page.evaluate("window.__paletteSteps")
    assert any(kind == "meta" for kind, _ in steps), steps
    if system == "dark":  # the page is written in the light palette: the dark one is applied
        assert ["data-md-color-scheme", False] in steps, steps
    assert all(not article for _, article in steps), steps
