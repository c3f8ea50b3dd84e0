"""Every label the generated pages, the calculator and the API show for a coded value.

One definition each: a wording changed here changes on every page that shows it.
"""

from __future__ import annotations

from ..model import AUTHORITIES, EditPair, Source
from ..units import MEDICARE, PER_CODE

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

METHOD_LABELS = {
    MEDICARE: "Medicare total-time method (8-minute rule)",
    PER_CODE: "Per-code midpoint method (many commercial payers)",
}

# Who furnishes a service (model.Clinician), as a plural noun for "Medicare pays it when ... furnish it".
CLINICIAN_LABELS = {
    "therapist": "physical or occupational therapists",
    "physician": "physicians",
    "nonphysician-practitioner": "nurse practitioners, physician assistants or clinical nurse specialists",
    "chiropractor": "chiropractors",
    "massage-therapist": "massage therapists",
    "acupuncturist": "licensed acupuncturists",
}

CONFIDENCE_MARKS = {
    # confidence -> (the mark shown next to every claim, its name, what it means).
    "verified": ("✓ verified", "Verified", "an official source (CMS, a Medicare contractor, a payer's policy or "
                                           "CPT itself), read on its page or in a full copy, supports it"),
    "partly": ("partly verified", "Partly verified", "supported only by secondary sources, or by an official "
                                                     "source seen only in a quotation; check the named source"),
}

# What each kind of authority covers (the labels themselves are model.AUTHORITIES): shown
# on the About page and in the API schema.
AUTHORITY_SCOPES = {
    "cms": "CMS manuals, transmittals, MLN articles, NCCI files, the Federal Register and the statute",
    "contractor": "Medicare administrative contractors (MACs) and their LCDs, articles and FAQs",
    "payer": "a commercial, Medicaid or workers' compensation plan's own policy",
    "association": "professional bodies: APTA, AOTA, ACA, AAPC and the AMA",
    "vendor": "billing software makers, consultants, blogs, newsletters and code look-up sites",
    "forum": "question-and-answer threads",
}

# A misconception is always shown behind this label, so the wrong claim never reads as fact.
MYTH_LABEL = "Myth"

RETIRED_LABEL = "retired"


def myth_heading(claim: str) -> str:
    """A misconception as it is named everywhere: the wrong claim behind its label (plain text)."""
    return f"{MYTH_LABEL}: {' '.join(claim.split())}"


def authority_label(source: Source) -> str:
    """'CMS', 'Vendor'... and whether the source is CPT itself."""
    return AUTHORITIES[source.authority] + (" · CPT itself" if source.cpt else "")


def edit_orientation(edit: EditPair) -> str:
    """What is and is not verified about an NCCI pair's column order and modifier indicator."""
    if edit.orientation_verified and edit.column1 and edit.column2:
        parts = [f"column 1 {edit.column1}, column 2 {edit.column2}"]
    elif edit.column1 and edit.column2:
        parts = [f"reported as column 1 {edit.column1}, column 2 {edit.column2}; not verified"]
    else:
        parts = ["column order not verified"]
    if edit.modifier_indicator is not None:
        verified = "" if edit.indicator_verified else ", not verified"
        parts.append(f"modifier indicator {edit.modifier_indicator}{verified}")
    else:
        parts.append("modifier indicator not verified")
    return "; ".join(parts)
