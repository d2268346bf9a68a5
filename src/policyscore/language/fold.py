"""Param inlining and constant folding: one tree-to-tree pass shared by every back end.

Params become literals, and every sub-expression that reads no record field,
let or ``as_of`` is computed once, by the reference interpreter, and replaced
by a literal that keeps the node's span and type.  A back end therefore sees
only literals where a value is known when the policy is loaded.  A portfolio
function call becomes a name, its :func:`~policyscore.language.portfolio.call_key`:
its value is computed over the whole portfolio before records are scored, and
back ends read it like any other input.  A constant
that cannot be computed (an overflow, a number out of range) is reported as a
problem with its position instead of failing every record later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from policyscore.language import nodes as n
from policyscore.language.interpreter import ExprRuntimeError, interpret
from policyscore.language.portfolio import call_key, is_portfolio_call

__all__ = ["fold", "FoldProblem"]


@dataclass(frozen=True, slots=True)
class FoldProblem:
    """A constant sub-expression that cannot be computed; offsets are inside the expression text."""

    message: str
    start: int
    end: int


def fold(node: n.Expr, params: Mapping[str, Any]) -> tuple[n.Expr, list[FoldProblem]]:
    """``node`` with params inlined and constant sub-expressions replaced by literals, and the problems found."""
    problems: list[FoldProblem] = []
    return _fold(node, params, problems), problems


def _fold(node: n.Expr, params: Mapping[str, Any], problems: list[FoldProblem]) -> n.Expr:
    match node:
        case n.Literal():
            return node
        case n.Name(name=name):
            if name in params:
                return n.Literal(params[name], node.span, type=node.type)
            return node
        case n.Call() if is_portfolio_call(node):
            return n.Name(call_key(node), node.span, type=node.type)
    kids = tuple(_fold(c, params, problems) for c in n.children(node))
    rebuilt = n.with_children(node, kids)
    if not all(isinstance(k, n.Literal) for k in kids):
        return rebuilt
    try:
        value = interpret(rebuilt, _no_names)
    except ExprRuntimeError as exc:
        problems.append(FoldProblem(f"this constant cannot be computed: {exc}", *node.span))
        return rebuilt
    except (ArithmeticError, ValueError) as exc:
        problems.append(FoldProblem(f"this constant cannot be computed: {exc}", *node.span))
        return rebuilt
    return n.Literal(value, node.span, type=node.type)


def _no_names(name: str) -> Any:  # pragma: no cover - a tree of literals reads no names
    raise AssertionError(f"a constant read the name {name!r}")
