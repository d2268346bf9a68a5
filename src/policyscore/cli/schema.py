"""``policyscore schema``: print a bundled JSON Schema."""

from __future__ import annotations

import click

from policyscore.cli.common import Failure, handles_errors
from policyscore.policyfile.schema import SCHEMA_NAMES, schema_text

__all__ = ["schema"]


@click.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES), default="policy")
@handles_errors
def schema(name: str) -> None:
    """Print a JSON Schema: of the policy file (default), the explanation, the customer record or a policy test file."""
    try:
        text = schema_text(name)
    except (OSError, KeyError):
        raise Failure(f"the {name} schema is not bundled with this version of policyscore") from None
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)
