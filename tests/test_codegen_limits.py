"""Policies far larger than usual compile to flat Python and score as the reference evaluator does.

The generated code must compile for every valid policy: Python refuses
expressions nested about 200 levels deep, so a long sum, ``if`` chain or
``and`` chain is compiled to statements with temporaries.  Each policy here
is scored on records with nulls and compared with
:func:`policyscore.engine.reference.evaluate`, part by part, with and without
explanations; and the nesting of the generated source is measured with
:mod:`ast` and must stay under one small bound whatever the policy's size.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Sequence
from typing import Any
from unittest import mock

import pytest
from expr_strategies import top_level
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SETTINGS
from support import AS_OF, expr_policy
from test_properties import check_both_ways

import policyscore as ps
from policyscore.backends.python import expressions
from policyscore.engine import reference
from policyscore.language.parser import MAX_EXPR_DEPTH

#: The deepest nesting of AST nodes allowed in generated source; the bundled rules/ policies reach about 20.
MAX_AST_DEPTH = 50


def ast_depth(source: str) -> int:
    """The deepest chain of nested AST nodes in ``source`` (the module is level 1; load/store markers not counted)."""
    deepest = 0
    stack: list[tuple[ast.AST, int]] = [(ast.parse(source), 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                stack.extend((v, depth + 1) for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST) and not isinstance(value, ast.expr_context):
                stack.append((value, depth + 1))
    return deepest


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def build(
    fields: dict[str, str],
    *,
    lets: Sequence[tuple[str, str]] = (),
    filters: Sequence[str] = (),
    factors: Sequence[str | list[tuple[str | None, float]]] = (),
    adjustments: Sequence[str] = (),
    tiers: int | Sequence[float] = 3,
    weight: float | None = None,
) -> ps.Policy:
    """A policy from its parts: a factor is a ``value:`` text or a list of bands (condition, value; None: else)."""
    lines = ["policy: big", "version: 1", "record:", "  fields:"]
    lines += [f"    {name}: {_q(kind)}" for name, kind in fields.items()]
    if lets:
        lines.append("let:")
        lines += [f"  {name}: {_q(text)}" for name, text in lets]
    if filters:
        lines.append("filters:")
        for i, text in enumerate(filters):
            lines += [f"  - id: g{i}", f"    when: {_q(text)}"]
    lines.append("factors:")
    for i, factor in enumerate(factors):
        lines += [f"  - id: f{i}", f"    weight: {weight or 1 + i % 7}", "    missing: 0.25"]
        if isinstance(factor, str):
            lines.append(f"    value: {_q(factor)}")
            continue
        lines.append("    bands:")
        for cond, value in factor:
            lines += [f"      - when: {_q(cond)}", f"        value: {value}"] if cond is not None else [f"      - else: {value}"]
    if adjustments:
        lines.append("adjustments:")
        for k, text in enumerate(adjustments):
            lines += [f"  - id: a{k}", f"    points: {(-1) ** k * (k % 5 + 1)}", f"    when: {_q(text)}"]
    lines.append("score: {decimals: 2}")
    lines.append("tiers:")
    mins = [(tiers - 1 - j) * 3 for j in range(tiers)] if isinstance(tiers, int) else tiers
    lines += [f"  - {{name: t{j}, min: {low}}}" for j, low in enumerate(mins)]
    return ps.load_policy_text("\n".join(lines) + "\n", "big.yaml")


def assert_agrees(policy: ps.Policy, records: list[dict[str, Any]]) -> None:
    """The compiled policy computes, part by part, what the reference evaluator computes on every record."""
    for record in records:
        ref = reference.evaluate(policy.program, record, AS_OF)
        full = policy.score(record, AS_OF)
        short = policy.score(record, AS_OF, explain=False)
        for result in (full, short):
            assert result.eligible == ref.eligible, record
            assert result.filter_values == ref.filters, record
            assert result.factor_units == ref.units, record
            assert result.adjustment_values == ref.adjustments, record
            assert (result.raw_units, result.total_units, result.tier_index) == (ref.raw_units, ref.total_units, ref.tier), record
        # lets an ineligible record did not need: the reference leaves them; the compiled code computes them (explain=True)
        lazy = reference.record_lookup(policy.program, record, AS_OF)
        lets = tuple(lazy(let.name) if v is reference.NOT_COMPUTED else v for let, v in zip(policy.program.lets, ref.lets))
        assert full.let_values == lets, record
        assert full.factor_values == ref.values, record
        assert full.band_indexes == ref.bands, record
    assert ast_depth(policy.source) <= MAX_AST_DEPTH


def random_records(fields: dict[str, str], count: int, seed: int, null: float = 0.2) -> list[dict[str, Any]]:
    """Records with a value for each field (numbers 0-9, booleans), null with probability ``null``."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        record: dict[str, Any] = {}
        for name, kind in fields.items():
            if rng.random() < null:
                record[name] = None
            elif kind.startswith("boolean"):
                record[name] = rng.random() < 0.9
            else:
                record[name] = rng.randint(0, 9)
        out.append(record)
    return out


def extremes(fields: dict[str, str], value: Any) -> list[dict[str, Any]]:
    """Every field ``value``; then the same with one field null, at the start, middle and end."""
    names = list(fields)
    full = dict.fromkeys(names, value)
    return [full] + [{**full, names[i]: None} for i in (0, len(names) // 2, len(names) - 1)]


def test_a_sum_of_300_nullable_terms():
    fields = {f"x{i}": "number?" for i in range(300)}
    ops = ["+", "-", "*", "+", "/"]
    mixed = "x0" + "".join(f" {ops[i % 5]} x{i}" for i in range(1, 300))
    policy = build(
        fields,
        lets=[("total", " + ".join(f"x{i}" for i in range(300)))],
        filters=["total is null or total >= 0"],
        factors=["total / 1500", "(" + " + ".join(f"coalesce(x{i}, {i % 3})" for i in range(300)) + ") / 1500", f"({mixed}) / 100"],
    )
    assert_agrees(policy, extremes(fields, 4) + extremes(fields, 0) + random_records(fields, 20, seed=1, null=0.004))
    assert policy.score(dict.fromkeys(fields, 4), AS_OF).let_values == (1200,)


def test_an_if_chain_of_150_branches():
    chain = " ".join(f"if n > {149 - i} then {149 - i} else" for i in range(150)) + " -1"
    # Conditions on several nullable fields: a null condition before a match makes the whole chain null.
    mixed = " ".join(f"if {'n' if i % 3 else 'm'} == {i} then {i} else" for i in range(150)) + " 0"
    fields = {"n": "integer?", "m": "integer?", "b": "boolean?"}
    policy = build(
        fields,
        lets=[("level", chain)],
        factors=[
            "(level + 1) / 150",
            f"({mixed}) / 150",
            [(f"level >= {150 - 10 * j}", round(1 - j / 15, 3)) for j in range(1, 15)] + [(None, 0)],
        ],
        adjustments=[f"if b then ({chain}) > 70 else level < 5"],
    )
    rng = random.Random(2)
    recs = [{"n": n, "m": rng.choice([None, 0, 1, 2, 4, 149]), "b": rng.choice([None, True, False])} for n in range(-3, 153, 2)]
    recs += [{"n": None, "m": 1, "b": True}, {"n": 4, "m": None, "b": None}]
    assert_agrees(policy, recs)
    assert policy.score({"n": 100, "m": None, "b": False}, AS_OF).let_values == (99,)  # the first n > k that holds


def test_150_anded_and_ored_nullable_conditions():
    fields = {f"b{i}": "boolean?" for i in range(150)}
    fields["x"] = "number?"
    every = " and ".join(f"b{i}" for i in range(150))
    some = " or ".join(f"not b{i}" for i in range(150))
    pairs = " and ".join(f"(b{i} or x > {i % 10})" for i in range(150))
    nested = "b0 and (" * 75 + "x > 3" + ")" * 75  # right-nested: each right side is computed under a guard
    policy = build(
        fields,
        filters=[every],
        factors=[f"if {some} then 0.25 else 1", f"if {pairs} then 1 else 0.5", [(nested, 0.75), (None, 0.1)]],
        adjustments=[f"({some}) or x is null", pairs],
    )
    bools = {name: kind for name, kind in fields.items() if name != "x"}
    recs = [{**r, "x": 6} for r in extremes(bools, True) + extremes(bools, False)] + random_records(fields, 30, seed=3, null=0.01)
    recs += [{**dict.fromkeys(bools, True), "x": x} for x in (None, 0, 5, 9)]
    assert_agrees(policy, recs)
    assert sum(policy.score(r, AS_OF).eligible for r in recs) >= 5


def test_deeply_nested_parentheses():
    fields = {"x": "number?", "y": "number", "b": "boolean?"}
    left = "(" * 200 + "y" + "".join(f" {'+-*'[i % 3]} {i % 4 + 1})" for i in range(200))
    right = "".join(f"y {'+-'[i % 2]} (" for i in range(200)) + "x" + ")" * 200
    calls = "abs(" * 60 + "min(x, y) - 4" + ")" * 60 + " + " + "coalesce(" * 60 + "x" + ", y)" * 60
    nested_if = "if b then (" * 100 + "x" + ") else y" * 100
    negations = "not (" * 150 + "b" + ")" * 150
    policy = build(
        fields,
        lets=[("l", left), ("r", right), ("c", calls), ("i", nested_if), ("nb", negations)],
        factors=["l / 1e30", "r / 10", "c / 20", "i / 10", "if nb then 1 else 0"],
    )
    recs = [{"x": x, "y": y, "b": b} for x in (None, 0, 3.5) for y in (-2, 0, 7) for b in (None, True, False)]
    assert_agrees(policy, recs)


def test_3000_factors_many_bands_and_tiers():
    fields = {f"x{i}": "number?" for i in range(10)}
    factors: list[str | list[tuple[str | None, float]]] = []
    for i in range(3000):
        if i % 500 == 0:  # a long band list, and bands whose condition needs statements of its own
            tall = "x1 + " * 40 + "x2"
            bands: list[tuple[str | None, float]] = [(f"x{i % 10} >= {9 - j}", round(1 - j / 12, 3)) for j in range(11)]
            factors.append([(f"{tall} > {k * 30}", 1) for k in range(3, 0, -1)] + bands + [(None, 0)])
        else:
            factors.append(f"x{i % 10} / {i % 9 + 1}")
    policy = build(fields, factors=factors, adjustments=[f"x{k % 10} > {k % 7}" for k in range(40)], tiers=40)
    assert len(policy.factors) == 3000
    assert_agrees(policy, extremes(fields, 9) + random_records(fields, 6, seed=4))


def test_many_tiers():
    """Past 16 tiers the first tier reached is found by bisection; two minimums in one unit: the first wins."""
    mins = [round(99.5 - 2.5 * j, 3) for j in range(31)] + [20.004, 20.001, 19.999, 5, 0]
    policy = build({"x": "number?"}, factors=["x / 1000"], tiers=mins, weight=100)
    assert_agrees(policy, [{"x": x / 4} for x in range(-8, 4040, 7)] + [{"x": low * 10} for low in mins] + [{"x": 200.1}, {"x": None}])
    assert policy.score({"x": 200.1}, AS_OF).tier == "t31"  # 20.004 and 20.001 both need 20.01 at 2 decimals
    assert policy.score({"x": 200.04}, AS_OF).tier == "t33"  # 20.00: only 19.999


def test_500_chained_lets():
    fields = {"x": "number?", "k": "integer?"}
    lets = [("v0", "x"), ("w0", "coalesce(x, 1)")]
    for i in range(1, 500):
        lets += [(f"v{i}", f"v{i - 1} + 1"), (f"w{i}", f"if w{i - 1} > 40 then w{i - 1} - 39 else w{i - 1} + k")]
    policy = build(fields, lets=lets, filters=["v499 is null or v499 > 0"], factors=["w499 / 40", "v499 / 1000"])
    recs = [{"x": x, "k": k} for x in (None, -600, 0, 2.5) for k in (None, 0, 3, 7)]
    assert_agrees(policy, recs)
    assert policy.score({"x": 2.5, "k": 1}, AS_OF).lookup("v499") == 501.5


def test_nesting_stays_bounded_as_the_policy_grows():
    depths = []
    for size in (20, 200):
        fields = {f"b{i}": "boolean?" for i in range(size)}
        chain = " ".join(f"if b{i} then {i} else" for i in range(size)) + " 0"
        policy = build(fields, filters=[" and ".join(fields)], factors=[f"({chain}) / {size}"])
        depths.append(ast_depth(policy.source))
    assert depths[0] == depths[1] <= MAX_AST_DEPTH


# ---------------------------------------------------------------- flat code on random expressions

FLAT = settings(SETTINGS, max_examples=max(SETTINGS.max_examples // 3, 10))


@pytest.mark.parametrize("height", [1, 2])
@FLAT
@given(kind_gen=top_level, data=st.data())
def test_flat_code_agrees_with_the_interpreter_on_random_expressions(height, kind_gen, data):
    """The language's property test with every node (1), or every node above the leaves' parents (2),
    compiled to flat statements: declared and undeclared fields, records full of nulls and edge values;
    a record is rejected by the compiled code exactly when the interpreter rejects it, so flat code
    computes every operand the interpreter computes and none it skips."""
    with mock.patch.object(expressions, "INLINE_HEIGHT", height):
        check_both_ways(data, *kind_gen)


@pytest.mark.parametrize(
    ("text", "record", "value"),
    [
        ("b1 and (n1 > 0 or n2 > 0)", {"b1": False, "n1": None, "n2": "a"}, False),  # the right side is not computed
        ("b1 or (n1 > 0 and n2 > 0)", {"b1": True, "n1": 1, "n2": "a"}, True),
        ("not b1 and n2 > 0", {"b1": True, "n2": "a"}, False),
        ("if b1 then n1 + 1 else -n2", {"b1": True, "n1": 1, "n2": "a"}, 2),  # nor the branch not taken
        ("if b1 then -n2 else n1 + 1", {"b1": False, "n1": 1, "n2": "a"}, 2),
        ("if b1 then -n2 else n1 + 1", {"b1": None, "n1": 1, "n2": "a"}, None),  # nor either, on a null condition
        ("if n1 > 1 then 1 else if n1 > 0 then 2 else -n2", {"n1": 0.5, "n2": "a"}, 2),
    ],
)
def test_flat_code_computes_nothing_the_reference_skips(text, record, value):
    """Undeclared values of the wrong kind where the language does not look: flat code must not look either."""
    with mock.patch.object(expressions, "INLINE_HEIGHT", 1):
        policy = expr_policy(text)
    assert reference.evaluate(policy.program, record, AS_OF).lets == (value,)
    assert policy.score(record, AS_OF).lookup("out") == value


@pytest.mark.parametrize(
    ("text", "record"),
    [
        ("min(n2, n1)", {"n2": None, "n1": False}),  # every argument is checked, though the first is null
        ("n2 + (n1 * 2)", {"n2": None, "n1": "a"}),  # both operands are computed, though the left is null
        ("coalesce(n2, n1 + 1)", {"n2": 1, "n1": "a"}),  # every argument is computed
        ("b1 and (n1 > 0 or n2 > 0)", {"b1": None, "n1": None, "n2": "a"}),  # a null left side does not decide
        ("if b1 then n1 else -n2", {"b1": False, "n1": 1, "n2": "a"}),
        ("max(date(s1), min(d1, date('2024-01-31')))", {"s1": None, "d1": "2024-01-31"}),  # text is not a date to min
    ],
)
def test_flat_code_rejects_what_the_reference_rejects(text, record):
    with mock.patch.object(expressions, "INLINE_HEIGHT", 1):
        policy = expr_policy(text)
    with pytest.raises(ps.RecordError) as expected:
        reference.evaluate(policy.program, record, AS_OF)
    with pytest.raises(ps.RecordError) as got:
        policy.score(record, AS_OF)
    assert got.value.field == expected.value.field


def test_expressions_at_the_nesting_limit():
    """Every shape of expression as deep as the language allows compiles, nesting no deeper in Python."""
    depth = MAX_EXPR_DEPTH - 1  # each is divided by 1000: one level more
    shapes = {
        "sum": " + ".join(["x"] * depth),
        "right": "x - (" * (depth // 2 - 1) + "x" + ")" * (depth // 2 - 1),
        "then": "if b then (" * (depth // 3 - 1) + "x" + ") else 0" * (depth // 3 - 1),
        "else": " ".join(f"if x > {i} then {i} else" for i in range(depth // 2 - 1)) + " 0",
        "logic": "if " + "b and (" * (depth // 2 - 2) + "x > 1" + ")" * (depth // 2 - 2) + " then 1 else 0",
        "calls": "abs(" * (depth - 2) + "x - 1" + ")" * (depth - 2),
        "coalesce": "coalesce(" * (depth // 2 - 1) + "x" + ", 0.5)" * (depth // 2 - 1),
    }
    policy = build({"x": "number?", "b": "boolean?"}, factors=[f"({text}) / 1000" for text in shapes.values()])
    assert_agrees(policy, [{"x": x, "b": b} for x in (None, 0.5, 2, 3) for b in (None, True, False)])
