"""The customer record's declared fields: types, and checking records against them.

Declarations come from a policy's ``record:`` key, either ``fields:`` (a
mapping ``name: type``) or ``schema:`` (a JSON Schema file).  A record is
valid when every declared field holds a value of its type: an integer is a
number, an ISO ``YYYY-MM-DD`` string is a date, null (or an absent key) is
allowed only for nullable fields.  Undeclared keys are ignored.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path as FsPath
from typing import Any

from policyscore.errors import RecordError
from policyscore.language.functions import parse_date, parse_datetime
from policyscore.language.types import (
    ANY,
    BOOLEAN,
    DATE,
    DATETIME,
    INTEGER,
    NUMBER,
    STRING,
    Type,
    TypeSyntaxError,
    enum_values,
    list_of,
    object_of,
    parse_type,
)

__all__ = ["FieldDecl", "RecordTypeError", "fields_from_mapping", "fields_from_json_schema", "field_checker", "convert_text"]


@dataclass(frozen=True, slots=True)
class FieldDecl:
    """One declared top-level field."""

    name: str
    type: Type
    enum: tuple[Any, ...] | None = None


class RecordTypeError(ValueError):
    """A declaration that cannot be understood (bad type name, unreadable schema file); ``field`` names the field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def fields_from_mapping(fields: tuple[tuple[str, str], ...], problems: list[RecordTypeError] | None = None) -> list[FieldDecl]:
    """``{"amount": "number?", "billing.country": "string"}`` -> declarations (dotted names nest).

    A declaration that cannot be understood raises :class:`RecordTypeError`,
    or, when ``problems`` is given, is added to it and left out (each
    problem names its field), so that every one of them is reported.
    """
    roots: dict[str, Any] = {}
    enums: dict[str, tuple[str, ...]] = {}

    def fail(error: RecordTypeError) -> None:
        if problems is None:
            raise error
        problems.append(error)

    for name, text in fields:
        try:
            t = parse_type(text)
            values = enum_values(text)
        except TypeSyntaxError as exc:
            if str(text).lstrip().startswith("enum"):
                fail(RecordTypeError(f"field '{name}': {exc}", name))
            t = ANY  # the policy schema reports the bad type name with its position
            values = None
        if values is not None:
            enums[name] = values
        parts = name.split(".")
        node = roots
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if isinstance(child, Type):
                fail(RecordTypeError(f"field '{name}': '{part}' is declared as {child}, not an object", name))
                break
            node = child
        else:
            node[parts[-1]] = t

    def build(tree: dict[str, Any]) -> dict[str, Type]:
        # A parent object may be absent only when everything declared inside it may be.
        out: dict[str, Type] = {}
        for k, v in tree.items():
            if isinstance(v, dict):
                inner = build(v)
                out[k] = object_of(inner, nullable=all(ft.nullable or ft.kind == "any" for ft in inner.values()))
            else:
                out[k] = v
        return out

    return [FieldDecl(k, t, enums.get(k)) for k, t in build(roots).items()]


#: The largest record schema file read, in bytes.
MAX_SCHEMA_BYTES = 10 * 1024 * 1024


def _read_schema(path: FsPath) -> str:
    """The text of a record schema file: a regular file of at most :data:`MAX_SCHEMA_BYTES`.

    A device (``/dev/zero``), a FIFO or a directory is refused before it is
    opened, so reading can neither hang nor fill the memory.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise RecordTypeError(f"record schema file not found: {path}") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        raise RecordTypeError(f"cannot read record schema {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, a pipe or a socket)"
        raise RecordTypeError(f"record schema {path} is {kind}; name a JSON file")
    if info.st_size > MAX_SCHEMA_BYTES:
        raise RecordTypeError(f"record schema {path} is {info.st_size:,} bytes; the limit is {MAX_SCHEMA_BYTES:,}")
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_SCHEMA_BYTES + 1)  # the file may have grown since stat
    except OSError as exc:
        raise RecordTypeError(f"cannot read record schema {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_SCHEMA_BYTES:
        raise RecordTypeError(f"record schema {path} is more than {MAX_SCHEMA_BYTES:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordTypeError(f"cannot read record schema {path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None


def fields_from_json_schema(path: FsPath) -> list[FieldDecl]:
    """Read a JSON Schema of an object and declare its properties."""
    text = _read_schema(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordTypeError(f"record schema {path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise RecordTypeError(f"record schema {path} is nested too deeply") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("properties"), dict):
        raise RecordTypeError(f"record schema {path} must describe an object with 'properties'")
    out = []
    for name, prop in doc["properties"].items():
        t, enum = _schema_type(prop, doc, f"{name}")
        out.append(FieldDecl(name, t, enum))
    return out


def _resolve(prop: Any, root: dict[str, Any]) -> Any:
    seen = 0
    while isinstance(prop, dict) and "$ref" in prop and seen < 20:
        ref = prop["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise RecordTypeError(f"only local $ref is supported, got {ref!r}")
        target: Any = root
        for part in ref[2:].split("/"):
            if not isinstance(target, dict) or part not in target:
                raise RecordTypeError(f"$ref {ref!r} not found")
            target = target[part]
        prop = target
        seen += 1
    return prop


#: The deepest nesting of objects and arrays a record schema may declare.
MAX_SCHEMA_DEPTH = 32


def _schema_type(prop: Any, root: dict[str, Any], where: str, depth: int = 1) -> tuple[Type, tuple[Any, ...] | None]:
    if depth > MAX_SCHEMA_DEPTH:
        raise RecordTypeError(
            f"field '{where}': the record schema nests objects and arrays more than {MAX_SCHEMA_DEPTH} levels deep (a $ref to itself?)"
        )
    prop = _resolve(prop, root)
    if not isinstance(prop, dict):
        return ANY, None
    raw = prop.get("type")
    kinds = raw if isinstance(raw, list) else ([raw] if raw is not None else [])
    nullable = "null" in kinds or prop.get("nullable") is True
    kinds = [k for k in kinds if k != "null"]
    enum = prop.get("enum")
    enum_values = tuple(v for v in enum if v is not None) if isinstance(enum, list) else None
    if enum_values is not None and None in (enum or []):
        nullable = True
    if not kinds and enum_values:
        first = enum_values[0]
        kinds = ["string" if isinstance(first, str) else "number"]
    if len(kinds) != 1:
        return ANY, None
    kind = kinds[0]
    fmt = prop.get("format")
    t: Type
    if kind == "string":
        t = DATE if fmt == "date" else DATETIME if fmt == "date-time" else STRING
    elif kind == "number":
        t = NUMBER
    elif kind == "integer":
        t = INTEGER
    elif kind == "boolean":
        t = BOOLEAN
    elif kind == "array":
        item, _ = _schema_type(prop.get("items", {}), root, where + "[]", depth + 1)
        t = list_of(item.with_nullable(False) if item.kind != "any" else ANY)
    elif kind == "object":
        props = prop.get("properties")
        if isinstance(props, dict):
            t = object_of({k: _schema_type(v, root, f"{where}.{k}", depth + 1)[0] for k, v in props.items()})
        else:
            t = ANY
    else:
        raise RecordTypeError(f"field '{where}': unknown JSON Schema type {kind!r}")
    return t.with_nullable(nullable) if t.kind != "any" else t, enum_values


# ---------------------------------------------------------------- checking values

_EXPECTED = {
    "string": "a string",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date (YYYY-MM-DD)",
    "datetime": "a date-time (ISO 8601)",
    "list": "a list",
    "object": "an object",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"{type(value).__name__} {value!r}"


def _expected(t: Type) -> str:
    if t.kind == "number" and t.integer:
        return "a whole number"
    if t.kind == "list" and t.item is not None:
        return f"a list of {t.item.describe()}s"
    return _EXPECTED.get(t.kind, t.kind)


def _convert(value: Any, t: Type, path: str, enum: tuple[Any, ...] | None) -> Any:
    """``value`` as type ``t``; raises :class:`RecordError` naming ``path``."""
    if value is None:
        if t.nullable or t.kind == "any":
            return None
        for name, ft in t.fields or ():  # an absent object: name the first required field inside it
            if not ft.nullable and ft.kind != "any":
                return _convert(None, ft, f"{path}.{name}", None)
        raise RecordError(f"field '{path}' is required ({_expected(t)}) but is missing or null", field=path, value=None, code="PS402")
    kind = t.kind
    out: Any = value
    ok = True
    if kind == "any":
        return value
    if kind == "string":
        ok = isinstance(value, str)
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ok = False
        elif t.integer and not isinstance(value, int):
            ok = value.is_integer()
            out = int(value) if ok else value
        elif value != value or value in (float("inf"), float("-inf")):
            ok = False
    elif kind == "boolean":
        ok = value is True or value is False
    elif kind == "date":
        if isinstance(value, datetime):
            out = value.date()
        elif isinstance(value, date):
            out = value
        elif isinstance(value, str):
            out = parse_date(value)
            ok = out is not None
        else:
            ok = False
    elif kind == "datetime":
        if isinstance(value, datetime):
            out = value
        elif isinstance(value, str):
            out = parse_datetime(value)
            ok = out is not None
        else:
            ok = False
    elif kind == "list":
        if isinstance(value, (list, tuple)):
            item = t.item or ANY
            out = [
                _convert(v, item.with_nullable(False) if item.kind != "any" else item, f"{path}[{i}]", None) for i, v in enumerate(value)
            ]
        else:
            ok = False
    elif kind == "object":
        if isinstance(value, dict):
            out = dict(value)
            for name, ft in t.fields or ():
                out[name] = _convert(value.get(name), ft, f"{path}.{name}", None)
        else:
            ok = False
    if not ok:
        raise RecordError(f"field '{path}' must be {_expected(t)}, got {_describe(value)}", field=path, value=value, code="PS401")
    if enum is not None and out not in enum:
        shown = ", ".join(repr(v) for v in enum[:12]) + (", ..." if len(enum) > 12 else "")
        raise RecordError(f"field '{path}' must be one of {shown}, got {_describe(value)}", field=path, value=value, code="PS401")
    return out


def field_checker(decl: FieldDecl) -> Callable[[Any], Any]:
    """A function checking (and converting) one field's value; raises :class:`RecordError`."""
    t, name, enum = decl.type, decl.name, decl.enum

    def check(value: Any) -> Any:
        return _convert(value, t, name, enum)

    return check


_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


def convert_text(text: str, t: Type, path: str) -> Any:
    """A CSV cell as a value of type ``t`` (empty cell = null); raises :class:`RecordError`."""
    s = text.strip()
    if s == "":
        # An empty cell is null; for a list that may not be null it is the empty list.
        return [] if t.kind == "list" and not t.nullable else None
    kind = t.kind
    try:
        if kind == "number":
            cleaned = s.replace("_", "")
            if t.integer:
                return int(cleaned)
            v = float(cleaned)
            if v != v or v in (float("inf"), float("-inf")):
                raise ValueError(s)
            return int(cleaned) if cleaned.lstrip("+-").isdigit() else v
        if kind == "boolean":
            low = s.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueError(s)
        if kind == "date":
            d = parse_date(s)
            if d is None:
                raise ValueError(s)
            return d
        if kind == "datetime":
            dt = parse_datetime(s)
            if dt is None:
                raise ValueError(s)
            return dt
        if kind == "list":
            item = t.item or STRING
            return [convert_text(part.strip(), item.with_nullable(False), f"{path}[]") for part in s.split(";") if part.strip() != ""]
        if kind == "any":
            return _guess(s)
        return text if kind == "string" else s
    except ValueError:
        raise RecordError(f"field '{path}' must be {_expected(t)}, got {s!r}", field=path, value=text, code="PS404") from None


def _guess(s: str) -> Any:
    """An undeclared CSV cell: a number or boolean when it looks like one, else the text."""
    low = s.lower()
    if low == "true":
        return True
    if low == "false":
        return False
    digits = s.lstrip("+-")
    if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
        return s  # a code with leading zeros (zip code, account number) stays text
    try:
        if digits.isdigit():
            return int(s)
        v = float(s)
        if v == v and v not in (float("inf"), float("-inf")):
            return v
    except ValueError:
        pass
    return s
