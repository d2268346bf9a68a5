"""Records from a YAML list, read with YAML 1.2 core rules and the record limits.

PyYAML follows YAML 1.1, where ``1:30`` is the number 90, ``0x10`` is 16,
``yes`` is true and ``2026-01-01`` a date object.  Records read here follow
the YAML 1.2 core rules instead, narrowed to what JSON and CSV give: a plain
scalar is null (``null``, ``~``, empty), a boolean (``true``, ``false``), a
decimal integer (exact, of any size), a finite decimal number, and anything
else is text: ``1:30``, ``0x10``, ``0o17``, ``yes``, ``.inf`` and dates stay
strings (a declared date field still reads ``2026-01-01``).  Keys must be
text and appear once per mapping.  Each record is built node by node,
aliases followed, at most :data:`MAX_RECORD_VALUES` values and
:data:`MAX_RECORD_DEPTH` levels deep.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from policyscore.errors import InputError, RecordError
from policyscore.io.recordlimits import MAX_RECORD_DEPTH, MAX_RECORD_VALUES, value_problem

__all__ = ["yaml_items"]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader with YAML 1.2 core scalar rules (decimal numbers only)."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _pattern, _first in [
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (_FLOAT, r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Reject(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _scalar(node: ScalarNode) -> Any:
    tag, text = node.tag, node.value
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() == "true"
    if tag == _INT:
        try:
            return int(text)
        except ValueError as exc:  # an explicit !!int that is not decimal, or more than 4300 digits
            raise _Reject(f"{text[:40]!r} is not a whole number this reader accepts: {value_problem(exc)}") from None
    if tag == _FLOAT:
        try:
            value = float(text)
        except ValueError:
            raise _Reject(f"{text[:40]!r} is not a decimal number") from None
        if not math.isfinite(value):
            raise _Reject(f"{text[:40]!r} is not a finite number")
        return value
    raise _Reject(f"the tag {tag} is not supported in records")


def _expanded(node: Node, depth: int, sizes: dict[tuple[int, int], int]) -> int:
    """How many values ``node`` holds with aliases followed (down to the depth limit), at most
    ``MAX_RECORD_VALUES + 1``.  ``sizes`` remembers each node's count for the whole file, so records
    that share an anchor cost its size once, not once per record (a small file of aliases to a large
    anchor would otherwise expand it again and again)."""
    key = (id(node), depth)
    if key in sizes:
        return sizes[key]
    sizes[key] = MAX_RECORD_VALUES + 1  # a node that holds itself counts as too many
    total = 1
    if depth <= MAX_RECORD_DEPTH and isinstance(node, (SequenceNode, MappingNode)):
        children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
        for child in children:
            total += _expanded(child, depth + 1, sizes)
            if total > MAX_RECORD_VALUES:
                break
    sizes[key] = min(total, MAX_RECORD_VALUES + 1)
    return sizes[key]


class _Builder:
    """Builds one record as plain data, counting values and levels."""

    def __init__(self) -> None:
        self.values = 0

    def build(self, node: Node, depth: int, where: str) -> Any:
        self.values += 1
        if self.values > MAX_RECORD_VALUES:
            raise _Reject(f"the record holds more than {MAX_RECORD_VALUES:,} values (aliases followed)")
        if depth > MAX_RECORD_DEPTH:
            raise _Reject(f"the record is nested more than {MAX_RECORD_DEPTH} levels deep")
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise _Reject(f"the tag {node.tag} is not supported in records")
            return [self.build(item, depth + 1, f"{where}[{i}]") for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                raise _Reject(f"the tag {node.tag} is not supported in records")
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, ScalarNode) or knode.tag != _STR:
                    shown = knode.value if isinstance(knode, ScalarNode) else "that is a list or mapping"
                    raise _Reject(f"the key {shown}{' in ' + where if where else ''} must be text; quote it")
                key = knode.value
                if key in out:
                    raise _Reject(f"the key {key!r}{' in ' + where if where else ''} appears twice")
                out[key] = self.build(vnode, depth + 1, f"{where}.{key}" if where else key)
            return out
        raise _Reject("the record holds a node YAML cannot build")  # pragma: no cover


def yaml_items(text: str, name: str) -> Iterator[tuple[int, Any, Any]]:
    """(line, record or RecordError, raw) for each item of the YAML list in ``text``."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
            raise InputError(f"{where}: not valid YAML: {exc.problem or exc.context}", code="PS506") from None
        except yaml.YAMLError as exc:
            raise InputError(f"{name}: not valid YAML: {exc}", code="PS506") from None
        if node is None:
            return
        if not isinstance(node, SequenceNode):
            kind = "a mapping" if isinstance(node, MappingNode) else "a single value"
            raise InputError(f"{name}: expected a YAML list of records (one per customer), got {kind}", code="PS507")
        sizes: dict[tuple[int, int], int] = {}
        for item in node.value:
            line = item.start_mark.line + 1
            try:
                if _expanded(item, 1, sizes) > MAX_RECORD_VALUES:
                    raise _Reject(f"the record holds more than {MAX_RECORD_VALUES:,} values (aliases followed)")
                value = _Builder().build(item, 1, "")
            except _Reject as exc:
                raw = _id_only(item)
                yield line, RecordError(f"the record cannot be read as YAML: {exc.message}", code="PS510"), raw
                continue
            yield line, value, value
    finally:
        loader.dispose()


def _id_only(item: Node) -> dict[str, Any] | None:
    """The text scalars at the top of a rejected record, so its error can name its id."""
    if not isinstance(item, MappingNode):
        return None
    out: dict[str, Any] = {}
    for knode, vnode in item.value:
        if isinstance(knode, ScalarNode) and knode.tag == _STR and isinstance(vnode, ScalarNode):
            try:
                out.setdefault(knode.value, _scalar(vnode))
            except _Reject:
                continue
    return out
