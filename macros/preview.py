"""What the live preview (`mkdocs serve`) remembers from one rebuild to the next.

MkDocs loads the hooks file afresh for every rebuild, so its module-level state is
lost; this module is imported once per process and keeps it.
"""

from __future__ import annotations

from .catalog import Catalog
from .validate import DataError


class Preview:
    serving = False                 # set by the hook's on_startup for `mkdocs serve`
    last_good: Catalog | None = None
    problems: DataError | None = None  # why the data file is refused right now
