"""The table a query reads: its name as a user writes it, checked, and written so each dialect reads it.

:func:`table_of` turns ``--table`` text into a table (``customers``, ``crm.customers``, ``"My Table"``) or
refuses it; :func:`quote_names` quotes the parts of a table name a dialect may not read unquoted (a
reserved word such as ``order``), so that they still name the same table.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import sqlglot.errors
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect

__all__ = ["table_of", "needs_quotes", "quote_names"]


def table_of(table: str) -> exp.Table:
    """The table the query reads, from its name as a user writes it (``customers``, ``crm.customers``,
    ``"My Table"``); ``ValueError`` when the text is not a table's name.

    Refused: an empty name, a control character (a newline would end the comment naming the table at
    the top of the query), text that is not SQL, a comment (``x--y`` would read the table ``x``) or
    anything else than names separated by dots (``f(x)``, ``a..b``).
    """
    bad = ValueError(
        f"{table!r} is not a table name: give names separated by dots, each in double quotes "
        "if it holds other characters than letters, digits and _"
    )
    text = table.strip()
    if not text or text.startswith(".") or any(unicodedata.category(c) == "Cc" for c in table):
        raise bad
    try:
        parsed = exp.to_table(table)
    except sqlglot.errors.SqlglotError:
        raise bad from None
    names = [node for node in parsed.walk() if node is not parsed]
    if (
        any(not isinstance(n, (exp.Identifier, exp.Dot)) or n.comments for n in names)
        or any(isinstance(n, exp.Identifier) and not n.name for n in names)
        or parsed.comments
        or {k for k, v in parsed.args.items() if v is not None} - {"catalog", "db", "this"}
        or any(v is not None and not isinstance(v, exp.Expr) for v in parsed.args.values())  # ``a..b``: an empty name
    ):
        raise bad
    return parsed


# Reserved words sqlglot lists (DuckDB's list is PostgreSQL's, whose grammar DuckDB's parser comes from).
_RESERVED = frozenset().union(*(getattr(Dialect.get_or_raise(d).generator_class, "RESERVED_KEYWORDS", ()) for d in ("duckdb", "bigquery")))


def _unreadable(name: exp.Identifier, dialect: str) -> bool:
    """Whether the unquoted ``name`` may not read as a table name in ``dialect``: a reserved word (``select``, ``order``)."""
    return not name.quoted and _unreadable_text(name.name, dialect)


@lru_cache(maxsize=1024)
def _unreadable_text(text: str, dialect: str) -> bool:
    """:func:`_unreadable` of an unquoted name, decided once per name and dialect (a query names each of its layers often)."""
    if text.lower() in _RESERVED:
        return True
    try:
        back = sqlglot.parse_one(f"SELECT 1 FROM {exp.Identifier(this=text, quoted=False).sql(dialect=dialect)}", read=dialect)
    except sqlglot.errors.SqlglotError:
        return True
    table = back.find(exp.Table)
    return table is None or table.name != text


def needs_quotes(query: exp.Expr, dialect: str) -> bool:
    return any(_unreadable(n, dialect) for t in query.find_all(exp.Table) for n in t.find_all(exp.Identifier))


# Dialects where quoting a name stops it being folded to one case: there a quoted name is written in the case the
# unquoted one is folded to.  In DuckDB, Spark and BigQuery quotes do not change which table a name means.
_FOLDING = ("postgres", "snowflake")


def quote_names(query: exp.Expr, dialect: str) -> exp.Expr:
    """``query`` with each table name part ``dialect`` may not read unquoted quoted, naming the same table
    (``order`` is ``"order"`` in PostgreSQL, ``"ORDER"`` in Snowflake, `` `order` `` in BigQuery)."""
    normalize = Dialect.get_or_raise(dialect).normalize_identifier
    for t in query.find_all(exp.Table):
        for n in list(t.find_all(exp.Identifier)):
            if _unreadable(n, dialect):
                if dialect in _FOLDING:
                    normalize(n)
                n.set("quoted", True)
    return query
