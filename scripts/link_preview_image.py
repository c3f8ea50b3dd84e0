"""Draw the site's link preview image (docs/assets/images/link-preview.png) with Chromium.

The image every page names as og:image (macros/render/page_head.py, PREVIEW_IMAGE): the
site's mark, Material's hand icon (the theme's logo in mkdocs.yml), white on the site's
teal, with the site's name. Square, for the "summary" card previewers show as a thumbnail.
Run it again after changing the logo, the colour or the name:

    .venv/bin/python scripts/link_preview_image.py
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.render.page_head import PREVIEW_IMAGE, PREVIEW_IMAGE_SIZE  # noqa: E402
from tests.browser import launch_chromium  # noqa: E402

TEAL = "#00796b"  # the primary colour of docs/assets/stylesheets/site.css
NAME = "Therapy Billing Code Reference"


def logo_path() -> str:
    import material

    icon = Path(material.__file__).parent / "templates" / ".icons" / "material" / "hand-back-right-outline.svg"
    return icon.read_text(encoding="utf-8").split('d="', 1)[1].split('"', 1)[0]


def drawing(size: int) -> str:
    return f"""<!doctype html><html><head><style>
html, body {{ margin: 0; }}
body {{ width: {size}px; height: {size}px; background: {TEAL}; color: #fff; display: flex; flex-direction: column;
  align-items: center; justify-content: center; gap: 28px; font: 700 44px/1.15 "DejaVu Sans", sans-serif;
  text-align: center; }}
svg {{ width: 240px; height: 240px; fill: #fff; }}
</style></head><body>
<svg viewBox="0 0 24 24"><path d="{html.escape(logo_path())}"/></svg>
<div>{html.escape(NAME).replace(" Code ", "<br>Code ")}</div>
</body></html>"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    target = ROOT / "docs" / PREVIEW_IMAGE
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": PREVIEW_IMAGE_SIZE, "height": PREVIEW_IMAGE_SIZE})
        page.set_content(drawing(PREVIEW_IMAGE_SIZE))
        page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": PREVIEW_IMAGE_SIZE,
                                                "height": PREVIEW_IMAGE_SIZE})
        browser.close()
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
