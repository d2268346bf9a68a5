"""A Result stores its headline (id, score, tier); it is always what the other fields say.

The generated code writes the id, the score and the tier's name into the
tuple it builds; a Result built by name (as the conformance tests and other
back ends do) derives them; replacing the total or the tier derives them again.
"""

from __future__ import annotations

import itertools

from support import AS_OF, load, result_of

import policyscore as ps
from policyscore.engine import reference
from policyscore.engine.result import headline

POLICY = """
policy: headline
version: 1
id: code
record:
  fields:
    code: string
    n: number?
    keep: boolean
filters:
  - id: kept
    when: keep
factors:
  - id: n
    weight: 100
    missing: 0.5
    value: n
score: {min: 0, max: 100, decimals: DECIMALS}
tiers:
  - {name: high, min: 70}
  - {name: mid, min: 40}
"""


def _policy(decimals: int) -> ps.Policy:
    return load(POLICY.replace("DECIMALS", str(decimals)))


def test_generated_results_store_what_the_other_fields_say():
    for decimals, explain in itertools.product((2, 0, 1), (True, False)):
        policy = _policy(decimals)
        for n, keep in itertools.product((None, 0, 0.125, 0.39, 0.455, 0.7, 1.5), (True, False)):
            result = policy.score({"code": f"c{n}", "n": n, "keep": keep}, AS_OF, explain=explain)
            assert (result.id, result.score, result.tier) == headline(policy.program, result.record, result.total_units, result.tier_index)
            assert result.id == f"c{n}"
            assert type(result.score) is (float if decimals > 0 else int) or result.score is None
            if not keep:
                assert (result.score, result.tier) == (None, None)
    # decimals 0: whole points; 0.455 x 100 = 45.5 rounds away from zero
    assert _policy(0).score({"code": "a", "n": 0.455, "keep": True}, AS_OF).score == 46


def test_a_result_built_by_name_derives_its_headline_and_ignores_given_values():
    policy = _policy(2)
    record = {"code": "x", "n": 0.75, "keep": True}
    o = reference.evaluate(policy.program, record, AS_OF)
    result = result_of(policy.program, record, AS_OF, o, score=1.0, tier="made up")
    assert (result.id, result.score, result.tier) == ("x", 75.0, "high")
    assert result == policy.score(record, AS_OF)


def test_replacing_the_total_or_the_tier_derives_the_headline_again():
    policy = _policy(2)
    result = policy.score({"code": "x", "n": 0.75, "keep": True}, AS_OF)
    lower = result._replace(total_units=4200, tier_index=1)
    assert (lower.score, lower.tier, lower.id) == (42.0, "mid", "x")
    assert result._replace(tier_index=None).tier is None
    assert result._replace(record={"code": "y"}).id == "y"
    same = result._replace(let_values=())
    assert (same.score, same.tier, same.id) == (result.score, result.tier, result.id)
