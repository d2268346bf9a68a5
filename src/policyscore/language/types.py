"""Static types of the expression language.

A type is a kind (number, string, boolean, date, datetime, list, object, null,
any) plus a nullable flag.  ``any`` is what an undeclared field has: checks on
it move to run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = [
    "Type",
    "NUMBER",
    "INTEGER",
    "STRING",
    "BOOLEAN",
    "DATE",
    "DATETIME",
    "NULL",
    "ANY",
    "list_of",
    "object_of",
    "parse_type",
    "enum_values",
    "TypeSyntaxError",
    "unify",
    "SCALAR_KINDS",
]

SCALAR_KINDS = ("number", "string", "boolean", "date", "datetime")


@dataclass(frozen=True, slots=True)
class Type:
    kind: str
    nullable: bool = False
    item: Type | None = None
    fields: tuple[tuple[str, Type], ...] | None = None
    integer: bool = False

    def with_nullable(self, nullable: bool = True) -> Type:
        if self.nullable == nullable:
            return self
        return replace(self, nullable=nullable)

    @property
    def is_any(self) -> bool:
        return self.kind == "any"

    @property
    def maybe_null(self) -> bool:
        return self.nullable or self.kind in ("any", "null")

    def field(self, name: str) -> Type | None:
        for key, value in self.fields or ():
            if key == name:
                return value
        return None

    def describe(self) -> str:
        if self.kind == "list":
            base = f"list[{self.item.describe() if self.item else 'any'}]"
        elif self.kind == "object":
            base = "object"
        elif self.kind == "number" and self.integer:
            base = "integer"
        else:
            base = self.kind
        if self.nullable and self.kind not in ("null", "any"):
            return base + "?"
        return base

    def __str__(self) -> str:
        return self.describe()


NUMBER = Type("number")
INTEGER = Type("number", integer=True)
STRING = Type("string")
BOOLEAN = Type("boolean")
DATE = Type("date")
DATETIME = Type("datetime")
NULL = Type("null", nullable=True)
ANY = Type("any", nullable=True)


def list_of(item: Type, nullable: bool = False) -> Type:
    return Type("list", nullable, item=item)


def object_of(fields: dict[str, Type], nullable: bool = False) -> Type:
    return Type("object", nullable, fields=tuple(sorted(fields.items())))


class TypeSyntaxError(ValueError):
    pass


_SIMPLE = {
    "string": STRING,
    "number": NUMBER,
    "integer": INTEGER,
    "boolean": BOOLEAN,
    "date": DATE,
    "datetime": DATETIME,
    "any": ANY,
}
_TYPE_RE = re.compile(r"^\s*(?:list\[\s*(\w+)\s*\]|(\w+))\s*(\?)?\s*$")
_ENUM_RE = re.compile(r"^\s*enum\s*\(([^()]*)\)\s*(\?)?\s*$")
_ENUM_VALUE = re.compile(r"^(?:\"([^\"]*)\"|'([^']*)'|([^\s\"',][^\"',]*?))$")


def enum_values(text: str) -> tuple[str, ...] | None:
    """The values of ``enum(a, b, c)`` (or ``enum("a b", c)?``), in order; None when ``text`` is not an enum.

    Raises :class:`TypeSyntaxError` for an enum without values, an empty or malformed value, or a value given twice.
    """
    m = _ENUM_RE.match(text) if isinstance(text, str) else None
    if not m:
        return None
    values: list[str] = []
    for part in m.group(1).split(","):
        v = _ENUM_VALUE.match(part.strip())
        if not v or not part.strip():
            raise TypeSyntaxError(f"enum value {part.strip()!r} is not a word or a quoted string")
        value = next(g for g in v.groups() if g is not None)
        if value in values:
            raise TypeSyntaxError(f"enum value {value!r} is given twice")
        values.append(value)
    return tuple(values)


def parse_type(text: str) -> Type:
    """Parse a field type as written in a policy: ``number``, ``date?``, ``list[string]``, ``enum(a, b)?``...

    An enum is a string type; :func:`enum_values` gives its values.
    """
    values = enum_values(text)
    if values is not None:
        return STRING.with_nullable(bool(_ENUM_RE.match(text).group(2)))  # type: ignore[union-attr]
    m = _TYPE_RE.match(text) if isinstance(text, str) else None
    if not m:
        raise TypeSyntaxError(f"unknown type {text!r}")
    item_name, name, q = m.groups()
    if item_name is not None:
        item = _SIMPLE.get(item_name)
        if item is None or item.is_any:
            raise TypeSyntaxError(f"unknown list item type {item_name!r}")
        t = list_of(item)
    else:
        found = _SIMPLE.get(name)
        if found is None:
            raise TypeSyntaxError(f"unknown type {name!r}")
        t = found
    return t.with_nullable(True) if q else t


def unify(a: Type, b: Type) -> Type | None:
    """The type holding values of both ``a`` and ``b`` (None if there is none)."""
    if a.kind == "any" or b.kind == "any":
        return ANY
    if a.kind == "null":
        return b.with_nullable(True)
    if b.kind == "null":
        return a.with_nullable(True)
    nullable = a.nullable or b.nullable
    if a.kind != b.kind:
        return None
    if a.kind == "list":
        if a.item is None or b.item is None:
            item = a.item or b.item
        else:
            item = unify(a.item, b.item)
            if item is None:
                return None
        return Type("list", nullable, item=item)
    if a.kind == "object":
        return a.with_nullable(nullable) if a.fields == b.fields else Type("object", nullable)
    return Type(a.kind, nullable, integer=a.integer and b.integer)
