"""``policyscore explain``: one customer's score (or several) taken apart, step by step."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from policyscore.batch import Rejects, find, with_portfolios
from policyscore.cli.common import (
    PATH,
    Failure,
    as_of_option,
    check_all_fields_option,
    format_option,
    handles_errors,
    input_format_option,
    on_error_option,
    open_records,
)
from policyscore.engine.traces import trace_of
from policyscore.errors import RecordError
from policyscore.policy import load_policy
from policyscore.policyfile.ids import id_key
from policyscore.render import results as render
from policyscore.render.scores import printable

__all__ = ["explain"]


@click.command()
@click.argument("policy_path", metavar="POLICY", type=PATH)
@click.argument("records_path", metavar="RECORDS", type=PATH)
@click.option("--id", "ids", multiple=True, required=True, help="The customer to explain (repeat for several).")
@as_of_option()
@input_format_option
@on_error_option("Other records that cannot be read: count them in one note (fail) or list each on stderr (skip); never fatal.")
@format_option(["text", "json", "markdown", "html"], "html: one self-contained page with each customer's waterfall chart.")
@click.option("--trace", is_flag=True, help="Also show the value of every part of every rule.")
@click.option("--compact", is_flag=True, help="Text only: the headline, the reasons and one line per factor.")
@check_all_fields_option
@handles_errors
def explain(
    policy_path: str,
    records_path: str,
    ids: tuple[str, ...],
    as_of: date,
    input_format: str | None,
    on_error: str,
    fmt: str,
    trace: bool,
    compact: bool,
    check_all_fields: bool,
) -> None:
    """Explain the score of the customers with the given ids, step by step.

    With one --id, --format json prints the explanation object; with several, a JSON array.
    """
    if compact and (fmt != "text" or trace):
        raise click.UsageError("--compact goes with --format text and without --trace")
    policy = load_policy(policy_path, check_all_fields=check_all_fields)
    wanted = list(dict.fromkeys(id_key(i) for i in ids))
    others = _Others(wanted, listed=on_error == "skip")
    with open_records(records_path, input_format) as opened, with_portfolios(opened, [policy], as_of) as (source, portfolios):
        found = find(source, policy.fields, policy.id_field, wanted, Rejects("skip", report=others))
        name = source.name
    for key in wanted:
        item = found.get(key)
        if item is not None and item.record is None:  # the customer's own record is bad: that is fatal
            assert item.error is not None
            raise item.error
    missing = [w for w in wanted if w not in found]
    others.note(name, maybe_missing=bool(missing))
    if missing:
        listed = ", ".join(repr(m) for m in missing)
        raise Failure(f"no customer with id {listed} in {name}" if len(missing) == 1 else f"no customers with ids {listed} in {name}")
    parts: list[Any] = []
    for key in wanted:
        item = found[key]
        try:
            result = policy.score(item.record, as_of, portfolio=portfolios[0])  # type: ignore[arg-type]
        except RecordError as err:
            raise Failure(f"the customer was rejected: {err.located(row=item.line, source=name)} [{err.code}]") from None
        d = result.to_dict()
        steps = trace_of(result) if trace else None
        if fmt == "json":
            parts.append(dict(d, trace=steps) if trace else d)
        elif fmt == "html":
            parts.append((d, steps))
        elif fmt == "markdown":
            parts.append(render.explanation_markdown(d, policy, steps))
        else:
            parts.append(render.explanation_text(d, policy, steps, compact=compact))
    if fmt == "json":
        click.echo(render.dumps(parts[0] if len(parts) == 1 else parts, pretty=True))
    elif fmt == "html":
        from policyscore.render.html import explanation_html  # loaded only here: Jinja2 and the chart renderer take time to import

        click.echo(explanation_html([d for d, _ in parts], policy, [s or [] for _, s in parts] if trace else None), nl=False)
    else:
        click.echo("\n".join(parts), nl=False)


class _Others:
    """Records other than the ones explained that cannot be read: listed (``--on-error skip``) or counted in one note."""

    def __init__(self, wanted: list[str], listed: bool):
        self.wanted = set(wanted)
        self.listed = listed
        self.count = 0
        self.first: RecordError | None = None

    def __call__(self, error: RecordError) -> None:
        rid = error.record_id
        if rid is not None and id_key(rid) in self.wanted:
            return  # the record asked for: reported as the error of the run
        if self.listed:
            click.echo(f"rejected: {error} [{error.code}]", err=True)
        self.count += 1
        self.first = self.first or error

    def note(self, name: str, maybe_missing: bool = False) -> None:
        """One line on the records that cannot be read; when a customer was not found, one of them may be that customer."""
        if self.count and not self.listed:
            assert self.first is not None
            n = self.count
            what = "other record" if not maybe_missing else "record"
            why = f"{'were' if n != 1 else 'was'} not needed"
            if maybe_missing:
                why = f"the customer not found may be {'among them' if n != 1 else 'it'}"
            click.echo(
                f"note: {n} {what}{'s' if n != 1 else ''} of {printable(name)} cannot be read and {why} "
                f"(first: {self.first} [{self.first.code}]); --on-error skip lists them",
                err=True,
            )
