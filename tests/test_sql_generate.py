"""The generated SQL: golden text per dialect, refusals naming the construct, the columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import policyscore
from policyscore.backends.sql.query import build_query, render
from policyscore.sql import DIALECTS, SqlUnsupported, output_columns, to_sql

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def queries():
    """The query of each golden policy, built once: balanced-portfolio, and will-they-last (the whole book)."""
    out = {}
    for name in ("balanced-portfolio", "will-they-last"):
        program = policyscore.load_program(ROOT / "rules" / f"{name}.yaml")
        out[name] = program, build_query(program, date(2026, 11, 1), "crm.customers")
    return out


@pytest.mark.parametrize("name", ["balanced-portfolio", "will-they-last"])
@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_generated_sql_per_dialect(dialect, name, golden, queries):
    program, query = queries[name]
    text = render(program, query, dialect, date(2026, 11, 1), "crm.customers")
    assert text.startswith(f"-- policyscore: policy {name} version 1")
    assert "-- as of 2026-11-01" in text
    assert "crm.customers" in text
    assert ("WITH RECURSIVE" in text) == (name == "will-they-last")  # the referral tree
    golden(f"sql/{name}.{dialect}.sql", text)


def test_the_columns_are_named_after_the_factors():
    policy = policyscore.load_policy(ROOT / "rules" / "startup-us-ca.yaml")
    columns = output_columns(policy.program)
    assert columns[:4] == ["id", "eligible", "score", "tier"]
    assert columns[4:-3] == [f"points_{f}" for f in policy.factor_ids]
    assert columns[-3:] == ["adjustment_points", "failed_filters", "reasons"]


def test_as_of_is_required():
    policy = policyscore.load_policy(ROOT / "rules" / "startup-us-ca.yaml")
    with pytest.raises(TypeError, match="as_of is required"):
        to_sql(policy, "duckdb", "customers")


_REFUSED = [
    ("matches(t, '(?i)vip')", "flags such as"),
    (r"matches(t, 'a\Bb')", r"\\B"),
    (r"matches(t, 'x\bvip\b')", r"\\b other than at the start"),
    ("matches(t, '[[:alpha:]]')", r"POSIX classes such as \[\[:alpha:\]\]"),  # Python's parser reads '[:alph' then ']'
    ("matches(t, '[^x[:digit:]]')", "POSIX classes"),
    ("round(a, n) > 1", "round\\(\\) to a number of decimals that is not a constant"),
    ("round(a, 9) > 1", "round\\(\\) to 9 decimals"),
    ("a < 1" + "0" * 400, "a number literal too large for a double"),  # it overflowed math.isfinite
]


@pytest.mark.parametrize(("rule", "named"), _REFUSED)
def test_a_construct_sql_cannot_compute_exactly_is_refused_with_its_position(rule, named):
    text = f"""
policy: refused
version: 1
record:
  fields: {{id: string, t: string?, a: number?, n: integer?}}
filters:
  - id: f
    when: >-
      {rule}
factors:
  - {{id: one, weight: 1, value: "1"}}
"""
    policy = policyscore.load_policy_text(text, "refused.yaml")
    with pytest.raises(SqlUnsupported) as info:
        to_sql(policy, "spark", "customers", "2026-11-01")
    problem = info.value.diagnostics[0]
    assert problem.code == "PS701"
    assert problem.span is not None and problem.span.line == 9
    assert "filter 'f'" in problem.message
    import re

    assert re.search(named, problem.message), problem.message


def test_an_undeclared_field_is_refused():
    policy = policyscore.load_policy_text(
        "policy: p\nversion: 1\nfilters:\n  - id: f\n    when: 'x > 1'\nfactors:\n  - {id: one, weight: 1, value: '1'}\n", "p.yaml"
    )
    with pytest.raises(SqlUnsupported, match="undeclared field 'x'"):
        to_sql(policy, "duckdb", "customers", "2026-11-01")


def test_a_filter_reading_a_let_sql_cannot_compute_names_both():
    # The let folds to infinity; the filter that reads it raised KeyError instead of a second problem.
    policy = policyscore.load_policy_text(
        "policy: p\nversion: 1\nlet:\n  t: 1e300 * 1e300\nfilters:\n  - {id: f, when: 't >= 6'}\n"
        "factors:\n  - {id: one, weight: 1, value: '1'}\n",
        "p.yaml",
    )
    with pytest.raises(SqlUnsupported) as info:
        to_sql(policy, "duckdb", "customers", "2026-11-01")
    found = [(d.code, d.span.line, d.message) for d in info.value.diagnostics]
    assert found == [
        ("PS701", 4, "let 't': the SQL back end cannot compute a literal infinity or NaN exactly"),
        ("PS701", 6, "filter 'f': the SQL back end cannot compute let 't' exactly"),
    ]


def _weights_policy(weights: list[float]) -> policyscore.Policy:
    factors = "".join(f"  - {{id: f{i}, weight: {w!r}, value: '1'}}\n" for i, w in enumerate(weights))
    return policyscore.load_policy_text(f"policy: p\nversion: 1\nfactors:\n{factors}score: {{decimals: 3}}\n", "p.yaml")


def test_points_whose_reason_numbers_would_pass_2_to_the_53_are_refused():
    """Reasons are ranked by ``lost * M + place`` (M = 4 for three factors): three weights of 9e11 at three
    decimals, each below the 1e15 units limit, bound the points at 2.7e15 units, and 2.7e15 * 4 passes
    2 ** 53; 7e11 each stays below it."""
    with pytest.raises(SqlUnsupported, match="points this large"):
        to_sql(_weights_policy([9e11, 9e11, 9e11]), "duckdb", "customers", "2026-11-01")
    assert "GREATEST" in to_sql(_weights_policy([7e11, 7e11, 7e11]), "duckdb", "customers", "2026-11-01")


def _policies_with_queries():
    """(name, program) of every bundled policy and corpus case the SQL back end writes a query for."""
    import yaml

    texts = [(path.name, path.read_text(encoding="utf-8")) for path in sorted((ROOT / "rules").glob("*.yaml"))]
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(case, dict) and isinstance(case.get("policy"), str):
            texts.append((path.name, case["policy"]))
    found = []
    for name, text in texts:
        try:
            found.append((name, policyscore.load_program_text(text, name)))
        except policyscore.PolicyError:  # a policy file or case about a policy's mistakes
            continue
    return found


def test_no_node_of_a_query_tree_stands_in_two_places():
    """The query is built without copying subtrees (copying made writing a query cost seconds): a node put in
    two places would be rewritten in one of them only (the DOUBLE literals for a dialect), so none may be."""
    built = 0
    for name, program in _policies_with_queries():
        try:
            query = build_query(program, date(2026, 11, 1), "customers", fallback_column=True, clean_column=True)
        except SqlUnsupported:
            continue
        seen: set[int] = set()
        for node in query.walk():
            assert id(node) not in seen, (name, node.sql("duckdb")[:200])
            seen.add(id(node))
            for child in node.iter_expressions():
                assert child.parent is node, (name, child.sql("duckdb")[:200])
        built += 1
    assert built >= 40
