"""Points, rounding, clamping, bands, adjustments, tiers, reasons: the scoring rules, exactly."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest
from support import load

from policyscore.policyfile.schema import load_schema

POLICY = """
policy: scoring
version: "2026.1"
record:
  fields:
    id: string
    a: number?
    b: number?
    tag: string?
factors:
  - id: fa
    weight: 25
    value: "a"
  - id: fb
    weight: 10
    missing: 0.5
    value: "b"
  - id: banded
    weight: 30
    missing: 0.25
    bands:
      - {when: "a >= 0.9", value: 1, label: top}
      - {when: "a >= 0.5", value: 0.5}
      - {when: "tag == 'x'", value: 0.2}
      - else: 0
adjustments:
  - {id: bonus, when: "tag == 'vip'", points: 7.5}
  - {id: malus, when: "b < 0", points: -2}
score: {min: 0, max: 60, decimals: 2}
tiers:
  - {name: gold, min: 50}
  - {name: silver, min: 30.005}
  - {name: bronze, min: 0}
"""


@pytest.fixture(scope="module")
def policy():
    return load(POLICY)


def explain(policy, **record):
    record.setdefault("id", "c1")
    return policy.score(record, "2026-11-01").to_dict()


def test_points_round_half_away_from_zero_on_15_significant_digits(policy):
    # 25 * 0.107 is 2.67500000000000 to 15 digits (the float is a hair below); it rounds to 2.68.
    # Python's round(25 * 0.107, 2) gives 2.67.
    r = explain(policy, a=0.107, b=0.2675)
    assert r["factors"][0]["points"] == 2.68
    # 10 * 0.2675 = 2.6750000000000003 -> 2.68
    assert r["factors"][1]["points"] == 2.68


def test_points_add_up_exactly_to_the_score(policy):
    r = explain(policy, a=0.333, b=0.667, tag="vip")
    pts = [Decimal(str(f["points"])) for f in r["factors"]] + [Decimal(str(a["points"])) for a in r["adjustments"]]
    assert sum(pts) == Decimal(str(r["total"]["unclamped"])) == Decimal(str(r["score"]))
    # 25*0.333 = 8.325 -> 8.33; 10*0.667 = 6.67; banded: a < 0.5 and tag != 'x' -> else 0; bonus 7.5
    assert [f["points"] for f in r["factors"]] == [8.33, 6.67, 0.0]
    assert r["score"] == 22.5


def test_values_are_clamped_and_reported(policy):
    r = explain(policy, a=1.7, b=-0.4)
    fa, fb = r["factors"][0], r["factors"][1]
    assert (fa["raw_value"], fa["value"], fa["clamped"], fa["points"]) == (1.7, 1, True, 25.0)
    assert (fb["raw_value"], fb["value"], fb["clamped"], fb["points"]) == (-0.4, 0, True, 0.0)
    assert r["adjustments"][1]["applied"] is True and r["adjustments"][1]["points"] == -2.0


def test_missing_values_use_the_factor_missing_value(policy):
    r = explain(policy, a=None, b=None)
    fa, fb, banded = r["factors"]
    assert (fa["missing"], fa["value"], fa["points"], fa["missing_reason"]) == (True, 0, 0.0, "'a' is null")
    assert (fb["missing"], fb["value"], fb["points"]) == (True, 0.5, 5.0)
    # The first band condition is null before any band matched: the banded factor is missing.
    assert (banded["missing"], banded["band"], banded["points"]) == (True, None, 7.5)
    assert banded["missing_reason"] == "'a' is null"
    assert r["score"] == 12.5


def test_first_matching_band_wins(policy):
    r = explain(policy, a=0.95, b=1)
    assert r["factors"][2]["band"] == {"index": 0, "label": "top", "when": "a >= 0.9", "value": 1}
    r = explain(policy, a=0.6, b=1)
    assert r["factors"][2]["band"] == {"index": 1, "label": None, "when": "a >= 0.5", "value": 0.5}
    assert r["factors"][2]["points"] == 15.0
    r = explain(policy, a=0.1, b=1, tag=None)
    # a < 0.5 decided bands 1 and 2; band 3 (tag == 'x') is null: the factor is missing.
    assert r["factors"][2]["missing"] is True
    r = explain(policy, a=0.1, b=1, tag="y")
    assert r["factors"][2]["band"] == {"index": 3, "label": None, "when": None, "value": 0}


def test_score_is_clamped_and_the_total_says_so(policy):
    r = explain(policy, a=1, b=1, tag="vip")
    # 25 + 10 + 30 (banded top) + 7.5 = 72.5, clamped to 60
    assert r["total"] == {
        "factor_points": 65.0,
        "adjustment_points": 7.5,
        "unclamped": 72.5,
        "clamped": True,
        "min": 0,
        "max": 60,
        "score": 60.0,
    }
    assert r["score"] == 60.0
    assert r["tier"] == "gold"
    assert r["next_tier"] is None


def test_tier_thresholds_are_exact(policy):
    # silver's min is 30.005: with 2 decimals a score needs 30.01 to reach it.
    r = explain(policy, a=0.4, b=0.5, tag="x")
    # fa = 10.0, fb = 5.0, banded 0.2*30 = 6.0 -> 21.0
    assert (r["score"], r["tier"]) == (21.0, "bronze")
    assert r["next_tier"] == {"name": "silver", "min": 30.005, "points_short": 9.01}


def test_reasons_rank_lost_points_then_weight_then_order(policy):
    r = explain(policy, a=0.5, b=0.0)
    # lost: fa 12.5, fb 10, banded 15 -> banded, fa, fb
    assert [x["id"] for x in r["reasons"]] == ["banded", "fa", "fb"]
    assert [x["lost_points"] for x in r["reasons"]] == [15.0, 12.5, 10.0]
    assert [(x["kind"], x["factor"]) for x in r["reasons"]] == [("factor", "banded"), ("factor", "fa"), ("factor", "fb")]
    # what the customer would need: for a band, the condition of the better band above it
    assert r["reasons"][0]["text"] == "banded: 15 of 30 points; matched band 'a >= 0.5' worth 0.5; needs a >= 0.9 for 1"
    assert r["reasons"][1]["text"] == "fa: 12.5 of 25 points; value 0.5 of 1; full marks need a value of 1"
    assert [x["code"] for x in r["reasons"]] == ["factor:banded", "factor:fa", "factor:fb"]
    tie = load(
        """
        policy: tie
        version: 1
        factors:
          - {id: first, weight: 10, value: "0.5"}
          - {id: heavy, weight: 20, value: "0.75"}
          - {id: third, weight: 10, value: "0.5"}
          - {id: fourth, weight: 10, value: "0"}
          - {id: fifth, weight: 10, value: "0.9"}
        """
    )
    reasons = tie.score({}, "2026-11-01").to_dict()["reasons"]
    # lost: first 5, heavy 5, third 5, fourth 10, fifth 1 -> fourth, then the tie of 5 by weight then order; at most four
    assert [x["id"] for x in reasons] == ["fourth", "heavy", "first", "third"]


def test_ineligible_records_have_null_score_and_name_failed_filters():
    policy = load(
        """
        policy: gates
        version: 1
        record:
          fields: {id: string, country: 'string?', churned: boolean}
        params: {home: [US, CA]}
        filters:
          - {id: geo, when: "country in home", description: US and Canada only}
          - {id: active, when: "not churned"}
        factors: [{id: f, weight: 1, value: "1"}]
        tiers: [{name: any, min: 0}]
        """
    )
    r = policy.score({"id": "x", "country": "DE", "churned": True}, "2026-11-01").to_dict()
    assert (r["eligible"], r["score"], r["tier"], r["total"], r["factors"]) == (False, None, None, None, [])
    assert [(f["id"], f["passed"], f["inputs"]) for f in r["filters"]] == [
        ("geo", False, {"country": "DE", "home": ["US", "CA"]}),
        ("active", False, {"churned": True}),
    ]
    assert [(x["kind"], x["filter"]) for x in r["reasons"]] == [("filter", "geo"), ("filter", "active")]
    assert [x["text"] for x in r["reasons"]] == [
        "geo failed: country in home (with country = 'DE', home = ['US', 'CA'])",
        "active failed: not churned (with churned = true)",
    ]
    r = policy.score({"id": "y", "country": None, "churned": False}, "2026-11-01").to_dict()
    geo = r["filters"][0]
    assert (geo["passed"], geo["result"], geo["null_reason"]) == (False, None, "'country' is null")
    assert r["reasons"][0]["text"] == "geo could not be checked: 'country' is null"
    result = policy.score({"id": "z", "country": "US", "churned": False}, "2026-11-01")
    assert (result.eligible, result.score, result.tier, result.failed_filters) == (True, 1.0, "any", [])


def test_decimals_zero_gives_whole_numbers():
    policy = load(
        """
        policy: whole
        version: 1
        factors: [{id: f, weight: 10, value: "0.25"}]
        score: {decimals: 0}
        """
    )
    r = policy.score({}, "2026-11-01")
    # 10 * 0.25 = 2.5 -> 3 (half away from zero)
    assert r.score == 3 and isinstance(r.score, int)
    assert r.to_dict()["factors"][0]["points"] == 3


def test_explanation_carries_policy_identity_and_as_of(policy):
    r = explain(policy, a=0.5, b=0.5)
    assert r["policy"]["name"] == "scoring" and r["policy"]["version"] == "2026.1"
    assert len(r["policy"]["sha256"]) == 64
    assert r["as_of"] == "2026-11-01"
    assert r["engine"]["name"] == "policyscore"


def test_explanations_validate_against_the_schema(policy):
    validator = jsonschema.Draft202012Validator(load_schema("explanation"))
    cases = [dict(a=0.5, b=0.5), dict(a=None, b=None), dict(a=2, b=-1, tag="vip"), dict(a=0.1, b=1, tag=None)]
    for case in cases:
        data = json.loads(json.dumps(explain(policy, **case)))
        validator.validate(data)


def test_score_only_results_match_explained_results(policy):
    records = [{"id": str(i), "a": i / 10, "b": (i % 3) / 2, "tag": ["vip", "x", None][i % 3]} for i in range(12)]
    full = list(policy.score_many(records, "2026-11-01"))
    fast = list(policy.score_many(records, "2026-11-01", explain=False))
    assert [(r.id, r.score, r.tier, r.points) for r in full] == [(r.id, r.score, r.tier, r.points) for r in fast]
    # A score-only result can still be explained on demand (values are recomputed).
    assert fast[5].to_dict() == full[5].to_dict()


def test_rounding_agrees_with_decimal_half_up_on_15_significant_digits():
    import random
    from decimal import ROUND_HALF_UP

    from policyscore.language.rounding import to_units

    rng = random.Random(11)
    values = [2.675, -2.675, 8.924999999999999, 3.6749999999999994, 1.005, 0.5, 1e-7, 1e12 + 0.5, float(2**70)]
    values += [rng.uniform(-1000, 1000) for _ in range(3000)]
    values += [rng.randint(0, 10**6) / 10 ** rng.randint(0, 6) * rng.choice([1, 0.7, 15]) for _ in range(3000)]
    for x in values:
        for decimals in range(5):
            expected = int(Decimal(format(x, ".15g")).scaleb(decimals).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            assert to_units(x, decimals) == expected, (x, decimals)


def test_overflowing_values_are_missing_and_huge_numbers_are_rejected_not_crashes():
    import policyscore as ps

    policy = load(
        """
        policy: overflow
        version: 1
        record:
          fields: {id: string, a: number, b: number}
        factors:
          - {id: diff, weight: 10, value: "a * 10 - b * 10", missing: 0.5}
          - {id: root, weight: 10, value: "sqrt(a)"}
        """
    )
    r = policy.score({"id": "x", "a": 1e308, "b": 1e308}, "2026-11-01").to_dict()
    diff = r["factors"][0]
    # inf - inf is NaN: not a finite number, so the factor is missing and counts 0.5
    assert (diff["missing"], diff["raw_value"], diff["points"]) == (True, None, 5.0)
    assert diff["missing_reason"] == "'a * 10 - b * 10' gave nan, not a finite number"
    assert r["score"] == 15.0
    with pytest.raises(ps.RecordError) as err:
        policy.score({"id": "y", "a": 10**400, "b": 1}, "2026-11-01")
    assert str(err.value) == "id 'y': a number in this record is out of range: int too large to convert to float"
