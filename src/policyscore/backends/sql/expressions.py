"""One expression of the policy language as a sqlglot expression, with the language's meaning.

Every rule of ``docs/language.md`` is written out rather than left to the SQL
engine's defaults: division and ``%`` by zero give NULL (DuckDB would give
infinity, Spark in ANSI mode would raise), ``%`` takes the sign of the divisor,
``log``/``sqrt`` of bad inputs give NULL, ``x in [a, null]`` is false when
``x`` is not found, ``min``/``max`` are NULL when any argument is, comparisons
with a NaN are false as in Python (SQL orders NaN above every number), text
functions use Python's white space and case mappings, and regular expressions
are rewritten by :mod:`policyscore.backends.sql.regex`.

Numbers are DOUBLE everywhere, which is what the Python engine computes with
(integers below 2 ** 53 are exact in both).  A value that needs a long
computation (the rounding rule) is given columns of its own through
:class:`Columns`, so the query stays linear in the size of the policy.

What cannot be expressed exactly raises :class:`Unsupported` naming the
construct; the caller turns it into a PS701 problem at the expression's position.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from policyscore.backends.sql import rounding as r
from policyscore.backends.sql.dates import date_from_text, months_from
from policyscore.backends.sql.final_sigma import final_sigma
from policyscore.backends.sql.regex import SPACE_CHARS, RegexUnsupported, portable_pattern
from policyscore.language import nodes as n
from policyscore.language.types import Type

__all__ = ["Unsupported", "Column", "Columns", "ExprCompiler", "sql_type", "MAX_ROUND_DECIMALS"]

DOUBLE = exp.DataType.build("DOUBLE")
MAX_ROUND_DECIMALS = 7
_TWO_52 = float(2**52)

# Characters whose Python case mapping is more than one character (the engines map them to one).
_LOWER_SPECIAL = {c: c.lower() for c in map(chr, range(0x10000)) if len(c.lower()) > 1}  # SpecialCasing.txt: BMP only
_UPPER_SPECIAL = {c: c.upper() for c in map(chr, range(0x10000)) if len(c.upper()) > 1}


class Unsupported(Exception):
    """A construct the SQL back end cannot compute with the language's exact meaning."""

    def __init__(self, message: str, node: n.Expr | None = None):
        super().__init__(message)
        self.node = node


@dataclass
class Column:
    """A computed column: its expression and the columns it reads."""

    name: str
    expr: exp.Expr
    deps: frozenset[str]


@dataclass
class Columns:
    """Every computed column of the query, by name, in the order they were made."""

    by_name: dict[str, Column] = field(default_factory=dict)
    counter: int = 0

    def add(self, hint: str, expr: exp.Expr, deps: set[str] | frozenset[str]) -> str:
        self.counter += 1
        name = f"_ps_{hint}_{self.counter}"
        self.by_name[name] = Column(name, expr, frozenset(deps))
        return name


def col(name: str) -> exp.Column:
    return exp.column(exp.to_identifier(name, quoted=True))


def sql_type(t: Type) -> exp.DataType:
    """The SQL type a value of the language's type ``t`` has in the query."""
    kind = t.kind
    if kind == "number":
        return exp.DataType(this=exp.DataType.Type.DOUBLE)
    if kind == "string":
        return exp.DataType.build("VARCHAR")
    if kind == "boolean":
        return exp.DataType.build("BOOLEAN")
    if kind == "date":
        return exp.DataType.build("DATE")
    if kind == "datetime":
        return exp.DataType.build("TIMESTAMP")
    if kind == "list" and t.item is not None and t.item.kind not in ("any", "list", "object"):
        return exp.DataType(this=exp.DataType.Type.ARRAY, expressions=[sql_type(t.item)], nested=True)
    raise Unsupported(f"a value of type {t.describe()} (the SQL back end needs declared scalar, list or object types)")


def _and(*items: exp.Expr) -> exp.Expr:
    return r.AND(*[exp.paren(i.copy()) for i in items])


def _or(*items: exp.Expr) -> exp.Expr:
    return r.OR(*[exp.paren(i.copy()) for i in items])


def _is_null(e: exp.Expr) -> exp.Expr:
    return exp.Is(this=exp.paren(e.copy()), expression=exp.null())


def _null_if_any_null(args: list[exp.Expr], value: exp.Expr, nullable: list[bool]) -> exp.Expr:
    checks = [_is_null(a) for a, may in zip(args, nullable) if may]
    if not checks:
        return value
    return exp.Case().when(_or(*checks) if len(checks) > 1 else checks[0], exp.null(), copy=False).else_(value, copy=False)


def _finite(e: exp.Expr) -> exp.Expr:
    """True for a finite number (NULL for NULL): ``x - x = 0`` is false for infinities and NaN in every engine."""
    x = e.copy() if isinstance(e, exp.Column) else exp.paren(e.copy())  # x = a + 1: (a + 1) - (a + 1), not a + 1 - a + 1
    return exp.EQ(this=exp.paren(exp.Sub(this=x, expression=x.copy())), expression=r.dbl(0))


def _isnan(e: exp.Expr) -> exp.Expr:
    return exp.IsNan(this=e.copy())


@dataclass
class _Info:
    """What is known about a compiled value when the policy is loaded."""

    may_null: bool
    may_nan: bool  # may be NaN (only after an overflow to infinity)
    may_inf: bool


class ExprCompiler:
    """Compiles the folded, typed trees of one policy; ``fallback`` collects the conditions under which a
    record must be scored by the Python engine instead (values the SQL cannot compute exactly)."""

    def __init__(self, columns: Columns, names: dict[str, tuple[str, _Info]], as_of: dt.date):
        self.columns = columns
        self.names = names  # language name -> (column, info)
        self.as_of = as_of
        self.deps: set[str] = set()
        self.fallback: list[tuple[exp.Expr, frozenset[str]]] = []

    # ------------------------------------------------------------ entry points
    def compile(self, node: n.Expr, reach: exp.Expr | None = None) -> tuple[exp.Expr, frozenset[str], _Info]:
        """``node`` as SQL, the columns it reads, and what is known about its value."""
        outer = self.deps
        self.deps = set()
        try:
            sql, info = self._expr(node, reach)
            return sql, frozenset(self.deps), info
        finally:
            self.deps = outer | self.deps

    # ------------------------------------------------------------ helpers
    def _hoist(self, hint: str, e: exp.Expr, deps: set[str]) -> exp.Expr:
        name = self.columns.add(hint, e, deps)
        self.deps.add(name)
        return col(name)

    def _needs_python(self, condition: exp.Expr, reach: exp.Expr | None) -> None:
        cond = condition if reach is None else _and(reach, condition)
        item = (exp.func("COALESCE", exp.paren(cond), exp.false()), frozenset(self.deps))
        if item not in self.fallback:  # the same test twice (lower() of one field in two places) is computed once
            self.fallback.append(item)

    def _sub(self, node: n.Expr, reach: exp.Expr | None) -> tuple[exp.Expr, _Info]:
        return self._expr(node, reach)

    # ------------------------------------------------------------ the tree
    def _expr(self, node: n.Expr, reach: exp.Expr | None) -> tuple[exp.Expr, _Info]:
        t = node.type
        if t is not None and t.kind == "any":
            raise Unsupported("a value of undeclared type (declare the record's fields for the SQL back end)", node)
        if t is not None and t.kind == "datetime" and not isinstance(node, n.Name | n.Attr):
            raise Unsupported("a date-time value other than a field read by a date function", node)
        match node:
            case n.Literal(value=value):
                return self._literal(value, node), _Info(value is None, False, False)
            case n.ListExpr():
                raise Unsupported("a list built from computed items outside 'in', 'contains', 'len', 'sum' or 'count'", node)
            case n.Name(name=name):
                if name == "as_of":
                    return r.CAST(exp.Literal.string(self.as_of.isoformat()), exp.DataType.build("DATE")), _Info(False, False, False)
                if name not in self.names:  # a let whose own expression the back end could not compute
                    raise Unsupported(f"let '{name}'", node)
                column, info = self.names[name]
                self.deps.add(column)
                return col(column), info
            case n.Attr(obj=obj, name=name):
                base, info = self._sub(obj, reach)
                return exp.Dot(this=base, expression=exp.to_identifier(name, quoted=True)), _Info(True, False, False)
            case n.Unary(op="-", operand=operand):
                v, info = self._sub(operand, reach)
                return exp.Neg(this=exp.paren(v)), info
            case n.Unary(operand=operand):
                v, info = self._sub(operand, reach)
                return exp.Not(this=exp.paren(v)), _Info(info.may_null, False, False)
            case n.Logical(op=op, left=left, right=right):
                a, ia = self._sub(left, reach)
                b, ib = self._sub(right, reach)
                make = r.AND if op == "and" else r.OR
                return exp.paren(make(exp.paren(a), exp.paren(b))), _Info(ia.may_null or ib.may_null, False, False)
            case n.IsNull(operand=operand, negated=negated):
                v, _ = self._sub(operand, reach)
                test: exp.Expr = exp.Is(this=exp.paren(v), expression=exp.null())
                return (exp.Not(this=test) if negated else test), _Info(False, False, False)
            case n.Cond(cond=c, then=then, else_=else_):
                cv, ci = self._sub(c, reach)
                true = exp.Is(this=exp.paren(cv), expression=exp.true())
                false = exp.Is(this=exp.paren(cv.copy()), expression=exp.false())
                tv, ti = self._sub(then, true if reach is None else _and(reach, true))
                ev, ei = self._sub(else_, false if reach is None else _and(reach, false))
                out = exp.Case().when(true.copy(), tv, copy=False).when(false.copy(), ev, copy=False).else_(exp.null(), copy=False)
                return out, _Info(ci.may_null or ti.may_null or ei.may_null, ti.may_nan or ei.may_nan, ti.may_inf or ei.may_inf)
            case n.Binary(op=op, left=left, right=right):
                return self._binary(node, op, left, right, reach)
            case n.Call(func=func, args=args):
                return self._call(node, func, args, reach)
        raise Unsupported(f"the construct {type(node).__name__}", node)  # pragma: no cover

    def _literal(self, value: Any, node: n.Expr) -> exp.Expr:
        if value is None:
            t = node.type
            return r.CAST(exp.null(), sql_type(t)) if t is not None and t.kind not in ("null", "any") else exp.null()
        if value is True or value is False:
            return exp.true() if value else exp.false()
        if isinstance(value, int | float):
            if isinstance(value, int) and abs(value) > sys.float_info.max:
                raise Unsupported("a number literal too large for a double", node)
            if not math.isfinite(value):
                raise Unsupported("a literal infinity or NaN", node)
            return r.dbl(value)
        if isinstance(value, str):
            return exp.Literal.string(value)
        if isinstance(value, dt.datetime):
            raise Unsupported("a literal date-time", node)
        if isinstance(value, dt.date):
            return r.CAST(exp.Literal.string(value.isoformat()), exp.DataType.build("DATE"))
        if isinstance(value, list | tuple):
            items = [self._literal(v, node) for v in value if v is not None]
            return exp.Array(expressions=items)
        raise Unsupported(f"a literal {type(value).__name__}", node)

    # ------------------------------------------------------------ operators
    def _binary(self, node: n.Expr, op: str, left: n.Expr, right: n.Expr, reach: exp.Expr | None) -> tuple[exp.Expr, _Info]:
        if op in n.MEMBERSHIP:
            found = self._member(left, right, reach)
            return (found if op == "in" else exp.Not(this=exp.paren(found))), _Info(True, False, False)
        a, ia = self._sub(left, reach)
        b, ib = self._sub(right, reach)
        may_null = ia.may_null or ib.may_null
        if op in n.COMPARISON:
            for side in (left, right):
                if side.type is not None and side.type.kind in ("datetime", "list", "object"):
                    raise Unsupported(f"comparing {side.type.kind} values", node)
            return self._compare(op, a, b, ia.may_nan or ib.may_nan), _Info(may_null, False, False)
        nan = ia.may_nan or ib.may_nan or ia.may_inf or ib.may_inf
        a, b = exp.paren(a), exp.paren(b)
        if op == "+":
            return exp.Add(this=a, expression=b), _Info(may_null, nan, True)
        if op == "-":
            return exp.Sub(this=a, expression=b), _Info(may_null, nan, True)
        if op == "*":
            return exp.Mul(this=a, expression=b), _Info(may_null, nan, True)
        zero = exp.EQ(this=b.copy(), expression=r.dbl(0))
        if op == "/":
            div = exp.Div(this=a, expression=b)
            return exp.Case().when(zero, exp.null(), copy=False).else_(div, copy=False), _Info(True, nan, True)
        # %: C's remainder has the sign of the dividend; Python's the sign of the divisor.
        m = self._hoist(
            "mod", exp.Case().when(zero, exp.null(), copy=False).else_(exp.Mod(this=a, expression=b), copy=False), set(self.deps)
        )
        fix = _and(
            exp.NEQ(this=m.copy(), expression=r.dbl(0)),
            exp.NEQ(
                this=exp.paren(exp.LT(this=m.copy(), expression=r.dbl(0))), expression=exp.paren(exp.LT(this=b.copy(), expression=r.dbl(0)))
            ),
        )
        return exp.Case().when(fix, exp.Add(this=m.copy(), expression=b.copy()), copy=False).else_(m, copy=False), _Info(True, True, True)

    def _compare(self, op: str, a: exp.Expr, b: exp.Expr, nan: bool) -> exp.Expr:
        kinds: dict[str, Callable[..., exp.Expr]] = {
            "==": exp.EQ,
            "!=": exp.NEQ,
            "<": exp.LT,
            "<=": exp.LTE,
            ">": exp.GT,
            ">=": exp.GTE,
        }
        plain = kinds[op](this=exp.paren(a), expression=exp.paren(b))
        if not nan:
            return plain
        # Python: every comparison with NaN is false, except != which is true.
        return exp.Case().when(_or(_isnan(a), _isnan(b)), exp.true() if op == "!=" else exp.false(), copy=False).else_(plain, copy=False)

    def _member(self, item: n.Expr, container: n.Expr, reach: exp.Expr | None) -> exp.Expr:
        x, _ = self._sub(item, reach)
        if isinstance(container, n.ListExpr):
            checks = []
            for it in container.items:
                v, _ = self._sub(it, reach)
                checks.append(exp.func("COALESCE", exp.EQ(this=exp.paren(x.copy()), expression=exp.paren(v)), exp.false()))
            found: exp.Expr = _or(*checks) if len(checks) > 1 else (checks[0] if checks else exp.false())
            return exp.Case().when(_is_null(x), exp.null(), copy=False).else_(found, copy=False)
        if isinstance(container, n.Literal) and isinstance(container.value, list | tuple):
            values = [self._literal(v, container) for v in container.value if v is not None]
            found = exp.In(this=exp.paren(x.copy()), expressions=values) if values else exp.false()
            return exp.Case().when(_is_null(x), exp.null(), copy=False).else_(found, copy=False)
        lst, _ = self._sub(container, reach)
        contains = exp.func("COALESCE", exp.ArrayContains(this=lst, expression=x.copy()), exp.false())
        return exp.Case().when(_or(_is_null(x), _is_null(lst)), exp.null(), copy=False).else_(contains, copy=False)

    # ------------------------------------------------------------ functions
    def _call(self, node: n.Call, func: str, args: tuple[n.Expr, ...], reach: exp.Expr | None) -> tuple[exp.Expr, _Info]:
        if func in ("in_list",):  # pragma: no cover - no such function
            raise Unsupported(func, node)
        if func in ("contains",) and args[0].type is not None and args[0].type.kind == "list":
            return self._member(args[1], args[0], reach), _Info(True, False, False)
        if func in ("len", "count", "sum") and isinstance(args[0], n.ListExpr):
            return self._list_call(func, args[0], reach)
        if func == "matches":
            return self._matches(node, args, reach)
        if func == "round":
            return self._round(node, args, reach)
        compiled = [self._sub(a, reach) for a in args]
        values = [c[0] for c in compiled]
        infos = [c[1] for c in compiled]
        nullable = [i.may_null for i in infos]
        nan = any(i.may_nan or i.may_inf for i in infos)
        v = values
        info = _Info(any(nullable), nan, nan)
        if func in ("min", "max"):
            kind = args[0].type.kind if args[0].type is not None else "number"
            if kind == "datetime":
                raise Unsupported(f"{func}() of date-time values", node)
            if any(i.may_nan or i.may_inf for i in infos):
                # Python keeps the first argument unless a later one compares smaller (larger), NaN never does.
                best = v[0]
                for item in v[1:]:
                    better = self._compare("<" if func == "min" else ">", item, best, True)
                    best = self._hoist(
                        func, exp.Case().when(better, item.copy(), copy=False).else_(best.copy(), copy=False), set(self.deps)
                    )
                return _null_if_any_null(v, best, [True] * len(v)), info
            make = exp.Least if func == "min" else exp.Greatest
            out = make(this=v[0], expressions=v[1:]) if len(v) > 1 else v[0]
            return _null_if_any_null(v, out, [True] * len(v)), info
        if func == "abs":
            return exp.Abs(this=v[0]), info
        if func in ("floor", "ceil"):
            # Python raises for infinity and NaN (the record is rejected): the Python engine decides.
            if infos[0].may_inf or infos[0].may_nan:
                self._needs_python(exp.Not(this=exp.paren(_finite(v[0]))), reach)
            rounder = exp.Floor if func == "floor" else exp.Ceil
            big = exp.GTE(this=exp.Abs(this=v[0].copy()), expression=r.dbl(_TWO_52))
            out = exp.Case().when(big, v[0].copy(), copy=False).else_(r.CAST(rounder(this=v[0].copy()), DOUBLE), copy=False)
            return out, _Info(infos[0].may_null, False, False)
        if func == "clamp":
            x, lo, hi = v
            swap = self._compare(">", lo, hi, nan)
            lo_h = exp.Case().when(swap, hi.copy(), copy=False).else_(lo.copy(), copy=False)
            hi_h = exp.Case().when(swap.copy(), lo.copy(), copy=False).else_(hi.copy(), copy=False)
            out = (
                exp.Case()
                .when(self._compare("<", x, lo_h, nan), lo_h.copy(), copy=False)
                .when(self._compare(">", x.copy(), hi_h, nan), hi_h.copy(), copy=False)
                .else_(x.copy(), copy=False)
            )
            return _null_if_any_null(v, out, nullable), info
        if func == "scale":
            return self._scale(v, nullable, nan), _Info(any(nullable), nan, False)
        if func == "log":
            x = v[0]
            bad = self._compare("<=", x, r.dbl(0), nan)
            if len(v) == 1:
                out = exp.Case().when(bad, exp.null(), copy=False).else_(exp.Ln(this=x.copy()), copy=False)
            else:
                base = v[1]
                bad = _or(bad, self._compare("<=", base, r.dbl(0), nan), self._compare("==", base.copy(), r.dbl(1), nan))
                out = (
                    exp.Case()
                    .when(bad, exp.null(), copy=False)
                    .else_(exp.Div(this=exp.Ln(this=x.copy()), expression=exp.Ln(this=base.copy())), copy=False)
                )
            return _null_if_any_null(v, out, nullable), _Info(True, nan, nan)
        if func == "sqrt":
            out = (
                exp.Case()
                .when(self._compare("<", v[0], r.dbl(0), nan), exp.null(), copy=False)
                .else_(exp.Sqrt(this=v[0].copy()), copy=False)
            )
            return out, _Info(True, nan, nan)
        if func == "coalesce":
            out = exp.func("COALESCE", *v) if len(v) > 1 else v[0]
            return out, _Info(all(nullable), nan, nan)
        if func == "len":
            if args[0].type is not None and args[0].type.kind == "list":
                size = exp.ArraySize(this=v[0])
                return exp.Case().when(_is_null(v[0]), exp.null(), copy=False).else_(r.CAST(size, DOUBLE), copy=False), _Info(
                    nullable[0], False, False
                )
            return r.CAST(exp.Length(this=v[0]), DOUBLE), _Info(nullable[0], False, False)
        if func == "lower":
            # Python lowers a word-final capital sigma to 'ς' (Unicode's Final_Sigma), the engines to 'σ': such a
            # text is the Python engine's.  The pattern runs in a CASE branch, on the texts holding a sigma alone
            # (both sides of an AND run on every row: about 0.13 s of CPU per million texts).
            sigma = exp.GT(this=exp.StrPosition(this=v[0].copy(), substr=exp.Literal.string("\u03a3")), expression=exp.Literal.number(0))
            final = exp.RegexpLike(this=v[0].copy(), expression=exp.Literal.string(final_sigma()))
            self._needs_python(exp.Case().when(sigma, final, copy=False).else_(exp.false(), copy=False), reach)
            return exp.Lower(this=_replace_all(v[0], _LOWER_SPECIAL)), info
        if func == "upper":
            return exp.Upper(this=_replace_all(v[0], _UPPER_SPECIAL)), info
        if func == "trim":
            return exp.Trim(this=v[0], expression=exp.Literal.string(SPACE_CHARS)), info
        if func == "contains":
            found = exp.GT(this=exp.StrPosition(this=v[0], substr=v[1]), expression=exp.Literal.number(0))
            return _null_if_any_null(v, found, nullable), info
        if func == "starts_with":
            return exp.StartsWith(this=v[0], expression=v[1]), info
        if func == "ends_with":
            return exp.EndsWith(this=v[0], expression=v[1]), info
        if func == "date":
            return self._date(v[0], args[0]), _Info(True, False, False)
        if func in ("days_between", "months_between"):
            a, b = (self._day(x, arg) for x, arg in zip(v, args))
            if func == "days_between":
                out = exp.DateDiff(this=b, expression=a, unit=exp.var("DAY"))
            else:
                out = (
                    exp.Case()
                    .when(exp.GTE(this=b.copy(), expression=a.copy()), months_from(a, b), copy=False)
                    .else_(exp.Neg(this=exp.paren(months_from(b, a))), copy=False)
                )
            return r.CAST(out, DOUBLE), _Info(any(nullable), False, False)
        if func in ("year", "month", "day"):
            part = {"year": exp.Year, "month": exp.Month, "day": exp.Day}[func]
            return r.CAST(part(this=self._day(v[0], args[0])), DOUBLE), info
        if func == "sum":
            total = exp.Reduce(
                this=v[0],
                initial=r.dbl(0),
                merge=exp.Lambda(
                    this=exp.Add(this=exp.column("_ps_acc"), expression=exp.column("_ps_item")),
                    expressions=[exp.to_identifier("_ps_acc"), exp.to_identifier("_ps_item")],
                ),
            )
            return exp.Case().when(_is_null(v[0]), exp.null(), copy=False).else_(total, copy=False), _Info(nullable[0], True, True)
        if func == "count":
            counted = r.CAST(exp.ArraySize(this=v[0]), DOUBLE)
            return exp.Case().when(_is_null(v[0]), exp.null(), copy=False).else_(counted, copy=False), _Info(nullable[0], False, False)
        raise Unsupported(f"the function {func}()", node)

    def _list_call(self, func: str, lst: n.ListExpr, reach: exp.Expr | None) -> tuple[exp.Expr, _Info]:
        items = [self._sub(i, reach) for i in lst.items]
        if func == "len":
            return r.dbl(len(items)), _Info(False, False, False)
        if func == "count":
            terms = [exp.Case().when(_is_null(v), r.dbl(0), copy=False).else_(r.dbl(1), copy=False) for v, _ in items]
            total: exp.Expr = r.dbl(0)
            for t in terms:
                total = exp.Add(this=total, expression=t)
            return total, _Info(False, False, False)
        total = r.dbl(0)
        for v, _ in items:
            total = exp.Add(this=total, expression=exp.paren(v))
        return _null_if_any_null([v for v, _ in items], total, [i.may_null for _, i in items]), _Info(True, True, True)

    def _matches(self, node: n.Call, args: tuple[n.Expr, ...], reach: exp.Expr | None) -> tuple[exp.Expr, _Info]:
        pattern = args[1]
        if not isinstance(pattern, n.Literal) or not isinstance(pattern.value, str):
            raise Unsupported("matches() with a pattern that is not a constant (the SQL engines' patterns differ from Python's)", node)
        try:
            portable = portable_pattern(pattern.value)
        except RegexUnsupported as exc:
            raise Unsupported(f"matches() with the regular expression {pattern.value!r}: {exc} is not supported in SQL", node) from None
        text, info = self._sub(args[0], reach)
        return exp.RegexpLike(this=text, expression=exp.Literal.string(portable)), _Info(info.may_null, False, False)

    def _round(self, node: n.Call, args: tuple[n.Expr, ...], reach: exp.Expr | None) -> tuple[exp.Expr, _Info]:
        places = 0
        if len(args) > 1:
            lit = args[1]
            if not isinstance(lit, n.Literal) or not isinstance(lit.value, int | float) or isinstance(lit.value, bool):
                raise Unsupported("round() to a number of decimals that is not a constant", node)
            if not float(lit.value).is_integer() or not -14 <= lit.value <= MAX_ROUND_DECIMALS:
                raise Unsupported(f"round() to {lit.value!r} decimals (the SQL back end rounds to -14 .. {MAX_ROUND_DECIMALS})", node)
            places = int(lit.value)
        x, info = self._sub(args[0], reach)
        deps = set(self.deps)
        xc = self._hoist("round_x", x, deps)
        finite = _finite(xc)
        # |x| >= 1e15 is left to the Python engine (the query could not keep its digits exactly).
        self._needs_python(_and(finite, exp.GTE(this=exp.Abs(this=xc.copy()), expression=r.dbl(r.HIGH))), reach)
        value = self.rounded(xc, places, as_units=False)
        out = (
            exp.Case()
            .when(_is_null(xc), exp.null(), copy=False)
            .when(exp.Not(this=exp.paren(finite.copy())), xc.copy(), copy=False)
            .else_(value, copy=False)
        )
        return out, _Info(info.may_null, info.may_nan, info.may_inf)

    def rounded(self, x: exp.Expr, decimals: int, *, as_units: bool, largest: float | None = None) -> exp.Expr:
        """The rule applied to the column ``x``: units of ``10 ** -decimals`` (``as_units``) or the rounded value.

        ``x`` must be finite where it is used; values below ``LOW`` give 0.
        """
        a = self._hoist("abs", exp.Abs(this=x.copy()), {x.name})
        ks = r.k_range(decimals, largest)
        plain: tuple[exp.Expr, exp.Expr] | None = None  # (|x| * 10 ** d, whether it is far from a half unit)
        if as_units and decimals >= 0:
            # Far from a half unit the rule is plain rounding: the exact steps run only for the rows near one.
            y = self._hoist("scaled", exp.Mul(this=a.copy(), expression=r.dbl(10**decimals)), {a.name})
            safe = self._hoist("plain", r.far_from_half(y), {y.name})
            plain = y, safe
            a = self._hoist("abs", exp.Case().when(safe.copy(), exp.null(), copy=False).else_(a, copy=False), {a.name, safe.name})
        p_pow = self._hoist("pow", r.power_ladder(a, ks), {a.name})
        p, e = r.two_product(a, p_pow)
        pc = self._hoist("p", p, {a.name, p_pow.name})
        ec = self._hoist("e", e, {a.name, p_pow.name})
        digits = self._hoist("digits", r.nearest_even(pc, ec), {pc.name, ec.name})
        units = r.half_away_units(digits, p_pow, decimals, ks)
        small = exp.Is(this=exp.paren(p_pow.copy()), expression=exp.null())  # |x| < LOW (or 0)
        positive = exp.Case().when(small, r.dbl(0), copy=False).else_(units, copy=False)
        if plain is not None:
            y, safe = plain
            positive = exp.Case().when(safe.copy(), r.half_up(y), copy=False).else_(positive, copy=False)
        ucol = self._hoist("units", positive, {digits.name, p_pow.name, *(c.name for c in plain or ())})
        signed = (
            exp.Case()
            .when(exp.LT(this=x.copy(), expression=r.dbl(0)), exp.Neg(this=ucol.copy()), copy=False)
            .else_(ucol.copy(), copy=False)
        )
        if as_units:
            return exp.Case().when(exp.GT(this=ucol.copy(), expression=r.dbl(0)), signed, copy=False).else_(r.dbl(0), copy=False)
        # The value: units / 10 ** d; when the 15 digits need no rounding (k <= d) digits / P, the same rational.
        exact = exp.LTE(this=p_pow.copy(), expression=r.dbl(10 ** max(decimals, 0)))
        as_value = (
            exp.Div(this=signed, expression=r.dbl(10**decimals)) if decimals >= 0 else exp.Mul(this=signed, expression=r.dbl(10**-decimals))
        )
        direct = exp.Div(
            this=exp.Case()
            .when(exp.LT(this=x.copy(), expression=r.dbl(0)), exp.Neg(this=digits.copy()), copy=False)
            .else_(digits.copy(), copy=False),
            expression=p_pow.copy(),
        )
        zero = exp.EQ(this=ucol.copy(), expression=r.dbl(0))
        return (
            exp.Case()
            .when(small.copy(), r.dbl(0), copy=False)
            .when(exact, direct, copy=False)
            .when(zero, r.dbl(0), copy=False)
            .else_(as_value, copy=False)
        )

    def _scale(self, v: list[exp.Expr], nullable: list[bool], nan: bool) -> exp.Expr:
        x, lo, hi = v
        step = exp.Case().when(self._compare(">=", x, hi, nan), r.dbl(1.0), copy=False).else_(r.dbl(0.0), copy=False)
        ratio = exp.Div(
            this=exp.paren(exp.Sub(this=x.copy(), expression=lo.copy())),
            expression=exp.paren(exp.Sub(this=hi.copy(), expression=lo.copy())),
        )
        linear = (
            exp.Case()
            .when(self._compare("<", ratio, r.dbl(0), nan), r.dbl(0.0), copy=False)
            .when(self._compare(">", ratio.copy(), r.dbl(1), nan), r.dbl(1.0), copy=False)
            .else_(ratio.copy(), copy=False)
        )
        out = exp.Case().when(self._compare("==", lo, hi, nan), step, copy=False).else_(linear, copy=False)
        return _null_if_any_null(v, out, nullable)

    def _day(self, v: exp.Expr, node: n.Expr) -> exp.Expr:
        if node.type is not None and node.type.kind == "datetime":
            return r.CAST(v, exp.DataType.build("DATE"))
        return v

    def _date(self, v: exp.Expr, node: n.Expr) -> exp.Expr:
        kind = node.type.kind if node.type is not None else "string"
        if kind in ("date", "datetime"):
            return self._day(v, node)
        return date_from_text(v)


def _replace_all(e: exp.Expr, mapping: dict[str, str]) -> exp.Expr:
    """``e`` with each character of ``mapping`` replaced (before the engine's one-to-one case mapping)."""
    out = e
    for src, dst in mapping.items():
        out = exp.func("REPLACE", out, exp.Literal.string(src), exp.Literal.string(dst))
    return out
