"""Fuzzing: hostile policies, expressions, YAML documents, test files and record files.

Every input here is random or a random mutation of the bundled rules and
example customers (see fuzz_strategies.py).  The only outcomes allowed are:

- loading a policy succeeds or raises ``PolicyError`` (and ``check_text``
  agrees on whether it has errors);
- scoring gives a ``Result`` or a ``RecordError`` for each record, none lost
  (read = scored + ineligible + rejected); every explanation is valid
  against schemas/explanation.schema.json and is strict JSON (no NaN or
  Infinity), its points add up to its score, and scoring one record alone,
  or without explanations, gives the same answer;
- the command line exits 0, 1 or 2 (never a traceback, never 3: an engine bug);
- each example stays within a bound of CPU time and of memory.

CI runs a few derandomized examples per test; ``POLICYSCORE_FUZZ_EXAMPLES=2000``
runs a long session with new random examples (docs/limits.md).
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import shutil
import signal
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fuzz_strategies import (
    FORMATS,
    FUZZ,
    POLICY_TEXTS,
    ROOT,
    TEST_TEXTS,
    mutated_policies,
    mutated_text,
    policy_texts,
    record_files,
    record_lists,
    slot_policies,
    template_record_lists,
    yaml_documents,
)
from hypothesis import event, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import policyscore as ps
from policyscore import batch
from policyscore.io.readers import Source

AS_OF = "2026-11-01"
EXPLANATION = Draft202012Validator(json.loads((ROOT / "schemas" / "explanation.schema.json").read_text(encoding="utf-8")))

#: Bounds per example: CPU seconds (the machine's load does not count) and the peak of memory allocated.
MAX_CPU_SECONDS = float(os.environ.get("POLICYSCORE_FUZZ_CPU_SECONDS", "10"))
MAX_MEMORY_MB = float(os.environ.get("POLICYSCORE_FUZZ_MEMORY_MB", "200"))

#: A policy that reads the whole book: portfolio functions, a referral tree, a relative tier.
PORTFOLIO_POLICY = """\
policy: book
version: 1
record:
  fields:
    id: string
    country: string?
    total_spend: number?
    nps_score: integer?
    referred_by: string?
    signup_date: date?
referrals: {referred_by: referred_by}
let:
  rank: percent_rank(total_spend)
  local: group_avg(total_spend, country)
factors:
  - id: share
    weight: 40
    missing: 0.1
    value: scale(cumulative_share(total_spend), 1, 0)
  - id: rank
    weight: 30
    value: coalesce(rank, 0) * 0.5 + coalesce(total_spend / local, 0) * 0.5
  - id: referrals
    weight: 20
    value: referred_count(3) / 5 + referred_sum(nps_score, 2, 0.5) / 100 - referral_depth() / 10
  - id: median
    weight: 10
    value: if nps_score >= portfolio_median(nps_score) then 1 else portfolio_quantile(nps_score, 0.25) / 10
tiers:
  - {name: top, top_percent: 20}
  - {name: rest, min: 0}
"""


class TooSlow(AssertionError):
    """An example used more CPU time than a hang-free run could."""


@contextmanager
def bounded() -> Iterator[None]:
    """Fail when the block uses more than MAX_CPU_SECONDS of CPU time or MAX_MEMORY_MB at its peak.

    A block that never ends is interrupted (``TooSlow``) at twice the bound.
    """

    def interrupt(signum: int, frame: Any) -> None:
        raise TooSlow(f"still running after {2 * MAX_CPU_SECONDS} s of CPU time")

    previous = signal.signal(signal.SIGPROF, interrupt)
    signal.setitimer(signal.ITIMER_PROF, 2 * MAX_CPU_SECONDS)
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    start = time.process_time()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        used = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        if not tracing:
            tracemalloc.stop()
    assert used < MAX_CPU_SECONDS, f"{used:.1f} s of CPU time"
    assert peak < MAX_MEMORY_MB, f"{peak:.0f} MB of memory at the peak"


#: Failures found before and not fixed yet, each an xfail(strict) case in test_fuzz_regressions.py:
#: counted (see --hypothesis-show-statistics) rather than failed on, so that a long session finds new ones.
#: Failures found by fuzzing whose fix is not in yet: (exception type, text of its message).  Empty today: the
#: two it held (deeply nested generated code, an integer beyond a float in a portfolio) are fixed.
KNOWN_FAILURES: list[tuple[type[BaseException], str]] = []


@contextmanager
def known_failures() -> Iterator[None]:
    try:
        yield
    except (SyntaxError, OverflowError) as exc:
        if not any(isinstance(exc, kind) and text in str(exc) for kind, text in KNOWN_FAILURES):
            raise
        event(f"known failure: {type(exc).__name__}: {exc}"[:80])


# ---------------------------------------------------------------- what every outcome must be


def _strict_json(value: Any) -> str:
    def refuse(obj: Any) -> Any:
        raise TypeError(f"not JSON: {obj!r} ({type(obj).__name__})")

    return json.dumps(value, allow_nan=False, default=refuse)


def _parse_strict(text: str) -> Any:
    def refuse(token: str) -> Any:
        raise AssertionError(f"{token} in JSON output")

    return json.loads(text, parse_constant=refuse)


def load(text: str, base_dir: Path | str = ".") -> ps.Policy | None:
    """The policy, or None when it has errors; anything but ``PolicyError`` fails the test."""
    diagnostics = ps.check_text(text, "fuzz.yaml", base_dir)
    for d in diagnostics:
        assert re.fullmatch(r"PS\d{3}", d.code) and d.message and d.severity in ("error", "warning"), d
        assert d.span is None or (d.span.line >= 1 and d.span.column >= 1), d
    has_errors = any(d.is_error for d in diagnostics)
    try:
        policy = ps.load_policy_text(text, "fuzz.yaml", base_dir)
    except ps.PolicyError as exc:
        assert any(d.is_error for d in exc.diagnostics)
        assert has_errors, f"check_text found no error, loading found {[str(d) for d in exc.diagnostics]}"
        event("policy refused")
        return None
    event("policy loaded")
    assert not has_errors, [str(d) for d in diagnostics if d.is_error]
    return policy


def check_result(result: ps.Result, policy: ps.Policy) -> dict[str, Any]:
    """The explanation of ``result``, checked: schema, strict JSON, points that add up, a consistent headline."""
    explanation = result.to_dict()
    if isinstance(result.id, float) and math.isnan(result.id):  # known: test_a_record_whose_id_is_nan_is_rejected...
        event("known failure: a NaN id is explained")
        return explanation
    EXPLANATION.validate(explanation)
    _parse_strict(_strict_json(explanation))
    assert result.eligible == (not result.failed_filters)
    if result.eligible:
        assert isinstance(result.score, (int, float)) and math.isfinite(result.score)
        assert result.tier is None or result.tier in policy.tier_names
        total = explanation["total"]
        parts = [Decimal(repr(f["points"])) for f in explanation["factors"]]
        parts += [Decimal(repr(a["points"])) for a in explanation["adjustments"] if a["applied"]]
        assert sum(parts, Decimal(0)) == Decimal(repr(total["unclamped"])), explanation
    else:
        assert result.score is None and result.tier is None
    return explanation


def check_scores(policy: ps.Policy, records: list[dict[str, Any]]) -> None:
    """Score ``records``: one outcome each, in order, and the same answers one by one and without explanations."""
    outcomes = list(policy.score_many(records, AS_OF, on_error="yield"))
    assert len(outcomes) == len(records)
    quick = list(policy.score_many(records, AS_OF, explain=False, on_error="yield"))
    book = policy.portfolio(records, AS_OF) if policy.uses_portfolio else None
    for record, outcome, fast in zip(records, outcomes, quick, strict=True):
        if isinstance(outcome, ps.RecordError):
            assert re.fullmatch(r"PS\d{3}", outcome.code) and str(outcome), outcome
            assert isinstance(fast, ps.RecordError) and fast.code == outcome.code
            event(f"record rejected {outcome.code}")
            continue
        event("record scored" if outcome.eligible else "record ineligible")
        assert isinstance(outcome, ps.Result), outcome
        check_result(outcome, policy)
        assert isinstance(fast, ps.Result)
        assert (fast.eligible, fast.score, fast.tier, fast.points) == (outcome.eligible, outcome.score, outcome.tier, outcome.points)
        alone = policy.score(record, AS_OF, portfolio=book) if book is not None else policy.score(record, AS_OF)
        assert (alone.score, alone.tier, alone.points, alone.failed_filters) == (
            outcome.score,
            outcome.tier,
            outcome.points,
            outcome.failed_filters,
        )


# ---------------------------------------------------------------- policies through the library


@FUZZ
@given(mutated_policies, record_lists)
def test_a_mutated_rule_loads_or_is_refused_and_scores_every_record(text, records):
    with bounded(), known_failures():
        policy = load(text, ROOT / "rules")
        if policy is not None:
            check_scores(policy, records)


@FUZZ
@given(slot_policies(), template_record_lists)
def test_random_expressions_in_every_slot_load_or_are_refused(text, records):
    with bounded(), known_failures():
        policy = load(text)
        if policy is not None:
            check_scores(policy, records)


@FUZZ
@given(yaml_documents())
def test_a_random_yaml_document_loads_or_is_refused(text):
    with bounded(), known_failures():
        load(text)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_as_a_policy_file_are_refused(tmp_path_factory, raw):
    path = tmp_path_factory.getbasetemp() / "bytes.yaml"
    path.write_bytes(raw)
    with bounded(), known_failures():
        problems = ps.check(path)
        assert all(re.fullmatch(r"PS\d{3}", d.code) for d in problems)
        try:
            ps.load_policy(path)
        except ps.PolicyError:
            assert any(d.is_error for d in problems)


# ---------------------------------------------------------------- record files through the library

_POLICIES: dict[str, ps.Policy] = {}


def _policy(name: str) -> ps.Policy:
    if name not in _POLICIES:
        text = PORTFOLIO_POLICY if name == "book" else POLICY_TEXTS[name]
        _POLICIES[name] = ps.load_policy_text(text, name, ROOT / "rules")
    return _POLICIES[name]


@FUZZ
@given(st.sampled_from([*sorted(POLICY_TEXTS), "book"]), st.sampled_from(FORMATS).flatmap(lambda f: st.tuples(st.just(f), record_files(f))))
def test_a_record_file_in_any_format_is_scored_or_refused_and_every_record_counted(name, file):
    fmt, (raw, count) = file
    policy = _policy(name)
    rejected: list[ps.RecordError] = []
    with bounded(), known_failures():
        run = batch.Run(policy, Source(f"fuzz.{fmt}", fmt, io.BytesIO(raw)), AS_OF, rejects=batch.Rejects("skip", report=rejected.append))
        try:
            results = list(run)
        except ps.InputError as exc:  # a problem with the whole file: it cannot be read at all
            assert re.fullmatch(r"PS5\d\d", exc.code), exc
            event(f"file refused {exc.code}")
            return
        event(f"file read ({fmt}), rejected records: {'some' if rejected else 'none'}")
        summary = run.summary(shown=len(results))
        assert summary.read == summary.scored + summary.ineligible + summary.rejected
        assert len(results) == summary.scored + summary.ineligible and len(rejected) == summary.rejected
        if count is not None:
            assert summary.read == count
        for result in results:
            check_result(result, policy)
        for error in rejected:
            assert re.fullmatch(r"PS\d{3}", error.code) and error.to_dict()["row"] >= 1, error.to_dict()
            _strict_json(error.to_dict())


# ---------------------------------------------------------------- the command line


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's layout (rules/, schemas/, examples/) that each example overwrites."""
    root = tmp_path_factory.mktemp("fuzz")
    for folder in ("rules", "schemas"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "customers.jsonl", root / "examples" / "customers.jsonl")
    return root


def exits_cleanly(result: Any, allowed: tuple[int, ...] = (0, 1, 2)) -> None:
    assert result.exit_code in allowed, (result.exit_code, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def _summary_counts(stderr: str) -> None:
    found = re.search(r"(\d+) records? read: (\d+) scored, (\d+) ineligible, (\d+) rejected", stderr)
    assert found, stderr[-2000:]
    read, scored, ineligible, rejected = map(int, found.groups())
    assert read == scored + ineligible + rejected


@FUZZ
@given(
    policy_texts,
    st.sampled_from(FORMATS).flatmap(lambda f: st.tuples(st.just(f), record_files(f))),
    st.sampled_from(["json", "jsonl", "table", "csv", "markdown"]),
)
def test_the_command_line_exits_0_1_or_2_on_any_policy_and_records(run, workdir, text, file, out_format):
    fmt, (raw, _) = file
    policy, records = workdir / "rules" / "fuzz.yaml", workdir / f"records.{fmt}"
    policy.write_bytes(text.encode("utf-8", "surrogatepass"))
    records.write_bytes(raw)
    with bounded(), known_failures():
        validated = run("validate", policy)
        exits_cleanly(validated, (0, 1))
        scored = run("score", policy, records, "--as-of", AS_OF, "--on-error", "skip", "--format", out_format)
        exits_cleanly(scored)
        event(f"score exit {scored.exit_code}")
        if scored.exit_code == 0:
            _summary_counts(scored.stderr)
            if out_format == "json":
                _parse_strict(scored.stdout)
            elif out_format == "jsonl":
                for line in scored.stdout.splitlines():
                    _parse_strict(line)
        explained = run("explain", policy, records, "--as-of", AS_OF, "--id", "EDGE-01-PERFECT", "--format", "json")
        exits_cleanly(explained)
        if explained.exit_code == 0:
            _parse_strict(explained.stdout)


@FUZZ
@given(st.sampled_from(sorted(TEST_TEXTS)).flatmap(lambda n: st.tuples(st.just(n), mutated_text(TEST_TEXTS[n]))), st.booleans())
def test_the_command_line_runs_any_test_file_with_exit_0_1_or_2(run, workdir, test_file, coverage):
    name, text = test_file
    target = workdir / "rules" / name
    policy_name = name.replace(".test.yaml", ".yaml")
    target.write_bytes(text.encode("utf-8", "surrogatepass"))
    (workdir / "rules" / policy_name).write_text(POLICY_TEXTS[policy_name], encoding="utf-8")
    with bounded(), known_failures():
        result = run("test", target, *(["--coverage"] if coverage else []))
        exits_cleanly(result)


@FUZZ
@given(mutated_policies, st.sampled_from(FORMATS).flatmap(lambda f: st.tuples(st.just(f), record_files(f))))
def test_diff_of_a_rule_and_its_mutation_exits_0_1_or_2(run, workdir, text, file):
    fmt, (raw, _) = file
    old, new, records = workdir / "rules" / "old.yaml", workdir / "rules" / "new.yaml", workdir / f"diff.{fmt}"
    old.write_text(POLICY_TEXTS["startup-us-ca.yaml"], encoding="utf-8")
    new.write_bytes(text.encode("utf-8", "surrogatepass"))
    records.write_bytes(raw)
    with bounded(), known_failures():
        exits_cleanly(run("diff", old, new, records, "--as-of", AS_OF, "--on-error", "skip"))
