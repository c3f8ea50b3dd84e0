"""What a page asks the browser to fetch and run before it can show anything (build tier).

Lighthouse's simulated phone (BENCHMARKS.md) paints only once every stylesheet and every
parser-blocking script has arrived, each a round trip of its own; the checks here keep
the built pages at what was measured:

- the site's stylesheets come as one file, joined in the order mkdocs.yml lists them
  (macros/asset_hooks.py), and every stylesheet under docs/ is in it;
- no script holds up parsing: Material's bundle and the site's scripts are deferred
  (overrides/main.html, mkdocs.yml), inline scripts aside.
"""

from __future__ import annotations

import re

from mkdocs.utils.yaml import yaml_load

from macros.asset_hooks import BUNDLE, bundle_text, without_comments
from tests.conftest import ROOT
from tests.static_server import site_pages

CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
STYLESHEETS = ROOT / "docs" / "assets" / "stylesheets"


def test_bundle_text_keeps_the_order_names_each_part_and_drops_comments():
    parts = [("a.css", "/* Why a.\n   Two lines. */\na { }\n\n"),
             ("b.css", 'b::before { content: "/* not a comment */"; }  /* trailing */\nc { top: 0 } /* x */ d { }')]
    assert bundle_text(parts) == ('/* a.css */\na { }\n/* b.css */\nb::before { content: "/* not a comment */"; }\n'
                                  "c { top: 0 }  d { }\n")


def test_every_stylesheet_of_the_site_is_listed_once():
    listed = CONFIG["extra_css"]
    assert len(listed) == len(set(listed))
    on_disk = sorted(f"assets/stylesheets/{path.name}" for path in STYLESHEETS.glob("*.css"))
    assert sorted(listed) == on_disk, "a stylesheet in docs/ that no page would load, or a listed one missing"


def test_the_site_stylesheets_are_one_file_in_the_listed_order(site):
    bundle = (site / BUNDLE).read_text(encoding="utf-8")
    positions = [bundle.index(f"/* {path} */\n" + without_comments((ROOT / "docs" / path).read_text(encoding="utf-8")))
                 for path in CONFIG["extra_css"]]
    assert positions == sorted(positions)
    for path in CONFIG["extra_css"]:
        assert not (site / path).exists(), f"{path} is copied to the site but no page loads it"


def test_pages_link_three_stylesheets_and_no_script_blocks_parsing(site):
    pages = [page for page in site_pages(site) if page.redirect_to is None]  # redirect stubs: no page
    assert len(pages) > 100
    for page in pages:
        html = page.file.read_text(encoding="utf-8")
        if 'class="md-content"' not in html:  # embeddable cards carry their own styles
            continue
        names = [sheet.rsplit("/", 1)[-1] for sheet in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)]
        assert len(names) == 3 and names[2] == BUNDLE.rsplit("/", 1)[-1] \
            and names[0].startswith("main.") and names[1].startswith("palette."), (page.url, names)
        blocking = [tag for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
                    if not re.search(r"\b(defer|async)\b", tag) and 'type="application/json"' not in tag]
        assert not blocking, (page.url, blocking)
