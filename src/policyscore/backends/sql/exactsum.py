"""Correctly rounded sums of doubles in SQL, whatever the order of the rows.

The Python engine sums a book's values with ``math.fsum``.  An engine's
``SUM`` of doubles rounds after each addition, in an order it chooses; DuckDB's
``fsum`` (Kahan) is closer but not exact either, and Spark has only ``SUM``.
So the query splits each value (Rump, Ogita and Oishi's extraction):

1. ``s``, a power of two with ``s >= 4 * count * max |x|``; ``q = (s + x) - s``
   is ``x`` on the grid of ``s * 2 ** -53``, and ``x - q`` is exact.  Every
   partial sum of the ``q`` is a multiple of that grid below ``s``: exact, in
   any order.
2. The same split of the remainders ``x - q`` with their own ``s``: an exact
   sum of their high parts, and the tiny rest summed as the engine likes.
3. ``tau + rho1`` (both exact) as a double and its exact error (``TwoSum``);
   the rest decides the rounding, including a tie between two doubles, which
   the sign of the tiny rest breaks as ``math.fsum`` does.

The result is the correctly rounded sum unless the values span more than
about 2 ** 100 and the exact sum lies within the engine's rounding of the
tiniest parts of a tie (never seen in the differential tests, see
``docs/sql.md``).  Sums whose scale reaches 2 ** 1000, or values that are
not finite, are reported (``unknown``) for the caller to leave to the Python
engine.

The steps are written against two callables, so the same code serves window
functions over the book and sums per referrer: ``add(hint, expr)`` makes a
column (or a layer) and returns a reference to it; ``over(func, cumulative)``
wraps an aggregate over the values' partition (``cumulative``: the values
greater than or equal to this row's, ties included).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from policyscore.backends.sql import rounding as r

__all__ = ["exact_sum", "Adder", "Over"]

Adder = Callable[[str, exp.Expr], exp.Expr]
Over = Callable[[exp.Expr, bool], exp.Expr]

_MAX_EXPONENT = 1000  # sums whose scale reaches 2 ** 1000 are left to the Python engine
_MIN_EXPONENT = -1000  # a larger split than needed is still exact; below this the grid would be subnormal
DOUBLE = exp.DataType.build("DOUBLE")


def _finite(e: exp.Expr) -> exp.Expr:
    return exp.EQ(this=exp.paren(exp.Sub(this=e.copy(), expression=e.copy())), expression=r.dbl(0))


def _split_power(largest: exp.Expr, count: exp.Expr) -> tuple[exp.Expr, exp.Expr]:
    """(a power of two >= 4 x count x largest, whether the values are out of the query's range)."""
    positive = exp.GT(this=largest.copy(), expression=r.dbl(0))
    safe = exp.Case().when(positive.copy(), largest.copy(), copy=False).else_(r.dbl(1), copy=False)
    many = exp.Case().when(exp.GT(this=count.copy(), expression=r.dbl(0)), count.copy(), copy=False).else_(r.dbl(1), copy=False)
    bits = exp.Div(this=exp.paren(exp.Add(this=exp.Ln(this=safe), expression=exp.Ln(this=many))), expression=exp.Ln(this=r.dbl(2)))
    power = exp.Add(this=exp.Ceil(this=bits), expression=r.dbl(2))
    bounded = (
        exp.Case()
        .when(exp.LT(this=power.copy(), expression=r.dbl(_MIN_EXPONENT)), r.dbl(_MIN_EXPONENT), copy=False)
        .else_(power, copy=False)
    )
    exponent = exp.Case().when(positive, bounded, copy=False).else_(r.dbl(0), copy=False)
    too_big = r.OR(exp.Not(this=exp.paren(_finite(largest))), exp.GT(this=exponent.copy(), expression=r.dbl(_MAX_EXPONENT)))
    out = (
        exp.Case()
        .when(exp.Is(this=largest.copy(), expression=exp.null()), exp.false(), copy=False)
        .else_(exp.func("COALESCE", too_big, exp.true()), copy=False)
    )
    split = exp.Case().when(out.copy(), r.dbl(1), copy=False).else_(exp.Pow(this=r.dbl(2), expression=exponent), copy=False)
    return split, out


def _parts(x: exp.Expr, count: exp.Expr, add: Adder, over: Over, tag: str) -> tuple[exp.Expr, exp.Expr, exp.Expr]:
    """(high part, exact remainder, out of range) of ``x`` split on its partition's grid."""
    largest = add(f"largest{tag}", over(exp.Max(this=exp.Abs(this=x.copy())), False))
    power, out = _split_power(largest, count)
    s = add(f"split{tag}", power)
    q = add(f"q{tag}", exp.Sub(this=exp.paren(exp.Add(this=s.copy(), expression=x.copy())), expression=s.copy()))
    rest = add(f"rest{tag}", exp.Sub(this=x.copy(), expression=q.copy()))
    return q, rest, out


def exact_sum(x: exp.Expr, add: Adder, over: Over, *, cumulative: bool = False) -> tuple[exp.Expr, exp.Expr | None, exp.Expr]:
    """(the correctly rounded sum of ``x`` over its partition, the same over the values >= x when
    ``cumulative``, the condition that the values are out of range) as column references."""
    count = add("count", r.CAST(over(exp.Count(this=x.copy()), False), DOUBLE))
    q1, rest1, out = _parts(x, count, add, over, "")
    q2, rest2, _ = _parts(rest1, count, add, over, "2")

    def total(cum: bool) -> exp.Expr:
        tau = add("tau", over(exp.Sum(this=q1.copy()), cum))
        rho1 = add("rho", over(exp.Sum(this=q2.copy()), cum))
        rho2 = add("rho2", over(exp.Sum(this=rest2.copy()), cum))
        h = add("h", exp.Add(this=tau.copy(), expression=rho1.copy()))
        back = exp.paren(exp.Sub(this=h.copy(), expression=tau.copy()))
        low = exp.Add(
            this=exp.paren(exp.Sub(this=tau.copy(), expression=exp.paren(exp.Sub(this=h.copy(), expression=back.copy())))),
            expression=exp.paren(exp.Sub(this=rho1.copy(), expression=back)),
        )
        lo = add("lo", low)
        twice = exp.Mul(this=r.dbl(2), expression=lo.copy())
        tie = r.AND(
            exp.NEQ(this=lo.copy(), expression=r.dbl(0)),
            exp.EQ(
                this=exp.paren(exp.Sub(this=exp.paren(exp.Add(this=h.copy(), expression=twice.copy())), expression=h.copy())),
                expression=twice.copy(),
            ),
        )
        away = exp.Add(this=h.copy(), expression=twice.copy())
        same_sign = exp.EQ(
            this=exp.paren(exp.GT(this=rho2.copy(), expression=r.dbl(0))), expression=exp.paren(exp.GT(this=lo.copy(), expression=r.dbl(0)))
        )
        broken = r.AND(tie, exp.NEQ(this=rho2.copy(), expression=r.dbl(0)))
        value = (
            exp.Case()
            .when(r.AND(broken, same_sign), away, copy=False)
            .when(broken.copy(), h.copy(), copy=False)
            .else_(exp.Add(this=h.copy(), expression=exp.paren(exp.Add(this=lo.copy(), expression=rho2.copy()))), copy=False)
        )
        return add("sum", value)

    return total(False), (total(True) if cumulative else None), out
