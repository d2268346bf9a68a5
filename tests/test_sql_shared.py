"""Sub-expressions the query writes more than once get a column of their own, never where that could raise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

import policyscore
from policyscore.backends.sql.expressions import Column, Columns
from policyscore.backends.sql.shared import share_repeats
from policyscore.sql import duckdb_query, to_sql

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 1)


def _columns(**exprs: str) -> Columns:
    columns = Columns()
    for name, text in exprs.items():
        expr = sqlglot.parse_one(text, read="duckdb")
        refs = {c.name for c in expr.find_all(exp.Column)} & set(columns.by_name)
        columns.by_name[name] = Column(name, expr, frozenset(refs))
    return columns


def _texts(columns: Columns) -> dict[str, str]:
    return {name: column.expr.sql("duckdb") for name, column in columns.by_name.items()}


def test_a_test_written_twice_is_computed_once_and_read_by_name():
    columns = _columns(
        a="CASE WHEN x IS NULL THEN NULL ELSE x IN ('p', 'q', 'r') END AND y",
        b="CASE WHEN x IS NULL THEN NULL ELSE x IN ('p', 'q', 'r') END OR z",
    )
    share_repeats(columns)
    texts = _texts(columns)
    [shared] = [n for n in texts if n.startswith("_ps_same_")]
    assert texts[shared] == "CASE WHEN x IS NULL THEN NULL ELSE x IN ('p', 'q', 'r') END"
    assert texts["a"] == f'"{shared}" AND y' and texts["b"] == f'"{shared}" OR z'
    assert shared in columns.by_name["a"].deps and shared in columns.by_name["b"].deps


def test_arithmetic_only_inside_branches_stays_there():
    """``x * 1e300 * 1e300`` overflows (PostgreSQL raises): it stays where only some records compute it."""
    inside = dict(
        a="CASE WHEN c THEN x * 1e300 * 1e300 + y ELSE 0 END",
        b="CASE WHEN d THEN 1 WHEN e THEN x * 1e300 * 1e300 + y END",
        c2="coalesce(w, x * 1e300 * 1e300 + y)",
    )
    columns = _columns(**inside)
    share_repeats(columns)
    assert _texts(columns) == {k: sqlglot.parse_one(v, read="duckdb").sql("duckdb") for k, v in inside.items()}
    # once computed for every record (the first condition of a CASE), the others read it
    columns = _columns(**inside, f="CASE WHEN x * 1e300 * 1e300 + y > 0 THEN 1 END")
    share_repeats(columns)
    texts = _texts(columns)
    [shared] = [n for n in texts if n.startswith("_ps_same_")]
    assert texts[shared] == "x * 1e300 * 1e300 + y" and all(f'"{shared}"' in texts[k] for k in ("a", "b", "c2", "f"))


def test_a_whole_column_written_again_is_read_by_its_name():
    columns = _columns(first="starts_with(lower(replace(t, 'a', 'b')), 'en')", both="starts_with(lower(replace(t, 'a', 'b')), 'en') AND r")
    share_repeats(columns)
    assert _texts(columns)["both"] == '"first" AND r' and "first" in columns.by_name["both"].deps
    assert not [n for n in columns.by_name if n.startswith("_ps_same_")]


def _lambda_over(lst: str) -> exp.Expr:
    """``list_transform(lst, _ps_item -> lower(upper(trim(_ps_item))))`` as the compiler writes lambdas: its variable a column."""
    body = exp.Lower(this=exp.Upper(this=exp.Trim(this=exp.column("_ps_item"))))
    mapped = exp.Anonymous(
        this="list_transform", expressions=[exp.column(lst), exp.Lambda(this=body, expressions=[exp.to_identifier("_ps_item")])]
    )
    return exp.EQ(this=mapped, expression=exp.Array(expressions=[exp.Literal.string("x")]))


def test_cheap_tests_lambda_bodies_and_other_tables_columns_are_left_alone():
    columns = _columns(
        a="CASE WHEN x IS NULL THEN 1 END",
        b="CASE WHEN x IS NULL THEN 2 END",
        g="coalesce(refs.cnt, 0) * 2 + 1",
        h="coalesce(refs.cnt, 0) * 2 + 1 > 3",
    )
    for name, lst in (("e", "l"), ("f", "m")):
        columns.by_name[name] = Column(name, _lambda_over(lst), frozenset())
    before = _texts(columns)
    share_repeats(columns)
    assert _texts(columns) == before


def test_the_startup_policy_computes_its_shared_band_tests_once():
    """The region list, the language test and the industry list stand once in the query; the rows are the Python engine's
    (tests/test_sql_duckdb.py compares every policy of rules/ record by record)."""
    policy = policyscore.load_policy(ROOT / "rules" / "startup-us-ca.yaml")
    text = to_sql(policy, "duckdb", "customers", AS_OF)
    assert text.count("'MB'") == 1 and text.count("'marketing_agency'") == 1
    assert text.count('STARTS_WITH(LOWER(REPLACE("preferred_language"') == 1
    query = duckdb_query(policy, AS_OF, "customers")
    con = duckdb.connect()
    source = ROOT / "examples" / "customers.jsonl"
    con.execute(f"CREATE TABLE customers AS SELECT * FROM read_json('{source}', format = 'newline_delimited')")
    assert len(con.execute(query).fetchall()) == 324
