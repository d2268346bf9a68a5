"""Renderings of policy test results, coverage and policy diffs: text, JSON, Markdown and JUnit XML.

Every function turns data from :mod:`policyscore.review.policytest`,
:mod:`policyscore.review.coverage` and :mod:`policyscore.review.diff` into a string; none
prints or reads anything.  JUnit XML is built with ``xml.etree.ElementTree``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

from tabulate import tabulate

from policyscore.engine.reference import describe_value
from policyscore.errors import render_diagnostics
from policyscore.render.mutation import mutation_junit, mutation_summary, mutation_text
from policyscore.render.results import dumps, printable
from policyscore.render.scores import md_code, md_text, xml_text
from policyscore.review.coverage import PolicyCoverage
from policyscore.review.diff import DiffReport, KeyChange, ScoreStats
from policyscore.review.policytest import CaseResult, FileResult, RunResult

__all__ = [
    "tests_text",
    "tests_json",
    "tests_junit",
    "coverage_text",
    "tests_summary",
    "diff_text",
    "diff_json",
    "diff_markdown",
    "DIFF_MARKER",
]

#: First line of the Markdown diff, so a CI job can find and update its own pull-request comment.
DIFF_MARKER = "<!-- policyscore-diff -->"

_KIND_WORDS = {"filter": "filters", "band": "bands", "adjustment": "adjustments", "if": "if branches"}


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


# ---------------------------------------------------------------- test results


def _case_block(case: CaseResult, path: str) -> list[str]:
    status = {"passed": "PASS ", "failed": "FAIL ", "error": "ERROR"}[case.status]
    lines = [f"  {status} {printable(case.title)}"]
    if case.error is not None:
        where = f"{path}:{case.line}: " if case.line else ""
        lines.append(f"        {where}{case.error}")
    for f in case.failures:
        where = f"{path}:{f.line}: " if f.line else ""
        lines.append(f"        {where}{f.expectation}: expected {f.expected}, got {f.actual}")
        lines.extend(f"            {text}" for text in f.explanation)
    return lines


def _file_block(result: FileResult) -> list[str]:
    head = result.path
    if result.policy is not None:
        head += f": policy {result.policy} ({result.policy_path})"
    lines = [head]
    if result.diagnostics:
        rendered = render_diagnostics(result.diagnostics, result.sources)
        lines.extend("  " + line if line else "" for line in rendered.splitlines())
        lines += _not_run(result)
    for case in result.cases:
        lines.extend(_case_block(case, result.path))
    return lines


def _not_run(result: FileResult) -> list[str]:
    """``not run: 2 problems in the policy under test``: PS602 only says that the policy's own errors follow, so it is not one."""
    errors = [d for d in result.diagnostics if d.is_error and d.code != "PS602"]
    in_policy = sum(1 for d in errors if d.span is not None and d.span.file not in (None, result.path))
    counts = {"the test file": len(errors) - in_policy, "the policy under test": in_policy}
    where = [(name, n) for name, n in counts.items() if n]
    if not where:
        return []
    if len(where) == 1:
        return [f"  not run: {_plural(where[0][1], 'problem')} in {where[0][0]}"]
    return [f"  not run: {_plural(len(errors), 'problem')} ({', '.join(f'{n} in {name}' for name, n in where)})"]


def tests_summary(run: RunResult) -> str:
    """``3 test files: 45 cases, 44 passed, 1 failed, 0 errors`` (plus files not run and low coverage)."""
    t = run.totals()
    line = f"{_plural(t['files'], 'test file')}: {_plural(t['cases'], 'case')}, {t['passed']} passed, {t['failed']} failed, "
    line += _plural(t["errors"], "error")
    if t["files_with_problems"]:
        line += f"; {_plural(t['files_with_problems'], 'file')} not run"
    low = run.below_min
    if low:
        shown = ", ".join(f"{c.policy} {c.percent:.1f}%" for c in low)
        line += f"; coverage below {run.min_coverage:g}%: {shown}"
    if run.mutation is not None:
        line += f"; {mutation_summary(run.mutation)}"
        failing = run.below_min_mutation
        if failing:
            shown = ", ".join(f"{m.policy} {m.percent:.1f}%" if m.problem is None else f"{m.policy} not mutated" for m in failing)
            line += f"; mutation score below {run.min_mutation_score or 0:g}%: {shown}"
    if run.versions is not None:
        kept = sum(1 for v in run.versions if v.status == "kept")
        failed = sum(1 for v in run.versions if not v.ok) - kept
        said = [f"{_plural(kept, 'policy', 'policies')} changed without a new version"] if kept else []
        said += [f"{_plural(failed, 'policy', 'policies')} could not be compared"] if failed else []
        line += f"; versions against {run.versions_against}: " + (", ".join(said) or "every changed policy has a new version")
    return line


def versions_text(run: RunResult) -> str:
    """Each policy compared with its copy in the revision of ``--require-version-bump``."""
    lines = [f"versions (against {run.versions_against})"]
    for v in run.versions or ():
        lines.append(f"  {'ok  ' if v.ok else 'FAIL'} {v.policy_path}: {v.status}: {v.message}")
    if not run.versions:
        lines.append("  no policy was tested")
    return "\n".join(lines) + "\n"


def tests_text(run: RunResult) -> str:
    """Every file and case (failures with expected, actual, explanation and line), coverage, summary."""
    lines: list[str] = []
    for result in run.files:
        lines.extend(_file_block(result))
        lines.append("")
    if run.coverage is not None:
        lines.append(coverage_text(run.coverage, run.min_coverage).rstrip("\n"))
        lines.append("")
    if run.mutation is not None:
        lines.append(mutation_text(run.mutation, run.min_mutation_score).rstrip("\n"))
        lines.append("")
    if run.versions is not None:
        lines += [versions_text(run).rstrip("\n"), ""]
    lines.append(tests_summary(run))
    return "\n".join(lines) + "\n"


def coverage_text(coverages: Sequence[PolicyCoverage], min_coverage: float | None = None) -> str:
    """One line per policy (covered/total, percent, per kind), then the items never seen."""
    lines = ["coverage" + (f" (minimum {min_coverage:g}%)" if min_coverage is not None else "")]
    for c in coverages:
        if not c.tested:
            lines.append(f"  {c.policy} v{c.version} ({c.path}): not tested, no test file names it: 0/{c.total} items, {c.percent:.1f}%")
            continue
        kinds = ", ".join(f"{_KIND_WORDS[k]} {covered}/{total}" for k, (covered, total) in c.by_kind().items())
        lines.append(f"  {c.policy} v{c.version} ({c.path}): {c.covered}/{c.total} items, {c.percent:.1f}%  [{kinds}]")
        if c.missed:
            lines.append("    not covered:")
            for item in c.missed:
                where = f"{c.path}:{item.line}: " if item.line else ""
                lines.append(f"      {where}{item.describe_missed()}")
    if not coverages:
        lines.append("  no policy was tested")
    return "\n".join(lines) + "\n"


def tests_json(run: RunResult) -> str:
    return dumps(run.to_dict(), pretty=True) + "\n"


def _failure_text(case: CaseResult, path: str) -> str:
    return "\n".join(line[8:] for line in _case_block(case, path)[1:])


def tests_junit(run: RunResult) -> str:
    """JUnit XML: a ``testsuite`` per test file, a ``testcase`` per case and record; coverage as its own suite."""
    root = ET.Element("testsuites", name="policyscore test")
    total_tests = total_failures = total_errors = 0
    for result in run.files:
        suite = ET.SubElement(root, "testsuite", name=result.path)
        props = ET.SubElement(suite, "properties")
        if result.policy is not None:
            ET.SubElement(props, "property", name="policy", value=result.policy)
        if result.policy_path is not None:
            ET.SubElement(props, "property", name="policy_path", value=result.policy_path)
        tests = failures = errors = 0
        problems = [d for d in result.diagnostics if d.is_error]
        if problems:
            tests += 1
            errors += 1
            case = ET.SubElement(suite, "testcase", classname=result.path, name="load the test file", file=result.path)
            line = problems[0].span.line if problems[0].span and problems[0].span.file == result.path else None
            if line is not None:
                case.set("line", str(line))
            error = ET.SubElement(case, "error", message=str(problems[0]), type=problems[0].code)
            error.text = render_diagnostics(result.diagnostics, result.sources)
        for c in result.cases:
            tests += 1
            case = ET.SubElement(suite, "testcase", classname=result.path, name=c.title, file=result.path)
            if c.line is not None:
                case.set("line", str(c.line))
            if c.status == "error":
                errors += 1
                error = ET.SubElement(case, "error", message=c.error or "", type="RecordError")
                error.text = _failure_text(c, result.path)
            elif c.status == "failed":
                failures += 1
                first = c.failures[0]
                message = f"{first.expectation}: expected {first.expected}, got {first.actual}"
                if len(c.failures) > 1:
                    message += f" (and {len(c.failures) - 1} more)"
                failure = ET.SubElement(case, "failure", message=message, type="ExpectationNotMet")
                failure.text = _failure_text(c, result.path)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        total_tests, total_failures, total_errors = total_tests + tests, total_failures + failures, total_errors + errors
    if run.coverage is not None:
        suite = ET.SubElement(root, "testsuite", name="coverage")
        failures = 0
        for cov in run.coverage:
            name = f"{cov.policy} coverage {cov.percent:.1f}%" + (f" >= {run.min_coverage:g}%" if run.min_coverage is not None else "")
            case = ET.SubElement(suite, "testcase", classname="coverage", name=name)
            if cov.path:
                case.set("file", cov.path)
            out = ET.SubElement(case, "system-out")
            out.text = coverage_text([cov]).rstrip("\n")
            if cov in run.below_min:
                failures += 1
                fail = ET.SubElement(
                    case, "failure", message=f"coverage {cov.percent:.1f}% is below {run.min_coverage:g}%", type="Coverage"
                )
                fail.text = "\n".join(item.describe_missed() for item in cov.missed)
        suite.set("tests", str(len(run.coverage)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += len(run.coverage)
        total_failures += failures
    if run.mutation is not None:
        total_tests += len(run.mutation)
        total_failures += mutation_junit(root, run.mutation, run.below_min_mutation, run.min_mutation_score)
    if run.versions is not None:
        suite = ET.SubElement(root, "testsuite", name=f"versions against {run.versions_against}")
        kept = 0
        for v in run.versions:
            case = ET.SubElement(suite, "testcase", classname="versions", name=f"{v.policy_path} version", file=v.policy_path)
            ET.SubElement(case, "system-out").text = f"{v.status}: {v.message}"
            if not v.ok:
                kept += 1
                ET.SubElement(case, "failure", message=v.message, type="VersionNotChanged" if v.status == "kept" else "VersionCheck")
        for key, value in (("tests", len(run.versions)), ("failures", kept), ("errors", 0), ("skipped", 0)):
            suite.set(key, str(value))
        total_tests += len(run.versions)
        total_failures += kept
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    _xml_safe(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml_safe(root: ET.Element) -> None:
    """Make every text and attribute of the tree XML-safe, whatever the test names, ids and messages hold."""
    for element in root.iter():
        if element.text:
            element.text = xml_text(element.text)
        if element.tail:
            element.tail = xml_text(element.tail)
        for key, value in element.attrib.items():
            element.attrib[key] = xml_text(value)


# ---------------------------------------------------------------- diffs


def _num(value: Any) -> str:
    return "" if value is None else describe_value(value)


def _signed(value: float | int) -> str:
    text = describe_value(value)
    return text if text.startswith("-") else "+" + text


def _change_text(c: KeyChange) -> str:
    if c.change != "edited":
        return f"{c.label}: {c.change}"
    return f"{c.label}: {_value(c.old)} -> {_value(c.new)}"


def _value(value: Any) -> str:
    if value is None:
        return "none"
    return value if isinstance(value, str) else describe_value(value)


def _tiered(score: Any, tier: str | None, show: Callable[[Any], str] = printable) -> str:
    return f"{_num(score)} {show(tier)}" if tier else _num(score)


def _stats_rows(report: DiffReport) -> list[list[str]]:
    def row(label: str, s: ScoreStats) -> list[str]:
        return [label, str(s.count), _num(s.mean), _num(s.p10), _num(s.p50), _num(s.p90)]

    return [row("before", report.before), row("after", report.after)]


_STATS_HEADERS = ["", "count", "mean", "p10", "p50", "p90"]


def _matrix_rows(report: DiffReport, mark: bool = False) -> list[list[str]]:
    rows = []
    for r in report.rows:
        cells = [md_text(r) if mark else printable(r)]
        for c in report.columns:
            n = report.matrix.get((r, c), 0)
            cells.append(f"**{n}**" if mark and n and r != c else str(n))
        rows.append(cells)
    return rows


def _mover_rows(report: DiffReport, show: Callable[[Any], str] = printable) -> list[list[str]]:
    rows = []
    for m in report.movers:
        if m.factor is not None:
            f = m.factor
            what = f"{f.id} {_num(f.old) or 'none'} -> {_num(f.new) or 'none'} ({_signed(f.delta)})"
        else:
            what = ""
        if m.adjustments:
            what += ("; " if what else "") + "adjustments: " + ", ".join(m.adjustments)
        rows.append([show(m.id), _tiered(m.old_score, m.old_tier, show), _tiered(m.new_score, m.new_tier, show), _signed(m.delta), what])
    return rows


_MOVER_HEADERS = ["id", "old", "new", "change", "factor that changed most"]


def _sides(report: DiffReport) -> list[str]:
    out = []
    for label, side in (("old", report.old), ("new", report.new)):
        out.append(f"{label}: {printable(side.ref)} ({side.name} v{printable(side.version)}, sha256 {side.sha256[:12]})")
        out.extend(f"  note: {note}" for note in side.notes)
    return out


def _moved_lines(report: DiffReport, md: bool = False) -> list[str]:
    """Every tier change, grouped by migration: who moved and which factors and adjustments moved them."""
    moved = report.moved
    if moved is None or not moved.counts:
        return []
    lines = []
    for (old, new), people in moved.groups.items():
        total = moved.counts[(old, new)]
        show = md_text if md else printable
        head = f"{show(old)} -> {show(new)} ({total})"
        lines.append(f"- **{head}**" if md else f"  {head}")
        for m in people:
            why = ", ".join(c.text() for c in m.changes[:3]) + (f", ... ({len(m.changes)} changed)" if len(m.changes) > 3 else "")
            why = why or "no points changed: a threshold moved"
            who = f"{_tiered(m.old_score, None) or '-'} -> {_tiered(m.new_score, None) or '-'}"
            rid = printable(m.id)
            lines.append(f"  - {md_code(rid, cell=False)} {who}: {why}" if md else f"    {rid}  {who}  {why}")
        if total > len(people):
            more = f"... and {total - len(people)} more (--changes FILE lists every one)"
            lines.append(f"  - {more}" if md else f"    {more}")
    return lines


def diff_text(report: DiffReport) -> str:
    """The impact of a policy change as plain text."""
    lines = ["policy diff", *("  " + s for s in _sides(report))]
    lines.append(f"as of {report.as_of}: {_plural(report.records, 'record')} scored with both policies ({report.rejected} rejected)")
    lines.extend(f"warning: {w}" for w in report.warnings)
    lines.append("")
    lines.append(f"policy changes ({len(report.changes)})" if report.changes else "policy changes: none")
    lines.extend("  " + _change_text(c) for c in report.changes)
    lines.append("")
    lines.append(f"eligibility: {report.became_eligible} became eligible, {report.became_ineligible} became ineligible")
    for rid, what in report.eligibility_examples:
        lines.append(f"  {printable(rid)}: {'became eligible' if what == 'gained' else 'became ineligible'}")
    lines.append("")
    lines.append(f"tier migration: {_plural(report.tier_changes, 'record')} change tier (rows: old tier, columns: new tier)")
    table = tabulate(
        _matrix_rows(report),
        headers=["old \\ new", *map(printable, report.columns)],
        tablefmt="simple",
        disable_numparse=True,
        colalign=("left",) + ("right",) * len(report.columns),
    )
    lines.extend("  " + line for line in table.splitlines())
    moved = _moved_lines(report)
    if moved:
        lines += ["", "tier changes, by migration (old -> new: id, old -> new score, what moved)", *moved]
    lines.append("")
    lines.append("scores of eligible records (percentiles: nearest rank)")
    table = tabulate(
        _stats_rows(report), headers=_STATS_HEADERS, tablefmt="simple", disable_numparse=True, colalign=("left",) + ("right",) * 5
    )
    lines.extend("  " + line for line in table.splitlines())
    lines.append("")
    if report.movers:
        lines.append(f"largest movers ({len(report.movers)})")
        table = tabulate(_mover_rows(report), headers=_MOVER_HEADERS, tablefmt="simple", disable_numparse=True)
        lines.extend("  " + line for line in table.splitlines())
    else:
        lines.append("largest movers: no score changed")
    return "\n".join(lines) + "\n"


def diff_json(report: DiffReport) -> str:
    return dumps(report.to_dict(), pretty=True) + "\n"


def _md_code(value: Any) -> str:
    return "" if value is None else md_code(printable(_value(value)))


def diff_markdown(report: DiffReport) -> str:
    """The impact of a policy change as GitHub-flavoured Markdown, for a pull-request comment."""
    old, new = report.old, report.new
    lines = [DIFF_MARKER, f"### Policy impact: `{new.name}`", ""]
    lines.append(
        f"**{report.tier_changes}** of {report.records} customers change tier; "
        f"**{report.became_eligible}** become eligible, **{report.became_ineligible}** become ineligible "
        f"(as of {report.as_of}{f', {report.rejected} records rejected' if report.rejected else ''})."
    )
    lines.append("")
    for label, side in (("old", old), ("new", new)):
        ref = md_code(printable(side.ref), cell=False)
        lines.append(f"- {label}: {ref} ({side.name} v{md_text(side.version)}, sha256 `{side.sha256[:12]}`)")
    lines.extend(f"- note: {md_text(note)}" for side in (old, new) for note in side.notes)
    lines.append("")
    for warning in report.warnings:
        lines += [f"> **Warning:** {md_text(warning)}", ""]
    lines.append("#### Policy changes")
    lines.append("")
    if report.changes:
        rows = [[_md_code(c.section + "." + c.key), c.field or "", c.change, _md_code(c.old), _md_code(c.new)] for c in report.changes]
        lines.append(tabulate(rows, headers=["key", "field", "change", "old", "new"], tablefmt="pipe", disable_numparse=True))
    else:
        lines.append("No policy key changed.")
    lines.append("")
    lines.append("#### Tier migration")
    lines.append("")
    lines.append("Rows: old tier; columns: new tier; changes in bold.")
    lines.append("")
    lines.append(
        tabulate(
            _matrix_rows(report, mark=True),
            headers=["old \\ new", *map(md_text, report.columns)],
            tablefmt="pipe",
            disable_numparse=True,
            colalign=("left",) + ("right",) * len(report.columns),
        )
    )
    moved = _moved_lines(report, md=True)
    if moved:
        lines += ["", "#### Tier changes", "", "Every customer who changes tier, by migration, with what moved them.", "", *moved]
    lines.append("")
    lines.append("#### Scores of eligible customers")
    lines.append("")
    lines.append(
        tabulate(_stats_rows(report), headers=_STATS_HEADERS, tablefmt="pipe", disable_numparse=True, colalign=("left",) + ("right",) * 5)
    )
    lines.append("")
    lines.append(f"#### Largest movers ({len(report.movers)})")
    lines.append("")
    if report.movers:
        rows = _mover_rows(report, md_text)
        lines.append(tabulate(rows, headers=_MOVER_HEADERS, tablefmt="pipe", disable_numparse=True))
    else:
        lines.append("No score changed.")
    if report.eligibility_examples:
        lines.append("")
        lines.append("#### Eligibility changes")
        lines.append("")
        for rid, what in report.eligibility_examples:
            lines.append(f"- {md_code(printable(rid), cell=False)} {'became eligible' if what == 'gained' else 'became ineligible'}")
    return "\n".join(lines) + "\n"
