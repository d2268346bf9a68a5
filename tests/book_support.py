"""Helpers for the SQL tests of the whole book: policies, random books, and the two engines' answers side by side."""

from __future__ import annotations

import json
import math
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
from hypothesis import strategies as st
from sql_support import differences, python_rows, sql_rows

import policyscore
from policyscore.backends.sql.query import build_query, for_dialect
from policyscore.engine.reference import record_lookup
from policyscore.errors import RecordError
from policyscore.sql import duckdb_source

AS_OF = "2026-11-01"

_RECORD = """referrals: {referred_by: ref}
record:
  fields:
    ref: string?
    x: number?
    n: integer?
    g: string?
    seg: string?
    d: date?
    ok: boolean
"""

#: A policy calling every portfolio function, the referral functions, weights by segment and relative tiers.
BOOK_POLICY = """
policy: book
version: 1
""" + _RECORD + """let:
  own: coalesce(x, n)
  total: portfolio_sum(own)
  spread: portfolio_max(x) - portfolio_min(x)
filters:
  - id: ok
    when: ok
  - id: not_tiny
    when: portfolio_count(x) > 1 or total > -1e300
factors:
  - id: share
    weight: {by: seg, a: 10, b: 30, else: 20}
    value: share(x) * 3
  - id: cumulative
    weight: 10
    value: cumulative_share(x)
  - id: rank
    weight: 7
    value: percent_rank(x)
  - id: group_rank
    weight: {by: seg, a: 3, else: 7}
    value: group_percent_rank(n, g)
  - id: middle
    weight: 5
    value: scale(portfolio_median(x), -100, 100) + scale(group_median(x, g), -100, 100) / 2
  - id: quantile
    weight: 5
    value: scale(portfolio_quantile(x, 0.3), -100, 100) + portfolio_quantile(n, 0.75) / 100
  - id: groups
    weight: 6
    value: scale(group_avg(x, g), -100, 100) + scale(group_sum(n, g), -50, 50) / 3 + group_count(x, g) / 20
  - id: extremes
    weight: 4
    value: scale(group_max(x, g) - group_min(x, g), 0, 300) + scale(portfolio_avg(n), -10, 10) / 4
  - id: dates
    weight: 2
    value: if days_between(portfolio_min(d), portfolio_max(d)) > 365 then 1 else group_count(d, g) / 10
  - id: brought
    weight: {by: seg, a: 8, b: 2, else: 5}
    bands:
      - when: referred_count(3) >= 3
        value: 1
      - when: referred_sum(x, 2, 0.5) > 50
        value: 0.6
      - when: referral_depth() >= 2
        value: 0.3
      - else: 0
  - id: tree
    weight: 5
    value: scale(referred_sum(own, 4), -100, 300) + referral_depth() / 20 + referred_count(1) / 10
adjustments:
  - id: concentrated
    points: -4
    when: share(x) > 0.3
  - id: spread
    points: 2
    when: spread > 100
score: {min: 0, max: 100, decimals: 2}
tiers:
  - {name: best, top_percent: 20}
  - {name: good, top_percent: 37.5}
  - {name: fair, min: 20}
  - {name: low, min: 0}
"""


#: A smaller one for Spark, whose analyzer gives up on the plan of the one above (see docs/sql.md).
SMALL_BOOK_POLICY = """
policy: small-book
version: 1
""" + _RECORD + """filters:
  - id: ok
    when: ok
factors:
  - id: share
    weight: {by: seg, a: 10, b: 30, else: 20}
    value: share(x) * 3 + cumulative_share(x) / 2
  - id: rank
    weight: 7
    value: group_percent_rank(n, g) / 2 + scale(portfolio_median(x), -100, 100) / 2
  - id: tree
    weight: 5
    value: scale(referred_sum(x, 2, 0.5), -100, 300) + referral_depth() / 20 + referred_count(2) / 10
tiers:
  - {name: best, top_percent: 20}
  - {name: rest, min: 0}
"""


def book_policy(text: str = BOOK_POLICY) -> policyscore.Policy:
    return policyscore.load_policy_text(text, "book.yaml")


def _x() -> st.SearchStrategy[Any]:
    pool = [0, 1, -1, 2.5, 10, 10, 100, 0.1, 0.7, 1e-9, 33.3, -40.25]
    return st.one_of(
        st.none(),
        st.sampled_from(pool),
        st.integers(-200, 200),
        st.floats(-500, 500, allow_nan=False, allow_infinity=False),
        st.decimals(-1000, 1000, places=2, allow_nan=False, allow_infinity=False).map(float),
    )


@st.composite
def books(draw: Any, max_size: int = 40) -> list[dict[str, Any]]:
    """Random books: ties, nulls, groups of one and groups without values, referral cycles, unknown
    referrers, self-referrals and deep chains."""
    size = draw(st.integers(1, max_size))
    ids = [f"C{i}" for i in range(size)]
    records = []
    for i, rid in enumerate(ids):
        ref_choice = draw(st.sampled_from(["none", "none", "any", "any", "earlier", "unknown", "self"]))
        if ref_choice == "any":
            ref = draw(st.sampled_from(ids))
        elif ref_choice == "earlier" and i:
            ref = ids[i - 1]
        elif ref_choice == "unknown":
            ref = "NOBODY"
        elif ref_choice == "self" and draw(st.integers(0, 5)) == 0:
            ref = rid
        else:
            ref = None
        records.append(
            {
                "id": rid,
                "ref": ref,
                "x": draw(_x()),
                "n": draw(st.one_of(st.none(), st.integers(-30, 30))),
                "g": draw(st.sampled_from([None, "A", "B", "B", "C", f"solo{i}"])),
                "seg": draw(st.sampled_from([None, "a", "b", "c"])),
                "d": draw(st.sampled_from([None, "2024-02-29", "2025-01-31", "2026-10-31", "2020-06-01"])),
                "ok": draw(st.booleans()) or draw(st.booleans()),
            }
        )
    if size > 5 and draw(st.booleans()):  # a deep chain: each refers the one before
        start = draw(st.integers(0, size - 3))
        for k in range(start + 1, size):
            records[k]["ref"] = ids[k - 1]
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def duckdb_rows(policy: policyscore.Policy, path: Path, as_of: str = AS_OF) -> dict[str, dict[str, Any]]:
    """The query's rows by id, read from ``path`` as ``score_duckdb`` reads it, with the portfolio values."""
    con = duckdb.connect()
    view = f"_ps_t_{uuid.uuid4().hex[:8]}"
    from sqlglot import exp

    reader = duckdb_source(policy, path)
    con.execute(f"CREATE TEMPORARY TABLE {view} AS " + exp.select("*").from_(reader).sql("duckdb"))
    query = build_query(policy.program, date.fromisoformat(as_of), view, fallback_column=True, clean_column=True, portfolio_columns=True)
    relation = con.sql(for_dialect(query, "duckdb").sql("duckdb"))
    return sql_rows(relation.columns, relation.fetchall())


def python_values(policy: policyscore.Policy, records: list[dict[str, Any]], as_of: str = AS_OF) -> dict[str, list[Any] | None]:
    """By id: each portfolio call's value in the Python engine, None for a record it rejects."""
    day = date.fromisoformat(as_of)
    book = policy.portfolio(records, day)
    out: dict[str, list[Any] | None] = {}
    for record in records:
        rid = str(record.get(policy.id_field))
        try:
            row = book.row(record, record_lookup(policy.program, record, day))
        except RecordError:
            out[rid] = None
            continue
        out[rid] = [row[c.key] for c in policy.program.portfolio]
    return out


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, date) or isinstance(b, date):
        return a == b
    return float(a) == float(b) or (math.isnan(float(a)) and math.isnan(float(b)))


def compare(policy: policyscore.Policy, records: list[dict[str, Any]], got: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every difference between the query's rows and the Python engine's results and portfolio values.

    A record the Python engine rejects must come out unclean or left to it (``_ps_fallback``); so must every
    record when any is left to it in a policy of the whole book (the run goes to the Python engine).
    """
    expected = python_rows(policy, records, AS_OF)
    values = python_values(policy, records)
    assert set(got) == set(expected)
    problems: dict[str, Any] = {}
    run_left = any(row["_ps_fallback"] and row["_ps_clean"] for rid, row in got.items() if expected[rid] is not None)
    for rid, want in expected.items():
        row = got[rid]
        if want is None:
            if row["_ps_clean"] and not row["_ps_fallback"]:
                problems[rid] = "the Python engine rejects it, the query scored it"
            continue
        if not row["_ps_clean"]:
            problems[rid] = "the Python engine scores it, the checks rejected it"
            continue
        if row["_ps_fallback"]:
            if not run_left:
                problems[rid] = "left to the Python engine"
            continue
        diff = differences(want, row)
        wanted = values[rid]
        assert wanted is not None
        for i, (call, value) in enumerate(zip(policy.program.portfolio, wanted)):
            if not _same(value, row[f"_ps_pf_{i}"]):
                diff[call.key] = (value, row[f"_ps_pf_{i}"])
        if diff:
            problems[rid] = diff
    return problems
