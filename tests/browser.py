"""Launch Debian's Chromium through Playwright (sync API), and wait for pages to be ready.

The project never downloads Playwright's own browser builds: tests use the
system package (`apt-get install chromium`, /usr/bin/chromium). A missing
browser is an error, not a skip: in CI a skipped browser test counts as failure.

Tests get the browser from the session fixture `browser` (tests/conftest.py) and a page
from `new_page`; they do not launch their own.

Waiting: a test waits for a state the reader could see, never for a fixed time.
`wait_until_ready(page)` resolves once Material has started on the page and the site's
own start-up script has run; `wait_until(page, js, message)` waits for any condition and
fails with `message` if it never holds.
"""

from __future__ import annotations

import os
import re

# GitHub runners have Google Chrome at another path; CI sets CHROMIUM_PATH there.
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Browser context options for the two devices the tests use: new_page(**PHONE).
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}

# Scrolling regions the site's script in overrides/main.html makes reachable by keyboard;
# it marks each one it has examined with data-scroll-watched.
SCROLLERS = ".md-typeset .md-typeset__scrollwrap, .md-typeset pre > code"

# Ready when Material has announced the page on document$ (its components, keyboard
# handlers included, are set up by then) and the site's start-up script, which runs in a
# task queued from document$, has examined every scrolling region. document$ replays its
# last page to a late subscriber, so subscribing after the fact still reports it.
PAGE_READY = """(scrollers) => {
  if (!window.document$) return false;
  if (!window.__pageStartWatched) {
    window.__pageStartWatched = true;
    window.document$.subscribe(() => { window.__pageStarted = true; });
  }
  return window.__pageStarted === true && [...document.querySelectorAll(scrollers)]
    .every((box) => box.hasAttribute('data-scroll-watched'));
}"""

# The site search (docs/assets/javascripts/search.js, a deferred script) has set up its
# dialog and window.siteSearch.
SEARCH_READY = "() => typeof window.siteSearch === 'object'"


# Every request address that does not go to this machine. Routing only these (the regular
# expression is matched inside Playwright, not in Python) keeps the local requests of a
# page load off the Python side; a "**/*" route made each of them wait for Python.
OTHER_HOSTS = re.compile(
    r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:/|$))"
    r"(?!(?:data|blob|about|chrome|chrome-extension|devtools):)")


def block_other_hosts(context, on_blocked) -> None:
    """Abort every request of `context` to another host, after calling on_blocked(request)."""

    def guard(route) -> None:
        on_blocked(route.request)
        route.abort("blockedbyclient")

    context.route(OTHER_HOSTS, guard)




def launch_chromium(playwright, **kwargs):
    """Return a Playwright ``Browser`` running /usr/bin/chromium headless."""
    if not os.path.exists(CHROMIUM_PATH):
        raise RuntimeError(
            f"Chromium not found at {CHROMIUM_PATH}: install Debian's package "
            "(apt-get install chromium); the tests never download a browser"
        )
    return playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS), headless=True, **kwargs
    )


def wait_until(page, condition: str, message: str, arg=None, timeout: float = 10_000) -> None:
    """Wait until the JavaScript `condition` (a function) returns a truthy value; fail
    with `message` if it does not within `timeout` milliseconds."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(condition, arg=arg, timeout=timeout)
    except PlaywrightTimeout:
        raise AssertionError(f"{message} (still not so after {timeout / 1000:g} s on {page.url})") from None


def wait_until_ready(page, timeout: float = 15_000) -> None:
    """Wait until Material and the site's start-up script have run on the loaded page."""
    wait_until(page, PAGE_READY, "Material or the site's start-up script never finished", arg=SCROLLERS,
               timeout=timeout)
