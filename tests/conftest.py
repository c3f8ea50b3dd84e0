"""Shared fixtures: the real catalog, a strict build of the site, and parsed pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.catalog import load_catalog  # noqa: E402

# What a site build needs from the project, copied when a test edits the data.
PROJECT_PARTS = ["mkdocs.yml", "docs", "macros", "data", "overrides"]


def copy_project(destination: Path) -> Path:
    """A private copy of the project that a test may edit and build."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part,
                            ignore=shutil.ignore_patterns("__pycache__", "drafts"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    return destination


def build_site(project: Path, output: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` for a project directory; returns the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("GITHUB_ACTIONS", None)  # annotations only when a test asks for them
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(output)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def read_page(site: Path, url_path: str) -> BeautifulSoup:
    """Parse a built page by its URL path ('codes/97140/' -> codes/97140/index.html)."""
    file = site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path
    assert file.exists(), f"the built site has no page at /{url_path}"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(ROOT / "data" / "codes.yaml")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session in strict mode."""
    output = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, output)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return output


@pytest.fixture(scope="session")
def built_page(site):
    """built_page('codes/97140/') -> parsed HTML of that built page."""
    cache: dict[str, BeautifulSoup] = {}

    def get(url_path: str) -> BeautifulSoup:
        if url_path not in cache:
            cache[url_path] = read_page(site, url_path)
        return cache[url_path]

    return get


def visible_text(node) -> str:
    """Text as a reader sees it: whitespace folded."""
    return " ".join(node.get_text().split())


@pytest.fixture(scope="session")
def served_site(site):
    """The built site over HTTP on 127.0.0.1 (a browser needs a server for search)."""
    from tests.static_server import StaticServer

    with StaticServer(site) as server:
        yield server.url


@pytest.fixture(scope="module")
def browser():
    """One headless Debian Chromium per test module (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_chromium

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()
