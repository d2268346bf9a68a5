"""Helpers for the SQL back-end tests: the Python engine's answer in the query's columns."""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from policyscore import Policy, RecordError
from policyscore.language.functions import kind_of
from policyscore.language.types import Type


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


# ---------------------------------------------------------------- running a policy on records in each engine
#
# ``run_duckdb`` and ``run_spark`` give, for each record in order, the query's row as a dict (numbers as
# floats, arrays as lists, ``let_<name>`` columns included) or ``Unscored(why)``: the query did not score the
# record, which is how the SQL back end agrees with the Python engine rejecting it.


class Unscored(str):
    """Why the query gave a record no row of its own: ``unclean`` (DuckDB's checks of the JSON refused it),
    ``fallback`` (the query hands it to the Python engine), ``null row`` (every column NULL) or
    ``untyped`` (its values do not fit the typed DataFrame Spark reads)."""


def _plain_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_json(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _in_order(policy: Policy, records: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows in the records' order, matched by id (a query over the whole book returns its rows in any order;
    rows of one id keep their order)."""
    assert len(rows) == len(records), "one row per record"
    waiting: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        waiting.setdefault(_norm_id(row["id"]), []).append(row)
    ordered = []
    for record in records:
        found = waiting.get(_norm_id(record.get(policy.id_field)))
        assert found, f"no row for the record {record.get(policy.id_field)!r}"
        ordered.append(found.pop(0))
    return ordered


def _norm_id(x: Any) -> str:
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def _as_lists(d: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}


def typed_rows(policy: Policy, records: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]], list[int]]:
    """The columns a typed input table needs (the id, then each field the policy reads), each record's
    values as the Python engine's checks convert them (ISO dates become dates), and the indexes of the
    records kept: a record whose values the checks refuse fits no typed table and is left out.

    A NULL is kept as it is (the query decides what a NULL in a required field means); a date-time is
    its own clock reading, as written, without its offset (the query uses only its date).
    """
    from policyscore.engine.reference import checked_fields

    names = [policy.id_field, *[n for n in policy.program.read_fields if n != policy.id_field]]
    checked = checked_fields(policy.program, policy.check_all_fields)
    rows, kept = [], []
    for i, record in enumerate(records):
        try:
            for name in checked:
                policy.field_value(record, name)
            values = [None if record.get(n) is None else policy.field_value(record, n) for n in names]
        except RecordError:
            continue
        if any(_huge(v) for v in values):  # a DOUBLE column cannot hold it exactly
            continue
        rows.append([v.replace(tzinfo=None) if isinstance(v, datetime) else v for v in values])
        kept.append(i)
    return names, rows, kept


def _huge(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_huge(v) for v in value.values())
    if isinstance(value, list):
        return any(_huge(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**53


def _duckdb_type(t: Type | None) -> str:
    kind = "string" if t is None else t.kind
    if kind == "list":
        return _duckdb_type(t.item) + "[]"  # type: ignore[union-attr]
    if kind == "object":
        return "STRUCT(" + ", ".join(f'"{name}" {_duckdb_type(sub)}' for name, sub in t.fields) + ")"  # type: ignore[union-attr]
    return {"number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE", "datetime": "TIMESTAMP"}.get(kind, "VARCHAR")


def _duckdb_typed(
    con: Any, policy: Policy, records: list[dict[str, Any]], as_of: date | str, with_lets: bool
) -> list[dict[str, Any] | Unscored]:
    """The records in a typed DuckDB table, scored by :func:`policyscore.sql.score_duckdb` (the query alone)."""
    from policyscore.sql import score_duckdb

    names, rows, kept = typed_rows(policy, records)
    out: list[dict[str, Any] | Unscored] = [Unscored("untyped")] * len(records)
    if not kept:
        return out
    types = [_duckdb_type(policy.fields[n].type if n in policy.fields else None) for n in names]
    con.execute("CREATE OR REPLACE TEMPORARY TABLE _ps_typed (" + ", ".join(f'"{n}" {t}' for n, t in zip(names, types)) + ")")
    con.executemany("INSERT INTO _ps_typed VALUES (" + ", ".join("?" for _ in names) + ")", rows)
    relation = score_duckdb(policy, con.table("_ps_typed"), as_of, connection=con, internal=True, with_lets=with_lets)
    got = [_as_lists(dict(zip(relation.columns, row))) for row in relation.fetchall()]
    got = _in_order(policy, [records[i] for i in kept], got)
    for i, row in zip(kept, got):
        out[i] = Unscored("fallback") if row["_ps_fallback"] else row
    return out


def run_duckdb(
    policy: Policy, records: list[dict[str, Any]], as_of: date | str, *, with_lets: bool = False
) -> list[dict[str, Any] | Unscored]:
    """Each record scored in DuckDB from a JSON Lines file, as the command line reads it.

    A record DuckDB's checks of the JSON leave to the Python engine (a number of magnitude 2 ** 53 or
    more) is scored again from a typed table when the Python engine's checks accept it, and every record
    is when DuckDB cannot check the JSON of a declared type (a date-time): the query itself still runs.
    """
    import duckdb

    from policyscore.backends.sql.query import build_query
    from policyscore.policy import as_date
    from policyscore.sql import SqlUnsupported, score_duckdb

    build_query(policy.program, as_date(as_of))  # what the query cannot compute raises SqlUnsupported here
    con = duckdb.connect()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "records.jsonl"
            path.write_text("".join(json.dumps(_plain_json(r)) + "\n" for r in records), encoding="utf-8")
            try:
                relation = score_duckdb(policy, path, as_of, connection=con, internal=True, with_lets=with_lets)
            except SqlUnsupported:
                return _duckdb_typed(con, policy, records, as_of, with_lets)
            rows = [_as_lists(dict(zip(relation.columns, row))) for row in relation.fetchall()]
        rows = _in_order(policy, records, rows)
        out: list[dict[str, Any] | Unscored] = []
        for row in rows:
            if not row["_ps_clean"]:
                out.append(Unscored("unclean"))
            elif row["_ps_fallback"]:
                out.append(Unscored("fallback"))
            else:
                out.append(row)
        again = [i for i, row in enumerate(out) if row == "unclean"]
        if again:
            typed = _duckdb_typed(con, policy, [records[i] for i in again], as_of, with_lets)
            for i, row in zip(again, typed):
                out[i] = Unscored("unclean") if row == "untyped" else row
        return out
    finally:
        con.close()


def spark_type(t: Type) -> Any:
    """The Spark type of a column holding a declared field of type ``t``."""
    from pyspark.sql import types as T

    kind = t.kind
    if kind == "number":
        return T.DoubleType()
    if kind == "boolean":
        return T.BooleanType()
    if kind == "date":
        return T.DateType()
    if kind == "datetime":
        return T.TimestampType()
    if kind == "list":
        return T.ArrayType(spark_type(t.item), True)
    if kind == "object":
        return T.StructType([T.StructField(name, spark_type(sub), True) for name, sub in t.fields])
    return T.StringType()


def _spark_value(value: Any, dtype: Any) -> Any:
    """A checked value as Spark's ``dtype`` wants it (numbers inside lists and structs as floats)."""
    from pyspark.sql import types as T

    if value is None:
        return None
    if isinstance(dtype, T.DoubleType):
        return float(value)
    if isinstance(dtype, T.ArrayType):
        return [_spark_value(v, dtype.elementType) for v in value]
    if isinstance(dtype, T.StructType):
        return tuple(_spark_value(value.get(f.name), f.dataType) for f in dtype.fields)
    return value


def spark_frame(spark: Any, policy: Policy, records: list[dict[str, Any]]) -> tuple[Any, list[int]]:
    """A DataFrame of :func:`typed_rows` (one typed column per field the policy reads) and the indexes of the records in it."""
    from pyspark.sql import types as T

    names, rows, kept = typed_rows(policy, records)
    fields = [T.StructField(n, spark_type(policy.fields[n].type) if n in policy.fields else T.StringType(), True) for n in names]
    return spark.createDataFrame([tuple(_spark_value(v, f.dataType) for v, f in zip(r, fields)) for r in rows], T.StructType(fields)), kept


def run_spark(
    spark: Any, policy: Policy, records: list[dict[str, Any]], as_of: date | str, *, with_lets: bool = False
) -> list[dict[str, Any] | Unscored]:
    """Each record scored by the Spark SQL query (the query :func:`policyscore.spark.score_dataframe` runs)."""
    from policyscore.backends.sql.query import build_query, render
    from policyscore.policy import as_date

    day = as_date(as_of)
    view = "_ps_customers"
    query = render(policy.program, build_query(policy.program, day, view, with_lets=with_lets), "spark", day, view)
    df, kept = spark_frame(spark, policy, records)
    df.createOrReplaceTempView(view)
    if policy.program.uses_book:  # as score_dataframe sets them for a policy of the whole book
        spark.conf.set("spark.sql.cteRecursionLevelLimit", "-1")
        spark.conf.set("spark.sql.analyzer.maxIterations", "400")
    rows = [_as_lists(r.asDict(recursive=True)) for r in spark.sql(query).collect()] if kept else []
    rows = _in_order(policy, [records[i] for i in kept], rows)
    out: list[dict[str, Any] | Unscored] = [Unscored("untyped")] * len(records)
    for i, row in zip(kept, rows):
        out[i] = Unscored("null row") if row["eligible"] is None else row
    return out


def _kind_of(value: Any) -> str | None:
    """The declared type a record's value has (None for null; ``?`` when none fits: objects, lists of
    lists or with null items, which a declared list does not hold)."""
    kind = kind_of(value)
    if kind == "list":
        items = {kind_of(v) for v in value}
        return f"list[{items.pop()}]" if len(items) == 1 and not items & {"null", "list", "object"} else "?"
    return {"null": None, "object": "?"}.get(kind, kind)


def inferred_types(names: tuple[str, ...], records: list[dict[str, Any]]) -> dict[str, str] | None:
    """Each field declared nullable with the one type every non-null value of ``records`` has; None when a
    field's values have no single type (or none at all)."""
    out = {}
    for name in names:
        kinds = {_kind_of(r.get(name)) for r in records} - {None}
        if len(kinds) != 1 or kinds == {"?"}:
            return None
        out[name] = kinds.pop() + "?"
    return out
