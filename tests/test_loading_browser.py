"""Pages hold still while they load, in Chromium (browser tier).

The scripts run once the page is parsed and painted (they are deferred: tests/test_page_weight.py),
so whatever they add or show must already have its room: the copy buttons' boxes, the
home page's search button, the calculator, the table filter. Chromium reports each layout
shift not caused by the reader (the Layout Instability API, what Lighthouse's CLS adds up);
a page of each kind, on a phone and on a desktop, must report none.

What is checked is what the page's styles and scripts do once its HTML is there, so the
first paint waits until the HTML is parsed. Otherwise Chromium may paint a long page
before it has read all of it, whenever the machine is slow. A table then widens or
narrows its columns as its later rows arrive (automatic table layout). That shift comes
from the machine's speed, not from the page: /edits/ showed one of 0.008 to 0.016 in
about one load in five with the processor slowed six- to eightfold, and none with the
first paint held. The test holds the first paint by adding
`<link rel="expect" href="#..." blocking="render">` to the page as served, aimed at an
element added at the end of its body.
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


PARSED = "test-html-parsed"


def paint_once_parsed(route) -> None:
    """Serve the page with its first paint held until its HTML is parsed (see above)."""
    response = route.fetch()
    html = response.text()
    assert "<head>" in html and "</body>" in html, f"{route.request.url} is not a whole page"
    html = html.replace("<head>", f'<head><link rel="expect" href="#{PARSED}" blocking="render">', 1)
    before, _, after = html.rpartition("</body>")
    html = f'{before}<span id="{PARSED}"></span></body>{after}'
    # The text as changed here, so not compressed: no encoding or length of the original.
    headers = {name: value for name, value in response.headers.items()
               if name.lower() not in ("content-encoding", "content-length")}
    route.fulfill(status=response.status, headers=headers, body=html)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_nothing_moves_while_a_page_loads(new_page, served_site, device):
    for path in PAGES:
        page = new_page(**(PHONE if device == "phone" else DESKTOP))
        page.context.add_init_script(script=WATCH)
        page.route(served_site + path, paint_once_parsed)
        page.goto(served_site + path, wait_until="load")
        wait_until_ready(page)
        # The scripts' own start-up (guide.js marks <html> when it has run) and one more frame.
        wait_until(page, "() => document.documentElement.hasAttribute('data-guide-ready')", "guide.js did not run")
        page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
        assert page.evaluate("window.__shifts") == [], f"/{path} moved while loading on a {device}"
