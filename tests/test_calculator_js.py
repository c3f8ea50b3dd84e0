"""Browser tests of the visit calculator (calculator.js with units.js) on small test
pages: results from a link, editing, the address bar, keyboard use, labels, hostile data.

What needs no page is tested without one: the units arithmetic against the reference
engine's golden vectors (tests/js/units.test.js) and the reading of links and rows
(tests/js/calculator.test.js), both in Node. The calculator page of the real site is
tested in tests/test_calculator_page.py.

Runs Debian's /usr/bin/chromium through Playwright (the session's `browser`); never skips
for a missing browser (see tests/browser.py).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from macros.render.code_page import BASIS_LABELS
from macros.render.examples import METHOD_LABELS
from macros.render.explain import STEP_SENTENCES, sentences
from macros.units import TIE_RULE, explain_allocation
from tests.browser import PHONE, wait_until
from tests.conftest import ROOT

JS_DIR = ROOT / "docs" / "assets" / "javascripts"
T, S, R = "timed_15", "per_session", "region_count"
MAX_ROWS = 20  # the calculator's row limit (calculator.js), as the reader is told

# code: (basis, family, title). Titles are this test's own short labels.
CODES = {
    "97110": (T, "Therapeutic procedure", "Therapeutic exercise"),
    "97112": (T, "Therapeutic procedure", "Neuromuscular re-education"),
    "97116": (T, "Therapeutic procedure", "Gait training"),
    "97140": (T, "Therapeutic procedure", "Manual therapy techniques"),
    "97530": (T, "Therapeutic procedure", "Therapeutic activities"),
    "97535": (T, "Therapeutic procedure", "Self-care training"),
    "97124": (T, "Therapeutic procedure", "Massage"),
    "97113": (T, "Therapeutic procedure", "Aquatic therapy"),
    "97035": (T, "Modality, attended", "Ultrasound"),
    "97032": (T, "Modality, attended", "Electrical stimulation, attended"),
    "97010": (S, "Modality, supervised", "Hot or cold packs"),
    "97014": (S, "Modality, supervised", "Electrical stimulation, unattended"),
    "G0283": (S, "Modality, supervised", "Electrical stimulation, unattended (Medicare)"),
    "97161": (S, "Evaluation", "PT evaluation, low complexity"),
    "97162": (S, "Evaluation", "PT evaluation, moderate complexity"),
    "97164": (S, "Evaluation", "PT re-evaluation"),
    "98940": (R, "Chiropractic manipulation", "CMT, spinal, 1-2 regions"),
    "98941": (R, "Chiropractic manipulation", "CMT, spinal, 3-4 regions"),
    "98925": (R, "Osteopathic manipulation", "OMT, 1-2 body regions"),
    "98926": (R, "Osteopathic manipulation", "OMT, 3-4 body regions"),
}
NOT_MEDICARE = {"97014": "Medicare uses G0283 for unattended electrical stimulation."}
EDIT_TEXT = "An NCCI edit pairs these codes: bill both only for distinct time blocks, with a modifier."
HOSTILE = '<img src=x onerror="window.__pwned=1"><b>bold</b>'
# A worked example of this test's own (the site's come from data/codes.yaml).
EXAMPLE = {"id": "short-manual", "title": "Example: a short manual therapy service", "url": "../units/#short-manual",
           "visit": [["97110", 33], ["97140", 7]]}


def make_rules(hostile: bool = False) -> dict:
    """Rules in the shape macros/render/examples.py exports: this test's own codes and
    example, and the site's own labels, tie-rule sentence and explanation sentences (which
    the script must take from the rules)."""
    codes = {}
    for code, (basis, family, title) in CODES.items():
        codes[code] = {
            "title": title,
            "basis": basis,
            "family": family,
            "url": f"../codes/{code}/",
            "medicare_payable": code not in NOT_MEDICARE,
            "medicare_note": NOT_MEDICARE.get(code, ""),
        }
    edits = [{"codes": ["97140", "97530"], "column1": "97530", "column2": "97140",
              "modifier_indicator": "1", "text": EDIT_TEXT}]
    examples = [dict(EXAMPLE)]
    if hostile:
        codes["97110"]["title"] = HOSTILE
        codes["97110"]["family"] = HOSTILE
        codes["97014"]["medicare_note"] = HOSTILE
        edits[0]["text"] = HOSTILE
        examples[0]["title"] = HOSTILE
    return {"codes": codes, "edits": edits, "methods": dict(METHOD_LABELS),
            "basis_labels": dict(BASIS_LABELS), "tie_rule": TIE_RULE, "explain": dict(STEP_SENTENCES),
            "examples": examples}


def page_html(rules: dict) -> str:
    # "</" would end the script element early; JSON allows the escaped form.
    data = json.dumps(rules).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Visit calculator test</title></head>
<body>
<h1>Visit calculator</h1>
<script type="application/json" id="calculator-rules">{data}</script>
<div id="visit-calculator"></div>
<script src="units.js"></script>
<script src="calculator.js"></script>
</body></html>
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def calculator_pages(tmp_path_factory):
    """Serve the test pages (normal and hostile rules) on 127.0.0.1; yields the base URL."""
    root = tmp_path_factory.mktemp("calculator-pages")
    for name, hostile in (("calc", False), ("hostile", True)):
        folder = root / name
        folder.mkdir()
        for js in ("units.js", "calculator.js"):
            shutil.copy(JS_DIR / js, folder / js)
        (folder / "index.html").write_text(page_html(make_rules(hostile)), encoding="utf-8")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_calc(new_page, calculator_pages):
    """open_calc("?query", folder="calc", **context_options) -> a Page (own context); a JS
    error fails the test."""

    def opener(query: str = "", folder: str = "calc", **options):
        page = new_page(**options)
        page.goto(f"{calculator_pages}/{folder}/index.html{query}")
        page.wait_for_selector("#calculator-summary")
        return page

    return opener


def units_on_page(page) -> dict[str, int]:
    """Code -> units as each result line says them ("97110 · 33 min · 2 units")."""
    lines = page.eval_on_selector_all(
        "#calculator-results li[data-code]",
        "items => items.map(li => [li.dataset.code, li.querySelector('.calculator-result-line').textContent])")
    found = {}
    for code, line in lines:
        match = re.fullmatch(rf"{code} · \d+ min(?: \(untimed\))? · (\d+) units?", line)
        assert match, f"result line {line!r} is not 'code · minutes · units'"
        found[code] = int(match.group(1))
    return found


def total_on_page(page) -> str:
    return page.text_content("#calculator-total-units")


def explanation_on_page(page) -> list[str]:
    return page.eval_on_selector_all("#calculator-explanation li", "l => l.map(x => x.textContent)")


def expected_explanation(visit: dict[str, int], method: str) -> list[str]:
    """The reference engine's explanation of the visit, in the site's sentences."""
    basis = {code: info[0] for code, info in CODES.items()}
    return sentences(explain_allocation(visit, basis, method).explanation)


def warnings_on_page(page) -> list[tuple[str, str]]:
    items = page.eval_on_selector_all(
        "#calculator-warnings li", "items => items.map(li => [li.dataset.kind, li.textContent])")
    return [tuple(item) for item in items]


def notices_on_page(page) -> list[str]:
    return page.eval_on_selector_all("#calculator-notices li", "l => l.map(x => x.textContent)")


def query_pairs(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


# --- the calculator UI -------------------------------------------------------

def test_medicare_result_from_url(open_calc):
    page = open_calc("?method=medicare&97110=33&97140=7")
    assert page.is_checked("#calculator-method-medicare")
    assert units_on_page(page) == {"97110": 2, "97140": 1}
    assert total_on_page(page) == "3 units"
    assert "40 timed minutes" in page.text_content("#calculator-summary")
    assert explanation_on_page(page) == expected_explanation({"97110": 33, "97140": 7}, "medicare")
    codes = page.eval_on_selector_all("select.calculator-code", "s => s.map(x => x.value)")
    minutes = page.eval_on_selector_all("input.calculator-minutes", "s => s.map(x => x.value)")
    assert codes == ["97110", "97140"] and minutes == ["33", "7"]


def test_switch_to_per_code_updates_results_and_url(open_calc):
    page = open_calc("?method=medicare&97110=33&97140=7")
    page.check("#calculator-method-per-code")
    assert units_on_page(page) == {"97110": 2, "97140": 0}
    assert total_on_page(page) == "2 units"
    assert query_pairs(page.url) == [("method", "per-code"), ("97110", "33"), ("97140", "7")]
    # 97140 alone at 7 minutes earns nothing per code, and the explanation says so.
    assert explanation_on_page(page) == expected_explanation({"97110": 33, "97140": 7}, "per-code")


def test_editing_minutes_updates_results_and_url(open_calc):
    page = open_calc("?method=medicare&97110=33&97140=7")
    history_length = page.evaluate("window.__marker = 1; history.length")
    page.fill(".calculator-row:nth-child(1) input.calculator-minutes", "40")
    # 47 minutes -> 3 units; 97110 has 40 // 15 = 2 full blocks and 10 left over,
    # more than 97140's 7, so it takes the third unit.
    assert units_on_page(page) == {"97110": 3, "97140": 0}
    assert "47 timed minutes" in page.text_content("#calculator-summary")
    assert explanation_on_page(page) == expected_explanation({"97110": 40, "97140": 7}, "medicare")
    assert query_pairs(page.url) == [("method", "medicare"), ("97110", "40"), ("97140", "7")]
    # replaceState: no new history entries, and no reload (the marker survives).
    assert page.evaluate("[history.length, window.__marker]") == [history_length, 1]


def test_url_round_trip(open_calc):
    page = open_calc("?method=medicare&97110=33&97140=7")
    page.click("#calculator-add")
    page.select_option(".calculator-row:nth-child(3) select.calculator-code", "97530")
    page.fill(".calculator-row:nth-child(3) input.calculator-minutes", "12")
    page.select_option(".calculator-row:nth-child(1) select.calculator-code", "97112")
    page.check("#calculator-method-per-code")
    url = page.url
    assert query_pairs(url) == [("method", "per-code"), ("97112", "33"),
                                ("97140", "7"), ("97530", "12")]

    def snapshot(p):
        return (units_on_page(p), p.text_content("#calculator-summary"), explanation_on_page(p),
                warnings_on_page(p), p.is_checked("#calculator-method-per-code"))

    before = snapshot(page)
    again = open_calc(urlsplit(url).query and "?" + urlsplit(url).query)
    assert snapshot(again) == before
    assert before[0] == {"97112": 2, "97140": 0, "97530": 1}


def test_lone_seven_minute_service_is_explained_and_nothing_to_check(open_calc):
    page = open_calc("?method=medicare&97110=7")
    assert units_on_page(page) == {"97110": 0}
    assert explanation_on_page(page) == expected_explanation({"97110": 7}, "medicare")
    assert "under 8 minutes" in explanation_on_page(page)[0]
    # "Points to check" appears only when the data has something to say about the visit.
    assert not page.is_visible("#calculator-warnings-title") and not page.is_visible("#calculator-warnings")


def test_untimed_code_is_one_unit(open_calc):
    page = open_calc("?method=medicare&97161=45&97110=10")
    assert units_on_page(page) == {"97161": 1, "97110": 1}
    assert "10 timed minutes" in page.text_content("#calculator-summary")
    said = explanation_on_page(page)
    assert said == expected_explanation({"97161": 45, "97110": 10}, "medicare")
    assert any("97161" in line and "1 unit" in line and "45 minutes" in line for line in said), said
    page.fill(".calculator-row:nth-child(1) input.calculator-minutes", "0")
    assert units_on_page(page)["97161"] == 1


def test_tie_is_explained(open_calc):
    page = open_calc("?method=medicare&97112=20&97110=20")
    got = units_on_page(page)
    assert sum(got.values()) == 3 and sorted(got.values()) == [1, 2]
    winner = next(code for code, units in got.items() if units == 2)
    said = explanation_on_page(page)
    assert said == expected_explanation({"97112": 20, "97110": 20}, "medicare")
    assert any(line.startswith(f"A leftover unit goes to {winner}:") for line in said), said
    # The rule's sentence comes from the rules JSON (the one in macros/units.py).
    tie = [line for line in said if line.startswith("Tie:")]
    assert len(tie) == 1 and "97112 and 97110" in tie[0] and tie[0].endswith(TIE_RULE)


def test_labels_come_from_the_rules(open_calc):
    page = open_calc("?97110=10&97161=20&98940=0")
    labels = page.eval_on_selector_all("fieldset.calculator-methods label", "l => l.map(x => x.textContent)")
    assert labels == list(METHOD_LABELS.values())
    about = page.eval_on_selector_all("#calculator-results .calculator-result-about", "l => l.map(x => x.textContent)")
    assert about == [f"{CODES[code][2]} · {BASIS_LABELS[basis]}"
                     for code, basis in (("97110", T), ("97161", S), ("98940", R))]


def test_medicare_payable_and_edit_warnings(open_calc):
    page = open_calc("?method=medicare&97014=15&97140=20&97530=20")
    warnings = warnings_on_page(page)
    assert ("not-medicare-payable", "97014: " + NOT_MEDICARE["97014"]) in warnings
    assert ("edit", "97140 with 97530: " + EDIT_TEXT) in warnings
    page.check("#calculator-method-per-code")
    kinds = [k for k, _ in warnings_on_page(page)]
    assert "not-medicare-payable" not in kinds and "edit" in kinds


def test_rows_of_one_code_cannot_pass_one_day(open_calc):
    """Two rows of 1440 minutes for one code used to count 192 units."""
    page = open_calc("?method=medicare&97110=1440&97140=20&97110=1440")
    assert units_on_page(page) == {"97140": 1}
    assert total_on_page(page) == "1 unit"
    assert any("97110 is in 2 rows that add up to 2880 minutes, more than one day" in n
               for n in notices_on_page(page)), notices_on_page(page)
    invalid = page.eval_on_selector_all("input.calculator-minutes", "l => l.map(x => x.getAttribute('aria-invalid'))")
    assert invalid == ["true", "false", "true"]
    # Fixing a row brings the code back, its rows added together: 1440 + 0 minutes of
    # 97110 and 20 of 97140 pool to 1460 minutes, 97 units: 96 full blocks and 1.
    page.fill(".calculator-row:nth-child(3) input.calculator-minutes", "0")
    assert units_on_page(page) == {"97110": 96, "97140": 1}
    assert "1460 timed minutes" in page.text_content("#calculator-summary")


def test_a_link_with_too_many_rows_shows_the_first_ones_and_says_what_was_dropped(open_calc):
    visit = [("97110" if i % 2 else "97140", str(i % 60)) for i in range(500)]
    page = open_calc("?" + urlencode([("method", "medicare"), *visit]))
    assert page.locator(".calculator-row").count() == MAX_ROWS
    notices = notices_on_page(page)
    assert any(f"more than {MAX_ROWS} rows" in n and "480 entries after them were left out" in n and
               "97140=20, 97110=21" in n for n in notices), notices
    # The form is full: "Add code" is off and says why; removing a row turns it back on.
    assert page.is_disabled("#calculator-add")
    assert page.is_visible("#calculator-row-limit")
    assert str(MAX_ROWS) in page.text_content("#calculator-row-limit")
    page.click(".calculator-row:nth-child(1) .calculator-remove")
    assert page.is_enabled("#calculator-add") and not page.is_visible("#calculator-row-limit")
    # The address keeps only the rows shown.
    assert len([key for key, _ in query_pairs(page.url) if key != "method"]) == MAX_ROWS - 1


def test_a_repeated_method_in_a_link_uses_the_first_and_says_so(open_calc):
    page = open_calc("?method=per-code&97110=33&method=medicare&97140=7")
    assert page.is_checked("#calculator-method-per-code")
    assert units_on_page(page) == {"97110": 2, "97140": 0}
    assert any("counting method 2 times" in n and "only the first counts" in n for n in notices_on_page(page))
    assert query_pairs(page.url) == [("method", "per-code"), ("97110", "33"), ("97140", "7")]


def test_bad_url_values_are_reported_and_ignored(open_calc):
    page = open_calc("?method=bogus&99999=10&97110=abc&97112=-4&97116=7.5&97140=20&h=search")
    assert page.is_checked("#calculator-method-medicare")
    assert units_on_page(page) == {"97140": 1}
    notices = notices_on_page(page)
    text = " | ".join(notices)
    for needle in ("bogus", "99999", '"abc"', '"-4"', '"7.5"'):
        assert needle in text, (needle, notices)
    # Bad parts dropped from the URL; the unrelated ?h= parameter kept.
    assert query_pairs(page.url) == [("h", "search"), ("method", "medicare"), ("97140", "20")]


def test_invalid_minutes_typed_in_a_row(open_calc):
    page = open_calc("?method=medicare&97110=33&97140=7")
    page.fill(".calculator-row:nth-child(2) input.calculator-minutes", "-3")
    assert units_on_page(page) == {"97110": 2}
    assert page.get_attribute(".calculator-row:nth-child(2) input", "aria-invalid") == "true"
    assert "Row 2 (97140)" in page.text_content("#calculator-notices")
    assert query_pairs(page.url) == [("method", "medicare"), ("97110", "33")]


def test_empty_page_starts_with_one_blank_row(open_calc):
    page = open_calc()
    assert page.locator(".calculator-row").count() == 1
    assert units_on_page(page) == {}
    assert "Choose a code" in page.text_content("#calculator-summary")
    assert not page.is_visible("#calculator-explanation") and not page.is_visible("#calculator-copy-link")
    assert page.evaluate("window.scrollY") == 0, "a page opened without a visit stays at its top"


def test_remove_row(open_calc):
    page = open_calc("?97110=33&97140=7")
    page.click(".calculator-row:nth-child(1) .calculator-remove")
    assert units_on_page(page) == {"97140": 0}
    assert query_pairs(page.url) == [("method", "medicare"), ("97140", "7")]
    assert page.evaluate("document.activeElement.classList.contains('calculator-code')")


def test_keyboard_only_use(open_calc):
    page = open_calc()
    page.focus("#calculator-method-medicare")
    page.keyboard.press("ArrowDown")  # radio group: arrow keys move the choice
    assert page.is_checked("#calculator-method-per-code")
    page.focus("#calculator-add")
    page.keyboard.press("Enter")
    assert page.locator(".calculator-row").count() == 2
    assert page.evaluate("document.activeElement.id") == "calculator-code-2"
    page.select_option("#calculator-code-2", "97110")  # native select: keyboard operable
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "calculator-minutes-2"
    page.keyboard.type("23")
    assert units_on_page(page) == {"97110": 2}


def test_every_control_has_a_visible_label(open_calc):
    page = open_calc("?97110=33&97140=7")
    missing = page.evaluate(
        """() => [...document.querySelectorAll('#visit-calculator input, #visit-calculator select')]
             .filter(c => c.getClientRects().length)  // shown controls (the link field appears on demand)
             .filter(c => {
               const label = document.querySelector('label[for="' + c.id + '"]');
               return !c.id || !label || !label.textContent.trim() ||
                      label.getBoundingClientRect().width === 0;
             }).map(c => c.outerHTML)""")
    assert missing == []
    assert page.text_content("fieldset legend") == "Counting method"
    assert page.get_attribute("#calculator-summary", "aria-live") == "polite"
    assert page.locator("select.calculator-code optgroup").count() >= 5


def test_data_strings_are_never_html(open_calc):
    page = open_calc("?method=medicare&97110=33&97014=10&97140=5&97530=10", folder="hostile")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#visit-calculator img, #visit-calculator b").count() == 0
    assert HOSTILE in page.text_content('li[data-code="97110"]')
    # One hostile family group in each row's code list, as a literal label.
    assert page.locator(f"optgroup[label='{HOSTILE}']").count() == page.locator(".calculator-row").count()
    texts = [t for _, t in warnings_on_page(page)]
    assert "97014: " + HOSTILE in texts and "97140 with 97530: " + HOSTILE in texts
    # No inline handlers anywhere in the rendered calculator.
    assert page.evaluate(
        """() => [...document.querySelectorAll('#visit-calculator *')]
             .some(e => [...e.attributes].some(a => a.name.startsWith('on')))""") is False


def test_scripts_avoid_html_injection_apis():
    for name in ("units.js", "calculator.js"):
        source = (JS_DIR / name).read_text(encoding="utf-8")
        for api in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert api not in source, (name, api)
        assert not re.search(r"setAttribute\(\s*['\"]on", source), name


def test_init_is_safe_to_call_twice(open_calc):
    page = open_calc("?97110=33")
    assert page.evaluate("window.VisitCalculator.init()") is False
    assert page.locator("#visit-calculator form").count() == 1
    assert page.locator(".calculator-row").count() == 1
    # A new page body (as Material's instant navigation swaps in) initialises again.
    page.evaluate("""() => {
        const old = document.getElementById('visit-calculator');
        const fresh = document.createElement('div');
        fresh.id = 'visit-calculator';
        old.replaceWith(fresh);
    }""")
    assert page.evaluate("window.VisitCalculator.init()") is True
    assert units_on_page(page) == {"97110": 2}


# --- the result's links: the worked example, copying and sharing the visit, arriving ------

def test_a_visit_that_is_a_worked_example_links_to_it(open_calc):
    page = open_calc("?method=per-code&97140=7&97110=33")  # the example's codes, in another order
    assert page.is_visible("#calculator-example")
    assert page.get_attribute("#calculator-example a", "href") == EXAMPLE["url"]
    assert page.text_content("#calculator-example a") == EXAMPLE["title"]
    page.fill(".calculator-row:nth-child(1) input.calculator-minutes", "8")
    assert not page.is_visible("#calculator-example"), "another visit is not the example"


STATUS = "() => document.getElementById('calculator-share-status').textContent"


def test_copy_link_puts_the_visit_on_the_clipboard_and_says_so(open_calc):
    page = open_calc("?method=medicare&97110=33&97140=7")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.fill(".calculator-row:nth-child(2) input.calculator-minutes", "9")  # the address follows the form
    page.click("#calculator-copy-link")
    wait_until(page, f"() => ({STATUS})().includes('copied')", "no word that the link was copied")
    assert page.get_attribute("#calculator-share-status", "role") == "status"  # announced (a live region)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url and query_pairs(copied) == [("method", "medicare"), ("97110", "33"), ("97140", "9")]
    assert not page.is_visible("#calculator-link-field")


def test_copy_link_without_a_clipboard_offers_the_link_selected_in_a_field(open_calc):
    page = open_calc("?method=per-code&97110=20")
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})")
    page.focus("#calculator-copy-link")  # keyboard use: the control is a button
    page.keyboard.press("Enter")
    wait_until(page, f"() => ({STATUS})().includes('Copy the link')", "no word about the link field")
    assert page.is_visible("#calculator-link-field") and page.text_content("label[for='calculator-link-field']")
    assert page.input_value("#calculator-link-field") == page.url
    assert page.evaluate("""() => { const f = document.activeElement;
        return f.id === 'calculator-link-field' && f.selectionStart === 0 && f.selectionEnd === f.value.length; }""")


def test_on_a_phone_a_link_opens_at_its_result_and_shares_through_the_share_sheet(open_calc):
    # Chromium on Linux has no share sheet: this stands in for a phone's, recording the call.
    page = open_calc("?method=medicare&97110=33&97140=7&97161=20", **PHONE)
    assert page.evaluate("document.activeElement.id") == "calculator-output"
    top, scrolled, bottom = page.evaluate("""() => [document.getElementById('calculator-output').getBoundingClientRect().top,
        window.scrollY, document.documentElement.scrollHeight - window.innerHeight]""")
    # At the top of the screen, or as near as the end of this short test page allows.
    assert scrolled > 0 and 0 <= top and (top < 120 or scrolled >= bottom - 1), (top, scrolled, bottom)
    page.evaluate("""() => { window.__shared = [];
        navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); }; }""")
    page.click("#calculator-copy-link")
    wait_until(page, f"() => ({STATUS})() === 'Link shared.'", "no word that the link was shared")
    assert page.evaluate("window.__shared.map(d => d.url)") == [page.url]
