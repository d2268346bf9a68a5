"""Exact numeric rules shared by the evaluator and the explanations.

Rounding is half away from zero on a number's *shortest decimal form* (the
digits ``repr`` shows), as a spreadsheet displays it: ``2.675`` rounds to
``2.68`` even though the binary float is slightly below 2.675.  Points are kept
as whole numbers of the smallest unit (``10 ** -decimals``) so that sums are
exact on every Python version.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["round_half_away", "to_units", "from_units"]


def to_units(x: float | int, decimals: int) -> int:
    """``x`` rounded half away from zero to ``decimals`` places, as an integer count of units."""
    if isinstance(x, int):
        return x * 10**decimals if decimals >= 0 else _units_exact(x, decimals)
    scale = 10.0**decimals
    y = abs(x) * scale
    if y < 1e9:
        whole = int(y)
        frac = y - whole
        if frac > 0.5000001:
            whole += 1
        elif frac >= 0.4999999:
            return _units_exact(x, decimals)
        return whole if x >= 0 else -whole
    return _units_exact(x, decimals)


def _units_exact(x: float | int, decimals: int) -> int:
    """The slow path, for products close to a half: decide on the digits ``repr`` shows.

    Half away from zero only looks at the first dropped digit, so for a plain
    decimal ``repr`` (no exponent) the digits decide without Decimal.
    """
    text = repr(x)
    if decimals >= 0 and "e" not in text and "n" not in text:
        negative = text.startswith("-")
        whole, _, frac = text.lstrip("-").partition(".")
        frac = frac.ljust(decimals + 1, "0")
        units = int(whole + frac[:decimals]) + (frac[decimals] >= "5")
        return -units if negative else units
    d = Decimal(text).scaleb(decimals).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(d)


def from_units(units: int, decimals: int) -> float | int:
    """The number ``units * 10 ** -decimals``: an int when ``decimals`` is 0."""
    if decimals <= 0:
        return units * 10 ** (-decimals)
    return units / 10**decimals


def round_half_away(x: float | int, decimals: int = 0) -> float | int:
    """Round ``x`` half away from zero on its shortest decimal form.

    Returns an ``int`` when ``decimals <= 0``.
    """
    if isinstance(x, bool):
        raise TypeError("cannot round a boolean")
    if isinstance(x, int) and decimals >= 0:
        return x
    if x != x or x in (float("inf"), float("-inf")):
        return x
    if decimals <= 0:
        d = Decimal(repr(x)).scaleb(decimals).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return int(d.scaleb(-decimals))
    return from_units(to_units(x, decimals), decimals)
