"""The content rules: coverage, a source on everything, freshness, honest units, no CPT descriptors."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from urllib.parse import urlsplit

from macros.render.sources_page import source_usage
from tests.conftest import visible_text

REQUIRED_CODES = ["97140", "97124", "97112", "97110", "97530", "97535", "97116", "97113", "97150", "97161",
                  "97162", "97163", "97164", "98940", "98941", "98942", "98943", "98925", "98926", "98927",
                  "98928", "98929", "97139", "20560", "20561", "97010", "97012", "97014", "G0283", "97032", "97035"]
REQUIRED_MODIFIERS = ["GP", "GO", "GN", "59", "XE", "XS", "XP", "XU", "KX", "CQ", "CO", "25", "AT", "GA", "GY", "GZ"]

# Distinctive phrases of the official CPT/HCPCS descriptors of the listed codes (AMA and
# CMS wording, written here from the descriptors themselves, lower-cased). None may appear
# on the site: summaries are in this site's own words.
DESCRIPTOR_PHRASES = [
    "(eg, mobilization/ manipulation, manual lymphatic drainage, manual traction)",
    "mobilization/ manipulation, manual lymphatic drainage, manual traction), 1 or more regions",
    "mobilization/manipulation, manual lymphatic drainage, manual traction), 1 or more regions",
    "massage, including effleurage, petrissage and/or tapotement",
    "effleurage, petrissage and/or tapotement (stroking, compression, percussion)",
    "neuromuscular reeducation of movement, balance, coordination, kinesthetic sense, posture",
    "kinesthetic sense, posture, and/or proprioception for sitting and/or standing activities",
    "therapeutic exercises to develop strength and endurance, range of motion and flexibility",
    "direct (one-on-one) patient contact (use of dynamic activities to improve functional performance)",
    "activities of daily living (adl) and compensatory training, meal preparation, safety procedures",
    "instructions in use of assistive technology devices/adaptive equipment) direct one-on-one contact",
    "gait training (includes stair climbing)",
    "aquatic therapy with therapeutic exercises",
    "therapeutic procedure(s), group (2 or more individuals)",
    "physical therapy evaluation: low complexity, requiring these components",
    "physical therapy evaluation: moderate complexity, requiring these components",
    "physical therapy evaluation: high complexity, requiring these components",
    "re-evaluation of physical therapy established plan of care, requiring these components",
    "chiropractic manipulative treatment (cmt); spinal, 1-2 regions",
    "chiropractic manipulative treatment (cmt); extraspinal, 1 or more regions",
    "osteopathic manipulative treatment (omt); 1-2 body regions involved",
    "unlisted therapeutic procedure (specify)",
    "needle insertion(s) without injection(s); 1 or 2 muscle(s)",
    "needle insertion(s) without injection(s); 3 or more muscles",
    "application of a modality to 1 or more areas; hot or cold packs",
    "application of a modality to 1 or more areas; traction, mechanical",
    "application of a modality to 1 or more areas; electrical stimulation (unattended)",
    "application of a modality to 1 or more areas; electrical stimulation (manual), each 15 minutes",
    "application of a modality to 1 or more areas; ultrasound, each 15 minutes",
    "to one or more areas for indication(s) other than wound care, as part of a therapy plan of care",
    "ultrasound, each 15 minutes",
    "electrical stimulation (manual), each 15 minutes",
]
MIRROR_HOSTS = ["bansdoc", "map-france", "papercapture", "tahoexc", "dpdns", "5y1.org", "fdocuments", "askfilo"]


def _all_claim_records(catalog):
    data = catalog.data
    for code in data.codes:
        yield f"code {code.code}", code.summary.sources
    for modifier in data.modifiers:
        yield f"modifier {modifier.id}", modifier.sources
    for edit in data.edits:
        yield f"edit {edit.id}", edit.sources
    for entry in data.faq:
        yield f"FAQ {entry.id}", entry.sources
    for group in data.checklist:
        for item in group.items:
            yield f"checklist item {item.id}", item.sources


def test_every_required_code_has_a_page(built_page, catalog):
    missing = [code for code in REQUIRED_CODES if code not in catalog.codes]
    assert not missing, f"codes missing from the data: {missing}"
    for code in REQUIRED_CODES:
        assert visible_text(built_page(f"codes/{code}/").find("h1")).startswith(code)


def test_every_required_modifier_has_an_entry(built_page, catalog):
    assert sorted(REQUIRED_MODIFIERS) == sorted(catalog.modifiers)
    soup = built_page("modifiers/")
    for modifier in REQUIRED_MODIFIERS:
        assert soup.find(id=f"modifier-{modifier.lower()}"), modifier


def test_at_least_25_faq_entries_and_5_comparisons(catalog):
    assert len(catalog.data.faq) >= 25
    ids = {comparison.id for comparison in catalog.data.comparisons}
    assert len(ids) >= 5


def test_every_record_has_a_source_and_every_source_is_used(catalog):
    for label, sources in _all_claim_records(catalog):
        assert sources, f"{label} has no source"
    unused = [source.id for source in catalog.data.sources if source.id not in source_usage(catalog)]
    assert not unused, f"sources no record cites: {unused}"


def test_source_urls_are_https_official_and_not_search_results(catalog):
    for source in catalog.data.sources:
        url = urlsplit(source.url)
        assert url.scheme == "https", source.id
        assert not any(host in url.netloc for host in MIRROR_HOSTS), f"{source.id} cites a mirror: {source.url}"
        assert not re.search(r"(^|/)search(/|$)|[?&](q|query|s|search)=", url.path + "?" + url.query), \
            f"{source.id} is a search-results link: {source.url}"
        assert "google." not in url.netloc and "bing.com" not in url.netloc, source.id


def test_cms_manual_facts_cite_the_official_manual_addresses(catalog):
    official = {"cms-mcpm-ch5": "https://www.cms.gov/Regulations-and-Guidance/Guidance/Manuals/Downloads/clm104c05.pdf",
                "cms-bpm-ch15": "https://www.cms.gov/Regulations-and-Guidance/Guidance/Manuals/Downloads/bp102c15.pdf"}
    for source_id, url in official.items():
        assert catalog.sources[source_id].url == url


def test_review_dates_are_not_in_the_future_and_not_stale(catalog):
    today = dt.date.today()
    dated = [(f"code {c.code}", c.last_reviewed) for c in catalog.data.codes]
    dated += [(f"FAQ {f.id}", f.last_reviewed) for f in catalog.data.faq]
    dated += [(f"modifier {m.id}", m.last_reviewed) for m in catalog.data.modifiers]
    dated += [(f"comparison {c.id}", c.last_reviewed) for c in catalog.data.comparisons]
    dated += [(f"edit {e.id}", e.checked) for e in catalog.data.edits]
    future = [label for label, day in dated if day > today]
    assert not future, f"review dates in the future: {future}"
    old = [f"{label} ({day})" for label, day in dated if (today - day).days > 365]
    if old:
        warnings.warn(f"{len(old)} records were last reviewed more than 12 months ago: {old[:10]}")
    too_old = [f"{label} ({day})" for label, day in dated if (today - day).days > 730]
    assert not too_old, f"records last reviewed more than 24 months ago: {too_old}"


def test_untimed_and_region_codes_never_claim_15_minute_units(built_page, catalog):
    claim = re.compile(r"(?<!not )(?:billed|counted|reported)? ?(?:per|each|every) 15 minutes|in 15-minute units",
                       re.IGNORECASE)
    for code in catalog.data.codes:
        if code.billing.basis == "timed_15":
            continue
        for text in [code.billing.text, code.summary.text, code.title]:
            match = claim.search(text)
            assert not (match and not re.search(r"\bnot\b[^.]*$", text[:match.start()])), \
                f"{code.code} ({code.billing.basis}) claims 15-minute units: {text}"
        facts = visible_text(built_page(f"codes/{code.code}/").select_one(".code-facts"))
        assert "Billing basis: Untimed" in facts, f"/codes/{code.code}/ does not say it is untimed"


def test_timed_codes_say_they_are_timed(built_page, catalog):
    for code in catalog.data.codes:
        if code.billing.basis == "timed_15":
            facts = visible_text(built_page(f"codes/{code.code}/").select_one(".code-facts"))
            assert "Billing basis: Timed: units of 15 minutes" in facts


def test_year_bound_figures_carry_their_year(built_page, catalog):
    """Each yearly value is shown in a table row for its year, under the row's own anchor
    (/yearly-figures/#kx-threshold-2024), and the prose never quotes a dollar threshold
    without naming a year in the same sentence."""
    page = built_page("yearly-figures/")
    for figure in catalog.data.yearly_figures:
        for value in figure.values:
            row = page.find(id=f"{figure.id}-{value.year}")
            assert row is not None and row.name == "tr", f"{figure.id} {value.year} has no row of its own"
            assert visible_text(row.find("th")) == str(value.year)
            shown = f"${value.value:,.0f}" if figure.unit == "USD" else f"{value.value:g}%"
            assert visible_text(row.find("td")).startswith(shown), (figure.id, value.year, visible_text(row))
            assert row.select("a.cite") and row.select("a.confidence"), f"{figure.id} {value.year}: no marks"
    amounts = {f"${value.value:,.0f}" for figure in catalog.data.yearly_figures if figure.unit == "USD"
               for value in figure.values}
    texts = [entry.answer for entry in catalog.data.faq] + [f.summary for f in catalog.data.yearly_figures]
    texts += [claim.text for code in catalog.data.codes for claim in [*code.medicare, *code.commercial]]
    for text in texts:
        for sentence in re.split(r"(?<=[.;])\s+", " ".join(text.split())):
            for amount in amounts:
                if amount in sentence:
                    assert re.search(r"\b20\d\d\b", sentence), f"'{amount}' without a year: {sentence}"


def test_no_page_reproduces_a_cpt_descriptor(site):
    offenders = []
    for file in site.rglob("*.html"):
        text = " ".join(file.read_text(encoding="utf-8").lower().split())
        text = re.sub(r"<[^>]+>", "", text)
        for phrase in DESCRIPTOR_PHRASES:
            if phrase in text:
                offenders.append(f"{file.relative_to(site)}: {phrase}")
    assert not offenders, "CPT descriptor text reproduced:\n" + "\n".join(offenders)


def test_the_descriptor_check_would_catch_a_copied_descriptor(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>Massage, including effleurage, petrissage and/or tapotement (stroking, compression, "
                    "percussion)</p>")
    text = " ".join(page.read_text().lower().split())
    assert any(phrase in text for phrase in DESCRIPTOR_PHRASES)


def test_seed_errors_are_corrected_on_the_core_pages(built_page):
    massage = visible_text(built_page("codes/97124/").find("article")).lower()
    assert "lymphatic" in massage and "97140" in massage
    nmr_facts = visible_text(built_page("codes/97112/").select_one(".code-facts"))
    assert "Therapeutic procedures" in nmr_facts
    units = visible_text(built_page("units/").find("article"))
    assert "Medicare" in units and "Claims Processing Manual" in units


def test_partly_verified_claims_name_their_source_or_carry_the_marker(built_page, catalog):
    soup = built_page("faq/")
    for entry in catalog.data.faq:
        if entry.confidence == "partly":
            answer = soup.find(id=entry.id).find_next("p")
            assert answer.select_one("a.confidence--partly"), f"FAQ {entry.id} lacks the partly marker"
