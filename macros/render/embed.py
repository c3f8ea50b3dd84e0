"""The embeddable card of a code (/embed/codes/<code>/): a small page a clinic shows in an
<iframe> on its own wiki or intranet.

Self-contained on purpose: one HTML file with its styles inline, no script, no font, no
image (not even a favicon: its icon is an empty data: address), no site navigation or
search, so it loads nothing from anywhere (the privacy rule holds on any page that embeds
it) and nothing in it forbids framing. It follows the
reader's light or dark setting (prefers-color-scheme). The summary scrolls inside the card
when it is longer than the frame; the region is focusable so a keyboard can scroll it.
"""

from __future__ import annotations

import html
import posixpath

from ..model import Code
from .labels import BASIS_LABELS, MEDICARE_STATUS_LABELS
from .markup import plain_date, site_path
from .paths import code_page_path, embed_url
from .page_head import LinkPreview, Site, document_title, meta_tags, plain_text, shorten
from .sharing import code_title

# The frame size the snippet on the code page asks for; the card fits it and any larger one.
EMBED_WIDTH = 480
EMBED_HEIGHT = 320

STYLE = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #4f5660; --line: #c9ced6;
  --link: #00695c; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1e2129; --fg: #e8e9ec; --muted: #b4b9c2; --line: #4a505c; --link: #80cbc4; }
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto,
  Arial, sans-serif; }
.card { display: flex; flex-direction: column; gap: 8px; height: 100%; max-width: 40rem; max-height: 40rem;
  padding: 12px 14px; border: 1px solid var(--line); border-radius: 6px; }
h1 { margin: 0; font-size: 17px; line-height: 1.3; }
.code { font-variant-numeric: tabular-nums; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; font-size: 13px; }
dt { color: var(--muted); }
dd { margin: 0; }
.summary { flex: 1 1 auto; min-height: 3em; overflow: auto; }
.summary p { margin: 0 0 6px; }
.notice { color: var(--muted); font-size: 12px; }
footer { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 12px; font-size: 13px; }
footer p { margin: 0; }
a { color: var(--link); }
a, .summary { border-radius: 2px; }
a:focus-visible, .summary:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
""".strip()


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def embed_card(code: Code, site: Site, notice: str = "") -> str:
    """The HTML of /embed/codes/<code>/; `notice`: the site's legal notice (mkdocs.yml copyright)."""
    title = code_title(code.code, code.title)
    page = site_path(code_page_path(code.code))
    full_page = posixpath.relpath(page, embed_url(code.code)) + "/"
    summary = plain_text(code.summary.text)
    preview = LinkPreview(title, summary, site.address(page), site)
    reviewed = code.last_reviewed
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>{_e(document_title(title, site.name))}</title>
<meta name="description" content="{_e(shorten(summary))}">
<link rel="canonical" href="{_e(site.address(page))}">
{meta_tags(preview)}
<style>
{STYLE}
</style>
</head>
<body>
<main class="card" data-pagefind-ignore="all">
<h1><span class="code">{_e(code.code)}</span> {_e(" ".join(code.title.split()))}</h1>
<dl>
<dt>Billing basis</dt><dd>{_e(BASIS_LABELS[code.billing.basis])}</dd>
<dt>Medicare</dt><dd>{_e(MEDICARE_STATUS_LABELS[code.medicare_status.status])}</dd>
</dl>
<div class="summary" tabindex="0" role="region" aria-label="Summary of {_e(code.code)}">
<p>{_e(summary)}</p>
{f'<p class="notice">{_e(" ".join(notice.split()))}</p>' if notice else ""}
</div>
<footer>
<p class="page-reviewed">Last reviewed <time datetime="{reviewed.isoformat()}">{plain_date(reviewed)}</time>.</p>
<p><a href="{_e(full_page)}" target="_top">Full page{_e(f" on {site.name}" if site.name else "")}</a></p>
</footer>
</main>
</body>
</html>
"""


def embed_pages(codes: list[Code], site: Site, notice: str = "") -> dict[str, str]:
    """Site file path ('embed/codes/97140/index.html') -> HTML, for every current code."""
    return {embed_url(code.code) + "index.html": embed_card(code, site, notice) for code in codes}
