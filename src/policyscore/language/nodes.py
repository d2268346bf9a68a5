"""The expression tree: frozen dataclasses, independent of any back end.

Every node carries ``span``: (start, end) character offsets inside the
expression text; the loader maps them to file positions for messages.  After
checking, every node also carries its ``type`` (:func:`annotate` builds the
typed tree), so back ends read types from the tree itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.language.types import Type

__all__ = [
    "Offsets",
    "Literal",
    "ListExpr",
    "Name",
    "Attr",
    "Call",
    "Unary",
    "Binary",
    "Logical",
    "IsNull",
    "Cond",
    "Expr",
    "ARITHMETIC",
    "COMPARISON",
    "MEMBERSHIP",
    "children",
    "annotate",
    "with_children",
]

Offsets = tuple[int, int]

ARITHMETIC = frozenset({"+", "-", "*", "/", "%"})
COMPARISON = frozenset({"==", "!=", "<", "<=", ">", ">="})
MEMBERSHIP = frozenset({"in", "not in"})


@dataclass(frozen=True, slots=True)
class Literal:
    """A constant: number, string, boolean, null, date or a folded list."""

    value: object
    span: Offsets
    type: Type | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ListExpr:
    items: tuple[Expr, ...]
    span: Offsets
    type: Type | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Name:
    """A record field, param, let or ``as_of``."""

    name: str
    span: Offsets
    type: Type | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Attr:
    """Field access ``obj.name`` on a nested record value."""

    obj: Expr
    name: str
    span: Offsets
    name_span: Offsets
    type: Type | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple[Expr, ...]
    span: Offsets
    name_span: Offsets
    type: Type | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Unary:
    """``-x`` or ``not x``."""

    op: str
    operand: Expr
    span: Offsets
    type: Type | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Binary:
    """Arithmetic, comparison and membership operators."""

    op: str
    left: Expr
    right: Expr
    span: Offsets
    type: Type | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Logical:
    """``and`` / ``or`` with three-valued logic."""

    op: str
    left: Expr
    right: Expr
    span: Offsets
    type: Type | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class IsNull:
    operand: Expr
    negated: bool
    span: Offsets
    type: Type | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Cond:
    """``if cond then then_ else else_``; null when the condition is null."""

    cond: Expr
    then: Expr
    else_: Expr
    span: Offsets
    type: Type | None = field(default=None, compare=False)


Expr = Literal | ListExpr | Name | Attr | Call | Unary | Binary | Logical | IsNull | Cond


def children(node: Expr) -> tuple[Expr, ...]:
    """The direct sub-expressions of ``node``, left to right."""
    match node:
        case Literal() | Name():
            return ()
        case ListExpr(items=items):
            return items
        case Attr(obj=obj):
            return (obj,)
        case Call(args=args):
            return args
        case Unary(operand=operand) | IsNull(operand=operand):
            return (operand,)
        case Binary(left=left, right=right) | Logical(left=left, right=right):
            return (left, right)
        case Cond(cond=c, then=t, else_=e):
            return (c, t, e)
    raise TypeError(f"not an expression node: {node!r}")  # pragma: no cover


def with_children(node: Expr, kids: tuple[Expr, ...], **changes: Any) -> Expr:
    """``node`` with its direct sub-expressions replaced by ``kids`` (same order as :func:`children`)."""
    match node:
        case Literal() | Name():
            return replace(node, **changes) if changes else node
        case ListExpr():
            return replace(node, items=kids, **changes)
        case Attr():
            return replace(node, obj=kids[0], **changes)
        case Call():
            return replace(node, args=kids, **changes)
        case Unary() | IsNull():
            return replace(node, operand=kids[0], **changes)
        case Binary() | Logical():
            return replace(node, left=kids[0], right=kids[1], **changes)
        case Cond():
            return replace(node, cond=kids[0], then=kids[1], else_=kids[2], **changes)
    raise TypeError(f"not an expression node: {node!r}")  # pragma: no cover


def annotate(node: Expr, type_of: Any) -> Expr:
    """The same tree with every node's ``type`` set to ``type_of(node)`` (checked before its children are rebuilt)."""
    kids = tuple(annotate(c, type_of) for c in children(node))
    return with_children(node, kids, type=type_of(node))
