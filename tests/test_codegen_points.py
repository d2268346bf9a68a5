"""The generated code's points of a factor with a ``value:``: always the reference evaluator's points.

Two shapes are generated (``backends/python/points.py``): a value that can
only be one of a few constants looks its points up in a table computed when
the policy is compiled; any other value takes the tests for null, then for a
value in (0, 1] (the fast rounding path or, near a half, the exact rule
remembered per product), 0 and below, above 1, and not finite.  Each is compared with
:func:`policyscore.engine.reference.evaluate` on the values where they could
differ: null, not finite, negative, zero, exactly 1 (as 1 and 1.0), above 1,
products that land on a half hundredth, and weights too large for the fast path.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from support import AS_OF, load

import policyscore as ps
from policyscore.backends.python import points
from policyscore.engine import reference

CONSTANTS = """
policy: constants
version: 1
record:
  fields:
    a: boolean?
    b: boolean
    n: number?
factors:
  - id: halves
    weight: 15
    missing: 0.4
    value: if a then 0.7 else 0.35
  - id: clamped
    weight: 7
    value: if a then (if b then 1.5 else -1) else 0.5
  - id: sums
    weight: 10
    value: (if b then 0.6 else 0) + (if a then 0.4 else 0) - (if b then 0.05 else 0.15) * 2
  - id: not_constant
    weight: 10
    value: if b then n else 0
"""


def _one_function(policy: ps.Policy) -> str:
    """The generated source of ``_evaluate`` (the same body follows in ``_evaluate_many``)."""
    return policy.source.split("\ndef _evaluate_many")[0]


def _agree(policy: ps.Policy, record: dict[str, Any]) -> reference.Outcome:
    """Score ``record`` both ways, with and without explanations; assert the same points and values."""
    ref = reference.evaluate(policy.program, record, AS_OF)
    for explain in (True, False):
        result = policy.score(record, AS_OF, explain=explain)
        assert result.factor_units == ref.units, (record, explain)
        assert result.total_units == ref.total_units
    values = policy.score(record, AS_OF).factor_values
    assert values is not None and ref.values is not None
    assert [repr(v) for v in values] == [repr(v) for v in ref.values]  # NaN as NaN
    return ref


def test_points_of_constant_values_are_looked_up_and_are_the_reference_points():
    policy = load(CONSTANTS)
    assert _one_function(policy).count("= _pts") == 3  # the first three factors are looked up, the last is computed
    seen = set()
    for a, b, n in itertools.product((True, False, None), (True, False), (None, 0.25, 3)):
        ref = _agree(policy, {"a": a, "b": b, "n": n})
        seen.add(ref.units[:2])
    # 15 x 0.35 = 5.25 and 15 x 0.7 = 10.5; a null condition: missing (0.4 x 15); clamped to 1 and 0
    assert seen == {(1050, 700), (1050, 0), (525, 350), (600, 0)}


def test_constants_that_a_table_cannot_hold_are_computed():
    """1 and 1.0 are one key of a table: with a weight where they would round differently no table is made;
    more constants than the table's limit: computed too."""
    many = " + ".join(f"(if b then {k / 100} else 0)" for k in range(1, 7))  # 64 sums
    policy = load(CONSTANTS.replace("(if b then 0.6 else 0) + (if a then 0.4 else 0) - (if b then 0.05 else 0.15) * 2", many))
    assert _one_function(policy).count("= _pts") == 2
    for b in (True, False):
        _agree(policy, {"a": None, "b": b, "n": None})
    assert points._table(policy.factors[0], [1, 1.0, None], 2) is not None


VALUES = """
policy: values
version: 1
record:
  fields:
    x: number?
    big: number
factors:
  - id: plain
    weight: 15
    missing: 0.5
    value: x
  - id: product
    weight: 10
    value: x * 0.7 + 0.1
  - id: huge_weight
    weight: 10000000
    value: x
  - id: overflow
    weight: 5
    missing: 0.2
    value: x * big * big
  - id: not_a_number
    weight: 5
    missing: 0.3
    value: x * big * big - x * big * big
"""

# null, negative, zero (both signs), exactly 1 (both types), above 1, a half hundredth (15 x 0.595 = 8.925 -> 8.93),
# 0.7 x 0.35 + 0.1 (binary 0.3449999... -> 3.45 points), values just around a half, tiny values
XS = [None, -3, -0.5, -0.0, 0, 0.0, 1, 1.0, 1.5, 7, 0.595, 0.35, 0.5, 0.123456, 0.0333335, 0.0333333, 1e-12, 0.99999999]


@pytest.mark.parametrize("x", XS)
def test_computed_points_are_the_reference_points(x: Any):
    policy = load(VALUES)
    assert "_pts" not in policy.source
    for big in (1, 1e200):  # 1e200 x 1e200 overflows: infinite (missing), and inf - inf is NaN (missing)
        ref = _agree(policy, {"x": x, "big": big})
        if x is not None and x > 0 and big > 1:
            assert ref.values[3] == float("inf") and ref.units[3] == 100 and ref.units[4] == 150
        if x is not None and x < 0 and big > 1:  # minus infinity is missing too, not "0 and below"
            assert ref.values[3] == float("-inf") and ref.units[3] == 100 and ref.units[4] == 150


def test_near_half_products_are_remembered_and_rounded_by_the_rule(monkeypatch: pytest.MonkeyPatch):
    policy = load(VALUES)
    [units] = [v for k, v in policy.evaluator.__globals__.items() if k.startswith("_units") and k[6:].isdigit()]
    assert units(15 * 0.595) == 893 and units(15 * 0.595) == 893  # 8.924999999999999 is 8.925 at 15 digits: 8.93
    monkeypatch.setattr(points, "_MEMO_LIMIT", 2)
    small = load(VALUES)
    for x in (0.595, 0.35, 0.0333335, 0.595, 0.1):
        _agree(small, {"x": x, "big": 1})


def test_bands_whose_conditions_are_never_null_choose_like_the_reference():
    policy = load(
        """
        policy: bands
        version: 1
        record:
          fields:
            b: boolean
            n: integer
            m: integer?
        factors:
          - id: plain
            weight: 10
            missing: 0.5
            bands:
              - when: b and n > 3
                value: 1
              - when: m >= 2
                value: 0.5
              - when: n > 0
                value: 0.25
              - else: 0
        """
    )
    assert "if (f0 and (f2 > 3)):" in policy.source and "elif (f2 > 0):" in policy.source  # plain tests, no null branch
    for b, n, m in itertools.product((True, False), (-1, 2, 5), (None, 1, 3)):
        _agree(policy, {"b": b, "n": n, "m": m})


CLAMPS = """
policy: clamps
version: 1
record:
  fields: {x: number?, up: boolean, down: boolean}
factors:
  - id: x
    weight: 60
    missing: 0.5
    value: x
adjustments:
  - {id: up, points: 5, when: up}
  - {id: down, points: -5, when: down}
score: {min: MIN, max: MAX}
tiers:
  - {name: high, min: 40}
  - {name: any, min: LOWEST}
"""


@pytest.mark.parametrize(("low", "high", "clamps"), [(0, 60, 2), (-5, 65, 0), (-10, 60, 1), (0, 100, 1)])
def test_the_score_is_clamped_only_where_the_points_can_pass_min_or_max(low: int, high: int, clamps: int):
    """The factor gives 0 to 60 points, the adjustments -5 and +5: the sum lies in [-5, 65]."""
    policy = load(CLAMPS.replace("MIN", str(low)).replace("MAX", str(high)).replace("LOWEST", str(low)))
    source = _one_function(policy)
    assert source.count("if _tot < ") + source.count("if _tot > ") == clamps
    assert "else (1, 'any')" in source  # every total reaches the last tier: no test for it
    for x, u, d in itertools.product((None, -1, 0, 0.3, 0.99, 1, 2), (True, False), (True, False)):
        ref = _agree(policy, {"x": x, "up": u, "down": d})
        assert low * 100 <= ref.total_units <= high * 100
