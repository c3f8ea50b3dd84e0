"""Run the MkDocs command line on the project in the working directory, counting how often
the data file is parsed; write what was counted as JSON to the file named first:

    python tests/counting_build.py REPORT build --strict -d SITE

REPORT gets {"parses": <reads of data/codes.yaml>, "frozen": <objects the garbage
collector still keeps frozen once the build is over>}. A separate process, like every other
build of the tests: a build inside a test process would share its imports and its
event loop (the search hook runs Pagefind through asyncio, which refuses to start inside
Playwright's loop).
"""

from __future__ import annotations

import gc
import json
import os
import sys

# The project's own `macros` package, the one its hooks import (they add the project to
# sys.path only when it is not there yet), so the counting wrapper is the one they call.
sys.path.insert(0, os.getcwd())

import macros.catalog as catalog_module  # noqa: E402
from mkdocs.__main__ import cli  # noqa: E402

report_path = sys.argv.pop(1)
parses: list[str] = []
_load = catalog_module.load_code_data


def _counting_load(path, *args, **kwargs):
    parses.append(str(path))
    return _load(path, *args, **kwargs)


catalog_module.load_code_data = _counting_load
try:
    cli(prog_name="mkdocs")
finally:
    with open(report_path, "w", encoding="utf-8") as report:
        json.dump({"parses": len(parses), "frozen": gc.get_freeze_count()}, report)
