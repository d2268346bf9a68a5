"""The conformance corpus: every case in ``tests/cases/`` run against every back end.

A case is one YAML file (format in ``tests/cases/README.md``) pinning one rule
of the documentation with a policy (or a single expression), records and the
outcome the documented rules give, worked out by hand.  A back end is one
entry of :data:`BACKENDS`: a function that loads a policy text and scores
records, returning each record's outcome in the neutral shape built by
:func:`outcome_from_explanation` (or :func:`outcome_from_error`).  Adding a
back end (a reference evaluator, SQL) is adding one entry, and saying in
:data:`COMPARED` which outcome keys it gives.

The SQL back ends (``duckdb``, ``spark``) give fewer keys than an explanation
(:data:`SQL_KEYS`), and for a record the Python engine rejects they agree by
not scoring it (:func:`outcome_unscored`); policies they refuse (PS701) are
listed in :data:`SQL_REFUSED`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import spark_missing
from sql_support import Unscored, inferred_types, run_duckdb, run_spark
from support import result_of

import policyscore as ps
from policyscore.engine import reference
from policyscore.engine.portfolio import build_portfolio
from policyscore.language.functions import FUNCTIONS
from policyscore.language.semantics import to_plain
from policyscore.sql import SqlUnsupported

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "cases"
DOCS_DIR = ROOT / "docs"

#: Sections of these documents state rules: each must be pinned by at least one case.
RULE_DOCS = ("language.md", "semantics.md")

#: Cases where a back end disagrees with the documentation: (back end, case file) -> why.
#: The case keeps the documented outcome; the test is marked xfail (strict) until the engine is fixed.
KNOWN_DIVERGENCES: dict[tuple[str, str], str] = {
}


class PolicyRejected(Exception):
    """A back end refused to load the policy; ``diagnostics`` are neutral dicts (code, severity, line, column)."""

    def __init__(self, diagnostics: list[dict[str, Any]]):
        super().__init__(f"{len(diagnostics)} diagnostics")
        self.diagnostics = diagnostics


Outcome = dict[str, Any]
Backend = Callable[[str, Path, list[dict[str, Any]], date], list[Outcome]]


# ---------------------------------------------------------------- the neutral outcome shape


def outcome_from_explanation(explanation: dict[str, Any]) -> Outcome:
    """One scored record's outcome, from an explanation as ``Result.to_dict()`` gives it."""
    eligible = explanation["eligible"]
    factors = explanation["factors"]
    total = explanation["total"]
    next_tier = explanation["next_tier"]
    return {
        "eligible": eligible,
        "score": explanation["score"],
        "tier": explanation["tier"],
        "unclamped": total["unclamped"] if total else None,
        "points": {f["id"]: f["points"] for f in factors} if eligible else None,
        "max_points": {f["id"]: f["max_points"] for f in factors} if eligible else None,
        "values": {f["id"]: f["value"] for f in factors} if eligible else None,
        "raw_values": {f["id"]: f["raw_value"] for f in factors} if eligible else None,
        "bands": {f["id"]: f["band"]["index"] for f in factors if f["band"] is not None},
        "missing": [f["id"] for f in factors if f["missing"]],
        "clamped": [f["id"] for f in factors if f["clamped"]],
        "adjustments": [a["id"] for a in explanation["adjustments"] if a["applied"]],
        "lets": {let["name"]: let["value"] for let in explanation["lets"]},
        "failed_filters": [f["id"] for f in explanation["filters"] if not f["passed"]],
        "reasons": [r["code"] for r in explanation["reasons"]],
        "next_tier": None if next_tier is None else {"name": next_tier["name"], "points_short": next_tier["points_short"]},
    }


def outcome_from_error(code: str, field: str | None) -> Outcome:
    """A rejected record's outcome."""
    return {"error": {"code": code, "field": field}}


def outcome_unscored(why: str) -> Outcome:
    """A record the SQL query did not score (see :class:`sql_support.Unscored`): its columns are NULL, or
    it is left to the Python engine.  Where the Python engine rejects a record, this is agreement."""
    return {"unscored": why}


def outcome_from_sql_row(program: Any, row: dict[str, Any]) -> Outcome:
    """One record's outcome from a row of the SQL query's output (the keys of :data:`SQL_KEYS`)."""
    eligible = row["eligible"]
    factor_ids = set(program.factor_ids)
    if eligible:
        reasons = [f"factor:{r}" if r in factor_ids else f"adjustment:{r}" for r in row["reasons"]]
    else:
        reasons = [f"filter:{r}" for r in row["reasons"]]
    return {
        "eligible": eligible,
        "score": row["score"],
        "tier": row["tier"],
        "points": {f.id: row[f"points_{f.id}"] for f in program.factors} if eligible else None,
        "failed_filters": row["failed_filters"],
        "reasons": reasons,
        "lets": {let.name: to_plain(row[f"let_{let.name}"]) for let in program.lets},
    }


def neutral_diagnostic(d: ps.Diagnostic) -> dict[str, Any]:
    return {
        "code": d.code,
        "severity": d.severity,
        "line": d.span.line if d.span else None,
        "column": d.span.column if d.span else None,
    }


# ---------------------------------------------------------------- back ends


def _load(policy_text: str, base_dir: Path, check_all_fields: bool = False) -> ps.Policy:
    try:
        return ps.load_policy_text(policy_text, "case.yaml", base_dir, check_all_fields=check_all_fields)
    except ps.PolicyError as exc:
        raise PolicyRejected([neutral_diagnostic(d) for d in exc.diagnostics]) from None


def python_backend(
    policy_text: str, base_dir: Path, records: list[dict[str, Any]], as_of: date, check_all_fields: bool = False
) -> list[Outcome]:
    """The compiled engine, through the public API."""
    out = []
    for item in _load(policy_text, base_dir, check_all_fields).score_many(records, as_of=as_of, on_error="yield"):
        if isinstance(item, ps.RecordError):
            out.append(outcome_from_error(item.code, item.field))
        else:
            out.append(outcome_from_explanation(item.to_dict()))
    return out


def reference_backend(
    policy_text: str, base_dir: Path, records: list[dict[str, Any]], as_of: date, check_all_fields: bool = False
) -> list[Outcome]:
    """The reference evaluator (the executable reading of the docs), explained like a compiled result.

    A policy that scores against the whole book gets its portfolio from :mod:`policyscore.engine.portfolio`
    and its relative tiers' thresholds from the reference's own scores, never from a compiled back end.
    """
    program = _load(policy_text, base_dir).program
    book = build_portfolio(program, records, as_of)[0] if program.uses_book else None

    def evaluated(record: dict[str, Any]) -> tuple[Any, Any]:
        row = book.row(record, reference.record_lookup(program, record, as_of, check_all_fields)) if book is not None else None
        return reference.evaluate(program, record, as_of, check_all_fields=check_all_fields, portfolio=row), row

    if book is not None and program.relative_tiers:
        scores = []
        for record in records:
            try:
                o, _ = evaluated(record)
            except ps.RecordError:
                continue
            if o.total_units is not None:
                scores.append(o.total_units)
        book.tier_thresholds = reference.relative_thresholds(program, scores)
    out = []
    for record in records:
        try:
            o, row = evaluated(record)
        except ps.RecordError as exc:
            out.append(outcome_from_error(exc.code, exc.field))
            continue
        result = result_of(program, record, as_of, o, portfolio_values=row)
        out.append(outcome_from_explanation(result.to_dict()))
    return out


def _sql_outcomes(rows: list[dict[str, Any] | Unscored], program: Any) -> list[Outcome]:
    return [outcome_unscored(row) if isinstance(row, Unscored) else outcome_from_sql_row(program, row) for row in rows]


def typed_policy_text(policy_text: str, base_dir: Path, records: list[dict[str, Any]]) -> str:
    """The policy with its undeclared fields declared, for a back end that needs types (SQL).

    A policy without a ``record:`` declaration reads fields of any type, checked when a value is used;
    the SQL back end refuses such fields.  Each field the policy reads is declared nullable with the one
    type every non-null value of the case's records has, so the case's outcomes are unchanged; a field
    whose values have no single type leaves the policy undeclared (and the SQL back end refuses it).
    """
    program = _load(policy_text, base_dir).program
    types = None if program.fields or not program.read_fields else inferred_types(program.read_fields, records)
    if types is None:
        return policy_text
    lines = [f"    {name}: {_yaml_scalar(kind)}" for name, kind in types.items()]
    return policy_text.rstrip("\n") + "\nrecord:\n  fields:\n" + "\n".join(lines) + "\n"


def duckdb_backend(
    policy_text: str, base_dir: Path, records: list[dict[str, Any]], as_of: date, check_all_fields: bool = False
) -> list[Outcome]:
    """The SQL query run by DuckDB on the records written as a JSON Lines file (raises SqlUnsupported for PS701)."""
    policy = _load(typed_policy_text(policy_text, base_dir, records), base_dir, check_all_fields)
    return _sql_outcomes(run_duckdb(policy, records, as_of, with_lets=True), policy.program)


def spark_backend(
    policy_text: str, base_dir: Path, records: list[dict[str, Any]], as_of: date, check_all_fields: bool = False, *, spark: Any = None
) -> list[Outcome]:
    """The Spark SQL query run on a typed DataFrame of the records.  A DataFrame holds only values of its
    columns' types: a record whose values the Python engine's checks refuse cannot be put in one and counts
    as not scored (the DuckDB back end runs those checks in SQL)."""
    policy = _load(typed_policy_text(policy_text, base_dir, records), base_dir, check_all_fields)
    return _sql_outcomes(run_spark(spark, policy, records, as_of, with_lets=True), policy.program)


BACKENDS: dict[str, Backend] = {"python": python_backend, "reference": reference_backend, "duckdb": duckdb_backend, "spark": spark_backend}

#: The outcome keys the SQL query's columns give (plus ``result``, the let of an expression case).
SQL_KEYS = frozenset({"eligible", "score", "tier", "points", "failed_filters", "reasons", "lets", "result"})
SQL_BACKENDS = ("duckdb", "spark")
#: For each back end, the ``want`` keys it is compared on (None: all of them).
COMPARED: dict[str, frozenset[str] | None] = {"python": None, "reference": None, "duckdb": SQL_KEYS, "spark": SQL_KEYS}
#: Back ends that cannot run on this machine, with what to install.
UNAVAILABLE: dict[str, str] = {"spark": why} if (why := spark_missing()) else {}

#: Cases whose policy the SQL back end refuses (PS701) -> what it does not compute yet.  Each is an
#: expected failure (strict) on the SQL back ends that must raise SqlUnsupported: a listed case that
#: loads fails the test, so the entry is removed when support lands.
SQL_REFUSED: dict[str, str] = {
    "fn-count.yaml": "an undeclared list with null items (a declared list holds none)",
    "fn-sum.yaml": "an undeclared list with null items (a declared list holds none)",
    "ops-in-list-with-null-item.yaml": "an undeclared list with null items (a declared list holds none)",
    "names-undeclared-record.yaml": "an undeclared field whose records hold values of two types",
    "records-undeclared-wrong-kind.yaml": "undeclared fields whose records hold values of two types",
    "fn-matches-pattern-from-data.yaml": "matches() with a pattern read from the record",
    "fn-null-arguments.yaml": "round() to a number of decimals read from the record",
    "fn-round.yaml": "round() to a number of decimals read from the record",
    "fn-round-ties.yaml": "round() to a number of decimals read from the record",
}


# ---------------------------------------------------------------- case files

CASE_KEYS = {
    "description",
    "rule",
    "policy",
    "expression",
    "fields",
    "params",
    "as_of",
    "tolerance",
    "check_all_fields",
    "records",
    "want_errors",
    "want_warnings",
}
RECORD_KEYS = {"record", "want", "want_error", "as_of"}
WANT_KEYS = {
    "eligible",
    "score",
    "tier",
    "unclamped",
    "points",
    "max_points",
    "values",
    "raw_values",
    "bands",
    "missing",
    "clamped",
    "adjustments",
    "lets",
    "result",
    "failed_filters",
    "reasons",
    "next_tier",
}
APPROXIMATE = {"values", "raw_values", "lets", "result"}  # where a case's ``tolerance`` applies
RESULT_LET = "result"


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys, so a case cannot silently lose an expectation."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    seen = {k for k in keys if keys.count(k) > 1}
    if seen:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate keys {sorted(map(str, seen))}", node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class Case:
    path: Path
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def as_of(self) -> date:
        return _as_date(self.data.get("as_of", "2026-11-01"))

    def policy_text(self) -> str:
        if "policy" in self.data:
            return self.data["policy"]
        return expression_policy(self.data["expression"], self.data.get("fields"), self.data.get("params"))


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _yaml_scalar(value: Any) -> str:
    return yaml.safe_dump(value, default_flow_style=True, width=10**6).strip().removesuffix("\n...").strip()


def expression_policy(expression: str, fields: dict[str, str] | None, params: dict[str, Any] | None) -> str:
    """A policy whose let ``result`` is the expression (lets are computed for every eligible record)."""
    lines = ["policy: conformance", "version: 1"]
    if fields is not None:
        lines += ["record:", "  fields:"] + [f"    {name}: {_yaml_scalar(kind)}" for name, kind in fields.items()]
    if params:
        lines += ["params:"] + [f"  {name}: {_yaml_scalar(value)}" for name, value in params.items()]
    lines += ["let:", f"  {RESULT_LET}: {_yaml_scalar(expression)}"]
    lines += ["factors:", "  - id: f", "    weight: 1", "    value: '0'"]
    return "\n".join(lines) + "\n"


def load_case(path: Path) -> Case:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    problems = validate_case(data)
    if problems:
        raise ValueError(f"{path.name}: " + "; ".join(problems))
    return Case(path, data)


def validate_case(data: Any) -> list[str]:
    """What is wrong with a case file's shape (empty when it is well formed)."""
    if not isinstance(data, dict):
        return ["a case is a mapping"]
    problems = [f"unknown key {k!r}" for k in data if k not in CASE_KEYS]
    for key in ("description", "rule"):
        if not isinstance(data.get(key), str):
            problems.append(f"{key!r} must be a string")
    if ("policy" in data) == ("expression" in data):
        problems.append("give exactly one of 'policy' and 'expression'")
    if "policy" in data and ("fields" in data or "params" in data):
        problems.append("'fields' and 'params' go with 'expression' (a full policy declares its own)")
    if ("records" in data) == ("want_errors" in data):
        problems.append("give exactly one of 'records' and 'want_errors'")
    for i, item in enumerate(data.get("records") or []):
        if not isinstance(item, dict) or not isinstance(item.get("record"), dict):
            problems.append(f"records[{i}] needs a 'record' mapping")
            continue
        problems += [f"records[{i}]: unknown key {k!r}" for k in item if k not in RECORD_KEYS]
        if ("want" in item) == ("want_error" in item):
            problems.append(f"records[{i}]: give exactly one of 'want' and 'want_error'")
        want = item.get("want") or {}
        problems += [f"records[{i}].want: unknown key {k!r}" for k in want if k not in WANT_KEYS]
        if "result" in want and "expression" not in data:
            problems.append(f"records[{i}].want: 'result' is for expression cases")
    if "records" in data and not data["records"]:
        problems.append("'records' is empty")
    return problems


def all_cases() -> list[Case]:
    return [load_case(p) for p in sorted(CASES_DIR.glob("*.yaml"))]


CASES = all_cases()


# ---------------------------------------------------------------- comparing


def same(want: Any, got: Any, tolerance: float = 0.0) -> bool:
    """Exact equality, except that a boolean never equals a number and floats may differ by ``tolerance``."""
    if isinstance(want, bool) or isinstance(got, bool):
        return type(want) is type(got) and want == got
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        if math.isnan(want) or math.isnan(got):
            return math.isnan(want) and math.isnan(got)
        return want == got or abs(want - got) <= tolerance
    if isinstance(want, dict) and isinstance(got, dict):
        return want.keys() == got.keys() and all(same(want[k], got[k], tolerance) for k in want)
    if isinstance(want, list) and isinstance(got, list):
        return len(want) == len(got) and all(same(w, g, tolerance) for w, g in zip(want, got))
    return want == got


def mismatches(want: dict[str, Any], got: Outcome, tolerance: float) -> list[str]:
    """The listed expectations that the outcome does not meet, one line each."""
    if "error" in got:
        return [f"the record was rejected ({got['error']}), expected {want}"]
    if "unscored" in got:
        return [f"the query did not score the record ({got['unscored']}), expected {want}"] if want else []
    out = []
    for key, expected in want.items():
        expected = to_plain(expected)  # dates as ISO text, as outcomes hold them
        actual = got["lets"].get(RESULT_LET, "<absent>") if key == "result" else got[key]
        if isinstance(expected, dict) and isinstance(actual, dict) and key not in ("next_tier",):
            # Only the entries the case names are compared (a case may pin one factor of many).
            actual = {k: actual.get(k, "<absent>") for k in expected}
        if not same(expected, actual, tolerance if key in APPROXIMATE else 0.0):
            out.append(f"{key}: expected {expected!r}, got {actual!r}")
    return out


def diagnostics_match(want: list[dict[str, Any]], got: list[dict[str, Any]]) -> bool:
    """Same number of diagnostics, in order of position, each with the listed keys equal."""
    return len(want) == len(got) and all(all(g.get(k) == v for k, v in w.items()) for w, g in zip(want, got))


# ---------------------------------------------------------------- the tests


def _params() -> Iterable[Any]:
    for case in CASES:
        for backend in BACKENDS:
            marks = []
            why = KNOWN_DIVERGENCES.get((backend, case.name))
            if why is not None:
                marks.append(pytest.mark.xfail(reason=why, strict=True))
            refused = SQL_REFUSED.get(case.name)
            if refused is not None and backend in SQL_BACKENDS:
                marks.append(pytest.mark.xfail(reason=f"refused by the SQL back end: {refused}", strict=True, raises=SqlUnsupported))
            if backend in UNAVAILABLE:
                marks.append(pytest.mark.skip(reason=UNAVAILABLE[backend]))
            yield pytest.param(case, backend, id=f"{case.name}-{backend}", marks=marks)


@pytest.mark.parametrize(("case", "backend"), list(_params()))
def test_case(case: Case, backend: str, request: pytest.FixtureRequest) -> None:
    text = case.policy_text()
    run = BACKENDS[backend]
    keys = COMPARED[backend]
    if backend == "spark":
        run = functools.partial(run, spark=request.getfixturevalue("spark"))
    if "want_warnings" in case.data:
        # Warnings come from the shared checker, before any back end.
        warnings = [neutral_diagnostic(d) for d in ps.check_text(text, "case.yaml", CASES_DIR) if not d.is_error]
        assert diagnostics_match(case.data["want_warnings"], warnings), f"warnings: expected {case.data['want_warnings']}, got {warnings}"
    records = case.data.get("records")
    if records is None:
        with pytest.raises(PolicyRejected) as caught:
            run(text, CASES_DIR, [], case.as_of)
        errors = [d for d in caught.value.diagnostics if d["severity"] == "error"]
        assert diagnostics_match(case.data["want_errors"], errors), f"errors: expected {case.data['want_errors']}, got {errors}"
        return
    wants = [item["want"] for item in records if "want" in item]
    if keys is not None and len(wants) == len(records) and not any(keys & w.keys() for w in wants):
        pytest.skip(f"the case pins only {sorted(set().union(*wants))}, which the {backend} back end does not give")
    # Records with their own as_of are scored in a separate call.
    groups: dict[date, list[int]] = {}
    for i, item in enumerate(records):
        groups.setdefault(_as_date(item.get("as_of", case.as_of)), []).append(i)
    outcomes: dict[int, Outcome] = {}
    for day, indexes in groups.items():
        try:
            chosen = [records[i]["record"] for i in indexes]
            got = run(text, CASES_DIR, chosen, day, check_all_fields=case.data.get("check_all_fields", False))
        except PolicyRejected as exc:
            pytest.fail(f"{case.name}: the policy did not load: {exc.diagnostics}")
        assert len(got) == len(indexes), "a back end must give one outcome per record"
        outcomes.update(zip(indexes, got))
    tolerance = float(case.data.get("tolerance", 0.0))
    problems = []
    for i, item in enumerate(records):
        got = outcomes[i]
        rid = item["record"].get("id", i)
        if "want_error" in item:
            error = got.get("error")
            wanted = item["want_error"]
            if keys is not None:  # a SQL back end: the record must not be scored
                if "unscored" not in got:
                    problems.append(f"record {rid}: expected rejection {wanted}, got a score")
            elif error is None or any(error.get(k) != v for k, v in wanted.items()):
                problems.append(f"record {rid}: expected rejection {wanted}, got {error or 'a score'}")
            continue
        want = {k: v for k, v in item["want"].items() if keys is None or k in keys}
        problems += [f"record {rid}: {line}" for line in mismatches(want, got, tolerance)]
    assert not problems, f"{case.name} ({case.data['description']}):\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------- the corpus itself


def heading_anchors(markdown: str, levels: Iterable[int] = range(1, 7)) -> set[str]:
    """The anchors GitHub gives the headings (of the given levels) of a Markdown text."""
    anchors = set()
    in_code = False
    marks = tuple("#" * level + " " for level in levels)
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if in_code or not line.startswith(marks):
            continue
        title = line.lstrip("#").strip().lower()
        anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return anchors


def _docs_anchors() -> dict[str, set[str]]:
    return {p.name: heading_anchors(p.read_text(encoding="utf-8")) for p in DOCS_DIR.glob("*.md")}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_anchor_exists(case: Case) -> None:
    doc, _, anchor = case.data["rule"].partition("#")
    anchors = _docs_anchors()
    assert doc in anchors, f"{case.name}: no docs/{doc}"
    assert anchor in anchors[doc], f"{case.name}: docs/{doc} has no heading '#{anchor}' (it has {sorted(anchors[doc])})"


@pytest.mark.parametrize("doc", RULE_DOCS)
def test_every_rule_section_has_a_case(doc: str) -> None:
    pinned = {c.data["rule"].partition("#")[2] for c in CASES if c.data["rule"].startswith(doc + "#")}
    sections = heading_anchors((DOCS_DIR / doc).read_text(encoding="utf-8"), levels=[2])
    assert sections - pinned == set(), f"sections of {doc} without a case"


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_function_has_a_case(name: str) -> None:
    pattern = re.compile(rf"\b{name}\(")
    texts = [c.policy_text() for c in CASES]
    assert any(pattern.search(t) for t in texts), f"no case calls {name}()"


def test_case_files_are_checked() -> None:
    assert validate_case({"description": "d", "rule": "r", "policy": "p", "expression": "e", "records": []}) == [
        "give exactly one of 'policy' and 'expression'",
        "'records' is empty",
    ]
    assert validate_case({"description": "d", "rule": "r", "expression": "1", "records": [{"record": {}, "want": {"scor": 1}}]}) == [
        "records[0].want: unknown key 'scor'"
    ]
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate keys"):
        yaml.load("a: 1\na: 2\n", Loader=_UniqueKeyLoader)  # noqa: S506


def test_comparison_is_strict_where_it_matters() -> None:
    assert not same(True, 1) and not same(0, False)
    assert same(12, 12.0) and not same(12.5, 12.51)
    assert same(0.1 + 0.2, 0.3, 1e-12) and not same(0.1 + 0.2, 0.3)
    assert not same([1, 2], [1, 2, 3]) and not same({"a": 1}, {"a": 1, "b": 2})


def test_known_divergences_name_real_cases() -> None:
    names = {c.name for c in CASES}
    stale = [key for key in KNOWN_DIVERGENCES if key[0] not in BACKENDS or key[1] not in names]
    assert stale == [], "entries of KNOWN_DIVERGENCES with no such back end or case"
    assert sorted(set(SQL_REFUSED) - names) == [], "entries of SQL_REFUSED with no such case"
    assert set(COMPARED) == set(BACKENDS)
