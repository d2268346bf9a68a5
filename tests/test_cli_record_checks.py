"""Which record fields are checked: those the policy reads, all of them with --check-all-fields, and
`validate --records` for a data-quality check without scoring."""

from __future__ import annotations

import json

import pytest

POLICY = """\
policy: p
version: 1
record:
  fields: {id: string, amount: number, vip: boolean}
factors:
  - {id: f, weight: 1, value: "amount / 10"}
"""
RECORDS = '{"id": "a", "amount": 5, "vip": "yes"}\n{"id": "b", "amount": "x", "vip": true}\n{"id": "c", "amount": 7, "vip": false}\n'


@pytest.fixture
def files(tmp_path):
    (tmp_path / "p.yaml").write_text(POLICY)
    (tmp_path / "r.jsonl").write_text(RECORDS)
    return tmp_path / "p.yaml", tmp_path / "r.jsonl"


def test_score_ignores_a_malformed_field_the_policy_does_not_read(run, files):
    result = run("score", *files, "--as-of", "2026-01-01", "--on-error", "skip", "--format", "csv")
    assert result.exit_code == 0
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["c", "a"]  # a's bad `vip` is never read
    assert "field 'amount' must be a number" in result.stderr and "'vip'" not in result.stderr
    assert "3 records read: 2 scored, 0 ineligible, 1 rejected" in result.stderr


def test_score_with_check_all_fields_rejects_it(run, files):
    result = run("score", *files, "--as-of", "2026-01-01", "--on-error", "skip", "--format", "csv", "--check-all-fields")
    assert result.exit_code == 0
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["c"]
    assert "id 'a': field 'vip' must be true or false, got string 'yes' [PS401]" in result.stderr
    assert "3 records read: 1 scored, 0 ineligible, 2 rejected" in result.stderr


def test_explain_with_check_all_fields_refuses_the_record(run, files):
    assert run("explain", *files, "--as-of", "2026-01-01", "--id", "a", "--on-error", "skip").exit_code == 0
    result = run("explain", *files, "--as-of", "2026-01-01", "--id", "a", "--on-error", "skip", "--check-all-fields")
    assert result.exit_code == 1 and "'vip'" in result.stderr


def test_validate_records_checks_every_declared_field_without_scoring(run, files):
    result = run("validate", files[0], "--records", files[1])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("r.jsonl:1, id 'a': field 'vip' must be true or false, got string 'yes' [PS401]")
    assert lines[1].endswith("r.jsonl:2, id 'b': field 'amount' must be a number, got string 'x' [PS401]")
    assert lines[2].endswith("3 records checked against policy p's declared fields: 2 with problems")
    doc = json.loads(run("validate", files[0], "--records", files[1], "--format", "json").stdout)
    assert (doc["read"], doc["valid"]) == (3, False)
    assert [(p["row"], p["field"], p["code"]) for p in doc["problems"]] == [(1, "vip", "PS401"), (2, "amount", "PS401")]


def test_validate_records_passes_a_clean_file_and_needs_one_policy(run, files, tmp_path):
    (tmp_path / "ok.jsonl").write_text('{"id": "c", "amount": 7, "vip": false}\n')
    ok = run("validate", files[0], "--records", tmp_path / "ok.jsonl")
    assert ok.exit_code == 0 and ok.stdout.endswith("1 record checked against policy p's declared fields: all valid\n")
    two = run("validate", files[0], files[0], "--records", tmp_path / "ok.jsonl")
    assert two.exit_code == 2 and "name exactly one policy" in two.stderr
