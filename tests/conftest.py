"""Shared fixtures and the test tiers.

Tiers, cheapest first (CONTRIBUTING.md, "Tests"): a test belongs to the cheapest tier
that can show the behaviour.

- pure (no marker): functions, the data file, scripts, the Node tests of the browser
  scripts. `make test-fast` runs only these.
- `build`: needs the site built by MkDocs: the session's one strict build (`site`,
  `built_page`, `site_server`, `served_site`), the shared build of an edited copy
  (`edited_build`) or a build of a copy the test edits itself (`project_copy`).
- `browser`: needs Chromium (`browser`, `new_page`); always `build` too.

The markers are applied here from the fixtures a test uses (directly or through other
fixtures), so a new test file gets its tier by asking for the fixtures it needs. Tests
run cheapest tier first (file order within a tier): a broken rule fails within seconds,
and the session's build runs in the background while the pure tests run.

Everything expensive is created once per test session and shared by every module: the
build (`site`), the server (`site_server`) and the browser (`browser`). A test gets its
own isolated browser context and page from `new_page`.
"""

from __future__ import annotations

import faulthandler
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.catalog import load_catalog
from scripts.junit_gate import hang_report_name
from tests import session_build

ROOT = Path(__file__).resolve().parents[1]

# The session's build links each code page to its record here, as the deployed site does
# (the deploy workflow sets REPOSITORY_URL), so the checks see the markup readers get.
REPOSITORY_URL = "https://github.com/example/reference"

# What a site build needs from the project, copied when a test edits the data.
PROJECT_PARTS = ["mkdocs.yml", "docs", "macros", "data", "overrides"]

_OWNS_BUILD = pytest.StashKey[Path]()

# Fixtures that put a test in a tier (see the module docstring).
BUILD_FIXTURES = {"site", "built_page", "site_server", "served_site", "project_copy", "project_factory",
                  "edited_build"}
BROWSER_FIXTURES = {"browser", "new_page"}

# Fixtures shared by several tests that cost seconds (a build of an edited project, a
# search benchmark): the tests using one run in the same test process (an xdist group
# named after where the fixture is defined), so that it is made once.
COSTLY_SHARED_FIXTURES = {"fixture_site", "edited_build", "calculator_pages", "outcome"}


def _tier(item) -> int:
    return 2 if item.get_closest_marker("browser") else 1 if item.get_closest_marker("build") else 0


# tryfirst: a pytest-xdist worker turns the xdist_group marks into a group suffix of each
# test's id ('...::test_x@group') in its own collection hook; its plugin is registered after
# this file, so it would run first and see no mark (`pytest_runtest_setup` below checks).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    groups: dict[object, str] = {}
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.build)
        elif used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        for name in sorted(used & COSTLY_SHARED_FIXTURES):
            defined_in = item._fixtureinfo.name2fixturedefs[name][-1].baseid or "conftest"
            groups[item] = f"{defined_in}:{name}"
            item.add_marker(pytest.mark.xdist_group(groups[item]))
    # Cheaper tiers first; but the tests sharing a costly fixture stay next to each other, in
    # the tier of the costliest of them: a module-scoped fixture is torn down as soon as the
    # next test comes from another module, so splitting its tests across tiers made it
    # twice (the CMS fixture site was built twice).
    group_tier: dict[str, int] = {}
    for item, group in groups.items():
        group_tier[group] = max(group_tier.get(group, 0), _tier(item))
    items.sort(key=lambda item: group_tier[groups[item]] if item in groups else _tier(item))  # stable sort


# The grouping above is silently lost when pytest-xdist's suffix does not reach the test ids
# (pytest 9.2 ignores it: pytest-dev/pytest-xdist#1386; xdist's collection hook once ran before
# the marks were set): each process then builds every costly fixture again, minutes in all.
# In a `--dist loadgroup` worker each such test then fails, saying so.
def pytest_runtest_setup(item) -> None:
    if (_worker_id(item.config) is not None and item.config.getvalue("loadgroup")
            and item.get_closest_marker("xdist_group") and "@" not in item.nodeid):
        pytest.fail("pytest-xdist did not keep this test in the process of the other tests that share "
                    f"its costly fixture ({item.get_closest_marker('xdist_group').args[0]}): each process "
                    "would build it again. Check the pytest and pytest-xdist versions in requirements.in "
                    "(pytest-dev/pytest-xdist#1386).", pytrace=False)


# A test that hangs (a browser that never answers, a server that never returns) must fail
# the run, not stall it until CI's own limit: past this many seconds the process writes
# the test's name and every thread's stack to its hang report (pytest captures stderr, so
# a dump there would be lost) and exits; scripts/junit_gate.py prints every report. The
# slowest test takes about a minute here.
HANG_SECONDS = float(os.environ.get("TEST_HANG_SECONDS", "420"))  # lower only to test this
RESULTS_DIR = Path(os.environ.get("TEST_RESULTS_DIR", ROOT / "build" / "test-results"))
_hang: dict = {}


def _worker_id(config) -> str | None:
    """'gw0', 'gw1', ... in a pytest-xdist worker; None in the main process."""
    return getattr(config, "workerinput", {}).get("workerid")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if "file" not in _hang:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        _hang["path"] = RESULTS_DIR / hang_report_name(_worker_id(item.config))
        _hang["file"] = _hang["path"].open("w", encoding="utf-8")
    report = _hang["file"]
    report.seek(0)
    report.truncate()
    report.write(f"{item.nodeid} ran longer than {HANG_SECONDS:g} s and was stopped; the stacks then:\n")
    report.flush()
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=report)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


# The session's build (tests/session_build.py): one per run, whatever the number of test
# processes. The main process makes its directory before any worker starts; the first
# process whose selected tests need the site starts the build when its collection ends,
# so that it runs while the pure tier does; the `site` fixture waits for it.
def pytest_configure(config) -> None:
    if session_build.shared_directory() is None and _worker_id(config) is None:
        config.stash[_OWNS_BUILD] = session_build.create()


def pytest_collection_finish(session) -> None:
    directory = session_build.shared_directory()
    if directory is not None and any("site" in getattr(item, "fixturenames", ()) for item in session.items):
        command, env = _build_command(ROOT, directory / "site", {"REPOSITORY_URL": REPOSITORY_URL})
        session_build.start(directory, command, ROOT, env)


def pytest_sessionfinish(session) -> None:
    if "file" in _hang:  # no test hung: no report left behind
        _hang.pop("file").close()
        _hang.pop("path").unlink(missing_ok=True)


def pytest_unconfigure(config) -> None:
    directory = config.stash.get(_OWNS_BUILD, None)
    if directory is not None:  # the last process to end: every worker has finished
        session_build.stop(directory)
        os.environ.pop(session_build.ENV_NAME, None)


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


def _build_command(project: Path, output: Path, extra_env: dict[str, str] | None,
                   launcher: tuple[str, ...] = ("-m", "mkdocs")) -> tuple[list[str], dict]:
    """The command (MkDocs' own command line, or `launcher`'s) and environment of a build."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("GITHUB_ACTIONS", None)  # annotations only when a test asks for them
    env.update(extra_env or {})
    return [sys.executable, *launcher, "build", "--strict", "-d", str(output)], env


def build_site(project: Path, output: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` for a project directory; returns the finished process."""
    command, env = _build_command(project, output, extra_env)
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def read_page(site: Path, url_path: str) -> BeautifulSoup:
    """Parse a built page by its URL path ('codes/97140/' -> codes/97140/index.html)."""
    file = site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path
    assert file.exists(), f"the built site has no page at /{url_path}"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def visible_text(node) -> str:
    """Text as a reader sees it: whitespace folded."""
    return " ".join(node.get_text().split())


def section(soup, anchor: str) -> BeautifulSoup:
    """The elements from the heading with id `anchor` up to the next heading of the same or
    a higher level, as a document of their own."""
    heading = soup.find(id=anchor)
    assert heading is not None, f"no #{anchor} on the page"
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2", "h3") and sibling.name <= heading.name:
            break
        parts.append(str(sibling))
    return BeautifulSoup("\n".join(parts), "html.parser")


# --- pure tier ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def catalog():
    return load_catalog(ROOT / "data" / "codes.yaml")


# --- build tier --------------------------------------------------------------------------

@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run in strict mode (started in the background
    when collection ended, by this process or another; built here if it was not)."""
    directory = session_build.shared_directory()
    if directory is None or not (directory / "claimed").exists():
        output = tmp_path_factory.mktemp("site")
        result = build_site(ROOT, output, extra_env={"REPOSITORY_URL": REPOSITORY_URL})
        assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
        return output
    returncode, log = session_build.wait(directory)
    assert returncode == 0, f"mkdocs build --strict failed:\n{log}"
    return directory / "site"


@pytest.fixture(scope="session")
def built_page(site):
    """built_page('codes/97140/') or built_page('codes/97140/index.html') -> the parsed HTML
    of that built page, parsed once per session whoever asks."""
    cache: dict[str, BeautifulSoup] = {}

    def get(url_path: str) -> BeautifulSoup:
        key = url_path if url_path.endswith(".html") else url_path + "index.html"
        if key not in cache:
            cache[key] = read_page(site, url_path)
        return cache[key]

    return get


@pytest.fixture(scope="session")
def site_server(site):
    """The session's build served over HTTP on 127.0.0.1 (tests.static_server.StaticServer:
    `.url`, and `.log` of every response for tests that count requests)."""
    from tests.static_server import StaticServer

    with StaticServer(site) as server:
        yield server


@pytest.fixture(scope="session")
def served_site(site_server) -> str:
    """The base URL of the served build, ending in '/' (a browser needs a server for search)."""
    return site_server.url


# One build of an edited copy of the project, shared by the tests of what a data edit and a
# host bring (each test says which part it reads):
# - a record added to the data and nothing else (NEW_CODE), which must get its page, its
#   navigation entry, its table rows and its export record;
# - a title with quotes and an ampersand (QUOTED_TITLE), which must stay inside attributes;
# - a code removed from the data (code_named_nowhere_else), with a redirect declared in
#   mkdocs.yml for its page (to its family's page) and none for its printable checklist: the
#   page's public address must land on the family page, the checklist's be reported broken;
# - the site served below a path (SUBPATH_URL), as a project site is;
# - how often the build parsed the data file, and whether it left objects frozen.
SUBPATH_URL = "https://example.org/reference/"
QUOTED_TITLE = 'Manual "hands-on" therapy & techniques'
NEW_CODE = '''
  - code: "97127"
    title: Cognitive function training
    family: therapeutic-procedures
    summary:
      text: Training of attention, memory and problem solving, as an example record added in a test.
      sources: [fcso-counting-units]
      confidence: verified
    billing:
      basis: timed_15
      text: Counted in 15-minute units in this test record.
      sources: [fcso-counting-units]
      confidence: verified
    techniques:
      includes: [Memory and attention training]
      sources: [fcso-counting-units]
      confidence: verified
    choosing:
      when: [Cognitive skills are trained one-on-one.]
      sources: [fcso-counting-units]
      confidence: verified
    medicare_status:
      status: payable
      text: Payable under a plan of care in this test record.
      sources: [fcso-counting-units]
      confidence: verified
    last_reviewed: 2026-11-01
'''


def insert_code(data_file: Path, record: str) -> None:
    """Append a record at the end of the codes list (before the next top-level key)."""
    text = data_file.read_text(encoding="utf-8")
    start = text.index("\ncodes:\n")
    following = re.search(r"^\w", text[start + len("\ncodes:\n"):], flags=re.M)
    cut = start + len("\ncodes:\n") + following.start() if following else len(text)
    data_file.write_text(text[:cut].rstrip("\n") + "\n" + record + "\n" + text[cut:], encoding="utf-8")


def code_named_nowhere_else(data: dict) -> dict:
    """The record of a code that no other record names, so that removing it leaves the data valid."""
    records = [json.dumps(record, default=str) for records in data.values() if isinstance(records, list)
               for record in records]
    return next(code for code in data["codes"] if sum(f'"{code["code"]}"' in r for r in records) == 1)


def remove_code(data_file: Path, code: str) -> None:
    """Remove a code's record from the data file as typed (the rest of the file unchanged)."""
    text = data_file.read_text(encoding="utf-8")
    start = text.index(f'\n  - code: "{code}"\n') + 1
    end = re.compile(r"^(?:  - |\S)", re.M).search(text, start + 1)
    data_file.write_text(text[:start] + (text[end.start():] if end else ""), encoding="utf-8")


@dataclass(frozen=True)
class EditedBuild:
    """`project`: the edited copy; `host`: a host's files (another site's page at the root, the
    project's 404 page answering any missing address as GitHub Pages does, the site in
    reference/); `site`: the built site; `removed`: the code removed from the data, and
    `removed_family` the family whose page its page redirects to; `parses`: how often the
    build read the data file; `frozen`: objects the garbage collector still kept frozen when
    it ended."""

    project: Path
    host: Path
    site: Path
    removed: str
    removed_family: str
    parses: int
    frozen: int


@pytest.fixture(scope="session")
def edited_build(tmp_path_factory) -> EditedBuild:
    """The project with NEW_CODE added, 97140's title changed to QUOTED_TITLE and a code
    removed (a redirect declared for its page only), built (strict) for SUBPATH_URL by
    tests/counting_build.py."""
    project = copy_project(tmp_path_factory.mktemp("edited") / "project")
    data = project / "data" / "codes.yaml"
    text = data.read_text(encoding="utf-8")
    assert text.count("    title: Manual therapy techniques\n") == 1
    data.write_text(text.replace("    title: Manual therapy techniques\n", f"    title: '{QUOTED_TITLE}'\n"),
                    encoding="utf-8")
    removed = code_named_nowhere_else(yaml.safe_load(data.read_text(encoding="utf-8")))  # before NEW_CODE
    remove_code(data, removed["code"])
    insert_code(data, NEW_CODE)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("      redirect_maps:\n") == 1
    config = config.replace("      redirect_maps:\n", "      redirect_maps:\n"
                            f"        codes/{removed['code']}.md: families/{removed['family']}/index.md\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    host = tmp_path_factory.mktemp("host")
    report = host.parent / f"{host.name}-count.json"
    command, env = _build_command(project, host / "reference", {"SITE_URL": SUBPATH_URL},
                                  launcher=(str(ROOT / "tests" / "counting_build.py"), str(report)))
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (host / "index.html").write_text("<!doctype html><title>Another site</title>", encoding="utf-8")
    shutil.copy(host / "reference" / "404.html", host / "404.html")
    counted = json.loads(report.read_text(encoding="utf-8"))
    return EditedBuild(project, host, host / "reference", removed["code"], removed["family"],
                       counted["parses"], counted["frozen"])


@pytest.fixture(scope="session")
def project_factory():
    """copy_project, for module-scoped fixtures that build their own copy of the project
    (requesting this marks their tests as build-tier)."""
    return copy_project


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    """A private copy of the project to edit; build it with `build_site(project_copy, out)`."""
    return copy_project(tmp_path / "project")


# --- browser tier ------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (never a downloaded browser).
    Tests never share pages: each opens its own context (see `new_page`)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_chromium

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture()
def new_page(browser):
    """new_page(**context_options) -> a Page in a fresh browser context (own storage, own
    viewport). Script errors on any such page fail the test; contexts close afterwards."""
    contexts, errors = [], []

    def open_page(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, f"script errors: {errors}"
