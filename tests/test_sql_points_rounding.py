"""Points rounded in SQL: plain rounding far from a half unit, the exact steps near one.

A factor's points are ``weight * value`` rounded by the spreadsheet rule; the
query rounds plainly (``floor(y + 0.5)`` of ``y = |x| * 10 ** decimals``) when
``y`` is far from a half-integer and runs the exact steps otherwise.  These
records sit on both sides of that line: values whose points are a half unit
to the last bit, the doubles next to them, values a margin away, ties such as
``15 x 0.595``, and random values; DuckDB must give the Python engine's points
for every one.
"""

from __future__ import annotations

import math
import random

import pytest
from sql_support import differences, python_rows, run_duckdb

import policyscore as ps
from policyscore.backends.sql.rounding import PLAIN_MARGIN

AS_OF = "2026-11-01"


def _policy(weight: float, decimals: int) -> ps.Policy:
    return ps.load_policy_text(
        f"""
policy: rounding
version: 1
record:
  fields:
    x: number?
factors:
  - id: part
    weight: {weight!r}
    value: x
score: {{decimals: {decimals}}}
tiers:
  - {{name: any, min: 0}}
""",
        "rounding.yaml",
    )


def _near_halves(weight: float, decimals: int, rng: random.Random) -> list[float]:
    """Values of ``x`` in [0, 1] putting ``weight * x * 10 ** decimals`` on, next to and near half units."""
    scale = 10**decimals
    top = int(weight * scale)
    values: list[float] = []
    for k in [0, 1, 2, 7, top // 3, top // 2, max(top - 1, 0), *rng.sample(range(max(top, 1)), min(top, 20))]:
        x = (k + 0.5) / scale / weight
        for v in (x, math.nextafter(x, 0), math.nextafter(x, 2), x * (1 + 4 * PLAIN_MARGIN), x * (1 - 4 * PLAIN_MARGIN)):
            if 0 <= v <= 1:
                values.append(v)
    values += [rng.random() for _ in range(40)] + [round(rng.random(), 3) for _ in range(40)]
    return values + [0.0, 1.0, 1e-9, 0.595, 0.5, 0.05, 0.005]


@pytest.mark.parametrize(
    ("weight", "decimals"),
    [(15, 2), (15, 1), (20, 2), (1, 3), (33, 0), (7.5, 2), (100, 4), (0.3, 6), (12345, 2)],
)
def test_duckdb_points_match_the_python_engine_near_half_units(weight, decimals):
    rng = random.Random(f"{weight}/{decimals}")
    policy = _policy(weight, decimals)
    records = [{"id": f"r{i}", "x": x} for i, x in enumerate(_near_halves(weight, decimals, rng))]
    expected = python_rows(policy, records, AS_OF)
    got = run_duckdb(policy, records, AS_OF)
    wrong = {}
    for record, row in zip(records, got):
        assert not isinstance(row, str), (record, row)
        diff = differences(expected[record["id"]], row)
        if diff:
            wrong[repr(record["x"])] = diff
    assert wrong == {}


def test_fifteen_times_0595_is_893_points():
    policy = _policy(15, 2)
    (row,) = run_duckdb(policy, [{"id": "a", "x": 0.595}], AS_OF)
    assert not isinstance(row, str)
    assert row["points_part"] == 8.93
