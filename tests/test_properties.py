"""Property tests for the language.

- the compiled back end computes exactly what the reference interpreter
  (``language.interpreter.interpret``) computes, on random well-typed
  expressions that read the record (never constants only), over declared
  fields (nullable or not) and undeclared ones, on records full of nulls,
  zeros, negative numbers, month-end dates, empty strings and empty lists;
- the strategy calls every function of the language (each is also the root of
  its own compiled-versus-interpreted test);
- printing a tree and parsing it back gives the same tree;
- random text only ever raises the library's own errors.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from typing import Any

import pytest
from expr_strategies import (
    DATES,
    FIELDS,
    INTEGERS,
    KINDS,
    NUMBERS,
    SIGNATURES,
    WORDS,
    Gen,
    anything,
    integers,
    numbers,
    rooted_at,
    top_level,
    words,
)
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from strategies import FEW, SETTINGS

import policyscore as ps
from policyscore.errors import RecordError
from policyscore.language import nodes as n
from policyscore.language.functions import FUNCTIONS
from policyscore.language.interpreter import interpret
from policyscore.language.parser import ExprSyntaxError, parse
from policyscore.language.printer import to_text
from policyscore.language.semantics import to_plain

AS_OFS = [date(2026, 11, 1), date(2024, 2, 29), date(2026, 1, 31), date(2025, 12, 31)]
REJECTED = "rejected"


# ---------------------------------------------------------------- records


def _maybe_null(values: st.SearchStrategy[Any], nullable: bool) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), values) if nullable else values


def _record_values(declared: bool) -> dict[str, st.SearchStrategy[Any]]:
    """A strategy per field; undeclared fields may always be null and hold dates as date objects
    (ISO text would be a string there, which dates cannot be compared with)."""
    iso = st.one_of(st.sampled_from(DATES), st.dates(min_value=date(2019, 1, 1), max_value=date(2028, 12, 31)))
    day = iso.map(date.isoformat) if declared else iso
    kinds = {
        "number": numbers,
        "integer": integers,
        "string": words,
        "boolean": st.booleans(),
        "date": day,
        "list[string]": st.lists(words, max_size=3),
        "list[number]": st.lists(numbers, max_size=3),
    }
    out: dict[str, st.SearchStrategy[Any]] = {}
    for name, decl in FIELDS.items():
        if "." in name:
            continue
        out[name] = _maybe_null(kinds[decl.rstrip("?")], decl.endswith("?") or not declared)
    city = _maybe_null(words, True)
    out["addr"] = st.one_of(st.none(), st.just({}), st.fixed_dictionaries({"city": city}))
    return out


def records(declared: bool) -> st.SearchStrategy[dict[str, Any]]:
    """Records for the declared fields; without a declaration, a field may also be left out."""
    values = _record_values(declared)
    if declared:
        return st.fixed_dictionaries(values)
    return st.fixed_dictionaries({}, optional=values)


def test_the_record_pools_hold_the_edge_values():
    """Nulls come from the strategies; the pools must keep zeros, negatives, month ends and empty text."""
    assert 0 in NUMBERS and -0.0 in NUMBERS and any(x < 0 for x in NUMBERS) and 0 in INTEGERS
    assert "" in WORDS and date(2024, 2, 29) in DATES and date(2025, 2, 28) in DATES and date(2026, 4, 30) in DATES


# ---------------------------------------------------------------- both ways


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def expression_policy(kind: str, text: str, declared: bool) -> str:
    """A policy computing ``text`` as the let ``out``, and also where the kind allows it inline:
    as a factor's value (numbers), a band's and an adjustment's condition (booleans)."""
    lines = ["policy: prop", "version: 1"]
    if declared:
        lines += ["record:", "  fields:"] + [f"    {k}: {_q(v)}" for k, v in FIELDS.items()]
    lines += ["let:", f"  out: {_q(text)}", "factors:"]
    if kind == "number":
        lines += ["  - id: v", "    weight: 1", f"    value: {_q(text)}"]
    elif kind == "boolean":
        lines += ["  - id: v", "    weight: 1", "    bands:", f"      - when: {_q(text)}", "        value: 1", "      - else: 0"]
    else:
        lines += ["  - id: v", "    weight: 1", "    value: '0'"]
    if kind == "boolean":
        lines += ["adjustments:", "  - id: a", f"    when: {_q(text)}", "    points: 1"]
    return "\n".join(lines) + "\n"


def _converted(record: dict[str, Any], declared: bool):
    """The interpreter's lookup: declared dates are read from their ISO text, as the record check does."""

    def value(name: str) -> Any:
        v = record.get(name)
        if declared and FIELDS.get(name, "").rstrip("?") == "date" and isinstance(v, str):
            return date.fromisoformat(v)
        return v

    return value


def interpreted(kind: str, text: str, record: dict[str, Any], declared: bool, as_of: date) -> Any:
    """What the reference interpreter says the compiled policy must show."""
    fields = _converted(record, declared)
    try:
        value = interpret(parse(text), lambda name: as_of if name == "as_of" else fields(name))
    except Exception:  # noqa: BLE001 - any failure must reject the record in the compiled policy too
        return REJECTED
    out: dict[str, Any] = {"out": to_plain(value)}
    if kind == "number":
        finite = value is None or value - value == 0
        out["raw_value"] = value if finite else None
        out["missing"] = value is None or not finite
    elif kind == "boolean":
        out["band"] = None if value is None else (0 if value else 1)
        out["adjustment"] = value
    return out


def compiled(kind: str, policy_text: str, record: dict[str, Any], as_of: date) -> Any:
    """What the compiled policy shows for the same record."""
    policy = ps.load_policy_text(policy_text, "prop.yaml")
    [result] = policy.score_many([record], as_of, on_error="yield")
    if isinstance(result, RecordError):
        return REJECTED
    d = result.to_dict()
    [let] = d["lets"]
    out: dict[str, Any] = {"out": let["value"]}
    factor = d["factors"][0]
    if kind == "number":
        out["raw_value"] = factor["raw_value"]
        out["missing"] = factor["missing"]
    elif kind == "boolean":
        out["band"] = None if factor["band"] is None else factor["band"]["index"]
        out["adjustment"] = d["adjustments"][0]["condition"]
    return out


def same(a: Any, b: Any) -> bool:
    """Equal values of the same type (2 is not 2.0), NaN equal to NaN."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def check_both_ways(data: st.DataObject, kind: str, gen: Gen) -> None:
    assert gen.fields, "every generated expression reads a record field"
    declared = data.draw(st.booleans(), "declared")
    text = to_text(gen.node)
    body = expression_policy(kind, text, declared)
    for record in data.draw(st.lists(records(declared), min_size=1, max_size=3), "records"):
        as_of = data.draw(st.sampled_from(AS_OFS), "as_of")
        expected = interpreted(kind, text, record, declared, as_of)
        actual = compiled(kind, body, record, as_of)
        assert same(actual, expected), f"{text}\nrecord {record}\ncompiled    {actual}\ninterpreter {expected}"


@SETTINGS
@given(top_level, st.data())
def test_compiled_policy_agrees_with_the_interpreter(kind_gen, data):
    check_both_ways(data, *kind_gen)


@pytest.mark.parametrize("func", sorted(FUNCTIONS))
@FEW
@given(data=st.data())
def test_compiled_policy_agrees_with_the_interpreter_on_each_function(func, data):
    check_both_ways(data, *data.draw(rooted_at(func), "expression"))


def test_a_type_error_after_a_null_argument_rejects_the_record_both_ways():
    """Undeclared ``d`` holds ISO text, which ``min`` cannot compare with a date: both reject the record,
    although the first argument of ``max`` is null (every argument is computed before a null decides)."""
    text = "max(date(s), min(d, date('2024-01-31')))"
    record = {"s": None, "d": "2024-01-31"}
    as_of = AS_OFS[0]
    assert interpreted("date", text, record, False, as_of) == REJECTED
    assert compiled("date", expression_policy("date", text, False), record, as_of) == REJECTED


# ---------------------------------------------------------------- the strategy reaches every function


def test_every_function_has_a_signature_in_the_strategy():
    assert set(SIGNATURES) == set(FUNCTIONS), "add the missing functions to SIGNATURES in tests/expr_strategies.py"


_SEARCH = settings(SETTINGS, max_examples=2000, phases=[Phase.generate])


@pytest.mark.parametrize("func", sorted(FUNCTIONS))
def test_the_whole_expression_strategy_calls_each_function(func):
    """Not only the dedicated per-function test: expressions of any shape reach every function."""
    found = find(top_level, lambda kind_gen: func in kind_gen[1].funcs, settings=_SEARCH)
    assert func in found[1].funcs


@pytest.mark.parametrize("field", sorted({name.partition(".")[0] for name in FIELDS}))
def test_the_whole_expression_strategy_reads_each_field(field):
    found = find(top_level, lambda kind_gen: field in kind_gen[1].fields, settings=_SEARCH)
    assert field in found[1].fields


@pytest.mark.parametrize("kind", KINDS)
def test_the_whole_expression_strategy_gives_each_kind(kind):
    assert find(top_level, lambda kind_gen: kind_gen[0] == kind, settings=_SEARCH)[0] == kind


# ---------------------------------------------------------------- printing and parsing


def strip(node: n.Expr) -> object:
    """A tree without positions, for comparing structure."""
    if isinstance(node, tuple):
        return tuple(strip(x) for x in node)
    if not dataclasses.is_dataclass(node):
        return node
    fields = {f.name: strip(getattr(node, f.name)) for f in dataclasses.fields(node) if "span" not in f.name}
    return (type(node).__name__, fields)


@SETTINGS
@given(st.sampled_from(["number", "boolean", "string", "date", "list[number]"]).flatmap(lambda k: anything(k, 3)))
def test_print_then_parse_round_trips(gen):
    text = to_text(gen.node)
    assert strip(parse(text)) == strip(gen.node), text


@SETTINGS
@given(
    st.lists(
        st.sampled_from(list("ab1_.()[],'\"<>=!+-*/% \n") + [" and ", " or ", "not ", "if ", " then ", " else ", " in ", " is ", "null"]),
        max_size=25,
    ).map("".join)
)
def test_random_text_only_raises_the_library_error(text):
    try:
        parse(text)
    except ExprSyntaxError as exc:
        assert 0 <= exc.start <= max(len(text), 1)


@SETTINGS
@given(st.text(max_size=30))
def test_random_expression_in_a_policy_only_gives_diagnostics(text):
    body = "policy: p\nversion: 1\nfactors:\n  - id: f\n    weight: 1\n    value: " + repr(text).replace("\\'", "''") + "\n"
    diags = ps.check_text(body, "p.yaml")
    for d in diags:
        assert d.code.startswith("PS")
        assert d.span is None or d.span.line >= 1


@SETTINGS
@given(st.text(max_size=80))
def test_random_yaml_only_gives_diagnostics(text):
    for d in ps.check_text(text, "p.yaml"):
        assert d.code.startswith("PS")


def test_coalesce_computes_every_argument_like_the_interpreter():
    """``coalesce`` returns its first non-null argument, but a later one that cannot be computed rejects the record."""
    text = "coalesce(n, m + 1)"
    record = {"n": 1, "m": "text"}
    as_of = AS_OFS[0]
    assert interpreted("number", text, record, False, as_of) == REJECTED
    assert compiled("number", expression_policy("number", text, False), record, as_of) == REJECTED
