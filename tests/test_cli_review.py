"""`policyscore test` and `policyscore diff`: output formats, exit codes, stdout and stderr kept apart."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import policyscore as ps
from policyscore.cli.diff import diff as diff_command
from policyscore.cli.test import test as run_tests_command
from policyscore.render.review import DIFF_MARKER

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SAMPLE = ROOT / "examples" / "customers.jsonl"
STARTUP = RULES / "startup-us-ca.yaml"
SCHEMA = ROOT / "src" / "policyscore" / "schemas" / "customer.schema.json"
AS_OF = "2026-11-01"


@pytest.fixture
def run():
    """Invoke the two commands through a group, as `policyscore test|diff ...` will be."""
    group = click.Group(name="policyscore", commands=[run_tests_command, diff_command])
    runner = CliRunner()

    def invoke(*args: object):
        return runner.invoke(group, [str(a) for a in args], catch_exceptions=False)

    return invoke


POLICY = """\
policy: tiny
version: 3
record:
  fields:
    id: string
    country: string
    spend: number?
    vip: boolean
filters:
  - id: home
    when: country in ["US", "CA"]
factors:
  - id: size
    weight: 80
    value: if spend >= 1000 then 1 else spend / 1000
  - id: status
    weight: 20
    value: if vip then 1 else 0
tiers:
  - name: gold
    min: 70
  - name: bronze
    min: 0
"""


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    (tmp_path / "tiny.yaml").write_text(POLICY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


PASSING = """\
policy: tiny.yaml
as_of: 2026-11-01
cases:
  - name: big spender
    record: {id: A, country: US, spend: 5000, vip: false}
    expect: {tier: gold, score: 80}
"""

FAILING = """\
policy: tiny.yaml
as_of: 2026-11-01
cases:
  - name: big spender
    record: {id: A, country: US, spend: 5000, vip: false}
    expect:
      tier: gold
  - name: vip abroad
    record: {id: B, country: DE, spend: 10, vip: true}
    expect:
      eligible: true
      score: 20.8
"""


# ---------------------------------------------------------------- test


def test_rules_pass_with_full_coverage(run):
    result = run("test", RULES, "--coverage", "--min-coverage", "100")
    assert result.exit_code == 0, result.stdout
    assert result.stderr == ""
    out = result.stdout
    assert "FAIL" not in out and "ERROR" not in out
    for name in ("startup-us-ca", "subscription-health", "balanced-portfolio", "will-they-last"):
        assert f"  {name} v1 ({RULES / name}.yaml): " in out
    assert out.count("100.0%") == 4
    assert out.splitlines()[-1] == "4 test files: 99 cases, 99 passed, 0 failed, 0 errors"


def test_a_policy_path_runs_the_test_file_beside_it(run):
    result = run("test", STARTUP)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{RULES / 'startup-us-ca.test.yaml'}: policy startup-us-ca v1")
    assert "coverage" not in result.stdout


def test_failing_cases_show_expected_actual_explanation_and_line(run, here):
    write(here, "t.test.yaml", FAILING)
    result = run("test", "t.test.yaml")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout == textwrap.dedent(
        """\
        t.test.yaml: policy tiny v3 (tiny.yaml)
          PASS  big spender
          FAIL  vip abroad
                t.test.yaml:11: eligible: expected true, got false
                    filter home failed: country in ["US", "CA"] (with country = 'DE')
                t.test.yaml:12: score: expected 20.8, got null
                    not eligible, so no score:
                    filter home failed: country in ["US", "CA"] (with country = 'DE')

        1 test file: 2 cases, 1 passed, 1 failed, 0 errors
        """
    )


def test_a_missing_policy_and_a_malformed_file_are_line_numbered(run, here):
    write(here, "a.test.yaml", "policy: gone.yaml\nas_of: 2026-11-01\ncases:\n  - name: x\n    record: {}\n    expect: {eligible: true}\n")
    write(here, "b.test.yaml", "policy: tiny.yaml\ncases: [\n")
    result = run("test", ".")
    assert result.exit_code == 1
    out = result.stdout
    assert "a.test.yaml:1:9: error: the policy under test not found: gone.yaml [PS601]" in out
    assert "1 | policy: gone.yaml\n" in out and "  |         ^^^^^^^^^\n" in out
    assert "b.test.yaml:3:1: error: YAML syntax error" in out
    assert out.splitlines()[-1] == "2 test files: 0 cases, 0 passed, 0 failed, 0 errors; 2 files not run"


def test_coverage_below_the_minimum_fails(run, here):
    write(here, "t.test.yaml", PASSING)
    result = run("test", "t.test.yaml", "--min-coverage", "50")
    assert result.exit_code == 0  # 50% reaches a minimum of 50%
    out = result.stdout
    # 6 items: home passes/fails, `if spend >= 1000` then/else, `if vip` then/else; one eligible record sees 3
    assert "  tiny v3 (tiny.yaml): 3/6 items, 50.0%  [filters 1/2, if branches 2/4]" in out
    assert "tiny.yaml:10: filter 'home' never failed" in out
    assert out.splitlines()[-1] == "1 test file: 1 case, 1 passed, 0 failed, 0 errors"
    result = run("test", "t.test.yaml", "--min-coverage", "60")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].endswith("; coverage below 60%: tiny 50.0%")


def test_json_output(run, here):
    write(here, "t.test.yaml", FAILING)
    result = run("test", "t.test.yaml", "--format", "json", "--coverage")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["summary"] == {"files": 1, "files_with_problems": 0, "cases": 2, "passed": 1, "failed": 1, "errors": 0}
    failure = data["files"][0]["cases"][1]["failures"][0]
    assert failure == {
        "expectation": "eligible",
        "line": 11,
        "expected": "true",
        "actual": "false",
        "explanation": ['filter home failed: country in ["US", "CA"] (with country = \'DE\')'],
    }
    assert data["coverage"][0]["covered"] == 4
    assert result.stderr == "1 test file: 2 cases, 1 passed, 1 failed, 0 errors\n"


def test_junit_output_is_valid_xml(run, here):
    write(here, "t.test.yaml", FAILING)
    write(here, "bad.test.yaml", "policy: tiny.yaml\nas_of: 2026-11-01\ncases:\n  - name: x\n    record: {}\n    expect: {tire: gold}\n")
    result = run("test", "t.test.yaml", "bad.test.yaml", "--format", "junit", "--min-coverage", "90")
    assert result.exit_code == 1
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["t.test.yaml", "bad.test.yaml", "coverage"]
    cases = suites[0].findall("testcase")
    assert [(c.get("name"), c.get("line"), c.get("file")) for c in cases] == [
        ("big spender", "4", "t.test.yaml"),
        ("vip abroad", "8", "t.test.yaml"),
    ]
    assert cases[0].find("failure") is None
    failure = cases[1].find("failure")
    assert failure.get("message") == "eligible: expected true, got false (and 1 more)"
    assert "t.test.yaml:12: score: expected 20.8, got null" in failure.text
    error = suites[1].find("testcase/error")
    assert error.get("type") == "PS606"
    assert "unknown key 'tire'" in error.get("message")
    coverage_case = suites[2].find("testcase")
    assert coverage_case.get("name") == "tiny coverage 66.6% >= 90%"
    assert coverage_case.find("failure").get("message") == "coverage 66.6% is below 90%"
    props = {p.get("name"): p.get("value") for p in suites[0].iter("property")}
    assert props == {"policy": "tiny v3", "policy_path": "tiny.yaml"}
    assert result.stderr.startswith("2 test files: 2 cases, 1 passed, 1 failed, 0 errors; 1 file not run; coverage below 90%")


def test_usage_errors_exit_2(run, here):
    write(here, "t.test.yaml", PASSING)
    for args in (("test",), ("test", "t.test.yaml", "--min-coverage", "150"), ("test", "t.test.yaml", "--format", "xml")):
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert "Error" in result.stderr


def test_a_folder_without_test_files(run, here):
    (here / "empty").mkdir()
    result = run("test", "empty")
    assert result.exit_code == 1
    assert "error: no policy test files (*.test.yaml) in the folder empty [PS607]" in result.stdout


# ---------------------------------------------------------------- diff


@pytest.fixture
def edited(tmp_path) -> Path:
    """rules/startup-us-ca.yaml with a heavier purchase_size and a higher 'good' threshold, in a tmp copy of the layout."""
    (tmp_path / "schemas").mkdir()
    shutil.copy(SCHEMA, tmp_path / "schemas" / "customer.schema.json")
    (tmp_path / "rules").mkdir()
    text = STARTUP.read_text(encoding="utf-8")
    text = text.replace("  - id: purchase_size\n    weight: 20\n", "  - id: purchase_size\n    weight: 25\n")
    text = text.replace("  - name: good\n    min: 55\n", "  - name: good\n    min: 60\n")
    path = tmp_path / "rules" / "startup-us-ca.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def tier_changes(new: Path) -> int:
    old_policy, new_policy = ps.load_policy(STARTUP), ps.load_policy(new)
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    pairs = Counter((old_policy.score(r, AS_OF).tier, new_policy.score(r, AS_OF).tier) for r in records)
    return sum(n for (a, b), n in pairs.items() if a != b)


def test_diff_text(run, edited):
    result = run("diff", STARTUP, edited, SAMPLE, "--as-of", AS_OF, "--top", "3")
    assert result.exit_code == 0
    changed = tier_changes(edited)
    kept = (
        "the rules changed (factors.purchase_size.weight, tiers.good.min) but the version did not (still 1): raise `version` "
        "so that scores and explanations from before and after the change can be told apart"
    )
    summary = f"324 records compared (0 rejected): {changed} change tier, 0 change eligibility\n"
    assert result.stderr == f"policyscore: warning: {kept}\n{summary}"
    out = result.stdout
    assert out.startswith("policy diff\n  old: " + str(STARTUP))
    assert f"\nwarning: {kept}\n" in out
    assert f"as of {AS_OF}: 324 records scored with both policies (0 rejected)\n" in out
    assert "policy changes (2)\n  factors.purchase_size.weight: 20 -> 25\n  tiers.good.min: 55 -> 60\n" in out
    assert f"tier migration: {changed} records change tier (rows: old tier, columns: new tier)" in out
    assert "largest movers (3)" in out
    assert "purchase_size 20 -> 25 (+5)" in out


def test_diff_json_and_the_tier_change_limit(run, edited):
    changed = tier_changes(edited)
    result = run("diff", STARTUP, edited, SAMPLE, "--as-of", AS_OF, "--format", "json", "--fail-on-tier-change", changed)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["tiers"]["changed"] == changed
    assert data["as_of"] == AS_OF
    assert len(data["movers"]) == 10
    result = run("diff", STARTUP, edited, SAMPLE, "--as-of", AS_OF, "--format", "json", "--fail-on-tier-change", changed - 1)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["tiers"]["changed"] == changed  # the report is still written
    assert result.stderr.splitlines()[-1] == (
        f"policyscore: error: {changed} records change tier, more than --fail-on-tier-change {changed - 1}"
    )


def test_diff_markdown(run, edited):
    result = run("diff", STARTUP, edited, SAMPLE, "--as-of", AS_OF, "--format", "markdown", "--top", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == [DIFF_MARKER, "### Policy impact: `startup-us-ca`"]
    assert lines[3].startswith(f"**{tier_changes(edited)}** of 324 customers change tier; **0** become eligible, **0** become ineligible")
    assert "| `factors.purchase_size` | weight  | edited   | `20`  | `25`  |" in lines
    assert any(line.startswith("| good         |") and "**" in line for line in lines)  # changes are in bold
    assert "#### Largest movers (2)" in lines


def test_diff_from_git(run, tmp_path, monkeypatch, edited):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    repo = tmp_path / "repo"
    (repo / "rules").mkdir(parents=True)
    shutil.copytree(tmp_path / "schemas", repo / "schemas")
    shutil.copy(STARTUP, repo / "rules" / "startup-us-ca.yaml")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    for args in (["init", "-q"], ["add", "-A"], ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "v1"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)
    shutil.copy(edited, repo / "rules" / "startup-us-ca.yaml")
    monkeypatch.chdir(repo)
    result = run("diff", "git:HEAD:rules/startup-us-ca.yaml", "rules/startup-us-ca.yaml", SAMPLE, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["old"]["ref"] == "git:HEAD:rules/startup-us-ca.yaml"
    assert data["old"]["sha256"] == ps.load_policy(STARTUP).sha256
    assert [c["field"] for c in data["changes"]] == ["weight", "min"]
    assert data["tiers"]["changed"] == tier_changes(edited)
    result = run("diff", "git:NOPE:rules/startup-us-ca.yaml", "rules/startup-us-ca.yaml", SAMPLE, "--as-of", AS_OF)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "policyscore: error: unknown revision 'NOPE' [PS608]\n")


def test_diff_problems(run, here):
    records = write(here, "r.jsonl", '{"id": "A", "country": "US", "spend": 10, "vip": true}\nnot json\n').name
    result = run("diff", "tiny.yaml", "tiny.yaml", records, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr == "policyscore: error: r.jsonl:2: not valid JSON: Expecting value (column 1) [PS510]\n"
    result = run("diff", "tiny.yaml", "tiny.yaml", records, "--as-of", AS_OF, "--on-error", "skip")
    assert result.exit_code == 0
    assert result.stderr == (
        "rejected: r.jsonl:2: not valid JSON: Expecting value (column 1) [PS510]\n"
        "1 records compared (1 rejected): 0 change tier, 0 change eligibility\n"
    )
    result = run("diff", "tiny.yaml", "gone.yaml", records, "--as-of", AS_OF)
    assert (result.exit_code, result.stderr) == (1, "policyscore: error: policy file not found: gone.yaml [PS001]\n")
    write(here, "broken.yaml", "policy: broken\nversion: 1\nfactors: []\n")
    result = run("diff", "tiny.yaml", "broken.yaml", records, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr.endswith("policyscore: error: broken.yaml is not a valid policy (1 error)\n")
    result = run("diff", "tiny.yaml", "tiny.yaml", write(here, "r.txt", "").name, "--as-of", AS_OF)
    assert result.exit_code == 2  # the format cannot be told from the extension
    result = run("diff", "tiny.yaml", "tiny.yaml", records, "--as-of", "2026-13-01")
    assert result.exit_code == 2
    assert "is not a date in the form YYYY-MM-DD" in result.stderr


def test_diff_names_the_line_of_a_record_a_policy_rejects(run, here):
    # Only records the reader rejected had their line; one the policy rejected had its id alone.
    text = '{"id": "A", "country": "US", "spend": 10, "vip": true}\n{"id": "B", "country": "US", "spend": "x"}\n'
    records = write(here, "r.jsonl", text).name
    message = "r.jsonl:2, id 'B': field 'spend' must be a number, got string 'x' [PS401]"
    result = run("diff", "tiny.yaml", "tiny.yaml", records, "--as-of", AS_OF, "--on-error", "skip")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == f"rejected: {message}"
    result = run("diff", "tiny.yaml", "tiny.yaml", records, "--as-of", AS_OF)
    assert (result.exit_code, result.stderr) == (1, f"policyscore: error: {message}\n")


def test_a_policy_without_tests_fails_the_minimum(run, here):
    write(here, "tiny.test.yaml", PASSING)
    (here / "other.yaml").write_text(POLICY.replace("policy: tiny", "policy: other"), encoding="utf-8")
    result = run("test", ".", "--min-coverage", "40")
    assert result.exit_code == 1
    assert "  other v3 (other.yaml): not tested, no test file names it: 0/6 items, 0.0%\n" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("; coverage below 40%: other 0.0%")


def test_diff_changes_names_every_customer_whose_score_or_tier_changed(run, edited, tmp_path):
    old_policy, new_policy = ps.load_policy(STARTUP), ps.load_policy(edited)
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    expected = {}
    for r in records:
        a, b = old_policy.score(r, AS_OF), new_policy.score(r, AS_OF)
        if a.score != b.score or a.tier != b.tier or a.eligible != b.eligible:
            expected[r["id"]] = (a, b)
    out_csv = tmp_path / "changes.csv"
    result = run("diff", STARTUP, edited, SAMPLE, "--as-of", AS_OF, "--changes", out_csv)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == list(expected)  # every one, in input order
    for row in rows:
        a, b = expected[row["id"]]
        assert (float(row["old_score"]), float(row["new_score"]), row["old_tier"], row["new_tier"]) == (a.score, b.score, a.tier, b.tier)
        # only purchase_size moves: 20 -> 25 is x1.25 of its points
        old_points, new_points = a.points["purchase_size"], b.points["purchase_size"]
        if old_points != new_points:
            assert row["changes"].startswith(f"purchase_size {old_points:g} -> {new_points:g} (+")
        else:
            assert row["changes"] == "" and row["old_tier"] == "good" and row["new_tier"] == "fair"  # the threshold alone moved it
    out_jsonl = tmp_path / "changes.jsonl"
    assert run("diff", STARTUP, edited, SAMPLE, "--as-of", AS_OF, "--changes", out_jsonl).exit_code == 0
    docs = [json.loads(line) for line in out_jsonl.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == list(expected)
    first = docs[0]
    a, b = expected[first["id"]]
    assert first["old"] == {"score": a.score, "tier": a.tier} and first["new"] == {"score": b.score, "tier": b.tier}
    assert {c["code"] for d in docs for c in d["changes"]} == {"factor:purchase_size"}


def test_diff_names_every_tier_change_by_migration(run, edited):
    changed = tier_changes(edited)
    text = run("diff", STARTUP, edited, SAMPLE, "--as-of", AS_OF).stdout
    section = text[text.index("tier changes, by migration") : text.index("scores of eligible records")]
    groups = [line for line in section.splitlines()[1:] if line.startswith("  ") and not line.startswith("    ")]
    counts = {line.split(" (")[0].strip(): int(line.rsplit("(", 1)[1].rstrip(")")) for line in groups}
    assert sum(counts.values()) == changed
    named = [line for line in section.splitlines() if line.startswith("    ") and not line.startswith("    ...")]
    more = sum(int(line.split("and ")[1].split(" more")[0]) for line in section.splitlines() if line.startswith("    ... and "))
    assert len(named) + more == changed  # every tier change is named, or counted in "... and N more"
    assert "  good -> fair (" in section and "no points changed: a threshold moved" in section
    md = run("diff", STARTUP, edited, SAMPLE, "--as-of", AS_OF, "--format", "markdown").stdout
    assert "#### Tier changes" in md and "- **good -> fair (" in md


def test_diff_changes_needs_a_csv_or_jsonl_name(run, edited, tmp_path):
    result = run("diff", STARTUP, edited, SAMPLE, "--as-of", AS_OF, "--changes", tmp_path / "changes.txt")
    assert result.exit_code == 2
    assert "--changes" in result.stderr and ".csv or .jsonl" in result.stderr


@pytest.mark.parametrize("option", ["--min-coverage", "--min-mutation-score"])
@pytest.mark.parametrize("value", ["nan", "NaN", "101", "-1"])
def test_a_minimum_share_that_is_not_a_percentage_is_a_usage_mistake(run, here, option, value):
    # nan passed the range check, and no coverage is ever below nan: the run passed whatever its coverage.
    write(here, "tiny.test.yaml", PASSING)
    result = run("test", "tiny.test.yaml", option, value)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.stderr
