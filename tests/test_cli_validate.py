"""`policyscore validate`: every problem of every file, as text, JSON or GitHub annotations; exit codes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

BROKEN = """\
policy: broken
version: 1
record:
  fields:
    balance: number
    tenure_months: integer
factors:
  - id: size
    weight: 100
    value: "balance > 10 and tenure_month < 6"
"""

WARNS = """\
policy: warns
version: 1
record:
  fields:
    balance: number
params:
  unused_p: 3
factors:
  - id: size
    weight: 100
    value: "balance / 1000"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run inside tmp_path so that file names in messages are short and predictable."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_example_rules_are_valid(run):
    result = run("validate", RULES)
    assert result.exit_code == 0
    assert result.stdout == "4 policy files and 4 test files checked: all valid\n"
    assert result.stderr == ""


def test_an_error_is_shown_like_a_compiler_with_caret_and_hint(run, here):
    write(here, "broken.yaml", BROKEN)
    result = run("validate", "broken.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "broken.yaml:10:30: error: unknown name 'tenure_month' [PS201]\n"
        "   |\n"
        '10 |     value: "balance > 10 and tenure_month < 6"\n'
        "   |                              ^^^^^^^^^^^^\n"
        "   = hint: did you mean 'tenure_months'?\n"
        "\n"
        "1 policy file checked: 1 error, 0 warnings in 1 file\n"
    )
    assert result.stderr == ""


def test_folders_are_searched_recursively_checking_test_files_as_tests_and_skipping_hidden_folders(run, here):
    write(here, "pol/a.yaml", BROKEN)
    write(here, "pol/deeper/b.yml", WARNS)
    write(here, "pol/a.test.yaml", "not: a test file\n")
    write(here, "pol/.hidden/c.yaml", "not: a policy\n")
    write(here, "pol/notes.txt", "ignored\n")
    result = run("validate", "pol", "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [f["path"] for f in doc["files"]] == ["pol/a.test.yaml", "pol/a.yaml", "pol/deeper/b.yml"]
    test_file = doc["files"][0]
    assert test_file["valid"] is False and test_file["errors"] >= 1
    codes = {d["code"] for d in doc["diagnostics"] if d["file"] == "pol/a.test.yaml"}
    assert codes and all(c.startswith("PS6") for c in codes)


def test_warnings_pass_unless_strict(run, here):
    write(here, "warns.yaml", WARNS)
    relaxed = run("validate", "warns.yaml")
    assert relaxed.exit_code == 0
    assert "warns.yaml:7:3: warning: param 'unused_p' is never used [PS301]" in relaxed.stdout
    assert relaxed.stdout.endswith("1 policy file checked: 0 errors, 1 warning\n")

    strict = run("validate", "warns.yaml", "--strict")
    assert strict.exit_code == 1
    assert "warns.yaml:7:3: error: param 'unused_p' is never used [PS301]" in strict.stdout
    assert strict.stdout.endswith("1 policy file checked: 1 error, 0 warnings in 1 file\n")


def test_json_format_lists_files_and_diagnostics(run, here):
    write(here, "broken.yaml", BROKEN)
    write(here, "warns.yaml", WARNS)
    result = run("validate", "broken.yaml", "warns.yaml", "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["valid"] is False
    assert (doc["errors"], doc["warnings"]) == (1, 1)
    assert doc["files"] == [
        {"path": "broken.yaml", "valid": False, "errors": 1, "warnings": 0},
        {"path": "warns.yaml", "valid": True, "errors": 0, "warnings": 1},
    ]
    first = doc["diagnostics"][0]
    assert first["code"] == "PS201"
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (10, 30, 10, 42)
    assert first["hint"] == "did you mean 'tenure_months'?"


def test_json_format_of_clean_rules(run):
    result = run("validate", RULES, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["valid"] is True and doc["diagnostics"] == [] and len(doc["files"]) == 8


def test_github_format_writes_workflow_annotations(run, here):
    write(here, "broken.yaml", BROKEN)
    write(here, "warns.yaml", WARNS)
    result = run("validate", "broken.yaml", "warns.yaml", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=broken.yaml,line=10,col=30,endLine=10,endColumn=42,title=PS201::"
        "unknown name 'tenure_month'%0Ahint: did you mean 'tenure_months'?",
        "::warning file=warns.yaml,line=7,col=3,endLine=7,endColumn=11,title=PS301::param 'unused_p' is never used",
    ]
    assert result.stderr == "2 policy files checked: 1 error, 1 warning in 1 file\n"


def test_a_missing_file_and_an_empty_folder_are_errors(run, here):
    (here / "empty").mkdir()
    result = run("validate", "nope.yaml", "empty")
    assert result.exit_code == 1
    assert "nope.yaml: error: policy file not found: nope.yaml [PS001]" in result.stdout
    assert "empty: error: no policy files (*.yaml, *.yml) in the folder empty [PS001]" in result.stdout


def test_github_format_for_a_missing_file_names_the_file(run, here):
    result = run("validate", "nope.yaml", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == "::error file=nope.yaml,title=PS001::policy file not found: nope.yaml\n"


def test_yaml_syntax_error(run, here):
    write(here, "bad.yaml", "policy: [unclosed\n")
    result = run("validate", "bad.yaml")
    assert result.exit_code == 1
    assert "bad.yaml:2:1: error: YAML syntax error" in result.stdout
    assert "[PS101]" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="no-path"),
        pytest.param(["rules", "--format", "xml"], id="unknown-format"),
        pytest.param(["rules", "--nope"], id="unknown-option"),
    ],
)
def test_usage_mistakes_exit_2(run, args):
    result = run("validate", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage: policyscore validate" in result.stderr
