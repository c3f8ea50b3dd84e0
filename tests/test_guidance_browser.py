"""What only a browser shows of the newcomer pages: nothing wider than the screen from 320 px
phones to 1440 px desktops (a wide table scrolls, with a hint above it), the home page's tasks
on the first screen, the printable checklist's pages and its dark print, the 404 page under a
site path, and the way back from a followed citation mark.

Few page loads: each page is loaded once per kind of device and the window is resized to the
widths to check. Pages are a sample of the kinds a newcomer meets first (home, a code page,
the calculator with a visit, the comparison tables, yearly figures, the FAQ, a code's
checklist, the 404 page): each kind comes from one template, so one page of it shows the
layout of all.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import DESKTOP, PHONE, wait_until, wait_until_ready
from tests.static_server import StaticServer

PAGES = ["", "codes/97140/", "calculator/?method=medicare&97110=33&97140=7&97161=20", "compare/",
         "yearly-figures/", "faq/", "checklist/97140/", "no/such/page/"]
DEVICES = {"phone": (PHONE, [320, 390]), "desktop": (DESKTOP, [1024, 1440])}

# Elements of the main content (and the calculator) that stick out of the screen, except
# those inside a table or code block that scrolls on its own, fits the screen and, for a
# table, has the hint above it. At most 10, described for the failure message.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const fits = (box) => { const r = box.getBoundingClientRect(); return r.left >= -1 && r.right <= width + 1; };
  const out = [];
  for (const root of document.querySelectorAll('.md-content, #visit-calculator')) {
    for (const el of root.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || (r.left >= -1 && r.right <= width + 1)) continue;
      const wrap = el.closest('.md-typeset__scrollwrap');
      const hinted = wrap && wrap.previousElementSibling && wrap.previousElementSibling.classList.contains('scroll-hint');
      if (wrap && fits(wrap) && hinted) continue;
      const code = el.closest('pre');
      if (code && fits(code)) continue;
      out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  if (document.documentElement.scrollWidth > width + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px)`);
  // The calculator stays inside the text column too, not only inside the screen.
  const calculator = document.getElementById('visit-calculator');
  if (calculator) {
    const column = calculator.parentElement.getBoundingClientRect();
    for (const el of calculator.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > column.right + 1 || r.left < column.left - 1)) {
        out.push(`calculator ${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.right)} > column ${Math.round(column.right)}`);
      }
    }
  }
  return out.slice(0, 10);
}"""


# Each shown hint, if it is cut short, overlaps the text above it or its table, or moves the
# table (it takes no room of its own, so nothing moves when guide.js adds it: guide.css).
BAD_HINTS = """() => [...document.querySelectorAll('.scroll-hint')].flatMap(hint => {
  const r = hint.getBoundingClientRect();
  const table = hint.nextElementSibling.getBoundingClientRect();
  const above = hint.previousElementSibling;
  const out = [];
  if (hint.scrollWidth > hint.clientWidth + 1) out.push('cut short');
  if (r.bottom > table.top + 1) out.push(`overlaps its table (${r.bottom} > ${table.top})`);
  if (above && r.top < above.getBoundingClientRect().bottom - 1) out.push('overlaps the text above');
  hint.hidden = true;
  const without = hint.nextElementSibling.getBoundingClientRect().top;
  hint.hidden = false;
  if (Math.abs(without - table.top) > 0.5) out.push(`moves its table by ${table.top - without}px`);
  return out.map(problem => `hint ${hint.textContent.trim()}: ${problem}`);
})"""


def _assert_fits(page, where: str) -> None:
    try:
        wait_until(page, f"() => ({TOO_WIDE})().length === 0", "too wide", timeout=5_000)
    except AssertionError:
        raise AssertionError(f"{where}: wider than the screen: {page.evaluate(TOO_WIDE)}") from None


@pytest.mark.parametrize("device", list(DEVICES))
def test_nothing_is_wider_than_the_screen_but_scrolling_tables_with_their_hint(new_page, served_site, site, device):
    options, widths = DEVICES[device]
    page = new_page(**options)
    hinted = 0
    for url in PAGES:
        page.goto(served_site + url)
        wait_until_ready(page)
        wait_until(page, "() => document.documentElement.hasAttribute('data-guide-ready')", "guide.js did not run")
        for width in widths:
            page.set_viewport_size({"width": width, "height": options["viewport"]["height"]})
            _assert_fits(page, f"/{url} at {width}px")
            hinted += page.locator(".scroll-hint").count()
            assert page.evaluate(BAD_HINTS) == [], f"/{url} at {width}px"
    if device == "phone":
        assert hinted, "no table of the sample overflowed a phone: the hint was never shown"


def test_the_home_page_starts_tasks_on_the_first_screen(new_page, served_site, site):
    for options in ({"viewport": {"width": 1366, "height": 768}}, {**PHONE, "viewport": {"width": 390, "height": 844}}):
        page = new_page(**options)
        page.goto(served_site)
        wait_until_ready(page)
        wait_until(page, "() => document.documentElement.hasAttribute('data-guide-ready')", "guide.js did not run")
        shown = page.evaluate("""() => [...document.querySelectorAll(
              '.home-purpose, [data-open-search], nav.home-tasks a')].map(el => {
            const r = el.getBoundingClientRect();
            return [el.textContent.trim().replace(/\\s+/g, ' '), r.width > 0 && r.top >= 0 && r.bottom <= innerHeight];
          })""")
        assert len(shown) == 7 and all(visible for _, visible in shown), (options["viewport"], shown)
        # The search prompt opens the site's search, ready to type in.
        page.click("[data-open-search]")
        wait_until(page, "() => document.getElementById('__search').checked && "
                         "document.activeElement === document.querySelector('.md-search__input')",
                   "the search did not open with its box focused")


def _contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", colour)[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


PRINTED_COLOURS = """() => {
  const paper = getComputedStyle(document.body).backgroundColor;
  return [paper, ...['a.confidence--partly', 'a.confidence--verified', 'a.cite', '.compact-sources a']
    .map(s => document.querySelector(s)).map(el => [el.className, getComputedStyle(el).color])];
}"""


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_a_codes_checklist_prints_dark_on_at_most_two_letter_pages(new_page, served_site, site):
    # The longest sheet by the text it prints, and 97140 (the most items of any code).
    sheets = {file.parent.name: len(re.sub(r"<[^>]+>", "", file.read_text(encoding="utf-8")))
              for file in (site / "checklist").glob("*/index.html")}
    longest = max(sheets, key=sheets.get)
    for scheme in ("dark", "light"):
        page = new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page.goto(served_site + "checklist/97140/")
        wait_until_ready(page)
        page.emulate_media(media="print")
        paper, *inks = page.evaluate(PRINTED_COLOURS)
        assert _contrast("rgb(255, 255, 255)", paper) < 1.05, f"{scheme}: prints on {paper}, not white"
        for name, colour in inks:
            assert _contrast(colour, "rgb(255, 255, 255)") >= 4.5, f"{scheme}: {name} prints {colour} on white"
        boxes = page.eval_on_selector_all("ul.checklist input", "l => l.filter(b => b.offsetWidth > 0).length")
        assert boxes == page.locator("ul.checklist input").count() > 7
        for code in dict.fromkeys(["97140", longest]):
            page.goto(served_site + f"checklist/{code}/")
            wait_until_ready(page)
            pages = _pdf_pages(page.pdf(format="Letter"))
            assert 1 <= pages <= 2, f"/checklist/{code}/ prints on {pages} Letter pages ({scheme})"
        if scheme == "light":
            break


def test_the_404_page_works_under_a_site_path_and_on_a_phone(new_page, edited_build):
    """A project site is served below a path (https://user.github.io/reference/): the host
    answers any missing address there with the site's 404.html, whatever its depth."""
    with StaticServer(edited_build.host) as server:
        page = new_page(**PHONE)
        page.goto(server.url + "reference/codes/97999/notes/")
        wait_until_ready(page)
        assert page.title().startswith("Page not found")
        _assert_fits(page, "the 404 page on a phone")
        assert page.is_visible("[data-open-search]")
        links = page.eval_on_selector_all(".not-found-links a", "l => l.map(a => a.getAttribute('href'))")
        assert len(links) >= 6 and all(link.startswith("/reference/") for link in links), links
        for link in links:
            assert page.request.get(server.url + link.lstrip("/")).ok, link
        page.click("text=Every code, by family")
        page.wait_for_url(re.compile(r"/reference/codes/$"))
        assert page.title().startswith("All codes")


def test_a_followed_citation_mark_highlights_its_source_and_leads_back(new_page, served_site):
    page = new_page(**PHONE)
    page.goto(served_site + "codes/97140/")
    wait_until_ready(page)
    wait_until(page, "() => document.documentElement.hasAttribute('data-guide-ready')", "guide.js did not run")
    mark = page.locator(".at-a-glance a.cite").first
    target = mark.get_attribute("href")
    mark.click()
    page.wait_for_selector(".cite-back")
    entry = page.locator(f"li{target}")  # the list item is the anchor
    assert entry.locator(".cite-back").count() == 1
    assert entry.evaluate("li => getComputedStyle(li).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    page.locator(".cite-back").press("Enter")  # keyboard use
    wait_until(page, "() => document.activeElement.matches('.at-a-glance a.cite')", "focus did not return to the mark")
    assert page.evaluate("location.hash") == "" and page.locator(".cite-back").count() == 0
