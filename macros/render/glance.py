"""Key facts first on a code page: the "at a glance" block, and NCCI pairs said once for
sibling codes.

The block answers three questions before anything else, each linking to the section that
gives the detail: who Medicare pays for the code (its status, and the clinicians the data
names in `medicare_payees`), how the units are counted, and the same-day conflict that
covers the most codes, with the modifiers it names.

Sibling codes share rules: 97140's NCCI pairs with 98940, 98941 and 98942 are three
records that read the same but for the CMT code. `edit_groups` puts such records together
(same words once the partner code is set aside, same sources, confidence, review date and
column pattern), so the page says the rule once and names the codes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ..model import Code, EditPair
from .labels import BASIS_LABELS, CLINICIAN_LABELS, MEDICARE_STATUS_LABELS, edit_orientation
from .markup import NOT_INDEXED, escape, long_date
from .page import Page

_PARTNER = "\x00"


def partner(edit: EditPair, code: str) -> str:
    """The other code of a pair."""
    return next(number for number in edit.codes if number != code)


@functools.lru_cache(maxsize=None)
def _mention(code: str) -> re.Pattern[str]:
    """A code number standing alone in text. One compiled pattern per code, kept: `re`'s own
    cache holds 512, and a site of thousands of codes recompiled them over and over."""
    return re.compile(rf"(?<![\w.]){re.escape(code)}(?!\w)")


def _without(value: str, code: str) -> str:
    return _mention(code).sub(_PARTNER, " ".join(value.split()))


def edit_groups(code: str, edits: Iterable[EditPair]) -> list[list[EditPair]]:
    """The code's NCCI pairs, those that say the same thing for different partner codes put
    together, in the order of their first record."""
    groups: dict[tuple, list[EditPair]] = {}
    for edit in edits:
        other = partner(edit, code)
        key = (_without(edit.text, other), _without(edit.modifier_when, other),
               _without(edit_orientation(edit), other), edit.checked, tuple(edit.sources), edit.confidence)
        groups.setdefault(key, []).append(edit)
    return list(groups.values())


def _names(page: Page, codes: list[str], joiner: str = "and") -> str:
    linked = [page.code_link(number) for number in codes]
    return linked[0] if len(linked) == 1 else ", ".join(linked[:-1]) + f" {joiner} " + linked[-1]


def _said_for(page: Page, value: str, partner_codes: list[str], orientation: bool = False) -> str:
    """A text of the group's first record, with its partner code replaced by every partner
    code of the group (text in the page's escaped, code-linked form; in the column order,
    plain and joined by slashes: 'column 1 98940/98941/98942')."""
    first = partner_codes[0]
    shown = page.text(value) if not orientation else escape(value)
    if len(partner_codes) == 1:
        return shown
    pattern = re.compile(rf"\[{first}\]\([^)]*\)|(?<![\w.\[]){first}(?![\w\]])")
    names = "/".join(partner_codes) if orientation else _names(page, partner_codes)
    return pattern.sub(lambda _: names, shown)


def edit_statement(page: Page, code: str, group: list[EditPair]) -> str:
    """One list line for a group of pairs: 'With 98940, 98941 and 98942 (orientation): what
    it means. When a modifier is proper. Checked <date>.' and the sources."""
    first = group[0]
    partners = [partner(edit, code) for edit in group]
    return (f"- **With {_names(page, partners)}** ({_said_for(page, edit_orientation(first), partners, True)}): "
            f"{_said_for(page, first.text, partners)} {_said_for(page, first.modifier_when, partners)} "
            f"Checked {long_date(first.checked)}.{page.cite(first.sources, first.confidence)}")


def _modifiers_named(page: Page, text: str) -> list[str]:
    """The site's modifiers a text names, in order ('59 or XS on 97140' -> ['59', 'XS'])."""
    known = page.catalog.modifiers
    found = [word for word in re.findall(r"(?<![\w.])([0-9A-Z]{2})(?![\w])", text) if word in known]
    return list(dict.fromkeys(found))


def _clinicians(ids: list[str]) -> str:
    words = [CLINICIAN_LABELS[clinician] for clinician in ids]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _who(page: Page, code: Code) -> str:
    status = MEDICARE_STATUS_LABELS[code.medicare_status.status]
    payees = code.medicare_payees
    if payees is None:
        return f"{status}."
    parts = []
    if payees.paid:
        parts.append(f"paid when {_clinicians(payees.paid)} furnish it")
    if payees.not_paid:
        parts.append(f"not when {_clinicians(payees.not_paid)} furnish it" if payees.paid else
                     f"not paid when {_clinicians(payees.not_paid)} furnish it")
    return f"{status}; {'; '.join(parts)}.{page.cite(payees.sources, payees.confidence)}"


def _units(code: Code) -> str:
    basis = code.billing.basis
    if basis == "timed_15":
        rule = "Medicare adds up the day's timed minutes and shares out the units (the 8-minute rule)"
    elif basis == "region_count" and code.billing.regions:
        regions = code.billing.regions
        span = (f"{regions.low} or more" if regions.high is None else
                f"{regions.low}" if regions.low == regions.high else f"{regions.low}–{regions.high}")
        noun = "muscles" if regions.kind == "muscles" else f"{regions.kind} regions"
        rule = f"one unit for {span} {noun}, whatever the time"
    else:
        rule = "one unit per session, whatever the time; its minutes never join the timed total"
    return f"{BASIS_LABELS[basis]}: {rule}."


def _conflict(page: Page, code: Code) -> str:
    edits = page.catalog.edits_by_code.get(code.code, [])
    if not edits:
        return "no NCCI pair with this code is recorded on this site (check the current CMS table)."
    groups = edit_groups(code.code, edits)
    # The rule that covers the most codes; the first recorded among equals.
    main = max(groups, key=len)
    partners = [partner(edit, code.code) for edit in main]
    modifiers = _modifiers_named(page, main[0].modifier_when)
    modifier = (" with " + " or ".join(page.modifier_link(m) for m in modifiers) + " where the pair allows it") if modifiers else ""
    others = len(edits) - len(main)
    more = f"; {others} more pair{'s' if others != 1 else ''} below" if others else ""
    return f"billed the same day as {_names(page, partners, 'or')}, an NCCI pair{modifier}{more}."


def glance(page: Page, code: Code, family_link: str) -> list[str]:
    """The block at the top of a code page (raw HTML list, Markdown inside)."""
    return [
        # Out of the search indexes: a result for the page shows its summary, and these lines
        # repeat the sections below.
        f'<div class="code-facts at-a-glance" {NOT_INDEXED} markdown>',
        "",
        '<p class="at-a-glance__title"><strong>At a glance</strong></p>',
        "",
        f"- **Medicare:** {_who(page, code)} [Medicare rules](#medicare)",
        f"- **Billing basis:** {_units(code)} [Units and time](#units)",
        f"- **Same-day conflict:** {_conflict(page, code)} [NCCI edit pairs](#edits)",
        f"- **Family:** {family_link} · **Last reviewed:** {long_date(code.last_reviewed)}",
        "",
        "</div>",
        "",
    ]
