"""A plain tree-walking interpreter: the reference meaning of the language.

It folds constants when a policy is loaded, and the reference evaluator
(:mod:`policyscore.engine.reference`) runs it; :func:`traced` also returns the
value of every evaluated sub-expression as a tree, from which ``explain
--trace``, null reasons and coverage are read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from policyscore.language import nodes as n
from policyscore.language import semantics as rt
from policyscore.language._compat import assert_never
from policyscore.language.functions import FUNCTIONS, RuntimeTypeError
from policyscore.language.portfolio import PORTFOLIO, call_key

__all__ = ["interpret", "traced", "Traced", "ExprRuntimeError"]

Lookup = Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class Traced:
    """A node with the value it had, and its sub-expressions that were evaluated (left to right)."""

    node: n.Expr
    value: Any
    children: tuple[Traced, ...]

    def child(self, node: n.Expr) -> Traced | None:
        """The trace of the direct sub-expression ``node``, or None when it was not evaluated."""
        return next((c for c in self.children if c.node is node), None)


class ExprRuntimeError(Exception):
    """A value of the wrong kind reached an operation; says which node."""

    def __init__(self, node: n.Expr, error: RuntimeTypeError):
        super().__init__(str(error))
        self.node = node
        self.error = error


def interpret(expr: n.Expr, lookup: Lookup) -> Any:
    """Evaluate ``expr``; ``lookup(name)`` gives the value of a field, param, let or ``as_of``."""
    return _Interp(lookup).eval(expr)


def traced(expr: n.Expr, lookup: Lookup) -> tuple[Traced, ExprRuntimeError | None]:
    """Evaluate ``expr`` keeping every evaluated sub-expression's value.

    A value of the wrong kind stops the evaluation: the error is returned with
    the tree of what was evaluated before it (the failing node has value None).
    """
    interp = _TracingInterp(lookup)
    try:
        interp.eval(expr)
        error = None
    except ExprRuntimeError as exc:
        error = exc
        while len(interp.frames) > 1:  # close the nodes the error interrupted
            kids = interp.frames.pop()
            interp.frames[-1].append(Traced(interp.open_nodes.pop(), None, tuple(kids)))
    return interp.frames[0][0], error


class _Interp:
    def __init__(self, lookup: Lookup):
        self.lookup = lookup

    def eval(self, node: n.Expr) -> Any:
        try:
            return self._eval(node)
        except RuntimeTypeError as exc:
            raise ExprRuntimeError(node, exc) from None

    def _eval(self, node: n.Expr) -> Any:
        match node:
            case n.Literal(value=value):
                return value
            case n.ListExpr(items=items):
                return [self.eval(i) for i in items]
            case n.Name(name=name):
                return self.lookup(name)
            case n.Attr(obj=obj, name=name):
                return rt.get_attr(self.eval(obj), name)
            case n.Unary(op="-", operand=operand):
                return rt.neg(self.eval(operand))
            case n.Unary(operand=operand):
                return rt.not_(self.eval(operand))
            case n.Logical(op="and", left=left, right=right):
                a = rt.cond(self.eval(left))
                if a is False:
                    return False
                return rt.and_(a, self.eval(right))
            case n.Logical(left=left, right=right):
                a = rt.cond(self.eval(left))
                if a is True:
                    return True
                return rt.or_(a, self.eval(right))
            case n.IsNull(operand=operand, negated=negated):
                v = self.eval(operand)
                return (v is not None) if negated else (v is None)
            case n.Binary(op=op, left=left, right=right):
                return rt.BINARY[op](self.eval(left), self.eval(right))
            case n.Cond(cond=c, then=t, else_=e):
                cv = rt.cond(self.eval(c))
                if cv is True:
                    return self.eval(t)
                if cv is False:
                    return self.eval(e)
                return None
            case n.Call(func=func) if func in PORTFOLIO:
                return self.lookup(call_key(node))  # a value of the whole portfolio, computed beforehand
            case n.Call(func=func, args=args):
                fn = FUNCTIONS[func]
                values = []
                for i, arg in enumerate(args):
                    values.append(rt.guard(fn.param_kinds(i))(self.eval(arg)))
                if fn.propagates_null and any(v is None for v in values):
                    return None
                try:
                    return fn.impl(*values)
                except TypeError as exc:
                    raise RuntimeTypeError(f"arguments of one type for {func}()", values[-1] if values else None) from exc
        assert_never(node)


class _TracingInterp(_Interp):
    def __init__(self, lookup: Lookup):
        super().__init__(lookup)
        self.frames: list[list[Traced]] = [[]]
        self.open_nodes: list[n.Expr] = []

    def eval(self, node: n.Expr) -> Any:
        self.frames.append([])
        self.open_nodes.append(node)
        value = super().eval(node)
        self.open_nodes.pop()
        kids = self.frames.pop()
        self.frames[-1].append(Traced(node, value, tuple(kids)))
        return value
