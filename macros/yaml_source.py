"""Read a YAML file into plain Python data plus the line and column of every value.

PyYAML silently keeps the last of two equal mapping keys; a data file edited by many
hands must refuse that instead. The file is parsed once, with the C parser when
available (about seven times faster on large files), into a node tree; duplicate keys
are found by walking that tree, and values are built from the same tree.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


# Control characters in a key or value quoted back in a message would let data write
# its own lines into a build log (a fake "::error" annotation in CI, say): show them
# escaped instead.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with every control character written as an escape (newline -> \\n)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data file, located as precisely as possible."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __post_init__(self) -> None:
        # Every message passes through here, so this is the one place that escapes.
        object.__setattr__(self, "field", printable(self.field))
        object.__setattr__(self, "message", printable(self.message))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class YamlDocument:
    """Parsed data and where each value stands in the file (1-based line and column).

    Where the values of a file read without problems stand is worked out on first use,
    by reading the text once more: only a message about the data, or a link to a record
    deeper than the file's second level, needs it, and recording the position of each of
    a large file's hundreds of thousands of values cost as much as building them. The
    positions of the first two levels (each record of each list) are kept from the first
    reading."""

    def __init__(self, file: str, data: Any, text: str | None = None,
                 shallow: dict[PathKey, tuple[int, int]] | None = None):
        self.file = file
        self.data = data
        self._text = text  # set until the positions are worked out from it
        self._shallow = shallow or {}
        self._positions: dict[PathKey, tuple[int, int]] = {}
        # The text as typed for values YAML did not read as text (yes -> True, 0123 -> 83),
        # so a message can quote what the contributor wrote.
        self._raw: dict[PathKey, str] = {}
        self.keys: dict[PathKey, tuple[int, int]] = {}

    @property
    def positions(self) -> dict[PathKey, tuple[int, int]]:
        self._locate()
        return self._positions

    @property
    def raw(self) -> dict[PathKey, str]:
        self._locate()
        return self._raw

    def position(self, path: PathKey) -> tuple[int, int]:
        """Position of the value at `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        if path in self._shallow:
            return self._shallow[path]
        positions = self.positions
        while path not in positions and path:
            path = path[:-1]
        return positions.get(path, (1, 1))

    def _locate(self) -> None:
        """Record every value's position (and raw text) from the text, if not done yet."""
        if self._text is None:
            return
        text, self._text = self._text, None
        loader = _Loader(text)
        try:
            with collector_paused():
                _walk(loader.get_single_node(), self, [], None)
        finally:
            loader.dispose()


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


# Real records nest about eight levels deep; anything far deeper is a mistake (or an
# attempt to exhaust the parser), reported instead of followed.
MAX_DEPTH = 32
_TEXT_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
_LIST_TAG = "tag:yaml.org,2002:seq"


def _walk(root: yaml.Node, doc: YamlDocument, problems: list[Problem], loader: yaml.SafeLoader | None) -> Any:
    """Record every value's position; refuse duplicate keys, non-text keys, merge keys,
    aliases and runaway nesting. Iterative, and each node is visited once, so neither
    deep nesting nor an alias bomb can exhaust the stack or the memory.

    Returns the data the file holds, built in the same pass (meaningful only when no
    problem was found): text, mappings and lists directly, which is nearly all of the file
    and what PyYAML's constructor spends most of its time on; every other value (numbers,
    booleans, dates, explicitly tagged values) by the loader's own constructors once the
    walk is done, in document order, so they come out exactly as construct_document makes
    them and a value the loader refuses is reported only after the problems above.
    Without a loader, nothing is built: the walk only locates the values."""
    visited: dict[int, PathKey] = {}
    repeated: dict[int, tuple[yaml.Node, int]] = {}
    # The value of a node goes to container[slot]; None: it is built as part of its parent.
    top: list[Any] = [None]
    stack: list[tuple[yaml.Node, PathKey, Any, Any]] = [(root, (), top if loader is not None else None, 0)]
    by_loader: list[tuple[yaml.Node, Any, Any]] = []
    while stack:
        node, path, container, slot = stack.pop()
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if id(node) in visited:  # an alias: the parser hands back the anchored node itself
            repeated[id(node)] = (node, repeated.get(id(node), (node, 0))[1] + 1)
            continue
        visited[id(node)] = path
        doc._positions[path] = (line, column)
        if len(path) > MAX_DEPTH:
            problems.append(Problem(doc.file, line, column, format_path(path[:4]) + "...",
                                    f"the data nests more than {MAX_DEPTH} levels deep here; records are a few "
                                    "levels deep: check the indentation and brackets"))
            continue
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _TEXT_TAG:
                doc._raw[path] = node.value
                if container is not None:
                    by_loader.append((node, container, slot))
            elif container is not None:
                container[slot] = node.value
        elif isinstance(node, yaml.MappingNode):
            value = _new_container(node, _MAP_TAG, {}, container, slot, by_loader)
            seen: dict[Any, int] = {}
            children = []
            for key_node, value_node in node.value:
                key_line, key_column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                if key_node.tag == _MERGE_TAG:
                    problems.append(Problem(doc.file, key_line, key_column, format_path(path),
                                            "merge keys (<<) are not allowed here: write every field of the "
                                            "record out in full"))
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.append(Problem(doc.file, key_line, key_column, format_path(path),
                                            "a key must be a plain word such as 'title', not a list or mapping "
                                            "(a line starting with '? ' makes a complex key)"))
                    continue
                key = key_node.value
                if key_node.tag != _TEXT_TAG:
                    problems.append(Problem(doc.file, key_line, key_column, format_path(path + (key,)),
                                            f"YAML does not read the unquoted key '{key}' as a field name (words "
                                            "such as on, off, yes, no and numbers become other values): check "
                                            "the field's name, or put it in quotes"))
                    continue
                if key in seen:
                    problems.append(Problem(
                        doc.file, key_line, key_column, format_path(path + (key,)),
                        f"duplicate key '{key}' (first given on line {seen[key]}); "
                        "each key may appear only once in a mapping",
                    ))
                    continue
                seen[key] = key_line
                if value is not None:
                    value[key] = None  # keeps the keys in file order; the walk fills in the value
                children.append((value_node, path + (key,), value, key))
            stack.extend(reversed(children))
            _key_positions(node, path, doc)  # they win over the values' once the walk is done
        elif isinstance(node, yaml.SequenceNode):
            value = _new_container(node, _LIST_TAG, [None] * len(node.value), container, slot, by_loader)
            stack.extend((item, path + (index,), value, index) for index, item in reversed(list(enumerate(node.value))))
    for node, count in repeated.values():
        problems.append(Problem(doc.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                format_path(visited[id(node)]),
                                f"this value has an anchor (&name) and is repeated by {count} alias"
                                f"{'es' if count > 1 else ''} (*name): anchors and aliases are not allowed in "
                                "this file; write each value out in full"))
    # A key's own position is more useful than its value's for messages such as
    # "unknown field".
    doc._positions.update(doc.keys)
    if not problems and loader is not None:
        for node, container, slot in by_loader:
            container[slot] = loader.construct_object(node, deep=True)
    return top[0]


class _NeedsWalk(Exception):
    """The quick reading met something only the full walk reports (or may report)."""


# Positions kept from the quick reading: the file's top-level keys and the items of their
# lists (each record), which links to a record in the data file use.
_SHALLOW_DEPTH = 2


def _build(root: yaml.Node, loader: yaml.SafeLoader, shallow: dict[PathKey, tuple[int, int]]) -> Any:
    """The data of a file that has none of the problems _walk refuses, built like _walk
    builds it but without recording each value's path, position and raw text (see
    YamlDocument); records the positions of the first _SHALLOW_DEPTH levels in `shallow`,
    the way _walk would (a key's position for a mapping's value). At the first thing _walk
    would refuse (an alias, a key that is not plain text, a repeated key, runaway nesting)
    it raises _NeedsWalk, and the caller walks the file to report every problem."""
    visited: set[int] = set()
    top: list[Any] = [None]
    # (node, depth, its path while within the shallow levels, where its value goes)
    stack: list[tuple[yaml.Node, int, PathKey | None, Any, Any]] = [(root, 0, (), top, 0)]
    shallow[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
    by_loader: list[tuple[yaml.Node, Any, Any]] = []
    while stack:
        node, depth, path, container, slot = stack.pop()
        if id(node) in visited or depth > MAX_DEPTH:
            raise _NeedsWalk
        visited.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if container is None:
                continue
            if node.tag == _TEXT_TAG:
                container[slot] = node.value
            else:
                by_loader.append((node, container, slot))
        elif isinstance(node, yaml.MappingNode):
            value = _new_container(node, _MAP_TAG, {}, container, slot, by_loader)
            keys = value if value is not None else {}
            children = []
            for key_node, value_node in node.value:
                if key_node.tag != _TEXT_TAG or not isinstance(key_node, yaml.ScalarNode):
                    raise _NeedsWalk
                key = key_node.value
                if key in keys:
                    raise _NeedsWalk
                keys[key] = None  # keeps the keys in file order; the value is filled in below
                children.append((value_node, depth + 1, _shallow_child(path, depth, key, key_node, shallow),
                                 value, key))
            stack.extend(reversed(children))
        elif isinstance(node, yaml.SequenceNode):
            value = _new_container(node, _LIST_TAG, [None] * len(node.value), container, slot, by_loader)
            children = [(item, depth + 1, _shallow_child(path, depth, index, item, shallow), value, index)
                        for index, item in enumerate(node.value)]
            stack.extend(reversed(children))
    for node, container, slot in by_loader:
        container[slot] = loader.construct_object(node, deep=True)
    return top[0]


def _shallow_child(path: PathKey | None, depth: int, step: Any, marked: yaml.Node,
                   shallow: dict[PathKey, tuple[int, int]]) -> PathKey | None:
    """The path of a child (key or index `step`) while within the shallow levels, its
    position (that of `marked`: the key for a mapping's value) recorded in `shallow`;
    None deeper down."""
    if path is None or depth >= _SHALLOW_DEPTH:
        return None
    child = path + (step,)
    shallow[child] = (marked.start_mark.line + 1, marked.start_mark.column + 1)
    return child


def _new_container(node: yaml.Node, plain_tag: str, empty: Any, container: Any, slot: Any,
                   by_loader: list[tuple[yaml.Node, Any, Any]]) -> Any:
    """The empty dict or list a plain mapping or list is built into, placed in its parent;
    None when the node is built otherwise: by its parent, or by the loader (an explicit
    tag such as !!set or !!omap, left to the loader whole)."""
    if container is None:
        return None
    if node.tag != plain_tag:
        by_loader.append((node, container, slot))
        return None
    container[slot] = empty
    return empty


def _key_positions(node: yaml.MappingNode, path: PathKey, doc: YamlDocument) -> None:
    """Positions of a mapping's keys, which win over their values' positions."""
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            doc.keys[path + (key_node.value,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)


def _syntax_hint(problem: str, context: str, text: str, line: int) -> str:
    """A plain explanation of the commonest YAML mistakes, for people who do not write YAML daily."""
    near = _field_near(text, line)
    where = f" (near the field '{near}')" if near else ""
    if "'\\t'" in problem or "\t" in problem or "tab" in problem:
        return f"a tab character{where}: indent with spaces only (two per level), never tabs"
    if "mapping values are not allowed" in problem:
        return (f"a colon followed by a space inside unquoted text, or a line indented too far{where}: put text "
                "that contains ': ' in quotes, or line the key up with the keys above it")
    if "expected <block end>" in problem or "did not find expected key" in problem or \
            "did not find expected '-'" in problem:
        return f"this line does not line up with the lines above it{where}: check its indentation (spaces only)"
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return f"an alias (*name) with no anchor{where}: aliases are not allowed here; write the value out in full"
    if "found character that cannot start any token" in problem:
        return (f"a character that cannot start a value{where} (such as '@', '`' or '%'): put the text in quotes")
    if "maximum nesting depth" in problem:
        return f"the data nests about a thousand levels deep{where}: check the brackets and indentation"
    if "flow sequence" in context:
        return f"a list in square brackets is not closed, or its items are not separated by commas{where}"
    if "flow mapping" in context:
        return f"a mapping in braces is not closed, or its entries are not separated by commas{where}"
    if "while scanning a quoted scalar" in context or "found unexpected end of stream" in problem:
        return f"a quotation mark is opened but never closed{where}"
    return f"the file is not valid YAML{where}: {context + ' ' if context else ''}{problem}".rstrip()


_FIELD_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:")


def _field_near(text: str, line: int) -> str | None:
    """The nearest field name at or above a 1-based line."""
    lines = text.splitlines()
    for index in range(min(line, len(lines)) - 1, max(-1, line - 40), -1):
        match = _FIELD_LINE.match(lines[index])
        if match:
            return match.group(1)
    return None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large structure that is not
    garbage: each of its collections rescans an ever larger heap for cycles there are none
    of. Used while parsing and validating the data file (at 3000 codes, validation took
    three times as long with the collector running). Nests; the collector's previous state
    comes back however the block ends."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def parse_yaml_text(text: str, file: str) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError listing every problem found."""
    loader = _Loader(text)
    try:
        with collector_paused():
            node = loader.get_single_node()
            if node is None:
                raise YamlSyntaxError([Problem(file, 1, 1, "", "the file is empty")])
            shallow: dict[PathKey, tuple[int, int]] = {}
            try:
                return YamlDocument(file, _build(node, loader, shallow), text, shallow)
            except _NeedsWalk:
                pass
            doc = YamlDocument(file, None)
            problems: list[Problem] = []
            data = _walk(node, doc, problems, loader)
            if problems:
                raise YamlSyntaxError(problems)
            doc.data = data
            return doc
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        # The construct that was left open (a bracket, a quote) names the field better.
        near = error.context_mark.line + 1 if error.context_mark else line
        hint = _syntax_hint(str(error.problem or ""), str(error.context or ""), text, near)
        raise YamlSyntaxError([Problem(file, line, column, "", hint)]) from None
    except yaml.YAMLError as error:  # errors without a position (rare)
        raise YamlSyntaxError([Problem(file, 1, 1, "", f"the file is not valid YAML: {error}")]) from None
    except RecursionError:  # nesting deeper than the parser's own stack (thousands of levels)
        raise YamlSyntaxError([Problem(file, 1, 1, "", "the data nests thousands of levels deep: check the "
                                       "brackets and indentation")]) from None
    finally:
        loader.dispose()


def decode_utf8(data: bytes, file: str) -> str:
    """The file's text; bytes that are not UTF-8 are reported with their line and column."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        raise YamlSyntaxError([Problem(file, line, column, "", (
            f"byte 0x{data[error.start]:02x} is not valid UTF-8 text: save the file as UTF-8 in your editor "
            "(this often happens after pasting from a word processor or a PDF)"))]) from None
    return text.removeprefix("\ufeff")


def read_yaml_file(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read and parse a YAML file; messages name it as `display_name` (default: its path)."""
    name = display_name or str(path)
    return parse_yaml_text(decode_utf8(Path(path).read_bytes(), name), name)
