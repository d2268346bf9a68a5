"""``policyscore sql``: print the query that scores a table with a policy, for a warehouse or Spark."""

from __future__ import annotations

from datetime import date

import click

from policyscore.cli.common import PATH, as_of_option, handles_errors
from policyscore.policy import load_policy
from policyscore.sql import DIALECTS, to_sql

__all__ = ["sql"]


@click.command()
@click.argument("policy_path", metavar="POLICY", type=PATH)
@click.option("--dialect", type=click.Choice(list(DIALECTS)), default="duckdb", show_default=True, help="The SQL dialect to write.")
@click.option("--table", default="customers", show_default=True, help="The table (or view) of records the query reads.")
@as_of_option("Evaluation date written into the query (default: today).")
@handles_errors
def sql(policy_path: str, dialect: str, table: str, as_of: date) -> None:
    """Print the SQL query that scores every row of a table with POLICY (see docs/sql.md for its columns)."""
    policy = load_policy(policy_path)
    try:
        text = to_sql(policy, dialect, table=table, as_of=as_of)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--table") from None
    click.echo(text, nl=False)
