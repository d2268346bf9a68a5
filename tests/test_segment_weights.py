"""Weights by segment: a factor's weight chosen by an expression, explained with the segment and the weight used."""

from __future__ import annotations

import pytest

import policyscore as ps
from policyscore.policyfile.yamlsource import load_yaml
from policyscore.review.mutants import mutants_of

POLICY = """
policy: t
version: 1
record:
  fields: {id: string, size: "enum(smb, mid, enterprise)?", acv: number?, nps: number?}
factors:
  - id: purchase_size
    weight: {by: size, smb: 10, mid: 20, enterprise: 30, else: 20}
    value: scale(acv, 0, 100000)
  - id: satisfaction
    weight: {by: size, smb: 5, else: 8}
    missing: 0.5
    bands:
      - {when: nps >= 9, value: 1}
      - {else: 0.4}
score: {weights_total: 38}
tiers:
  - {name: top, min: 30}
  - {name: rest, min: 0}
"""

RECORDS = [
    {"id": "A", "size": "smb", "acv": 50000, "nps": 10},
    {"id": "B", "size": "enterprise", "acv": 50000, "nps": 5},
    {"id": "C", "size": None, "acv": None, "nps": None},
    {"id": "D", "size": "mid", "acv": 200000, "nps": 9},
]


@pytest.mark.parametrize("explain", [True, False])
def test_each_record_takes_its_segments_weight(explain):
    got = {r.id: r for r in ps.load_policy_text(POLICY).score_many(RECORDS, "2026-11-01", explain=explain)}
    # A (smb): 0.5 x 10 = 5 and band 1 x 5 = 5 -> 10
    # B (enterprise): 0.5 x 30 = 15 and else 0.4 x 8 (enterprise is not listed: else) = 3.2 -> 18.2
    # C (no segment: else): acv null -> missing 0 x 20 = 0; nps null -> missing 0.5 x 8 = 4 -> 4
    # D (mid): clamped 1 x 20 = 20 and 1 x 8 = 8 -> 28
    assert {k: r.score for k, r in got.items()} == {"A": 10, "B": 18.2, "C": 4, "D": 28}
    d = got["B"].to_dict()
    assert [(f["segment"], f["weight"], f["points"], f["max_points"]) for f in d["factors"]] == [
        ("enterprise", 30, 15.0, 30.0),
        ("enterprise", 8, 3.2, 8.0),
    ]
    # reasons are measured against the customer's own maximum: 15 lost of 30, 4.8 lost of 8
    assert [(r["code"], r["lost_points"]) for r in d["reasons"]] == [("factor:purchase_size", 15.0), ("factor:satisfaction", 4.8)]
    assert got["C"].to_dict()["factors"][0]["segment"] is None


def test_the_best_possible_score_and_weights_total_use_the_largest_weights():
    # 30 + 8 = 38 matches weights_total (no PS304); a tier at 39 could not be reached (PS303)
    assert [d.code for d in ps.check_text(POLICY, "t.yaml")] == []
    text = POLICY.replace("{name: top, min: 30}", "{name: top, min: 39}")
    assert [d.code for d in ps.check_text(text, "t.yaml")] == ["PS303"]


def test_a_segment_outside_the_enum_is_an_error_at_its_key():
    text = POLICY.replace("enterprise: 30", "enterprize: 30")
    (error,) = [d for d in ps.check_text(text, "t.yaml") if d.is_error]
    assert (error.code, error.span.line) == ("PS208", 8) and error.hint == "did you mean 'enterprise'?"


def test_the_else_weight_is_required_and_the_segment_must_be_a_string():
    assert "PS110" in {d.code for d in ps.check_text(POLICY.replace(", else: 20}", "}"), "t.yaml")}
    (error,) = [d for d in ps.check_text(POLICY.replace("by: size, smb: 10", "by: acv, smb: 10"), "t.yaml") if d.is_error]
    assert error.code == "PS203" and "must be a string" in error.message


def test_each_segment_weight_is_mutated():
    policy = ps.load_policy_text(POLICY)
    data, _, _ = load_yaml(POLICY, "t.yaml")
    paths = {m.path for m in mutants_of(policy, data) if m.kind == "weight"}
    assert ("factors", 0, "weight", "enterprise") in paths and ("factors", 1, "weight", "else") in paths
