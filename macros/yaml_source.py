"""Read a YAML file into plain Python data plus the line and column of every value.

PyYAML silently keeps the last of two equal mapping keys; a data file edited by many
hands must refuse that instead. The file is parsed once, with the C parser when
available (about seven times faster on large files), into a node tree; duplicate keys
are found by walking that tree, and values are built from the same tree.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser; the pure-Python one gives the same nodes, only slower
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose impossible dates (2026-02-30) stay text for the model to reject."""


def _lenient_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)

PathKey = tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data file, located as precisely as possible."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class YamlDocument:
    """Parsed data and where each value stands in the file (1-based line and column)."""

    file: str
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: PathKey) -> tuple[int, int]:
        """Position of the value at `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


class YamlSyntaxError(Exception):
    """The file is not valid YAML, or repeats a key; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def format_path(path: PathKey) -> str:
    """('codes', 2, 'billing', 'basis') -> 'codes[2].billing.basis'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _walk(node: yaml.Node, path: PathKey, doc: YamlDocument, problems: list[Problem]) -> None:
    doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(
                    doc.file, line, key_node.start_mark.column + 1, format_path(path + (key,)),
                    f"duplicate key '{key}' (first given on line {seen[key]}); "
                    "each key may appear only once in a mapping",
                ))
                continue
            seen[key] = line
            # The key's own position is more useful than its value's for messages
            # such as "unknown field", so record the key and then its value below it.
            _walk(value_node, path + (key,), doc, problems)
            doc.positions[path + (key,)] = (line, key_node.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), doc, problems)


def parse_yaml_text(text: str, file: str) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError listing every problem found."""
    doc = YamlDocument(file=file, data=None)
    loader = _Loader(text)
    # Building hundreds of thousands of nodes makes the cyclic collector rescan an ever
    # larger heap; nothing built here is garbage yet, so pause it while parsing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlSyntaxError([Problem(file, 1, 1, "", "the file is empty")])
        problems: list[Problem] = []
        _walk(node, (), doc, problems)
        if problems:
            raise YamlSyntaxError(problems)
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise YamlSyntaxError([Problem(file, line, column, "", f"invalid YAML: {reason}")]) from None
    except yaml.YAMLError as error:  # errors without a position (rare)
        raise YamlSyntaxError([Problem(file, 1, 1, "", f"invalid YAML: {error}")]) from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return doc


def read_yaml_file(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read and parse a YAML file; messages name it as `display_name` (default: its path)."""
    return parse_yaml_text(Path(path).read_text(encoding="utf-8"), display_name or str(path))
