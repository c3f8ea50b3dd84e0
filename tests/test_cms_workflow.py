"""The scheduled CMS refresh workflow: when it runs, what each job may do, and in what order.
actionlint and zizmor run on it with the other workflows (tests/test_workflows.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "cms-refresh.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_it_runs_on_a_schedule_and_by_hand_only():
    triggers = _workflow()[True]  # PyYAML reads the key `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    for entry in triggers["schedule"]:
        minute, hour, day, month, weekday = entry["cron"].split()
        assert minute.isdigit() and hour.isdigit() and day.isdigit() and weekday == "*"
    months = {int(m) for entry in triggers["schedule"] for m in entry["cron"].split()[3].split(",")}
    assert {1, 4, 7, 10} <= months and 11 in months  # quarters, and the PFS final rule in November


def test_only_the_pull_request_job_may_write_and_it_runs_no_project_code():
    workflow = _workflow()
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["refresh"]["permissions"] == {"contents": "read"}
    opener = jobs["pull-request"]
    assert opener["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert opener["needs"] == "refresh" and opener["if"] == "needs.refresh.outputs.changed == 'true'"
    assert _runs(opener) == ['cp "$REFRESHED/data/codes.yaml" data/codes.yaml']
    actions = [step.get("uses", "").split("@")[0] for step in opener["steps"]]
    assert actions == ["actions/checkout", "actions/download-artifact", "", "peter-evans/create-pull-request"]
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "secrets." not in text and "token:" not in text  # the default token, nothing else


def test_the_refresh_job_discovers_downloads_imports_then_tests():
    runs = _runs(_workflow()["jobs"]["refresh"])
    order = ["make setup", "macros.cms discover", "macros.cms download", "macros.cms import --manifest", "make test"]
    positions = [next(i for i, run in enumerate(runs) if step in run) for step in order]
    assert positions == sorted(positions), runs
    assert all("--github-annotations" in run for run in runs if "macros.cms" in run)
    steps = _workflow()["jobs"]["refresh"]["steps"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "steps.import.outputs.changed == 'true'"
    assert steps.index(upload) > next(i for i, step in enumerate(steps) if step.get("run") == "make test")


def test_no_expression_is_spliced_into_a_script():
    for job in _workflow()["jobs"].values():
        for run in _runs(job):
            assert "${{" not in run, run
