"""The JSON Schemas shipped with policyscore, and policy checking against them."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from policyscore.errors import Diagnostic, clipped, printable
from policyscore.policyfile.schemacheck import Check, Unsupported, compile_check
from policyscore.policyfile.yamlsource import Path, SourceIndex

if TYPE_CHECKING:  # pragma: no cover - jsonschema is imported only when a document has errors to report
    import jsonschema
    from jsonschema import Draft202012Validator

__all__ = ["SCHEMA_NAMES", "load_schema", "schema_text", "valid_check", "check_policy_data", "schema_diagnostics", "path_text"]

SCHEMA_NAMES = ("policy", "explanation", "customer", "policytest")


def schema_text(name: str) -> str:
    """The text of a bundled schema: ``policy``, ``explanation`` or ``customer``."""
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    return resources.files("policyscore").joinpath("schemas").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    return json.loads(schema_text(name))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _policy_validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # imported here: it takes longer than checking a valid policy

    return Draft202012Validator(load_schema("policy"))


@cache
def valid_check(name: str) -> Check | None:
    """A fast yes/no check of a document against a bundled schema (None: the schema cannot be compiled to one)."""
    try:
        return compile_check(load_schema(name))
    except Unsupported:
        return None


def path_text(path: Path) -> str:
    """``("factors", 2, "weight")`` -> ``factors[2].weight``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{printable(part)}" if out else printable(part)
    return out or "the policy"


_TYPE_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "null",
}


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {clipped(str(value))}"
    if isinstance(value, str):
        return f"string {clipped(value)!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value}"


def check_policy_data(data: Any, index: SourceIndex) -> Iterator[Diagnostic]:
    """Yield a diagnostic for every place ``data`` breaks the policy schema.

    A valid policy is recognised by the compiled check of the schema alone;
    ``jsonschema`` is asked for the errors only when that check fails.
    """
    check = valid_check("policy")
    if check is not None and check(data):
        return
    for error in _policy_validator().iter_errors(data):
        yield from schema_diagnostics(error, index, "PS110", "the policy")


#: A number with an exponent that YAML 1.1 reads as text (it wants a dot and a signed exponent: ``1.0e+12``).
_EXPONENT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")


def _exponent_hint(instance: Any, index: SourceIndex, path: Path) -> str | None:
    """For ``1e12`` written unquoted where a number belongs: how to write it so that YAML reads a number."""
    if not isinstance(instance, str) or not _EXPONENT.fullmatch(instance.strip()) or not index.is_plain(path):
        return None
    number = float(instance.strip())
    if number in (float("inf"), float("-inf")):
        return None  # too big for any number: the message says what is allowed
    written = yaml.safe_dump(number).split("\n", 1)[0]
    return f"YAML reads {instance.strip()} as text; write the number as {written}"


def _branch_of_its_kind(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError] | None:
    """The errors of the one branch of an ``anyOf``/``oneOf`` whose type the value has, when exactly one has it.

    A branch that complains about the type of the value itself is of another
    kind; when one branch is left (the list of "one id or a list of ids"),
    its errors say what is wrong with the list: empty, an id twice, an item.
    """
    branches: dict[Any, list[jsonschema.ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(sub.schema_path[0] if sub.schema_path else None, []).append(sub)
    if error.validator == "oneOf" and len(branches) < len(error.validator_value):
        return None  # the value matched more than one branch: that is the problem
    of_its_kind = [subs for subs in branches.values() if not any(s.validator == "type" and not s.relative_path for s in subs)]
    return of_its_kind[0] if len(of_its_kind) == 1 else None


def schema_diagnostics(error: jsonschema.ValidationError, index: SourceIndex, code: str, document: str) -> Iterator[Diagnostic]:
    """Turn one JSON Schema error into diagnostics with positions and plain words.

    ``code`` is the diagnostic code for schema errors of this kind of file and
    ``document`` names the file's top level ("the policy", "the test file").
    A schema keyword's ``description`` is used to say what a value must be.
    """
    path: Path = tuple(error.absolute_path)
    where = path_text(path) if path else document
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        for key in instance:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else (f"allowed keys: {', '.join(allowed)}" if allowed else None)
            yield Diagnostic(code, f"unknown key '{printable(key)}' in {where}", index.key_span(path + (key,)), hint)
        return
    if kind == "required":
        missing = [k for k in error.validator_value if isinstance(instance, dict) and k not in instance]
        for key in missing:
            yield Diagnostic(code, f"{where} is missing the required key '{key}'", index.key_span(path) if path else index.value_span(()))
        return
    if kind == "dependentRequired" and isinstance(instance, dict):
        for key, needs in error.validator_value.items():
            for other in needs if key in instance else ():
                if other not in instance:
                    yield Diagnostic(code, f"'{key}' in {where} needs '{other}'", index.key_span(path + (key,)))
        return
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in wanted)
        if code == "PS110" and (path and path[-1] in ("when", "value", "else") or (len(path) == 2 and path[0] == "let")):
            words = "an expression (a string)" if "string" in wanted else words
        hint = index.boolean_hint(path) if isinstance(instance, bool) and "string" in wanted else None
        if hint is None and ("number" in wanted or "integer" in wanted):
            hint = _exponent_hint(instance, index, path)
        yield Diagnostic(code, f"{where} must be {words}, got {_describe(instance)}", index.value_span(path), hint)
        return
    if kind in ("minItems", "minProperties", "minLength") and not (code == "PS110" and path == ("record",)):
        yield Diagnostic(code, f"{where} must not be empty", index.value_span(path))
        return
    if kind in ("anyOf", "oneOf") and isinstance(instance, list):
        branch = _branch_of_its_kind(error)
        if branch is not None:  # `ids: []` is an empty list, not "a list instead of one id or a list of ids"
            for sub in branch:
                yield from schema_diagnostics(sub, index, code, document)
            return
    if kind in ("anyOf", "oneOf", "pattern") and schema.get("description"):
        hint = _exponent_hint(instance, index, path) if kind != "pattern" else None
        yield Diagnostic(code, f"{where} must be {schema['description']}, got {_describe(instance)}", index.value_span(path), hint)
        return
    if kind == "pattern":
        if path and path[0] == "record":
            msg = f"{where}: unknown field type {instance!r}"
            hint = "types: string, number, integer, boolean, date, datetime, list[string], list[number]; add '?' for nullable"
        else:
            msg = f"{where}: {instance!r} is not a valid name"
            hint = "use letters, digits and '_' (ids may also use '-'), starting with a letter or '_'"
        as_key = path + (instance,)
        span = index.key_span(as_key) if isinstance(instance, str) and as_key in index else index.value_span(path)
        yield Diagnostic(code, msg, span, hint)
        return
    if kind == "propertyNames":
        yield Diagnostic(code, f"{where}: {instance!r} is not a valid name", index.value_span(path))
        return
    if kind == "uniqueItems":
        yield Diagnostic(code, f"{where} lists the same value twice", index.value_span(path))
        return
    if kind == "enum":
        choices = ", ".join(map(str, error.validator_value))
        yield Diagnostic(code, f"{where} must be one of {choices}, got {_describe(instance)}", index.value_span(path))
        return
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "greater than",
            "exclusiveMaximum": "less than",
        }[kind]
        yield Diagnostic(code, f"{where} must be {words} {error.validator_value}, got {instance}", index.value_span(path))
        return
    if kind in ("minProperties", "maxProperties") and path == ("record",):
        yield Diagnostic(code, "record needs exactly one of 'schema' or 'fields'", index.key_span(path))
        return
    yield Diagnostic(code, f"{where}: {error.message}", index.value_span(path))
