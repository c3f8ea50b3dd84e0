"""The site search index: Pagefind run over the built HTML once MkDocs has written it.

Pagefind splits the index into small chunks by word and one fragment per page, and the
browser fetches only the chunks of the words it searches for and the fragments of the
results it shows (docs/assets/javascripts/search.js), so what one search transfers
stays nearly flat as the site grows, and a page that never opens the search fetches
nothing. The binary comes from the PyPI package `pagefind[extended]`
(requirements.in), so building needs Python only.

What is indexed: the article of each page (`data-pagefind-body`, set in
overrides/main.html), minus the parts below that repeat on every page and would only
add noise and weight. The 404 page and redirect stubs carry no `data-pagefind-body`,
so they are left out.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterable
from pathlib import Path

from .search_sections import SearchRecord
from .search_synonyms import SYNONYMS_FILE, SYNONYMS_URL, SynonymsError, load_synonyms, synonyms_json

# Where the search bundle is written, relative to the site root (search.js reads it there).
BUNDLE_DIR = "pagefind"

# Parts of the article that repeat on every page: permalink marks, citation numbers,
# confidence markers, the review line, the print hint and each page's list of sources
# (the about page lists every source in a table, which stays searchable).
EXCLUDE_SELECTORS = (
    ".headerlink",
    "a.cite",
    ".confidence",
    ".page-reviewed",
    ".print-hint",
    ".source-list",
    ".edit-record",
)

# Files Pagefind writes for its own ready-made interfaces; the site uses Material's
# search dialog with its own script instead, so they are removed from the output.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)

TIMEOUT_SECONDS = 900
# Section records sent to Pagefind at once.
BATCH = 64


class SearchIndexError(Exception):
    """The search index could not be built; the message says why and what to do."""


def pagefind_executable() -> Path | None:
    """The Pagefind binary shipped by the `pagefind[extended]` wheel, if it and the Python
    package that drives it are installed."""
    try:
        import pagefind.index  # noqa: F401
    except ImportError:
        return None
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-not-found]
    except ImportError:
        try:
            from pagefind_bin import get_executable  # type: ignore[import-not-found]
        except ImportError:
            return None
    try:
        path = Path(get_executable())
    except (OSError, RuntimeError):  # the wheel is there but has no binary for this platform
        return None
    return path if path.is_file() else None


def build_search_index(site_dir: Path, project_dir: Path, records: Iterable[SearchRecord] = ()) -> int:
    """Index the built site in `site_dir` and the section `records` of the list pages
    (macros/search_sections.py), write the synonyms the search script uses, and return
    the number of records indexed.

    Raises SearchIndexError with a plain message when the binary is missing or fails,
    when the pages lack the index marker, and when the synonyms file is invalid.
    """
    site_dir = Path(site_dir)
    try:
        synonyms = load_synonyms(Path(project_dir) / SYNONYMS_FILE, SYNONYMS_FILE)
    except SynonymsError as error:
        raise SearchIndexError(str(error)) from None
    # Checked here for a plain message; pagefind's service client starts this same binary.
    executable = pagefind_executable()
    if executable is None:
        raise SearchIndexError(
            "the search index needs Pagefind, which is not installed in this environment: "
            "run `make setup` (or `pip install -r requirements.txt`) and build again")
    home = site_dir / "index.html"
    if not home.is_file() or "data-pagefind-body" not in home.read_text(encoding="utf-8", errors="replace"):
        # Without the marker Pagefind would index whole pages, navigation and all.
        raise SearchIndexError(f"{home} has no data-pagefind-body: the article of each page should carry it "
                               "(overrides/main.html)")
    bundle = site_dir / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    try:
        count, files = asyncio.run(asyncio.wait_for(_index(site_dir, list(records)), TIMEOUT_SECONDS))
    except asyncio.TimeoutError:
        raise SearchIndexError(f"Pagefind did not finish within {TIMEOUT_SECONDS} s") from None
    except OSError as error:
        raise SearchIndexError(f"could not run Pagefind ({executable}): {error.strerror or error}") from None
    except Exception as error:  # the service's own errors: no traceback, the message
        raise SearchIndexError(f"Pagefind failed: {error}") from None
    if count == 0 or "pagefind-entry.json" not in files:
        raise SearchIndexError(f"Pagefind found no page to index in {site_dir}")
    write_bundle(bundle, files)
    target = site_dir / SYNONYMS_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(synonyms_json(synonyms), encoding="utf-8")
    return count


def write_bundle(bundle: Path, files: dict[str, bytes]) -> None:
    """Write the index files (paths relative to the bundle folder), leaving out the ones
    only Pagefind's own interfaces use."""
    for name, content in files.items():
        if name in UNUSED_BUNDLE_FILES:
            continue
        target = bundle / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


# The most one reply of the binary may hold: the whole index comes back in one (see _index).
REPLY_LIMIT = 2**30


class _AsyncioForPagefind:
    """The asyncio module as pagefind's service client sees it, with two changes.

    - No polling delay: pagefind 1.5's client sleeps 0.1 s before reading each reply of
      the binary, so sending the section records one by one cost 0.1 s each: about 12 of
      a 23 s build with a few hundred records, and more as the site grows. Reading a reply
      waits for its data anyway, so the sleep only yields to the event loop.
    - Room for a large reply: the client reads the binary's output with a 2 MiB limit,
      less than the whole index this module asks for."""

    def __getattr__(self, name: str):
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result=None):
        return await asyncio.sleep(0, result)

    @staticmethod
    async def create_subprocess_exec(*args, **kwargs):
        kwargs["limit"] = max(kwargs.get("limit", 0), REPLY_LIMIT)
        return await asyncio.create_subprocess_exec(*args, **kwargs)


async def _index(site_dir: Path, records: list[SearchRecord]) -> tuple[int, dict[str, bytes]]:
    """Run Pagefind as a service: the site's pages from disk, then the section records;
    return the number indexed and the index files by path.

    The files are asked for rather than written by the binary: pagefind 1.5 answers "files
    written" while its last writes may still be under way, and the client then stops the
    binary, which can leave a file empty (seen: an empty pagefind-entry.json, so the site's
    search failed to load). Python writes what it received, completely."""
    import pagefind.service
    from pagefind.service import PagefindService

    pagefind.service.asyncio = _AsyncioForPagefind()

    async with PagefindService() as service:
        index = await service.create_index({"exclude_selectors": list(EXCLUDE_SELECTORS)})
        added = await index.add_directory(str(site_dir))
        count = added.get("page_count", 0)
        for start in range(0, len(records), BATCH):
            batch = records[start:start + BATCH]
            await asyncio.gather(*(index.add_html_file(content=r.html, url=r.url) for r in batch))
        files = {str(file["path"]): bytes(file["content"]) for file in await index.get_files()}
        return count + len(records), files
