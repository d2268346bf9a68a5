"""Relative tiers (`top_percent`): thresholds from the run's eligible scores, worked out by hand."""

from __future__ import annotations

import policyscore as ps

POLICY = """
policy: t
version: 1
record:
  fields: {id: string, x: number, ok: boolean}
filters:
  - {id: ok, when: ok}
factors:
  - {id: f, weight: 100, value: x}
tiers:
  - {name: top, top_percent: 20}
  - {name: good, min: 50}
  - {name: half, top_percent: 50}
  - {name: low, min: 0}
"""


def scored(records, text=POLICY):
    policy = ps.load_policy_text(text)
    return {r.id: r for r in policy.score_many(records, "2026-11-01")}


def test_the_best_percent_of_the_eligible_customers_ties_included():
    xs = [0.9, 0.8, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1]
    records = [{"id": f"R{i}", "x": x, "ok": True} for i, x in enumerate(xs)] + [{"id": "OUT", "x": 1, "ok": False}]
    got = scored(records)
    # 10 eligible: top is ceil(20% x 10) = 2nd best score = 80, so 90, 80 and the tied 80
    # good (min 50) takes 70, 60, 50; half (5th best = 60) has nobody left above 60; the rest are low
    assert [got[f"R{i}"].tier for i in range(10)] == ["top", "top", "top", "good", "good", "good", "low", "low", "low", "low"]
    assert got["OUT"].tier is None
    d = got["R3"].to_dict()
    assert d["policy"]["portfolio"]["tier_thresholds"] == {"top": 80.0, "half": 60.0}
    assert d["next_tier"] == {"name": "top", "min": 80.0, "points_short": 10.0}
    assert got["R6"].to_dict()["next_tier"] == {"name": "half", "min": 60.0, "points_short": 20.0}


def test_the_count_is_computed_exactly():
    # 14.3% of 1000 is exactly 143 (in floats 14.3 * 1000 / 100 is 143.00000000000003, which would round up to 144)
    text = POLICY.replace("top_percent: 20", "top_percent: 14.3")
    records = [{"id": f"R{i:04}", "x": (1000 - i) / 1000, "ok": True} for i in range(1000)]
    got = scored(records, text)
    assert sum(1 for r in got.values() if r.tier == "top") == 143


def test_no_eligible_customer_leaves_a_relative_tier_empty():
    got = scored([{"id": "A", "x": 0.9, "ok": False}])
    assert got["A"].tier is None
    assert got["A"].to_dict()["policy"]["portfolio"]["tier_thresholds"] == {"top": None, "half": None}


def test_min_tiers_are_ordered_among_themselves_only():
    text = POLICY.replace("{name: low, min: 0}", "{name: low, min: 60}")
    (error,) = [d for d in ps.check_text(text, "t.yaml") if d.is_error]
    assert error.code == "PS112" and "'low' (min 60) comes after 'good' (min 50)" in error.message


def test_a_tier_has_min_or_top_percent_not_both():
    text = POLICY.replace("{name: top, top_percent: 20}", "{name: top, top_percent: 20, min: 10}")
    assert [d.code for d in ps.check_text(text, "t.yaml") if d.is_error] == ["PS110"]
