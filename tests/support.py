"""Helpers shared by the engine tests: build small policies and evaluate expressions both ways."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import policyscore as ps
from policyscore.language.checker import Scope, Symbol, check_expr
from policyscore.language.interpreter import interpret
from policyscore.language.parser import parse
from policyscore.language.types import parse_type

AS_OF = date(2026, 11, 1)


def module_from_path(name: str, path: Path) -> ModuleType:
    """Import a Python file that is not part of a package (``examples/generate.py``, a benchmark) as ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def policy_text(body: str) -> str:
    return textwrap.dedent(body).strip() + "\n"


def load(body: str, name: str = "t.yaml", *, check_all_fields: bool = False) -> ps.Policy:
    return ps.load_policy_text(policy_text(body), name, check_all_fields=check_all_fields)


def diagnostics(body: str, name: str = "t.yaml") -> list[ps.Diagnostic]:
    return ps.check_text(policy_text(body), name)


def errors(body: str, name: str = "t.yaml") -> list[ps.Diagnostic]:
    return [d for d in diagnostics(body, name) if d.is_error]


def _yaml_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def expr_policy(expr: str, fields: dict[str, str] | None = None, params: dict[str, Any] | None = None) -> ps.Policy:
    """A policy whose only let is ``out: <expr>`` (so the compiled code computes it)."""
    lines = ["policy: expr", "version: 1"]
    if fields:
        lines.append("record:")
        lines.append("  fields:")
        lines += [f"    {k}: {_yaml_str(v)}" for k, v in fields.items()]
    if params:
        lines.append("params:")
        for k, v in params.items():
            lines.append(f"  {k}: {v!r}" if not isinstance(v, str) else f"  {k}: {_yaml_str(v)}")
    lines.append("let:")
    lines.append(f"  out: {_yaml_str(expr)}")
    lines += ["factors:", "  - id: f", "    weight: 1", "    value: '0'"]
    return ps.load_policy_text("\n".join(lines) + "\n", "expr.yaml")


def compiled(
    expr: str, record: dict[str, Any] | None = None, fields: dict[str, str] | None = None, params: dict[str, Any] | None = None
) -> Any:
    """The value the compiled policy computes for ``expr`` on ``record``."""
    policy = expr_policy(expr, fields, params)
    return policy.score(record or {}, AS_OF).lookup("out")


def interpreted(
    expr: str, record: dict[str, Any] | None = None, fields: dict[str, str] | None = None, params: dict[str, Any] | None = None
) -> Any:
    """The value the reference interpreter computes for ``expr`` (after the same record checks)."""
    policy = expr_policy(expr, fields, params)
    rec = record or {}
    params = params or {}

    def lookup(name: str) -> Any:
        if name == "as_of":
            return AS_OF
        if name in params:
            return params[name]
        return policy.field_value(rec, name)

    return interpret(parse(expr), lookup)


def both(
    expr: str, record: dict[str, Any] | None = None, fields: dict[str, str] | None = None, params: dict[str, Any] | None = None
) -> Any:
    """Evaluate both ways, assert they agree (value and type), return the value."""
    a = compiled(expr, record, fields, params)
    b = interpreted(expr, record, fields, params)
    assert a == b and type(a) is type(b), (expr, a, b)
    return a


def type_of(expr: str, fields: dict[str, str]) -> str:
    scope = Scope()
    for k, v in fields.items():
        scope[k] = Symbol(k, "field", parse_type(v))
    checked = check_expr(parse(expr), scope)
    assert checked.ok, checked.problems
    return checked.type.describe()


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` as a test author (no signing); its standard output."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def result_of(program: Any, record: dict[str, Any], as_of: Any, outcome: Any, **more: Any) -> ps.Result:
    """A :class:`policyscore.Result` built by name from the reference evaluator's ``outcome`` (``more``: other fields)."""
    return ps.Result(
        program=program,
        record=record,
        as_of=as_of,
        let_values=outcome.lets,
        filter_values=outcome.filters,
        factor_values=outcome.values,
        band_indexes=outcome.bands,
        factor_units=outcome.units,
        adjustment_values=outcome.adjustments,
        raw_units=outcome.raw_units,
        total_units=outcome.total_units,
        tier_index=outcome.tier,
        factor_segments=outcome.segments,
        **more,
    )
