"""Coverage of a policy by the records its tests score.

A policy's *coverage items* are the outcomes a reviewer wants to have seen at
least once:

- every filter seen passing, and seen failing (false or null);
- every band of every banded factor matched (the final ``else`` included);
- every adjustment seen applied, and seen not applied;
- both branches of every ``if ... then ... else`` in every expression (lets,
  filters, factor values, band conditions, adjustments): ``then`` taken and
  ``else`` taken.  A null condition takes neither branch.

Outcomes are read from traces of the reference interpreter
(:func:`policyscore.language.interpreter.interpret`) over exactly the expressions
the engine evaluates for a record: every filter and the lets they need; for an
eligible record also every other let, each factor's value, band conditions in
order up to the first that is true or null, and every adjustment.  An ``if``
under an ``and``/``or`` that its left side already decided is not evaluated.
The coverage of a policy is covered items / items, per policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policyscore.engine.explanation import Result
from policyscore.language import nodes as n
from policyscore.language.interpreter import ExprRuntimeError, Trace, interpret
from policyscore.policy import ExprInfo, Policy

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

    def expr(self, info: ExprInfo, start: int, end: int) -> int | None:
        span = self.index.expr_span(info.path, start, end) if self.index is not None and info.path else None
        return span.line if span else None


class CoverageCollector:
    """Accumulates the coverage of one policy over the results of scoring records with it."""

    def __init__(self, policy: Policy):
        self.policy = policy
        self.records = 0
        self._items: list[CoverageItem] = []
        self._hits: list[int] = []
        self._ifs: dict[int, list[tuple[n.Cond, int]]] = {}  # id(root node) -> its ifs with the index of their 'then' item
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
        for let in policy.lets:
            self._register_ifs(let.expr, f"let '{let.name}'", lines)
        for f in policy.filters:
            self._register_ifs(f.expr, f"filter '{f.id}'", lines)
        for fac in policy.factors:
            if fac.expr is not None:
                self._register_ifs(fac.expr, f"factor '{fac.id}'", lines)
            for j, band in enumerate(fac.bands or ()):
                if band.expr is not None:
                    where = f"factor '{fac.id}' band {j + 1}"
                    self._register_ifs(band.expr, where, lines)
        for adj in policy.adjustments:
            self._register_ifs(adj.expr, f"adjustment '{adj.id}'", lines)
        self._early = _lets_for_filters(policy)

    def _add(self, kind: str, where: str, outcome: str, detail: str | None, line: int | None) -> int:
        self._items.append(CoverageItem(kind, where, outcome, detail, line))
        self._hits.append(0)
        return len(self._items) - 1

    def _register_ifs(self, info: ExprInfo, where: str, lines: _Lines) -> None:
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
        self._ifs[id(info.node)] = found

    # ------------------------------------------------------------ collecting
    def add(self, result: Result) -> None:
        """Count the outcomes of one scored record (any result of this collector's policy)."""
        policy = self.policy
        self.records += 1
        lookup = result.lookup
        eligible = result.eligible
        failed = set(result.failed_filters)
        for let in policy.lets:
            if eligible or let.name in self._early:
                self._trace(let.expr.node, lookup)
        for f, (passes, fails) in zip(policy.filters, self._filter_items):
            self._hits[fails if f.id in failed else passes] += 1
            self._trace(f.expr.node, lookup)
        if not eligible:
            return
        for fac, band_items in zip(policy.factors, self._band_items):
            if fac.expr is not None:
                self._trace(fac.expr.node, lookup)
                continue
            for j, band in enumerate(fac.bands or ()):
                if band.expr is None:
                    self._hits[band_items[j]] += 1
                    break
                value = self._trace(band.expr.node, lookup)
                if value is True:
                    self._hits[band_items[j]] += 1
                    break
                if value is None:
                    break
        for adj, (applied, not_applied) in zip(policy.adjustments, self._adj_items):
            value = self._trace(adj.expr.node, lookup)
            self._hits[applied if value is True else not_applied] += 1

    def _trace(self, root: n.Expr, lookup: Any) -> Any:
        trace: Trace = []
        try:
            value = interpret(root, lookup, trace)
        except ExprRuntimeError:
            value = None
        ifs = self._ifs.get(id(root))
        if ifs:
            values = {id(node): v for node, v in trace}
            for node, then in ifs:
                key = id(node.cond)
                if key in values:
                    c = values[key]
                    if c is True:
                        self._hits[then] += 1
                    elif c is False:
                        self._hits[then + 1] += 1
        return value

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


def _names_in(node: n.Expr) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, n.Name):
            found.add(cur.name)
        stack.extend(n.children(cur))
    return found


def _lets_for_filters(policy: Policy) -> set[str]:
    """The lets the filters read, directly or through other lets (what an ineligible record evaluates)."""
    by_name = {let.name: let for let in policy.lets}
    needed: set[str] = set()
    todo = [name for f in policy.filters for name in _names_in(f.expr.node) if name in by_name]
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo.extend(x for x in _names_in(by_name[name].expr.node) if x in by_name)
    return needed
