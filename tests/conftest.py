"""Shared pytest setup: the ``--update-golden`` option for golden-file tests, one Spark session for the Spark tests."""

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


def spark_missing() -> str | None:
    """Why the Spark tests cannot run here (None when pyspark and Java are both present)."""
    import importlib.util
    import shutil

    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed: pip install '.[spark]' (and Java 17) to run the Spark tests"
    if shutil.which("java") is None:
        return "Java is not installed: the Spark tests need Java 17 (and pip install '.[spark]')"
    return None


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for every Spark test: two cores, ANSI mode on, two shuffle partitions, and
    expressions interpreted rather than compiled (the test data are a few rows; compiling a policy's large
    expressions costs seconds).  Catalyst's CollapseProject is excluded, as docs/sql.md advises: merging the
    query's layers makes the optimizer's work grow without bound on policies with many factors.  The driver has
    2 GB: planning a policy of the whole book (a long chain of common table expressions) needs more than the default 1 GB."""
    why = spark_missing()
    if why is not None:
        pytest.skip(why)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("policyscore-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.optimizer.excludedRules", "org.apache.spark.sql.catalyst.optimizer.CollapseProject")
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
        .getOrCreate()
    )
    yield session
    session.stop()
