"""Pages hold still while they load, in Chromium (browser tier).

The scripts run once the page is parsed and painted (they are deferred: tests/test_page_weight.py),
so whatever they add or show must already have its room: the copy buttons' boxes, the
home page's search button, the calculator, the table filter. Chromium reports each layout
shift not caused by the reader (the Layout Instability API, what Lighthouse's CLS adds up);
a page of each kind, on a phone and on a desktop, must report none.
"""

from __future__ import annotations

import pytest

from tests.browser import DESKTOP, PHONE, wait_until, wait_until_ready

PAGES = ["", "codes/97140/", "codes/97112/", "calculator/", "faq/", "techniques/", "edits/"]

WATCH = """(() => {
  window.__shifts = [];
  new PerformanceObserver(list => list.getEntries().forEach(entry => {
    if (!entry.hadRecentInput) window.__shifts.push([entry.value, entry.sources.map(source =>
      source.node ? source.node.nodeName.toLowerCase() + '.' + (source.node.className || '') : '?')]);
  })).observe({type: 'layout-shift', buffered: true});
})();"""


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_nothing_moves_while_a_page_loads(new_page, served_site, device):
    for path in PAGES:
        page = new_page(**(PHONE if device == "phone" else DESKTOP))
        page.context.add_init_script(script=WATCH)
        page.goto(served_site + path, wait_until="load")
        wait_until_ready(page)
        # The scripts' own start-up (guide.js marks <html> when it has run) and one more frame.
        wait_until(page, "() => document.documentElement.hasAttribute('data-guide-ready')", "guide.js did not run")
        page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
        assert page.evaluate("window.__shifts") == [], f"/{path} moved while loading on a {device}"
