"""How generated pages mark their parts for the search index (Pagefind attributes).

One place for the weights, so the ranking can be reasoned about: text weighs 1 and an
<h2> 6 (search.js combines them). Lists that repeat what the code pages say are left out
of the index: the search leads to the code pages, and the index does not grow twice with
every code added.
"""

from __future__ import annotations

# Every code page has the same section headings: a low weight keeps, say, thirty
# "Modifiers" sections from outranking the Modifiers page.
SECTION_HEADING_WEIGHT = 2
# What a code covers is where a search for a technique should lead: above text.
INCLUDES_WEIGHT = 3
# A technique's other names are names of its entry, as its heading is: a search for one
# (Graston, KT tape) leads to the entry, not only to pages that mention the name in passing.
ALIASES_WEIGHT = 4
# A misconception's heading states the wrong claim: it weighs less than a heading that answers.
MYTH_HEADING_WEIGHT = 3
# The code numbers listed on a family page: "97161 97162 97163" finds the family page.
FAMILY_CODE_WEIGHT = 4
# Source titles name every topic of the site: below text, so a search leads to what the
# site says rather than to its list of sources.
SOURCE_TABLE_WEIGHT = 0.3


# The Pagefind metadata key of a retired code's page (its value is the code): read by
# docs/assets/javascripts/search.js (RETIRED_FACTOR).
RETIRED_META = "retired"
# ... and of a code's family (its value is the family's id), so that a search lists a few
# codes of one family and then other kinds of answer (search.js, SIBLING_FACTOR).
FAMILY_META = "family"


# The attribute that keeps an element out of the search index: page furniture repeated on
# many pages (the legend, the note on yearly figures) neither matches searches nor dilutes
# a page's own words.
NOT_INDEXED = 'data-pagefind-ignore=""'


def family_mark(family: str) -> str:
    """An empty element that tells the search which family a code's page belongs to."""
    return f'<div data-pagefind-meta="{FAMILY_META}:{family}" hidden></div>'


def retired_mark(code: str) -> str:
    """An empty element that tells the search a page is a retired code's: search.js ranks
    such a page below the current codes unless the query names the code itself."""
    return f'<div data-pagefind-meta="{RETIRED_META}:{code}" hidden></div>'


def not_searched(markdown: str, kind: str = "listing") -> str:
    """Markdown left out of the search index."""
    return f'<div class="{kind}" {NOT_INDEXED} markdown>\n\n{markdown}\n\n</div>'


def weighted(markdown: str, weight: float, kind: str) -> str:
    """Markdown whose words weigh `weight` in the search index."""
    return f'<div class="{kind}" data-pagefind-weight="{weight:g}" markdown>\n\n{markdown}\n\n</div>'


def heading_attributes(anchor: str, weight: float) -> str:
    """The attribute list of a Markdown heading: its anchor and its search weight."""
    return f'{{#{anchor} data-pagefind-weight="{weight:g}"}}'
