"""The Node tests of the browser scripts (tests/js/*.test.js), run with Node's own test
runner: units.js against the reference engine's golden vectors, and the pure part of the
calculator. Needs only `node` (no npm package); a missing Node fails, never skips."""

from __future__ import annotations

import shutil
import subprocess

from tests.conftest import ROOT

JS_TESTS = sorted((ROOT / "tests" / "js").glob("*.test.js"))


def test_node_tests_of_the_browser_scripts_pass():
    node = shutil.which("node")
    assert node, "node is not on PATH: install Node.js 20 or newer"
    assert len(JS_TESTS) >= 2, f"expected the Node tests in tests/js, found {JS_TESTS}"
    result = subprocess.run([node, "--test", *map(str, JS_TESTS)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    summary = [line for line in result.stdout.splitlines() if line.startswith("# ")]
    assert result.returncode == 0, f"Node tests failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    assert "# fail 0" in summary and "# skipped 0" in summary and "# todo 0" in summary, summary
    assert not any(line.startswith("# pass 0") for line in summary), summary
