"""``policyscore diff``: whose outcome changes between two versions of a policy."""

from __future__ import annotations

import contextlib
import sys
from datetime import date

import click

from policyscore.batch import with_portfolios
from policyscore.cli.common import (
    OUTPUT,
    PATH,
    Failure,
    as_of_option,
    format_option,
    handles_errors,
    input_format_option,
    on_error_option,
    open_records,
    rejects_on_stderr,
)
from policyscore.errors import InputError
from policyscore.io.readers import read_records
from policyscore.io.writers import Output
from policyscore.render import review as review_render
from policyscore.review.changes import ChangesWriter, changes_format
from policyscore.review.diff import compare, load_policy_ref
from policyscore.review.migration import MigrationCollector

__all__ = ["diff"]


@click.command(name="diff")
@click.argument("old_path", metavar="OLD_POLICY", type=PATH)
@click.argument("new_path", metavar="NEW_POLICY", type=PATH)
@click.argument("records_path", metavar="RECORDS", type=PATH)
@as_of_option("Evaluation date for both policies (default: today).")
@format_option(
    ["text", "json", "markdown", "html"],
    "html: a self-contained page with the migration heat map, both score distributions and every customer who changes tier.",
)
@click.option("--output", "-o", type=OUTPUT, help="Write the report to FILE instead of stdout.")
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="How many of the largest movers to list.")
@click.option(
    "--fail-on-tier-change",
    type=click.IntRange(min=0),
    metavar="N",
    help="Exit 1 when more than N records change tier (the report is still written).",
)
@click.option(
    "--changes",
    "changes_path",
    metavar="FILE",
    help="Write one row per customer whose score or tier changed (CSV or JSONL, by FILE's extension).",
)
@input_format_option
@on_error_option("On a record that cannot be read or scored: stop (fail) or report it, count it as rejected and go on (skip).")
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
    changes_path: str | None,
    input_format: str | None,
    on_error: str,
) -> None:
    """Show whose outcome changes between two versions of a policy.

    Scores every record of RECORDS (CSV, JSON, JSONL, YAML, or - for stdin)
    with OLD_POLICY and NEW_POLICY in one streaming pass.  Either policy may
    be git:REV:path to read it from git history, e.g.
    git:origin/main:rules/x.yaml.  A one-line summary goes to stderr.
    """
    if changes_path is not None:
        try:
            changes_fmt = changes_format(changes_path)
        except InputError as exc:
            raise click.BadParameter(str(exc).split(": ", 1)[1], param_hint="--changes") from None
    old, old_ref = load_policy_ref(old_path)
    new, new_ref = load_policy_ref(new_path)
    fields = {**old.fields, **new.fields}
    rejects = rejects_on_stderr(on_error)
    changes_to = Output(changes_path) if changes_path is not None else contextlib.nullcontext(None)
    with (
        open_records(records_path, input_format) as opened,
        with_portfolios(opened, [old, new], as_of) as (source, books),
        changes_to as changes_out,
    ):
        writer = ChangesWriter(changes_out, changes_fmt) if changes_out is not None else None
        records = read_records(source, fields, new.id_field)
        detail = MigrationCollector(old, new) if fmt == "html" else None
        report = compare(
            old,
            new,
            records,
            as_of,
            top=top,
            on_error=rejects,
            source=source.name,
            old_ref=old_ref,
            new_ref=new_ref,
            changes_to=writer,
            portfolios=books,
            observe=detail,
        )
    if report.records == 0:
        raise Failure(f"every record of {records_path} was rejected ({report.rejected}): nothing was compared")
    if detail is not None:
        from policyscore.render.html import diff_html  # loaded only here: Jinja2 and the chart renderer take time to import

        text = diff_html(report, detail.detail(report.rows, report.columns), new.decimals)
    else:
        renderer = {"text": review_render.diff_text, "json": review_render.diff_json, "markdown": review_render.diff_markdown}[fmt]
        text = renderer(report)
    with Output(output) as out:
        out.write(text)
    for warning in report.warnings:
        click.echo(f"policyscore: warning: {warning}", err=True)
    changed = report.tier_changes
    click.echo(
        f"{report.records} records compared ({report.rejected} rejected): {changed} change tier, "
        f"{report.became_eligible + report.became_ineligible} change eligibility",
        err=True,
    )
    if fail_on_tier_change is not None and changed > fail_on_tier_change:
        click.echo(f"policyscore: error: {changed} records change tier, more than --fail-on-tier-change {fail_on_tier_change}", err=True)
        sys.exit(1)
