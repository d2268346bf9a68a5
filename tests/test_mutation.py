"""`policyscore test --mutate`: mutants of a policy, run against its own tests; rules/ kills every one."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import policyscore as ps
from policyscore.policyfile.yamlsource import load_yaml
from policyscore.review.mutants import mutants_of
from policyscore.review.mutate import mutate_policy

ROOT = Path(__file__).resolve().parent.parent

POLICY = """\
policy: tiny
version: 1
record:
  fields:
    id: string
    nps: integer
    spend: number?
    since: date
filters:
  - id: big_enough
    when: spend >= 100
factors:
  - id: happiness
    weight: 40
    missing: 0.5
    bands:
      - when: nps >= 9
        value: 1
      - else: 0
  - id: size
    weight: 60
    value: spend / 1000
adjustments:
  - id: early
    points: -5
    when: since < date("2022-01-01")
score: {min: 0, max: 100, decimals: 1}
tiers:
  - name: gold
    min: 70
  - name: bronze
    min: 0
"""

# The tests say nothing about a score between 70 and 75: raising gold's min to 75 goes unnoticed.
TESTS = """\
policy: tiny.yaml
as_of: 2026-11-01
cases:
  - name: a promoter spending 1000 is gold
    record: {id: A, nps: 9, spend: 1000, since: 2023-01-01}
    expect: {tier: gold, score: 100}
  - name: a detractor spending 200 is bronze
    record: {id: B, nps: 3, spend: 200, since: 2021-01-01}
    expect: {tier: bronze, score: 7}
"""


@pytest.fixture
def tiny(tmp_path, monkeypatch) -> Path:
    (tmp_path / "tiny.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "tiny.test.yaml").write_text(TESTS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def line_col(text: str, needle: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_every_kind_of_mutant_is_made_at_its_place(tiny):
    policy = ps.load_policy("tiny.yaml")
    data, _, _ = load_yaml(POLICY, "tiny.yaml")
    made = {(m.kind, m.change, m.line, m.column) for m in mutants_of(policy, data)}
    at = lambda needle: line_col(POLICY, needle)  # noqa: E731
    assert ("filter", "filter 'big_enough' negated", *at("spend >= 100")) in made
    assert ("number", "filter 'big_enough': 100 -> 110 in 'spend >= 100'", at("spend >= 100")[0], at("100")[1]) in made
    assert ("number", "filter 'big_enough': 100 -> 90 in 'spend >= 100'", at("spend >= 100")[0], at("100")[1]) in made
    # a whole number moves by at least 1
    nps_line, nps_col = at("nps >= 9")
    assert ("number", "factor 'happiness' band 1: 9 -> 10 in 'nps >= 9'", nps_line, nps_col + len("nps >= ")) in made
    date_line, date_col = at('"2022-01-01"')
    assert ("date", 'adjustment \'early\': "2022-01-01" -> "2022-01-31" in \'since < date("2022-01-01")\'', date_line, date_col) in made
    assert ("weight", "factor 'size' weight 60 -> 90", *at("weight: 60")[:1], 13) in made
    assert ("weight", "factor 'size' weight 60 -> 30", *at("weight: 60")[:1], 13) in made
    assert ("missing", "factor 'happiness' missing 0.5 -> 0", *at("missing: 0.5")[:1], 14) in made
    assert ("adjustment", "adjustment 'early' points -5 -> -10 (doubled)", *at("points: -5")[:1], 13) in made
    assert ("adjustment", "adjustment 'early' points -5 -> 0 (set to 0)", *at("points: -5")[:1], 13) in made
    assert ("tier", "tier 'gold' min 70 -> 75", *at("min: 70")[:1], 10) in made
    assert ("tier", "tier 'gold' min 70 -> 65", *at("min: 70")[:1], 10) in made
    changes = [m[1] for m in made]
    # band values move by 0.25 within [0, 1]: 1 only down, 0 only up
    assert sorted(c for c in changes if "value" in c) == [
        "factor 'happiness' band 1 (nps >= 9) value 1 -> 0.75",
        "factor 'happiness' band 2 (else) value 0 -> 0.25",
    ]
    # bronze's min 0 is score.min: no score lies below it, so lowering it is no change at all
    assert [c for c in changes if c.startswith("tier 'bronze'")] == ["tier 'bronze' min 0 -> 5"]


def test_a_threshold_the_tests_miss_survives_and_fails_the_minimum(tiny, run):
    result = run("test", "tiny.test.yaml", "--mutate", "--min-mutation-score", "100")
    assert result.exit_code == 1
    line, _ = line_col(POLICY, "min: 70")
    assert f"      tiny.yaml:{line}:10: tier 'gold' min 70 -> 75\n" in result.stdout
    assert "          hint: add a customer scoring between 70 and 75 expecting tier 'gold'\n" in result.stdout
    assert "mutation score below 100%: tiny" in result.stdout.splitlines()[-1]
    # without a minimum the survivors are reported and the run passes
    assert run("test", "tiny.test.yaml", "--mutate").exit_code == 0


def test_a_boundary_case_kills_the_survivor(tiny, run):
    before = mutate_policy("tiny.yaml", ["tiny.test.yaml"])
    assert "tier 'gold' min 70 -> 75" in [r.mutant.change for r in before.survivors]
    with open("tiny.test.yaml", "a", encoding="utf-8") as f:
        # a promoter (40) spending 550 (60 x 0.55 = 33), no penalty: 73
        f.write("  - name: a score between 70 and 75 is gold\n    record: {id: C, nps: 9, spend: 550, since: 2023-01-01}\n")
        f.write("    expect: {score: 73, tier: gold}\n")
    after = mutate_policy("tiny.yaml", ["tiny.test.yaml"])
    assert "tier 'gold' min 70 -> 75" not in [r.mutant.change for r in after.survivors]
    killed = next(r for r in after.results if r.mutant.change == "tier 'gold' min 70 -> 75")
    assert (killed.status, killed.killed_by) == ("killed", "a score between 70 and 75 is gold")
    assert after.count("killed") > before.count("killed") and after.count("survived") < before.count("survived")


def test_json_and_junit_name_the_survivors(tiny, run):
    doc = json.loads(run("test", "tiny.test.yaml", "--mutate", "--format", "json").stdout)
    (tiny_mutation,) = doc["mutation"]
    survived = [m for m in tiny_mutation["mutants"] if m["status"] == "survived"]
    assert tiny_mutation["survived"] == len(survived) > 0
    assert tiny_mutation["killed"] + tiny_mutation["survived"] == tiny_mutation["total"]
    assert tiny_mutation["percent"] == int(tiny_mutation["killed"] / tiny_mutation["total"] * 1000) / 10
    assert {"kind": "tier", "line": line_col(POLICY, "min: 70")[0], "column": 10, "change": "tier 'gold' min 70 -> 75"}.items() <= next(
        m for m in survived if m["change"] == "tier 'gold' min 70 -> 75"
    ).items()
    assert doc["ok"] is True and doc["min_mutation_score"] is None
    junit = run("test", "tiny.test.yaml", "--min-mutation-score", "100", "--format", "junit")
    assert junit.exit_code == 1
    suite = next(s for s in ET.fromstring(junit.stdout).iter("testsuite") if s.get("name") == "mutation")
    (case,) = suite.iter("testcase")
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "Mutation"
    assert "tier 'gold' min 70 -> 75 (hint: add a customer scoring between 70 and 75 expecting tier 'gold')" in failure.text


def test_a_policy_whose_tests_fail_is_not_mutated(tiny, run):
    Path("tiny.test.yaml").write_text(TESTS.replace("score: 100", "score: 99"), encoding="utf-8")
    result = run("test", "tiny.test.yaml", "--mutate")
    assert result.exit_code == 1
    assert "  tiny v1 (tiny.yaml): not mutated: its tests fail on the policy itself (a promoter spending 1000 is gold)\n" in result.stdout


def test_the_rules_tests_kill_every_mutant(run, monkeypatch):
    """What CI checks: `policyscore test rules --mutate --min-mutation-score 100`."""
    monkeypatch.chdir(ROOT)
    result = run("test", "rules", "--mutate", "--min-mutation-score", "100")
    assert result.exit_code == 0, result.stdout[-3000:]
    summary = result.stdout.splitlines()[-1]
    assert summary.endswith(" survived") and ", 0 survived" in summary
    for name in ("balanced-portfolio", "startup-us-ca", "subscription-health", "will-they-last"):
        assert f"  {name} v1 (rules/{name}.yaml): " in result.stdout and "100.0%" in result.stdout


def test_mutants_that_do_not_load_count_for_nothing(tiny):
    # gold 70 -> 65 and bronze 0 -> 5 load; a tier min moved above the tier before it would not
    text = POLICY.replace("  - name: bronze\n    min: 0\n", "  - name: silver\n    min: 67\n  - name: bronze\n    min: 0\n")
    Path("tiny.yaml").write_text(text, encoding="utf-8")
    found = mutate_policy("tiny.yaml", ["tiny.test.yaml"])
    invalid = [r.mutant.change for r in found.results if r.status == "invalid"]
    assert invalid == ["tier 'gold' min 70 -> 65", "tier 'silver' min 67 -> 72"]  # tiers out of order
    assert found.total == found.count("killed") + found.count("survived") == len(found.results) - 2


def test_a_policy_holding_a_small_or_large_number_has_its_mutants_loaded(tiny):
    # Mutants were written as JSON, whose 1e-06 YAML 1.1 reads as a string: every mutant of such a policy "did not load".
    text = POLICY.replace("missing: 0.5", "missing: 0.000001").replace("version: 1\n", "version: 1\nparams: {huge: 1.0e+20}\n")
    Path("tiny.yaml").write_text(text, encoding="utf-8")
    found = mutate_policy("tiny.yaml", ["tiny.test.yaml"])
    assert found.problem is None
    assert [r.mutant.change for r in found.results if r.status == "invalid"] == []
    assert found.total == len(found.results) > 0
