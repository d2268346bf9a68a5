"""The whole book in SQL: portfolio functions as window functions, and relative tiers.

The book is every record the Python engine does not reject (its checks pass,
it is in no referral cycle); a row outside it is a row the query cannot score
(every column but ``id`` NULL), so its values do not matter.  Each call's
argument ``x`` (and group ``key``) is compiled with the lets it reads written
out, so a value the query cannot compute is seen for every record, eligible
or not, as the Python engine computes portfolio arguments for every record.

Every function is written with the definition of
:mod:`policyscore.engine.portfolio`:

- aggregates over ``PARTITION BY member[, key]`` of ``x`` masked to the book's
  rows, so nulls and records outside the book are ignored;
- medians and quantiles read the sorted values by ``ROW_NUMBER`` and
  interpolate as the engine does (``v[lo] + (h - lo) * (v[hi] - v[lo])``),
  not with the engines' own percentile functions, whose arithmetic differs;
- ``percent_rank`` counts the smaller values with ``RANK``, ``cumulative_share``
  sums the values >= x with a ``RANGE`` frame (ties included);
- **sums** (``portfolio_sum``, averages, shares) are correctly rounded whatever
  the order of the rows (:mod:`policyscore.backends.sql.exactsum`).

What the query cannot compute exactly makes every row of the run a row it
cannot score (:attr:`Book.unknown_terms`): a value that is not finite, sums
beyond ``2 ** 1000``, and any record of the book the query leaves to the
Python engine (its value is part of everyone's aggregates and ranks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from sqlglot import exp

from policyscore.backends.sql import rounding as r
from policyscore.backends.sql.exactsum import exact_sum
from policyscore.backends.sql.expressions import Columns, ExprCompiler, _Info, col
from policyscore.language import nodes as n
from policyscore.language.fold import fold
from policyscore.policyfile.program import PortfolioCall, Program

if TYPE_CHECKING:
    from policyscore.backends.sql.referrals import Tree

__all__ = ["Book", "start_book", "window", "inlined"]

_FLOAT_RESULTS = {"median", "quantile"}  # results that may overflow to infinity ((a + b) / 2, interpolation)


def window(
    func: exp.Expr, partition: Sequence[exp.Expr], order: exp.Expr | None = None, *, desc: bool = False, frame: bool = False
) -> exp.Window:
    """``func OVER (PARTITION BY ... [ORDER BY order] [RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW])``."""
    args: dict[str, object] = {"this": func, "partition_by": [p.copy() for p in partition]}
    if order is not None:
        args["order"] = exp.Order(expressions=[exp.Ordered(this=order.copy(), desc=desc, nulls_first=False)])
    if frame:
        args["spec"] = exp.WindowSpec(kind="RANGE", start="UNBOUNDED", start_side="PRECEDING", end="CURRENT ROW")
    return exp.Window(**args)


def _finite(e: exp.Expr) -> exp.Expr:
    return exp.EQ(this=exp.paren(exp.Sub(this=e.copy(), expression=e.copy())), expression=r.dbl(0))


def inlined(node: n.Expr, program: Program) -> n.Expr:
    """``node`` with every let it reads written out (the lets of a portfolio argument use no portfolio function)."""
    if isinstance(node, n.Name):
        let = program.let_named(node.name)
        return inlined(let.expr.folded, program) if let is not None else node
    kids = n.children(node)
    if not kids:
        return node
    return n.with_children(node, tuple(inlined(k, program) for k in kids))


@dataclass
class _Arg:
    x: str | None  # the argument masked to the book (NULL outside it)
    group: str | None
    partition: list[str]  # member[, group]
    present: list[str] = field(default_factory=list)  # x is in the book and not null[, group]


class Book:
    """The columns of every portfolio call of one query, and the book's own columns."""

    def __init__(self, program: Program, columns: Columns, compiler: ExprCompiler, member: str, before_tree: str) -> None:
        self.program = program
        self.columns = columns
        self.compiler = compiler
        self.member = member  # in the book: checked, and in no referral cycle
        self.before_tree = before_tree  # in the book before referral cycles are found
        self.unknown_terms: list[tuple[exp.Expr, set[str]]] = []  # a row making the whole run unknown
        self._args: dict[tuple[str, str], _Arg] = {}

    # ------------------------------------------------------------ arguments
    def argument(self, node: n.Expr | None) -> tuple[str | None, _Info | None]:
        """A call's argument as a column for every record (lets written out, no reach: the engine computes it for all)."""
        if node is None:
            return None, None
        folded, _ = fold(node, self.program.params)
        sql, deps, info = self.compiler.compile(inlined(folded, self.program), None)
        name = self.columns.add("arg", sql, deps)
        if info.may_nan or info.may_inf:
            self._unknown(
                r.AND(col(self.before_tree), exp.Not(this=exp.paren(exp.func("COALESCE", _finite(col(name)), exp.true())))), {name}
            )
        return name, info

    def _arg(self, call: PortfolioCall) -> _Arg:
        value = call.value
        key = (repr(value), repr(call.group))
        if key in self._args:
            return self._args[key]
        x, _ = self.argument(value)
        g, _ = self.argument(call.group)
        masked = None
        if x is not None:
            masked = self.columns.add(
                "x", exp.Case().when(col(self.member), col(x), copy=False).else_(exp.null(), copy=False), {x, self.member}
            )
        partition = [self.member] + ([g] if g is not None else [])
        arg = _Arg(masked, g, partition)
        if masked is not None:
            present = self.columns.add("in", exp.Not(this=exp.Is(this=col(masked), expression=exp.null())), {masked})
            arg.present = [present] + ([g] if g is not None else [])
        self._args[key] = arg
        return arg

    def _unknown(self, condition: exp.Expr, deps: set[str]) -> None:
        self.unknown_terms.append((condition, deps))

    def _add(self, hint: str, e: exp.Expr, deps: set[str]) -> str:
        return self.columns.add(hint, e, deps)

    # ------------------------------------------------------------ the functions
    def call(self, call: PortfolioCall) -> tuple[str, _Info]:
        """The column holding ``call``'s value for each record of the book."""
        func = call.func
        arg = self._arg(call)
        part = [col(p) for p in arg.partition]
        deps = set(arg.partition)
        base = func.removeprefix("group_").removeprefix("portfolio_")
        x = arg.x
        assert x is not None
        xc = col(x)
        count = self._add("count", r.CAST(window(exp.Count(this=xc.copy()), part), exp.DataType.build("DOUBLE")), deps | {x})
        info = _Info(base not in ("count",), base in _FLOAT_RESULTS, base in _FLOAT_RESULTS)
        if base == "count":
            value: exp.Expr = col(count)
        elif base in ("min", "max"):
            agg = exp.Min if base == "min" else exp.Max
            value = window(agg(this=xc.copy()), part)
        elif base in ("sum", "avg", "share", "cumulative_share"):
            total, cumulative = self._sums(arg, count, func == "cumulative_share")
            if base == "sum":
                value = col(total)
            elif base == "avg":
                value = exp.Div(this=col(total), expression=col(count))
            else:
                top = col(cumulative) if cumulative is not None else xc.copy()
                no_total = r.OR(exp.Is(this=col(total), expression=exp.null()), exp.EQ(this=col(total), expression=r.dbl(0)))
                value = (
                    exp.Case()
                    .when(r.OR(exp.Is(this=xc.copy(), expression=exp.null()), no_total), exp.null(), copy=False)
                    .else_(exp.Div(this=top, expression=col(total)), copy=False)
                )
            deps |= {total} | ({cumulative} if cumulative else set())
        elif base in ("median", "quantile"):
            value, used = self._interpolated(arg, count, base, call.q)
            deps |= used
        elif base == "percent_rank":
            rank = window(exp.Anonymous(this="RANK"), [col(p) for p in arg.present], xc.copy())
            ranked = self._add("rank", r.CAST(rank, exp.DataType.build("DOUBLE")), set(arg.present) | {x})
            value = (
                exp.Case()
                .when(exp.Is(this=xc.copy(), expression=exp.null()), exp.null(), copy=False)
                .when(exp.LTE(this=col(count), expression=r.dbl(1)), r.dbl(0), copy=False)
                .else_(
                    exp.Div(
                        this=exp.paren(exp.Sub(this=col(ranked), expression=r.dbl(1))),
                        expression=exp.paren(exp.Sub(this=col(count), expression=r.dbl(1))),
                    ),
                    copy=False,
                )
            )
            deps.add(ranked)
        else:  # pragma: no cover - every portfolio function but the referral ones is above
            raise AssertionError(func)
        deps |= {count, x}
        if arg.group is not None:
            none = r.dbl(0) if base == "count" else exp.null()
            value = exp.Case().when(exp.Is(this=col(arg.group), expression=exp.null()), none, copy=False).else_(value, copy=False)
        return self._add("pf", value, deps), info

    def _sums(self, arg: _Arg, count: str, cumulative: bool) -> tuple[str, str | None]:
        """(the exact sum of the partition, the exact sum of the values >= x when asked) as columns."""
        assert arg.x is not None
        x = arg.x

        def add(hint: str, e: exp.Expr) -> exp.Expr:
            deps = {c.name for c in e.find_all(exp.Column)} & set(self.columns.by_name)
            return col(self._add(hint, e, deps))

        def over(func: exp.Expr, cum: bool) -> exp.Expr:
            if cum:
                return window(func, [col(p) for p in arg.present], col(x), desc=True, frame=True)
            return window(func, [col(p) for p in arg.partition])

        total, down, out = exact_sum(col(x), add, over, cumulative=cumulative)
        self._unknown(out, {c.name for c in out.find_all(exp.Column)} & set(self.columns.by_name))
        return total.name, (down.name if down is not None else None)

    def _interpolated(self, arg: _Arg, count: str, base: str, q: float | None) -> tuple[exp.Expr, set[str]]:
        """The median, or the linear-interpolation quantile, from the values read at their row numbers."""
        assert arg.x is not None
        xc = col(arg.x)
        rn = self._add(
            "rn",
            r.CAST(window(exp.RowNumber(), [col(p) for p in arg.present], xc.copy()), exp.DataType.build("DOUBLE")),
            set(arg.present) | {arg.x},
        )
        c = col(count)
        if base == "median":
            half = exp.Floor(this=exp.Div(this=c.copy(), expression=r.dbl(2)))
            odd = exp.EQ(
                this=exp.paren(exp.Sub(this=c.copy(), expression=exp.Mul(this=r.dbl(2), expression=half.copy()))), expression=r.dbl(1)
            )
            lo_at: exp.Expr = (
                exp.Case().when(odd.copy(), exp.Add(this=half.copy(), expression=r.dbl(1)), copy=False).else_(half.copy(), copy=False)
            )
            hi_at: exp.Expr = exp.Add(this=half.copy(), expression=r.dbl(1))
        else:
            assert q is not None
            h = exp.Mul(this=exp.paren(exp.Sub(this=c.copy(), expression=r.dbl(1))), expression=r.dbl(q))
            hc = self._add("h", h, {count})
            lo = exp.Floor(this=col(hc))
            lo_at = exp.Add(this=lo.copy(), expression=r.dbl(1))
            top = exp.Sub(this=c.copy(), expression=r.dbl(1))
            hi_at = exp.Add(
                this=exp.Case()
                .when(
                    exp.LT(this=exp.Add(this=lo.copy(), expression=r.dbl(1)), expression=top.copy()),
                    exp.Add(this=lo.copy(), expression=r.dbl(1)),
                    copy=False,
                )
                .else_(top, copy=False),
                expression=r.dbl(1),
            )
        part = [col(p) for p in arg.partition]
        deps = set(arg.partition) | {arg.x, rn, count}
        ats = []
        for hint, at in (("lo", lo_at), ("hi", hi_at)):
            at_col = self._add(f"{hint}_at", at, {count} | ({hc} if base == "quantile" else set()))
            picked = exp.Case().when(exp.EQ(this=col(rn), expression=col(at_col)), xc.copy(), copy=False).else_(exp.null(), copy=False)
            ats.append(self._add(f"v_{hint}", window(exp.Max(this=picked), part), deps | {at_col}))
        v_lo, v_hi = col(ats[0]), col(ats[1])
        if base == "median":
            even = exp.Div(this=exp.paren(exp.Add(this=v_lo.copy(), expression=v_hi.copy())), expression=r.dbl(2))
            value: exp.Expr = exp.Case().when(odd, v_lo.copy(), copy=False).else_(even, copy=False)
        else:
            frac = exp.paren(exp.Sub(this=col(hc), expression=exp.Floor(this=col(hc))))
            value = exp.Add(
                this=v_lo.copy(), expression=exp.Mul(this=frac, expression=exp.paren(exp.Sub(this=v_hi.copy(), expression=v_lo.copy())))
            )
        used = set(ats) | ({hc} if base == "quantile" else set())
        return exp.Case().when(exp.EQ(this=c.copy(), expression=r.dbl(0)), exp.null(), copy=False).else_(value, copy=False), used

    def unknown_run(self, fallbacks: list[tuple[exp.Expr, set[str]]]) -> tuple[exp.Expr, set[str]]:
        """(the condition, the column it reads) that the whole run is left to the Python engine: a record of the
        book needs it (``fallbacks``: the query's conditions for one record), or a value of the book is out of range."""
        terms = [c for c, _ in fallbacks] + [c for c, _ in self.unknown_terms]
        if not terms:
            return exp.false(), set()
        deps = {self.before_tree}
        for _, d in (*fallbacks, *self.unknown_terms):
            deps |= d
        row = r.AND(col(self.before_tree), exp.paren(r.OR(*[exp.paren(t.copy()) for t in terms])))
        flag = self._add(
            "row_unknown", exp.Case().when(row, exp.Literal.number(1), copy=False).else_(exp.Literal.number(0), copy=False), deps
        )
        run = self._add("run_unknown", exp.EQ(this=window(exp.Max(this=col(flag)), []), expression=exp.Literal.number(1)), {flag})
        return col(run), {run}

    # ------------------------------------------------------------ relative tiers
    def thresholds(self, total: str, eligible: str) -> dict[int, str]:
        """Each relative tier's threshold in this run: the ceil(P/100 x n)-th best total of the n eligible
        records of the book (P exact, as a fraction), NULL when none is eligible."""
        ranked = self._add("ranked", r.AND(col(self.member), col(eligible)), {self.member, eligible})
        everyone: list[exp.Expr] = []
        n_col = self._add(
            "n_ranked",
            window(exp.Sum(this=exp.Case().when(col(ranked), r.dbl(1), copy=False).else_(r.dbl(0), copy=False)), everyone),
            {ranked},
        )
        place = self._add(
            "place",
            r.CAST(window(exp.RowNumber(), [col(ranked)], col(total), desc=True), exp.DataType.build("DOUBLE")),
            {ranked, total},
        )
        out = {}
        for i, tier in enumerate(self.program.tiers):
            if tier.top_percent is None:
                continue
            share = Fraction(str(tier.top_percent)) / 100
            k = self._add(f"k{i}", _ceil_fraction(col(n_col), share.numerator, share.denominator), {n_col})
            at = (
                exp.Case()
                .when(r.AND(col(ranked), exp.EQ(this=col(place), expression=col(k))), col(total), copy=False)
                .else_(exp.null(), copy=False)
            )
            out[i] = self._add(f"threshold{i}", window(exp.Max(this=at), everyone), {ranked, place, k, total})
        return out


def _ceil_fraction(count: exp.Expr, num: int, den: int) -> exp.Expr:
    """``min(max(ceil(count * num / den), 1), count)`` computed exactly with doubles (every product stays below 2 ** 53)."""
    product = exp.paren(exp.Mul(this=count.copy(), expression=r.dbl(num)))
    guess = exp.Floor(this=exp.Div(this=product.copy(), expression=r.dbl(den)))
    # the rounded quotient of two exact integers is at most one above the true floor
    over = exp.GT(this=exp.Mul(this=guess.copy(), expression=r.dbl(den)), expression=product.copy())
    low = exp.paren(exp.Case().when(over, exp.Sub(this=guess.copy(), expression=r.dbl(1)), copy=False).else_(guess.copy(), copy=False))
    short = exp.LT(this=exp.Mul(this=low.copy(), expression=r.dbl(den)), expression=product.copy())
    ceil = exp.paren(exp.Case().when(short, exp.Add(this=low.copy(), expression=r.dbl(1)), copy=False).else_(low.copy(), copy=False))
    at_least_one = exp.paren(exp.Case().when(exp.LT(this=ceil.copy(), expression=r.dbl(1)), r.dbl(1), copy=False).else_(ceil, copy=False))
    return (
        exp.Case().when(exp.GT(this=at_least_one.copy(), expression=count.copy()), count.copy(), copy=False).else_(at_least_one, copy=False)
    )


def start_book(
    program: Program,
    columns: Columns,
    compiler: ExprCompiler,
    names: dict[str, tuple[str, _Info]],
    rejected: list[exp.Expr],
    fields: set[str],
) -> tuple[Book, Tree | None]:
    """The book's columns for a policy that uses it: who is in it, the referral tree, and a name (its call
    key) for the value of every portfolio call.  ``rejected`` are the conditions under which the Python
    engine rejects a record before computing anything (a required field that is NULL, a record that fails
    the checks); ``fields`` the input columns they read."""
    from policyscore.backends.sql.referrals import Tree  # noqa: PLC0415 - the tree module reads this one's sums

    outside = r.OR(*[exp.paren(t.copy()) for t in rejected]) if rejected else exp.false()
    before = columns.add("book0", exp.Not(this=exp.paren(outside)), fields & _reads(rejected))
    book = Book(program, columns, compiler, before, before)
    tree = None
    if program.referred_by is not None:
        text = exp.DataType.build("VARCHAR")
        key = columns.add("key", r.CAST(col("_ps_id"), text), {"_ps_id"})
        referrer, _ = names[program.referred_by]
        ref = columns.add("referrer", r.CAST(col(referrer), text), {referrer})
        xs = {}
        for call in program.portfolio:
            if call.func == "referred_sum":
                x, _ = book.argument(call.value)
                assert x is not None
                xs[call.key] = x
        tree = Tree(columns, key, ref, before, xs)
        book.member = columns.add("book", r.AND(col(before), exp.Not(this=col(tree.in_cycle))), {before, tree.in_cycle})
        book.unknown_terms.append((col(tree.unknown), {tree.unknown}))
    for call in program.portfolio:
        if call.func.startswith("referr"):
            assert tree is not None
            names[call.key] = (tree.call(call), _Info(False, False, False))
        else:
            names[call.key] = book.call(call)
    return book, tree


def _reads(terms: list[exp.Expr]) -> set[str]:
    return {c.name for t in terms for c in t.find_all(exp.Column)}
