"""Mutation testing: would a policy's own tests notice a small change to the policy?

For every policy under test, each mutant (:mod:`policyscore.review.mutants`)
is loaded like a policy and every test case of every test file of that policy
is run against it; a mutant is *killed* when at least one case fails (or
errors).  The mutation score is killed / (killed + survived); a mutant that
does not load is *invalid* and counts for nothing.  A surviving mutant is
reported at its line and column with a hint of the test case that would kill
it.

The test files are checked and their records read once per policy; every
mutant of the policy runs the same parsed cases.  The case that killed the
last mutant is tried first, as neighbouring mutants tend to die by the same
case.  Mutants run in one process: loading a mutant is dominated by parsing
and checking the policy, and on two cores a process pool gave no measurable
gain over the shared, cached parse (``benchmarks/results.md``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import yaml

from policyscore.errors import PolicyError
from policyscore.policy import Policy, load_policy, load_policy_text
from policyscore.policyfile.yamlsource import load_yaml, read_source
from policyscore.review.mutants import MutantResult, PolicyMutation, apply, mutants_of
from policyscore.review.policytest import Books, CaseSpec, load_suite, run_case
from policyscore.review.results import RunResult

__all__ = ["mutate_policy", "mutation_of_run"]

Run = tuple[CaseSpec, dict[str, Any], "str | None", Books]


def _title(case: CaseSpec, rid: str | None) -> str:
    return case.name if rid is None else f"{case.name} [{rid}]"


def mutate_policy(policy_path: str, test_files: Sequence[str]) -> PolicyMutation:
    """Run every mutant of the policy at ``policy_path`` against the cases of ``test_files``."""
    policy = load_policy(policy_path)
    text = read_source(policy_path).decode("utf-8-sig")
    data, _, _ = load_yaml(text, policy_path)
    runs: list[Run] = []
    for path in test_files:
        suite, cases = load_suite(path)
        if suite is None:
            return PolicyMutation(policy.name, policy.version, policy_path, tuple(test_files), (), f"the test file {path} has problems")
        books = Books(suite.portfolio)  # each file's small book, made again for each mutant that scores against it
        runs.extend((case, record, rid, books) for case, record, rid in cases)
    failing = [_title(c, rid) for c, record, rid, books in runs if run_case(policy, c, record, rid, None, books).status != "passed"]
    if failing:
        return PolicyMutation(
            policy.name, policy.version, policy_path, tuple(test_files), (), f"its tests fail on the policy itself ({failing[0]})"
        )
    base_dir = os.path.dirname(policy_path) or "."
    results = []
    for mutant in mutants_of(policy, data):
        mutated = _policy_text(apply(data, mutant))
        try:
            variant = load_policy_text(mutated, policy_path, base_dir)
        except PolicyError:
            results.append(MutantResult(mutant, "invalid"))
            continue
        killer = _first_failing(variant, runs)
        results.append(MutantResult(mutant, "survived") if killer is None else MutantResult(mutant, "killed", killer))
    return PolicyMutation(policy.name, policy.version, policy_path, tuple(test_files), tuple(results))


def _policy_text(data: Any) -> str:
    """A mutant's policy data as YAML text that reads back as the same data.

    Not JSON: YAML 1.1 reads a number written as JSON writes ``0.000001``
    (``1e-06``, no dot) as a string, so every mutant of a policy holding one
    failed to load.  PyYAML writes ``1.0e-06``.
    """
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 30)


def _first_failing(policy: Policy, runs: list[Run]) -> str | None:
    """The title of the first case that fails against ``policy``; the case found is moved to the front of ``runs``."""
    for k, (case, record, rid, books) in enumerate(runs):
        if run_case(policy, case, record, rid, None, books).status != "passed":
            runs.insert(0, runs.pop(k))
            return _title(case, rid)
    return None


def mutation_of_run(run: RunResult, min_score: float | None = None) -> RunResult:
    """``run`` with the mutation testing of every policy its test files test (files that did not run are left out)."""
    by_policy: dict[str, list[str]] = {}
    for f in run.files:
        if f.policy_path is not None and not any(d.is_error for d in f.diagnostics):
            by_policy.setdefault(f.policy_path, []).append(f.path)
    found = tuple(mutate_policy(path, tests) for path, tests in by_policy.items())
    return RunResult(run.files, run.coverage, run.min_coverage, found, min_score)
