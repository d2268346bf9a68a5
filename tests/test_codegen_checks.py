"""The generated record checks reject exactly the records the reference evaluator rejects, with its error.

The generated code tests the fields a policy reads with short inline
conditions (``backends/python/recordcheck.py``): a number is finite by one
chained comparison with the infinities, a list of strings is joined (an item
that is not a string raises, and the error path asks the reference
evaluator).  Each record below is scored by ``score`` (with and without
explanations) and by ``score_many``, with and without ``check_all_fields``,
and the outcome (the error's code, field and message, or the points) must be
the reference evaluator's.  Dates are converted once per text (a cache), the
points of the adjustments that apply are added one by one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from support import AS_OF, load

import policyscore as ps
from policyscore.engine import reference

POLICY = """
policy: checks
version: 1
record:
  fields:
    id: string
    early: boolean?
    tags: list[string]
    more_tags: list[string]?
    amount: number?
    count: integer
    since: date
    until: date?
factors:
  - id: tags
    weight: 10
    value: if len(tags) >= 2 then 1 else 0.5
  - id: more_tags
    weight: 10
    value: if more_tags is null then 0 else 1
  - id: amount
    weight: 10
    missing: 0.5
    value: scale(amount, 0, 100)
  - id: count
    weight: 10
    value: count / 10
adjustments:
  - id: dates
    points: 3
    when: until is null or until > since
  - id: nothing
    points: 0
    when: since < date("2020-01-01")
  - id: old
    points: -2
    when: since < date("2020-01-01")
"""

GOOD: dict[str, Any] = {
    "id": "c1", "early": None, "tags": ["a", "b"], "more_tags": None, "amount": 50, "count": 3, "since": "2019-05-01", "until": None,
}


class Text(str):
    """A string of a subclass of ``str``: a string to the checks."""


VARIANTS: dict[str, list[Any]] = {
    "tags": [[], ["a"], ["a", 1], [1, "a"], [None], [["x"]], ["a", b"b"], ("a", "b"), "a;b", None, [Text("a"), "b"]],
    "more_tags": [[], ["a", 2], ("x",), "x", [Text("y")]],
    "amount": [None, 0, -0.0, 1e-300, 99.5, 1e308, -1e308, float("nan"), float("inf"), float("-inf"), True, "50", 10**400],
    "count": [0, 2.0, 2.5, True, "3", None, float("inf")],
    "early": [True, "yes"],
    "since": ["2025-01-31", date(2019, 1, 1), datetime(2019, 1, 1, 12), "2025-02-30", 20250101, None, "", Text("2025-01-31")],
    "until": ["2025-01-31", "2010-01-01", date(2025, 1, 1), datetime(2025, 1, 1, 12), "31/01/2025", 1.5, Text("2025-01-31")],
}


def _records() -> list[dict[str, Any]]:
    out = [GOOD]
    for name, values in VARIANTS.items():
        out += [{**GOOD, name: value} for value in values]
    return out


#: Bad in an unread field and in read ones: with check_all_fields the generated code checks the read fields
#: first and names one of them, the reference evaluator checks in declared order and names `early`.
TWICE_BAD = [{**GOOD, "early": "yes", "tags": ["a", 1]}, {**GOOD, "early": 1, "tags": "a", "amount": "x"}]


def _outcome(score: Any, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    """What ``score(*args, **kwargs)`` gives: the error's code, field and message, or the points."""
    try:
        result = score(*args, **kwargs)
    except ps.RecordError as err:
        return ("rejected", err.code, err.field, str(err))
    if isinstance(result, ps.RecordError):
        return ("rejected", result.code, result.field, str(result))
    return ("scored", result.factor_units, result.adjustment_values, result.total_units)


def _reference(policy: ps.Policy, record: dict[str, Any]) -> tuple[Any, ...]:
    def score() -> Any:
        out = reference.evaluate(policy.program, record, AS_OF, check_all_fields=policy.check_all_fields)
        return type("Scored", (), {"factor_units": out.units, "adjustment_values": out.adjustments, "total_units": out.total_units})

    found = _outcome(score)
    if found[0] == "rejected":  # the engine locates the error with the record's id
        try:
            reference.evaluate(policy.program, record, AS_OF, check_all_fields=policy.check_all_fields)
        except ps.RecordError as err:
            return ("rejected", err.code, err.field, str(err.located(record_id=record["id"])))
    return found


@pytest.mark.parametrize("check_all_fields", [False, True], ids=["fields read", "all fields"])
def test_checks_reject_what_the_reference_rejects(check_all_fields: bool):
    policy = load(POLICY, check_all_fields=check_all_fields)
    source = policy.source
    assert "-1e999 <" in source  # the inline checks are the ones under test
    # With check_all_fields the unread fields (`id`, `early`) are checked after the read ones, so an error
    # raised while checking `tags` would make the reference name one of them: `tags` is checked in full then.
    assert ("''.join(f" in source) is not check_all_fields
    records = _records()
    outcomes = []
    for record in records:
        want = _reference(policy, record)
        for explain in (True, False):
            assert _outcome(policy.score, record, AS_OF, explain=explain) == want, (record, explain)
        outcomes.append(want)
    for explain in (True, False):
        many = [_outcome(lambda r=r: r) for r in policy.score_many(records, AS_OF, explain=explain, on_error="yield")]
        assert many == outcomes
    kinds = {o[0] for o in outcomes}
    assert kinds == {"scored", "rejected"}
    fields = {o[2] for o in outcomes if o[0] == "rejected"}
    assert {"tags[1]", "tags[0]", "tags", "more_tags[1]", "amount", "count", "since", "until"} <= fields
    assert {o[2] for o in outcomes if o[0] == "scored"} == {(True, False, False), (True, True, True), (False, True, True)}
    assert ("early" in fields) == check_all_fields  # read by no expression: checked only with check_all_fields
    named = [_outcome(policy.score, record, AS_OF)[2] for record in TWICE_BAD]
    assert named == ["tags[1]", "tags"]
