"""The page of one code: what it covers, when to pick it, units, rules, documentation, FAQ.

Every section has a fixed anchor (SECTION_ANCHORS) that clinic wikis may link to; a
section with nothing to say still appears, saying so, so its anchor never disappears.
"""

from __future__ import annotations

from ..catalog import Catalog
from ..model import Claim, Code
from .markup import Citations, escape, front_matter, long_date, page_url, relative, table, text
from .paths import (ABOUT_PAGE, CHECKLIST_PAGE, EDITS_PAGE, FAQ_PAGE, MODIFIERS_PAGE, UNITS_PAGE,
                    code_page_path, family_page_path)

# The public anchors of every code page, in page order. Keep this list stable: URLs
# with these anchors are published (see docs/urls.txt and CONTRIBUTING.md).
SECTION_ANCHORS = {
    "covers": "What it covers",
    "choosing": "Choosing between this code and its neighbours",
    "units": "Units and time",
    "medicare": "Medicare",
    "commercial": "Commercial payers",
    "modifiers": "Modifiers",
    "edits": "NCCI edit pairs",
    "documentation": "Documentation",
    "pitfalls": "Common pitfalls",
    "faq": "Questions",
    "changes": "Changes",
    "sources": "Sources",
}

# Search weight of the section headings above (see _heading), and of the techniques a
# code includes (text is 1, an <h2> 6).
SECTION_SEARCH_WEIGHT = 2
INCLUDES_SEARCH_WEIGHT = 3

BASIS_LABELS = {
    "timed_15": "Timed: units of 15 minutes",
    "per_session": "Untimed: one unit per session",
    "region_count": "Untimed: chosen by the number of regions treated",
}

MEDICARE_STATUS_LABELS = {
    "payable": "Payable by Medicare when its conditions are met",
    "bundled": "Bundled by Medicare: never paid separately",
    "not-covered": "Not covered by Medicare",
    "not-recognized": "Not recognized by Medicare: another code is used",
}


def code_page(catalog: Catalog, code: Code, record_url: str | None = None) -> str:
    """The Markdown of /codes/<code>/ (record_url: the record in the data file, for editing)."""
    page = code_page_path(code.code)
    cites = Citations(catalog.sources, page_url(page, ABOUT_PAGE) + "#confidence")

    def link_code(number: str) -> str | None:
        return relative(page, code_page_path(number)) if number in catalog.codes and number != code.code else None

    def say(claim: Claim) -> str:
        return f"{text(claim.text, link_code)}{cites.cite(claim.sources, claim.confidence)}"

    def claims(items: list[Claim], empty: str) -> str:
        return "\n".join(f"- {say(item)}" for item in items) if items else empty

    family = catalog.families[code.family]
    # A code page is the answer to a search for its number: rank it above pages that mention it.
    out = [front_matter(f"{code.code} {code.title}", f"{code.code}: {code.summary.text}",
                       code.last_reviewed, search_boost=4),
           f"# {code.code} {escape(code.title)}", ""]
    out += [
        '<div class="code-facts" markdown>',
        "",
        f"- **Family:** [{escape(family.name)}]({relative(page, family_page_path(family.id))})",
        f"- **Billing basis:** {BASIS_LABELS[code.billing.basis]}",
        f"- **Medicare:** {MEDICARE_STATUS_LABELS[code.medicare_status.status]}",
        f"- **Last reviewed:** {long_date(code.last_reviewed)}",
        "",
        "</div>",
        "",
        say(code.summary),
        "",
        '!!! note "Official descriptor"',
        f"    The wording above is this site's own summary. The official CPT® descriptor of {code.code} "
        "is published by the American Medical Association; read it in the current CPT code book "
        "or an AMA-licensed source. HCPCS Level II codes are published by CMS.",
        "",
    ]

    out += [_heading("covers"), "", f"Includes{cites.cite(code.techniques.sources, code.techniques.confidence)}:", ""]
    # What a code covers is where a search for a technique should lead: weighted above text.
    out += [f'<div class="code-includes" data-pagefind-weight="{INCLUDES_SEARCH_WEIGHT}" markdown>', ""]
    out += [f"- {text(item, link_code)}" for item in code.techniques.includes]
    out += ["", "</div>", ""]
    if code.techniques.excludes:
        out += ["Not this code:", ""]
        for item in code.techniques.excludes:
            instead = f" → use {text(item.code, link_code)}" if item.code else ""
            out.append(f"- {text(item.text, link_code)}{instead}")
        out.append("")

    out += [_heading("choosing"), "",
            f"Choose {code.code} when{cites.cite(code.choosing.sources, code.choosing.confidence)}:", ""]
    out += [f"- {text(item, link_code)}" for item in code.choosing.when]
    out.append("")
    if code.choosing.neighbours:
        rows = [(text(n.code, link_code), escape(catalog.codes[n.code].title), text(n.when, link_code))
                for n in code.choosing.neighbours]
        out += ["A neighbouring code fits better when:", "", table(["Code", "Title", "Choose it instead when"], rows), ""]

    out += [_heading("units"), "", f"**{BASIS_LABELS[code.billing.basis]}.** {say(code.billing)}", ""]
    out += _units_detail(code, relative(page, UNITS_PAGE))

    out += [_heading("medicare"), "", f"**{MEDICARE_STATUS_LABELS[code.medicare_status.status]}.** "
            f"{say(code.medicare_status)}", ""]
    out += [claims(code.medicare, ""), ""]
    out += ["These are Medicare's rules; Medicaid and commercial plans set their own.", ""]

    out += [_heading("commercial"), "",
            claims(code.commercial, "Nothing payer-specific is recorded for this code yet. "
                   "Commercial plans set their own rules: check each payer's policy."), "",
            "Commercial rules vary payer by payer and plan by plan.", ""]

    out += [_heading("modifiers"), ""]
    if code.modifiers:
        for modifier_id in code.modifiers:
            modifier = catalog.modifiers[modifier_id]
            out.append(f"- [{modifier.id}]({relative(page, MODIFIERS_PAGE, 'modifier-' + modifier.id.lower())})"
                       f" {escape(modifier.name)}")
        out.append("")
    else:
        out += ["No modifier is listed for this code.", ""]

    out += [_heading("edits"), ""]
    edits = catalog.edits_by_code.get(code.code, [])
    if edits:
        for edit in edits:
            other = next(c for c in edit.codes if c != code.code)
            out.append(f"- **With {text(other, link_code)}** ({_orientation(edit)}): "
                       f"{text(edit.text, link_code)} {text(edit.modifier_when, link_code)} "
                       f"Checked {long_date(edit.checked)}.{cites.cite(edit.sources, edit.confidence)}")
        out += ["", f"All pairs: [NCCI edit pairs]({relative(page, EDITS_PAGE)}).", ""]
    else:
        out += [f"No NCCI procedure-to-procedure pair with {code.code} is recorded on this site. That is not "
                "proof that none exists: check the current CMS quarterly PTP edit table.", ""]

    out += [_heading("documentation"), ""]
    if code.checklist:
        for item_id in code.checklist:
            group, item = catalog.checklist_items[item_id]
            out.append(f"- {text(item.text, link_code)}{cites.cite(item.sources, item.confidence)}")
        out.append("")
    else:
        out += ["No code-specific item is recorded.", ""]
    out += [f"Every treatment note also needs the general items in the "
            f"[documentation checklist]({relative(page, CHECKLIST_PAGE)}).", ""]

    out += [_heading("pitfalls"), "", claims(code.pitfalls, "No pitfall is recorded for this code."), ""]

    # The answers are the FAQ page's, word for word: left out of the search index, so the
    # search leads to the FAQ entry itself rather than to every code page that repeats it.
    out += [_heading("faq"), "", '<div class="code-faq" data-pagefind-ignore markdown>', ""]
    if code.faq:
        for faq_id in code.faq:
            entry = catalog.faq[faq_id]
            out += [f"**[{escape(entry.question)}]({relative(page, FAQ_PAGE, faq_id)})**  ",
                    f"{text(entry.answer, link_code)}{cites.cite(entry.sources, entry.confidence)}", ""]
    else:
        out += ["No question is linked to this code yet.", ""]
    out += ["</div>", ""]

    out += [_heading("changes"), ""]
    if code.changes:
        for change in sorted(code.changes, key=lambda c: c.date, reverse=True):
            mark = cites.cite(change.sources) if change.sources else ""
            out.append(f"- {long_date(change.date)}: {text(change.text, link_code)}{mark}")
        out.append("")
    else:
        out += [f"No change recorded since this page was first published.", ""]

    out += [_heading("sources"), "", cites.source_list(), ""]
    if record_url:
        out += [f'[Suggest a correction to this record]({record_url}){{.edit-record}}: the page is generated '
                "from its record in data/codes.yaml.", ""]
    return "\n".join(out)


def _heading(anchor: str) -> str:
    # Every code page has these headings: a low search weight (an <h2> is 6) keeps, say,
    # thirty "Modifiers" sections from outranking the Modifiers page (search.js).
    return f'## {SECTION_ANCHORS[anchor]} {{#{anchor} data-pagefind-weight="{SECTION_SEARCH_WEIGHT}"}}'


def _units_detail(code: Code, units_page: str) -> list[str]:
    basis = code.billing.basis
    if basis == "timed_15":
        return [f"Medicare pools the minutes of all timed codes on the day and allocates the units "
                f"(the 8-minute rule); many commercial payers count each code on its own. See "
                f"[how units are counted]({units_page}) and try the calculator.", ""]
    regions = code.billing.regions
    if basis == "region_count" and regions:
        span = f"{regions.low}" if regions.low == regions.high else f"{regions.low}–{regions.high}"
        noun = "muscles" if regions.kind == "muscles" else f"{regions.kind} regions"
        return [f"One unit per encounter for {span} {noun}. Time does not change the code or the units.", ""]
    if regions and regions.kind == "muscles":
        span = f"{regions.low} or more" if regions.high >= 10 else f"{regions.low}–{regions.high}"
        return [f"One unit per session for {span} muscles. Time does not change the units.", ""]
    return ["One unit per session, however long it takes. Its minutes do not count toward the "
            "timed total of the 8-minute rule.", ""]


def _orientation(edit) -> str:
    parts = []
    if edit.orientation_verified and edit.column1 and edit.column2:
        parts.append(f"column 1 {edit.column1}, column 2 {edit.column2}")
    elif edit.column1 and edit.column2:
        parts.append(f"reported as column 1 {edit.column1}, column 2 {edit.column2}; not verified")
    else:
        parts.append("column order not verified")
    if edit.modifier_indicator is not None:
        verified = "" if edit.indicator_verified else ", not verified"
        parts.append(f"modifier indicator {edit.modifier_indicator}{verified}")
    else:
        parts.append("modifier indicator not verified")
    return "; ".join(parts)
