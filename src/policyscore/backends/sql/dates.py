"""Dates in SQL: whole months between two dates, and a date read from text, as the Python engine reads them."""

from __future__ import annotations

from sqlglot import exp

from policyscore.backends.sql.regex import SPACE_CHARS
from policyscore.backends.sql.rounding import AND, CAST

__all__ = ["months_from", "date_from_text"]


def _all(*items: exp.Expr) -> exp.Expr:
    return AND(*[exp.paren(i) for i in items])


def months_from(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    """Whole months from ``a`` to ``b`` for ``b >= a``: a month counts when ``b`` reaches ``a``'s day, or ``b``'s last day."""
    months = exp.Add(
        this=exp.Mul(
            this=exp.paren(exp.Sub(this=exp.Year(this=b.copy()), expression=exp.Year(this=a.copy()))), expression=exp.Literal.number(12)
        ),
        expression=exp.paren(exp.Sub(this=exp.Month(this=b.copy()), expression=exp.Month(this=a.copy()))),
    )
    short = _all(
        exp.LT(this=exp.Day(this=b.copy()), expression=exp.Day(this=a.copy())),
        exp.NEQ(this=b.copy(), expression=exp.LastDay(this=b.copy())),
    )
    return exp.Sub(
        this=exp.paren(months),
        expression=exp.Case().when(short, exp.Literal.number(1), copy=False).else_(exp.Literal.number(0), copy=False),
    )


def date_from_text(v: exp.Expr) -> exp.Expr:
    """The date the text ``v`` names, or NULL: as in Python, the trimmed text must be ``YYYY-MM-DD`` naming a real day."""
    text = exp.Trim(this=v, expression=exp.Literal.string(SPACE_CHARS))
    shape = exp.RegexpLike(this=text, expression=exp.Literal.string(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z"))
    y, m, d = (
        CAST(exp.Substring(this=text.copy(), start=exp.Literal.number(s), length=exp.Literal.number(ln)), exp.DataType.build("INT"))
        for s, ln in ((1, 4), (6, 2), (9, 2))
    )
    first = exp.DateFromParts(year=y.copy(), month=m.copy(), day=exp.Literal.number(1))
    ok = _all(
        exp.GTE(this=y.copy(), expression=exp.Literal.number(1)),
        exp.Between(this=m.copy(), low=exp.Literal.number(1), high=exp.Literal.number(12)),
        exp.GTE(this=d.copy(), expression=exp.Literal.number(1)),
    )
    in_month = exp.LTE(this=d.copy(), expression=exp.Day(this=exp.LastDay(this=first)))
    made = exp.DateFromParts(year=y, month=m, day=d)
    return (
        exp.Case()
        .when(exp.Not(this=exp.paren(shape)), exp.null(), copy=False)
        .when(exp.Not(this=exp.paren(ok)), exp.null(), copy=False)
        .when(in_month, made, copy=False)
        .else_(exp.null(), copy=False)
    )
