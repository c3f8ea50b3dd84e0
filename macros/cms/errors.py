"""The one kind of error the importer reports: a plain message naming the file concerned."""

from __future__ import annotations


class CmsFileError(Exception):
    """A CMS file (or the data file) cannot be imported as it is; nothing has been written."""

    def __init__(self, file: str, message: str):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
