"""The documentation checklist prints as one column, without navigation, with boxes to tick."""

from __future__ import annotations


def test_checklist_prints_one_column_with_checkboxes(new_page, served_site, catalog):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_site + "checklist/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and all(display == "none" for display in hidden), hidden
    boxes = page.eval_on_selector_all("ul.checklist input[type=checkbox]",
                                      "els => els.map(e => getComputedStyle(e).display !== 'none' && e.offsetWidth > 0)")
    items = sum(len(group.items) for group in catalog.data.checklist)
    assert len(boxes) == items and all(boxes)
    content = page.evaluate("() => document.querySelector('.md-content').getBoundingClientRect().width")
    assert content > 0.8 * 1280, f"printed content is {content}px wide: not a single full-width column"
    pdf = page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF")
