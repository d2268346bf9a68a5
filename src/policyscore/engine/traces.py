"""Where a record's values come from: why an expression is null, and the trace of every sub-expression.

Both read the reference interpreter's traces (:func:`policyscore.language.interpreter.traced`), so
explanations' null reasons and ``explain --trace`` show what the reference evaluator computed.
"""

from __future__ import annotations

from typing import Any

from policyscore.engine import reference
from policyscore.language import nodes as n
from policyscore.language.interpreter import Traced, traced
from policyscore.language.semantics import to_plain
from policyscore.policyfile.program import Expression, Program

__all__ = ["why_null", "trace_tree", "trace_of"]


def why_null(expr: Expression, lookup: Any, program: Program, skip: frozenset[str] = frozenset()) -> str | None:
    """Say where a null came from: missing fields, divisions by zero, functions that gave null.

    A null let is followed into its own expression, so the reason names the
    field or division at the source.
    """
    tree, error = traced(expr.node, lookup)
    if error is not None or tree.value is not None:
        return None
    origins: list[str] = []
    _find_origins(tree, expr.text, origins, lookup, program, skip)
    return "; ".join(dict.fromkeys(origins)) or None


def _find_origins(tree: Traced, text: str, out: list[str], lookup: Any, program: Program, skip: frozenset[str]) -> None:
    if tree.value is not None:
        return
    null_kids = [c for c in tree.children if c.value is None]
    if null_kids:
        for c in null_kids:
            _find_origins(c, text, out, lookup, program, skip)
        return
    node = tree.node
    src = text[node.span[0] : node.span[1]]
    match node:
        case n.Name(name=name) if name not in skip and program.let_named(name) is not None:
            let = program.let_named(name)
            assert let is not None
            reason = why_null(let.expr, lookup, program, skip | {name})
            out.append(f"{reason} (in let '{name}')" if reason else f"'{name}' is null")
        case n.Name(name=name):
            out.append(f"'{name}' is null")
        case n.Attr():
            out.append(f"'{src}' is null")
        case n.Binary(op="/" | "%"):
            out.append(f"division by zero in '{src}'")
        case n.Call():
            out.append(f"'{src}' gave null")
        case n.Literal():
            out.append("the expression uses null")
        case _:
            out.append(f"'{src}' is null")


def trace_tree(tree: Traced, text: str) -> dict[str, Any]:
    """Every sub-expression of a traced expression with its value, as a nested tree."""

    def build(node: n.Expr, done: Traced | None) -> dict[str, Any]:
        return {
            "expression": text[node.span[0] : node.span[1]],
            "evaluated": done is not None,
            "value": to_plain(done.value) if done is not None else None,
            "children": [build(c, done.child(c) if done is not None else None) for c in n.children(node)],
        }

    return build(tree.node, tree)


def trace_of(result: Any) -> list[dict[str, Any]]:
    """Every sub-expression's value for each rule the record went through (``--trace``).

    Each entry is ``{"label": "factor size", "tree": ...}`` (see :func:`trace_tree`): every let in policy
    order (also those an ineligible record did not need), then the filters, then, for an eligible record,
    each factor (bands up to the one that decided) and each adjustment, as the reference evaluator went.
    """
    program: Program = result.program
    outcome = reference.evaluate(program, result.record, result.as_of, trace=True, portfolio=result.portfolio_values)
    lets: dict[int, Traced] = {}
    rest: list[dict[str, Any]] = []
    for step in outcome.steps:
        assert step.trace is not None
        if step.kind == "let":
            lets[step.index] = step.trace
            continue
        if step.kind == "band":
            label = f"factor {program.factors[step.index].id}, band {(step.band or 0) + 1}"
        elif step.kind == "segment":
            label = f"factor {program.factors[step.index].id}, segment"
        else:
            parts: dict[str, tuple[Any, ...]] = {"filter": program.filters, "factor": program.factors, "adjustment": program.adjustments}
            label = f"{step.kind} {parts[step.kind][step.index].id}"
        rest.append({"label": label, "tree": trace_tree(step.trace, step.expr.text)})
    out = []
    for i, let in enumerate(program.lets):
        tree = lets.get(i) or traced(let.expr.node, result.lookup)[0]
        out.append({"label": f"derived value {let.name}", "tree": trace_tree(tree, let.expr.text)})
    return out + rest
