"""Records read by DuckDB and checked as strictly as the Python engine checks them.

DuckDB's typed JSON reader is lenient: it turns ``"1200"`` into 1200.0, 12.5
into 12 for an integer, ``true`` into 1, ``"yes"`` into a boolean and
``"2026-6-1"`` into a date, where the Python engine rejects each of those
records.  So every declared field is read as raw JSON, and its JSON type is
checked before it is converted: a number must be a JSON number (a whole one
for an integer field), a string a JSON string (one of the ``enum`` values when
there is one), a date a JSON string ``YYYY-MM-DD`` naming a real day, a list a
JSON array whose every item passes, an object a JSON object whose declared
fields pass, and NULL (or an absent key) only where the field is nullable.

The view gives each record ``_ps_clean``: false when the Python engine would
reject the record or when DuckDB cannot hold its values exactly (an integer of
2 ** 53 or more, a NaN DuckDB accepted); such records are left to the Python
engine.  The id must be a non-empty string or a whole number, as the reader
requires; duplicate ids are found by the caller.
"""

from __future__ import annotations

from sqlglot import exp

from policyscore.backends.sql.expressions import Unsupported, sql_type
from policyscore.backends.sql.rounding import ALIAS, AND, CAST, OR, dbl
from policyscore.engine.reference import checked_fields
from policyscore.language.types import Type
from policyscore.policyfile.program import Program

__all__ = ["checked_input", "RAW"]

RAW = "_ps_raw"
_NUMBERS = ("BIGINT", "UBIGINT", "DOUBLE", "HUGEINT")
_INTEGERS = ("BIGINT", "UBIGINT", "HUGEINT")


def _json_type(j: exp.Expr) -> exp.Expr:
    return exp.Anonymous(this="json_type", expressions=[j.copy()])


def _type_is(j: exp.Expr, *names: str) -> exp.Expr:
    return exp.In(this=_json_type(j), expressions=[exp.Literal.string(n) for n in names])


def _text(j: exp.Expr) -> exp.Expr:
    return exp.Anonymous(this="json_extract_string", expressions=[j.copy(), exp.Literal.string("$")])


def _child(j: exp.Expr, key: str) -> exp.Expr:
    return exp.Anonymous(this="json_extract", expressions=[j.copy(), exp.Literal.string(f'$."{key}"')])


def _lambda(body: exp.Expr) -> exp.Expr:
    return exp.Lambda(this=body, expressions=[exp.to_identifier("_ps_item")])


def _item() -> exp.Expr:
    return exp.column("_ps_item")


def _value(j: exp.Expr, t: Type, enum: tuple[object, ...] | None) -> tuple[exp.Expr, exp.Expr, exp.Expr]:
    """(is a valid non-null value, the converted value, needs the Python engine) for the raw JSON ``j``."""
    kind = t.kind
    false = exp.false()
    if kind == "number":
        as_double = exp.TryCast(this=j.copy(), to=exp.DataType.build("DOUBLE"))
        ok: exp.Expr = _type_is(j, *_NUMBERS)
        if t.integer:
            ok = AND(ok, OR(_type_is(j, *_INTEGERS), exp.EQ(this=as_double.copy(), expression=exp.Floor(this=as_double.copy()))))
        finite = exp.EQ(this=exp.paren(exp.Sub(this=as_double.copy(), expression=as_double.copy())), expression=dbl(0))
        big = OR(exp.Not(this=exp.paren(finite)), exp.GTE(this=exp.Abs(this=as_double.copy()), expression=dbl(2**53)))
        value: exp.Expr = as_double
        python = AND(exp.paren(ok.copy()), exp.paren(big))
    elif kind in ("string", "date"):
        text = _text(j)
        ok = _type_is(j, "VARCHAR")
        value = text
        python = false
        if kind == "date":
            shape = exp.Anonymous(this="regexp_full_match", expressions=[text.copy(), exp.Literal.string("[0-9]{4}-[0-9]{2}-[0-9]{2}")])
            day = exp.TryCast(this=text.copy(), to=exp.DataType.build("DATE"))
            ok = AND(
                ok,
                shape,
                exp.Not(this=exp.Is(this=day.copy(), expression=exp.null())),
                exp.NEQ(
                    this=exp.func("SUBSTRING", text.copy(), exp.Literal.number(1), exp.Literal.number(4)),
                    expression=exp.Literal.string("0000"),
                ),
            )
            value = CAST(day, exp.DataType.build("DATE"))
    elif kind == "boolean":
        ok = _type_is(j, "BOOLEAN")
        value = exp.TryCast(this=j.copy(), to=exp.DataType.build("BOOLEAN"))
        python = false
    elif kind == "list" and t.item is not None and t.item.kind in ("number", "string", "boolean", "date"):
        items = exp.Anonymous(this="json_extract", expressions=[j.copy(), exp.Literal.string("$[*]")])
        item_ok, item_value, item_python = _value(_item(), t.item.with_nullable(False), None)
        all_ok = exp.Anonymous(
            this="list_bool_and",
            expressions=[
                exp.Anonymous(this="list_transform", expressions=[items.copy(), _lambda(exp.func("COALESCE", item_ok, exp.false()))])
            ],
        )
        any_python = exp.Anonymous(
            this="list_bool_or",
            expressions=[
                exp.Anonymous(this="list_transform", expressions=[items.copy(), _lambda(exp.func("COALESCE", item_python, exp.false()))])
            ],
        )
        ok = AND(_type_is(j, "ARRAY"), exp.func("COALESCE", all_ok, exp.true()))
        value = CAST(
            exp.Anonymous(this="list_transform", expressions=[items.copy(), _lambda(item_value)]), sql_type(t.with_nullable(False))
        )
        python = AND(exp.paren(ok.copy()), exp.func("COALESCE", any_python, exp.false()))
    elif kind == "object" and t.fields:
        oks: list[exp.Expr] = [_type_is(j, "OBJECT")]
        pythons: list[exp.Expr] = []
        parts = []
        for name, sub in t.fields:
            child = _child(j, name)
            sub_ok, sub_value, sub_python = _nullable(child, sub, None)
            oks.append(exp.func("COALESCE", sub_ok, exp.false()))
            pythons.append(exp.func("COALESCE", sub_python, exp.false()))
            parts.append(exp.PropertyEQ(this=exp.to_identifier(name, quoted=True), expression=sub_value))
        ok = AND(*oks)
        value = exp.Anonymous(this="struct_pack", expressions=parts)
        python = AND(exp.paren(ok.copy()), exp.paren(OR(*pythons)) if pythons else exp.false())
    else:
        raise Unsupported(f"a field of type {t.describe()} read from JSON")
    if enum is not None:
        ok = AND(exp.paren(ok), exp.In(this=value.copy(), expressions=[_enum_literal(v) for v in enum]))
    return ok, value, python


def _enum_literal(v: object) -> exp.Expr:
    if isinstance(v, str):
        return exp.Literal.string(v)
    if isinstance(v, bool):
        return exp.true() if v else exp.false()
    if isinstance(v, int | float):
        return dbl(v)
    raise Unsupported(f"an enum value {v!r}")


def _nullable(j: exp.Expr, t: Type, enum: tuple[object, ...] | None) -> tuple[exp.Expr, exp.Expr, exp.Expr]:
    """Like :func:`_value`, NULL and JSON null allowed when ``t`` is nullable."""
    ok, value, python = _value(j, t, enum)
    is_null = OR(exp.Is(this=j.copy(), expression=exp.null()), _type_is(j, "NULL"))
    null_ok = exp.true() if t.nullable else exp.false()
    return (
        exp.Case().when(is_null.copy(), null_ok).else_(exp.func("COALESCE", ok, exp.false())),
        exp.Case().when(is_null.copy(), CAST(exp.null(), sql_type(t)) if t.kind != "object" else exp.null()).else_(value),
        exp.Case().when(is_null, exp.false()).else_(python),
    )


def checked_input(program: Program, source: exp.Expr, *, check_all_fields: bool = False) -> exp.Select:
    """SELECT over ``source`` (a table function reading JSON with every column typed JSON): the id, each
    checked field converted, ``_ps_clean`` and the id as text for finding duplicates."""
    rid = exp.column(program.id_field, quoted=True)
    id_ok = OR(
        AND(_type_is(rid, "VARCHAR"), exp.NEQ(this=_text(rid), expression=exp.Literal.string(""))),
        AND(
            _type_is(rid, *_INTEGERS),
            exp.LT(this=exp.Abs(this=exp.TryCast(this=rid.copy(), to=exp.DataType.build("DOUBLE"))), expression=dbl(2**53)),
        ),
    )
    columns: list[exp.Expr] = [
        ALIAS(
            exp.Case().when(_type_is(rid, "VARCHAR"), _text(rid)).else_(CAST(rid.copy(), exp.DataType.build("VARCHAR"))),
            "_ps_id_text",
            quoted=True,
        ),
        ALIAS(exp.Case().when(_type_is(rid, *_INTEGERS), exp.false()).else_(exp.true()), "_ps_id_is_text", quoted=True),
        ALIAS(
            exp.Case().when(_type_is(rid, *_INTEGERS), exp.TryCast(this=rid.copy(), to=exp.DataType.build("DOUBLE"))).else_(exp.null()),
            "_ps_id_number",
            quoted=True,
        ),
    ]
    clean: list[exp.Expr] = [exp.func("COALESCE", id_ok, exp.false())]
    seen = {program.id_field}
    for name in checked_fields(program, check_all_fields):
        decl = program.fields[name]
        j = exp.column(name, quoted=True)
        if decl.type.kind == "any":
            continue
        ok, value, python = _nullable(j, decl.type, decl.enum)
        clean.append(exp.func("COALESCE", ok, exp.false()))
        clean.append(exp.Not(this=exp.func("COALESCE", python, exp.false())))
        if name != program.id_field:
            columns.append(ALIAS(value, name, quoted=True))
        seen.add(name)
    id_value = exp.Case().when(_type_is(rid, "VARCHAR"), _text(rid)).else_(CAST(rid.copy(), exp.DataType.build("VARCHAR")))
    columns.insert(0, ALIAS(id_value, program.id_field, quoted=True))
    columns.append(ALIAS(AND(*[exp.paren(c) for c in clean]), "_ps_clean", quoted=True))
    return exp.select(*columns, copy=False).from_(source, copy=False)


def json_columns(program: Program, check_all_fields: bool = False) -> dict[str, str]:
    """The columns to ask DuckDB's JSON reader for, every one as raw JSON."""
    names = [program.id_field, *checked_fields(program, check_all_fields), *program.read_fields]
    return {name: "JSON" for name in dict.fromkeys(names)}
