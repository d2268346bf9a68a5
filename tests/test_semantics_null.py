"""Null semantics and three-valued logic, compiled and interpreted."""

from __future__ import annotations

import pytest
from support import both

T, F, N = True, False, None
BOOLS = {"a": "boolean?", "b": "boolean?"}

AND = [(T, T, T), (T, F, F), (T, N, N), (F, T, F), (F, F, F), (F, N, F), (N, T, N), (N, F, F), (N, N, N)]
OR = [(T, T, T), (T, F, T), (T, N, T), (F, T, T), (F, F, F), (F, N, N), (N, T, T), (N, F, N), (N, N, N)]


@pytest.mark.parametrize(("a", "b", "want"), AND, ids=[f"{a}-and-{b}" for a, b, _ in AND])
def test_and_truth_table(a, b, want):
    assert both("a and b", {"a": a, "b": b}, BOOLS) is want


@pytest.mark.parametrize(("a", "b", "want"), OR, ids=[f"{a}-or-{b}" for a, b, _ in OR])
def test_or_truth_table(a, b, want):
    assert both("a or b", {"a": a, "b": b}, BOOLS) is want


@pytest.mark.parametrize(("a", "want"), [(T, F), (F, T), (N, N)])
def test_not_truth_table(a, want):
    assert both("not a", {"a": a}, BOOLS) is want


@pytest.mark.parametrize(("a", "b", "want"), AND, ids=[f"untyped-{a}-and-{b}" for a, b, _ in AND])
def test_and_truth_table_without_declared_types(a, b, want):
    assert both("a and b", {"a": a, "b": b}) is want


@pytest.mark.parametrize(
    "expr",
    [
        "x + 1",
        "x - 1",
        "1 * x",
        "x / 2",
        "x % 2",
        "-x",
        "x > 1",
        "x == 1",
        "x != 1",
        "x <= 1",
        "x in [1, 2]",
        "x not in [1, 2]",
        "abs(x)",
        "round(x, 1)",
        "min(x, 3)",
        "max(3, x)",
        "scale(x, 0, 10)",
        "clamp(x, 0, 1)",
        "floor(x)",
        "ceil(x)",
        "sqrt(x)",
        "log(x)",
    ],
)
def test_null_propagates_through_operators_and_functions(expr):
    assert both(expr, {"x": None}, {"x": "number?"}) is None


@pytest.mark.parametrize(
    "expr",
    [
        "lower(s)",
        "upper(s)",
        "trim(s)",
        "len(s)",
        "contains(s, 'a')",
        "starts_with(s, 'a')",
        "ends_with(s, 'a')",
        "matches(s, 'a')",
        "s in ['a']",
    ],
)
def test_null_propagates_through_string_functions(expr):
    assert both(expr, {"s": None}, {"s": "string?"}) is None


def test_absent_field_is_null():
    assert both("x is null", {}, {"x": "number?"}) is True
    assert both("x is not null", {}, {"x": "number?"}) is False
    assert both("x + 1", {}, {"x": "number?"}) is None


def test_coalesce_takes_first_non_null():
    assert both("coalesce(x, y, 7)", {"x": None, "y": 3}, {"x": "number?", "y": "number?"}) == 3
    assert both("coalesce(x, y, 7)", {"x": None, "y": None}, {"x": "number?", "y": "number?"}) == 7
    assert both("coalesce(x, y)", {}, {"x": "number?", "y": "number?"}) is None


@pytest.mark.parametrize(("c", "want"), [(T, 1), (F, 2), (N, None)])
def test_if_with_null_condition_is_null(c, want):
    assert both("if c then 1 else 2", {"c": c}, {"c": "boolean?"}) == want


def test_null_comparison_is_null_not_false():
    assert both("x == 1", {"x": None}, {"x": "number?"}) is None
    assert both("not (x == 1)", {"x": None}, {"x": "number?"}) is None


def test_kleene_absorbs_null_in_filters():
    # false and null is false; true or null is true: the null side does not matter.
    assert both("x > 5 and y > 5", {"x": 1, "y": None}, {"x": "number", "y": "number?"}) is False
    assert both("x > 5 or y > 5", {"x": 9, "y": None}, {"x": "number", "y": "number?"}) is True


@pytest.mark.parametrize(
    ("expr", "want"),
    [("x / 0", None), ("x % 0", None), ("x / y", None), ("x % y", None), ("x / 4", 2.5), ("x % 4", 2), ("-x % 4", 2)],
)
def test_division_by_zero_is_null(expr, want):
    assert both(expr, {"x": 10, "y": 0}, {"x": "number", "y": "number"}) == want


def test_division_by_zero_inside_a_let_explained():
    from support import load

    policy = load(
        """
        policy: div
        version: 1
        record: {fields: {id: string, seats: number, used: number}}
        let:
          util: "used / seats"
        factors:
          - id: usage
            weight: 10
            missing: 0.5
            value: "util"
        """
    )
    result = policy.score({"id": "a", "seats": 0, "used": 3}, "2026-11-01").to_dict()
    factor = result["factors"][0]
    assert factor["missing"] is True
    assert factor["points"] == 5.0
    assert factor["missing_reason"] == "division by zero in 'used / seats' (in let 'util')"
    assert result["lets"] == [{"name": "util", "expression": "used / seats", "value": None, "inputs": {"used": 3, "seats": 0}}]


def test_missing_reason_names_division_by_zero():
    from support import load

    policy = load(
        """
        policy: div
        version: 1
        record: {fields: {id: string, seats: number, used: number}}
        factors:
          - id: usage
            weight: 10
            value: "used / seats"
        """
    )
    factor = policy.score({"id": "a", "seats": 0, "used": 3}, "2026-11-01").to_dict()["factors"][0]
    assert factor["missing_reason"] == "division by zero in 'used / seats'"
    assert factor["points"] == 0.0
