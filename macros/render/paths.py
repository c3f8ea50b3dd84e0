"""Where each page lives in docs/ (source paths; MkDocs turns them into /path/ URLs)."""

ABOUT_PAGE = "about.md"
CODES_INDEX_PAGE = "codes/index.md"
COMPARE_PAGE = "compare.md"
TECHNIQUES_PAGE = "techniques.md"
CHECKLIST_PAGE = "checklist.md"
FAQ_PAGE = "faq.md"
MODIFIERS_PAGE = "modifiers.md"
EDITS_PAGE = "edits.md"
FIGURES_PAGE = "yearly-figures.md"
UNITS_PAGE = "units.md"
CALCULATOR_PAGE = "calculator.md"
MISCONCEPTIONS_PAGE = "misconceptions.md"
CHANGES_PAGE = "changes.md"


def code_page_path(code: str) -> str:
    return f"codes/{code}.md"


def code_checklist_path(code: str) -> str:
    """The printable note checklist of one code (not in the navigation: its code page links it)."""
    return f"checklist/{code}.md"


def family_page_path(family_id: str) -> str:
    return f"families/{family_id}/index.md"


# Pages written straight into the built site (no docs/ source): site paths, not source paths.
EMBED_ROOT = "embed/codes"


def embed_url(code: str) -> str:
    """The code's embeddable card ('embed/codes/97140/')."""
    return f"{EMBED_ROOT}/{code}/"


def short_url(code: str) -> str:
    """The code's short address ('97140/'), a redirect to its page."""
    return f"{code}/"
