"""The ``policyscore test`` and ``policyscore diff`` commands (for reviewing policy changes).

Thin like the rest of the command line: parse options, call
:mod:`policyscore.review.policytest` or :mod:`policyscore.review.diff`, hand the result to
:mod:`policyscore.render.review`, choose the exit code (0 success, 1 a failed
test, low coverage, too many tier changes or a problem with a policy or the
data, 2 a usage mistake).  The commands are plain ``click.Command`` objects;
the main group adds them with ``cli.add_command(test)`` and
``cli.add_command(diff)``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import click

from policyscore.cli.common import handles_errors, parse_as_of
from policyscore.errors import RecordError
from policyscore.io.readers import FORMATS, Item, open_source, read_records
from policyscore.render import review as review_render
from policyscore.review.diff import compare, load_policy_ref
from policyscore.review.migration import MigrationCollector
from policyscore.review.policytest import run_tests

__all__ = ["test", "diff"]


# ---------------------------------------------------------------- test


@click.command(name="test")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--coverage", "with_coverage", is_flag=True, help="Report which filters, bands, adjustments and if branches the cases reach.")
@click.option(
    "--min-coverage",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Fail when a tested policy's coverage is below PCT percent (implies --coverage).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True)
@handles_errors
def test(paths: tuple[str, ...], with_coverage: bool, min_coverage: float | None, fmt: str) -> None:
    """Run policy test files (*.test.yaml) and check every expectation.

    Each PATH is a test file, a folder (searched recursively for *.test.yaml)
    or a policy file (its NAME.test.yaml beside it is run).  Exit 0 when every
    case passes (and coverage reaches --min-coverage), 1 otherwise.
    """
    run = run_tests(paths, coverage=with_coverage, min_coverage=min_coverage)
    if fmt == "json":
        click.echo(review_render.tests_json(run), nl=False)
        click.echo(review_render.tests_summary(run), err=True)
    elif fmt == "junit":
        click.echo(review_render.tests_junit(run), nl=False)
        click.echo(review_render.tests_summary(run), err=True)
    else:
        click.echo(review_render.tests_text(run), nl=False)
    if not run.ok:
        sys.exit(1)


# ---------------------------------------------------------------- diff


@click.command(name="diff")
@click.argument("old_path", metavar="OLD_POLICY")
@click.argument("new_path", metavar="NEW_POLICY")
@click.argument("records_path", metavar="RECORDS")
@click.option("--as-of", callback=parse_as_of, metavar="YYYY-MM-DD", help="Evaluation date for both policies (default: today).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="html: a self-contained page with the migration heat map, both score distributions and every customer who changes tier.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="How many of the largest movers to list.")
@click.option(
    "--fail-on-tier-change",
    type=click.IntRange(min=0),
    metavar="N",
    help="Exit 1 when more than N records change tier (the report is still written).",
)
@click.option("--input-format", type=click.Choice(FORMATS), help="Read RECORDS in this format (default: from the extension; stdin: jsonl).")
@click.option(
    "--on-error",
    type=click.Choice(["fail", "skip"]),
    default="fail",
    show_default=True,
    help="On a record that cannot be read or scored: stop (fail) or count it as rejected and go on (skip).",
)
@handles_errors
def diff(
    old_path: str,
    new_path: str,
    records_path: str,
    as_of: date,
    fmt: str,
    output: str | None,
    top: int,
    fail_on_tier_change: int | None,
    input_format: str | None,
    on_error: str,
) -> None:
    """Show whose outcome changes between two versions of a policy.

    Scores every record of RECORDS (CSV, JSON, JSONL, YAML, or - for stdin)
    with OLD_POLICY and NEW_POLICY in one streaming pass.  Either policy may
    be git:REV:path to read it from git history, e.g.
    git:origin/main:rules/x.yaml.  A one-line summary goes to stderr.
    """
    old, old_ref = load_policy_ref(old_path)
    new, new_ref = load_policy_ref(new_path)
    fields = {**old.fields, **new.fields}
    with open_source(records_path, input_format, sys.stdin.buffer) as source:
        records = _records_or_errors(read_records(source, fields, new.id_field))
        mode = "raise" if on_error == "fail" else "skip"
        detail = MigrationCollector(old, new) if fmt == "html" else None
        report = compare(old, new, records, as_of, top=top, on_error=mode, old_ref=old_ref, new_ref=new_ref, observe=detail)
    if detail is not None:
        from policyscore.render.html import diff_html  # loaded only here: Jinja2 and the chart renderer take time to import

        text = diff_html(report, detail.detail(report.rows, report.columns), new.decimals)
    else:
        renderer = {"text": review_render.diff_text, "json": review_render.diff_json, "markdown": review_render.diff_markdown}[fmt]
        text = renderer(report)
    from policyscore.cli.main import _output

    with _output(output) as out:
        out.write(text)
    changed = report.tier_changes
    click.echo(
        f"{report.records} records compared ({report.rejected} rejected): {changed} change tier, "
        f"{report.became_eligible + report.became_ineligible} change eligibility",
        err=True,
    )
    if fail_on_tier_change is not None and changed > fail_on_tier_change:
        click.echo(f"policyscore: error: {changed} records change tier, more than --fail-on-tier-change {fail_on_tier_change}", err=True)
        sys.exit(1)


def _records_or_errors(items: Iterator[Item]) -> Iterator[dict[str, Any] | RecordError]:
    """Each record read, or why it could not be read (the diff counts or raises it)."""
    for item in items:
        if item.record is not None:
            yield item.record
        else:
            assert item.error is not None
            yield item.error
