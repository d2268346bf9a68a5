"""Shared pytest setup: the ``--update-golden`` option for golden-file tests."""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the files in tests/golden/ from the current output instead of comparing with them.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """``golden("name.txt", text)``: compare ``text`` with tests/golden/name.txt (or rewrite it with --update-golden)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"golden file {path} is missing: run pytest --update-golden and review it"
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path}; review, then run pytest --update-golden"

    return check


@pytest.fixture
def run():
    """``run("score", "rules/x.yaml", ...)``: invoke the CLI in-process; stdout and stderr stay separate."""
    from click.testing import CliRunner

    from policyscore.cli import cli

    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
