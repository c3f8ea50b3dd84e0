"""The session's one build of the real site, shared by every test process of a run.

`make test` runs pytest in several processes (pytest-xdist workers). They share one build:
the first process whose selected tests need it starts `mkdocs build` in the background
(while the pure tier runs) and the others wait for the same output. Everything lives in
one directory made before the workers start (`create`), named in the environment they
inherit:

    <dir>/claimed     made atomically by the process that starts the build
    <dir>/pid         the builder's process id (to stop it if the run ends first)
    <dir>/log         its output
    <dir>/returncode  written when it ends: the build is over, successful or not
    <dir>/site/       the built site

A run without workers uses the same steps in its single process.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENV_NAME = "THERAPY_CODES_SESSION_BUILD"
_started: list[subprocess.Popen] = []  # kept, so that no Popen is collected while it runs

# Runs the build and then records how it ended, so that a process other than the
# builder's parent learns of the end from the file system.
_WRAPPER = """
import subprocess, sys
with open(sys.argv[1], "w", encoding="utf-8") as log:
    code = subprocess.call(sys.argv[3:], stdout=log, stderr=subprocess.STDOUT)
with open(sys.argv[2] + ".tmp", "w", encoding="utf-8") as done:
    done.write(str(code))
import os
os.replace(sys.argv[2] + ".tmp", sys.argv[2])
"""


def create() -> Path:
    """Make the shared directory and name it in the environment (workers inherit it)."""
    directory = Path(tempfile.mkdtemp(prefix="therapy-codes-site-"))
    os.environ[ENV_NAME] = str(directory)
    return directory


def shared_directory() -> Path | None:
    value = os.environ.get(ENV_NAME)
    return Path(value) if value else None


def start(directory: Path, command: list[str], cwd: Path, env: dict[str, str]) -> bool:
    """Start the build unless another process did; True if this call started it."""
    try:
        os.mkdir(directory / "claimed")
    except FileExistsError:
        return False
    process = subprocess.Popen(
        [sys.executable, "-c", _WRAPPER, str(directory / "log"), str(directory / "returncode"), *command],
        cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)  # its own process group: `stop` ends the build with it
    _started.append(process)
    (directory / "pid").write_text(str(process.pid), encoding="utf-8")
    return True


def wait(directory: Path, timeout: float = 600) -> tuple[int, str]:
    """(exit status, output) of the build, once it has ended."""
    done = directory / "returncode"
    deadline = time.monotonic() + timeout
    while not done.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the session's build did not end within {timeout:g} s")
        time.sleep(0.2)
    log = directory / "log"
    return int(done.read_text(encoding="utf-8")), log.read_text(encoding="utf-8") if log.exists() else ""


def stop(directory: Path) -> None:
    """End a build still running (the run ended before a test needed it) and remove it all."""
    pid_file = directory / "pid"
    if pid_file.exists() and not (directory / "returncode").exists():
        try:
            os.killpg(int(pid_file.read_text(encoding="utf-8")), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass
    shutil.rmtree(directory, ignore_errors=True)
