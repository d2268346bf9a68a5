"""A JSON Schema compiled into one fast yes/no check, for the common case of a valid document.

Importing and building a ``jsonschema`` validator costs more than the rest of
``policyscore validate`` of one policy, which pre-commit runs on every commit.
:func:`compile_check` turns a schema into nested Python closures that only
answer *is this document valid?*.  The schema file stays the one definition:
the check is built from it, and when it says "no" the caller asks
``jsonschema`` for the detailed errors, so the messages never depend on this
module.  Only the keywords the bundled schemas use are compiled (the Draft
2020-12 meaning of each); a schema with any other keyword is refused with
:class:`Unsupported`, and the caller then uses ``jsonschema`` alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["Check", "Unsupported", "compile_check"]

Check = Callable[[Any], bool]

# Keywords that never change whether a document is valid.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "deprecated"})


class Unsupported(ValueError):
    """The schema uses a keyword (or a form of one) this module does not compile."""


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "number": _is_number,
    # JSON Schema: a number with a zero fractional part is an integer (1.0 is)
    "integer": lambda x: _is_number(x) and (isinstance(x, int) or x.is_integer()),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
}


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: booleans are not numbers, 1 equals 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return bool(a == b) and (_is_number(a) == _is_number(b))


def compile_check(root: dict[str, Any]) -> Check:
    """A function telling whether a document is valid against ``root``; raises :class:`Unsupported`."""
    defs: dict[str, Check] = {}

    def ref(target: str) -> Check:
        if not target.startswith("#/$defs/") or "/" in target[len("#/$defs/") :]:
            raise Unsupported(f"$ref {target!r}")
        name = target[len("#/$defs/") :]
        if name not in root.get("$defs", {}):
            raise Unsupported(f"$ref {target!r} names no definition")
        if name not in defs:
            defs[name] = lambda x: False  # replaced below; a recursive reference finds the final one through the dict
            defs[name] = build(root["$defs"][name])
        return lambda x: defs[name](x)

    def build(schema: Any) -> Check:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        checks: list[Check] = []
        for key, value in schema.items():
            if key in _ANNOTATIONS:
                continue
            maker = _KEYWORDS.get(key)
            if maker is None:
                raise Unsupported(f"keyword {key!r}")
            checks.append(maker(value, schema, build, ref))
        if not checks:
            return lambda x: True
        if len(checks) == 1:
            return checks[0]
        return lambda x: all(c(x) for c in checks)

    return build(root)


Builder = Callable[[Any], Check]
Maker = Callable[[Any, dict[str, Any], Builder, Callable[[str], Check]], Check]


def _type(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    names = value if isinstance(value, list) else [value]
    if any(n not in _TYPES for n in names):
        raise Unsupported(f"type {value!r}")
    tests = [_TYPES[n] for n in names]
    return lambda x: any(t(x) for t in tests)


def _properties(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    props = {k: build(v) for k, v in value.items()}
    return lambda x: not isinstance(x, dict) or all(props[k](v) for k, v in x.items() if k in props)


def _additional(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    if "patternProperties" in schema:
        raise Unsupported("additionalProperties with patternProperties")
    known = frozenset(schema.get("properties", {}))
    other = build(value)
    return lambda x: not isinstance(x, dict) or all(other(v) for k, v in x.items() if k not in known)


def _required(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    names = tuple(value)
    return lambda x: not isinstance(x, dict) or all(k in x for k in names)


def _items(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    if "prefixItems" in schema or isinstance(value, list):
        raise Unsupported("items with prefixItems")
    item = build(value)
    return lambda x: not isinstance(x, list) or all(item(v) for v in x)


def _sized(kind: type, size: Callable[[Any], int], ok: Callable[[int, int], bool]) -> Maker:
    def make(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
        return lambda x: not isinstance(x, kind) or ok(size(x), value)

    return make


def _bound(ok: Callable[[Any, Any], bool]) -> Maker:
    def make(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
        return lambda x: not _is_number(x) or ok(x, value)

    return make


def _one_of(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    options = [build(v) for v in value]
    return lambda x: sum(1 for o in options if o(x)) == 1


def _any_of(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    options = [build(v) for v in value]
    return lambda x: any(o(x) for o in options)


def _all_of(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    options = [build(v) for v in value]
    return lambda x: all(o(x) for o in options)


def _not(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    inner = build(value)
    return lambda x: not inner(x)


def _pattern(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    try:
        search = re.compile(value).search
    except re.error:
        raise Unsupported(f"pattern {value!r}") from None
    return lambda x: not isinstance(x, str) or search(x) is not None


def _property_names(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    names = build(value)
    return lambda x: not isinstance(x, dict) or all(names(k) for k in x)


def _enum(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    return lambda x: any(_equal(x, v) for v in value)


def _const(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    return lambda x: _equal(x, value)


def _unique(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    if not value:
        return lambda x: True
    return lambda x: not isinstance(x, list) or not any(_equal(a, b) for i, a in enumerate(x) for b in x[i + 1 :])


def _dependent_required(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    needs = {k: tuple(v) for k, v in value.items()}
    return lambda x: not isinstance(x, dict) or all(o in x for k, others in needs.items() if k in x for o in others)


def _ref(value: Any, schema: dict[str, Any], build: Builder, ref: Callable[[str], Check]) -> Check:
    return ref(value)


_KEYWORDS: dict[str, Maker] = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "minItems": _sized(list, len, lambda n, v: n >= v),
    "maxItems": _sized(list, len, lambda n, v: n <= v),
    "minLength": _sized(str, len, lambda n, v: n >= v),
    "maxLength": _sized(str, len, lambda n, v: n <= v),
    "minProperties": _sized(dict, len, lambda n, v: n >= v),
    "maxProperties": _sized(dict, len, lambda n, v: n <= v),
    "minimum": _bound(lambda x, v: x >= v),
    "maximum": _bound(lambda x, v: x <= v),
    "exclusiveMinimum": _bound(lambda x, v: x > v),
    "exclusiveMaximum": _bound(lambda x, v: x < v),
    "oneOf": _one_of,
    "anyOf": _any_of,
    "allOf": _all_of,
    "not": _not,
    "pattern": _pattern,
    "propertyNames": _property_names,
    "enum": _enum,
    "const": _const,
    "uniqueItems": _unique,
    "dependentRequired": _dependent_required,
    "$ref": _ref,
}
