"""The one rounding rule, shared by the language, the evaluator and the explanations.

The rule (:func:`to_units`), for a float ``x`` and ``decimals`` places:

1. ``x`` is taken to 15 significant decimal digits: its exact binary value is
   rounded to the nearest 15-digit decimal, ties to even.  This is the number
   ``format(x, ".15g")`` writes (Python's float formatting is correctly
   rounded, ties to even), and the number a spreadsheet shows and computes
   with, so an auditor re-computing points in one gets the same digits.
2. That decimal is rounded half away from zero to ``decimals`` places.

So ``15 * 0.595`` (the float 8.924999999999999) is 8.92500000000000 after
step 1 and 8.93 after step 2; ``9510125.495`` rounds to 9510125.5 at 2
places; ``0.125`` to 0.13 and ``-2.5`` at 0 places to -3.  An ``int`` is an
exact decimal already and skips step 1.

Points are kept as whole numbers of the smallest unit (``10 ** -decimals``) so
that sums are exact on every Python version.
"""

from __future__ import annotations

import math
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

__all__ = [
    "SIGNIFICANT_DIGITS",
    "FAST_LIMIT",
    "FAST_MARGIN",
    "FAST_ABOVE",
    "FAST_BELOW",
    "to_decimal",
    "to_units",
    "from_units",
    "round_half_away",
]

#: Step 1 of the rule keeps this many significant digits (what a spreadsheet shows).
SIGNIFICANT_DIGITS = 15

_STEP1 = Context(prec=SIGNIFICANT_DIGITS, rounding=ROUND_HALF_EVEN, Emax=MAX_EMAX, Emin=MIN_EMIN)
# Step 2: ROUND_HALF_UP is half away from zero; the precision only has to hold
# the integer part of a 15-digit number (a larger exponent is already whole).
_STEP2 = Context(prec=2 * SIGNIFICANT_DIGITS, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN)

# ---------------------------------------------------------------- fast path
#
# ``y = abs(x) * 10.0 ** decimals`` computed in floats, ``n = int(y)`` and
# ``f = y - n``.  When ``0 <= decimals <= 22``, ``y < FAST_LIMIT`` and
# ``f > FAST_ABOVE`` the rule gives ``n + 1`` units; when ``f < FAST_BELOW`` it
# gives ``n`` (then negate for a negative ``x``).  Otherwise decide exactly.
#
# Proof.  Let t = |x| * 10**d (a real number) and s = the 15-digit decimal of
# step 1 times 10**d; the rule's answer is s rounded half away from zero.
# * 10.0**d is exact for 0 <= d <= 22, so y is t correctly rounded.  1e9 is a
#   float and rounding is monotonic, so y < 1e9 implies t < 1e9 < 2**30, and
#   |y - t| <= ulp(2**29) / 2 = 2**-24 < 6.0e-8.
# * t < 1e9 means t has at most 9 integer digits, so its 15th significant
#   digit is at most the 6th after the point: |s - t| <= 0.5e-6.
# * Hence |y - s| < 5.6e-7 =: E.  n and f are exact (int() of a float below
#   2**53 and a Sterbenz subtraction).  FAST_ABOVE and FAST_BELOW are 0.5 +/-
#   1e-6 correctly rounded, so each lies more than 9.9e-7 > E from 0.5.
# * f > FAST_ABOVE: n + 0.5 < y - E < s < y + E < n + 1.5, so s rounds to n + 1.
# * f < FAST_BELOW: n - 0.5 < y - E < s < y + E < n + 0.5, so s rounds to n.
# Step 1 and step 2 are both symmetric in the sign, so |x| suffices.
# The generated scoring code uses the same test on ``weight * value`` with
# 0 <= value <= 1 and emits it only when ``weight * 10.0 ** d < FAST_LIMIT``,
# which bounds every such y below FAST_LIMIT (float multiplication is monotonic).

#: The fast path applies while the scaled product is below this bound.
FAST_LIMIT = 1e9
#: How far from .5 the fraction must be for the fast path; above 5.6e-7 (see the proof).
FAST_MARGIN = 1e-6
#: A fraction above this rounds up on the fast path.
FAST_ABOVE = 0.5 + FAST_MARGIN
#: A fraction below this rounds down on the fast path.
FAST_BELOW = 0.5 - FAST_MARGIN


def to_decimal(x: float | int) -> Decimal:
    """Step 1 of the rule: a float to 15 significant digits (ties to even); an int exactly."""
    if isinstance(x, int):
        return Decimal(x)
    if not math.isfinite(x):
        raise ValueError(f"cannot round {x!r}: not a finite number")
    return _STEP1.create_decimal_from_float(x)


def to_units(x: float | int, decimals: int) -> int:
    """``x`` rounded by the rule to ``decimals`` places, as a whole number of ``10 ** -decimals``.

    Raises ``ValueError`` for infinity and NaN.
    """
    if isinstance(x, int):
        if decimals >= 0:
            return x * 10**decimals
    elif 0 <= decimals <= 22:
        y = abs(x) * 10.0**decimals
        if y < FAST_LIMIT:
            n = int(y)
            f = y - n
            if f > FAST_ABOVE:
                n += 1
            elif f >= FAST_BELOW:
                return _units_exact(x, decimals)
            return n if x >= 0 else -n
    return _units_exact(x, decimals)


def _units_exact(x: float | int, decimals: int) -> int:
    """The rule, computed in decimal arithmetic."""
    scaled = to_decimal(x).scaleb(decimals, context=_STEP2)
    return int(scaled.to_integral_value(context=_STEP2))


def from_units(units: int, decimals: int) -> float | int:
    """The number ``units * 10 ** -decimals``: an int when ``decimals`` is 0."""
    if decimals <= 0:
        return units * 10 ** (-decimals)
    return units / 10**decimals


def round_half_away(x: float | int, decimals: int = 0) -> float | int:
    """``x`` rounded by the rule (see :func:`to_units`): the language's ``round``.

    Returns an ``int`` when ``decimals <= 0``, ``x`` itself for an int with
    ``decimals >= 0`` and for infinity and NaN.  Near the largest float, where
    the 15-digit decimal lies beyond it, ``x`` (the nearest finite float) is
    returned.
    """
    if isinstance(x, bool):
        raise TypeError("cannot round a boolean")
    if isinstance(x, int) and decimals >= 0:
        return x
    if not math.isfinite(x):
        return x
    try:
        return from_units(to_units(x, decimals), decimals)
    except OverflowError:
        return x
