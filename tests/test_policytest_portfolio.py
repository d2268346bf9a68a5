"""Policy test files for policies that score against the whole book: a small `portfolio:` and expectations per id."""

from __future__ import annotations

import textwrap

from policyscore.review.policytest import check_test_file, run_test_file

POLICY = """\
policy: book
version: 1
referrals: {referred_by: ref}
record:
  fields: {id: string, ref: string?, revenue: number?}
factors:
  - id: share
    weight: 10
    value: share(revenue) * 2
  - id: tree
    weight: 10
    value: referred_sum(revenue, 2, 0.5) / 100
tiers:
  - {name: top, top_percent: 25}
  - {name: rest, min: 0}
"""

TESTS = """\
policy: book.yaml
as_of: 2026-11-01
portfolio:
  - {id: A, revenue: 50}
  - {id: B, ref: A, revenue: 30}
  - {id: C, ref: B, revenue: 20}
  - {id: D, ref: D, revenue: 5}
cases:
  - name: the root of the tree
    ids: A
    # share 50 / 100 x 2 = 1 -> 10; tree (30 + 20 x 0.5) / 100 = 0.4 -> 4
    expect: {score: 14, tier: top, factors: {share: {points: 10}, tree: {points: 4}}}
  - name: a referred customer
    ids: B
    # share 30 / 100 x 2 = 0.6 -> 6; tree 20 / 100 = 0.2 -> 2; top 25% of 3 eligible is the best: 14
    expect: {score: 8, tier: rest}
"""


def _files(tmp_path, tests=TESTS):
    (tmp_path / "book.yaml").write_text(POLICY)
    (tmp_path / "book.test.yaml").write_text(textwrap.dedent(tests))
    return str(tmp_path / "book.test.yaml")


def test_cases_pick_their_records_from_the_files_portfolio(tmp_path):
    result = run_test_file(_files(tmp_path))
    assert result.diagnostics == ()
    assert [(c.name, c.record_id, c.failures, c.error) for c in result.cases] == [
        ("the root of the tree", "A", (), None),
        ("a referred customer", "B", (), None),
    ]


def test_a_record_of_a_referral_cycle_is_an_error_case(tmp_path):
    tests = TESTS + "  - name: a self-referral\n    ids: D\n    expect: {eligible: true}\n"
    (case,) = [c for c in run_test_file(_files(tmp_path, tests)).cases if c.record_id == "D"]
    assert case.error is not None and "refers itself: D -> D [PS405]" in case.error


def test_a_policy_that_scores_against_the_book_needs_a_portfolio(tmp_path):
    tests = "policy: book.yaml\nas_of: 2026-11-01\ncases:\n  - name: x\n    record: {id: A, revenue: 1}\n    expect: {eligible: true}\n"
    (problem,) = check_test_file(_files(tmp_path, tests))
    assert problem.code == "PS606" and "whole book" in problem.message and "portfolio:" in (problem.hint or "")


def test_an_unknown_id_in_the_portfolio_is_reported_at_its_line(tmp_path):
    tests = TESTS.replace("ids: B", "ids: Z")
    (problem,) = check_test_file(_files(tmp_path, tests))
    assert (problem.code, problem.span.line) == ("PS604", 14)
    assert "no record with id 'Z' in the file's portfolio" in problem.message
