"""Explanations prepared once per program: remembered null reasons and let values, and the plan's lifetime.

:mod:`policyscore.engine.explanation` prepares what no record changes once per
program, remembers each null reason per distinct values of what its
expression depends on, and each let value an ineligible record's explanation
needs per distinct values the let reads.  None of it may change a single
explanation.
"""

from __future__ import annotations

import gc
import importlib.util
import json
from pathlib import Path
from random import Random
from typing import Any

import pytest

import policyscore
from policyscore.engine import explanation
from policyscore.engine.reference import NOT_COMPUTED
from policyscore.errors import RecordError
from tests.support import AS_OF, load

ROOT = Path(__file__).resolve().parents[1]


def _generate(n: int, seed: int) -> list[dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("_plan_generate", ROOT / "examples" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.generate(n, seed=seed))


def _with_gaps(rng: Random, record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with some values nulled and some numbers zeroed: every kind of null reason."""
    out = dict(record)
    for name, value in record.items():
        if name == "id":
            continue
        roll = rng.random()
        if roll < 0.12:
            out[name] = None
        elif roll < 0.18 and value.__class__ in (int, float):
            out[name] = 0 if value.__class__ is int else 0.0
    return out


def _explanations(policy: policyscore.Policy, records: list[dict[str, Any]], explain: bool) -> list[Any]:
    out: list[Any] = []
    for item in policy.score_many(records, AS_OF, explain=explain, on_error="yield"):
        out.append(str(item) if isinstance(item, RecordError) else item.to_dict())
    return out


@pytest.mark.parametrize("name", ["startup-us-ca", "subscription-health"])
def test_remembered_reasons_and_lets_are_the_same(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = Random(20261128)
    records = [_with_gaps(rng, r) for r in _generate(600, seed=17)]
    remembering = policyscore.load_policy(ROOT / "rules" / f"{name}.yaml")
    first = _explanations(remembering, records, True)
    # scored without explanations: the lets of ineligible records are completed here, and remembered
    again = _explanations(remembering, records, False)
    plan = explanation._plan_of(remembering.program)
    assert len(plan.reasons) > 10 and len(plan.let_values) > 10
    monkeypatch.setattr(explanation, "_REMEMBER_LIMIT", 0)
    fresh = _explanations(policyscore.load_policy(ROOT / "rules" / f"{name}.yaml"), records, False)
    assert json.dumps(first) == json.dumps(again) == json.dumps(fresh)  # 1 and 1.0 differ in JSON
    reasons = {f["missing_reason"] for d in first if isinstance(d, dict) for f in d["factors"]} - {None}
    assert len(reasons) >= 4


POLICY = """
policy: shares
version: 1
record:
  fields:
    used: number?
    bought: number
let:
  share: used / bought
factors:
  - id: usage
    weight: 10
    value: share
"""


def test_a_reason_follows_the_values_not_only_which_are_null() -> None:
    policy = load(POLICY)
    seen = [
        policy.score(record, AS_OF).to_dict()["factors"][0]["missing_reason"]
        for record in ({"used": None, "bought": 0}, {"used": 3, "bought": 0}, {"used": None, "bought": 4}, {"used": 5, "bought": 0})
    ]
    assert seen == [
        "'used' is null (in let 'share')",
        "division by zero in 'used / bought' (in let 'share')",
        "'used' is null (in let 'share')",
        "division by zero in 'used / bought' (in let 'share')",
    ]


def test_the_plan_goes_with_its_program() -> None:
    policy = load(POLICY)
    policy.score({"used": 1, "bought": 2}, AS_OF).to_dict()
    key = id(policy.program)
    assert explanation._PLANS[key].program() is policy.program
    del policy
    gc.collect()
    assert key not in explanation._PLANS


LATE = """
policy: late
version: 1
let:
  shout: upper(note)
filters:
  - id: active
    when: status == "active"
factors:
  - id: loud
    weight: 10
    value: if shout == "X" then 1 else 0
"""


def test_an_ineligible_record_keeps_the_lets_its_explanation_shows() -> None:
    """With explain=True the compiled code computes the lets the filters did not read for an ineligible record too."""
    policy = load(LATE)
    result = policy.score({"status": "gone", "note": "x"}, AS_OF)
    assert not result.eligible and result.let_values == ("X",)
    assert result.to_dict()["lets"] == [{"name": "shout", "expression": "upper(note)", "value": "X", "inputs": {"note": "x"}}]
    assert policy.score({"status": "gone", "note": "x"}, AS_OF, explain=False).let_values is None


def test_a_let_that_fails_on_an_ineligible_record_is_left_to_the_explanation() -> None:
    """Scoring does not fail on a let the record did not need; its explanation shows that let as no value
    (never a traceback: the record is ineligible, and its filters did not read the let)."""
    policy = load(LATE)
    result = policy.score({"status": "gone", "note": 5}, AS_OF)
    assert not result.eligible and result.let_values == (NOT_COMPUTED,)
    assert result.to_dict()["lets"][0]["value"] is None


SEGMENTS = """
policy: segments
version: 1
record:
  fields: {size: "enum(smb, mid)?", nps: number?}
factors:
  - id: satisfaction
    weight: {by: size, smb: 5, else: 8}
    missing: 0.5
    bands:
      - {when: nps >= 9, value: 1}
      - {when: nps >= 5, value: 0.5}
      - {else: 0}
"""


def test_remembered_reason_sentences_follow_everything_they_say(monkeypatch: pytest.MonkeyPatch) -> None:
    """A banded or missing factor's sentence is remembered: the same band with another segment's weight, or
    another missing reason, must still be said in its own words."""
    records = [{"size": s, "nps": n} for s in ("smb", "mid", None) for n in (None, 2, 6, 10)] * 2

    def sentences(policy: policyscore.Policy) -> list[str]:
        return [r["text"] for d in _explanations(policy, records, True) for r in d["reasons"]]

    remembered = sentences(load(SEGMENTS))
    monkeypatch.setattr(explanation, "_REMEMBER_LIMIT", 0)
    assert remembered == sentences(load(SEGMENTS))
    assert "satisfaction: 2.5 of 5 points; matched band 'nps >= 5' worth 0.5; needs nps >= 9 for 1" in remembered
    assert "satisfaction: 4 of 8 points; matched band 'nps >= 5' worth 0.5; needs nps >= 9 for 1" in remembered
    assert any("no value ('nps' is null)" in text for text in remembered)
    # the same points (none) out of different maximums
    nothing = {t.split(";")[0] for t in remembered if t.startswith("satisfaction: 0 of")}
    assert nothing == {"satisfaction: 0 of 5 points", "satisfaction: 0 of 8 points"}
