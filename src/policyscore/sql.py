"""Scoring as SQL: the query for a warehouse, and DuckDB embedded for big files.

``to_sql(policy, dialect, table, as_of)`` gives the query text (see
``docs/sql.md`` for its columns); ``score_duckdb(policy, source, as_of)`` runs
it in DuckDB over a JSON, JSON Lines or Parquet file, or over a DuckDB
relation whose columns have the declared types, and returns a DuckDB relation
with the query's columns.  Records from JSON files are checked as strictly as
the Python engine checks them (see :mod:`policyscore.backends.sql.duckdb_input`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import duckdb
from sqlglot import exp

from policyscore.backends.sql import DIALECTS, SqlUnsupported, output_columns
from policyscore.backends.sql.duckdb_input import checked_input, json_columns
from policyscore.backends.sql.expressions import Unsupported
from policyscore.backends.sql.query import build_query, for_dialect, render
from policyscore.backends.sql.typed_input import typed_checks
from policyscore.errors import Diagnostic
from policyscore.policy import Policy, as_date
from policyscore.policyfile.program import Program

__all__ = ["DIALECTS", "SqlUnsupported", "to_sql", "score_duckdb", "output_columns", "duckdb_source"]


#: The table name the cached DuckDB queries read; each run puts its own name (of the same length) in its place.
_PLACEHOLDER = "_ps_records_000000000000"
#: Queries already written for DuckDB, by program (kept alive with its entry), date and whether they carry ``_ps_clean``.
_WRITTEN: dict[tuple[int, dt.date, bool, bool], tuple[Program, str]] = {}


def duckdb_query(policy: Policy, as_of: dt.date, table: str, *, clean: bool = False, with_lets: bool = False) -> str:
    """The query as DuckDB runs it over ``table`` (with the ``_ps_fallback`` column, and ``_ps_clean`` carried
    from the checked records when ``clean``), written once per program and date.

    Raises :class:`SqlUnsupported` like :func:`to_sql`.  ``policyscore score`` asks for it twice
    (choosing the engine, then scoring); writing a query costs far more than looking it up.
    """
    key = (id(policy.program), as_of, clean, with_lets)
    found = _WRITTEN.get(key)
    if found is None or found[0] is not policy.program:
        query = build_query(policy.program, as_of, _PLACEHOLDER, fallback_column=True, clean_column=clean, with_lets=with_lets)
        if len(_WRITTEN) >= 16:
            _WRITTEN.clear()
        found = _WRITTEN[key] = (policy.program, for_dialect(query, "duckdb", copy=False).sql("duckdb", copy=False))
    return found[1].replace(_PLACEHOLDER, table)


def to_sql(policy: Policy, dialect: str = "duckdb", table: str = "customers", as_of: dt.date | str | None = None) -> str:
    """The query scoring ``table`` with ``policy`` as of ``as_of`` (required: it is written into the query).

    Raises :class:`SqlUnsupported` (PS701 problems with positions) for what the dialects cannot compute exactly.
    """
    if as_of is None:
        raise TypeError("as_of is required: the evaluation date is written into the query")
    day = as_date(as_of)
    return render(policy.program, build_query(policy.program, day, table), dialect, day, table)


#: The formats :func:`duckdb_source` reads, by file extension.
_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def duckdb_source(
    policy: Policy, path: str | Path, connection: duckdb.DuckDBPyConnection | None = None, *, input_format: str | None = None
) -> exp.Expr:
    """The table function reading ``path`` (.jsonl/.ndjson, .json or .parquet) into checked, typed columns.

    ``input_format`` (``jsonl``, ``json`` or ``parquet``) overrides the extension, as ``--input-format`` does.
    A Parquet file whose column types say what each checked field holds is checked on those types
    (:mod:`policyscore.backends.sql.typed_input`, needs ``connection`` to read its schema); any other
    is checked as the JSON the Python engine reads.
    """
    return _source(policy, path, connection, input_format)[0]


def _source(
    policy: Policy, path: str | Path, connection: duckdb.DuckDBPyConnection | None, input_format: str | None
) -> tuple[exp.Expr, bool]:
    """:func:`duckdb_source`, and whether it checks on the column types (true) or through JSON (false)."""
    name = str(path)
    fmt = input_format or _FORMATS.get(Path(name).suffix.lower(), "json")
    names = json_columns(policy.program, policy.check_all_fields)
    if fmt == "parquet":
        parquet = exp.Anonymous(this="read_parquet", expressions=[exp.Literal.string(name)])
        if connection is not None:
            described = connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [name]).fetchall()
            types = {str(row[0]): str(row[1]) for row in described}
            typed = typed_checks(policy.program, parquet, types, check_all_fields=policy.check_all_fields)
            if typed is not None:
                return exp.alias_(typed.subquery(), "_ps_checked", table=True), True
        # Each column as the JSON the Python engine reads for it (policyscore.engines.parquet_as_jsonl), then the same checks.
        as_json = [
            exp.alias_(exp.cast(exp.Anonymous(this="to_json", expressions=[exp.column(k, quoted=True)]), "JSON"), k, quoted=True)
            for k in names
        ]
        reader: exp.Expr = exp.select(*as_json).from_(parquet).subquery()
        checked = checked_input(policy.program, reader, check_all_fields=policy.check_all_fields).subquery()
        return exp.alias_(checked, "_ps_checked", table=True), False
    layout = "newline_delimited" if fmt == "jsonl" else "array"
    columns = exp.Struct(
        expressions=[exp.PropertyEQ(this=exp.Literal.string(k), expression=exp.Literal.string(v)) for k, v in names.items()]
    )
    reader = exp.Anonymous(
        this="read_json",
        expressions=[
            exp.Literal.string(name),
            exp.EQ(this=exp.column("format"), expression=exp.Literal.string(layout)),
            exp.EQ(this=exp.column("columns"), expression=columns),
            exp.EQ(this=exp.column("maximum_object_size"), expression=exp.Literal.number(1 << 24)),
        ],
    )
    checked = checked_input(policy.program, reader, check_all_fields=policy.check_all_fields).subquery()
    return exp.alias_(checked, "_ps_checked", table=True), False


def score_duckdb(
    policy: Policy,
    source: Any,
    as_of: dt.date | str,
    *,
    connection: duckdb.DuckDBPyConnection | None = None,
    internal: bool = False,
    with_lets: bool = False,
    input_format: str | None = None,
) -> duckdb.DuckDBPyRelation:
    """Score ``source`` (a file path, or a DuckDB relation with typed columns) in DuckDB.

    Returns a relation with the columns of :func:`output_columns`.  A record the
    Python engine would reject, or whose numbers DuckDB cannot hold exactly,
    comes out with every column but ``id`` NULL (``internal=True`` adds the
    columns ``_ps_clean`` and ``_ps_fallback`` that say which, for the command line; ``with_lets=True``
    adds a column ``let_<name>`` per let).  ``input_format`` (``jsonl``, ``json``, ``parquet``) reads a
    file in that format whatever its extension.
    """
    day = as_date(as_of)
    con = connection if connection is not None else duckdb.connect()
    view = f"_ps_records_{uuid.uuid4().hex[:12]}"  # as long as _PLACEHOLDER
    if isinstance(source, (str, Path)):
        # The JSON checks go once into a temporary table: planning them and the scoring as one query takes DuckDB
        # far longer.  The checks on Parquet column types are a few tests per column: a view, read by the scoring
        # query itself, saves writing and reading back every record.
        try:
            reader, typed = _source(policy, source, con, input_format)
        except Unsupported as exc:  # a declared type the file reader does not check (a date-time)
            problem = f"DuckDB cannot check {exc} as the Python engine does"
            hint = "pass a DuckDB relation with typed columns, or score with the Python engine (--engine python)"
            raise SqlUnsupported([Diagnostic("PS701", problem, None, hint=hint, file=policy.program.path)]) from None
        create = exp.Create(
            this=exp.to_table(view),
            kind="VIEW" if typed else "TABLE",
            expression=exp.select("*").from_(reader),
            properties=exp.Properties(expressions=[exp.TemporaryProperty()]),
        )
        con.execute(create.sql("duckdb"))
        clean = True
    else:
        source.create_view(view, replace=True)
        clean = False
    relation = con.sql(duckdb_query(policy, day, view, clean=clean, with_lets=with_lets))
    if internal:
        return relation
    keep = [f'"{c}"' for c in output_columns(policy.program)]
    if with_lets:
        keep += [f'"let_{let.name}"' for let in policy.program.lets]
    if clean:
        masked = [keep[0]] + [f'CASE WHEN "_ps_clean" THEN {c} END AS {c}' for c in keep[1:]]
        return relation.select(", ".join(masked))
    return relation.select(", ".join(keep))

