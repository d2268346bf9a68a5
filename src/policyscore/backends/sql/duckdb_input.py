"""Records read by DuckDB and checked as strictly as the Python engine checks them.

DuckDB's typed JSON reader is lenient: it turns ``"1200"`` into 1200.0, 12.5
into 12 for an integer, ``true`` into 1, ``"yes"`` into a boolean and
``"2026-6-1"`` into a date, where the Python engine rejects each of those
records.  So every declared field is read as JSON, and its JSON type (told
by the first character of its compact text) is checked before it is converted: a number must be a JSON number (a whole one
for an integer field), a string a JSON string (one of the ``enum`` values when
there is one), a date a JSON string ``YYYY-MM-DD`` naming a real day, a list a
JSON array whose every item passes, an object a JSON object whose declared
fields pass, and NULL (or an absent key) only where the field is nullable.

The view gives each record ``_ps_clean``: false when the Python engine would
reject the record or when DuckDB might not hold its values exactly (a number
of magnitude 2 ** 53 or more, integer or not: the test is kept conservative); such records are left to the Python
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

__all__ = ["checked_input", "json_columns"]


def _text(j: exp.Expr) -> exp.Expr:
    """The JSON value ``j`` as DuckDB holds it: compact JSON text (numbers, ``true``, ``"text"``, ``[...]``)."""
    return exp.cast(j.copy(), "VARCHAR")


def _starts(j: exp.Expr, prefix: str) -> exp.Expr:
    return exp.Anonymous(this="starts_with", expressions=[_text(j), exp.Literal.string(prefix)])


def _first_char(j: exp.Expr) -> exp.Expr:
    return exp.Anonymous(this="ascii", expressions=[_text(j)])


def _is_number(j: exp.Expr) -> exp.Expr:
    """A JSON number: its text starts with a digit or a minus sign (``NaN`` and ``Infinity`` never reach here, see the guard)."""
    first = _first_char(j)
    digit = exp.Between(this=first, low=exp.Literal.number(48), high=exp.Literal.number(57))
    return OR(digit, exp.EQ(this=first.copy(), expression=exp.Literal.number(45)))


def _string_value(j: exp.Expr) -> exp.Expr:
    """The text of a JSON string: between its quotes, or decoded when it holds an escape."""
    text = _text(j)
    escaped = exp.Anonymous(this="contains", expressions=[text.copy(), exp.Literal.string("\\")])
    inner = exp.Bracket(this=text.copy(), expressions=[exp.Slice(this=exp.Literal.number(2), expression=exp.Literal.number(-2))])
    decoded = exp.Anonymous(this="json_extract_string", expressions=[j.copy(), exp.Literal.string("$")])
    return exp.Case().when(escaped, decoded, copy=False).else_(inner, copy=False)


def _child(j: exp.Expr, key: str) -> exp.Expr:
    return exp.Anonymous(this="json_extract", expressions=[j.copy(), exp.Literal.string(f'$."{key}"')])


def _lambda(body: exp.Expr) -> exp.Expr:
    return exp.Lambda(this=body, expressions=[exp.to_identifier("_ps_item")])


def _item() -> exp.Expr:
    return exp.column("_ps_item")


def _value(j: exp.Expr, t: Type, enum: tuple[object, ...] | None) -> tuple[exp.Expr, exp.Expr, exp.Expr]:
    """(is a valid non-null value, the converted value, needs the Python engine) for the JSON value ``j``.

    The tests read the value's compact text (its first character says its JSON type), which costs far
    less than asking DuckDB's JSON functions to parse it again.
    """
    kind = t.kind
    false = exp.false()
    if kind == "number":
        as_double = exp.TryCast(this=_text(j), to=exp.DataType.build("DOUBLE"))
        ok: exp.Expr = _is_number(j)
        if t.integer:
            ok = AND(ok, exp.EQ(this=as_double.copy(), expression=exp.Floor(this=as_double.copy())))
        finite = exp.EQ(this=exp.paren(exp.Sub(this=as_double.copy(), expression=as_double.copy())), expression=dbl(0))
        big = OR(exp.Not(this=exp.paren(finite)), exp.GTE(this=exp.Abs(this=as_double.copy()), expression=dbl(2**53)))
        value: exp.Expr = as_double
        python = AND(exp.paren(ok.copy()), exp.paren(big))
    elif kind in ("string", "date"):
        text = _string_value(j)
        ok = _starts(j, '"')
        value = text
        python = false
        if kind == "date":
            shape = exp.Anonymous(this="regexp_full_match", expressions=[_text(j), exp.Literal.string('"[0-9]{4}-[0-9]{2}-[0-9]{2}"')])
            day = exp.TryCast(this=text.copy(), to=exp.DataType.build("DATE"))
            ok = AND(
                shape,
                exp.Not(this=exp.Is(this=day.copy(), expression=exp.null())),
                exp.Not(this=_starts(j, '"0000')),
            )
            value = CAST(day, exp.DataType.build("DATE"))
    elif kind == "boolean":
        ok = exp.In(this=_text(j), expressions=[exp.Literal.string("true"), exp.Literal.string("false")])
        value = exp.EQ(this=_text(j), expression=exp.Literal.string("true"))
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
        ok = AND(_starts(j, "["), exp.func("COALESCE", all_ok, exp.true()))
        value = CAST(
            exp.Anonymous(this="list_transform", expressions=[items.copy(), _lambda(item_value)]), sql_type(t.with_nullable(False))
        )
        # Items that never need the Python engine (texts, booleans, dates) skip a second walk through the list.
        python = false if item_python == false else AND(exp.paren(ok.copy()), exp.func("COALESCE", any_python, exp.false()))
    elif kind == "object" and t.fields:
        oks: list[exp.Expr] = [_starts(j, "{")]
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


def _is_null(j: exp.Expr) -> exp.Expr:
    """An absent key (SQL NULL) or a JSON null."""
    return OR(exp.Is(this=j.copy(), expression=exp.null()), exp.EQ(this=_text(j), expression=exp.Literal.string("null")))


def _or_null(j: exp.Expr, t: Type, value: exp.Expr) -> exp.Expr:
    """``value``, or NULL (of the field's type) for an absent key or a JSON null."""
    null = CAST(exp.null(), sql_type(t)) if t.kind != "object" else exp.null()
    return exp.Case().when(_is_null(j), null, copy=False).else_(value, copy=False)


def _nullable(j: exp.Expr, t: Type, enum: tuple[object, ...] | None) -> tuple[exp.Expr, exp.Expr, exp.Expr]:
    """Like :func:`_value`, NULL and JSON null allowed when ``t`` is nullable."""
    ok, value, python = _value(j, t, enum)
    null_ok = exp.true() if t.nullable else exp.false()
    return (
        exp.Case().when(_is_null(j), null_ok, copy=False).else_(exp.func("COALESCE", ok, exp.false()), copy=False),
        _or_null(j, t, value),
        exp.Case().when(_is_null(j), exp.false(), copy=False).else_(python, copy=False),
    )


def checked_input(program: Program, source: exp.Expr, *, check_all_fields: bool = False) -> exp.Select:
    """SELECT over ``source`` (a table function reading JSON with every column typed JSON): the id as text,
    each checked field converted, and ``_ps_clean``."""
    rid = exp.column(program.id_field, quoted=True)
    is_text = _starts(rid, '"')
    whole = exp.Anonymous(this="regexp_full_match", expressions=[_text(rid), exp.Literal.string("-?[0-9]+")])
    id_ok = OR(
        AND(is_text, exp.NEQ(this=_text(rid), expression=exp.Literal.string('""'))),
        AND(whole, exp.LT(this=exp.Abs(this=exp.TryCast(this=_text(rid), to=exp.DataType.build("DOUBLE"))), expression=dbl(2**53))),
    )
    columns: list[exp.Expr] = []
    clean: list[exp.Expr] = [exp.func("COALESCE", id_ok, exp.false())]
    seen = {program.id_field}
    for name in checked_fields(program, check_all_fields):
        decl = program.fields[name]
        j = exp.column(name, quoted=True)
        if decl.type.kind == "any":
            continue
        ok, value, python = _value(j, decl.type, decl.enum)
        # One test per field: NULL where the field may be null, else a valid value the query computes exactly.
        good: exp.Expr = exp.func("COALESCE", ok, exp.false())
        if python != exp.false():
            good = AND(good, exp.Not(this=exp.func("COALESCE", python, exp.false())))
        null_ok = exp.true() if decl.type.nullable else exp.false()
        clean.append(exp.Case().when(_is_null(j), null_ok, copy=False).else_(good, copy=False))
        if name != program.id_field:
            columns.append(ALIAS(_or_null(j, decl.type, value), name, quoted=True))
        seen.add(name)
    id_value = exp.Case().when(is_text.copy(), _string_value(rid), copy=False).else_(_text(rid), copy=False)
    columns.insert(0, ALIAS(id_value, program.id_field, quoted=True))
    columns.append(ALIAS(AND(*[exp.paren(c) for c in clean]), "_ps_clean", quoted=True))
    return _computed_once(columns, source, seen)


def _computed_once(columns: list[exp.Expr], source: exp.Expr, names: set[str]) -> exp.Select:
    """SELECT ``columns`` over ``source``, each field's text (and a number's DOUBLE) computed once beneath them.

    The checks and the value of a field repeat its text and its TRY_CAST to DOUBLE several times, and DuckDB
    computes every repetition (they sit in CASE branches); a subquery computes each once, as a column.
    """
    made: dict[str, exp.Expr] = {}
    # A string's value, a date's TRY_CAST and a list's items are each written more than once too (in the checks
    # and in the value), each time a decode or a parse of the field's text: computed once beneath, like the text.
    hoisted: dict[exp.Expr, str] = {}
    for name in sorted(names):
        j = exp.column(name, quoted=True)
        hoisted[_string_value(j)] = f"_ps_s_{name}"
        hoisted[exp.TryCast(this=_string_value(j), to=exp.DataType.build("DATE"))] = f"_ps_day_{name}"
        hoisted[exp.Anonymous(this="json_extract", expressions=[j.copy(), exp.Literal.string("$[*]")])] = f"_ps_l_{name}"

    def field_text(node: exp.Expr) -> str | None:
        inner = node.this
        if isinstance(node, exp.Cast) and not isinstance(node, exp.TryCast) and node.to.is_type("varchar", "text"):
            if isinstance(inner, exp.Column) and not inner.table and inner.name in names:
                return inner.name
        return None

    def swap(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Case | exp.TryCast | exp.Anonymous) and (alias := hoisted.get(node)) is not None:
            made.setdefault(alias, node.copy())
            return exp.column(alias, quoted=True)
        if isinstance(node, exp.TryCast) and node.to.is_type("double") and (name := field_text(node.this)) is not None:
            made.setdefault(f"_ps_d_{name}", node.copy())
            return exp.column(f"_ps_d_{name}", quoted=True)
        if (name := field_text(node)) is not None:
            made.setdefault(f"_ps_t_{name}", node.copy())
            return exp.column(f"_ps_t_{name}", quoted=True)
        return node

    swapped = [c.transform(swap, copy=False) for c in columns]
    computed = [ALIAS(e, alias, quoted=True) for alias, e in made.items()]
    beneath = exp.select("*", *computed, copy=False).from_(source, copy=False).subquery("_ps_fields", copy=False)
    return exp.select(*swapped, copy=False).from_(beneath, copy=False)


def json_columns(program: Program, check_all_fields: bool = False) -> dict[str, str]:
    """The columns to ask DuckDB's JSON reader for, every one as raw JSON."""
    names = [program.id_field, *checked_fields(program, check_all_fields), *program.read_fields]
    return {name: "JSON" for name in dict.fromkeys(names)}
