"""The page of a retired code: when it stopped being valid, what replaced it, and why."""

from __future__ import annotations

import datetime as dt

from ..catalog import Catalog
from ..model import RetiredCode
from .code_page import SECTION_ANCHORS
from .labels import RETIRED_LABEL
from .markup import escape, long_date, plain_date
from .page import Page
from .paths import code_page_path, family_page_path
from .search_marks import family_mark, retired_mark
from .sharing import retired_preview


def replacement_phrase(page: Page, retired: RetiredCode) -> str:
    """'97110 (Exercise)' or '97110 (Exercise) and 97530 (Activities)', each linked."""
    return " and ".join(f"{page.code_link(code)} ({escape(page.catalog.codes[code].title)})"
                        for code in retired.replaced_by)


def retired_code_page(catalog: Catalog, retired: RetiredCode, today: dt.date | None = None) -> str:
    """The Markdown of /codes/<code>/ for a code that is no longer valid."""
    page = Page(catalog, code_page_path(retired.code), today)
    family = catalog.families[retired.family]
    replaced = replacement_phrase(page, retired)
    instead = (f"Use {replaced} instead." if replaced else
               "No replacement code is recorded on this site: check the current code set.")
    # A code that was current once had a page with these section anchors: links to them
    # land on this notice instead of failing. The spans hold no content.
    anchors = "".join(f'<span id="{anchor}"></span>' for anchor in SECTION_ANCHORS if anchor != "sources")
    body = [
        f'<div class="former-sections" aria-hidden="true">{anchors}</div>',
        # Searches rank this page below the current codes unless they name the code.
        retired_mark(retired.code),
        family_mark(family.id),
        "",
        '<div class="code-facts" markdown>',
        "",
        f"- **Status:** Retired on {long_date(retired.retired)}",
        f"- **Replaced by:** {replaced or 'no replacement recorded'}",
        f"- **Family:** [{escape(family.name)}]({page.link(family_page_path(family.id))})",
        f"- **Last reviewed:** {long_date(retired.last_reviewed)}",
        "",
        "</div>",
        "",
        f'!!! warning "{retired.code} is a retired code"',
        f"    {retired.code} was retired on {long_date(retired.retired)}: it is not a valid code for services "
        f"on or after that day. {instead}",
        "",
        page.say(retired),
        "",
    ]
    return page.render(f"{retired.code} {retired.title} ({RETIRED_LABEL})",
                       f"{retired.code} was retired on {plain_date(retired.retired)}. {' '.join(retired.text.split())}",
                       retired.last_reviewed, body,
                       heading=f"{retired.code} {escape(retired.title)} ({RETIRED_LABEL})",
                       preview=retired_preview(retired))
