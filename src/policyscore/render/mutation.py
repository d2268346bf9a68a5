"""Renderings of mutation testing (``policyscore test --mutate``): text and a JUnit test suite."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from policyscore.review.mutants import PolicyMutation

__all__ = ["mutation_text", "mutation_summary", "mutation_junit"]


def _where(m: PolicyMutation, line: int | None, column: int | None) -> str:
    if line is None:
        return f"{m.path}: "
    return f"{m.path}:{line}:{column}: " if column is not None else f"{m.path}:{line}: "


def mutation_text(mutations: Sequence[PolicyMutation], min_score: float | None = None) -> str:
    """One line per policy (killed/total, score), then every surviving mutant at its line with a hint."""
    lines = ["mutation testing" + (f" (minimum {min_score:g}%)" if min_score is not None else "")]
    for m in mutations:
        head = f"  {m.policy} v{m.version} ({m.path})"
        if m.problem is not None:
            lines.append(f"{head}: not mutated: {m.problem}")
            continue
        invalid = m.count("invalid")
        tail = f"; {invalid} did not load" if invalid else ""
        lines.append(f"{head}: {m.count('killed')}/{m.total} mutants killed, {m.percent:.1f}%{tail}")
        if m.survivors:
            lines.append("    survived:")
            for r in m.survivors:
                lines.append(f"      {_where(m, r.mutant.line, r.mutant.column)}{r.mutant.change}")
                lines.append(f"          hint: {r.mutant.hint}")
    if not mutations:
        lines.append("  no policy was mutated")
    return "\n".join(lines) + "\n"


def mutation_summary(mutations: Sequence[PolicyMutation]) -> str:
    """``mutants: 170 killed, 0 survived`` for the summary line."""
    killed = sum(m.count("killed") for m in mutations)
    survived = sum(m.count("survived") for m in mutations)
    return f"mutants: {killed} killed, {survived} survived"


def mutation_junit(
    root: ET.Element, mutations: Sequence[PolicyMutation], failing: Sequence[PolicyMutation], min_score: float | None
) -> int:
    """Add a ``mutation`` test suite (a test case per policy, failing below the minimum); return its failures."""
    suite = ET.SubElement(root, "testsuite", name="mutation")
    failures = 0
    for m in mutations:
        name = f"{m.policy} mutation score {m.percent:.1f}%" + (f" >= {min_score:g}%" if min_score is not None else "")
        case = ET.SubElement(suite, "testcase", classname="mutation", name=name, file=m.path)
        out = ET.SubElement(case, "system-out")
        out.text = mutation_text([m]).rstrip("\n")
        if m in failing:
            failures += 1
            message = m.problem if m.problem is not None else f"mutation score {m.percent:.1f}% is below {min_score:g}%"
            fail = ET.SubElement(case, "failure", message=message, type="Mutation")
            fail.text = "\n".join(
                f"{_where(m, r.mutant.line, r.mutant.column)}{r.mutant.change} (hint: {r.mutant.hint})" for r in m.survivors
            )
    suite.set("tests", str(len(mutations)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return failures
