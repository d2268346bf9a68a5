"""Policy coverage: the items of a small policy counted by hand, null conditions, lines, and agreement with the engine."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

import policyscore as ps
from policyscore.render.review import coverage_text
from policyscore.review.coverage import CoverageCollector, coverage_of

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-01"

# Coverage items of this policy, by hand:
#   filter home: passes, fails                                   2
#   factor happiness: band 1, band 2, band 3 (else)              3
#   adjustment vip_bonus: applied, not applied                   2
#   factor size: `if big then 1 else spend / 1000`: then, else   2
#   factor status: `if vip then 1 else 0`: then, else            2
#                                                         total 11
TINY = """\
policy: tiny
version: 3
record:
  fields:
    id: string
    country: string
    spend: number?
    nps: integer?
    vip: boolean
let:
  big: spend >= 1000
filters:
  - id: home
    when: country in ["US", "CA"]
factors:
  - id: size
    weight: 50
    missing: 0.2
    value: if big then 1 else spend / 1000
  - id: happiness
    weight: 30
    bands:
      - when: nps >= 9
        value: 1
      - when: nps >= 7
        value: 0.5
      - else: 0
  - id: status
    weight: 20
    value: >-
      if vip
      then 1 else 0
adjustments:
  - id: vip_bonus
    when: vip and spend >= 5000
    points: 5
score: {min: 0, max: 100, decimals: 1}
tiers:
  - name: gold
    min: 70
  - name: bronze
    min: 0
"""

# A: eligible; big -> then; band 1; not vip -> else; bonus not applied
A = {"id": "A", "country": "US", "spend": 2000, "nps": 9, "vip": False}
# B: fails the filter; nothing else is evaluated (the let `big` is not needed by the filter)
B = {"id": "B", "country": "DE", "spend": 100, "nps": 3, "vip": True}
# C: eligible with nulls: `if big` has a null condition (no branch), happiness is missing (no band),
#    vip -> then, bonus condition `true and null` is null -> not applied
C = {"id": "C", "country": "CA", "spend": None, "nps": None, "vip": True}


@pytest.fixture
def tiny(tmp_path) -> ps.Policy:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return ps.load_policy(path)


def hits(cov) -> dict[tuple[str, str, str], int]:
    return {(i.kind, i.where, i.outcome): i.hits for i in cov.items}


def test_items_of_a_small_policy_counted_by_hand(tiny):
    cov = coverage_of(tiny, [])
    assert cov.total == 11
    assert [(i.kind, i.where, i.outcome) for i in cov.items] == [
        ("filter", "filter 'home'", "passes"),
        ("filter", "filter 'home'", "fails"),
        ("band", "factor 'happiness'", "band 1"),
        ("band", "factor 'happiness'", "band 2"),
        ("band", "factor 'happiness'", "band 3"),
        ("adjustment", "adjustment 'vip_bonus'", "applied"),
        ("adjustment", "adjustment 'vip_bonus'", "not applied"),
        ("if", "factor 'size'", "then"),
        ("if", "factor 'size'", "else"),
        ("if", "factor 'status'", "then"),
        ("if", "factor 'status'", "else"),
    ]
    assert (cov.covered, cov.percent, cov.fraction) == (0, 0.0, 0.0)


def test_figures_on_a_small_policy_computed_by_hand(tiny):
    # A and B: 5 items from A (home passes, band 1, size then, status else, bonus not applied) + 1 from B (home fails)
    cov = coverage_of(tiny, (tiny.score(r, AS_OF) for r in (A, B)))
    assert (cov.covered, cov.total, cov.percent, cov.records) == (6, 11, 54.5, 2)  # 6/11 = 54.54...%, shown rounded down
    assert cov.by_kind() == {"filter": (2, 2), "band": (1, 3), "adjustment": (1, 2), "if": (2, 4)}

    # C adds only `status` then: its null `if big` takes no branch and its null bands match none
    cov = coverage_of(tiny, (tiny.score(r, AS_OF) for r in (A, B, C)))
    assert (cov.covered, cov.total, cov.percent) == (7, 11, 63.6)
    assert cov.by_kind() == {"filter": (2, 2), "band": (1, 3), "adjustment": (1, 2), "if": (3, 4)}
    assert hits(cov) == {
        ("filter", "filter 'home'", "passes"): 2,
        ("filter", "filter 'home'", "fails"): 1,
        ("band", "factor 'happiness'", "band 1"): 1,
        ("band", "factor 'happiness'", "band 2"): 0,
        ("band", "factor 'happiness'", "band 3"): 0,
        ("adjustment", "adjustment 'vip_bonus'", "applied"): 0,
        ("adjustment", "adjustment 'vip_bonus'", "not applied"): 2,
        ("if", "factor 'size'", "then"): 1,
        ("if", "factor 'size'", "else"): 0,
        ("if", "factor 'status'", "then"): 1,
        ("if", "factor 'status'", "else"): 1,
    }


def test_full_coverage_is_100_percent(tiny):
    more = [
        {"id": "D", "country": "US", "spend": 500, "nps": 7, "vip": True},  # size else, band 2
        {"id": "E", "country": "US", "spend": 6000, "nps": 1, "vip": True},  # band 3 (else), bonus applied
    ]
    cov = coverage_of(tiny, (tiny.score(r, AS_OF) for r in (A, B, C, *more)))
    assert (cov.covered, cov.total, cov.percent, cov.missed) == (11, 11, 100.0, ())


def test_percent_is_rounded_down():
    from policyscore.review.coverage import CoverageItem, PolicyCoverage

    items = tuple(CoverageItem("filter", "f", "passes", None, None, 1) for _ in range(1999)) + (
        CoverageItem("filter", "f", "fails", None, None, 0),
    )
    assert PolicyCoverage("p", 1, None, items).percent == 99.9  # 99.95% is not 100%
    assert PolicyCoverage("p", 1, None, ()).percent == 100.0


def test_ineligible_records_evaluate_only_the_lets_their_filters_need(tmp_path):
    text = textwrap.dedent(
        """\
        policy: lets
        version: 1
        record:
          fields:
            a: number
        let:
          gate: if a > 0 then true else false
          unused_by_filters: if a > 5 then 1 else 0
        filters:
          - id: positive
            when: gate
        factors:
          - id: f
            weight: 1
            value: unused_by_filters
        """
    )
    path = tmp_path / "lets.yaml"
    path.write_text(text, encoding="utf-8")
    policy = ps.load_policy(path)
    cov = coverage_of(policy, [policy.score({"a": -1}, AS_OF)])
    seen = {(i.where, i.outcome) for i in cov.items if i.covered}
    assert seen == {("filter 'positive'", "fails"), ("let 'gate'", "else")}  # the other let is not evaluated


def test_items_carry_lines_of_the_policy_file(tiny):
    cov = coverage_of(tiny, [])
    lines = {(i.where, i.outcome): i.line for i in cov.items}
    source = TINY.splitlines()
    assert source[lines[("filter 'home'", "passes")] - 1].strip() == "- id: home"
    assert source[lines[("factor 'happiness'", "band 2")] - 1].strip() == "- when: nps >= 7"
    assert source[lines[("factor 'happiness'", "band 3")] - 1].strip() == "- else: 0"
    assert source[lines[("adjustment 'vip_bonus'", "applied")] - 1].strip() == "- id: vip_bonus"
    assert source[lines[("factor 'size'", "then")] - 1].strip().startswith("value: if big")
    assert source[lines[("factor 'status'", "then")] - 1].strip() == "if vip"  # inside a folded scalar


def test_text_report_lists_what_was_never_seen(tiny):
    cov = coverage_of(tiny, (tiny.score(r, AS_OF) for r in (A, B, C)))
    text = coverage_text([cov], min_coverage=80)
    path = tiny.path
    assert text.splitlines()[:2] == [
        "coverage (minimum 80%)",
        f"  tiny v3 ({path}): 7/11 items, 63.6%  [filters 2/2, bands 1/3, adjustments 1/2, if branches 3/4]",
    ]
    assert f"      {path}:25: factor 'happiness' never matched band 2 (nps >= 7)" in text
    assert f"      {path}:27: factor 'happiness' never matched band 3 (else)" in text
    assert f"      {path}:34: adjustment 'vip_bonus' never applied" in text
    assert f"      {path}:19: factor 'size': 'if big then 1 else spend / 1000' never took the 'else' branch" in text


def test_json_report(tiny):
    cov = coverage_of(tiny, (tiny.score(r, AS_OF) for r in (A, B)))
    data = json.loads(json.dumps(cov.to_dict()))
    assert (data["policy"], data["version"], data["covered"], data["total"], data["percent"], data["records"]) == (
        "tiny",
        3,
        6,
        11,
        54.5,
        2,
    )
    assert data["by_kind"]["band"] == {"covered": 1, "total": 3}
    assert data["items"][1] == {
        "kind": "filter",
        "where": "filter 'home'",
        "outcome": "fails",
        "detail": 'country in ["US", "CA"]',
        "line": 13,
        "hits": 1,
    }


def test_a_policy_loaded_from_text_has_lines_too():
    # lines come from the positions kept when the policy was loaded, not from re-reading a file
    policy = ps.load_policy_text(TINY, "inline.yaml")
    collector = CoverageCollector(policy)
    collector.add(policy.score(A, AS_OF))
    cov = collector.report()
    assert cov.covered == 5
    assert TINY.splitlines()[cov.items[0].line - 1].strip() == "- id: home"


# ---------------------------------------------------------------- agreement with the engine's explanations


@cache
def sample() -> tuple[dict, ...]:
    with (ROOT / "examples" / "customers.jsonl").open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


@pytest.mark.parametrize("name", ["startup-us-ca", "subscription-health", "balanced-portfolio"])
def test_interpreter_traces_agree_with_the_engine(name):
    """Filter, band and adjustment counts from the traces equal those read from the engine's explanations."""
    policy = ps.load_policy(ROOT / "rules" / f"{name}.yaml")
    results = [policy.score(r, AS_OF) for r in sample()]
    cov = coverage_of(policy, results)
    expected: Counter = Counter()
    for d in (r.to_dict() for r in results):
        for f in d["filters"]:
            expected[("filter", f"filter '{f['id']}'", "passes" if f["passed"] else "fails")] += 1
        for f in d["factors"]:
            if f["band"] is not None:
                expected[("band", f"factor '{f['id']}'", f"band {f['band']['index'] + 1}")] += 1
        for a in d["adjustments"]:
            expected[("adjustment", f"adjustment '{a['id']}'", "applied" if a["applied"] else "not applied")] += 1
    got = {k: v for k, v in hits(cov).items() if k[0] != "if"}
    assert got == {k: expected.get(k, 0) for k in got}
    assert sum(expected.values()) == sum(got.values())
    assert cov.percent == 100.0  # the whole sample reaches every item
