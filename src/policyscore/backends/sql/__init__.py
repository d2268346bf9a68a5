"""The SQL back end: a policy program as one query, generated for DuckDB, Spark, PostgreSQL, Snowflake and BigQuery.

See ``docs/sql.md`` for the columns, the dialects and what each engine supports.
"""

from __future__ import annotations

import datetime as dt

from policyscore.backends.sql.query import DIALECTS, SqlUnsupported, build_query, output_columns, render
from policyscore.policyfile.program import Program

__all__ = ["DIALECTS", "SqlUnsupported", "program_sql", "output_columns"]


def program_sql(program: Program, dialect: str = "duckdb", table: str = "customers", as_of: dt.date | None = None) -> str:
    """The query scoring ``table`` with ``program`` as of ``as_of``, as text in ``dialect``."""
    if as_of is None:
        raise TypeError("as_of is required: the evaluation date is written into the query")
    query = build_query(program, as_of, table)
    return render(program, query, dialect, as_of, table)
