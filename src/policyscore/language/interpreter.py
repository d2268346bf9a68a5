"""A plain tree-walking interpreter: the reference meaning of the language.

It is used to fold constants at compile time, to trace every sub-expression
for ``explain --trace``, to find *why* a value is null, and by the property
tests that hold the compiled evaluator to the same results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from policyscore.language import nodes as n
from policyscore.language import semantics as rt
from policyscore.language._compat import assert_never
from policyscore.language.functions import FUNCTIONS, RuntimeTypeError

__all__ = ["interpret", "ExprRuntimeError", "Trace"]

Lookup = Callable[[str], Any]
Trace = list[tuple[n.Expr, Any]]


class ExprRuntimeError(Exception):
    """A value of the wrong kind reached an operation; says which node."""

    def __init__(self, node: n.Expr, error: RuntimeTypeError):
        super().__init__(str(error))
        self.node = node
        self.error = error


def interpret(expr: n.Expr, lookup: Lookup, trace: Trace | None = None) -> Any:
    """Evaluate ``expr``; ``lookup(name)`` gives the value of a field, param, let or ``as_of``.

    With ``trace``, every evaluated node is appended with its value, children
    before parents.
    """
    return _Interp(lookup, trace).eval(expr)


class _Interp:
    def __init__(self, lookup: Lookup, trace: Trace | None):
        self.lookup = lookup
        self.trace = trace

    def eval(self, node: n.Expr) -> Any:
        try:
            value = self._eval(node)
        except RuntimeTypeError as exc:
            raise ExprRuntimeError(node, exc) from None
        if self.trace is not None:
            self.trace.append((node, value))
        return value

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
