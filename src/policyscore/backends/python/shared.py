"""Sub-expressions that the band conditions of one factor share, computed once.

A factor with bands always evaluates its first band's condition, and the first
thing that condition evaluates is its *leftmost* sub-expression: the left side
of ``and``, ``or`` or an operator, a call's first argument, an ``if``'s
condition, down to a name.  Each node on that path is computed, completely,
before anything outside it.  So when a later band's condition contains the same
sub-expression (``industry in target_industries`` in three bands of
``buyer_persona``), it is computed once, before the bands, into a local that
every band reads: the same values, computed in the same order, and an error it
raises is raised where it would have been anyway.
"""

from __future__ import annotations

from collections.abc import Hashable

from policyscore.language import nodes as n

__all__ = ["shape", "shared_by_bands"]

#: The tallest sub-expression compared (a shape is built by recursion, this deep at most).
_SHAPE_HEIGHT = 8


def shape(node: n.Expr, limit: int = _SHAPE_HEIGHT) -> Hashable | None:
    """What ``node`` computes, without positions: equal shapes, equal values (None: too tall to compare)."""
    if limit == 0:
        return None
    kids = []
    for kid in n.children(node):
        s = shape(kid, limit - 1)
        if s is None:
            return None
        kids.append(s)
    match node:
        case n.Literal(value=value):
            return ("literal", type(value).__name__, repr(value))
        case n.Name(name=name):
            return ("name", name)
        case n.Attr(name=name) | n.Call(func=name):
            return (type(node).__name__, name, *kids)
        case n.Unary(op=op) | n.Binary(op=op) | n.Logical(op=op):
            return (type(node).__name__, op, *kids)
        case n.IsNull(negated=negated):
            return ("is null", negated, *kids)
        case n.ListExpr() | n.Cond():
            return (type(node).__name__, *kids)
    raise TypeError(f"not an expression node: {node!r}")  # pragma: no cover


def _leftmost(node: n.Expr) -> list[n.Expr]:
    """The nodes evaluated first, deepest last: ``node``, its first operand, that one's first operand..."""
    path = [node]
    while kids := n.children(path[-1]):
        path.append(kids[0])
    return path


def _shapes(node: n.Expr) -> set[Hashable]:
    """The shapes of every sub-expression of ``node`` that is not too tall to compare."""
    out: set[Hashable] = set()
    stack = [node]
    while stack:
        sub = stack.pop()
        s = shape(sub)
        if s is not None:
            out.add(s)
        stack.extend(n.children(sub))
    return out


def shared_by_bands(conditions: list[n.Expr]) -> list[n.Expr]:
    """Sub-expressions of the first condition, evaluated first by it, that a later condition has too; deepest first.

    Names and literals are read, not computed: they are never shared.
    """
    if len(conditions) < 2:
        return []
    later: set[Hashable] = set()
    for cond in conditions[1:]:
        later |= _shapes(cond)
    found: list[n.Expr] = []
    for node in reversed(_leftmost(conditions[0])):
        if isinstance(node, (n.Name, n.Literal)):
            continue
        s = shape(node)
        if s is not None and s in later:
            found.append(node)
    return found
