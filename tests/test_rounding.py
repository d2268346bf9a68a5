"""The rounding rule: 15 significant digits (ties to even), then half away from zero."""

from __future__ import annotations

import math
import random
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import both, load

from policyscore.language.rounding import FAST_LIMIT, FAST_MARGIN, from_units, round_half_away, to_decimal, to_units

# A plain decimal statement of the rule, independent of the module's code paths.
_WIDE = Context(prec=400)


def reference_units(x: float, decimals: int) -> int:
    exact = Decimal(x)  # the binary value, exactly
    if exact == 0:
        return 0
    fifteen = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 14), rounding=ROUND_HALF_EVEN, context=_WIDE)
    units = fifteen.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_WIDE)
    return int(units.scaleb(decimals, context=_WIDE))


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (15 * 0.595, 2, 8.93),  # the float is 8.924999999999999; a spreadsheet shows 8.925
        (9510125.495, 2, 9510125.5),  # Python's round gives 9510125.49
        (0.125, 2, 0.13),
        (-0.125, 2, -0.13),
        (-2.5, 0, -3),
        (2.5, 0, 3),
        (0.5, 0, 1),
        (2.675, 2, 2.68),
        (1.005, 2, 1.01),
        (8400000.004999999, 2, 8400000.01),  # 15 digits: 8400000.00500000
        (0.1 + 0.2, 2, 0.3),
        (1234.5, -2, 1200),
        (1250.0, -2, 1300),
        (-1250.0, -2, -1300),
    ],
)
def test_examples(x, decimals, expected):
    got = round_half_away(x, decimals)
    assert got == expected and type(got) is type(expected)
    assert to_units(x, decimals) == round(expected * 10**decimals)


def test_the_first_step_is_what_a_spreadsheet_shows():
    rng = random.Random(5)
    for _ in range(2000):
        x = rng.uniform(-1, 1) * 10 ** rng.randint(-8, 20)
        assert to_decimal(x) == Decimal(format(x, ".15g"))
    assert str(to_decimal(15 * 0.595)) == "8.92500000000000"
    # an exact binary tie at the 16th digit goes to even
    assert to_decimal(1234567890123455.0) == Decimal("1234567890123460")
    assert to_decimal(1234567890123465.0) == Decimal("1234567890123460")
    assert to_decimal(12345678901234567) == Decimal(12345678901234567)  # ints are exact


@pytest.mark.parametrize("decimals", range(7))
def test_decimal_ties_round_away_from_zero_at_every_magnitude(decimals):
    rng = random.Random(decimals)
    for whole_digits in range(1, 15 - decimals):
        for _ in range(20):
            whole = rng.randrange(10 ** (whole_digits - 1), 10**whole_digits) if whole_digits > 1 else rng.randrange(10)
            kept = rng.randrange(10**decimals) if decimals else 0
            text = f"{whole}.{kept:0{decimals}d}5" if decimals else f"{whole}.5"
            units = whole * 10**decimals + kept + 1  # half away from zero
            assert to_units(float(text), decimals) == units, text
            assert to_units(-float(text), decimals) == -units, text
            # one 15-digit step below the tie rounds toward zero
            below = Decimal(text) - Decimal(1).scaleb(Decimal(text).adjusted() - 14)
            assert to_units(float(below), decimals) == units - 1, below
            assert to_units(-float(below), decimals) == 1 - units, below


def test_units_and_back():
    assert to_units(3, 2) == 300 and to_units(-7, 0) == -7
    assert from_units(893, 2) == 8.93 and from_units(-3, 0) == -3 and type(from_units(-3, 0)) is int
    assert from_units(13, -2) == 1300
    assert to_units(float(2**70), 0) == 1180591620717410000000  # 15 significant digits
    assert to_units(1e300, 2) == 10**302


def test_non_finite_numbers():
    for x in (math.inf, -math.inf):
        assert round_half_away(x, 2) == x
        with pytest.raises(ValueError):
            to_units(x, 2)
    assert math.isnan(round_half_away(math.nan, 2))
    with pytest.raises(ValueError):
        to_units(math.nan, 0)
    # 1.7976931348623157e308 is 1.79769313486232e308 to 15 digits, beyond the largest float
    assert round_half_away(1.7976931348623157e308, 2) == 1.7976931348623157e308
    with pytest.raises(TypeError):
        round_half_away(True, 2)


@settings(max_examples=400, deadline=None)
@given(
    st.floats(min_value=1e-6, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.integers(min_value=0, max_value=4),
)
def test_agrees_with_a_plain_decimal_implementation(magnitude, negative, decimals):
    x = -magnitude if negative else magnitude
    assert to_units(x, decimals) == reference_units(x, decimals)


@settings(max_examples=400, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**15),
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=-40, max_value=40),
    st.booleans(),
)
def test_agrees_near_ties(whole, decimals, ulps, negative):
    """Floats a few ulps either side of a decimal tie, where the fast path must hand over."""
    x = float((Decimal(whole) + Decimal("0.5")).scaleb(-decimals))
    step = math.inf if ulps > 0 else -math.inf
    for _ in range(abs(ulps)):
        x = math.nextafter(x, step)
    x = -x if negative else x
    assert to_units(x, decimals) == reference_units(x, decimals)


def test_the_language_round_function_uses_the_rule():
    fields = {"x": "number"}
    assert both("round(x, 2)", {"x": 15 * 0.595}, fields) == 8.93
    assert both("round(x, 2)", {"x": 9510125.495}, fields) == 9510125.5
    assert both("round(x, 2)", {"x": -0.125}, fields) == -0.13
    assert both("round(x)", {"x": -2.5}, fields) == -3


def _one_factor_policy(weight: float, decimals: int):
    return load(
        f"""
        policy: fastpath
        version: 1
        record:
          fields: {{id: string, c: number}}
        factors:
          - {{id: f, weight: {weight!r}, value: "c"}}
        score: {{decimals: {decimals}}}
        """
    )


def _near_ties(weight: float, decimals: int, rng: random.Random) -> list[float]:
    """Values c in [0, 1] putting weight * c * 10**decimals near k + 0.5, at and around the margin."""
    top = weight * 10**decimals
    ks = {0, 1, int(top) - 1, int(top * 0.5)} | {rng.randrange(max(1, int(top))) for _ in range(6)}
    out = []
    for k in sorted(ks):
        for delta in (0.0, 1e-9, 1e-7, 5e-7, FAST_MARGIN * 0.99, FAST_MARGIN, FAST_MARGIN * 1.01, 3e-6, 1e-4):
            for sign in (1, -1):
                c = (k + 0.5 + sign * delta) / top
                for _ in range(3):
                    if 0 <= c <= 1:
                        out.append(c)
                    c = math.nextafter(c, math.inf * sign)
    return out


@pytest.mark.parametrize(
    ("weight", "decimals"),
    [
        (999_999_999.0, 0),
        (99_999_999.5, 1),
        (9_510_125.0, 2),
        (8_388_609.0, 2),
        (123.456, 2),
        (15, 2),
        (99_999.993, 4),
        (999.999_999_7, 6),
        (7, 6),
    ],
)
def test_compiled_fast_path_agrees_with_to_units_near_ties(weight, decimals):
    assert weight * 10.0**decimals < FAST_LIMIT  # the generated code takes the fast path
    policy = _one_factor_policy(weight, decimals)
    values = _near_ties(weight, decimals, random.Random(int(weight) + decimals))
    records = [{"id": str(i), "c": c} for i, c in enumerate(values)]
    expected = [{"f": from_units(to_units(weight * c, decimals), decimals)} for c in values]
    explained = [r.points for r in policy.score_many(records, "2026-11-01")]
    fast = [r.points for r in policy.score_many(records, "2026-11-01", explain=False)]
    assert explained == expected
    assert fast == expected
    # and to_units is the rule itself on these products
    assert all(to_units(weight * c, decimals) == reference_units(weight * c, decimals) for c in values)
