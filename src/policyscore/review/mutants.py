"""Mutants of a policy: small changes a reviewer expects the policy's tests to notice.

:func:`mutants_of` lists, for a loaded policy and the YAML data it came from,
every change of these kinds (each one a :class:`Mutant` that knows where it
is in the file, what it changes and which test case would notice it):

- each factor's weight x1.5 and x0.5;
- each number in a filter, band or adjustment condition moved up and down by
  10% (at least 1 for a whole number), each date in one by 30 days;
- each band's value +-0.25 (kept in [0, 1]);
- each tier's ``min`` +-5 (a change no score can notice is left out: below
  ``score.min``, above ``score.max``);
- each filter negated;
- each adjustment's points doubled and set to 0;
- each factor's ``missing:`` value changed (0 becomes 1, anything else 0).

A mutant changes the policy's *data* (the parsed YAML), so it is loaded and
checked like any policy; one that does not load is skipped.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from policyscore.engine.reference import describe_value
from policyscore.language import nodes as n
from policyscore.policy import Policy
from policyscore.policyfile.program import Expression

__all__ = ["Mutant", "MutantResult", "PolicyMutation", "mutants_of", "apply"]

YPath = tuple[Any, ...]


@dataclass(frozen=True)
class Mutant:
    """One change to a policy: the value at ``path`` in its YAML data becomes ``value``."""

    kind: str  # weight, number, date, band, tier, filter, adjustment, missing
    path: YPath
    value: Any
    line: int | None
    column: int | None
    change: str  # what was changed, in words
    hint: str  # the test case that would notice it

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "line": self.line, "column": self.column, "change": self.change, "hint": self.hint}


@dataclass(frozen=True)
class MutantResult:
    mutant: Mutant
    status: str  # killed, survived, invalid (the mutant does not load)
    killed_by: str | None = None  # the first test case that failed

    def to_dict(self) -> dict[str, Any]:
        return dict(self.mutant.to_dict(), status=self.status, killed_by=self.killed_by)


@dataclass(frozen=True)
class PolicyMutation:
    """The mutation testing of one policy by its test files."""

    policy: str  # name
    version: Any
    path: str
    tests: tuple[str, ...]
    results: tuple[MutantResult, ...]
    problem: str | None = None  # why the policy was not mutated (its tests fail or cannot run)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def total(self) -> int:
        """Mutants that load: killed + survived."""
        return self.count("killed") + self.count("survived")

    @property
    def fraction(self) -> float:
        return 0.0 if self.problem is not None else (self.count("killed") / self.total if self.total else 1.0)

    @property
    def percent(self) -> float:
        """Killed share in percent, rounded down to one decimal (99.96% shows as 99.9%)."""
        return int(self.fraction * 1000) / 10

    @property
    def survivors(self) -> tuple[MutantResult, ...]:
        return tuple(r for r in self.results if r.status == "survived")

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "version": self.version,
            "path": self.path,
            "tests": list(self.tests),
            "problem": self.problem,
            "killed": self.count("killed"),
            "survived": self.count("survived"),
            "invalid": self.count("invalid"),
            "total": self.total,
            "percent": self.percent,
            "mutants": [r.to_dict() for r in self.results],
        }


def apply(data: dict[str, Any], mutant: Mutant) -> dict[str, Any]:
    """A copy of the policy data with the mutant's change made."""
    out = copy.deepcopy(data)
    target: Any = out
    for key in mutant.path[:-1]:
        target = target[key]
    target[mutant.path[-1]] = mutant.value
    return out


# ---------------------------------------------------------------- making mutants


def _number(x: float) -> int | float:
    """A computed number as a policy would write it: whole numbers as integers, else at most 10 decimals."""
    x = round(x, 10)
    return int(x) if x == int(x) and abs(x) < 1e15 else x


def _text(x: int | float) -> str:
    return str(x) if isinstance(x, int) else repr(x)


class _Maker:
    def __init__(self, policy: Policy, data: dict[str, Any]):
        self.policy = policy
        self.data = data
        self.index = policy.source_index
        self.out: list[Mutant] = []

    def add(self, kind: str, path: YPath, value: Any, change: str, hint: str, where: tuple[int | None, int | None] | None = None) -> None:
        if where is None:
            span = self.index.value_span(path) if self.index is not None else None
            where = (span.line, span.column) if span else (None, None)
        self.out.append(Mutant(kind, path, value, where[0], where[1], change, hint))

    def conditions(self, expr: Expression, path: YPath, what: str) -> None:
        """Every number (and date) written in a condition, moved both ways."""
        text = expr.text
        for start, end, old, new_values in _constants(expr.node, text):
            span = self.index.expr_span(path, start, end) if self.index is not None else None
            where = (span.line, span.column) if span else (None, None)
            for new in new_values:
                mutated = text[:start] + new + text[end:]
                kind = "date" if text[start] in "\"'" else "number"
                self.add(
                    kind,
                    path,
                    mutated,
                    f"{what}: {old} -> {new} in '{_flat(text)}'",
                    f"add a case on each side of the boundary (this value at {old}, and at {new}) and check {_checked(what)}",
                    where,
                )

    def run(self) -> list[Mutant]:
        policy, data = self.policy, self.data
        for i, flt in enumerate(policy.filters):
            path = ("filters", i, "when")
            self.add(
                "filter",
                path,
                f"not ({flt.text})",
                f"filter '{flt.id}' negated",
                f"add a case expecting filter '{flt.id}' to pass (eligible: true) and one expecting it to fail (failed_filters)",
            )
            self.conditions(flt.expr, path, f"filter '{flt.id}'")
        for i, fac in enumerate(policy.factors):
            raw = data["factors"][i]
            weights: list[tuple[str | None, float]] = [(c.segment if c.segment is not None else "else", c.weight) for c in fac.choices]
            for segment, weight in weights or [(None, fac.weight)]:  # weights by segment: each one moves
                where: tuple[Any, ...] = ("factors", i, "weight") + ((segment,) if segment is not None else ())
                which = f" for segment {segment!r}" if segment is not None else ""
                for factor_ in (1.5, 0.5):
                    new = _number(weight * factor_)
                    self.add(
                        "weight",
                        where,
                        new,
                        f"factor '{fac.id}' weight{which} {describe_value(weight)} -> {_text(new)}",
                        f"add a case checking the points of factor '{fac.id}'{which} (or the score) for a customer who gets some of them",
                    )
            if "missing" in raw:
                new = 1 if fac.missing == 0 else 0
                self.add(
                    "missing",
                    ("factors", i, "missing"),
                    new,
                    f"factor '{fac.id}' missing {describe_value(fac.missing)} -> {new}",
                    f"add a customer without a value for factor '{fac.id}' and check its points (or missing: true and the score)",
                )
            for j, band in enumerate(fac.bands or ()):
                key = "value" if band.expr is not None else "else"
                label = f"band {j + 1}" + (f" ({_flat(band.text)})" if band.text else " (else)")
                for step in (0.25, -0.25):
                    new = _number(min(1.0, max(0.0, band.value + step)))
                    if new == band.value:
                        continue
                    self.add(
                        "band",
                        ("factors", i, "bands", j, key),
                        new,
                        f"factor '{fac.id}' {label} value {describe_value(band.value)} -> {_text(new)}",
                        f"add a case matching {label} of factor '{fac.id}' and check its points or the score",
                    )
                if band.expr is not None:
                    self.conditions(band.expr, ("factors", i, "bands", j, "when"), f"factor '{fac.id}' band {j + 1}")
        for k, adj in enumerate(policy.adjustments):
            for new, words in ((_number(adj.points * 2), "doubled"), (0, "set to 0")):
                self.add(
                    "adjustment",
                    ("adjustments", k, "points"),
                    new,
                    f"adjustment '{adj.id}' points {describe_value(adj.points)} -> {_text(new)} ({words})",
                    f"add a case where adjustment '{adj.id}' applies and check the score",
                )
            self.conditions(adj.expr, ("adjustments", k, "when"), f"adjustment '{adj.id}'")
        self.tiers()
        return self.out

    def tiers(self) -> None:
        policy = self.policy
        low, high = policy.score_min, policy.score_max
        for t, tier in enumerate(policy.tiers):
            below = policy.tiers[t + 1].name if t + 1 < len(policy.tiers) else None
            below_text = f"tier '{below}'" if below else "no tier (tier: null)"
            if tier.min is None:  # a relative tier: its share of the book moves instead
                self.top_percent(t, tier.name, tier.top_percent, below_text)
                continue
            up, down = _number(tier.min + 5), _number(tier.min - 5)
            path = ("tiers", t, "min")
            if high is None or up <= high:
                self.add(
                    "tier",
                    path,
                    up,
                    f"tier '{tier.name}' min {describe_value(tier.min)} -> {_text(up)}",
                    f"add a customer scoring between {describe_value(tier.min)} and {_text(up)} expecting tier '{tier.name}'",
                )
            if low is None or tier.min > low:
                self.add(
                    "tier",
                    path,
                    down,
                    f"tier '{tier.name}' min {describe_value(tier.min)} -> {_text(down)}",
                    f"add a customer scoring between {_text(down)} and {describe_value(tier.min)} (below {describe_value(tier.min)}) "
                    f"expecting {below_text}",
                )


    def top_percent(self, t: int, name: str, percent: float | None, below_text: str) -> None:
        """A relative tier's ``top_percent`` moved by 5 either way, kept within (0, 100]."""
        assert percent is not None
        path = ("tiers", t, "top_percent")
        for moved, hint in (
            (percent + 5, f"add customers just below the best {describe_value(percent)}% expecting {below_text}"),
            (percent - 5, f"add customers at the edge of the best {describe_value(percent)}% expecting tier '{name}'"),
        ):
            if 0 < moved <= 100:
                what = f"tier '{name}' top_percent {describe_value(percent)} -> {_text(_number(moved))}"
                self.add("tier", path, _number(moved), what, hint)

def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _checked(what: str) -> str:
    if what.startswith("filter"):
        return "eligibility"
    if what.startswith("adjustment"):
        return f"whether {what} applies"
    return f"which band of {what.rsplit(' band ', 1)[0]} matches"


def _constants(node: n.Expr, text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """(start, end, old text, new texts) of each number and date constant in an expression, left to right."""
    found: list[tuple[int, int, str, tuple[str, ...]]] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, n.Call) and cur.func == "date" and len(cur.args) == 1 and isinstance(cur.args[0], n.Literal):
            arg = cur.args[0]
            if isinstance(arg.value, str):
                try:
                    day = date.fromisoformat(arg.value)
                except ValueError:
                    continue
                start, end = arg.span
                quote = text[start]
                moved = tuple(f"{quote}{(day + timedelta(days=d)).isoformat()}{quote}" for d in (30, -30))
                found.append((start, end, text[start:end], moved))
            continue
        if isinstance(cur, n.Literal) and isinstance(cur.value, (int, float)) and not isinstance(cur.value, bool):
            start, end = cur.span
            written = text[start:end]
            value = cur.value
            whole = isinstance(value, int) or ("." not in written and "e" not in written.lower())
            step: int | float = max(1, round(abs(value) * 0.1)) if whole else (abs(value) * 0.1 or 0.1)
            moved = tuple(_text(_number(value + s)) for s in (step, -step))
            found.append((start, end, written, moved))
            continue
        stack.extend(reversed(n.children(cur)))
    return sorted(found)


def mutants_of(policy: Policy, data: dict[str, Any]) -> list[Mutant]:
    """Every mutant of ``policy``, loaded from ``data`` (its YAML as parsed), in the order of the file."""
    made = _Maker(policy, data).run()
    return sorted(made, key=lambda m: (m.line or 0, m.column or 0))
