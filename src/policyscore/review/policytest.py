"""Policy test files (``NAME.test.yaml``): load and check them, run their cases.

A test file names the policy it tests and lists cases; each case scores one
or more records (inline, or picked by id from a records file) and states what
must come out.  Loading follows the policy loader's shape: YAML with positions
(:func:`policyscore.policyfile.yamlsource.load_yaml`) -> JSON-Schema check
(``schemas/policytest.schema.json``) -> model -> semantic checks (the policy
loads, the names in the expectations exist, the ids are in the records file).
Every problem is a :class:`~policyscore.Diagnostic` with a span in the test
file.  Running gives data (:class:`FileResult`, :class:`CaseResult`,
:class:`Failure`); :mod:`policyscore.render.review` presents it.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policyscore.batch import find, parse_day
from policyscore.errors import Diagnostic, InputError, PolicyError, RecordError, Span
from policyscore.io.readers import open_source
from policyscore.policy import Policy, load_policy
from policyscore.policyfile.ids import id_key
from policyscore.policyfile.schema import load_schema, schema_diagnostics, valid_check
from policyscore.policyfile.yamlsource import SourceIndex, decode_source, load_yaml, read_source
from policyscore.review.caseids import id_problems
from policyscore.review.coverage import CoverageCollector, PolicyCoverage
from policyscore.review.expectations import Expectation, Failure, band_problem, compare, describe_number, impossible, number_matches
from policyscore.review.overrides import override_problems
from policyscore.review.results import CaseResult, FileResult, RunResult

if TYPE_CHECKING:  # pragma: no cover - jsonschema is imported only when a test file has errors to report
    from jsonschema import Draft202012Validator

__all__ = [
    "TEST_SUFFIXES",
    "is_test_file",
    "find_test_files",
    "check_test_file",
    "run_tests",
    "run_test_file",
    "load_suite",
    "run_case",
    "Expectation",
    "Failure",
    "number_matches",
    "describe_number",
    "CaseSpec",
    "Suite",
    "CaseResult",
    "FileResult",
    "RunResult",
]

TEST_SUFFIXES = (".test.yaml", ".test.yml")
#: Where the records of cases come from when they pick ids from the file's own ``portfolio:`` list.
PORTFOLIO = "<portfolio>"

YPath = tuple[Any, ...]


def is_test_file(path: str | os.PathLike[str]) -> bool:
    """True for ``*.test.yaml`` / ``*.test.yml``."""
    return str(path).endswith(TEST_SUFFIXES)


# ---------------------------------------------------------------- the model


@dataclass(frozen=True)
class CaseSpec:
    index: int
    name: str
    line: int | None
    as_of: str
    record: dict[str, Any] | None
    records: str | None  # resolved path of the records file for ``ids``
    ids: tuple[str, ...]
    overrides: dict[str, Any]
    expectations: tuple[Expectation, ...]


@dataclass(frozen=True)
class Suite:
    """A checked test file."""

    path: str
    policy_path: str
    cases: tuple[CaseSpec, ...]
    portfolio: tuple[dict[str, Any], ...] = ()  # the file's small book, for policies that score against it


# ---------------------------------------------------------------- finding test files


def find_test_files(paths: Iterable[str]) -> Iterator[tuple[str, Diagnostic | None]]:
    """The test files named, found under folders (recursively), or beside a policy file named.

    Yields ``(path, None)`` per test file, each once, or ``(path, problem)``
    when a PATH yields none (PS607).
    """
    seen: set[str] = set()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(
                str(f)
                for f in p.rglob("*")
                if is_test_file(f.name) and f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                yield path, Diagnostic("PS607", f"no policy test files (*.test.yaml) in the folder {path}", file=path)
        elif is_test_file(path) or p.suffix not in (".yaml", ".yml"):
            found = [path]
        else:  # a policy: its test file sits beside it
            stem = str(p)[: -len(p.suffix)]
            found = [stem + s for s in TEST_SUFFIXES if Path(stem + s).is_file()][:1]
            if not found:
                yield path, Diagnostic("PS607", f"no test file for the policy {path} (expected {stem}.test.yaml beside it)", file=path)
        for name in found:
            if name not in seen:
                seen.add(name)
                yield name, None


# ---------------------------------------------------------------- loading and checking


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # imported here: it takes longer than checking a valid test file

    return Draft202012Validator(load_schema("policytest"))


def _plain(value: Any) -> Any:
    """YAML dates as ISO strings (records and ``as_of`` use strings), recursively."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Loaded:
    """A test file being loaded: its text, data, index, diagnostics and what was built."""

    def __init__(self, path: str):
        self.path = path
        self.text: str | None = None
        self.data: Any = None
        self.index = SourceIndex(path, "")
        self.diags: list[Diagnostic] = []
        self.sources: dict[str, str] = {}
        self.policy: Policy | None = None
        self.suite: Suite | None = None
        self.records: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, code: str, message: str, path: YPath | None, hint: str | None = None, key: bool = False) -> None:
        span = None
        if path is not None:
            span = self.index.key_span(path) if key else self.index.value_span(path)
        self.diags.append(Diagnostic(code, message, span, hint, file=self.path))

    def line(self, path: YPath, key: bool = True) -> int | None:
        span = self.index.key_span(path) if key else self.index.value_span(path)
        return span.line if span else None

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.diags)


def _load(path: str, *, policies: dict[str, Policy | PolicyError] | None = None) -> _Loaded:
    out = _Loaded(path)
    try:
        raw = read_source(path)
    except FileNotFoundError:
        out.add("PS001", f"test file not found: {path}", None)
        return out
    except OSError as exc:
        out.add("PS001", f"cannot read {path}: {exc.strerror or exc}", None)
        return out
    text, problems = decode_source(path, raw)
    if text is None:
        out.diags.extend(problems)
        return out
    out.text = text
    out.sources[path] = out.text
    data, out.index, ydiags = load_yaml(out.text, path)
    out.diags.extend(ydiags)
    if data is None:
        if not ydiags:
            out.diags.append(Diagnostic("PS103", "the test file is empty", Span(path, 1, 1, 1, 2)))
        return out
    if not isinstance(data, dict):
        out.add("PS103", "a test file must be a YAML mapping with 'policy' and 'cases'", ())
        return out
    out.data = _plain(data)
    broken = _schema_check(out)
    _build(out, broken)
    if out.suite is None:
        return out
    _load_policy(out, policies if policies is not None else {})
    if out.policy is not None:
        _check_names(out)
        _check_ids(out)
        _read_ids(out)
    return out


def _schema_check(out: _Loaded) -> set[int]:
    """Report schema violations; return the indexes of the cases they touch."""
    broken: set[int] = set()
    check = valid_check("policytest")
    if check is not None and check(out.data):
        return broken
    for error in _validator().iter_errors(out.data):
        path: YPath = tuple(error.absolute_path)
        if len(path) >= 2 and path[0] == "cases" and isinstance(path[1], int):
            broken.add(path[1])
        elif path[:1] != ("cases",) or len(path) == 1:
            broken.add(-1)
        out.diags.extend(schema_diagnostics(error, out.index, "PS606", "the test file"))
    return broken


def _build(out: _Loaded, broken: set[int]) -> None:
    data = out.data
    base = os.path.dirname(out.path)
    if -1 in broken or not isinstance(data.get("policy"), str):
        # the top of the file is wrong: still say whether the policy exists
        if isinstance(data.get("policy"), str):
            _policy_exists(out, os.path.normpath(os.path.join(base, data["policy"])))
        return
    default_as_of = data.get("as_of")
    default_records = data.get("records")
    cases = []
    for i, item in enumerate(data.get("cases", [])):
        if i in broken:
            continue
        cpath: YPath = ("cases", i)
        as_of = item.get("as_of", default_as_of)
        if as_of is None:
            out.add("PS606", f"case '{item['name']}' has no as_of", cpath + ("name",), "give 'as_of' in the case or at the top of the file")
            continue
        try:
            parse_day(as_of)
        except ValueError:
            where = cpath + ("as_of",) if "as_of" in item else ("as_of",)
            if not any(d.span == out.index.value_span(where) for d in out.diags):  # YAML already said so
                out.add("PS606", f"as_of {as_of!r} is not a date that exists", where)
            continue
        has_record, has_ids = "record" in item, "ids" in item
        if has_record == has_ids:
            what = "not both" if has_record else "none is given"
            out.add(
                "PS606", f"case '{item['name']}' needs either 'record' (inline) or 'ids' (from a records file), {what}", cpath, key=False
            )
            continue
        ids = item.get("ids", ())
        ids = tuple(id_key(i) for i in (ids if isinstance(ids, list) else [ids]))
        records = item.get("records", default_records)
        if has_ids and records is None and "portfolio" in data:
            records = PORTFOLIO  # the ids are picked from the file's own small book
        if has_ids and records is None:
            out.add(
                "PS606",
                f"case '{item['name']}' picks records by id but names no records file",
                cpath + ("ids",),
                "add 'records: FILE'",
                key=True,
            )
            continue
        expectations = tuple(
            Expectation(p, v, out.line(cpath + ("expect",) + p, key=not isinstance(p[-1], int))) for p, v in _expectations(item["expect"])
        )
        for exp in expectations:
            for below, problem in impossible(exp):
                out.add("PS609", problem, cpath + ("expect",) + exp.path + below)
        cases.append(
            CaseSpec(
                index=i,
                name=item["name"],
                line=out.line(cpath, key=False),
                as_of=as_of,
                record=item.get("record"),
                records=(records if records == PORTFOLIO else os.path.normpath(os.path.join(base, records))) if has_ids else None,
                ids=ids,
                overrides=item.get("with", {}),
                expectations=expectations,
            )
        )
    book = data.get("portfolio")
    portfolio = tuple(r for r in book if isinstance(r, dict)) if isinstance(book, list) else ()
    out.suite = Suite(out.path, os.path.normpath(os.path.join(base, data["policy"])), tuple(cases), portfolio)


def _expectations(expect: dict[str, Any]) -> Iterator[tuple[YPath, Any]]:
    for key in ("eligible", "tier", "score", "failed_filters"):
        if key in expect:
            yield (key,), expect[key]
    for section in ("factors", "adjustments"):
        for ident, fields in expect.get(section, {}).items():
            for name, value in fields.items():
                yield (section, ident, name), value
    for k, entry in enumerate(expect.get("reasons", [])):
        yield ("reasons", k), entry


def _policy_exists(out: _Loaded, policy_path: str) -> bool:
    if os.path.isfile(policy_path):
        return True
    what = "is a folder, not a policy file" if os.path.isdir(policy_path) else "not found"
    out.add("PS601", f"the policy under test {what}: {policy_path}", ("policy",), "the path is relative to the test file")
    return False


def _load_policy(out: _Loaded, policies: dict[str, Policy | PolicyError]) -> None:
    assert out.suite is not None
    path = out.suite.policy_path
    if not _policy_exists(out, path):
        return
    key = os.path.abspath(path)
    if key not in policies:
        try:
            policies[key] = load_policy(path)
        except PolicyError as exc:
            policies[key] = exc
    loaded = policies[key]
    if isinstance(loaded, PolicyError):
        errors = [d for d in loaded.diagnostics if d.is_error]
        out.add("PS602", f"the policy under test has {len(errors)} error{'s' if len(errors) != 1 else ''}: {path}", ("policy",))
        out.diags.extend(errors)
        out.sources.update(loaded.sources)
        return
    out.policy = loaded


def _check_names(out: _Loaded) -> None:
    """Every filter, factor, adjustment, tier and band an expectation names must exist in the policy."""
    policy, suite = out.policy, out.suite
    assert policy is not None and suite is not None
    factors = {f.id: f for f in policy.factors}
    known = {
        "filter": [f.id for f in policy.filters],
        "factor": list(factors),
        "adjustment": [a.id for a in policy.adjustments],
        "tier": list(policy.tier_names),
    }
    known["factor, adjustment or filter"] = known["factor"] + known["adjustment"] + known["filter"]

    def unknown(kind: str, name: Any, path: YPath, key: bool = False) -> None:
        close = difflib.get_close_matches(str(name), known[kind], n=1)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else (f"it has: {', '.join(known[kind])}" if known[kind] else f"the policy has no {kind}s")
        )
        out.add("PS605", f"policy {policy.name} has no {kind} '{name}'", path, hint, key=key)

    reported: set[YPath] = set()
    for case in suite.cases:
        base: YPath = ("cases", case.index, "expect")
        for exp in case.expectations:
            where = base + exp.path
            head = exp.path[0]
            if head == "tier" and exp.expected is not None and exp.expected not in known["tier"]:
                unknown("tier", exp.expected, where)
            elif head == "failed_filters":
                for k, fid in enumerate(exp.expected):
                    if fid not in known["filter"]:
                        unknown("filter", fid, where + (k,))
            elif head in ("factors", "adjustments"):
                kind = head[:-1]
                ident = exp.path[1]
                if ident not in known[kind]:
                    if base + exp.path[:2] not in reported:  # once per factor or adjustment, not per field
                        reported.add(base + exp.path[:2])
                        unknown(kind, ident, base + exp.path[:2], key=True)
                elif exp.path[2] == "band" and isinstance(exp.expected, (int, str)):
                    problem = band_problem(factors[ident], exp.expected)
                    if problem:
                        out.add("PS605", problem, where)
            elif head == "reasons":
                if "id" in exp.expected and exp.expected["id"] not in known["factor, adjustment or filter"]:
                    unknown("factor, adjustment or filter", exp.expected["id"], where + ("id",))
                kind, _, ident = str(exp.expected.get("code", "")).partition(":")
                if ident and ident not in known[kind]:
                    unknown(kind, ident, where + ("code",))


def _check_ids(out: _Loaded) -> None:
    assert out.policy is not None and out.suite is not None
    places: list[tuple[YPath, Any]] = [(("cases", c.index, "record"), c.record) for c in out.suite.cases if c.record is not None]
    book = out.data.get("portfolio")
    places += [(("portfolio", k), r) for k, r in enumerate(book)] if isinstance(book, list) else []
    for where, code, message in id_problems(places, out.policy.id_field, lambda k: out.line(("portfolio", k), key=False)):
        out.add(code, message, where)
    for case in out.suite.cases:
        for key, code, message, hint in override_problems(case.overrides, out.policy.id_field, out.policy.fields):
            out.add(code, message, ("cases", case.index, "with", key), hint, key=True)


def _read_ids(out: _Loaded) -> None:
    """Read each records file once and keep the records the cases pick (reporting unknown ids)."""
    policy, suite = out.policy, out.suite
    assert policy is not None and suite is not None
    wanted: dict[str, dict[str, list[YPath]]] = {}
    first_use: dict[str, YPath] = {}
    for case in suite.cases:
        if case.records is None:
            continue
        raw_ids = out.data["cases"][case.index]["ids"]
        for k, rid in enumerate(case.ids):
            where: YPath = ("cases", case.index, "ids") + ((k,) if isinstance(raw_ids, list) else ())
            wanted.setdefault(case.records, {}).setdefault(rid, []).append(where)
        if case.records not in first_use:
            first_use[case.records] = ("cases", case.index, "records") if "records" in out.data["cases"][case.index] else ("records",)
    if policy.uses_portfolio and "portfolio" not in out.data:
        out.add(
            "PS606",
            f"policy {policy.name} scores each customer against the whole book (portfolio functions or relative tiers)",
            ("policy",),
            "give the test file a 'portfolio:' list of records, and pick the cases' records from it with 'ids'",
        )
    for records, ids in wanted.items():
        if records == PORTFOLIO:
            book = {id_key(r.get(policy.id_field)): r for r in out.data["portfolio"] if isinstance(r, dict)}
            for rid, places in ids.items():
                if rid in book:
                    out.records[(records, rid)] = book[rid]
                else:
                    for where in places:
                        out.add("PS604", f"no record with id {rid!r} in the file's portfolio", where)
            continue
        try:
            with open_source(records) as source:
                found = find(source, policy.fields, policy.id_field, ids)
        except InputError as exc:
            out.add("PS603", f"the records file cannot be read: {exc}", first_use[records])
            continue
        for rid, places in ids.items():
            item = found.get(rid)
            for where in places:
                if item is None:
                    out.add("PS604", f"no record with id {rid!r} in {records}", where)
                elif item.error is not None:
                    err = item.error
                    out.add("PS604", f"record {err.record_id!r} (line {err.row} of {records}) cannot be used: {err.reason}", where)
            if item is not None and item.record is not None:
                out.records[(records, rid)] = item.record


def check_test_file(path: str | os.PathLike[str], *, policy_problems: bool = True) -> list[Diagnostic]:
    """Every problem of a policy test file, sorted by position; never raises for faults in the file.

    Checks the YAML, the test-file schema, that the policy under test loads,
    that every filter, factor, adjustment, tier and band named exists and that
    every id is in its records file.  The errors of a policy under test that
    does not load follow its PS602 (with spans in the policy file) unless
    ``policy_problems`` is false (for a caller that checks the policy too).
    """
    out = _load(str(path))
    diags = out.diags
    if not policy_problems:
        diags = [d for d in diags if d.span is None or d.span.file == out.path]
    return sorted(diags, key=Diagnostic.sort_key)


# ---------------------------------------------------------------- running


def run_tests(paths: Sequence[str], *, coverage: bool = False, min_coverage: float | None = None) -> RunResult:
    """Run every test file named or found under ``paths``; with ``coverage``, measure it per policy."""
    policies: dict[str, Policy | PolicyError] = {}
    collectors: dict[str, CoverageCollector] | None = {} if coverage or min_coverage is not None else None
    files: list[FileResult] = []
    for path, problem in find_test_files(paths):
        if problem is not None:
            files.append(FileResult(path, None, None, (problem,), ()))
            continue
        files.append(run_test_file(path, policies=policies, collectors=collectors))
    cov = None
    if collectors is not None:
        cov = tuple(c.report() for c in collectors.values()) + tuple(_untested(paths, collectors))
    return RunResult(tuple(files), cov, min_coverage)


def _untested(paths: Sequence[str], collectors: dict[str, CoverageCollector]) -> Iterator[PolicyCoverage]:
    """The policies in the folders named that no test file names: 0% covered (files that are not valid policies are skipped)."""
    for folder in (p for p in paths if os.path.isdir(p)):
        for path in sorted(Path(folder).rglob("*.y*ml")):
            rel = path.relative_to(folder).parts
            if is_test_file(path.name) or path.suffix not in (".yaml", ".yml") or any(part.startswith(".") for part in rel):
                continue
            if os.path.abspath(path) in collectors:
                continue
            try:
                policy = load_policy(path)
            except PolicyError:
                continue
            collectors[os.path.abspath(path)] = CoverageCollector(policy)
            yield dataclasses.replace(collectors[os.path.abspath(path)].report(), tested=False)


def run_test_file(
    path: str,
    *,
    policies: dict[str, Policy | PolicyError] | None = None,
    collectors: dict[str, CoverageCollector] | None = None,
) -> FileResult:
    """Load, check and run one test file.  ``collectors`` (by policy path) gather coverage when given."""
    out = _load(path, policies=policies)
    diags = tuple(sorted(out.diags, key=Diagnostic.sort_key))
    suite, policy = out.suite, out.policy
    label = f"{policy.name} v{policy.version}" if policy is not None else None
    if out.failed or suite is None or policy is None:
        return FileResult(path, suite.policy_path if suite else None, label, diags, (), out.sources)
    collector = None
    if collectors is not None:
        key = os.path.abspath(suite.policy_path)
        if key not in collectors:
            collectors[key] = CoverageCollector(policy)
        collector = collectors[key]
    books = Books(suite.portfolio)
    results = [run_case(policy, case, record, rid, collector, books) for case, record, rid in case_records(out)]
    return FileResult(path, suite.policy_path, label, diags, tuple(results), out.sources)


class Books:
    """The file's ``portfolio:`` records as the book of each policy and case date (computed once each;
    mutants of a policy each get their own)."""

    def __init__(self, records: Sequence[dict[str, Any]]):
        self.records = records
        self._made: weakref.WeakKeyDictionary[Policy, dict[str, Any]] = weakref.WeakKeyDictionary()

    def for_case(self, policy: Policy, as_of: str) -> Any:
        if not policy.uses_portfolio:
            return None
        made = self._made.setdefault(policy, {})
        if as_of not in made:
            made[as_of] = policy.portfolio([dict(r) for r in self.records], as_of)
        return made[as_of]


def load_suite(path: str) -> tuple[Suite | None, list[tuple[CaseSpec, dict[str, Any], str | None]]]:
    """A test file checked and its records read once: the suite (None when the file has a problem) and every
    (case, record, id) it runs, for callers that run the same cases against many policies (mutation testing)."""
    out = _load(path)
    if out.failed or out.suite is None or out.policy is None:
        return None, []
    return out.suite, list(case_records(out))


def case_records(out: _Loaded) -> Iterator[tuple[CaseSpec, dict[str, Any], str | None]]:
    """Each run of each case: its record (an inline one, or one picked by id with ``with`` applied) and the id."""
    assert out.suite is not None
    for case in out.suite.cases:
        if case.record is not None:
            yield case, dict(case.record), None
            continue
        for rid in case.ids:
            yield case, dict(out.records[(case.records, rid)], **case.overrides), rid  # type: ignore[index]


def run_case(
    policy: Policy,
    case: CaseSpec,
    record: dict[str, Any],
    rid: str | None,
    collector: CoverageCollector | None,
    books: Books | None = None,
) -> CaseResult:
    try:
        result = policy.score(record, case.as_of, portfolio=books.for_case(policy, case.as_of) if books is not None else None)
    except RecordError as err:
        return CaseResult(case.name, rid, case.line, (), f"the record cannot be scored: {err} [{err.code}]")
    if collector is not None:
        collector.add(result)
    explanation: dict[str, Any] | None = None
    failures = []
    for exp in case.expectations:
        if explanation is None:
            explanation = result.to_dict()
        failure = compare(exp, result, explanation)
        if failure is not None:
            failures.append(failure)
    return CaseResult(case.name, rid, case.line, tuple(failures))
