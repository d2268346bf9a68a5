"""The compiled yes/no check of a schema agrees with jsonschema, which stays the definition (and gives the messages)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from policyscore.policyfile.schema import load_schema, valid_check
from policyscore.policyfile.schemacheck import Unsupported, compile_check

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "rules").glob("*.yaml")) + sorted((ROOT / "tests" / "cases").glob("*.yaml"))


def _load(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return None


def _agree(name: str, doc: Any) -> None:
    check = valid_check(name)
    assert check is not None
    assert check(doc) == Draft202012Validator(load_schema(name)).is_valid(doc), json.dumps(doc, default=str)[:300]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_agrees_on_every_policy_and_test_file_of_the_repository(path):
    doc = _load(path)
    _agree("policytest" if path.name.endswith(".test.yaml") else "policy", doc)
    if isinstance(doc, dict) and "policy" in doc and isinstance(doc.get("policy"), dict):  # conformance cases hold one
        _agree("policy", doc["policy"])


def test_the_repository_has_valid_and_invalid_documents_to_agree_on():
    results = {valid_check("policy")(_load(p)) for p in DOCS if not p.name.endswith(".test.yaml")}  # type: ignore[misc]
    assert results == {True, False}


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 200),
    st.floats(-2, 200, allow_nan=False),
    st.sampled_from(["", "x", "best", "a b", "1bad", "weight", "list[string]", "number?", "enum(a, b)", "not a type"]),
    st.just([]),
    st.just({}),
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, prefix + (i,))
    return out


@st.composite
def _mutated(draw: st.DrawFn) -> Any:
    """A policy of rules/ with a few places replaced, removed or added: mostly invalid, sometimes still valid."""
    path = draw(st.sampled_from([p for p in DOCS if p.parent.name == "rules" and not p.name.endswith(".test.yaml")]))
    doc = copy.deepcopy(_load(path))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(_paths(doc)[1:]))
        parent = doc
        for part in where[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "remove":
            del parent[where[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "min", "weight", "id", "when", "top_percent"]))] = draw(_VALUES)
        else:
            parent[where[-1]] = draw(_VALUES)
        if not _paths(doc)[1:]:
            break
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_agrees_on_edited_policies(doc):
    _agree("policy", doc)


def test_integers_numbers_and_booleans_follow_json_schema():
    check = compile_check({"type": "object", "properties": {"n": {"type": "integer"}, "e": {"enum": [1, "a"]}}})
    assert check({"n": 2}) and check({"n": 2.0}) and not check({"n": 2.5}) and not check({"n": True})
    assert check({"e": 1.0}) and not check({"e": True}) and not check({"e": "b"})


def test_a_keyword_it_does_not_compile_is_refused():
    with pytest.raises(Unsupported):
        compile_check({"type": "string", "format": "date"})


def test_validate_starts_without_the_heavy_modules():
    """`policyscore validate` of a valid policy imports neither jsonschema nor the modules only other commands use."""
    code = (
        "import sys\n"
        "from policyscore.cli import main\n"
        "try:\n    main(['validate', 'rules/startup-us-ca.yaml'])\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "heavy = ['jsonschema', 'duckdb', 'sqlglot', 'jinja2', 'tabulate', 'vl_convert', 'policyscore.review.diff']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == ""
