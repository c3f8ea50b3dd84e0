"""The catalog a build uses, and what the live preview (`mkdocs serve`) remembers from one
rebuild to the next.

MkDocs loads the hooks file afresh for every rebuild, so its module-level state is lost;
this module is imported once per process and keeps it. Under `mkdocs serve`, a data file
that stops validating after a good build leaves the preview on the last valid data, and
the located problems are shown on every page, so the browser never waits for a build
that cannot succeed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .catalog import Catalog, load_catalog
from .validate import DataError

# Outside the "mkdocs" logger on purpose: MkDocs' strict mode counts every warning logged
# there as a build failure, and this error is reported precisely so the build can go on.
log = logging.getLogger("codes.preview")


class Preview:
    serving = False                    # set by the hook's on_startup for `mkdocs serve`
    last_good: Catalog | None = None
    problems: DataError | None = None  # why the data file is refused right now


def build_catalog(path: Path) -> Catalog:
    """The catalog for this build; raises DataError unless the preview can fall back."""
    try:
        catalog = load_catalog(path)
    except DataError as error:
        if not (Preview.serving and Preview.last_good is not None):
            raise
        if Preview.problems is None or str(Preview.problems) != str(error):
            log.error("%s\nThe preview keeps showing the last valid data until this is fixed.", error)
        Preview.problems = error
        return Preview.last_good
    if Preview.problems is not None:
        log.info("data/codes.yaml is valid again")
    Preview.last_good, Preview.problems = catalog, None
    return catalog
