"""Calls the generated code writes inline: each must compute what the function's one implementation computes.

``months_between`` on two dates, ``coalesce`` of values already computed,
``log`` of a number, ``clamp`` between constant bounds and ``matches`` (whose
answers are remembered per text) are emitted as Python expressions instead of
calls.  Each is compared here with the reference interpreter on the values
where the formula could go wrong (month ends, leap days, a later date before
an earlier one, nulls, zero and negative numbers, reversed bounds), and each
test first makes sure the inline form is the one compiled.
"""

from __future__ import annotations

import itertools
import math
from datetime import date
from typing import Any

import pytest
from expr_strategies import DATES as STRATEGY_DATES
from support import AS_OF, both, expr_policy

import policyscore as ps
from policyscore.backends.python import calls
from policyscore.language import functions

# the property tests' dates (month ends, leap days) and a few more around them
DATES = sorted({*STRATEGY_DATES, date(2024, 2, 28), date(2024, 3, 1), date(2025, 3, 31), date(2026, 1, 15), date(2026, 5, 31)})


def _calls(policy: ps.Policy, impl: Any) -> bool:
    """Whether the generated code calls ``impl`` (bound in its namespace) rather than computing it inline."""
    return any(value is impl for value in policy.evaluator.__globals__.values())


def test_months_between_of_two_dates_is_inline_and_counts_like_the_function():
    fields = {"a": "date", "b": "date"}
    assert not _calls(expr_policy("months_between(a, b)", fields), functions.months_between)
    for a, b in itertools.product(DATES, DATES):
        record = {"a": a.isoformat(), "b": b.isoformat()}
        got = both("months_between(a, b)", record, fields)
        assert got == functions.months_between(a, b), (a, b)
        assert got == -functions.months_between(b, a) or a.day != b.day  # a sanity check of the grid itself


def test_months_between_with_as_of_and_nulls():
    fields = {"a": "date?", "b": "date?"}
    assert not _calls(expr_policy("months_between(a, as_of)", fields), functions.months_between)
    for a in [None, *DATES]:
        record = {"a": a.isoformat() if a else None}
        want = None if a is None else functions.months_between(a, AS_OF)
        assert both("months_between(a, as_of)", record, fields) == want
        assert both("months_between(as_of, a)", record, fields) == (None if a is None else functions.months_between(AS_OF, a))
    for a, b in [(None, None), (None, date(2026, 1, 31)), (date(2026, 1, 31), None)]:
        record = {"a": a and a.isoformat(), "b": b and b.isoformat()}
        assert both("months_between(a, b)", record, fields) is None


def test_months_between_of_computed_dates_computes_each_once():
    """Arguments that are expressions, not names, are held in temporaries; a date-time keeps the call."""
    fields = {"s": "string?", "t": "datetime?"}
    policy = expr_policy("months_between(date(s), coalesce(date(s), as_of))", fields)
    assert not _calls(policy, functions.months_between)
    for s in [None, "2024-02-29", "2026-10-31", "not a date", "2027-01-31"]:
        both("months_between(date(s), coalesce(date(s), as_of))", {"s": s}, fields)
    assert _calls(expr_policy("months_between(t, as_of)", fields), functions.months_between)


def test_coalesce_of_names_is_inline_and_picks_the_first_non_null():
    fields = {"x": "number?", "y": "number?", "z": "number"}
    assert not _calls(expr_policy("coalesce(x, y, z)", fields), functions.FUNCTIONS["coalesce"].impl)
    for x, y in itertools.product((None, 0, -1.5, 2), (None, 0.0, 7)):
        record = {"x": x, "y": y, "z": 3}
        got = both("coalesce(x, y, z)", record, fields)
        want = next(v for v in (x, y, 3) if v is not None)
        assert got == want and type(got) is type(want)
        assert both("coalesce(x * 2, y)", record, fields) == (x * 2 if x is not None else y)
        assert both("coalesce(x, null)", record, fields) == x


def test_coalesce_with_a_later_argument_still_to_compute_keeps_the_call():
    """The language computes every argument (a later one may fail): only names and literals are left unread."""
    fields = {"x": "number?", "y": "number"}
    assert _calls(expr_policy("coalesce(x, 1 / y)", fields), functions.FUNCTIONS["coalesce"].impl)
    assert both("coalesce(x, 1 / y)", {"x": 2, "y": 0}, fields) == 2  # division by zero is null, not an error


@pytest.mark.parametrize("x", [None, 0, -0.0, 0.0, -1, -2.5, 1e-300, 1, 2.718281828459045, 60000, 10**400])
def test_log_is_inline_and_null_for_zero_and_below(x: Any):
    fields = {"x": "number?"}
    assert not _calls(expr_policy("log(x)", fields), functions.FUNCTIONS["log"].impl)
    want = None if x is None or x <= 0 else math.log(x)
    assert both("log(x)", {"x": x}, fields) == want
    assert both("log(x + 1)", {"x": x}, fields) == (None if x is None or x + 1 <= 0 else math.log(x + 1))
    assert both("log(x, 10)", {"x": x}, fields) == (None if x is None or x <= 0 else math.log(x, 10))


@pytest.mark.parametrize("x", [None, -3, -0.0, 0, 0.5, 1, 2, 7.25, 10, 11])
def test_clamp_between_constant_bounds_is_inline_in_either_order(x: Any):
    fields = {"x": "number?"}
    assert not _calls(expr_policy("clamp(x, 0, 10)", fields), functions.FUNCTIONS["clamp"].impl)
    for text in ("clamp(x, 0, 10)", "clamp(x, 10, 0)", "clamp(x, -1.5, 1)", "clamp(x, 2, 2)", "clamp(x * 2, 1, 7.5)"):
        got = both(text, {"x": x}, fields)
        if x is None:
            assert got is None
        else:
            lo, hi = sorted(float(v) for v in text.split("(", 1)[1].rstrip(")").split(", ")[1:])
            assert lo <= got <= hi


def test_matches_remembers_each_text_and_answers_alike(monkeypatch: pytest.MonkeyPatch):
    fields = {"t": "string?"}
    policy = expr_policy("matches(lower(t), '^(vp|chief) ')", fields)
    [memo] = [v for k, v in policy.evaluator.__globals__.items() if k.startswith("_rxm")]
    texts = ["VP Sales", "vp sales", "Chief of staff", "Director", "", None, "VP Sales"]
    for text in texts:
        want = None if text is None else text.lower().startswith(("vp ", "chief "))
        assert policy.score({"t": text}, AS_OF).lookup("out") == want
    assert memo == {"vp sales": True, "chief of staff": True, "director": False, "": False}
    # a full memo stops growing; the answers stay the same
    monkeypatch.setattr(calls, "_MEMO_LIMIT", 1)
    small = expr_policy("matches(t, 'a+b')", fields)
    [memo] = [v for k, v in small.evaluator.__globals__.items() if k.startswith("_rxm")]
    for text in ["aab", "b", "xab", "aab"]:
        assert small.score({"t": text}, AS_OF).lookup("out") == ("ab" in text)
    assert memo == {"aab": True}


def test_matches_on_text_regex_cannot_search_rejects_the_record_every_time():
    """A lone surrogate cannot be searched: never remembered, the record is rejected like the interpreter does."""
    policy = expr_policy("matches(t, 'a')", {"t": "string"})
    for _ in range(2):
        with pytest.raises(ps.RecordError):
            policy.score({"t": "a\ud800"}, AS_OF)


@pytest.mark.parametrize("op", ["and", "or"])
def test_and_or_with_one_side_never_null_keep_the_three_valued_tables(op: str):
    """A side that is never null lets the generated code use Python's ``and``/``or`` (left) or a shorter test (right)."""
    fields = {"b": "boolean", "c": "boolean", "bb": "boolean?"}
    policy = expr_policy(f"b {op} bb", fields)
    assert "is None or" not in policy.source  # not the general three-valued form
    for b, bb in itertools.product((True, False), (True, False, None)):
        for text in (f"b {op} bb", f"bb {op} b", f"(b {op} c) {op} bb", f"bb {op} (b {op} c)", f"not (bb {op} b)"):
            record = {"b": b, "c": not b, "bb": bb}
            got = both(text, record, fields)
            assert got is None or isinstance(got, bool)
        if op == "and":
            assert both("bb and b", {"b": b, "c": b, "bb": bb}, fields) == (False if False in (b, bb) else (None if bb is None else True))
        else:
            assert both("bb or b", {"b": b, "c": b, "bb": bb}, fields) == (True if True in (b, bb) else (None if bb is None else False))


def test_a_comparison_with_a_folded_constant_is_never_null_and_uses_python_and():
    """``date("2022-01-01")`` is typed as possibly null before it is folded to a constant: the comparison of a
    date that cannot be null with it is True or False, so ``and``/``or``/``if`` need no three-valued form."""
    fields = {"d": "date", "n": "integer", "dd": "date?", "t": "datetime"}
    text = 'd < date("2022-01-01") and n >= 2'
    assert "is True else" not in expr_policy(text, fields).source
    assert "is True else" in expr_policy('dd < date("2022-01-01") and n >= 2', fields).source  # a null date: null
    for d, n, dd in itertools.product(DATES, (0, 2, 3), (None, date(2021, 5, 1))):
        record = {"d": d.isoformat(), "n": n, "dd": dd and dd.isoformat(), "t": "2026-01-01T10:00:00"}
        assert both(text, record, fields) == (d < date(2022, 1, 1) and n >= 2)
        for other in (
            'n >= 2 or d >= date("2022-01-01")',
            'if d < date("2022-01-01") then 1 else 2',
            'dd < date("2022-01-01") and n >= 2',
            'not (d == date("2024-02-29"))',
            't < t or n > 2',
        ):
            both(other, record, fields)
