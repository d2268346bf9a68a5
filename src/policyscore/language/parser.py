"""Parse expression text into :mod:`nodes` with lark (LALR, built once).

The parse tree is turned into nodes without recursion, so a hostile
expression cannot exhaust Python's stack here; :data:`MAX_EXPR_LENGTH` and
:data:`MAX_EXPR_DEPTH` bound what the later passes (checker, interpreter,
code generator, all recursive) are given.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources
from typing import Any

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from policyscore.language import nodes as n

__all__ = ["ExprSyntaxError", "parse", "MAX_EXPR_LENGTH", "MAX_EXPR_DEPTH"]

#: The longest expression text, in characters.
MAX_EXPR_LENGTH = 20_000
#: The deepest expression tree: ``a + b + c`` is 3 levels deep, ``f(g(x))`` 3, ``-(-x)`` 3.
MAX_EXPR_DEPTH = 500
# Python frames the recursive passes may need per level of a tree, with room to spare.
_FRAMES_PER_LEVEL = 10


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


class _ToNodes:
    """Builds one node from a rule's meta (positions) and its already built children."""

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


_BUILDER = _ToNodes()


def _build(tree: Tree) -> n.Expr:
    """The nodes of a parse tree, built bottom-up with an explicit stack (no recursion).

    Raises :class:`ExprSyntaxError` at the first node deeper than :data:`MAX_EXPR_DEPTH`.
    """
    stack: list[tuple[Any, bool]] = [(tree, False)]
    built: list[tuple[Any, int]] = []  # (node, depth), in post-order
    while stack:
        item, ready = stack.pop()
        if not isinstance(item, Tree):
            built.append((item, 0))
            continue
        if not ready:
            stack.append((item, True))
            stack.extend((child, False) for child in reversed(item.children))
            continue
        count = len(item.children)
        parts = built[len(built) - count :] if count else []
        del built[len(built) - count :]
        children = [node for node, _ in parts]
        rule = str(item.data)
        method = getattr(_BUILDER, rule, None)
        node = method(item.meta, children) if method is not None else _BUILDER.__default__(rule, children, item.meta)
        is_expr = not isinstance(node, tuple)  # an argument list is not a level of its own
        depth = max((d for _, d in parts), default=0) + is_expr
        if depth > MAX_EXPR_DEPTH and is_expr:
            start = node.span[0]
            raise ExprSyntaxError(
                f"the expression nests too deeply (more than {MAX_EXPR_DEPTH} levels)",
                start,
                start + 1,
                "split it into lets",
            )
        built.append((node, depth))
    return built[0][0]  # type: ignore[no-any-return]


def _allow_deep_trees() -> None:
    """Give the recursive passes over a tree of :data:`MAX_EXPR_DEPTH` levels room on Python's stack."""
    needed = MAX_EXPR_DEPTH * _FRAMES_PER_LEVEL + 1000
    if sys.getrecursionlimit() < needed:
        sys.setrecursionlimit(needed)


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
    if len(text) > MAX_EXPR_LENGTH:
        raise ExprSyntaxError(
            f"the expression is {len(text)} characters long; the limit is {MAX_EXPR_LENGTH}",
            MAX_EXPR_LENGTH,
            MAX_EXPR_LENGTH + 1,
            "split it into lets",
        )
    _allow_deep_trees()
    try:
        return _build(_lark().parse(text))
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
