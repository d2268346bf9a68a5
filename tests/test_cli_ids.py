"""One id rule for score, explain, diff and test; ids that cannot break tables or XML; validate and --as-of strictness."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

POLICY = """\
policy: ids
version: 1
record:
  fields:
    spend: number
factors:
  - id: size
    weight: 100
    value: spend / 100
tiers:
  - {name: high, min: 50}
  - {name: low, min: 0}
"""
AS_OF = ("--as-of", "2026-11-01")


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.yaml").write_text(POLICY, encoding="utf-8")
    # the same customers as JSON (whole-number ids) and as CSV (where every id is text)
    (tmp_path / "c.jsonl").write_text('{"id": "a", "spend": 50}\n{"id": 10, "spend": 50}\n{"id": 7, "spend": 50}\n', encoding="utf-8")
    (tmp_path / "c.csv").write_text("id,spend\na,50\n10,50\n7,50\n", encoding="utf-8")
    return tmp_path


def test_score_ranks_the_same_customers_the_same_from_csv_and_json(run, here):
    outputs = [run("score", "p.yaml", name, *AS_OF, "--format", "markdown") for name in ("c.jsonl", "c.csv")]
    assert [r.exit_code for r in outputs] == [0, 0]
    assert outputs[0].stdout == outputs[1].stdout
    rows = [line.split("|")[1].strip() for line in outputs[0].stdout.splitlines()[4:]]
    assert rows == ["7", "10", "a"]  # equal scores: whole numbers by value, then text


@pytest.mark.parametrize("command", ["score", "diff"])
def test_a_number_and_its_text_are_one_customer_so_a_duplicate(run, here, command):
    (here / "dup.jsonl").write_text('{"id": 7, "spend": 1}\n{"id": "7", "spend": 2}\n', encoding="utf-8")
    args = ("score", "p.yaml") if command == "score" else ("diff", "p.yaml", "p.yaml")
    result = run(*args, "dup.jsonl", *AS_OF)
    assert result.exit_code == 1
    assert result.stderr == "policyscore: error: dup.jsonl:2, id '7': duplicate id '7' (first seen on line 1) [PS513]\n"


@pytest.mark.parametrize("records", ["c.jsonl", "c.csv"])
@pytest.mark.parametrize("wanted", ["7", "10"])
def test_explain_finds_an_id_whatever_its_type_in_the_file(run, here, records, wanted):
    result = run("explain", "p.yaml", records, *AS_OF, "--id", wanted, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert str(doc["id"]) == wanted and doc["score"] == 50
    missing = run("explain", "p.yaml", records, *AS_OF, "--id", "07")
    assert (missing.exit_code, missing.stderr) == (1, f"policyscore: error: no customer with id '07' in {records}\n")


@pytest.mark.parametrize("records", ["c.jsonl", "c.csv"])
def test_a_test_file_picks_ids_written_as_numbers_or_text(run, here, records):
    (here / "p.test.yaml").write_text(
        f"policy: p.yaml\nas_of: 2026-11-01\nrecords: {records}\ncases:\n"
        "  - name: by number\n    ids: [7, 10]\n    expect: {score: 50}\n"
        "  - name: by text\n    ids: ['7', a]\n    expect: {score: 50}\n",
        encoding="utf-8",
    )
    result = run("test", "p.test.yaml")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "1 test file: 4 cases, 4 passed, 0 failed, 0 errors"


def test_diff_movers_tie_in_the_same_order_as_score(run, here):
    (here / "q.yaml").write_text(POLICY.replace("weight: 100", "weight: 90"), encoding="utf-8")
    result = run("diff", "p.yaml", "q.yaml", "c.csv", *AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [m["id"] for m in json.loads(result.stdout)["movers"]] == ["7", "10", "a"]


def test_a_newline_in_an_id_cannot_add_a_row_to_a_table(run, here):
    (here / "evil.jsonl").write_text(json.dumps({"id": "X\nFAKE 99.00 high", "spend": 10}) + "\n", encoding="utf-8")
    result = run("score", "p.yaml", "evil.jsonl", *AS_OF)
    assert result.exit_code == 0
    body = result.stdout.splitlines()[4:]
    assert body == ["X\\nFAKE 99.00 high    10.00  low      10.00"]
    csv_out = run("score", "p.yaml", "evil.jsonl", *AS_OF, "--format", "csv").stdout
    assert csv_out.splitlines()[1] == '"X'  # CSV quotes the id and keeps it as it is


def test_a_control_character_in_a_version_or_tier_name_is_escaped_in_tables(run, here):
    # A newline in a version or a tier name wrote a line of its own into a CI log (``::error`` there is a workflow command).
    policy = "policy: p\nversion: \"1\\n::error::x\"\nfactors:\n  - {id: a, weight: 10, value: '1'}\n"
    policy += 'tiers:\n  - {name: "top\\a\\n::warning::y", min: 5}\n'
    (here / "ctl.yaml").write_text(policy, encoding="utf-8")
    (here / "one.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    table = run("score", "ctl.yaml", "one.jsonl", *AS_OF)
    markdown = run("score", "ctl.yaml", "one.jsonl", *AS_OF, "--format", "markdown")
    for out in (table, markdown):
        assert out.exit_code == 0, out.stderr
        assert not any(line.startswith("::") for line in out.stdout.splitlines()), out.stdout
        assert "1\\n::error::x" in out.stdout and "top\\x07\\n::warning::y" in out.stdout
    csv_out = run("score", "ctl.yaml", "one.jsonl", *AS_OF, "--format", "csv").stdout
    assert "top\a\n::warning::y" in csv_out  # CSV quotes the tier and keeps it as it is


def test_junit_stays_well_formed_and_text_stays_one_line_per_case(run, here):
    (here / "bad.jsonl").write_text(json.dumps({"id": "B\x01\x1b[31m\nX", "spend": 70}) + "\n", encoding="utf-8")
    (here / "p.test.yaml").write_text(
        "policy: p.yaml\nas_of: 2026-11-01\nrecords: bad.jsonl\ncases:\n"
        '  - name: "bell \\x07 and\\nnewline"\n    ids: ["B\\x01\\e[31m\\nX"]\n    expect: {tier: low}\n',
        encoding="utf-8",
    )
    junit = run("test", "p.test.yaml", "--format", "junit")
    assert junit.exit_code == 1
    case = ET.fromstring(junit.stdout).find("testsuite/testcase")
    assert case is not None and case.get("name") == "bell \\x07 and\nnewline [B\\x01\\x1b[31m\nX]"
    assert case.find("failure").get("message") == "tier: expected 'low', got 'high'"
    text = run("test", "p.test.yaml")
    assert text.stdout.splitlines()[1] == "  FAIL  bell \\x07 and\\nnewline [B\\x01\\x1b[31m\\nX]"


def test_diff_fails_when_every_record_is_rejected(run, here):
    (here / "bad.jsonl").write_text('{"id": "a", "spend": "x"}\n{oops\n', encoding="utf-8")
    result = run("diff", "p.yaml", "p.yaml", "bad.jsonl", *AS_OF, "--on-error", "skip")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "policyscore: error: every record of bad.jsonl was rejected (2): nothing was compared"
    assert len([line for line in result.stderr.splitlines() if line.startswith("rejected: ")]) == 2


def test_validate_reports_every_file_when_one_crashes_the_checker(run, here, monkeypatch):
    (here / "rules").mkdir()
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (here / "rules" / name).write_text(POLICY, encoding="utf-8")
    from policyscore.cli import validate as module

    real = module.check

    def fragile(path):
        if path.endswith("b.yaml"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(path)

    monkeypatch.setattr(module, "check", fragile)
    result = run("validate", "rules", "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [(f["path"], f["valid"]) for f in doc["files"]] == [("rules/a.yaml", True), ("rules/b.yaml", False), ("rules/c.yaml", True)]
    (diag,) = doc["diagnostics"]
    assert diag["code"] == "PS009" and diag["file"] == "rules/b.yaml"
    assert "RecursionError: maximum recursion depth exceeded" in diag["message"]
    text = run("validate", "rules")
    assert "rules/b.yaml: error: policyscore failed while checking this file" in text.stdout
    assert "Traceback" not in text.stdout + text.stderr


@pytest.mark.parametrize("command", ["score", "explain", "diff"])
@pytest.mark.parametrize("day", ["2026-W01-1", "20261101", "2026-11-1"])
def test_as_of_is_a_calendar_date_only(run, here, command, day):
    args = {"score": ("p.yaml",), "explain": ("p.yaml",), "diff": ("p.yaml", "p.yaml")}[command]
    extra = ("--id", "7") if command == "explain" else ()
    result = run(command, *args, "c.jsonl", "--as-of", day, *extra)
    assert result.exit_code == 2
    assert f"Invalid value for '--as-of': '{day}' is not a date in the form YYYY-MM-DD" in result.stderr


def test_a_test_file_as_of_is_a_calendar_date_only(run, here):
    (here / "p.test.yaml").write_text(
        "policy: p.yaml\nas_of: 2026-W01-1\ncases:\n  - name: x\n    record: {id: a, spend: 1}\n    expect: {tier: low}\n", encoding="utf-8"
    )
    result = run("validate", "p.test.yaml")
    assert result.exit_code == 1
    assert "p.test.yaml:2:8: error: as_of must be a date YYYY-MM-DD, got string '2026-W01-1' [PS606]" in result.stdout
