"""Test files that can never give a useful answer are problems at check time, with the place in the file."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from policyscore.review.policytest import check_test_file

POLICY = "policy: p\nversion: 1\nrecord: {fields: {spend: number}}\nfactors: [{id: a, weight: 10, value: spend}]\n"


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.yaml").write_text(POLICY, encoding="utf-8")
    return tmp_path


def write(name: str, text: str) -> str:
    Path(name).write_text(textwrap.dedent(text), encoding="utf-8")
    return name


def problems(name: str) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.span.line, d.span.column, d.message) for d in check_test_file(name) if d.span is not None]


@pytest.mark.parametrize("other", ['"7"', "7"])
def test_an_id_two_records_have_is_a_problem_of_the_case_that_picks_it(run, here, other):
    # 7 and "7" are one id (as for score, which stops at the second); the case used the first one without a word.
    Path("d.jsonl").write_text(f'{{"id": 7, "spend": 1}}\n{{"id": {other}, "spend": 2}}\n{{"id": 8, "spend": 2}}\n', encoding="utf-8")
    name = write(
        "p.test.yaml",
        """\
        policy: p.yaml
        records: d.jsonl
        as_of: 2026-11-01
        cases:
          - {name: seven, ids: [7], expect: {score: 10}}
          - {name: eight, ids: 8, expect: {score: 20}}
        """,
    )
    assert problems(name) == [
        ("PS604", 5, 25, f"record {json.loads(other)!r} (line 2 of d.jsonl) cannot be used: duplicate id {json.loads(other)!r} "
         "(first seen on line 1)")
    ]
    explain = run("explain", "p.yaml", "d.jsonl", "--id", "7", "--as-of", "2026-11-01")
    assert explain.exit_code == 1 and explain.stdout == ""  # not the first of the two, silently
    assert "d.jsonl:2, id " in explain.stderr and "duplicate id" in explain.stderr and "[PS513]" in explain.stderr
    assert run("explain", "p.yaml", "d.jsonl", "--id", "8", "--as-of", "2026-11-01").exit_code == 0


def test_an_inline_or_portfolio_id_that_cannot_be_an_id_is_ps512_where_it_is(here):
    name = write(
        "p.test.yaml",
        """\
        policy: p.yaml
        as_of: 2026-11-01
        portfolio:
          - {id: 7, spend: 1}
          - {id: "7", spend: 2}
          - {id: 1.5, spend: 2}
        cases:
          - name: a list
            record: {id: [1]}
            expect: {score: 10}
          - name: a boolean
            record: {id: true, spend: 3}
            expect: {score: 30}
          - name: none is fine inline
            record: {spend: 3}
            expect: {score: 30}
        """,
    )
    must = "the id (field 'id') must be a string or a whole number, got"
    assert problems(name) == [
        ("PS513", 5, 10, "duplicate id '7' in the portfolio (first seen on line 4)"),
        ("PS512", 6, 10, f"{must} a number"),
        ("PS512", 9, 14, f"{must} a list"),
        ("PS512", 12, 18, f"{must} a boolean"),
    ]


def test_an_expectation_no_result_can_meet_is_ps609(run, here):
    name = write(
        "p.test.yaml",
        """\
        policy: p.yaml
        as_of: 2026-11-01
        cases:
          - name: impossible
            record: {id: 1, spend: 3}
            expect:
              score: {min: 100, max: 1}
              factors:
                a: {points: .nan, value: {min: 5, max: 4.5}}
              reasons:
                - {id: a, lost_points: {min: 3, max: 2}}
          - name: possible
            record: {id: 2, spend: 3}
            expect: {score: {min: 1, max: 1}, factors: {a: {points: {approx: 30, tolerance: 0}}}}
        """,
    )
    never = "so no result can meet this expectation"
    assert problems(name) == [
        ("PS609", 7, 7, f"score: min 100 is greater than max 1, {never}"),
        ("PS609", 9, 21, f"factors.a.points: NaN equals no number, {never}"),
        ("PS609", 9, 27, f"factors.a.value: min 5 is greater than max 4.5, {never}"),
        ("PS609", 11, 19, f"reasons[0].lost_points: min 3 is greater than max 2, {never}"),
    ]
    out = run("test", name)
    assert out.exit_code == 1
    assert "p.test.yaml:7:7: error: score: min 100 is greater than max 1" in out.stdout
    assert "  not run: 4 problems in the test file\n" in out.stdout
    assert run("validate", name).exit_code == 1


def test_not_run_counts_the_policys_own_problems_not_the_line_that_announces_them(run, here):
    Path("q.yaml").write_text('policy: q\nversion: 1\nfactors: [{id: a, weight: 10, value: "1 +"}, {id: b, weight: 1, value: "(("}]\n')
    write("q.test.yaml", "policy: q.yaml\nas_of: 2026-11-01\ncases:\n  - {name: x, record: {id: 1}, expect: {score: 1}}\n")
    out = run("test", "q.test.yaml")
    assert out.exit_code == 1
    assert out.stdout.count("[PS602]") == 1 and out.stdout.count("[PS202]") == 2
    assert "  not run: 2 problems in the policy under test\n" in out.stdout
    write("r.test.yaml", "policy: q.yaml\nas_of: 2026-11-01\ncases:\n  - {name: x, record: {id: [1]}, expect: {score: {min: 2, max: 1}}}\n")
    out = run("test", "r.test.yaml")
    assert "  not run: 3 problems (1 in the test file, 2 in the policy under test)\n" in out.stdout, out.stdout
