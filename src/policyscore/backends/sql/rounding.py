"""The spreadsheet rounding rule (:mod:`policyscore.language.rounding`) in SQL, exactly.

The rule takes a double ``x`` to 15 significant digits (its *exact* binary
value rounded to the nearest 15-digit decimal, ties to even), then rounds that
decimal half away from zero to ``d`` places.  SQL engines have no exact
double-to-decimal conversion (their casts round the double first), so the
query computes the rule with doubles only, each step exact:

1. ``a = |x|``; ``P = 10 ** k`` with ``k`` chosen by exact comparisons so that
   ``a * P`` lies in ``[1e14, 1e15)`` (``10 ** k`` is an exact double for
   ``0 <= k <= 22``; the thresholds are the doubles just above each power of
   ten, computed here with fractions).
2. ``a * P = p + e`` exactly (Dekker's two-product: both factors split into
   26-bit halves with the constant ``2 ** 27 + 1``; IEEE doubles, no fused
   multiply-add, which DuckDB and the JVM guarantee).
3. ``D``: ``p + e`` rounded to an integer, ties to even.  ``p < 2 ** 50`` so
   its fraction ``p - floor(p)`` is exact, and ``|e| <= ulp(p) / 2`` decides
   only an exact half.
4. Half away from zero to ``d`` places: with ``m = k - d`` the units are
   ``D * 10 ** -m`` when ``m <= 0``, else ``floor((D + 5 * 10 ** (m-1)) / 10 ** m)``
   corrected by one when the double quotient rounded up to the next integer.

Every intermediate value is a column of its own (the query computes one layer
per step), so each is written once.  The domain: ``1e-8 <= |x| < 1e15``
(smaller values round to zero at the at most 7 places allowed; larger ones are
left to the caller).
"""

from __future__ import annotations

from fractions import Fraction

from sqlglot import exp

__all__ = [
    "AND",
    "OR",
    "ALIAS",
    "CAST",
    "SPLIT",
    "LOW",
    "HIGH",
    "k_range",
    "power_ladder",
    "two_product",
    "nearest_even",
    "half_away_units",
    "far_from_half",
    "half_up",
    "dbl",
]

SPLIT = 134217729.0  # 2 ** 27 + 1
LOW = 1e-8  # below this |x| rounds to 0 at <= 7 decimals
HIGH = 1e15  # from here the caller falls back


def AND(*items: exp.Expr) -> exp.Expr:
    """``a AND b ...`` without copying the operands (sqlglot's builders copy by default)."""
    return exp.and_(*items, copy=False)


def OR(*items: exp.Expr) -> exp.Expr:
    return exp.or_(*items, copy=False)


def ALIAS(e: exp.Expr, name: str, **kw: object) -> exp.Expr:
    return exp.alias_(e, name, copy=False, **kw)  # type: ignore[arg-type]


def CAST(e: exp.Expr, to: exp.DataType | str) -> exp.Expr:
    """``CAST(e AS to)`` without copying ``e``; a type node is copied (one may be shared, as ``DOUBLE`` is)."""
    return exp.cast(e, to.copy() if isinstance(to, exp.DataType) else to, copy=False)


def _double() -> exp.DataType:
    """A new DOUBLE type node (built directly: ``DataType.build("DOUBLE")`` parses its text each time)."""
    return exp.DataType(this=exp.DataType.Type.DOUBLE)


def dbl(value: float | int) -> exp.Expr:
    """A double literal, exact: an integer below 2 ** 53 as itself, anything else as its shortest text."""
    if isinstance(value, int) and abs(value) < 2**53:
        return CAST(exp.Literal.number(value), _double())
    return CAST(exp.Literal.string(repr(float(value))), _double())


def _smallest_double_at_least(q: Fraction) -> float:
    f = float(q)  # correctly rounded
    if Fraction(f) < q:
        import math

        f = math.nextafter(f, float("inf"))
    return f


def k_range(decimals: int, largest: float | None = None) -> range:
    """The exponents ``k`` the ladder needs: below ``10 ** -(decimals + 1)`` a value rounds to 0 units;
    ``largest`` (when known) bounds ``|x|`` from above."""
    low = 0
    if largest is not None and largest > 0:
        low = max(0, 14 - len(str(int(largest))))  # a < 10 ** digits
    return range(low, min(22, 15 + max(decimals, 0)) + 1)


def power_ladder(a: exp.Expr, ks: range) -> exp.Expr:
    """``10 ** k`` (a double) with ``a * 10 ** k`` in ``[1e14, 1e15)`` for ``k`` in ``ks``; else NULL (|x| too small)."""
    case = exp.Case()
    for k in ks:
        lower = _smallest_double_at_least(Fraction(10) ** (14 - k))  # a >= 10 ** (14 - k)
        case = case.when(exp.GTE(this=a.copy(), expression=dbl(lower)), dbl(10**k), copy=False)
    return case


def two_product(a: exp.Expr, p_pow: exp.Expr) -> tuple[exp.Expr, exp.Expr]:
    """(p, e) with ``a * P = p + e`` exactly, written with ``a`` and ``P`` columns."""

    def split(v: exp.Expr) -> tuple[exp.Expr, exp.Expr]:
        c = exp.Mul(this=dbl(SPLIT), expression=v.copy())
        hi = exp.Sub(this=c, expression=exp.paren(exp.Sub(this=c.copy(), expression=v.copy())))
        lo = exp.Sub(this=v.copy(), expression=exp.paren(hi.copy()))
        return exp.paren(hi), exp.paren(lo)

    ah, al = split(a)
    bh, bl = split(p_pow)
    p = exp.Mul(this=a.copy(), expression=p_pow.copy())
    e = exp.Add(
        this=exp.paren(
            exp.Add(
                this=exp.Add(
                    this=exp.paren(exp.Sub(this=exp.Mul(this=ah, expression=bh), expression=exp.paren(p.copy()))),
                    expression=exp.Mul(this=ah.copy(), expression=bl),
                ),
                expression=exp.Mul(this=al, expression=bh.copy()),
            )
        ),
        expression=exp.Mul(this=al.copy(), expression=bl.copy()),
    )
    return p, e


def nearest_even(p: exp.Expr, e: exp.Expr) -> exp.Expr:
    """``p + e`` rounded to an integer, ties to even (``p`` and ``e`` are columns; ``p < 2 ** 50``)."""
    n0 = exp.Floor(this=p.copy())
    frac = exp.paren(exp.Sub(this=p.copy(), expression=n0.copy()))
    half = dbl(0.5)
    zero = dbl(0)
    up = exp.Add(this=n0.copy(), expression=dbl(1))
    above = OR(
        exp.GT(this=frac.copy(), expression=half.copy()),
        AND(exp.EQ(this=frac.copy(), expression=half.copy()), exp.GT(this=e.copy(), expression=zero.copy())),
    )
    tie = AND(exp.EQ(this=frac.copy(), expression=half.copy()), exp.EQ(this=e.copy(), expression=zero.copy()))
    odd = exp.NEQ(this=exp.Mod(this=n0.copy(), expression=dbl(2)), expression=zero.copy())
    return exp.Case().when(above, up, copy=False).when(AND(tie, odd), up.copy(), copy=False).else_(n0, copy=False)


def half_away_units(digits: exp.Expr, p_pow: exp.Expr, decimals: int, ks: range) -> exp.Expr:
    """Units of ``10 ** -decimals``, >= 0: the 15-digit integer ``digits`` (value ``digits / P``) rounded half up.

    ``P`` is one of the powers 10 ** 0 .. 10 ** 22, so ``m = k - decimals`` is
    decided by comparing ``P`` with constants.
    """
    case = exp.Case()
    for k in ks:
        m = k - decimals
        if m <= 0:
            value: exp.Expr = exp.Mul(this=digits.copy(), expression=dbl(10 ** (-m)))
        elif m >= 16:
            value = dbl(0)  # digits < 10 ** 15 <= 10 ** m / 2
        else:
            num = exp.paren(exp.Add(this=digits.copy(), expression=dbl(5 * 10 ** (m - 1))))
            q = exp.Floor(this=exp.Div(this=num.copy(), expression=dbl(10**m)))
            too_big = exp.GT(this=exp.Mul(this=q.copy(), expression=dbl(10**m)), expression=num.copy())
            value = exp.Case().when(too_big, exp.Sub(this=q.copy(), expression=dbl(1)), copy=False).else_(q, copy=False)
        case = case.when(exp.EQ(this=p_pow.copy(), expression=dbl(10**k)), value, copy=False)
    return case


#: How far (relative to ``y``) from a half unit the plain rounding of ``y`` is the rule's result.
PLAIN_MARGIN = 2.0**-40


def far_from_half(y: exp.Expr) -> exp.Expr:
    """True when ``y`` (``|x| * 10 ** d``, ``0 <= y < 1e15``) is so far from a half-integer that the rule gives
    ``floor(y + 0.5)``: the 15-digit decimal of ``x`` and the rounding of the product move ``y`` by less than
    ``y * 6e-15``, far less than the margin ``y * 2 ** -40``, so no half-integer lies between ``y`` and the
    exact decimal the rule rounds.  ``y - floor(y)``, its difference with 0.5 and ``y * 2 ** -40`` are exact.
    """
    fraction = exp.Sub(this=y.copy(), expression=exp.Floor(this=y.copy()))
    distance = exp.Abs(this=exp.Sub(this=fraction, expression=dbl(0.5)))
    return AND(
        exp.LT(this=y.copy(), expression=dbl(HIGH)),
        exp.GT(this=distance, expression=exp.Mul(this=y.copy(), expression=dbl(PLAIN_MARGIN))),
    )


def half_up(y: exp.Expr) -> exp.Expr:
    """``floor(y + 0.5)``: exact for ``0 <= y < 2 ** 52``."""
    return exp.Floor(this=exp.Add(this=y.copy(), expression=dbl(0.5)))
