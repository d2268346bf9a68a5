"""Policy limits: generous for real policies, a clear diagnostic with a position past them.

Big inputs are generated here, at test time.
"""

from __future__ import annotations

import pytest

import policyscore as ps
from policyscore.language.parser import MAX_EXPR_DEPTH, MAX_EXPR_LENGTH
from policyscore.policyfile.model import MAX_ITEMS, MAX_NUMBER
from policyscore.policyfile.yamlsource import MAX_DEPTH, MAX_NODES
from tests.support import AS_OF


def policy(expr: str = "x", extra: str = "", fields: str = "    x: number\n") -> str:
    return (
        "policy: limits\nversion: 1\nrecord:\n  fields:\n    id: string\n"
        + fields
        + f"factors:\n  - id: f\n    weight: 10\n    value: '{expr}'\n"
        + extra
    )


def codes(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in ps.check_text(text, "p.yaml") if d.is_error and d.span is not None]


def only_error(text: str) -> ps.Diagnostic:
    found = [d for d in ps.check_text(text, "p.yaml") if d.is_error]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- big but valid


def test_a_sum_of_300_terms_is_within_the_parser_limits():
    # The parser and checker accept it; only compiling it is left to the code generator (below).
    from policyscore.language.parser import parse

    node = parse(" + ".join(["x"] * 300))
    assert node.op == "+" and node.span == (0, len(" + ".join(["x"] * 300)))


def test_a_sum_of_300_terms_is_valid():
    text = policy(" + ".join(["x / 300"] * 300))
    assert codes(text) == []
    assert ps.load_policy_text(text).score({"id": "a", "x": 1}, AS_OF).score == 10


def test_a_100_branch_if_chain_is_valid():
    chain = "".join(f"if x > {99 - i} then {(99 - i) / 100} else " for i in range(100)) + "0"
    text = policy(chain)
    assert codes(text) == []
    p = ps.load_policy_text(text)
    assert p.score({"id": "a", "x": 50.5}, AS_OF).score == 5
    assert p.score({"id": "a", "x": -1}, AS_OF).score == 0


def test_100_anded_conditions_are_valid():
    cond = " and ".join(f"x > {i}" for i in range(100))
    text = policy("1", extra=f"filters:\n  - id: all\n    when: '{cond}'\n")
    assert codes(text) == []
    p = ps.load_policy_text(text)
    assert p.score({"id": "a", "x": 100}, AS_OF).eligible is True
    assert p.score({"id": "a", "x": 99}, AS_OF).eligible is False


def test_3000_factors_are_valid():
    lines = ["policy: big", "version: 1", "record:", "  fields:", "    x: number", "factors:"]
    for i in range(3000):
        lines += [f"  - id: f{i}", "    weight: 1", "    value: x"]
    p = ps.load_policy_text("\n".join(lines) + "\n", "big.yaml")
    assert len(p.factors) == 3000
    assert p.score({"x": 0.5}, AS_OF).score == 1500


# ---------------------------------------------------------------- expressions


def test_an_expression_longer_than_the_limit_is_refused_with_position():
    long = " + ".join(["x"] * (MAX_EXPR_LENGTH // 4 + 1))
    assert len(long) > MAX_EXPR_LENGTH
    diag = only_error(policy(long))
    assert diag.code == "PS202"
    assert f"the limit is {MAX_EXPR_LENGTH}" in diag.message
    assert (diag.span.line, diag.span.column) == (10, 13 + MAX_EXPR_LENGTH)


@pytest.mark.parametrize(
    "make",
    [
        lambda k: "(x + " * k + "1" + ")" * k,
        lambda k: "-" * k + "x",
        lambda k: "abs(" * k + "x" + ")" * k,
        lambda k: "not " * k + "true",
        lambda k: "[" * k + "1" + "]" * k,
    ],
    ids=["parentheses", "negation", "calls", "not", "lists"],
)
@pytest.mark.parametrize("k", [MAX_EXPR_DEPTH + 1, 2000])
def test_an_expression_nested_too_deeply_is_a_diagnostic_not_a_crash(make, k):
    diag = only_error(policy(make(k)))
    assert diag.code == "PS202"
    assert f"nests too deeply (more than {MAX_EXPR_DEPTH} levels)" in diag.message
    assert diag.span.line == 10 and diag.hint == "split it into lets"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("-" * (MAX_EXPR_DEPTH - 1) + "x", -2),  # an odd number of minus signs
        ("abs(" * (MAX_EXPR_DEPTH - 1) + "x" + ")" * (MAX_EXPR_DEPTH - 1), 2),
        (" + ".join(["x"] * MAX_EXPR_DEPTH), 2 * MAX_EXPR_DEPTH),
    ],
    ids=["negation", "calls", "sum"],
)
def test_an_expression_at_the_depth_limit_is_checked_and_interpreted(text, value):
    from policyscore.language.checker import Scope, Symbol, check_expr
    from policyscore.language.interpreter import interpret
    from policyscore.language.parser import parse
    from policyscore.language.types import NUMBER

    node = parse(text)
    scope = Scope()
    scope["x"] = Symbol("x", "field", NUMBER)
    checked = check_expr(node, scope, "number")
    assert checked.ok and checked.type.kind == "number"
    assert interpret(node, lambda name: 2) == value


# ---------------------------------------------------------------- YAML


def test_lists_nested_500_deep_are_refused_at_their_position():
    deep = "[" * 500 + "]" * 500
    diag = only_error(policy(extra=f"params:\n  p: {deep}\n"))
    assert diag.code == "PS104"
    assert f"nested more than {MAX_DEPTH} levels deep" in diag.message
    assert diag.span.line == 12


def test_block_mappings_nested_too_deep_are_refused():
    deep = "".join("  " * (i + 1) + f"k{i}:\n" for i in range(79)) + "  " * 80 + "k79: 1\n"
    diag = only_error(policy(extra="params:\n" + deep))
    assert diag.code == "PS104"
    assert diag.span.line == 12 + MAX_DEPTH


def test_a_yaml_alias_bomb_is_refused_before_it_is_built():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) < 530
    diag = only_error(policy() + bomb)
    assert diag.code == "PS104"
    assert f"the limit for a file is {MAX_NODES:,}" in diag.message
    assert diag.span.line > 11  # inside the bomb, not at the top of the file


def test_an_alias_bomb_in_a_policy_test_file_is_refused(tmp_path):
    (tmp_path / "p.yaml").write_text(policy(), encoding="utf-8")
    lines = ["policy: p.yaml", 'x: &a ["a","a","a","a","a","a","a","a","a","a"]']
    for level in "bcdefg":
        prev = "a" if level == "b" else chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{prev}"] * 10) + "]")
    (tmp_path / "p.test.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    from policyscore.review.policytest import check_test_file

    found = check_test_file(tmp_path / "p.test.yaml")
    assert [d.code for d in found if d.is_error] == ["PS104"]


def test_shared_anchors_within_the_limit_still_work():
    text = policy(extra="params:\n  a: &codes [US, CA]\n  b: *codes\n")
    assert [d for d in ps.check_text(text, "p.yaml") if d.is_error] == []


# ---------------------------------------------------------------- counts


def test_too_many_params_is_one_error_at_the_key():
    params = "".join(f"  p{i}: {i}\n" for i in range(MAX_ITEMS["params"] + 1))
    text = policy(extra="params:\n" + params)
    found = [d for d in ps.check_text(text, "p.yaml") if d.is_error]
    assert [(d.code, d.span.line) for d in found] == [("PS114", 11)]
    assert f"the limit is {MAX_ITEMS['params']:,}" in found[0].message


def test_too_many_bands_is_an_error_at_the_factor():
    bands = "".join(f"      - when: x > {i}\n        value: 0.5\n" for i in range(MAX_ITEMS["bands"])) + "      - else: 0\n"
    text = policy().replace("    value: 'x'\n", "    bands:\n" + bands)
    found = [d for d in ps.check_text(text, "p.yaml") if d.is_error]
    assert [(d.code, d.span.line) for d in found] == [("PS114", 10)]


# ---------------------------------------------------------------- numbers


NUMBER_CASES = [
    ("factors[0].weight", "    weight: 10\n", "    weight: {}\n"),
    ("factors[0].missing", "    weight: 10\n", "    weight: 10\n    missing: {}\n"),
    ("adjustments[0].points", None, "adjustments:\n  - id: a\n    when: 'true'\n    points: {}\n"),
    ("score.min", None, "score: {{min: {}}}\n"),
    ("score.max", None, "score: {{max: {}}}\n"),
    ("tiers[0].min", None, "tiers:\n  - {{name: top, min: {}}}\n"),
]


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1.0e+26", "-1.0e+13", "10000000000000000000000", "1" + "0" * 400])
@pytest.mark.parametrize(("path", "old", "new"), NUMBER_CASES, ids=[c[0] for c in NUMBER_CASES])
def test_numbers_that_are_not_finite_or_too_big_are_refused_with_position(path, old, new, value):
    text = policy().replace(old, new.format(value)) if old else policy(extra=new.format(value))
    found = [d for d in ps.check_text(text, "p.yaml") if d.is_error]
    assert found, text
    wanted = f"{path} must be a finite number of magnitude at most 1e+12"
    assert any(d.code == "PS110" and d.message.startswith(wanted) and d.span is not None for d in found), found
    with pytest.raises(ps.PolicyError):
        ps.load_policy_text(text)


def test_band_values_that_are_not_finite_are_refused():
    text = policy().replace("    value: 'x'\n", "    bands:\n      - when: x > 1\n        value: .nan\n      - else: .inf\n")
    found = [(d.code, d.span.line) for d in ps.check_text(text, "p.yaml") if d.is_error and "finite" in d.message]
    assert found == [("PS110", 12), ("PS110", 13)]


def test_the_largest_allowed_numbers_are_accepted():
    text = policy().replace("    weight: 10\n", f"    weight: {MAX_NUMBER:.1e}\n") + "score: {min: -1.0e+12, max: 1.0e+12}\n"
    p = ps.load_policy_text(text)
    assert p.score({"id": "a", "x": 1}, AS_OF).score == 1e12


def test_a_param_that_is_not_finite_is_refused():
    text = policy("x", extra="params:\n  limits: [1, .nan]\n")
    diag = only_error(text)
    assert (diag.code, diag.span.line) == ("PS110", 12) and "finite" in diag.message


# ---------------------------------------------------------------- the id field


def test_a_dotted_id_is_refused_at_load_time():
    text = policy().replace("record:\n", "id: customer.id\nrecord:\n")
    diag = only_error(text)
    assert (diag.code, diag.span.line, diag.span.column) == ("PS110", 3, 5)
    assert "'customer.id' names a nested field" in diag.message
    assert "top-level field" in diag.hint


def test_a_top_level_id_other_than_id_still_works():
    text = policy().replace("record:\n", "id: customer_id\nrecord:\n").replace("    id: string\n", "    customer_id: string\n")
    result = ps.load_policy_text(text).score({"customer_id": "c1", "x": 1}, AS_OF)
    assert result.id == "c1" and result.score == 10


def test_a_number_with_an_exponent_yaml_reads_as_text_gets_a_hint():
    # YAML 1.1 reads 1e-3 and -1E12 (no dot, or no sign in the exponent) as text; the error said only "got string".
    text = policy(extra="score: {max: 1e-3}\ntiers:\n  - {name: t, min: -1E12}\n  - {name: u, min: '1e5'}\n")
    found = [(d.message.split(" must")[0], d.hint) for d in ps.check_text(text, "p.yaml") if d.is_error]
    assert found == [
        ("score.max", "YAML reads 1e-3 as text; write the number as 0.001"),
        ("tiers[0].min", "YAML reads -1E12 as text; write the number as -1000000000000.0"),
        ("tiers[1].min", None),  # quoted: the author asked for text
    ]
