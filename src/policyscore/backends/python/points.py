"""Generated code for the points of a factor with a ``value:`` expression.

The rule (``docs/semantics.md``): a null or non-finite value is missing (the
factor's missing points); otherwise the value is clamped to [0, 1], weighted
and rounded by :func:`policyscore.language.rounding.to_units` to whole units of
``10 ** -decimals``.  Two shapes of code compute it:

- a value that can only be one of a few number constants (``if c then 0.7
  else 0.35``, sums of such conditionals) looks its points up in a table
  computed here, with the same rule, for each constant and for null;
- any other value is tested for null (missing), then for the usual case, a
  value in (0, 1], by one chained comparison that NaN and the infinities fail:
  ``weight x value`` is rounded by the fast path proven in
  ``language/rounding.py`` and, near a half, by ``to_units`` itself, whose
  answers are remembered per product.  Otherwise 0 and below give no points,
  a finite value above 1 the weight's points (computed here), and minus
  infinity, infinity and NaN are missing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from policyscore.backends.python.expressions import Emitter
from policyscore.language import nodes as n
from policyscore.language.rounding import FAST_ABOVE, FAST_BELOW, FAST_LIMIT, to_units
from policyscore.language.semantics import BINARY
from policyscore.policyfile.program import Factor

__all__ = ["value_points"]

#: The most constants a value may have for its points to be looked up in a table.
_TABLE_LIMIT = 16
#: How many distinct products the exact rounding remembers, per policy.
_MEMO_LIMIT = 10_000


def _constants(node: n.Expr) -> list[Any] | None:
    """The values ``node`` can have when they are a few number constants (or null), else None.

    Literals, conditionals of them (a null condition gives null) and ``+``,
    ``-``, ``*`` and unary minus of them, each computed by the language's own operators.
    """
    values: list[Any] | None
    match node:
        case n.Literal(value=value):
            return [value] if value is None or value.__class__ in (int, float) else None
        case n.Cond(then=then, else_=other):
            a, b = _constants(then), _constants(other)
            values = None if a is None or b is None else a + b + [None]  # a null condition: null
        case n.Binary(op=op, left=left, right=right) if op in ("+", "-", "*"):
            a, b = _constants(left), _constants(right)
            if a is None or b is None:
                return None
            try:
                values = [BINARY[op](x, y) for x in a for y in b]
            except (ArithmeticError, TypeError):  # e.g. a whole number too large for a float: computed at run time
                return None
        case n.Unary(op="-", operand=operand):
            a = _constants(operand)
            values = None if a is None else [None if x is None else -x for x in a]
        case _:
            return None
    return values if values is not None and len(values) <= _TABLE_LIMIT * 4 else None


def _table(fac: Factor, values: list[Any], decimals: int) -> dict[Any, int] | None:
    """Each constant's points (null and a non-finite value: missing), or None when a table cannot hold them."""
    table: dict[Any, int] = {None: fac.missing_units}
    for v in values:
        if v is None:
            continue
        if v != v:  # NaN is no dictionary key
            return None
        units = to_units(fac.weight * (0 if v < 0 else (1 if v > 1 else v)), decimals) if math.isfinite(v) else fac.missing_units
        if table.setdefault(v, units) != units:  # 1 and 1.0 are one key: they must give the same points
            return None
    return table if len(table) <= _TABLE_LIMIT + 1 else None


def _remembered(decimals: int) -> Callable[[float], int]:
    """``to_units(product, decimals)``, remembered for up to :data:`_MEMO_LIMIT` products."""
    memo: dict[float, int] = {}

    def units(product: float) -> int:
        out = memo.get(product)
        if out is None:
            out = to_units(product, decimals)
            if len(memo) < _MEMO_LIMIT:
                memo[product] = out
        return out

    return units


def value_points(em: Emitter, fac: Factor, x: str, p: str, decimals: int) -> list[str]:
    """Lines (at one indentation) setting ``p`` to the points of the factor whose value is in local ``x``."""
    assert fac.expr is not None and fac.by is None
    values = _constants(fac.expr.folded)
    table = _table(fac, values, decimals) if values is not None else None
    if table is not None:
        return [f"{p} = {em.bind(table, 'pts')}[{x}]"]
    scale = 10.0**decimals
    exact = em.made_once(("units", decimals), lambda: _remembered(decimals), "units")
    missing, full = fac.missing_units, to_units(fac.weight * 1, decimals)
    # The usual value, in (0, 1], is found by one chained comparison, which NaN and the infinities fail.
    lines = [f"if {x} is None: {p} = {missing}"] if fac.expr.type.maybe_null else []
    lines += [
        f"{'elif' if lines else 'if'} 0 < {x} <= 1:",
        f"    _p = {fac.weight!r} * {x}",
    ]
    if fac.weight * scale >= FAST_LIMIT:
        lines.append(f"    {p} = {exact}(_p)")
    else:
        lines += [
            f"    _y = _p * {scale!r}",
            "    _n = int(_y)",
            "    _f = _y - _n",
            f"    {p} = _n + 1 if _f > {FAST_ABOVE!r} else (_n if _f < {FAST_BELOW!r} else {exact}(_p))",
        ]
    # 0 and below score nothing, finite values above 1 the weight; minus infinity, infinity and NaN are missing
    below = "0" if missing == 0 else f"0 if {x} > -1e999 else {missing}"
    return lines + [f"elif {x} <= 0: {p} = {below}", f"elif {x} < 1e999: {p} = {full}", f"else: {p} = {missing}"]
