"""Reading customer records from CSV, JSON, JSON Lines and YAML files (or stdin).

Records are read lazily, one at a time, each with the line it starts on.  A
file that cannot be read at all raises :class:`~policyscore.InputError`; a
record that cannot be used (a JSON line that does not parse, a CSV cell of the
wrong type, a missing or duplicate id) comes back as an :class:`Item` holding a
:class:`~policyscore.RecordError`, so the caller decides whether to stop or to
skip it.  Nothing is dropped silently.

All JSON decoding goes through :func:`loads` (and :func:`_array_items`), so a
faster JSON library can be swapped in at one place.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import IO, Any

from policyscore.errors import InputError, RecordError
from policyscore.io.recordlimits import (
    MAX_LINE_BYTES,
    canonical,
    deep_json_error,
    exact_json_needed,
    json_record_problem,
    long_line_error,
    value_end,
    value_problem,
)
from policyscore.io.seenids import SeenIds
from policyscore.io.yamlrecords import yaml_items
from policyscore.language.types import ANY, STRING, Type
from policyscore.policyfile.fields import FieldDecl, convert_text

__all__ = ["FORMATS", "Item", "Source", "open_source", "read_records", "loads", "format_of", "id_problem"]

FORMATS = ("csv", "json", "jsonl", "yaml")
_EXTENSIONS = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".yaml": "yaml", ".yml": "yaml"}
STDIN = "-"


# ---------------------------------------------------------------- JSON in one place


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)

try:  # optional at run time: the standard library gives the same results, more slowly
    import orjson as _orjson
except ImportError:  # pragma: no cover
    _orjson = None  # type: ignore[assignment]


def loads(text: str) -> Any:
    """Decode one JSON document (NaN and Infinity are refused).

    orjson decodes several times faster than the standard library; a document
    it refuses is decoded again by the standard library for its clearer message.
    Raises ``ValueError``, or ``RecursionError`` for a document nested too deeply.
    """
    return _decode(text)[0]


def _decode(text: str) -> tuple[Any, bytes | None]:
    """The value of ``text`` and, when orjson read it, the value written back compactly.

    A document that may have held an integer beyond 64 bits is decoded again
    by the standard library: orjson makes such an integer a float, and every
    other format keeps it exact.
    """
    if _orjson is not None:
        try:
            value = _orjson.loads(text)
        except _orjson.JSONDecodeError:
            pass  # decode again below, for the standard library's clearer message
        else:
            canon = canonical(value)
            if canon is not None and not exact_json_needed(canon):
                return value, canon
    return _DECODER.decode(text), None


_WS = " \t\n\r"


def _array_items(text: str) -> Iterator[tuple[int, Any]]:
    """The items of a JSON array, each with the line it starts on.

    ``text`` starts with ``[`` (after white space).  Raises ``ValueError`` (a
    ``json.JSONDecodeError`` when it has a position) when it is not valid JSON.
    An item that must be rejected (see :mod:`recordlimits`) comes as a
    :class:`RecordError`, or as ``(RecordError, value)`` when it could be decoded.
    """
    n = len(text)
    i = _skip(text, 0)
    assert text[i] == "["
    line, last = 1, 0
    i = _skip(text, i + 1)
    if i < n and text[i] == "]":
        end = _skip(text, i + 1)
        if end != n:
            raise json.JSONDecodeError("Extra data", text, end)
        return
    while True:
        line += text.count("\n", last, i)
        last = i
        try:
            value, end = _DECODER.raw_decode(text, i)
        except RecursionError:
            end = value_end(text, i)
            if end == n:
                raise json.JSONDecodeError("Unterminated value", text, i) from None
            yield line, deep_json_error()
        except json.JSONDecodeError:
            raise
        except ValueError as exc:  # well-formed, but a value JSON records cannot hold (NaN, a too long integer)
            end = value_end(text, i) if text[i] in "[{" else n
            if end == n:
                raise json.JSONDecodeError(value_problem(exc), text, i) from None
            yield line, (RecordError(f"not valid JSON: {value_problem(exc)}", code="PS510"), text[i:end])
        else:
            problem = json_record_problem(text[i:end], value)
            yield line, value if problem is None else (problem, value)
        i = _skip(text, end)
        if i < n and text[i] == ",":
            i = _skip(text, i + 1)
            continue
        if i < n and text[i] == "]":
            end = _skip(text, i + 1)
            if end != n:
                raise json.JSONDecodeError("Extra data", text, end)
            return
        raise json.JSONDecodeError("Expecting ',' delimiter", text, i)


def _skip(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in _WS:
        i += 1
    return i


# ---------------------------------------------------------------- sources


@dataclass(frozen=True)
class Source:
    """An opened records file (or stdin) and the format it is read as."""

    name: str
    format: str
    stream: IO[bytes]
    owned: bool = False  # a spool of standard input, closed (and so removed) with the source

    def close(self) -> None:
        if self.name != "<stdin>" or self.owned:
            self.stream.close()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def format_of(path: str, forced: str | None = None) -> str:
    """The input format: ``forced`` if given, else from the extension (stdin: JSON Lines)."""
    if forced:
        return forced
    if path == STDIN:
        return "jsonl"
    ext = os.path.splitext(path)[1].lower()
    if ext not in _EXTENSIONS:
        shown = ", ".join(sorted(_EXTENSIONS))
        what = f"extension '{ext}'" if ext else "no extension"
        raise InputError(
            f"{path}: cannot tell the records format from {what} (known: {shown}); use --input-format",
            code="PS503",
        )
    return _EXTENSIONS[ext]


def rereadable(source: Source) -> Source:
    """``source`` positioned at its start and readable again: standard input (or a pipe) is first
    copied to an unnamed temporary file, so a run may read its records twice."""
    try:
        seekable = source.stream.seekable()
    except (OSError, ValueError):
        seekable = False
    if seekable:
        source.stream.seek(0)
        return source
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - removed when closed; the OS removes it if the process dies
    shutil.copyfileobj(source.stream, spool, 1 << 20)
    spool.seek(0)
    return Source(source.name, source.format, spool, owned=True)


def digest(source: Source) -> str:
    """The sha256 of a rereadable source's bytes (it is left at its start)."""
    source.stream.seek(0)
    h = hashlib.sha256()
    for block in iter(lambda: source.stream.read(1 << 20), b""):
        h.update(block)
    source.stream.seek(0)
    return h.hexdigest()


def open_source(path: str, forced_format: str | None = None, stdin: IO[bytes] | None = None) -> Source:
    """Open ``path`` (``-`` for ``stdin``) for reading; raise :class:`InputError` when it cannot be."""
    if path == STDIN:
        if stdin is None:  # pragma: no cover - the CLI always passes it
            raise InputError("no standard input to read", code="PS501")
        return Source("<stdin>", format_of(path, forced_format), stdin)
    if os.path.isdir(path):
        raise InputError(f"{path} is a directory, not a records file", code="PS502")
    if not os.path.exists(path):
        raise InputError(f"records file not found: {path}", code="PS501")
    fmt = format_of(path, forced_format)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed by Source.close
    except FileNotFoundError:
        raise InputError(f"records file not found: {path}", code="PS501") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}", code="PS501") from None
    mode = os.fstat(stream.fileno()).st_mode
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):  # /dev/zero would be read for ever; a pipe or a FIFO is a stream of records
        stream.close()
        raise InputError(f"{path} is a device, not a records file (give '-' to read standard input)", code="PS501")
    return Source(path, fmt, stream)


# ---------------------------------------------------------------- items


@dataclass(frozen=True, slots=True)
class Item:
    """One record as read: the line it starts on, and the record or why it cannot be used."""

    line: int
    record: dict[str, Any] | None
    error: RecordError | None = None
    raw: Any = None


def read_records(source: Source, fields: Mapping[str, FieldDecl], id_field: str = "id") -> Iterator[Item]:
    """Every record of ``source``, lazily, in file order.

    ``fields`` are the policy's declared fields (CSV cells are converted to
    their types).  Each record must be an object with an id in ``id_field``
    (a string or a whole number) that no earlier record has.  Raises
    :class:`InputError` when the file cannot be read or holds no record.
    """
    reader = {"jsonl": _jsonl, "json": _json, "yaml": _yaml, "csv": lambda s: _csv(s, fields)}[source.format]
    seen = SeenIds()
    count = 0
    for line, value, raw in reader(source):
        count += 1
        if isinstance(value, RecordError):
            rid = raw.get(id_field) if isinstance(raw, dict) else None
            yield Item(line, None, value.located(row=line, source=source.name, record_id=rid or None), raw)
            continue
        error = _check(value, id_field, seen, line)
        if error is not None:
            rid = value.get(id_field) if isinstance(value, dict) else None
            rid = rid if isinstance(rid, (str, int)) and not isinstance(rid, bool) else None
            yield Item(line, None, error.located(row=line, source=source.name, record_id=rid), raw)
            continue
        yield Item(line, value, None, raw)
    if count == 0:
        raise InputError(f"{source.name}: no records found (the input is empty)", code="PS505")


def _check(value: Any, id_field: str, seen: SeenIds, line: int) -> RecordError | None:
    """Why a record cannot be used (not an object, no usable id, a duplicate id), or None; remembers its id."""
    if not isinstance(value, dict):
        return RecordError(f"a record must be an object, got {_kind(value)}", code="PS511", value=None)
    rid = value.get(id_field)
    if rid is None or rid == "":
        return RecordError(f"the record has no id (field '{id_field}')", code="PS512", field=id_field)
    problem = id_problem(rid, id_field)
    if problem is not None:
        return problem
    first = seen.add(rid, line)
    if first is not None:
        return RecordError(f"duplicate id {rid!r} (first seen on line {first})", code="PS513", field=id_field, value=rid)
    return None


def id_problem(rid: Any, id_field: str) -> RecordError | None:
    """Why ``rid`` (present, not null) cannot be an id: neither a string nor a whole number (PS512); None when it can."""
    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
        return RecordError(
            f"the id (field '{id_field}') must be a string or a whole number, got {_kind(rid)}",
            code="PS512",
            field=id_field,
            value=rid,
        )
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# ---------------------------------------------------------------- text


def _lines(source: Source) -> Iterator[tuple[int, str | None]]:
    """Decoded lines (with their line ending), numbered from 1; a leading BOM is dropped.

    A line of :data:`MAX_LINE_BYTES` or more is read to its end in pieces, not
    kept, and given as None: the caller rejects it as one record.
    """
    stream = source.stream
    for number, raw in enumerate(iter(partial(stream.readline, MAX_LINE_BYTES), b""), 1):
        if raw[-1] != 10 and len(raw) >= MAX_LINE_BYTES:  # 10: b"\n"
            while (rest := stream.readline(MAX_LINE_BYTES)) and rest[-1] != 10:
                pass
            yield number, None
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _not_utf8(source.name, raw, exc, number) from None
        if number == 1 and text.startswith("\ufeff"):
            text = text[1:]
        yield number, text


def _text(source: Source) -> str:
    data = source.stream.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        raise _not_utf8(source.name, data[start:], exc, line, exc.start - start) from None
    return text[1:] if text.startswith("\ufeff") else text


def _not_utf8(name: str, raw: bytes, exc: UnicodeDecodeError, line: int, offset: int | None = None) -> InputError:
    pos = exc.start if offset is None else offset
    if line == 1 and (raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff")):
        return InputError(f"{name}: the file is UTF-16; save it as UTF-8", code="PS504")
    column = len(raw[:pos].decode("utf-8", errors="replace")) + 1
    byte = raw[pos] if pos < len(raw) else 0
    return InputError(
        f"{name}:{line}: not valid UTF-8 (byte 0x{byte:02x} at column {column}); save the file as UTF-8",
        code="PS504",
    )


# ---------------------------------------------------------------- JSON Lines, JSON, YAML

Read = Iterator[tuple[int, Any, Any]]


def _jsonl(source: Source) -> Read:
    for number, text in _lines(source):
        if text is None:
            yield number, long_line_error(), None
            continue
        if not text.strip():
            continue
        try:
            value, canon = _decode(text)
        except ValueError as exc:
            yield number, RecordError(f"not valid JSON: {_json_problem(exc)}", code="PS510"), text.rstrip("\r\n")
            continue
        except RecursionError:
            yield number, deep_json_error(), None
            continue
        problem = json_record_problem(text, value, canon)
        yield number, value if problem is None else problem, value


def _json_problem(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (column {exc.colno})"
    return value_problem(exc)


def _json(source: Source) -> Read:
    text = _text(source)
    if not text.strip():
        return
    if text.lstrip(_WS)[:1] != "[":
        try:
            document = loads(text)
        except RecursionError:
            raise InputError(f"{source.name}: the JSON document is nested too deeply to read", code="PS506") from None
        except ValueError as exc:
            hint = ""
            if isinstance(exc, json.JSONDecodeError) and exc.msg == "Extra data" and text.lstrip().startswith("{"):
                hint = "; it looks like JSON Lines: use --input-format jsonl or the .jsonl extension"
            raise _bad_json(source.name, exc, hint) from None
        raise InputError(f"{source.name}: expected a JSON array of objects (one per customer), got {_kind(document)}", code="PS507")
    try:
        items = list(_array_items(text))  # the whole document is checked before any record is used
    except ValueError as exc:
        raise _bad_json(source.name, exc) from None
    for line, value in items:
        if isinstance(value, tuple):
            yield line, value[0], value[1]
        else:
            yield line, value, value if not isinstance(value, RecordError) else None


def _bad_json(name: str, exc: ValueError, hint: str = "") -> InputError:
    if isinstance(exc, json.JSONDecodeError):
        return InputError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}{hint}", code="PS506")
    return InputError(f"{name}: not valid JSON: {value_problem(exc)}", code="PS506")


def _yaml(source: Source) -> Read:
    return yaml_items(_text(source), source.name)


# ---------------------------------------------------------------- CSV


def _csv(source: Source, fields: Mapping[str, FieldDecl]) -> Read:
    lines = _lines(source)
    numbered: list[int] = [0]
    too_long: list[int] = []  # lines of MAX_LINE_BYTES or more read since the last row, each given to csv as an empty line

    def text_lines() -> Iterator[str]:
        for number, text in lines:
            numbered[0] = number
            if text is None:
                too_long.append(number)
                text = "\n"
            yield text

    reader = csv.reader(text_lines(), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"{source.name}:{numbered[0]}: the CSV header cannot be read: {exc}", code="PS508") from None
    if too_long:
        raise InputError(f"{source.name}:{too_long[0]}: the CSV header cannot be read: {long_line_error().reason}", code="PS508")
    if header is None:
        return
    columns = _columns(source.name, header, fields)
    width = len(header)
    start = numbered[0] + 1
    while True:
        try:
            row: list[str] | None = next(reader)
        except StopIteration:
            row = None
        except csv.Error as exc:
            yield from ((n, long_line_error(), None) for n in too_long)
            too_long.clear()
            yield start, RecordError(f"the CSV row cannot be read: {exc}", code="PS514"), None
            start = numbered[0] + 1
            continue
        yield from ((n, long_line_error(), None) for n in too_long)
        too_long.clear()
        if row is None:
            return
        line, start = start, numbered[0] + 1
        if not row or (len(row) == 1 and not row[0].strip() and width > 1):
            continue
        raw = dict(zip(header, row))
        if len(row) != width:
            error = RecordError(f"the row has {len(row)} cells but the header has {width} columns", code="PS514")
            yield line, error, raw
            continue
        try:
            yield line, _build(columns, row), raw
        except RecordError as err:
            yield line, err, raw


@dataclass(frozen=True, slots=True)
class _Column:
    path: tuple[str, ...]
    convert: Callable[[str], Any]


def _columns(name: str, header: list[str], fields: Mapping[str, FieldDecl]) -> list[_Column]:
    seen: set[str] = set()
    out = []
    for i, title in enumerate(header, 1):
        title = title.strip()
        if not title:
            raise InputError(f"{name}:1: column {i} of the CSV header has no name", code="PS508")
        if title in seen:
            raise InputError(f"{name}:1: the CSV header names column '{title}' twice", code="PS508")
        seen.add(title)
        path = tuple(title.split("."))
        out.append(_Column(path, _converter(_type_at(path, fields), title)))
    return out


def _type_at(path: tuple[str, ...], fields: Mapping[str, FieldDecl]) -> Type:
    """The declared type of a (dotted) column: text when undeclared, a guess when nothing is declared."""
    if not fields:
        return ANY
    decl = fields.get(path[0])
    if decl is None:
        return STRING.with_nullable(True)
    t: Type | None = decl.type
    for part in path[1:]:
        t = t.field(part) if t is not None and t.kind == "object" else None
    if t is None:
        return STRING.with_nullable(True)
    return t


def _converter(t: Type, title: str) -> Callable[[str], Any]:
    if t.kind == "list" and not t.nullable:
        # A list field is never null: an empty cell is an empty list.
        return lambda text: convert_text(text, t, title) if text.strip() else []
    return lambda text: convert_text(text, t, title)


def _build(columns: list[_Column], row: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    nested = False
    for column, text in zip(columns, row):
        value = column.convert(text)
        path = column.path
        if len(path) == 1:
            record[path[0]] = value
            continue
        nested = True
        node = record
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[path[-1]] = value
    if nested:
        _null_empty_objects(record)
    return record


def _null_empty_objects(node: dict[str, Any]) -> bool:
    """Turn objects built from dotted columns whose cells are all empty into null; True if ``node`` is all null."""
    empty = True
    for key, value in node.items():
        if isinstance(value, dict):
            if _null_empty_objects(value):
                node[key] = None
            else:
                empty = False
        elif value is not None:
            empty = False
    return empty
