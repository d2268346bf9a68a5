"""``score_many`` runs the generated code's own loop: it must give, record for record, what ``score`` gives.

The Python back end compiles the policy twice from one body: ``_evaluate``
(one record, behind ``Policy.score``) and ``_evaluate_many`` (a generator over
the records, behind ``Policy.score_many``).  Results, rejected records and
their errors, the check of float ids and the order of the errors must not
depend on which one ran.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from support import AS_OF, load

import policyscore as ps

POLICY = """
policy: loop
version: 1
record:
  fields:
    n: number?
    k: integer
    d: date?
let:
  half: n / 2
filters:
  - id: positive
    when: k > 0
factors:
  - id: n
    weight: 10
    missing: 0.5
    value: half
  - id: recent
    weight: 5
    bands:
      - when: days_between(d, as_of) < 30
        value: 1
      - else: 0.2
tiers:
  - {name: top, min: 10}
  - {name: rest, min: 0}
"""

RECORDS: list[Any] = [
    {"id": "a", "n": 1.5, "k": 2, "d": "2026-10-20"},
    {"id": "b", "n": None, "k": 0, "d": None},  # ineligible
    {"id": "c", "n": 0.2, "k": "two", "d": None},  # k is not a whole number: rejected
    {"id": math.nan, "n": 1, "k": 1, "d": None},  # an id that is NaN: rejected
    {"id": math.inf, "n": 1, "k": "x", "d": None},  # both: the field's error comes first, as in score()
    {"id": 7.0, "n": 3, "k": 5, "d": "2026-11-01"},  # a finite float id is an id
    ["not", "a", "record"],
    {"id": "d", "n": 2, "k": 3, "d": "31/10/2026"},  # not an ISO date: rejected
    {"id": "e", "n": 0.4, "k": 1, "d": "2026-09-01"},
]


def _one_by_one(policy: ps.Policy, explain: bool) -> list[Any]:
    out: list[Any] = []
    for record in RECORDS:
        try:
            out.append(policy.score(record, AS_OF, explain=explain))
        except ps.RecordError as err:
            out.append(err.located(record_id=None))
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, ps.RecordError) or isinstance(b, ps.RecordError):
        return isinstance(a, ps.RecordError) and isinstance(b, ps.RecordError) and (a.code, a.field, str(a)) == (b.code, b.field, str(b))
    return bool(a == b)


@pytest.mark.parametrize("explain", [True, False])
def test_score_many_gives_what_score_gives_record_for_record(explain: bool):
    policy = load(POLICY)
    assert "def _evaluate_many" in policy.source
    many = list(policy.score_many(RECORDS, AS_OF, explain=explain, on_error="yield"))
    single = _one_by_one(policy, explain)
    assert len(many) == len(single) == len(RECORDS)
    for record, a, b in zip(RECORDS, many, single):
        if isinstance(a, ps.RecordError):  # score_many names the record's id in its errors; compare the rest
            b = b.located(record_id=a.record_id) if isinstance(b, ps.RecordError) else b
        assert _same(a, b), (record, a, b)
    codes = [x.code if isinstance(x, ps.RecordError) else x.tier for x in many]
    assert codes == ["top", None, "PS401", "PS512", "PS401", "top", "PS403", "PS401", "rest"]
    if explain:
        assert [x.to_dict()["score"] for x in many if not isinstance(x, ps.RecordError)] == [
            y.to_dict()["score"] for y in single if not isinstance(y, ps.RecordError)
        ]


def test_score_many_raises_at_the_first_bad_record_and_stops_when_the_reader_stops():
    policy = load(POLICY)
    seen = []
    with pytest.raises(ps.RecordError) as caught:
        for result in policy.score_many(RECORDS, AS_OF):
            seen.append(result.id)
    assert seen == ["a", "b"] and caught.value.code == "PS401" and caught.value.field == "k"
    records = iter(RECORDS)
    for _ in zip(range(2), policy.score_many(records, AS_OF)):
        pass
    assert next(records)["id"] == "c"  # one record read ahead at most: the loop is lazy


def test_score_many_checks_as_of_only_when_read():
    policy = load(POLICY)
    results = policy.score_many(RECORDS, "1 November")  # nothing runs yet
    with pytest.raises(ValueError, match="as_of must be a date"):
        next(results)


def test_score_many_is_the_generated_loop_itself():
    """No generator of the facade around the back end's: each result passes through one generator only."""
    policy = load(POLICY)
    for on_error in ("raise", "yield"):
        results = policy.score_many(iter(RECORDS), "2026-11-01", explain=False, on_error=on_error)
        assert results.gi_code.co_name == "_evaluate_many"
        assert next(results).id == "a"


def test_the_loop_is_compiled_at_its_first_use_with_its_line_numbers_in_the_source():
    """Loading a policy compiles ``_evaluate`` only (validate, explain and score() do not pay for the loop)."""
    policy = load(POLICY)
    assert "_evaluate_many" not in policy.evaluator.__globals__
    list(policy.score_many(RECORDS[:1], AS_OF))
    loop = policy.evaluator.__globals__["_evaluate_many"]
    assert policy.source.splitlines()[loop.__code__.co_firstlineno - 1].startswith("def _evaluate_many(")
    list(policy.score_many(RECORDS[:1], AS_OF))
    assert policy.evaluator.__globals__["_evaluate_many"] is loop  # compiled once
