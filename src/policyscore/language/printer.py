"""Print an expression tree back to text, with only the parentheses it needs.

``parse(to_text(tree))`` gives the same tree (positions aside); the property
tests rely on this, and tools that rewrite policies can use it.
"""

from __future__ import annotations

from datetime import date

from policyscore.language import nodes as n
from policyscore.language._compat import assert_never

__all__ = ["to_text"]

_COND, _OR, _AND, _NOT, _CMP, _ADD, _MUL, _UNARY, _ATOM = range(9)
_BINARY_PREC = {"+": _ADD, "-": _ADD, "*": _MUL, "/": _MUL, "%": _MUL}
_ESCAPE = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _literal(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return "'" + "".join(_ESCAPE.get(c, c) for c in value) + "'"
    if isinstance(value, date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, (int, float)):
        text = repr(value)
        return f"({text})" if text.startswith("-") else text
    raise ValueError(f"no literal form for {value!r}")


def to_text(node: n.Expr) -> str:
    """The expression as text."""
    return _print(node, _COND)


def _wrap(text: str, prec: int, need: int) -> str:
    return f"({text})" if prec < need else text


def _print(node: n.Expr, need: int) -> str:
    match node:
        case n.Literal(value=value):
            return _literal(value)
        case n.ListExpr(items=items):
            return "[" + ", ".join(_print(i, _COND) for i in items) + "]"
        case n.Name(name=name):
            return name
        case n.Attr(obj=obj, name=name):
            return f"{_print(obj, _ATOM)}.{name}"
        case n.Call(func=func, args=args):
            return f"{func}(" + ", ".join(_print(a, _COND) for a in args) + ")"
        case n.Unary(op="-", operand=operand):
            return _wrap(f"-{_print(operand, _UNARY)}", _UNARY, need)
        case n.Unary(operand=operand):
            return _wrap(f"not {_print(operand, _NOT)}", _NOT, need)
        case n.Logical(op=op, left=left, right=right):
            prec = _OR if op == "or" else _AND
            return _wrap(f"{_print(left, prec)} {op} {_print(right, prec + 1)}", prec, need)
        case n.IsNull(operand=operand, negated=negated):
            return _wrap(f"{_print(operand, _ADD)} is {'not ' if negated else ''}null", _CMP, need)
        case n.Binary(op=op, left=left, right=right):
            if op in _BINARY_PREC:
                prec = _BINARY_PREC[op]
                return _wrap(f"{_print(left, prec)} {op} {_print(right, prec + 1)}", prec, need)
            return _wrap(f"{_print(left, _ADD)} {op} {_print(right, _ADD)}", _CMP, need)
        case n.Cond(cond=c, then=t, else_=e):
            return _wrap(f"if {_print(c, _COND)} then {_print(t, _COND)} else {_print(e, _COND)}", _COND, need)
    assert_never(node)
