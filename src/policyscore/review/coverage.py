"""Coverage of a policy by the records its tests score.

A policy's *coverage items* are the outcomes a reviewer wants to have seen at
least once:

- every filter seen passing, and seen failing (false or null);
- every band of every banded factor matched (the final ``else`` included);
- every adjustment seen applied, and seen not applied;
- both branches of every ``if ... then ... else`` in every expression (lets,
  filters, factor values, band conditions, adjustments): ``then`` taken and
  ``else`` taken.  A null condition takes neither branch.

Outcomes are read from the steps the reference evaluator
(:func:`policyscore.engine.reference.evaluate`) reports for a record, with
their traces: every filter and the lets they need; for an eligible record also
every other let, each factor's value, band conditions in order up to the first
that is true or null, and every adjustment.  An ``if`` under an ``and``/``or``
that its left side already decided is not evaluated.
The coverage of a policy is covered items / items, per policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policyscore.engine import reference
from policyscore.engine.result import Result
from policyscore.errors import RecordError
from policyscore.language import nodes as n
from policyscore.language.interpreter import Traced
from policyscore.policy import Policy
from policyscore.policyfile.program import Expression

__all__ = ["CoverageItem", "PolicyCoverage", "CoverageCollector", "coverage_of", "KINDS"]

#: The kinds of coverage items, in report order.
KINDS = ("filter", "band", "adjustment", "if")

_MISSED = {
    "passes": "never passed",
    "fails": "never failed",
    "applied": "never applied",
    "not applied": "was always applied",
    "then": "never took the 'then' branch",
    "else": "never took the 'else' branch",
}


@dataclass(frozen=True)
class CoverageItem:
    """One outcome to see: ``kind`` (filter, band, adjustment, if), where it is, and how often it was seen."""

    kind: str
    where: str  # "filter 'home_market'", "factor 'advocacy'", "let 'tenure_months'", ...
    outcome: str  # passes/fails, band N, applied/not applied, then/else
    detail: str | None  # the band's condition, the `if` expression
    line: int | None
    hits: int = 0

    @property
    def covered(self) -> bool:
        return self.hits > 0

    def describe_missed(self) -> str:
        """``filter 'home_market' never failed``, ``factor 'x' never matched band 3 (else)``, ..."""
        if self.kind == "band":
            return f"{self.where} never matched {self.outcome} ({self.detail})"
        if self.kind == "if":
            return f"{self.where}: '{self.detail}' {_MISSED[self.outcome]}"
        return f"{self.where} {_MISSED[self.outcome]}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "where": self.where,
            "outcome": self.outcome,
            "detail": self.detail,
            "line": self.line,
            "hits": self.hits,
        }


@dataclass(frozen=True)
class PolicyCoverage:
    """The coverage items of one policy with their hit counts."""

    policy: str
    version: str | int
    path: str | None
    items: tuple[CoverageItem, ...]
    records: int = 0
    tested: bool = True  # False for a policy found beside the tests that no test file names

    @property
    def covered(self) -> int:
        return sum(1 for i in self.items if i.covered)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def fraction(self) -> float:
        return self.covered / self.total if self.total else 1.0

    @property
    def percent(self) -> float:
        """Covered share in percent, rounded *down* to one decimal (99.96% is not shown as 100%)."""
        return (self.covered * 1000 // self.total) / 10 if self.total else 100.0

    @property
    def missed(self) -> tuple[CoverageItem, ...]:
        return tuple(i for i in self.items if not i.covered)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """``{kind: (covered, total)}`` for the kinds the policy has."""
        out: dict[str, tuple[int, int]] = {}
        for kind in KINDS:
            items = [i for i in self.items if i.kind == kind]
            if items:
                out[kind] = (sum(1 for i in items if i.covered), len(items))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "version": self.version,
            "path": self.path,
            "records": self.records,
            "tested": self.tested,
            "covered": self.covered,
            "total": self.total,
            "percent": self.percent,
            "by_kind": {k: {"covered": c, "total": t} for k, (c, t) in self.by_kind().items()},
            "items": [i.to_dict() for i in self.items],
        }


class _Lines:
    """Line numbers of parts of the policy, from the positions kept when it was loaded."""

    def __init__(self, policy: Policy):
        self.index = policy.source_index

    def key(self, path: tuple[Any, ...]) -> int | None:
        span = self.index.key_span(path) if self.index is not None and path else None
        return span.line if span else None

    def expr(self, info: Expression, start: int, end: int) -> int | None:
        span = self.index.expr_span(info.path, start, end) if self.index is not None and info.path else None
        return span.line if span else None


class CoverageCollector:
    """Accumulates the coverage of one policy over the results of scoring records with it."""

    def __init__(self, policy: Policy):
        self.policy = policy
        self.records = 0
        self._items: list[CoverageItem] = []
        self._hits: list[int] = []
        self._ifs: dict[tuple[str, int, int | None], list[tuple[n.Cond, int]]] = {}  # a part's ifs with their 'then' item
        lines = _Lines(policy)
        self._filter_items = []
        for f in policy.filters:
            line = lines.key(f.path + ("id",))
            self._filter_items.append(
                (
                    self._add("filter", f"filter '{f.id}'", "passes", f.text, line),
                    self._add("filter", f"filter '{f.id}'", "fails", f.text, line),
                )
            )
        self._band_items: list[list[int]] = []
        for fac in policy.factors:
            ids = []
            for j, band in enumerate(fac.bands or ()):
                line = lines.key(band.path + ("when" if band.expr is not None else "else",))
                label = f"band {j + 1}" + (f" '{band.label}'" if band.label else "")
                ids.append(self._add("band", f"factor '{fac.id}'", label, band.text if band.expr is not None else "else", line))
            self._band_items.append(ids)
        self._adj_items = []
        for adj in policy.adjustments:
            line = lines.key(adj.path + ("id",))
            where = f"adjustment '{adj.id}'"
            self._adj_items.append(
                (self._add("adjustment", where, "applied", adj.text, line), self._add("adjustment", where, "not applied", adj.text, line))
            )
        # `if` branches, in policy order
        for i, let in enumerate(policy.lets):
            self._register_ifs(("let", i, None), let.expr, f"let '{let.name}'", lines)
        for i, f in enumerate(policy.filters):
            self._register_ifs(("filter", i, None), f.expr, f"filter '{f.id}'", lines)
        for i, fac in enumerate(policy.factors):
            if fac.expr is not None:
                self._register_ifs(("factor", i, None), fac.expr, f"factor '{fac.id}'", lines)
            for j, band in enumerate(fac.bands or ()):
                if band.expr is not None:
                    where = f"factor '{fac.id}' band {j + 1}"
                    self._register_ifs(("band", i, j), band.expr, where, lines)
        for i, adj in enumerate(policy.adjustments):
            self._register_ifs(("adjustment", i, None), adj.expr, f"adjustment '{adj.id}'", lines)

    def _add(self, kind: str, where: str, outcome: str, detail: str | None, line: int | None) -> int:
        self._items.append(CoverageItem(kind, where, outcome, detail, line))
        self._hits.append(0)
        return len(self._items) - 1

    def _register_ifs(self, key: tuple[str, int, int | None], info: Expression, where: str, lines: _Lines) -> None:
        found: list[tuple[n.Cond, int]] = []
        stack: list[n.Expr] = [info.node]
        conds: list[n.Cond] = []
        while stack:
            node = stack.pop()
            if isinstance(node, n.Cond):
                conds.append(node)
            stack.extend(reversed(n.children(node)))
        for node in sorted(conds, key=lambda c: c.span[0]):
            text = _short(info.text[node.span[0] : node.span[1]])
            line = lines.expr(info, node.span[0], node.span[0] + 2) or info.line
            then = self._add("if", where, "then", text, line)
            self._add("if", where, "else", text, line)
            found.append((node, then))
        self._ifs[key] = found

    # ------------------------------------------------------------ collecting
    def add(self, result: Result) -> None:
        """Count the outcomes of one scored record (any result of this collector's policy)."""
        policy = self.policy
        self.records += 1
        try:
            outcome = reference.evaluate(policy.program, result.record, result.as_of, trace=True, portfolio=result.portfolio_values)
        except RecordError:  # pragma: no cover - a scored record is a good record
            return
        for (passes, fails), value in zip(self._filter_items, outcome.filters):
            self._hits[passes if value is True else fails] += 1
        if outcome.eligible:
            assert outcome.bands is not None and outcome.adjustments is not None
            for band_items, band in zip(self._band_items, outcome.bands):
                if band_items and band is not None:
                    self._hits[band_items[band]] += 1
            for (applied, not_applied), value in zip(self._adj_items, outcome.adjustments):
                self._hits[applied if value is True else not_applied] += 1
        for step in outcome.steps:
            ifs = self._ifs.get((step.kind, step.index, step.band))
            if ifs and step.trace is not None:
                self._count_ifs(step.trace, ifs)

    def _count_ifs(self, tree: Traced, ifs: list[tuple[n.Cond, int]]) -> None:
        """Count the branch each evaluated ``if`` took (a null condition takes neither)."""
        stack = [tree]
        then_items = {id(node): then for node, then in ifs}
        while stack:
            cur = stack.pop()
            if isinstance(cur.node, n.Cond):
                cond = cur.child(cur.node.cond)
                then = then_items.get(id(cur.node))
                if cond is not None and then is not None and cond.value is not None:
                    self._hits[then if cond.value is True else then + 1] += 1
            stack.extend(cur.children)

    def report(self) -> PolicyCoverage:
        items = tuple(CoverageItem(i.kind, i.where, i.outcome, i.detail, i.line, h) for i, h in zip(self._items, self._hits))
        p = self.policy
        return PolicyCoverage(p.name, p.version, p.path, items, self.records)


def coverage_of(policy: Policy, results: Any) -> PolicyCoverage:
    """The coverage of ``policy`` by an iterable of its results."""
    collector = CoverageCollector(policy)
    for result in results:
        collector.add(result)
    return collector.report()


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
