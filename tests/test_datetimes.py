"""Date-times with and without a time zone never compare: the record is rejected, naming the values."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import policyscore as ps
from policyscore.language.functions import FUNCTIONS, RuntimeTypeError
from policyscore.language.semantics import BINARY
from tests.support import AS_OF, both, expr_policy

DT = {"a": "datetime", "b": "datetime"}
ZONED = "2026-01-01T10:00:00Z"
PLAIN = "2026-01-01T10:00:00"


@pytest.mark.parametrize("expr", ["a < b", "a <= b", "a > b", "a >= b", "a == b", "a != b", "min(a, b)", "max(a, b)", "max(a, b, a)"])
def test_comparing_zoned_with_plain_rejects_the_record(expr):
    policy = expr_policy(expr, DT)
    with pytest.raises(ps.RecordError) as info:
        policy.score({"a": ZONED, "b": PLAIN}, AS_OF)
    reason = info.value.reason
    assert "compares a date-time with a time zone (2026-01-01T10:00:00+00:00) with one without (2026-01-01T10:00:00)" in reason
    assert info.value.field in ("a", "b")
    # the other way round too
    with pytest.raises(ps.RecordError):
        policy.score({"a": PLAIN, "b": ZONED}, AS_OF)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2026-01-01T10:00:00+02:00", "2026-01-01T09:00:00Z", True),  # 08:00 UTC < 09:00 UTC
        ("2026-01-01T10:00:00Z", "2026-01-01T12:00:00+02:00", False),  # the same instant
        ("2026-01-01T10:00:00", "2026-01-01T11:00:00", True),
    ],
)
def test_zoned_compare_by_instant_and_plain_by_clock(a, b, expected):
    assert both("a < b", {"a": a, "b": b}, DT) is expected


def test_the_same_instant_in_two_zones_is_equal():
    assert both("a == b", {"a": "2026-01-01T10:00:00Z", "b": "2026-01-01T12:00:00+02:00"}, DT) is True


def test_a_plain_field_in_a_list_of_zoned_params_rejects_the_record():
    policy = ps.load_policy_text(
        "policy: t\nversion: 1\nrecord:\n  fields:\n    a: datetime\n"
        "params:\n  stamps: [2026-01-01T10:00:00Z, 2026-02-01T10:00:00Z]\n"
        "filters:\n  - id: known\n    when: a in stamps\n"
        "factors:\n  - id: f\n    weight: 1\n    value: '1'\n",
        "t.yaml",
    )
    assert policy.score({"a": "2026-01-01T11:00:00+01:00"}, AS_OF).eligible is True
    with pytest.raises(ps.RecordError, match="with a time zone .* with one without"):
        policy.score({"a": PLAIN}, AS_OF)


def test_a_bad_record_does_not_stop_the_others():
    policy = expr_policy("a < b", DT)
    records = [{"a": ZONED, "b": ZONED}, {"a": ZONED, "b": PLAIN}, {"a": PLAIN, "b": "2026-01-02T00:00:00"}]
    out = list(policy.score_many(records, AS_OF, on_error="yield"))
    assert [type(r).__name__ for r in out] == ["Result", "RecordError", "Result"]
    assert out[2].lookup("out") is True


def test_days_and_months_between_use_each_date_time_s_own_date():
    # Their answers do not depend on comparing instants, so a mix is allowed.
    assert both("days_between(a, b)", {"a": "2026-01-01T23:00:00-05:00", "b": "2026-01-03T00:30:00"}, DT) == 2
    assert both("months_between(a, b)", {"a": "2026-01-31T10:00:00Z", "b": "2026-02-28T01:00:00"}, DT) == 1


def test_the_runtime_operators_refuse_the_mix_directly():
    zoned = datetime(2026, 1, 1, 10, tzinfo=timezone(timedelta(hours=2)))
    plain = datetime(2026, 1, 1, 10)
    for op in ("==", "!=", "<", "<=", ">", ">=", "in"):
        right = [plain] if op == "in" else plain
        with pytest.raises(RuntimeTypeError, match="time zone"):
            BINARY[op](zoned, right)
    with pytest.raises(RuntimeTypeError, match=r"min\(\) compares"):
        FUNCTIONS["min"].impl(zoned, plain)
    assert FUNCTIONS["max"].impl(zoned, zoned + timedelta(hours=1)) == zoned + timedelta(hours=1)
