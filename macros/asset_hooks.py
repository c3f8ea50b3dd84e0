"""MkDocs glue: the site's own stylesheets are served as one file.

mkdocs.yml lists them one by one (extra_css), each about one part of the site (site.css,
calculator.css, printing.css, guide.css, links.css). A browser fetches every stylesheet
of a page before it paints any of it, and on a phone each request is a round trip of its
own: Lighthouse's simulated phone waited for seven stylesheets, Material's two and these
five, before the first paint. Here they are joined, in the listed order (so the cascade
is the same), into one file that every page links instead (BUNDLE); the separate files
are left out of the built site.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

BUNDLE = "assets/stylesheets/site.bundle.css"


class _Parts:
    """The stylesheets mkdocs.yml lists, in order (remembered across `mkdocs serve` rebuilds,
    whose config may already list only the bundle)."""

    paths: list[str] = []


# A CSS comment, or a string (kept as it is, so a "/*" inside one is not taken for a comment).
_COMMENT_OR_STRING = re.compile(r'("(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\')|/\*.*?\*/', re.DOTALL)


def without_comments(css: str) -> str:
    """The stylesheet without its comments and the blank lines they leave: the sources explain
    every rule at length, and the bundle is fetched before every first paint."""
    text = _COMMENT_OR_STRING.sub(lambda match: match.group(1) or "", css)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip()) + "\n"


def bundle_text(parts: list[tuple[str, str]]) -> str:
    """The stylesheets (path, text) joined in order, each headed by its source path, without
    their own comments."""
    return "".join(f"/* {path} */\n{without_comments(text)}" for path, text in parts)


def on_config(config):
    listed = [str(path) for path in config.extra_css]
    if listed and listed != [BUNDLE]:
        _Parts.paths = listed
    config.extra_css = [BUNDLE] if _Parts.paths else []
    return config


def on_files(files: Files, config) -> Files:
    parts = []
    for path in _Parts.paths:
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"mkdocs.yml extra_css lists {path}, which is not in docs/")
        parts.append((path, Path(file.abs_src_path).read_text(encoding="utf-8")))
        files.remove(file)
    if parts:
        files.append(File.generated(config, BUNDLE, content=bundle_text(parts)))
    return files
