"""`mkdocs serve` follows data/codes.yaml: an edit shows up in the preview, a bad edit is
shown as located problems on the page (the preview never hangs), and a fix clears them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


OLD_TEXT = "title: Manual therapy techniques"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:  # a hanging preview fails here
        return response.read().decode("utf-8")


def _wait_for(url: str, predicate, timeout: float = 120.0) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show the expected content in {timeout:.0f} s; last page:\n{last[:2000]}")


@pytest.fixture
def preview(project_copy):
    project = project_copy
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                               cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_preview_follows_the_data_file_and_shows_its_problems(preview):
    """Three rebuilds: a bad edit (problems shown, the last valid data kept on screen), then
    a valid edit that both fixes it and changes a title (problems gone, the edit shown)."""
    project, url = preview
    data_file: Path = project / "data" / "codes.yaml"
    page = url + "codes/97140/"
    _wait_for(page, lambda html: "Manual therapy techniques" in html)

    text = data_file.read_text(encoding="utf-8")
    assert OLD_TEXT in text
    line = text[:text.index(OLD_TEXT)].count("\n") + 1
    data_file.write_text(text.replace(OLD_TEXT, "title: yes", 1), encoding="utf-8")
    shown = _wait_for(page, lambda html: 'class="data-problems"' in html)
    assert f"data/codes.yaml:{line}:" in shown and "put the word you mean in quotes" in shown
    assert "Manual therapy techniques" in shown  # the last valid data stays on screen

    data_file.write_text(text.replace(OLD_TEXT, "title: Manual therapy techniques, edited in the preview", 1),
                         encoding="utf-8")
    _wait_for(page, lambda html: 'class="data-problems"' not in html and "edited in the preview" in html)
