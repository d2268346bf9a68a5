"""`policyscore schema`, `--version`, `--help` on every command, and `python -m policyscore`."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest

import policyscore


def _bundled(name: str) -> bool:
    return resources.files("policyscore").joinpath("schemas", f"{name}.schema.json").is_file()


def test_schema_defaults_to_the_policy_schema(run):
    result = run("schema")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert "factors" in doc["properties"]
    assert result.stdout == run("schema", "policy").stdout


@pytest.mark.parametrize("name", ["policy", "explanation", "customer"])
def test_schema_prints_each_bundled_schema(run, name):
    result = run("schema", name)
    if _bundled(name):
        assert result.exit_code == 0
        assert isinstance(json.loads(result.stdout), dict)
        assert result.stdout.endswith("\n")
    else:
        assert result.exit_code == 1
        assert result.stderr == f"policyscore: error: the {name} schema is not bundled with this version of policyscore\n"


def test_unknown_schema_is_a_usage_error(run):
    result = run("schema", "invoice")
    assert result.exit_code == 2
    assert "'invoice' is not one of 'policy', 'explanation', 'customer'" in result.stderr


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"policyscore {policyscore.__version__}\n"


@pytest.mark.parametrize("command", [[], ["validate"], ["score"], ["explain"], ["schema"]])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_everywhere(run, command, flag):
    result = run(*command, flag)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: policyscore {' '.join(command)}".rstrip())
    assert result.stderr == ""


def test_help_lists_every_option_of_score(run):
    out = run("score", "--help").stdout
    for option in ("--as-of", "--format", "--output", "--top", "--tier", "--include-ineligible", "--input-format",
                   "--on-error", "--rejects", "--debug"):
        assert option in out


def test_no_command_shows_usage_and_exits_2(run):
    result = run()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Commands:" in result.stderr
    for command in ("validate", "score", "explain", "schema"):
        assert f"  {command} " in result.stderr


def test_schema_not_bundled(run, monkeypatch):
    def missing(name):
        raise FileNotFoundError(name)

    monkeypatch.setattr("policyscore.cli.schema.schema_text", missing)
    result = run("schema", "customer")
    assert result.exit_code == 1
    assert result.stderr == "policyscore: error: the customer schema is not bundled with this version of policyscore\n"


def test_python_dash_m():
    done = subprocess.run([sys.executable, "-m", "policyscore", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout == f"policyscore {policyscore.__version__}\n"


def test_every_command_and_option_is_documented():
    from pathlib import Path

    from policyscore.cli import cli

    doc = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    names = cli.list_commands(None)  # type: ignore[arg-type]
    assert names == ["validate", "score", "explain", "schema", "test", "diff", "report"]
    for name in names:
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and command.name == name
        assert f"## `policyscore {name}" in doc, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in doc, f"{name} {opt}"
