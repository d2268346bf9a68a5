"""Records from a typed source (a Parquet file) checked by their column types, without going through JSON.

The Python engine reads a Parquet row as DuckDB writes it as JSON
(:func:`policyscore.engines.parquet_as_jsonl`) and checks that JSON.  When a
column's type already says what that JSON holds, the check is a test of the
type and of a few values, computed on the typed column:

- a number field from an integer column (any width) or a ``FLOAT``/``DOUBLE``
  column, or a ``DECIMAL`` of at most 15 digits (written as a JSON number the
  Python reader turns into the same double DuckDB's cast gives); a value of
  ``2 ** 53`` or more, or a fraction in an integer field, needs the Python engine;
- a string field from a ``VARCHAR`` column (its ``enum`` values checked);
- a boolean field from ``BOOLEAN``, a date field from ``DATE`` (years 1 to 9999);
- a list of those from a list column of that type, no item NULL;
- NULL only where the field is nullable.

Every other column type (a struct, a timestamp, a number as text...) makes
:func:`typed_checks` return None, and the caller takes the JSON route with its
full checks.  A ``FLOAT``/``DOUBLE`` column anywhere in the file (read or not),
or a list of them, must hold no NaN or infinity, because the JSON holds them
as ``NaN`` and ``Infinity`` and the Python reader rejects such a record; a
struct or deeper list holding floats takes the JSON route.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import sqlglot
from sqlglot import exp

from policyscore.engine.reference import checked_fields
from policyscore.language.types import Type
from policyscore.policyfile.program import Program

__all__ = ["typed_checks"]

_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
_FLOATS = {"FLOAT", "DOUBLE"}
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")
_BIG = 2**53
_FLOAT_WORD = re.compile(r"\b(?:FLOAT|DOUBLE|REAL)\b")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _number_ok(c: str, sql_type: str, integer: bool) -> str | None:
    """SQL true when the non-null number ``c`` is one the JSON route scores in DuckDB; None for a type it must take."""
    if sql_type in _INTEGERS:
        return f"abs({c}::DOUBLE) < {_BIG}"
    m = _DECIMAL.fullmatch(sql_type)
    if sql_type in _FLOATS or (m is not None and int(m.group(1)) <= 15 and not integer):
        ok = f"isfinite({c}::DOUBLE) AND abs({c}::DOUBLE) < {_BIG}"
        return f"{ok} AND {c}::DOUBLE = floor({c}::DOUBLE)" if integer else ok
    return None


def _scalar_ok(c: str, t: Type, sql_type: str, enum: tuple[object, ...] | None) -> str | None:
    kind = t.kind
    if kind == "number":
        ok = _number_ok(c, sql_type, bool(t.integer))
        if ok is not None and enum is not None:
            numbers = [repr(float(v)) for v in enum if isinstance(v, int | float) and not isinstance(v, bool)]
            ok = f"{ok} AND {c}::DOUBLE IN ({', '.join(numbers) or 'NULL'})"
        return ok
    if kind == "string" and sql_type == "VARCHAR":
        if enum is None:
            return "true"
        texts = [_lit(v) for v in enum if isinstance(v, str)]
        return f"{c} IN ({', '.join(texts)})" if texts else "false"
    if kind == "boolean" and sql_type == "BOOLEAN":
        if enum is None:
            return "true"
        flags = ["true" if v else "false" for v in enum if isinstance(v, bool)]
        return f"{c} IN ({', '.join(flags)})" if flags else "false"
    if kind == "date" and sql_type == "DATE" and enum is None:
        return f"isfinite({c}) AND year({c}) BETWEEN 1 AND 9999"
    return None


def _field_ok(c: str, t: Type, sql_type: str, enum: tuple[object, ...] | None) -> str | None:
    """SQL true when column ``c`` (of ``sql_type``) holds a valid value of field type ``t``; None: take the JSON route."""
    if t.kind == "list":
        if enum is not None or t.item is None or not sql_type.endswith("[]"):
            return None
        item = _scalar_ok("_ps_item", t.item.with_nullable(False), sql_type[:-2], None)
        if item is None:
            return None
        ok = f"coalesce(list_bool_and(list_transform({c}, lambda _ps_item: _ps_item IS NOT NULL AND ({item}))), true)"
    else:
        scalar = _scalar_ok(c, t, sql_type, enum)
        if scalar is None:
            return None
        ok = scalar
    return f"CASE WHEN {c} IS NULL THEN {'true' if t.nullable else 'false'} ELSE coalesce({ok}, false) END"


def _value(c: str, t: Type) -> str:
    if t.kind == "number":
        return f"{c}::DOUBLE"
    if t.kind == "list" and t.item is not None and t.item.kind == "number":
        return f"{c}::DOUBLE[]"
    return c


def typed_checks(program: Program, source: exp.Expr, types: Mapping[str, str], *, check_all_fields: bool = False) -> exp.Select | None:
    """SELECT over ``source`` (columns of the DuckDB ``types`` given, by name) with the id as text, each checked
    field as the query reads it, and ``_ps_clean``; None when a column's type needs the JSON route."""
    rid = program.id_field
    id_type = types.get(rid)
    if id_type is None:
        return None
    c = _q(rid)
    if id_type == "VARCHAR":
        id_ok = f"{c} IS NOT NULL AND {c} <> ''"
    elif id_type in _INTEGERS:
        id_ok = f"{c} IS NOT NULL AND abs({c}::DOUBLE) < {_BIG}"
    else:
        return None
    clean = [f"coalesce({id_ok}, false)"]
    columns = [f"{c}::VARCHAR AS {c}"]
    for name in checked_fields(program, check_all_fields):
        decl = program.fields[name]
        if decl.type.kind == "any":
            continue
        sql_type = types.get(name)
        col = _q(name)
        if sql_type is None:  # absent from every row: NULL in the JSON route
            if not decl.type.nullable:
                return None
            if name != rid:
                columns.append(f"NULL AS {col}")
            continue
        ok = _field_ok(col, decl.type, sql_type, decl.enum)
        if ok is None:
            return None
        clean.append(ok)
        if name != rid:
            columns.append(f"{_value(col, decl.type)} AS {col}")
    for name, sql_type in types.items():  # NaN or infinity anywhere makes the JSON route reject the row
        col = _q(name)
        item = sql_type[:-2] if sql_type.endswith("[]") else None
        if sql_type in _FLOATS:
            clean.append(f"({col} IS NULL OR isfinite({col}))")
        elif item in _FLOATS:
            clean.append(f"coalesce(list_bool_and(list_transform({col}, lambda _ps_x: _ps_x IS NULL OR isfinite(_ps_x))), true)")
        elif _FLOAT_WORD.search(sql_type) or sql_type.count("(") + sql_type.count("[") > 60:
            return None  # a float inside a struct or nested list, or a type nested too deep: the JSON route checks it
    columns.append(f"({' AND '.join(clean)}) AS \"_ps_clean\"")
    select = sqlglot.parse_one(f"SELECT {', '.join(columns)} FROM _ps_source", read="duckdb")
    assert isinstance(select, exp.Select)
    select.set("from_", exp.From(this=source))
    return select
