"""YAML source with positions.

The policy text is composed into PyYAML's node tree once; walking it builds the
plain data *and* an index from every path (the same tuples jsonschema's
``error.absolute_path`` gives) to the span of the key and of the value.
Duplicate keys are reported here.  PyYAML counts lines and columns from 0; this
module is the only place that converts them to the 1-based positions used
everywhere else.

Aliases are expanded while walking, so the walk counts every node it builds:
past :data:`MAX_NODES` (an "alias bomb" of a few hundred bytes expands to
billions) or deeper than :data:`MAX_DEPTH` it stops with a diagnostic.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from policyscore.errors import Diagnostic, Span, clipped, printable
from policyscore.policyfile.scalarpos import flow_offsets

__all__ = ["SourceIndex", "load_yaml", "read_source", "decode_source", "check_size", "Path", "MAX_NODES", "MAX_DEPTH", "MAX_SOURCE_BYTES"]

Path = tuple[Any, ...]

#: The most values (mappings, lists and scalars, aliases expanded) one file may hold.
MAX_NODES = 200_000
#: The deepest nesting of mappings and lists in one file.
MAX_DEPTH = 64


class _TooBig(Exception):
    def __init__(self, message: str, node: Node):
        super().__init__(message)
        self.message = message
        self.node = node


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def check_size(root: Node) -> None:
    """Raise :class:`_TooBig` when ``root`` expands (aliases followed) to more than :data:`MAX_NODES` values.

    Each distinct node is measured once, so a bomb is caught before anything is built.
    The report points at the biggest value that is too big while its parts are not.
    """
    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in size:
            continue
        if not done:
            if key in open_:
                continue  # a recursive alias: the depth limit stops it while walking
            open_.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node) if id(child) not in size)
            continue
        open_.discard(key)
        size[key] = 1 + sum(size.get(id(child), 0) for child in _children(node))
    if size[id(root)] <= MAX_NODES:
        return
    node = root
    while True:
        bigger = [child for child in _children(node) if size.get(id(child), 0) > MAX_NODES]
        if not bigger:
            break
        node = bigger[0]
    raise _TooBig(
        f"this value expands to {size[id(node)]:,} values (aliases followed); the limit for a file is {MAX_NODES:,}",
        node,
    )


def _span(file: str | None, start: Any, end: Any) -> Span:
    return Span(file, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _start_of(file: str | None, node: Node) -> Span:
    """The first character of ``node``."""
    return Span(file, node.start_mark.line + 1, node.start_mark.column + 1, node.start_mark.line + 1, node.start_mark.column + 2)


@dataclass(frozen=True, slots=True)
class _Entry:
    node: Node
    key_node: Node | None


_MERGE = "tag:yaml.org,2002:merge"
#: Plain scalars YAML 1.1 reads as booleans, which surprise authors who meant text (`NO` for Norway).
YAML11_BOOLEANS = frozenset({"y", "yes", "n", "no", "on", "off"})


class SourceIndex:
    """Maps data paths to positions in the YAML text."""

    def __init__(self, file: str | None, text: str):
        self.file = file
        self.text = text
        self._entries: dict[Path, _Entry] = {}

    def _add(self, path: Path, node: Node, key_node: Node | None) -> None:
        self._entries[path] = _Entry(node, key_node)

    def __contains__(self, path: Path) -> bool:
        return tuple(path) in self._entries

    def is_plain(self, path: Path) -> bool:
        """Whether the value at ``path`` is a scalar written without quotes (YAML decided its type)."""
        entry = self._entries.get(tuple(path))
        return entry is not None and isinstance(entry.node, ScalarNode) and not entry.node.style

    def boolean_hint(self, path: Path) -> str | None:
        """When the value at ``path`` (or an item of it) is a YAML 1.1 boolean word written unquoted, say so."""
        entry = self._entries.get(tuple(path))
        if entry is None:
            return None
        nodes = entry.node.value if isinstance(entry.node, SequenceNode) else [entry.node]
        for node in nodes:
            if isinstance(node, ScalarNode) and not node.style and node.value.lower() in YAML11_BOOLEANS:
                word = node.value
                value = "true" if word.lower() in ("y", "yes", "on") else "false"
                return f"YAML reads an unquoted {word} as the boolean {value}; write '{word}' in quotes if you mean the text"
        return None

    def value_span(self, path: Path) -> Span | None:
        """Span of the value at ``path`` (or of its nearest ancestor that exists)."""
        path = tuple(path)
        while path not in self._entries and path:
            path = path[:-1]
        entry = self._entries.get(path)
        if entry is None:
            return None
        node = entry.node
        if isinstance(node, (MappingNode, SequenceNode)) and entry.key_node is not None:
            # A block collection's span starts on the next line; point at its key.
            return _span(self.file, entry.key_node.start_mark, entry.key_node.end_mark)
        return _span(self.file, node.start_mark, node.end_mark)

    def key_span(self, path: Path) -> Span | None:
        """Span of the key naming the value at ``path`` (falls back to the value)."""
        entry = self._entries.get(tuple(path))
        if entry is not None and entry.key_node is not None:
            return _span(self.file, entry.key_node.start_mark, entry.key_node.end_mark)
        return self.value_span(path)

    def expr_span(self, path: Path, start: int, end: int) -> Span | None:
        """Span in the file of characters ``start:end`` of the string value at ``path``.

        Works for plain, quoted, literal (``|``) and folded (``>``) scalars by
        aligning the decoded value with the raw text between the node's marks.
        """
        entry = self._entries.get(tuple(path))
        if entry is None or not isinstance(entry.node, ScalarNode):
            return self.value_span(path)
        node = entry.node
        value = node.value
        raw = self.text[node.start_mark.index : node.end_mark.index]
        base_line, base_col = node.start_mark.line, node.start_mark.column
        if node.style in ("|", ">"):  # no escapes: every character is written as itself
            offsets = [(j, j + 1) for j in _align(value, raw)]
        else:
            found = flow_offsets(raw, value, node.style)
            if found is None:  # no exact answer: the start of the value rather than a wrong column
                return _start_of(self.file, node)
            offsets = found

        def locate(j: int) -> tuple[int, int]:
            prefix = raw[:j]
            nl = prefix.count("\n")
            if nl == 0:
                return base_line + 1, base_col + j + 1
            return base_line + nl + 1, j - prefix.rfind("\n")

        if not offsets:
            return _start_of(self.file, node)
        first = offsets[min(max(start, 0), len(offsets) - 1)][0] if start < len(offsets) else offsets[-1][1]
        line, col = locate(first)
        if end > start and start < len(offsets):
            eline, ecol = locate(offsets[min(end, len(offsets)) - 1][1] - 1)
            ecol += 1
        else:
            eline, ecol = line, col + 1
        return Span(self.file, line, col, eline, ecol)


def _align(value: str, raw: str) -> list[int]:
    """For each character of ``value``, its index in ``raw`` (greedy match)."""
    out: list[int] = []
    j = 0
    n = len(raw)
    for ch in value:
        k = j
        while k < n:
            r = raw[k]
            if r == ch or (ch in " \n" and r in " \n"):
                break
            k += 1
        if k >= n:
            # Escapes we cannot align: stay on the last known position.
            out.append(min(j, n - 1) if n else 0)
            continue
        out.append(k)
        j = k + 1
    return out


#: The largest policy or policy test file read (a policy of 3,000 factors is well under 1 MB).
MAX_SOURCE_BYTES = 10 * 1024 * 1024


def read_source(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a policy or test file; past :data:`MAX_SOURCE_BYTES` an ``OSError`` saying so (``/dev/zero``
    never ends: it is read no further than the limit)."""
    with open(path, "rb") as stream:
        data = stream.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise OSError(errno.EFBIG, f"it holds more than {MAX_SOURCE_BYTES:,} bytes, the limit for a policy or test file", str(path))
    return data


def decode_source(name: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """The text of a YAML file (a byte order mark dropped), or None and why it is not UTF-8 (PS002): where the first
    byte that is not is (its column counts characters), or that the file is UTF-16."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None, [Diagnostic("PS002", "the file is UTF-16, not UTF-8: save it as UTF-8", Span(name, 1, 1, 1, 2))]
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[start : exc.start].decode("utf-8", errors="replace")) + 1
        message = f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})"
        return None, [Diagnostic("PS002", message, Span(name, line, col, line, col + 1))]
    return (text[1:] if text.startswith("\ufeff") else text), []


def _reader_error(exc: yaml.reader.ReaderError, text: str, file: str | None) -> Diagnostic:
    """A character YAML does not allow, at its line and column."""
    before = text[: exc.position]
    lines = _BREAK.split(before)
    line, col = len(lines), len(lines[-1]) + 1
    what = printable(chr(exc.character)) if isinstance(exc.character, int) else printable(exc.character)
    code = f" (U+{exc.character:04X})" if isinstance(exc.character, int) else ""
    message = f"YAML error: the character '{what}'{code} is not allowed ({exc.reason})"
    return Diagnostic("PS101", message, Span(file, line, col, line, col + 1))


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


# libyaml's composer gives the same nodes and marks (character offsets) and is much faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Builder(SafeConstructor):
    pass


def load_yaml(text: str, file: str | None) -> tuple[Any, SourceIndex, list[Diagnostic]]:
    """Parse ``text``; return (data, index, diagnostics).

    Data is None when the YAML itself cannot be parsed.  Duplicate keys are
    diagnostics (the later value is kept so checking can go on).
    """
    index = SourceIndex(file, text)
    diags: list[Diagnostic] = []
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
        if not nodes:
            return None, index, diags
        if len(nodes) > 1:
            second = nodes[1]
            diags.append(
                Diagnostic(
                    "PS101",
                    "this file must hold one YAML document, found several (a line with --- starts another)",
                    _span(file, second.start_mark, second.end_mark),
                )
            )
        check_size(nodes[0])
        data = _walk(nodes[0], (), None, index, _Builder(), diags, file)
    except _TooBig as exc:
        diags.append(Diagnostic("PS104", exc.message, _span(file, exc.node.start_mark, exc.node.start_mark)))
        return None, SourceIndex(file, text), diags
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = None
        if mark is not None:
            span = Span(file, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)
        problem = (exc.problem or "invalid YAML").strip()
        if exc.context:
            problem = f"{problem} ({exc.context})"
        diags.append(Diagnostic("PS101", f"YAML syntax error: {problem}", span))
        return None, index, diags
    except yaml.reader.ReaderError as exc:  # a control character
        diags.append(_reader_error(exc, text, file))
        return None, index, diags
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        # Scalars PyYAML cannot build (a date like 2026-02-30).
        diags.append(Diagnostic("PS101", f"YAML error: {exc}", Span(file, 1, 1, 1, 2)))
        return None, index, diags
    return data, index, diags


def _walk(
    node: Node,
    path: Path,
    key_node: Node | None,
    index: SourceIndex,
    builder: SafeConstructor,
    diags: list[Diagnostic],
    file: str | None,
) -> Any:
    if len(path) > MAX_DEPTH:
        raise _TooBig(f"mappings and lists are nested more than {MAX_DEPTH} levels deep", node)
    index._add(path, node, key_node)
    if isinstance(node, MappingNode):
        # Keys written in this mapping (not brought in by a `<<` merge): one of them may override a merged
        # key, as YAML defines, but two of them may not repeat each other.
        own = {id(k) for k, _ in node.value if not (isinstance(k, ScalarNode) and k.tag == _MERGE)}
        builder.flatten_mapping(node)
        out: dict[Any, Any] = {}
        seen: dict[Any, Node] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, ScalarNode):  # checked before building: a key may be an alias bomb
                diags.append(Diagnostic("PS110", "a mapping key must be a plain value", _span(file, knode.start_mark, knode.end_mark)))
                continue
            key = builder.construct_object(knode, deep=True)
            if key in seen and (id(knode) not in own or id(seen[key]) not in own):
                pass  # a merged key, overridden: the later value wins
            elif key in seen:
                first = seen[key]
                diags.append(
                    Diagnostic(
                        "PS102",
                        f"duplicate key {key!r} (first defined on line {first.start_mark.line + 1})",
                        _span(file, knode.start_mark, knode.end_mark),
                    )
                )
            seen[key] = knode
            out[key] = _walk(vnode, path + (key,), knode, index, builder, diags, file)
        return out
    if isinstance(node, SequenceNode):
        return [_walk(item, path + (i,), None, index, builder, diags, file) for i, item in enumerate(node.value)]
    try:
        return builder.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:  # e.g. an unquoted date that does not exist: 2026-02-30
        why = f"more than {sys.get_int_max_str_digits()} digits" if "int_max_str_digits" in str(exc) else str(exc)
        diags.append(Diagnostic("PS101", f"invalid value {clipped(node.value)!r}: {why}", _span(file, node.start_mark, node.end_mark)))
        return node.value
