"""Sharing, in Chromium: what only a browser shows (browser tier).

- Copy link: the buttons links.js adds under every section heading, used from the
  keyboard, heard through their live region, and the field they fall back to when the
  Clipboard API is missing. The clipboard is a stand-in installed before the page loads
  (it records what is written, and can be switched off), so the checks never depend on
  the machine's clipboard.
- The embeddable card inside an <iframe> of a page served from another origin.
- The printed code page: what shows on paper, and how many Letter pages Chromium's PDF has.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest

from mkdocs.utils.yaml import yaml_load

from macros.render.code_page import SECTION_ANCHORS
from tests.browser import DESKTOP, PHONE, block_other_hosts, wait_until, wait_until_ready
from tests.conftest import ROOT, visible_text
from tests.static_server import StaticServer

SITE_URL = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]

CLIPBOARD = """(() => {
  const clipboard = { writeText: (text) => { window.__copied = text; return Promise.resolve(); } };
  Object.defineProperty(Navigator.prototype, 'clipboard', {
    configurable: true, get() { return window.__noClipboard ? undefined : clipboard; } });
})();"""

FOCUSED = """() => { const el = document.activeElement;
  return el ? {tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent, value: el.value || '',
               selected: el.value ? [el.selectionStart, el.selectionEnd] : null} : null; }"""


def tools_after(anchor: str) -> str:
    return f"h2#{anchor} + .link-tools"


def status_of(page, anchor: str) -> dict:
    return page.eval_on_selector(tools_after(anchor) + " .link-tools__status",
                                 "s => ({text: s.textContent, role: s.getAttribute('role'), "
                                 "live: s.getAttribute('aria-live')})")


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def test_copy_link_works_from_the_keyboard_is_announced_and_falls_back_to_a_field(new_page, served_site, site,
                                                                                 catalog):
    page = new_page(timezone_id="UTC", **DESKTOP)
    page.context.add_init_script(script=CLIPBOARD)
    before = dt.datetime.now(dt.timezone.utc).date()
    page.goto(served_site + "codes/97140/", wait_until="load")
    wait_until_ready(page)
    after = dt.datetime.now(dt.timezone.utc).date()

    # Every public section has its button, named after the section.
    names = page.eval_on_selector_all("article h2[id] + .link-tools > button",
                                      "buttons => buttons.map(b => b.textContent)")
    assert names == [f"Copy link to “{title}”" for title in SECTION_ANCHORS.values()]

    # Keyboard: Tab from the section's permalink reaches its button; Enter copies.
    page.focus("h2#units > a.headerlink")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "button" and focused["text"] == "Copy link to “Units and time”", focused
    page.keyboard.press("Enter")
    wait_until(page, "() => window.__copied !== undefined", "Enter on the button copied nothing")
    assert page.evaluate("window.__copied") == f"{SITE_URL}codes/97140/#units"
    wait_until(page, f"() => document.querySelector('{tools_after('units')} [role=status]').textContent !== ''",
               "the copy was not announced")
    assert status_of(page, "units") == {"text": "Copied to the clipboard.", "role": "status", "live": "polite"}

    # Without the Clipboard API: Space shows the address in a field, focused and selected.
    page.evaluate("window.__noClipboard = true")
    page.focus("h2#medicare > a.headerlink")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    wait_until(page, "() => document.activeElement.matches('.link-tools__field')",
               "the address was not shown in a field")
    focused = page.evaluate(FOCUSED)
    address = f"{SITE_URL}codes/97140/#medicare"
    assert focused["value"] == address and focused["selected"] == [0, len(address)], focused
    wait_until(page, f"() => /Ctrl\\+C/.test(document.querySelector('{tools_after('medicare')} "
                     "[role=status]').textContent)", "the field was not announced")

    # The citation says the day it is read, and its button copies it whole.
    accessed = page.inner_text(".cite-box__accessed")
    assert accessed in {f"Accessed {long_date(before)}.", f"Accessed {long_date(after)}."}, accessed
    page.evaluate("window.__noClipboard = false")
    page.get_by_role("button", name="Copy citation").click()
    wait_until(page, "() => (window.__copied || '').includes('Accessed')", "the citation was not copied")
    code = catalog.codes["97140"]
    assert page.evaluate("window.__copied") == (
        f"“97140 · {code.title}.” Therapy Billing Code Reference. {SITE_URL}codes/97140/. "
        f"Last reviewed {long_date(code.last_reviewed)}. {accessed}")


def test_every_faq_entry_technique_and_modifier_has_a_copy_link(new_page, served_site, site, catalog):
    page = new_page(**DESKTOP)
    page.context.add_init_script(script=CLIPBOARD)
    records = {"faq/": [entry.id for entry in catalog.data.faq],
               "techniques/": [technique.id for technique in catalog.data.techniques],
               "modifiers/": [f"modifier-{modifier.id.lower()}" for modifier in catalog.data.modifiers]}
    for path, anchors in records.items():
        page.goto(served_site + path, wait_until="load")
        wait_until_ready(page)
        found = set(page.eval_on_selector_all("article h2[id] + .link-tools > button.link-tools__copy",
                                              "buttons => buttons.map(b => b.parentElement.previousElementSibling.id)"))
        assert anchors and not set(anchors) - found, f"/{path}: no Copy link for {sorted(set(anchors) - found)}"
        page.click(f"{tools_after(anchors[-1])} > button")
        wait_until(page, "() => window.__copied !== undefined", f"/{path}: the button copied nothing")
        assert page.evaluate("window.__copied") == f"{SITE_URL}{path}#{anchors[-1]}"


# Each copy-button box of the article: its height, and where the content after it starts.
BOXES = """() => [...document.querySelectorAll('article .link-tools')].map(box => {
  const next = box.nextElementSibling;
  return [box.getBoundingClientRect().height.toFixed(1), next ? next.getBoundingClientRect().top.toFixed(1) : null];
})"""


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_copy_buttons_appear_without_moving_the_page(new_page, served_site, device):
    """The boxes the buttons go into are in the page with the button's height before
    links.js fills them: nothing below a heading moves when its button appears (no layout
    shift, which Lighthouse counts)."""
    options = PHONE if device == "phone" else DESKTOP
    for path in ["codes/97140/", "faq/"]:
        waiting = new_page(**options)
        waiting.route("**/links.js", lambda route: route.abort())
        waiting.goto(served_site + path, wait_until="load")
        wait_until_ready(waiting)
        assert waiting.locator("article .link-tools__copy").count() == 0
        before = waiting.evaluate(BOXES)

        page = new_page(**options)
        page.goto(served_site + path, wait_until="load")
        wait_until_ready(page)
        assert page.locator("article .link-tools > button.link-tools__copy").count() == len(before) > 0
        assert page.evaluate(BOXES) == before, f"/{path}: the page moved when the copy buttons appeared"


def test_the_card_shows_in_a_frame_of_a_page_on_another_origin(new_page, served_site, built_page, tmp_path, catalog):
    # The snippet the code page offers, pointed at the local server instead of the site's address.
    snippet = visible_text(built_page("codes/97140/").select_one("pre.embed-snippet"))
    snippet = snippet.replace(SITE_URL, served_site)
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">'
        f"<title>Clinic wiki</title></head><body><h1>Clinic wiki</h1>{snippet}</body></html>", encoding="utf-8")
    code = catalog.codes["97140"]
    with StaticServer(tmp_path) as wiki:
        assert wiki.url != served_site  # another port: another origin
        page = new_page(color_scheme="dark", **DESKTOP)
        errors, outside = [], []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        block_other_hosts(page.context, lambda request: outside.append(request.url))
        page.goto(wiki.url, wait_until="load")
        card = page.frame_locator("iframe")
        assert card.locator("h1").inner_text() == f"97140 {code.title}"
        assert card.locator(".summary p").first.inner_text() == " ".join(code.summary.text.split())
        frame = next(f for f in page.frames if f != page.main_frame)
        assert frame.url == f"{served_site}embed/codes/97140/"
        box = page.locator("iframe").bounding_box()
        assert (round(box["width"]), round(box["height"])) == (480, 320)
        # Fits its frame: the heading and the link to the page are in view without scrolling.
        fits = frame.evaluate("""() => ['h1', 'footer a'].every(s => {
            const r = document.querySelector(s).getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; })""")
        assert fits, "the card does not fit its 480 x 320 frame"
        background = frame.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert sum(map(int, re.findall(r"\d+", background)[:3])) < 3 * 80, f"dark setting, light card: {background}"
        assert not errors and not outside, (errors, outside)
        # The link opens the code page in place of the whole wiki page, not inside the frame.
        with page.expect_navigation():
            card.locator("a[target=_top]").click()
        assert page.url == f"{served_site}codes/97140/"


# The printed 97140 page (the code with the most sources, 102) measured 7 Letter pages: the
# printed sections take under 3, the source list in two columns of small print about 25
# sources a page. The bound allows that and nothing like the 30 pages the whole screen
# page printed to.
PRINTED_TEXT_PAGES = 3
SOURCES_PER_PAGE = 25


def test_a_printed_code_page_is_a_short_document_with_its_sources_written_out(new_page, served_site, site, catalog):
    code = catalog.codes["97140"]
    page = new_page(**DESKTOP)
    page.goto(served_site + "codes/97140/", wait_until="load")
    wait_until_ready(page)
    page.emulate_media(media="print")

    chrome = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer',
        '.md-search', '.link-tools', '.cite-box', '.embed-snippet']
        .map(s => [s, [...document.querySelectorAll(s)].every(e => e.offsetParent === null)])""")
    assert all(hidden for _, hidden in chrome), [s for s, hidden in chrome if not hidden]
    shown = page.eval_on_selector_all("article h2[id]", "hs => hs.filter(h => h.offsetParent).map(h => h.id)")
    assert shown == ["covers", "units", "medicare", "commercial", "documentation", "sources"]

    text = " ".join(page.inner_text("article").split())
    for claim in [code.summary, code.billing, code.medicare_status, *code.medicare, *code.commercial]:
        assert " ".join(claim.text.split()) in text, claim.text[:60]
    boxes = page.evaluate("""() => {
        let list = document.getElementById('documentation').nextElementSibling;
        while (list && list.tagName !== 'UL' && list.tagName !== 'H2') list = list.nextElementSibling;
        return [...(list && list.tagName === 'UL' ? list.children : [])].map(li => {
            const box = getComputedStyle(li, '::before');
            return box.borderTopStyle === 'solid' && parseFloat(box.width) > 4; }); }""")
    assert boxes == [True] * len(code.checklist), "each documentation item prints with a box to tick"
    cited = page.eval_on_selector_all("[id^=source-]", "spans => spans.map(s => s.id.slice(7))")
    assert len(cited) > 50
    missing = [catalog.sources[source].url for source in cited if catalog.sources[source].url not in text]
    assert not missing, f"printed without their addresses: {missing[:5]}"
    assert f"Page last reviewed {long_date(code.last_reviewed)}." in text
    assert text.endswith(f"97140 · {code.title}: {SITE_URL}codes/97140/ Page last reviewed "
                         f"{long_date(code.last_reviewed)}.")

    pdf = page.pdf(format="Letter")
    # The page tree's root counts every page; inner nodes count fewer.
    counts = [int(count) for count in re.findall(rb"/Count (\d+)", pdf)]
    assert counts, "no page count in the PDF"
    bound = PRINTED_TEXT_PAGES + math.ceil(len(cited) / SOURCES_PER_PAGE)
    assert max(counts) <= bound, f"/codes/97140/ prints on {max(counts)} Letter pages (at most {bound})"
