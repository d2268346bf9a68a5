"""What a record read from a file may hold, checked before it reaches a policy.

A record must not be nested more than :data:`MAX_RECORD_DEPTH` levels, must
not repeat a key within one object, and must not hold a lone surrogate
(``"\\ud800"`` in JSON): each of these makes the record rejected, with a
message, instead of a crash or a silent choice later.  The JSON checks work on
the text of one record: strings are blanked out with one regular expression,
then the structure characters left are counted, which costs far less than
walking the decoded value.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from policyscore.errors import RecordError

__all__ = [
    "MAX_LINE_BYTES",
    "MAX_RECORD_DEPTH",
    "MAX_RECORD_VALUES",
    "canonical",
    "deep_json_error",
    "exact_json_needed",
    "json_record_problem",
    "value_end",
    "value_problem",
]

#: The longest line of a JSON Lines or CSV file, in bytes: a line this long or longer is one rejected record
#: (PS518), skipped to its end without being kept, so a file with no line ends (``/dev/zero``) cannot fill memory.
MAX_LINE_BYTES = 16 * 1024 * 1024

#: The deepest nesting of objects and lists in one record.
MAX_RECORD_DEPTH = 64
#: The most values (objects, lists and scalars, YAML aliases expanded) in one record.
MAX_RECORD_VALUES = 100_000

# A JSON string (with escapes), unrolled so that matching it never backtracks.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKETS = re.compile(r"[][{}]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# In orjson's output, a float of 1e18 or more: it may have been an integer beyond 64 bits in the input.
_BIG_FLOAT = re.compile(rb"e\+?(?:1[89]|[2-9][0-9]|[0-9]{3})")

try:  # optional: without it every record takes the exact path below
    import orjson as _orjson
except ImportError:  # pragma: no cover
    _orjson = None  # type: ignore[assignment]


def value_problem(exc: ValueError) -> str:
    """What a ``ValueError`` from reading a value says, in the words of records rather than of Python
    (an integer too long to read is named with the limit, without Python's advice on raising it)."""
    if "integer string conversion" in str(exc):
        return f"an integer of more than {sys.get_int_max_str_digits()} digits"
    return str(exc)


def canonical(value: Any) -> bytes | None:
    """``value`` as compact JSON (orjson), or None when orjson is missing or cannot write it
    (an integer beyond 64 bits, a lone surrogate)."""
    if _orjson is None:
        return None
    try:
        return _orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError
        return None


def exact_json_needed(canon: bytes) -> bool:
    """Whether orjson's reading (written back as ``canon``) may have turned a big integer into a float."""
    return _BIG_FLOAT.search(canon) is not None


def _depth(structure: str) -> int:
    """The deepest nesting in JSON text whose strings were removed."""
    deepest = level = 0
    for m in _BRACKETS.finditer(structure):
        if m.group() in "[{":
            level += 1
            deepest = max(deepest, level)
        else:
            level -= 1
    return deepest


def _pairs(value: Any) -> int:
    """How many key/value pairs all the objects in ``value`` hold."""
    total = 0
    stack = [value]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            total += len(cur)
            stack.extend(v for v in cur.values() if isinstance(v, (dict, list)))
        elif isinstance(cur, list):
            stack.extend(v for v in cur if isinstance(v, (dict, list)))
    return total


def _first_duplicate(text: str) -> str | None:
    """The first key repeated within one object of ``text``."""
    found: list[str] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen and not found:
                found.append(key)
            seen.add(key)
        return dict(pairs)

    try:
        json.JSONDecoder(object_pairs_hook=pairs_hook).raw_decode(text.lstrip())
    except (ValueError, RecursionError):
        return None
    return found[0] if found else None


def _lone_surrogate(value: Any) -> str | None:
    """A string in ``value`` that holds a lone surrogate (checked only when the text has such an escape)."""
    stack = [value]
    while stack:
        cur = stack.pop()
        if isinstance(cur, str):
            try:
                cur.encode("utf-8")
            except UnicodeEncodeError:
                return cur
        elif isinstance(cur, dict):
            stack.extend(cur.keys())
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return None


def deep_json_error() -> RecordError:
    return RecordError(f"the record is nested more than {MAX_RECORD_DEPTH} levels deep", code="PS515")


def _duplicate_error(text: str) -> RecordError:
    dup = _first_duplicate(text)
    shown = f" {dup!r}" if dup is not None else ""
    return RecordError(f"the record repeats the key{shown} in one object", code="PS516", field=dup)


def json_record_problem(text: str, value: Any, canon: bytes | None = None) -> RecordError | None:
    """Why the JSON record ``value`` decoded from ``text`` must be rejected, or None.

    ``canon`` is ``value`` written back by orjson, when the caller has it.  With
    it, and no ``\\u`` escape in the text, every check is a count of
    characters: ``value`` has no duplicate key exactly when the text has as
    many colons as ``canon`` (orjson writes each key once, and colons inside
    strings are in both); a surrogate could not have been written.
    """
    if canon is None:
        canon = canonical(value)
    if canon is not None and "\\u" not in text:
        if text.count("{") + text.count("[") > MAX_RECORD_DEPTH and _depth(_STRING.sub("", text)) > MAX_RECORD_DEPTH:
            return deep_json_error()
        if text.count(":") != canon.count(b":"):
            return _duplicate_error(text)
        return None
    structure = _STRING.sub("", text)
    opened = structure.count("{") + structure.count("[")
    if opened > MAX_RECORD_DEPTH and _depth(structure) > MAX_RECORD_DEPTH:
        return deep_json_error()
    colons = structure.count(":")
    pairs = len(value) if opened == 1 and isinstance(value, dict) else _pairs(value)
    if pairs != colons:
        return _duplicate_error(text)
    if _SURROGATE_ESCAPE.search(text) is not None:
        bad = _lone_surrogate(value)
        if bad is not None:
            shown = "".join(f"\\u{ord(c):04x}" if 0xD800 <= ord(c) <= 0xDFFF else c for c in bad[:60])
            return RecordError(f'the record holds a lone surrogate (not a character) in the text "{shown}"', code="PS517")
    return None


def value_end(text: str, start: int) -> int:
    """The index just past the JSON object or list that starts at ``start`` (strings skipped).

    Used to step over a record too deeply nested for the decoder; returns
    ``len(text)`` when the value never closes.
    """
    level = 0
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            m = _STRING.match(text, i)
            if m is None:
                return n
            i = m.end()
            continue
        if ch in "[{":
            level += 1
        elif ch in "]}":
            level -= 1
            if level == 0:
                return i + 1
        i += 1
    return n


def long_line_error() -> RecordError:
    """The error of a line of :data:`MAX_LINE_BYTES` or more."""
    return RecordError(
        f"the line holds {MAX_LINE_BYTES // (1024 * 1024)} MiB or more: too long for one customer record (it was skipped)",
        code="PS518",
    )
