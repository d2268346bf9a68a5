"""``policyscore test``: run policy test files, with coverage."""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from typing import Any

import click

from policyscore.cli.common import PATH, handles_errors, looks_like_policy, policies_only_option
from policyscore.render import review as review_render
from policyscore.review.diff import GitError
from policyscore.review.mutate import mutation_of_run
from policyscore.review.policytest import is_test_file, run_tests
from policyscore.review.versions import check_version_bumps, git_revision

__all__ = ["test"]


class _Percent(click.FloatRange):
    """A share from 0 to 100; ``nan`` is refused (every comparison with it is false, so no run would ever fail)."""

    def __init__(self) -> None:
        super().__init__(0, 100)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        number: float = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number", param, ctx)
        return number


@click.command(name="test")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=PATH)
@click.option("--coverage", "with_coverage", is_flag=True, help="Report which filters, bands, adjustments and if branches the cases reach.")
@click.option(
    "--min-coverage",
    type=_Percent(),
    metavar="PCT",
    help="Fail when a tested policy's coverage is below PCT percent (implies --coverage).",
)
@click.option("--mutate", is_flag=True, help="Also run every mutant of each tested policy against its tests and report the survivors.")
@click.option(
    "--min-mutation-score",
    type=_Percent(),
    metavar="PCT",
    help="Fail when a tested policy's mutation score is below PCT percent (implies --mutate).",
)
@click.option(
    "--require-version-bump",
    "version_ref",
    metavar="git:REV",
    help="Fail when a tested policy's rules differ from its copy in REV but its version does not (e.g. git:origin/main).",
)
@policies_only_option("Skip named YAML files that are neither test files nor policies (no top-level 'policy:' key): for pre-commit.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True)
@handles_errors
def test(
    paths: tuple[str, ...],
    with_coverage: bool,
    min_coverage: float | None,
    mutate: bool,
    min_mutation_score: float | None,
    version_ref: str | None,
    policies_only: bool,
    fmt: str,
) -> None:
    """Run policy test files (*.test.yaml) and check every expectation.

    Each PATH is a test file, a folder (searched recursively for *.test.yaml)
    or a policy file (its NAME.test.yaml beside it is run).  Exit 0 when every
    case passes (and coverage reaches --min-coverage, the mutation score
    --min-mutation-score, and every changed policy changed its version under
    --require-version-bump), 1 otherwise.
    """
    rev = None
    if version_ref is not None:
        try:
            rev = git_revision(version_ref)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--require-version-bump") from None
    if policies_only:
        paths = tuple(p for p in paths if os.path.isdir(p) or is_test_file(p) or looks_like_policy(p))
        if not paths:
            click.echo("no policy or test file among the files given: nothing to test")
            return
    run = run_tests(paths, coverage=with_coverage, min_coverage=min_coverage)
    if mutate or min_mutation_score is not None:
        run = mutation_of_run(run, min_mutation_score)
    if rev is not None:
        policies = [f.policy_path for f in run.files if f.policy_path is not None and os.path.isfile(f.policy_path)]
        versions = check_version_bumps(policies, rev)
        unread = [v for v in versions if v.status == "no-revision"]
        if unread:  # nothing was compared: a wrong option, not policies that kept their version
            raise click.BadParameter(f"{unread[0].message} [{GitError.code}]", param_hint="--require-version-bump")
        run = dataclasses.replace(run, versions=versions, versions_against=rev)
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
