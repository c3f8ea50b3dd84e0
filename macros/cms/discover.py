"""Find the current CMS archives from the CMS pages, never from hard-coded quarter names.

The pages list their downloads as links; an archive is recognised by its address and the
words around it, and its quarter (NCCI) or year and release (PFS) is read from the link,
or from the link of the page it was found on. One level of sub-pages is followed when a
page links to per-quarter or per-release pages instead of the archives themselves. Only
addresses on www.cms.gov are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .errors import CmsFileError

PTP_PAGE = ("https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits/"
            "medicare-ncci-procedure-procedure-ptp-edits")
MUE_PAGE = ("https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits/"
            "medicare-ncci-medically-unlikely-edits")
PFS_PAGE = "https://www.cms.gov/medicare/payment/fee-schedules/physician/pfs-relative-value-files"
PAGES = {"ptp": PTP_PAGE, "mue": MUE_PAGE, "pfs": PFS_PAGE}
HOST = "www.cms.gov"
MAX_SUBPAGES = 12

Fetch = Callable[[str], str]


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    context: str = ""  # the link (address and words) of the page it was found on

    @property
    def own(self) -> str:
        return f"{self.url} {self.text}".lower()

    @property
    def all(self) -> str:
        return f"{self.own} {self.context}".lower()


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append([dict(attrs).get("href") or "", []])

    def handle_data(self, data):
        for anchor in self._open:
            anchor[1].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, words = self._open.pop()
            self.found.append((href, " ".join(" ".join(words).split())))


def links(html: str, base: str, context: str = "") -> list[Link]:
    """Every link of a page on www.cms.gov, made absolute (others are dropped)."""
    parser = _Anchors()
    parser.feed(html)
    found = []
    for href, words in parser.found:
        url = urljoin(base, href.strip())
        parts = urlsplit(url)
        if parts.scheme == "https" and parts.hostname == HOST:
            found.append(Link(url.split("#")[0], words, context))
    return found


_MONTH_QUARTER = {"january": 1, "april": 2, "july": 3, "october": 4}
_QUARTER_PATTERNS = [
    (re.compile(r"(20\d\d)[\s_-]*q([1-4])\b"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(r"\bq([1-4])[\s_-]*(20\d\d)"), lambda m: (int(m[2]), int(m[1]))),
    (re.compile(r"(january|april|july|october)[\s_-]*(?:1,?[\s_-]*)?(20\d\d)"),
     lambda m: (int(m[2]), _MONTH_QUARTER[m[1]])),
    (re.compile(r"(?<!\d)(0?1|0?4|0?7|10)[-_/]0?1[-_/](20\d\d)"), lambda m: (int(m[2]), (int(m[1]) + 2) // 3)),
]


def quarter_of(text: str) -> tuple[int, int] | None:
    """'...-2027-q1-...' / 'January 2027' / 'Eff_01-01-2027' -> (2027, 1)."""
    for pattern, read in _QUARTER_PATTERNS:
        match = pattern.search(text.lower())
        if match:
            return read(match)
    return None


_RELEASE = re.compile(r"\brvu(\d\d)([a-d])(?![a-z0-9])", re.IGNORECASE)


def release_of(text: str) -> tuple[int, str] | None:
    """'rvu27a.zip' -> (2027, 'a'): the year and its release (A = January, then B, C, D)."""
    match = _RELEASE.search(text)
    return (2000 + int(match[1]), match[2].lower()) if match else None


def _is_zip(link: Link) -> bool:
    return urlsplit(link.url).path.lower().endswith(".zip")


RULES: dict[str, dict[str, Callable[[Link], bool]]] = {
    "ptp": {
        "archive": lambda l: ("ccipra" in l.own or ("practitioner" in l.all and "ptp" in l.all))
        and not re.search(r"hospital|ccioph|\boph\b|medicaid|change|add-?on", l.own),
        "follow": lambda l: "practitioner" in l.own and "ptp" in l.own and not _is_zip(l),
    },
    "mue": {
        "archive": lambda l: "practitioner" in l.all and "mue" in l.all
        and not re.search(r"hospital|outpatient|dme|medicaid|change", l.own),
        "follow": lambda l: "practitioner" in l.own and "mue" in l.own and not _is_zip(l),
    },
    "pfs": {
        "archive": lambda l: release_of(urlsplit(l.url).path) is not None,
        "follow": lambda l: release_of(urlsplit(l.url).path) is not None and not _is_zip(l),
    },
}


def _archives(kind: str, page: str, fetch: Fetch) -> list[Link]:
    rules = RULES[kind]
    found = links(fetch(page), page)
    archives = [link for link in found if _is_zip(link) and rules["archive"](link)]
    if archives:
        return archives
    for sub in [link for link in found if rules["follow"](link)][:MAX_SUBPAGES]:
        inner = links(fetch(sub.url), sub.url, context=sub.own)
        archives += [link for link in inner if _is_zip(link) and rules["archive"](link)]
    return archives


def discover(kind: str, fetch: Fetch, page: str | None = None) -> dict:
    """{'quarter': '2027-Q1', 'urls': [...]} for NCCI tables, {'year': 2027, 'release': 'a',
    'urls': [...]} for the PFS file: the newest period the page offers."""
    page = page or PAGES[kind]
    archives = _archives(kind, page, fetch)
    if kind == "pfs":
        dated = [(release_of(urlsplit(link.url).path), link) for link in archives]
        dated = [(period, link) for period, link in dated if period]
    else:
        dated = [(quarter_of(link.own) or quarter_of(link.context), link) for link in archives]
        dated = [(period, link) for period, link in dated if period]
    if not dated:
        raise CmsFileError(page, f"no {kind.upper()} archive with a recognisable "
                           f"{'release' if kind == 'pfs' else 'quarter'} was found on this page or the pages "
                           "it links to; the page may have changed. Nothing was downloaded")
    newest = max(period for period, _ in dated)
    urls = sorted({link.url for period, link in dated if period == newest})
    if kind != "ptp" and len(urls) > 1:
        raise CmsFileError(page, f"several {kind.upper()} archives for the same period: {', '.join(urls)}; "
                           "nothing was downloaded")
    if kind == "pfs":
        return {"year": newest[0], "release": newest[1], "urls": urls}
    return {"quarter": f"{newest[0]}-Q{newest[1]}", "urls": urls}
