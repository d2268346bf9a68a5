"""Property tests for the language.

- printing a tree and parsing it back gives the same tree;
- the compiled evaluator computes exactly what the reference interpreter computes,
  on random well-typed expressions and random records (nulls included);
- random text only ever raises the library's own errors.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import AS_OF, expr_policy

import policyscore as ps
from policyscore.language import nodes as n
from policyscore.language.interpreter import interpret
from policyscore.language.parser import ExprSyntaxError, parse
from policyscore.language.printer import to_text

FIELDS = {
    "n1": "number",
    "n2": "number?",
    "i1": "integer?",
    "b1": "boolean?",
    "s1": "string?",
    "d1": "date?",
    "tags": "list[string]?",
}
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SPAN = (0, 0)


def lit(v: object) -> n.Expr:
    return n.Literal(v, SPAN)


def name(v: str) -> n.Expr:
    return n.Name(v, SPAN)


def call(f: str, *args: n.Expr) -> n.Expr:
    return n.Call(f, tuple(args), SPAN, SPAN)


def binary(op: str, a: n.Expr, b: n.Expr) -> n.Expr:
    return n.Binary(op, a, b, SPAN)


small_ints = st.integers(min_value=0, max_value=1000)
small_floats = st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 3))
words = st.sampled_from(["", "a", "Ab", "vp", "sales", "VP of Sales", "  x "])

number_leaf = st.one_of(small_ints.map(lit), small_floats.map(lit), st.sampled_from(["n1", "n2", "i1"]).map(name))
string_leaf = st.one_of(words.map(lit), st.just(name("s1")))
date_leaf = st.one_of(
    st.just(name("d1")),
    st.just(name("as_of")),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31)).map(lambda d: call("date", lit(d.isoformat()))),
)
bool_leaf = st.one_of(st.booleans().map(lit), st.just(name("b1")))


def numbers(children: st.SearchStrategy[n.Expr]) -> st.SearchStrategy[n.Expr]:
    return st.one_of(
        st.builds(binary, st.sampled_from(["+", "-", "*", "/", "%"]), children, children),
        children.map(lambda a: n.Unary("-", a, SPAN)),
        st.builds(lambda f, a: call(f, a), st.sampled_from(["abs", "floor", "ceil", "sqrt", "log"]), children),
        st.builds(lambda f, a, b: call(f, a, b), st.sampled_from(["min", "max", "coalesce"]), children, children),
        st.builds(lambda a, k: call("round", a, lit(k)), children, st.integers(0, 3)),
        st.builds(lambda a, lo, hi: call("scale", a, lit(lo), lit(hi)), children, small_ints, small_ints),
        st.builds(lambda a, b, c: call("clamp", a, b, c), children, children, children),
        st.builds(lambda c, a, b: n.Cond(c, a, b, SPAN), bool_leaf, children, children),
        string_leaf.map(lambda s: call("len", s)),
        st.builds(lambda a, b: call("days_between", a, b), date_leaf, date_leaf),
        st.builds(lambda a, b: call("months_between", a, b), date_leaf, date_leaf),
    )


number_expr = st.recursive(number_leaf, numbers, max_leaves=8)
string_expr = st.recursive(
    string_leaf,
    lambda c: st.one_of(
        st.builds(lambda f, a: call(f, a), st.sampled_from(["lower", "upper", "trim"]), c),
        st.builds(lambda a, b: call("coalesce", a, b), c, c),
    ),
    max_leaves=3,
)


def booleans(children: st.SearchStrategy[n.Expr]) -> st.SearchStrategy[n.Expr]:
    return st.one_of(
        st.builds(lambda op, a, b: n.Logical(op, a, b, SPAN), st.sampled_from(["and", "or"]), children, children),
        children.map(lambda a: n.Unary("not", a, SPAN)),
        st.builds(binary, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), number_expr, number_expr),
        st.builds(binary, st.sampled_from(["==", "<", ">="]), string_expr, string_expr),
        st.builds(binary, st.sampled_from(["==", "<"]), date_leaf, date_leaf),
        st.builds(lambda a, neg: n.IsNull(a, neg, SPAN), st.one_of(number_expr, string_expr), st.booleans()),
        st.builds(
            lambda op, a, items: binary(op, a, n.ListExpr(tuple(lit(i) for i in items), SPAN)),
            st.sampled_from(["in", "not in"]),
            number_expr,
            st.lists(small_ints, max_size=3),
        ),
        st.builds(lambda op, a: binary(op, a, name("tags")), st.sampled_from(["in", "not in"]), string_expr),
        st.builds(
            lambda f, a, b: call(f, a, b), st.sampled_from(["contains", "starts_with", "ends_with", "matches"]), string_expr, words.map(lit)
        ),
        st.builds(lambda c, a, b: n.Cond(c, a, b, SPAN), children, children, children),
    )


bool_expr = st.recursive(bool_leaf, booleans, max_leaves=6)
any_expr = st.one_of(number_expr, bool_expr, string_expr)

records = st.fixed_dictionaries(
    {
        "n1": st.one_of(st.integers(-50, 50), st.floats(-50, 50, allow_nan=False)),
        "n2": st.one_of(st.none(), st.integers(-5, 5), st.floats(-5, 5, allow_nan=False)),
        "i1": st.one_of(st.none(), st.integers(-3, 3)),
        "b1": st.one_of(st.none(), st.booleans()),
        "s1": st.one_of(st.none(), words),
        "d1": st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 1, 1)).map(date.isoformat)),
        "tags": st.one_of(st.none(), st.lists(words, max_size=3)),
    }
)


def strip(node: n.Expr) -> object:
    """A tree without positions, for comparing structure."""
    if isinstance(node, tuple):
        return tuple(strip(x) for x in node)
    if not dataclasses.is_dataclass(node):
        return node
    fields = {f.name: strip(getattr(node, f.name)) for f in dataclasses.fields(node) if "span" not in f.name}
    return (type(node).__name__, fields)


def same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b and type(a) is type(b)


@SETTINGS
@given(any_expr)
def test_print_then_parse_round_trips(expr):
    text = to_text(expr)
    assert strip(parse(text)) == strip(expr), text


@SETTINGS
@given(any_expr, records)
def test_compiled_evaluator_agrees_with_the_interpreter(expr, record):
    text = to_text(expr)
    policy = expr_policy(text, FIELDS)
    compiled = policy.score(record, AS_OF).lookup("out")

    def lookup(nm: str) -> object:
        return AS_OF if nm == "as_of" else policy.field_value(record, nm)

    reference = interpret(parse(text), lookup)
    assert same(compiled, reference), (text, record, compiled, reference)
    # The score-only path computes the same (the let is recomputed by the interpreter there).
    assert same(policy.score(record, AS_OF, explain=False).lookup("out"), reference)


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


def _factor_policy(value: str, band: str, flt: str) -> ps.Policy:
    fields = "\n".join(f"    {k}: '{v}'" for k, v in FIELDS.items())

    def q(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    body = (
        f"policy: prop\nversion: 1\nrecord:\n  fields:\n{fields}\n"
        f"filters:\n  - id: gate\n    when: {q(flt)}\n"
        "factors:\n"
        f"  - id: v\n    weight: 7\n    missing: 0.25\n    value: {q(value)}\n"
        f"  - id: b\n    weight: 3\n    missing: 0.5\n    bands:\n      - when: {q(band)}\n        value: 0.6\n      - else: 0.1\n"
        f"adjustments:\n  - id: adj\n    when: {q(band)}\n    points: -1.25\n"
        "score: {min: 0, max: 10, decimals: 3}\n"
    )
    return ps.load_policy_text(body, "prop.yaml")


@SETTINGS
@given(number_expr, bool_expr, bool_expr, records)
def test_compiled_scores_agree_with_explanations_recomputed_by_the_interpreter(value, band, flt, record):
    """Score-only results recompute factor values and bands with the interpreter; the compiled points must match them."""
    policy = _factor_policy(to_text(value), to_text(band), to_text(flt))
    compiled = policy.score(record, AS_OF).to_dict()
    recomputed = policy.score(record, AS_OF, explain=False).to_dict()
    assert compiled == recomputed
    if compiled["eligible"]:
        factor = compiled["factors"][0]
        raw = factor["raw_value"]
        expected_value = 0.25 if raw is None else min(1, max(0, raw))
        assert factor["value"] == expected_value
