"""Band conditions share what the first one computes first: computed once, with the reference evaluator's outcome.

``backends/python/shared.py`` computes, before a factor's bands, each
sub-expression that the first band's condition evaluates first (its leftmost
operands) and that a later band's condition contains too.  A sub-expression
the first condition may skip (the right side of ``or``) is not shared: computing
it early could reject a record (a date-time with a time zone compared with one
without) that the reference evaluator scores.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timezone
from typing import Any

from support import AS_OF, load

import policyscore as ps
from policyscore.engine import reference

POLICY = """
policy: shared
version: 1
record:
  fields:
    flag: boolean
    a: datetime
    b: datetime
    c: datetime
    d: datetime
    n: number?
factors:
  - id: first_operand
    weight: 10
    missing: 0.5
    bands:
      - when: a < b and n > 1
        value: 1
      - when: a < b or n > 5
        value: 0.5
      - when: n > 3 and a < b
        value: 0.25
      - else: 0
  - id: right_operand
    weight: 10
    missing: 0.4
    bands:
      - when: flag or c < d
        value: 1
      - when: c < d
        value: 0.5
      - else: 0
  - id: nothing_shared
    weight: 10
    missing: 0.3
    bands:
      - when: n > 2
        value: 1
      - when: n > 1
        value: 0.5
      - else: 0
"""

NAIVE = datetime(2026, 1, 1, 10, 0)
AWARE = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)


def _outcome(policy: ps.Policy, record: dict[str, Any], explain: bool) -> tuple[Any, ...]:
    try:
        result = policy.score(record, AS_OF, explain=explain)
    except ps.RecordError as err:
        return ("rejected", err.code, str(err))
    return ("scored", result.factor_units, result.band_indexes if explain else None)


def _reference(policy: ps.Policy, record: dict[str, Any], explain: bool) -> tuple[Any, ...]:
    try:
        out = reference.evaluate(policy.program, record, AS_OF)
    except ps.RecordError as err:
        return ("rejected", err.code, str(err))
    return ("scored", out.units, out.bands if explain else None)


def _first_function(policy: ps.Policy) -> str:
    return policy.source.split("\ndef _evaluate_many")[0]


def test_what_the_first_band_computes_first_is_computed_once():
    source = _first_function(load(POLICY))
    assert source.count("(f0, f1)") == 1  # `a < b` (an operator that checks time zones): once, before the bands
    assert source.count("(f2, f3)") == 2  # `c < d`: in both bands of the second factor, never before them


def test_shared_band_conditions_choose_like_the_reference():
    policy = load(POLICY)
    rejected = scored = 0
    times = (NAIVE, AWARE)
    for flag, a, b, c, d, n in itertools.product((True, False), times, times, times, times, (None, 0, 2, 4, 7)):
        record = {"flag": flag, "a": a, "b": b, "c": c, "d": d, "n": n}
        for explain in (True, False):
            got = _outcome(policy, record, explain)
            assert got == _reference(policy, record, explain), (record, explain)
        rejected += got[0] == "rejected"
        scored += got[0] == "scored"
    # a naive and an aware date-time compared reject the record, unless the bands never compare them
    assert rejected and scored
    skipped = {"flag": True, "a": NAIVE, "b": NAIVE, "c": NAIVE, "d": AWARE, "n": 2}
    assert _outcome(policy, skipped, True)[0] == "scored"  # `flag or c < d` never compares c and d


def test_the_startup_policy_tests_the_industry_once():
    policy = ps.load_policy("rules/startup-us-ca.yaml")
    source = _first_function(policy)
    industry = "f" + str(policy.program.read_fields.index("industry"))
    assert source.count(f"({industry} in _set") == 1
    assert source.count(".startswith('en')") == 1
