"""The SQL back end run by DuckDB agrees exactly with the Python engine.

Every policy in ``rules/`` on the sample customers, and a policy exercising
every operator and function on seeded random records (nulls, zeros, negative
numbers, rounding ties such as 15 x 0.595, month ends, leap days, values at
band edges and tier thresholds, numbers large enough to overflow).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from sql_support import differences, python_rows, sql_rows

import policyscore
from policyscore.io.readers import loads
from policyscore.sql import SqlUnsupported, score_duckdb, to_sql

ROOT = Path(__file__).resolve().parent.parent
RULES = sorted((ROOT / "rules").glob("*.yaml"))
POLICIES = [p for p in RULES if not p.name.endswith(".test.yaml")]
AS_OF = "2026-11-01"


def _has_huge_number(value) -> bool:
    if isinstance(value, dict):
        return any(_has_huge_number(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_huge_number(v) for v in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 2**53


def _compare(policy, records, path):
    by_id = {str(r[policy.id_field]): r for r in records}
    relation = score_duckdb(policy, path, AS_OF, internal=True)
    got = sql_rows(relation.columns, relation.fetchall())
    expected = python_rows(policy, records, AS_OF)
    assert set(got) == set(expected)
    mismatches = {}
    fallback = []
    for rid, want in expected.items():
        row = got[rid]
        if want is None:
            assert not row["_ps_clean"] or row["_ps_fallback"], f"{rid}: the Python engine rejects it, DuckDB took it as clean"
            continue
        if not row["_ps_clean"]:  # left to the Python engine: only for numbers DuckDB cannot tell from floats
            assert _has_huge_number(by_id[rid]), f"{rid}: the Python engine scores it, the DuckDB checks rejected it"
            continue
        if row["_ps_fallback"]:
            fallback.append(rid)
            continue
        diff = differences(want, row)
        if diff:
            mismatches[rid] = diff
    assert not mismatches, dict(list(mismatches.items())[:5])
    return got, fallback


@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.stem)
def test_rules_agree_with_python_on_the_sample(path):
    policy = policyscore.load_policy(path)
    sample = ROOT / "examples" / "customers.jsonl"
    records = [loads(line) for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    got, fallback = _compare(policy, records, sample)
    assert not fallback
    assert sum(1 for row in got.values() if row["eligible"]) > 50  # the comparison covered scored records


def test_the_rules_include_a_policy_of_the_whole_book_that_sql_computes():
    whole_book = [p.stem for p in POLICIES if policyscore.load_policy(p).uses_portfolio]
    assert whole_book == ["will-they-last"] and len(POLICIES) == 4


def test_a_portfolio_function_in_a_let_is_a_window_over_the_book():
    policy = policyscore.load_policy(ROOT / "rules" / "will-they-last.yaml")
    text = to_sql(policy, as_of=AS_OF)
    assert "WITH RECURSIVE" in text  # the referral tree
    assert "RANK() OVER (PARTITION BY" in text  # group_percent_rank(own_value, company_size)
    sample = ROOT / "examples" / "customers.jsonl"
    rows = score_duckdb(policy, sample, AS_OF).fetchall()
    assert {row[3] for row in rows} >= {"keeper", "solid", "watch"}  # the relative tier and the fixed ones


_NUMBERS = [
    0,
    -0.0,
    1,
    2,
    3,
    -1,
    -7,
    0.5,
    0.595,
    2.675,
    15,
    8.925,
    0.107,
    25,
    1.005,
    1e-9,
    3.3333333333333335,
    12.5,
    1e15,
    1e300,
    -1e300,
    99.995,
]
_DATES = ["2024-02-29", "2025-01-31", "2025-02-28", "2025-03-31", "2026-11-01", "2019-12-31", "2026-12-31", "2026-10-31", "2000-01-01"]
_TEXTS = ["vip", "a vip client", "VIP", "gold-member", "  gold", "box", "exclude", "ß", "İstanbul", "viper", "über-vip", "x"]


def _record(rng: random.Random, i: int) -> dict:
    def maybe(values, null_rate=0.15):
        return None if rng.random() < null_rate else rng.choice(values)

    def number():
        if rng.random() < 0.5:
            return maybe(_NUMBERS)
        return round(rng.uniform(-50, 150), rng.choice([0, 1, 2, 3, 6, 12]))

    day = maybe(_DATES)
    if day is not None and rng.random() < 0.5:
        day = (date.fromisoformat(day) + timedelta(days=rng.randint(-40, 40))).isoformat()
    return {
        "id": f"R{i:04d}",
        "a": number(),
        "b": number(),
        "n": maybe([0, 1, 2, 3, 5, 8, -4]),
        "t": maybe(_TEXTS),
        "d1": day,
        "d2": maybe(_DATES),
        "flag": maybe([True, False]),
        "xs": maybe([[], [1, 2.5], [40, 60.25, 0.1], [1e308, 1e308]]),
        "tags": maybe([[], ["a"], ["b", "c"], ["a", "b", "c", "d", "e"]]),
    }


def test_every_operator_agrees_on_random_records(tmp_path):
    policy = policyscore.load_policy(ROOT / "tests" / "sql_policies" / "arithmetic.yaml")
    rng = random.Random(20261101)
    records = [_record(rng, i) for i in range(1500)]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    got, fallback = _compare(policy, records, path)
    by_id = {r["id"]: r for r in records}
    # Only round() of a number of 16 digits or more is left to the Python engine.
    assert all(abs(by_id[rid]["a"] or 0) * 0.595 >= 1e15 for rid in fallback)
    assert sum(1 for row in got.values() if row["eligible"]) > 1000
    tiers = {row["tier"] for row in got.values()}
    assert {"top", "mid", "low"} <= tiers


_DATETIME_POLICY = """\
policy: t
version: 1
record:
  fields:
    id: string
    signed: datetime?
let:
  age: days_between(signed, as_of)
factors:
  - id: f
    weight: 10
    value: age / 100
"""


def test_a_datetime_field_read_from_json_is_refused_with_ps701(tmp_path):
    policy = policyscore.load_policy_text(_DATETIME_POLICY, "t.yaml")
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "A", "signed": "2026-10-31T23:30:00-05:00"}\n', encoding="utf-8")
    with pytest.raises(SqlUnsupported) as err:
        score_duckdb(policy, path, AS_OF)
    [problem] = err.value.diagnostics
    assert problem.code == "PS701" and "datetime" in problem.message and "typed columns" in (problem.hint or "")


def test_with_lets_adds_each_let_as_a_column_from_a_typed_relation():
    import datetime as dt

    import duckdb

    policy = policyscore.load_policy_text(_DATETIME_POLICY, "t.yaml")
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id VARCHAR, signed TIMESTAMP)")
    con.execute("INSERT INTO t VALUES ('A', ?), ('B', NULL)", [dt.datetime(2026, 10, 31, 23, 30)])  # the clock reading, as written
    rows = score_duckdb(policy, con.table("t"), AS_OF, connection=con, with_lets=True).fetchall()
    relation = score_duckdb(policy, con.table("t"), AS_OF, connection=con, with_lets=True)
    assert relation.columns[-1] == "let_age"
    assert [(r[0], r[-1], r[4]) for r in rows] == [("A", 1.0, 0.1), ("B", None, 0.0)]


_SIGMA_POLICY = """
policy: sigma
version: 1
record:
  fields: {id: string, s: string?}
let:
  low: 'lower(s)'
factors:
  - {id: f, weight: 1, value: "if lower(s) == 'οδος' then 1 else 0"}
"""


def test_lower_of_a_word_final_capital_sigma_is_left_to_the_python_engine(tmp_path):
    """Python lowers a capital sigma that ends a word to 'ς' (Unicode's Final_Sigma): 'ΟΔΟΣ' is 'οδος'; DuckDB's
    lower gives 'οδοσ'. The query hands such a record over; a sigma inside a word, or alone, it lowers itself."""
    from sql_support import run_duckdb

    policy = policyscore.load_policy_text(_SIGMA_POLICY, "sigma.yaml")
    texts = ["ΟΔΟΣ", "ΑΣ.", "Α'Σ", "ΑΣ\u0301", "ΑΣΣ", "ΣΟΦΙΑ", "ΑΣΑ", "Σ", " Σ", "ΑΣ'Α", "abc", None]
    records = [{"id": f"r{i}", "s": t} for i, t in enumerate(texts)]
    rows = run_duckdb(policy, records, AS_OF, with_lets=True)
    handed = [r["s"] for r, row in zip(records, rows) if row == "fallback"]
    assert handed == ["ΟΔΟΣ", "ΑΣ.", "Α'Σ", "ΑΣ\u0301", "ΑΣΣ"]
    assert all("ς" in t.lower() for t in handed)
    for record, row in zip(records, rows):
        if row != "fallback":
            want = None if record["s"] is None else record["s"].lower()
            assert row["let_low"] == want and "ς" not in (want or "")


def test_the_final_sigma_character_sets_are_the_running_pythons():
    from policyscore.backends.sql.final_sigma import CASED_OR_IGNORABLE, LEFT, probe

    assert probe() == (LEFT, CASED_OR_IGNORABLE)


def test_floor_and_ceil_of_a_sum_are_computed_by_the_query():
    """The test that the argument of floor/ceil is finite is ``x - x = 0``; written without parentheses,
    ``n + 1 - n + 1`` is 2 and every record was handed to the Python engine."""
    from sql_support import run_duckdb

    text = """
policy: floors
version: 1
record:
  fields: {id: string, a: number?, b: number?}
let:
  down: 'floor(a + 1.5)'
  up: 'ceil(a - b)'
factors:
  - {id: f, weight: 10, value: 'floor(a + 1.5) / 10'}
  - {id: g, weight: 10, value: 'ceil(a - b) / 10'}
"""
    policy = policyscore.load_policy_text(text, "floors.yaml")
    records = [{"id": "r0", "a": 0, "b": 0}, {"id": "r1", "a": 2.25, "b": -3.5}, {"id": "r2", "a": -4.5, "b": 0.25}]
    rows = run_duckdb(policy, records, AS_OF, with_lets=True)
    expected = python_rows(policy, records, AS_OF)
    for record, row in zip(records, rows):
        assert row != "fallback", record
        assert not differences(expected[record["id"]], row), record
    assert [(row["let_down"], row["let_up"]) for row in rows] == [(1, 0), (3, 6), (-3, -4)]
