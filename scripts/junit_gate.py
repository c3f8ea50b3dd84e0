#!/usr/bin/env python3
"""Fail a test run whose JUnit XML report shows skipped tests or no tests.

Usage: junit_gate.py REPORT.xml

`make test` runs pytest with --junitxml and then this script, so CI cannot go
green while a test silently skipped (a missing browser, a missing tool, an
absent data file): such a test has to fail instead. Expected failures
(`xfail`) are recorded by pytest as skipped too, and fail the gate as well.

Prints a closing line "junit: N passed, N failed, N skipped" and exits 1 if
the report is missing or unreadable, holds no test, or holds a skipped test.
The exit status does not reflect failed tests: pytest's own status does.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

# Beside the report: the name and stacks of a test that hung (tests/conftest.py), one
# file per test process ("hang.txt", or "hang-gw0.txt" for a pytest-xdist worker).
def hang_report_name(worker: str | None = None) -> str:
    return f"hang-{worker}.txt" if worker else "hang.txt"


@dataclass
class Summary:
    total: int = 0
    failed: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.total - self.failed - len(self.skipped)


def summarize(report: Path) -> Summary:
    """Count the test cases in a JUnit XML report written by pytest."""
    root = ET.parse(report).getroot()
    summary = Summary()
    for case in root.iter("testcase"):
        summary.total += 1
        name = "::".join(
            part for part in (case.get("classname", ""), case.get("name", "")) if part
        )
        if case.find("skipped") is not None:
            skipped = case.find("skipped")
            reason = (skipped.get("message") or skipped.text or "").strip()
            summary.skipped.append(f"{name}: {reason}" if reason else name)
        elif case.find("failure") is not None or case.find("error") is not None:
            summary.failed += 1
    return summary


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    report = Path(argv[1])
    # Written by tests/conftest.py when a test hung and its process was stopped.
    for hang in sorted(report.parent.glob(hang_report_name("*"))) + [report.with_name(hang_report_name())]:
        if hang.is_file():
            print(f"junit gate: a test hung:\n{hang.read_text(encoding='utf-8', errors='replace')}", file=sys.stderr)
    if not report.is_file():
        print(f"junit gate: no report at {report} (pytest did not run, or was stopped)", file=sys.stderr)
        return 1
    try:
        summary = summarize(report)
    except ET.ParseError as exc:
        print(f"junit gate: cannot parse {report}: {exc}", file=sys.stderr)
        return 1

    status = 0
    if summary.total == 0:
        print("junit gate: no test ran; that counts as a failure", file=sys.stderr)
        status = 1
    if summary.skipped:
        print(
            f"junit gate: {len(summary.skipped)} test(s) skipped; skips are not "
            "allowed, make them pass or fail:",
            file=sys.stderr,
        )
        for line in summary.skipped:
            print(f"  SKIPPED {line}", file=sys.stderr)
        status = 1
    print(
        f"junit: {summary.passed} passed, {summary.failed} failed, "
        f"{len(summary.skipped)} skipped"
    )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
