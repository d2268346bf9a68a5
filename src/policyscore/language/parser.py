"""Parse expression text into :mod:`nodes` with lark (LALR, built once)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from policyscore.language import nodes as n

__all__ = ["ExprSyntaxError", "parse"]


class ExprSyntaxError(Exception):
    """Raised for text that is not a valid expression; offsets are inside the text."""

    def __init__(self, message: str, start: int, end: int, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end
        self.hint = hint


@lru_cache(maxsize=1)
def _lark() -> Lark:
    grammar = resources.files(__package__).joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", propagate_positions=True, maybe_placeholders=True, cache=True)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0"}
_ESCAPE_RE = re.compile(r"\\(.)")


def _unescape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def _offsets(meta: Any) -> n.Offsets:
    return (meta.start_pos, meta.end_pos)


def _tok(tok: Token) -> n.Offsets:
    return (tok.start_pos or 0, tok.end_pos or 0)


_BINARY = {
    "add": "+",
    "sub": "-",
    "mul": "*",
    "div": "/",
    "mod": "%",
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
    "in_": "in",
    "not_in": "not in",
}


@v_args(meta=True)
class _ToNodes(Transformer):
    def number(self, meta: Any, children: list[Token]) -> n.Literal:
        text = str(children[0]).replace("_", "")
        value: int | float = float(text) if any(c in text for c in ".eE") else int(text)
        return n.Literal(value, _offsets(meta))

    def string(self, meta: Any, children: list[Token]) -> n.Literal:
        return n.Literal(_unescape(str(children[0])[1:-1]), _offsets(meta))

    def true(self, meta: Any, children: list[Any]) -> n.Literal:
        return n.Literal(True, _offsets(meta))

    def false(self, meta: Any, children: list[Any]) -> n.Literal:
        return n.Literal(False, _offsets(meta))

    def null(self, meta: Any, children: list[Any]) -> n.Literal:
        return n.Literal(None, _offsets(meta))

    def name(self, meta: Any, children: list[Token]) -> n.Name:
        return n.Name(str(children[0]), _offsets(meta))

    def arguments(self, meta: Any, children: list[Any]) -> tuple[n.Expr, ...]:
        return tuple(c for c in children if c is not None)

    def list_(self, meta: Any, children: list[Any]) -> n.ListExpr:
        return n.ListExpr(children[0] or (), _offsets(meta))

    def attr(self, meta: Any, children: list[Any]) -> n.Attr:
        obj, name = children
        return n.Attr(obj, str(name), _offsets(meta), _tok(name))

    def call(self, meta: Any, children: list[Any]) -> n.Call:
        name, args = children
        return n.Call(str(name), args or (), _offsets(meta), _tok(name))

    def neg(self, meta: Any, children: list[Any]) -> n.Unary:
        return n.Unary("-", children[0], _offsets(meta))

    def not_(self, meta: Any, children: list[Any]) -> n.Unary:
        return n.Unary("not", children[0], _offsets(meta))

    def and_(self, meta: Any, children: list[Any]) -> n.Logical:
        return n.Logical("and", children[0], children[1], _offsets(meta))

    def or_(self, meta: Any, children: list[Any]) -> n.Logical:
        return n.Logical("or", children[0], children[1], _offsets(meta))

    def is_null(self, meta: Any, children: list[Any]) -> n.IsNull:
        return n.IsNull(children[0], False, _offsets(meta))

    def is_not_null(self, meta: Any, children: list[Any]) -> n.IsNull:
        return n.IsNull(children[0], True, _offsets(meta))

    def cond(self, meta: Any, children: list[Any]) -> n.Cond:
        return n.Cond(children[0], children[1], children[2], _offsets(meta))

    def __default__(self, data: Any, children: list[Any], meta: Any) -> Any:
        op = _BINARY.get(str(data))
        if op is None:  # pragma: no cover - every grammar rule has a method
            raise ValueError(f"unknown rule {data}")
        return n.Binary(op, children[0], children[1], _offsets(meta))


_TRANSFORMER = _ToNodes()

_TERMINAL_TEXT = {
    "NAME": "a name",
    "NUMBER": "a number",
    "STRING": "a string",
    "$END": "the end of the expression",
}


def _describe_expected(expected: set[str]) -> str:
    lark = _lark()
    words = set()
    for name in expected:
        if name in _TERMINAL_TEXT:
            words.add(_TERMINAL_TEXT[name])
            continue
        try:
            pattern = lark.get_terminal(name).pattern
        except KeyError:
            words.add(name)
            continue
        words.add(f"'{pattern.value}'" if pattern.type == "str" else name)
    return ", ".join(sorted(words))


def parse(text: str) -> n.Expr:
    """Parse one expression; raise :class:`ExprSyntaxError` with offsets on bad input.

    Trees are frozen, so the tree of a text parsed before is shared (policies
    loaded again and again, as in mutation testing, parse each expression once).
    """
    if not isinstance(text, str):
        raise TypeError("expression text must be a string")
    return _parse(text)


@lru_cache(maxsize=4096)
def _parse(text: str) -> n.Expr:
    if not text.strip():
        raise ExprSyntaxError("empty expression", 0, max(len(text), 1))
    try:
        tree = _lark().parse(text)
        return _TRANSFORMER.transform(tree)  # type: ignore[no-any-return]
    except UnexpectedCharacters as exc:
        pos = exc.pos_in_stream or 0
        ch = text[pos] if pos < len(text) else ""
        hint = None
        if ch == "=":
            hint = "use '==' to compare"
        elif ch in "&|":
            hint = "use 'and' / 'or'"
        elif ch == "!":
            hint = "use 'not' or '!='"
        raise ExprSyntaxError(f"unexpected character {ch!r}", pos, pos + 1, hint) from None
    except UnexpectedEOF as exc:
        end = len(text.rstrip())
        raise ExprSyntaxError(
            f"the expression ends too early (expected {_describe_expected(set(exc.expected))})",
            max(end - 1, 0),
            max(end, 1),
        ) from None
    except UnexpectedToken as exc:
        tok = exc.token
        if tok.type == "$END":
            end = len(text.rstrip())
            raise ExprSyntaxError(
                f"the expression ends too early (expected {_describe_expected(set(exc.expected))})",
                max(end - 1, 0),
                max(end, 1),
            ) from None
        start = tok.start_pos or 0
        hint = None
        if str(tok) in ("<", "<=", ">", ">=", "==", "!="):
            hint = "comparisons do not chain: write 'a < b and b < c'"
        raise ExprSyntaxError(
            f"unexpected {str(tok)!r} (expected {_describe_expected(set(exc.expected))})",
            start,
            tok.end_pos or start + 1,
            hint,
        ) from None
    except UnexpectedInput as exc:  # pragma: no cover - other lark input errors
        pos = getattr(exc, "pos_in_stream", 0) or 0
        raise ExprSyntaxError("invalid expression", pos, pos + 1) from None
    except VisitError as exc:  # pragma: no cover - node construction bug
        raise exc.orig_exc from None
