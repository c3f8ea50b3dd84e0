"""Launch Debian's Chromium through Playwright (sync API) for browser tests.

The project never downloads Playwright's own browser builds: tests use the
system package (`apt-get install chromium`, /usr/bin/chromium). A missing
browser is an error, not a skip: in CI a skipped browser test counts as failure.

Usage from a fixture::

    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
"""

from __future__ import annotations

import os

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
