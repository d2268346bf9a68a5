"""Policies of the whole book in SQL (DuckDB): portfolio functions, referral trees, relative tiers and
weights by segment agree with the Python engine, record by record and value by value.

Each comparison reads the value of every portfolio call for every record (``_ps_pf_<i>``), not only the
points, so a sum one bit off would be seen.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from book_support import AS_OF, book_policy, books, compare, duckdb_rows, write_jsonl
from hypothesis import HealthCheck, given, settings

import policyscore
from policyscore.backends.sql.query import build_query
from policyscore.sql import SqlUnsupported, to_sql

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted(
    p
    for pattern in ("portfolio-*.yaml", "tiers-top-percent*.yaml", "weights-by-segment*.yaml")
    for p in (ROOT / "tests" / "cases").glob(pattern)
)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_corpus_cases_of_the_whole_book_agree_with_python(path, tmp_path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    policy = policyscore.load_policy_text(case["policy"], f"{path.stem}.yaml")
    records = [item["record"] for item in case["records"]]
    got = duckdb_rows(policy, write_jsonl(tmp_path / "records.jsonl", records))
    assert compare(policy, records, got) == {}
    assert any(row["eligible"] for row in got.values())


def test_a_referral_cycle_is_a_record_the_query_cannot_score():
    case = yaml.safe_load((ROOT / "tests" / "cases" / "portfolio-referrals.yaml").read_text(encoding="utf-8"))
    policy = policyscore.load_policy_text(case["policy"], "referrals.yaml")
    records = [item["record"] for item in case["records"]]
    with tempfile.TemporaryDirectory() as tmp:
        got = duckdb_rows(policy, write_jsonl(Path(tmp) / "r.jsonl", records))
    cycle = {rid for rid, row in got.items() if row["_ps_fallback"]}
    assert cycle == {"X", "Y"}
    assert all(got[rid]["eligible"] is None and got[rid]["score"] is None for rid in cycle)
    assert got["Z"]["_ps_fallback"] is False and got["Z"]["points_depth"] == 0  # its referrer is in the cycle: unknown
    assert got["R4"]["points_depth"] == 3


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(records=books())
def test_random_books_agree_with_python_value_by_value(records):
    policy = book_policy()
    with tempfile.TemporaryDirectory() as tmp:
        got = duckdb_rows(policy, write_jsonl(Path(tmp) / "book.jsonl", records))
    problems = compare(policy, records, got)
    assert problems == {}, dict(list(problems.items())[:3])


def test_a_deep_chain_and_a_long_cycle_end():
    policy = book_policy()
    chain = [{"id": f"C{i}", "ref": f"C{i - 1}" if i else None, "x": i % 7, "ok": True} for i in range(300)]
    loop = [{"id": f"L{i}", "ref": f"L{(i + 1) % 40}", "x": 1, "ok": True} for i in range(40)]
    into = [{"id": f"T{i}", "ref": f"T{i + 1}" if i < 59 else "L0", "x": 2, "ok": True} for i in range(60)]
    records = chain + loop + into
    with tempfile.TemporaryDirectory() as tmp:
        got = duckdb_rows(policy, write_jsonl(Path(tmp) / "deep.jsonl", records))
    assert compare(policy, records, got) == {}
    depth = policy.program.portfolio.index(next(c for c in policy.program.portfolio if c.func == "referral_depth"))
    assert got["C299"][f"_ps_pf_{depth}"] == 299
    assert got["T0"][f"_ps_pf_{depth}"] == 59  # T59's referrer is in the cycle: counted as unknown
    assert all(got[f"L{i}"]["_ps_fallback"] for i in range(40))


def test_a_record_left_to_python_leaves_the_whole_book_to_python(tmp_path):
    policy = policyscore.load_policy_text(
        "policy: t\nversion: 1\nrecord:\n  fields: {id: string, x: number?}\n"
        "factors:\n  - {id: f, weight: 10, value: 'share(x) + round(x) * 0'}\n",
        "t.yaml",
    )
    records = [{"id": "A", "x": 1}, {"id": "B", "x": 3}, {"id": "C", "x": 3e15}]
    got = duckdb_rows(policy, write_jsonl(tmp_path / "r.jsonl", records))
    assert all(row["_ps_fallback"] for row in got.values())  # C's share is part of every share
    records[2]["x"] = 5
    got = duckdb_rows(policy, write_jsonl(tmp_path / "r.jsonl", records))
    assert not any(row["_ps_fallback"] for row in got.values())
    assert compare(policy, records, got) == {}


@pytest.mark.parametrize(
    ("fields", "rule", "named"),
    [
        ("{id: string, ref: integer?}", "referrals: {referred_by: ref}\n", "referred_by field 'ref' is not declared as a string"),
        ("{id: string, ref: string?}", "", "top_percent with this many digits"),
    ],
)
def test_what_the_query_cannot_compute_exactly_is_refused_by_name(fields, rule, named):
    tiers = "tiers:\n  - {name: top, top_percent: 12.345678901}\n  - {name: rest, min: 0}\n" if not rule else ""
    value = "referral_depth() / 3" if rule else "1"
    program = policyscore.load_program_text(
        f"policy: t\nversion: 1\n{rule}record:\n  fields: {fields}\nfactors:\n  - {{id: f, weight: 1, value: '{value}'}}\n{tiers}"
    )
    with pytest.raises(SqlUnsupported) as err:
        build_query(program, date(2026, 11, 1))
    assert [d.code for d in err.value.diagnostics] == ["PS701"]
    assert named in err.value.diagnostics[0].message


@pytest.mark.parametrize("dialect", ["duckdb", "spark", "postgres", "snowflake", "bigquery"])
def test_a_book_policy_is_generated_with_recursive_queries_and_windows(dialect):
    policy = book_policy()
    text = to_sql(policy, dialect, "crm.customers", AS_OF)
    assert "WITH RECURSIVE" in text and " OVER (" in text
    assert text.count("UNION ALL") == 3  # the trees: down from the roots, the walk of the loose records, the descendants
