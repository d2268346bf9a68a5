"""Helpers for the SQL back-end tests: the Python engine's answer in the query's columns."""

from __future__ import annotations

from typing import Any

from policyscore import Policy, RecordError


def expected_row(policy: Policy, result: Any) -> dict[str, Any]:
    """One record's outcome from the Python engine, in the SQL output's columns."""
    program = policy.program
    eligible = result.eligible
    d = result.to_dict() if eligible else None
    row: dict[str, Any] = {
        "id": str(result.id),
        "eligible": eligible,
        "score": result.score,
        "tier": result.tier,
        "failed_filters": list(result.failed_filters),
    }
    for f in program.factors:
        row[f"points_{f.id}"] = result.points[f.id] if eligible else None
    if eligible:
        row["adjustment_points"] = d["total"]["adjustment_points"]  # type: ignore[index]
        row["reasons"] = [r["id"] for r in d["reasons"]]  # type: ignore[index]
    else:
        row["adjustment_points"] = None
        row["reasons"] = list(result.failed_filters)
    return row


def python_rows(policy: Policy, records: list[dict[str, Any]], as_of: str) -> dict[str, dict[str, Any] | None]:
    """By id: the expected row, or None for a record the Python engine rejects."""
    out: dict[str, dict[str, Any] | None] = {}
    for record, outcome in zip(records, policy.score_many(records, as_of, on_error="yield")):
        rid = str(record.get(policy.id_field))
        out[rid] = None if isinstance(outcome, RecordError) else expected_row(policy, outcome)
    return out


def sql_rows(columns: list[str], rows: list[tuple[Any, ...]]) -> dict[str, dict[str, Any]]:
    """By id: a row of the query's output as a dict of numbers as Python floats, arrays as lists."""
    out = {}
    for row in rows:
        d = dict(zip(columns, row))
        d["failed_filters"] = list(d["failed_filters"]) if d["failed_filters"] is not None else None
        d["reasons"] = list(d["reasons"]) if d["reasons"] is not None else None
        out[str(d["id"])] = d
    return out


def differences(expected: dict[str, Any], got: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Columns whose values differ (numbers compared exactly)."""
    return {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v or (v is None) != (got.get(k) is None)}
