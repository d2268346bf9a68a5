"""The benchmark's hand-written startup-us-ca function and the engine agree (a correctness check, no timing).

benchmarks/run.py compares the engine's speed with benchmarks/handwritten.py;
that comparison only means something while both compute the same thing.  This
test keeps them in agreement on generated records and on the committed sample
(which holds the hand-made edge cases).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

import policyscore

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 1)


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


handwritten = _module("_bench_handwritten", ROOT / "benchmarks" / "handwritten.py")
generate = _module("_bench_generate", ROOT / "examples" / "generate.py")


@pytest.fixture(scope="module")
def policy() -> policyscore.Policy:
    return policyscore.load_policy(ROOT / handwritten.POLICY_FILE)


def _disagreements(policy: policyscore.Policy, records: list[dict]) -> list[str]:
    out = []
    for record, result in zip(records, policy.score_many(records, AS_OF, explain=False), strict=True):
        rid, eligible, score, tier, points = handwritten.score(record, AS_OF)
        engine = (result.id, result.eligible, result.score, result.tier, result.points)
        mine = (rid, eligible, score, tier, points)
        if engine != mine:
            out.append(f"{record.get('id')}: engine {engine} != hand-written {mine}")
    return out


def test_factor_ids_match_the_policy(policy: policyscore.Policy) -> None:
    assert handwritten.FACTOR_IDS == policy.factor_ids


def test_agree_on_generated_records(policy: policyscore.Policy) -> None:
    records = list(generate.generate(2000, seed=20261101))
    assert _disagreements(policy, records) == []
    eligible = sum(1 for r in policy.score_many(records, AS_OF, explain=False) if r.eligible)
    assert 0 < eligible < len(records)  # both branches exercised


def test_agree_on_the_committed_sample(policy: policyscore.Policy) -> None:
    lines = (ROOT / "examples" / "customers.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) > 300
    assert _disagreements(policy, records) == []


def test_agree_with_the_explanation(policy: policyscore.Policy) -> None:
    """Points in the full explanation (explain=True, to_dict) are the same numbers."""
    records = list(generate.generate(200, seed=3))
    for record, result in zip(records, policy.score_many(records, AS_OF, explain=True), strict=True):
        _, eligible, score, tier, points = handwritten.score(record, AS_OF)
        d = result.to_dict()
        assert (d["eligible"], d["score"], d["tier"]) == (eligible, score, tier)
        if eligible:
            assert {f["id"]: f["points"] for f in d["factors"]} == points
