"""Hypothesis strategies for random, well-typed expressions that read the record.

:func:`reading` builds expressions of one kind in which at least one record
field is read (so the compiled code, not constant folding, computes them);
:func:`anything` may also give constants.  Every generated expression carries
the fields it reads and the functions it calls, so tests can check that the
strategy reaches every function of the language.

The functions are listed in :data:`SIGNATURES`, one entry per function of
``policyscore.language.functions.FUNCTIONS`` (a test fails when one is
missing): each entry gives the kinds of its arguments for every way the
strategy calls it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from hypothesis import strategies as st

from policyscore.language import nodes as n

SPAN = (0, 0)

# Kinds of values: the language's types as the strategy needs them.
NUM, STR, BOOL, DATE, LSTR, LNUM = "number", "string", "boolean", "date", "list[string]", "list[number]"
KINDS = (NUM, STR, BOOL, DATE, LSTR, LNUM)

#: The record fields, declared with these types (or not declared at all).
FIELDS: dict[str, str] = {
    "n": "number",
    "nn": "number?",
    "i": "integer",
    "ii": "integer?",
    "s": "string",
    "ss": "string?",
    "b": "boolean",
    "bb": "boolean?",
    "d": "date",
    "dd": "date?",
    "ls": "list[string]?",
    "ln": "list[number]",
    "addr.city": "string?",
}
_FIELDS_OF: dict[str, tuple[str, ...]] = {
    NUM: ("n", "nn", "i", "ii"),
    STR: ("s", "ss", "addr.city"),
    BOOL: ("b", "bb"),
    DATE: ("d", "dd"),
    LSTR: ("ls",),
    LNUM: ("ln",),
}


@dataclass(frozen=True)
class Gen:
    """A generated expression with the record fields it reads and the functions it calls."""

    node: n.Expr
    fields: frozenset[str] = frozenset()
    funcs: frozenset[str] = frozenset()


def _join(node: n.Expr, parts: list[Gen], func: str | None = None) -> Gen:
    fields = frozenset().union(*(p.fields for p in parts)) if parts else frozenset()
    funcs = frozenset().union(*(p.funcs for p in parts)) if parts else frozenset()
    return Gen(node, fields, funcs | {func} if func else funcs)


def lit(value: object) -> n.Expr:
    """A literal as the parser reads it back (a negative number is a minus applied to a literal)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and (value < 0 or str(value).startswith("-")):
        return n.Unary("-", n.Literal(-value, SPAN), SPAN)
    return n.Literal(value, SPAN)


def call(func: str, *args: n.Expr) -> n.Expr:
    return n.Call(func, tuple(args), SPAN, SPAN)


def field_node(name: str) -> n.Expr:
    root, _, rest = name.partition(".")
    node: n.Expr = n.Name(root, SPAN)
    return n.Attr(node, rest, SPAN, SPAN) if rest else node


# ---------------------------------------------------------------- values (literals and records share them)

# Magnitudes stay small enough that no generated expression overflows: a value that cannot be
# computed at all rejects its record, and the compiled code skips the arguments after a null one
# (see test_a_type_error_after_a_null_argument), so such records would not compare.

NUMBERS = [0, 1, -1, 2, 3, 7, -7, 12, 100, 0.5, -2.5, 2.675, 0.1, 0.595, 1e-09, 3.0, -0.0, 12345.5]
INTEGERS = [0, 1, -1, 2, 3, -3, 12, 31]
WORDS = ["", "a", "Ab", "VP of Sales", "  x ", "é", "ß", "sales", "a.b", "2026-02-28", "2024-02-29", "2026-02-31", "(", "[0-9]+"]
PATTERNS = ["", "^a", "s$", "[0-9]+", "a.b", "(?i)vp", "^$", "\\s"]
DATES = [
    date(2024, 1, 31),
    date(2024, 2, 29),
    date(2025, 2, 28),
    date(2026, 1, 31),
    date(2026, 3, 31),
    date(2026, 4, 30),
    date(2026, 10, 31),
    date(2026, 11, 1),
    date(2026, 11, 30),
    date(2027, 12, 31),
    date(2020, 1, 1),
]

# Zero comes up often on its own: divisors, `%`, logarithms and square roots turn on it.
numbers = st.one_of(
    st.sampled_from([0, -0.0, 0.0]),
    st.sampled_from(NUMBERS),
    st.integers(-1000, 1000),
    st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False),
)
integers = st.one_of(st.just(0), st.sampled_from(INTEGERS), st.integers(-20, 20))
words = st.one_of(st.sampled_from(WORDS), st.text(alphabet="aAbé -", max_size=4))
dates = st.one_of(st.sampled_from(DATES), st.dates(min_value=date(2019, 1, 1), max_value=date(2028, 12, 31)))

_LITERALS: dict[str, st.SearchStrategy[Any]] = {
    NUM: numbers.map(lit),
    STR: words.map(lit),
    BOOL: st.booleans().map(lit),
    DATE: dates.map(lambda d: call("date", lit(d.isoformat()))),
    LSTR: st.lists(words, max_size=3).map(lambda xs: n.ListExpr(tuple(lit(x) for x in xs), SPAN)),
    LNUM: st.lists(numbers, max_size=3).map(lambda xs: n.ListExpr(tuple(lit(x) for x in xs), SPAN)),
}


def constant(kind: str) -> st.SearchStrategy[Gen]:
    """A literal of ``kind`` (a date literal is a call of ``date``)."""
    return _LITERALS[kind].map(lambda node: Gen(node, frozenset(), frozenset({"date"}) if kind == DATE else frozenset()))


def field_of(kind: str) -> st.SearchStrategy[Gen]:
    return st.sampled_from(_FIELDS_OF[kind]).map(lambda f: Gen(field_node(f), frozenset({f.partition(".")[0]})))


# ---------------------------------------------------------------- functions

# An argument is a kind (any expression of it) or a fixed strategy of Gens (literal settings).
_Arg = Any
_DECIMALS = st.one_of(
    st.integers(-2, 3).map(lambda k: Gen(lit(k))), st.sampled_from(["i", "ii"]).map(lambda f: Gen(field_node(f), frozenset({f})))
)
_SCALE_BOUND = st.sampled_from([0, 1, 10, 100, -5, 2.5]).map(lambda k: Gen(lit(k)))
_PATTERN = st.sampled_from(PATTERNS).map(lambda p: Gen(lit(p)))

#: For each function: (result kind, argument kinds) for every way the strategy calls it.
SIGNATURES: dict[str, list[tuple[str, tuple[_Arg, ...]]]] = {
    "min": [(NUM, (NUM, NUM)), (NUM, (NUM, NUM, NUM)), (STR, (STR, STR)), (DATE, (DATE, DATE))],
    "max": [(NUM, (NUM, NUM)), (STR, (STR, STR)), (DATE, (DATE, DATE, DATE))],
    "abs": [(NUM, (NUM,))],
    "round": [(NUM, (NUM,)), (NUM, (NUM, _DECIMALS))],
    "floor": [(NUM, (NUM,))],
    "ceil": [(NUM, (NUM,))],
    "clamp": [(NUM, (NUM, NUM, NUM))],
    "scale": [(NUM, (NUM, _SCALE_BOUND, _SCALE_BOUND)), (NUM, (NUM, NUM, NUM))],
    "log": [(NUM, (NUM,)), (NUM, (NUM, NUM))],
    "sqrt": [(NUM, (NUM,))],
    "coalesce": [(NUM, (NUM, NUM)), (STR, (STR, STR, STR)), (DATE, (DATE, DATE)), (BOOL, (BOOL, BOOL)), (LSTR, (LSTR, LSTR))],
    "len": [(NUM, (STR,)), (NUM, (LSTR,)), (NUM, (LNUM,))],
    "lower": [(STR, (STR,))],
    "upper": [(STR, (STR,))],
    "trim": [(STR, (STR,))],
    "contains": [(BOOL, (STR, STR)), (BOOL, (LSTR, STR)), (BOOL, (LNUM, NUM))],
    "starts_with": [(BOOL, (STR, STR))],
    "ends_with": [(BOOL, (STR, STR))],
    "matches": [(BOOL, (STR, _PATTERN)), (BOOL, (STR, STR))],
    "date": [(DATE, (STR,)), (DATE, (DATE,))],
    "days_between": [(NUM, (DATE, DATE))],
    "months_between": [(NUM, (DATE, DATE))],
    "year": [(NUM, (DATE,))],
    "month": [(NUM, (DATE,))],
    "day": [(NUM, (DATE,))],
    "sum": [(NUM, (LNUM,))],
    "count": [(NUM, (LNUM,)), (NUM, (LSTR,))],
}


# ---------------------------------------------------------------- operators


def _binary(op: str) -> Any:
    return lambda a, b: n.Binary(op, a, b, SPAN)


def _logical(op: str) -> Any:
    return lambda a, b: n.Logical(op, a, b, SPAN)


def _cond(c: n.Expr, a: n.Expr, b: n.Expr) -> n.Expr:
    return n.Cond(c, a, b, SPAN)


_ORDER = ["==", "!=", "<", "<=", ">", ">="]

#: Operators: (result kind, node builder, argument kinds).
OPERATORS: list[tuple[str, Any, tuple[str, ...]]] = [
    *[(NUM, _binary(op), (NUM, NUM)) for op in ["+", "-", "*", "/", "%"]],
    (NUM, lambda a: n.Unary("-", a, SPAN), (NUM,)),
    *[(BOOL, _binary(op), (NUM, NUM)) for op in _ORDER],
    *[(BOOL, _binary(op), (STR, STR)) for op in _ORDER],
    *[(BOOL, _binary(op), (DATE, DATE)) for op in _ORDER],
    *[(BOOL, _binary(op), (BOOL, BOOL)) for op in ["==", "!="]],
    *[(BOOL, _binary(op), (NUM, LNUM)) for op in ["in", "not in"]],
    *[(BOOL, _binary(op), (STR, LSTR)) for op in ["in", "not in"]],
    (BOOL, _logical("and"), (BOOL, BOOL)),
    (BOOL, _logical("or"), (BOOL, BOOL)),
    (BOOL, lambda a: n.Unary("not", a, SPAN), (BOOL,)),
    *[(BOOL, lambda a, neg=neg: n.IsNull(a, neg, SPAN), (k,)) for k in KINDS for neg in (False, True)],
    *[(k, _cond, (BOOL, k, k)) for k in KINDS],
]


@st.composite
def _apply(draw: Any, make: Any, args: tuple[_Arg, ...], depth: int, func: str | None) -> Gen:
    """``make`` applied to arguments of ``args``; one argument (chosen at random) reads a field."""
    free = [i for i, a in enumerate(args) if isinstance(a, str)]
    reader = draw(st.sampled_from(free))
    parts = []
    for i, a in enumerate(args):
        if not isinstance(a, str):
            parts.append(draw(a))
        elif i == reader:
            parts.append(draw(reading(a, depth - 1)))
        else:
            parts.append(draw(anything(a, depth - 1)))
    return _join(make(*(p.node for p in parts)), parts, func)


@st.composite
def _list_of(draw: Any, item: str, depth: int) -> Gen:
    """A list written out, with at least one item that reads a field."""
    parts = draw(st.lists(anything(item, depth - 1), max_size=2))
    parts.insert(draw(st.integers(0, len(parts))), draw(reading(item, depth - 1)))
    return _join(n.ListExpr(tuple(p.node for p in parts), SPAN), parts)


@cache
def reading(kind: str, depth: int = 3) -> st.SearchStrategy[Gen]:
    """Expressions of ``kind`` that read at least one record field."""
    if depth <= 0:
        return field_of(kind)
    calls = [
        _apply(lambda *a, name=name: call(name, *a), args, depth, name)
        for name, variants in SIGNATURES.items()
        for result, args in variants
        if result == kind
    ]
    operators = [_apply(make, args, depth, None) for result, make, args in OPERATORS if result == kind]
    if kind in (LSTR, LNUM):
        operators.append(_list_of(STR if kind == LSTR else NUM, depth))
    # A field, a function call or an operator, each as likely (there are many more operators than fields).
    return st.one_of(field_of(kind), st.one_of(*calls), st.one_of(*operators))


@cache
def anything(kind: str, depth: int = 3) -> st.SearchStrategy[Gen]:
    """Expressions of ``kind``, constant or not."""
    return st.one_of(constant(kind), reading(kind, depth))


@st.composite
def rooted_at(draw: Any, name: str, depth: int = 3) -> tuple[str, Gen]:
    """A call of the function ``name`` (any of its signatures), with its kind."""
    result, args = draw(st.sampled_from(SIGNATURES[name]))
    return result, draw(_apply(lambda *a: call(name, *a), args, depth, name))


#: Whole expressions with their kind: half are calls of a function drawn from the table, half of any shape.
top_level = st.one_of(
    st.sampled_from(sorted(SIGNATURES)).flatmap(rooted_at),
    st.sampled_from(KINDS).flatmap(lambda k: reading(k, 3).map(lambda g: (k, g))),
)
