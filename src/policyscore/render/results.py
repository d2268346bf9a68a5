"""Renderings of explanations and diagnostics as text, Markdown and JSON (score tables: :mod:`policyscore.render.scores`).

Every function here turns data (explanation dicts, diagnostics) into a
string; none of them prints or reads anything.  All JSON encoding goes
through :func:`dumps` (:mod:`policyscore.io.writers`), so a faster JSON
library can be swapped in at one place.  The score tables are re-exported
here for callers that render both.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from policyscore.engine.reference import describe_value
from policyscore.errors import Diagnostic, render_diagnostics
from policyscore.io.writers import dumps
from policyscore.render.scores import (
    Row,
    md_code,
    md_text,
    printable,
    results_csv,
    results_markdown,
    results_table,
    row_of,
    run_header,
    sort_key,
)
from policyscore.render.scores import num as _num

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.policy import Policy

__all__ = [
    "dumps",
    "Row",
    "row_of",
    "sort_key",
    "printable",
    "run_header",
    "results_table",
    "results_markdown",
    "results_csv",
    "explanation_text",
    "explanation_markdown",
    "diagnostics_text",
    "diagnostics_json",
    "diagnostics_github",
    "validate_summary",
]


# ---------------------------------------------------------------- one explanation: shared helpers

_WIDTH = 88


def _flat(text: str | None) -> str:
    """An expression or description on one line (folded YAML keeps line breaks)."""
    return " ".join((text or "").split())


def _value(value: Any) -> str:
    """A value as an auditor reads it; long lists are shortened."""
    if isinstance(value, list) and len(value) > 8:
        head = ", ".join(describe_value(v) for v in value[:6])
        return f"[{head}, ... {len(value)} values]"
    return describe_value(value)


def _signed(value: float | int, decimals: int) -> str:
    text = _num(value, decimals)
    return text if text.startswith("-") else f"+{text}"


def _points(value: float | int | None) -> str:
    return "null" if value is None else describe_value(value)


def _headline(d: dict[str, Any], decimals: int, tiers: bool = True) -> str:
    """Score, tier and the next tier in words."""
    if not d["eligible"]:
        failed = [f["id"] for f in d["filters"] if not f["passed"]]
        return f"not eligible: failed {_and(failed)}"
    total = d["total"]
    out = f"score {_num(d['score'], decimals)}"
    if total.get("max") is not None:
        out += f" of {_points(total['max'])}"
    if tiers:
        out += f", tier {d['tier']}" if d["tier"] else ", no tier"
    nxt = d["next_tier"]
    if nxt is not None:
        out += f" ({_points(nxt['points_short'])} points short of {nxt['name']})"
    elif d["tier"]:
        out += " (the highest tier)"
    return out


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _reads(inputs: dict[str, Any]) -> list[str]:
    return [f"{name} = {_value(v)}" for name, v in sorted(inputs.items())]


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(_flat(text), width=_WIDTH, initial_indent=indent, subsequent_indent=indent) if text else []


# ---------------------------------------------------------------- one explanation as text


def explanation_text(d: dict[str, Any], policy: Policy, trace: list[dict[str, Any]] | None = None, *, compact: bool = False) -> str:
    """The explanation of one customer for someone who never saw the policy language.

    ``compact``: only the headline, the reasons and one line per factor.
    """
    dec = policy.decimals
    p = d["policy"]
    lines = [printable(f"Customer {d['id']}: " + _headline(d, dec, bool(policy.tiers)))]  # one line, whatever the id holds
    if not compact:
        lines += [
            f"  policy {p['name']} version {printable(p['version'])} (sha256 {p['sha256'][:12]}),",
            f"  scored as of {d['as_of']} by policyscore {d['engine']['version']}",
        ]
    if d["reasons"]:
        lines += ["", "Why" if d["eligible"] else "Why not"]
        for i, r in enumerate(d["reasons"], 1):
            lines += textwrap.wrap(r["text"], width=_WIDTH, initial_indent=f"  {i}. ", subsequent_indent="     ", break_long_words=False)
    if compact:
        return "\n".join(lines + _compact_factors(d, dec)) + "\n"
    if d["filters"]:
        passed = sum(1 for f in d["filters"] if f["passed"])
        lines += ["", f"Filters: a customer must pass all of them ({passed} of {len(d['filters'])} passed)"]
        for f in d["filters"]:
            verdict = "pass" if f["passed"] else ("FAIL, unknown" if f["result"] is None else "FAIL")
            lines += [f"  [{verdict}] {f['id']}", *_rule_text(f, f["null_reason"])]
    if d["lets"]:
        lines += ["", "Derived values"]
        width = max(len(x["name"]) for x in d["lets"])
        pad = " " * (width + 5)
        for x in d["lets"]:
            lines.append(f"  {x['name'].ljust(width)} = {_value(x['value'])}")
            lines.append(f"{pad}from {_flat(x['expression'])}")
            for i, item in enumerate(_reads(x["inputs"])):  # one value read per line, as for the other rules
                head = pad + ("read " if i == 0 else "     ")
                lines += textwrap.wrap(item, width=_WIDTH, initial_indent=head, subsequent_indent=pad + "         ", break_long_words=False)
    if d.get("portfolio"):
        book = d["policy"]["portfolio"]
        lines += ["", f"Portfolio values: computed over the book of {book['records']} customers"]
        lines += [line for entry in d["portfolio"] for line in _portfolio_text(entry)]
    if d["factors"]:
        lines += ["", "Factors: each gives weight x value (a value from 0 to 1) points"]
        bands = {f.id: f.bands for f in policy.factors}
        for f in d["factors"]:
            lines += _factor_text(f, bands.get(f["id"]), dec)
    if d["adjustments"]:
        lines += ["", "Adjustments: points added or taken away when a condition holds"]
        for a in d["adjustments"]:
            verdict = "applied" if a["applied"] else ("not applied, unknown" if a["condition"] is None else "not applied")
            lines += [f"  [{verdict}] {a['id']}: {_signed(a['defined_points'], dec)} points", *_rule_text(a, a["null_reason"])]
    if d["total"] is not None:
        lines += ["", "Total", *_total_text(d, dec, bool(policy.tiers))]
    if trace:
        lines += ["", "Trace: the value of every part of every rule"]
        for entry in trace:
            lines += [f"  {entry['label']}", *_tree_lines(entry["tree"], "    ")]
    return "\n".join(lines) + "\n"


def _compact_factors(d: dict[str, Any], dec: int) -> list[str]:
    """One line per factor: points of the maximum, and the value or band that gave them."""
    if not d["factors"]:
        return []
    rows = []
    for f in d["factors"]:
        if f["missing"]:
            how = f"unknown, counted as {describe_value(f['value'])}"
        elif f["band"] is not None:
            band = f["band"]
            how = f"band '{band['label'] or ('otherwise' if band['when'] is None else _flat(band['when']))}'"
        else:
            how = f"value {describe_value(f['value'])}" + (f" (clamped from {describe_value(f['raw_value'])})" if f["clamped"] else "")
        rows.append((f["id"], _num(f["points"], dec), f"of {describe_value(f['max_points'])}", how))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    out = ["", "Factors"]
    for fid, pts, top, how in rows:
        line = f"  {fid.ljust(widths[0])}  {pts.rjust(widths[1])} {top.ljust(widths[2])}  {how}"
        out.append(line if len(line) <= _WIDTH else line[: _WIDTH - 3] + "...")
    return out


def _portfolio_text(entry: dict[str, Any]) -> list[str]:
    """One portfolio call: its value and what it was computed over (group, referred customers)."""
    lines = [f"  {_flat(entry['expression'])} = {_value(entry['value'])}"]
    if "group" in entry:
        group = entry["group"]
        lines.append(f"      over the {group['size']} customers whose group is {describe_value(group['key'])}")
    if entry.get("contributors"):
        shown = ", ".join(f"{describe_value(c['id'])} {_value(c['contribution'])} (level {c['level']})" for c in entry["contributors"])
        more = f", and {entry['more_contributors']} more" if entry.get("more_contributors") else ""
        lines += textwrap.wrap(f"from {shown}{more}", width=_WIDTH, initial_indent="      ", subsequent_indent="        ")
    return lines


def _rule_text(entry: dict[str, Any], null_reason: str | None) -> list[str]:
    """A filter's or adjustment's description, rule, the values it read, and why it was null."""
    lines = _wrap(entry["description"], "      ")
    lines += _detail("rule", [_flat(entry["expression"])])
    lines += _detail("read", _reads(entry["inputs"]))
    if null_reason:
        lines += _detail("why", [f"unknown: {null_reason}"])
    return lines


def _total_text(d: dict[str, Any], dec: int, tiers: bool) -> list[str]:
    total = d["total"]
    rows = [("factor points", _num(total["factor_points"], dec)), ("adjustments", _signed(total["adjustment_points"], dec))]
    if total["clamped"]:
        rows.append(("sum", _num(total["unclamped"], dec)))
        rows.append(("score", f"{_num(total['score'], dec)}  ({_clamp_words(total['min'], total['max'])})"))
    else:
        rows.append(("score", _num(total["score"], dec)))
    if tiers:
        rows.append(("tier", d["tier"] or "none"))
    nxt = d["next_tier"]
    if nxt is not None:
        rows.append(("next tier", f"{nxt['name']} from {_points(nxt['min'])}: {_points(nxt['points_short'])} points short"))
    width = max(len(k) for k, _ in rows)
    return [f"  {k.ljust(width)}  {v}" for k, v in rows]


def _clamp_words(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"kept within {_points(low)} to {_points(high)}"
    if low is not None:
        return f"kept at or above {_points(low)}"
    return f"kept at or below {_points(high)}"


def _detail(label: str, items: list[str]) -> list[str]:
    """``label`` then its items, one per line, each wrapped under itself."""
    out = []
    for i, item in enumerate(items):
        head = f"      {(label if i == 0 else '').ljust(6)} "
        wrapped = textwrap.wrap(item, width=_WIDTH - len(head), subsequent_indent="    ", break_long_words=False, break_on_hyphens=False)
        out += [head + wrapped[0], *(" " * len(head) + rest for rest in wrapped[1:])]
    return out


def _factor_text(f: dict[str, Any], bands: Any, dec: int) -> list[str]:
    lines = [f"  {f['id']}: {_num(f['points'], dec)} of {describe_value(f['max_points'])} points"]
    lines += _wrap(f["description"], "      ")
    if f["expression"] is not None:
        lines += _detail("rule", [_flat(f["expression"])])
    elif bands:
        chosen = f["band"]["index"] if f["band"] is not None else None
        shown = []
        for i, b in enumerate(bands):
            mark = ">" if i == chosen else "-"
            cond = "otherwise" if b.text is None else f"when {_flat(b.text)}"
            label = f" ({b.label})" if b.label else ""
            shown.append(f"{mark} {cond}: {describe_value(b.value)}{label}")
        lines += _detail("bands", ["(the first that holds gives the value)", *shown])
    lines += _detail("read", _reads(f["inputs"]))
    if f["missing"]:
        why = f"; {f['missing_reason']}" if f["missing_reason"] else ""
        lines += _detail("value", [f"unknown{why}; counted as {describe_value(f['value'])}"])
    elif f["clamped"]:
        side = "more than 1" if f["raw_value"] > 1 else "less than 0"
        lines += _detail("value", [f"{describe_value(f['raw_value'])}, {side}, so counted as {describe_value(f['value'])}"])
    else:
        lines += _detail("value", [describe_value(f["value"])])
    lines += _detail("points", [f"{describe_value(f['weight'])} x {describe_value(f['value'])} = {_num(f['points'], dec)}"])
    return lines


def _tree_lines(node: dict[str, Any], indent: str) -> list[str]:
    if not node["evaluated"]:
        return [f"{indent}{_flat(node['expression'])}  (not evaluated)"]
    out = [f"{indent}{_flat(node['expression'])} = {_value(node['value'])}"]
    for child in node["children"]:
        if _is_literal(child):
            continue
        out += _tree_lines(child, indent + "  ")
    return out


def _is_literal(node: dict[str, Any]) -> bool:
    """A leaf that is a constant written in the rule (``0.7``, ``"annual"``, ``null``): not worth a line."""
    if node["children"]:
        return False
    text, value = node["expression"].strip(), node["value"]
    if not node["evaluated"]:
        return text in ("null", "true", "false") or (text != "" and text[0] in "0123456789\"'")
    if isinstance(value, str):
        return text in (repr(value), dumps(value))
    return text == describe_value(value)


# ---------------------------------------------------------------- one explanation as Markdown


def explanation_markdown(d: dict[str, Any], policy: Policy, trace: list[dict[str, Any]] | None = None) -> str:
    """The explanation of one customer as Markdown (headings, tables), e.g. for a ticket or a review."""
    dec = policy.decimals
    p = d["policy"]
    lines = [
        f"## Customer {md_code(printable(d['id']), cell=False)}",
        "",
        f"**{md_text(_headline(d, dec, bool(policy.tiers)))}**",
        "",
        f"Policy **{md_text(p['name'])}** version {md_text(p['version'])} (sha256 `{p['sha256'][:12]}`), "
        f"as of **{d['as_of']}**, policyscore {d['engine']['version']}.",
    ]
    if d["reasons"]:
        lines += ["", "### Why" if d["eligible"] else "### Why not", ""]
        lines += [f"{i}. {md_text(r['text'])}" for i, r in enumerate(d["reasons"], 1)]
    if d["filters"]:
        lines += ["", "### Filters", "", "| filter | result | rule | values read |", "|---|---|---|---|"]
        for f in d["filters"]:
            verdict = "pass" if f["passed"] else ("**fail** (unknown)" if f["result"] is None else "**fail**")
            lines.append(f"| {f['id']} | {verdict} | {_code(f['expression'])} | {_md_reads(f['inputs'])} |")
        lines += _md_descriptions(d["filters"])
    if d["lets"]:
        lines += ["", "### Derived values", "", "| name | value | from | values read |", "|---|---|---|---|"]
        for x in d["lets"]:
            lines.append(f"| {x['name']} | {md_text(_value(x['value']))} | {_code(x['expression'])} | {_md_reads(x['inputs'])} |")
    if d["factors"]:
        lines += ["", "### Factors", "", "| factor | points | of | value | rule or band | values read |", "|---|--:|--:|--:|---|---|"]
        for f in d["factors"]:
            if f["expression"] is not None:
                rule = _code(f["expression"])
            elif f["band"] is not None:
                rule = "otherwise" if f["band"]["when"] is None else _code(f["band"]["when"])
            else:
                rule = "no band could be decided"
            value = describe_value(f["value"])
            if f["missing"]:
                value += " (unknown" + (f": {f['missing_reason']}" if f["missing_reason"] else "") + ")"
            elif f["clamped"]:
                value += f" (from {describe_value(f['raw_value'])})"
            row = [f["id"], _num(f["points"], dec), _num(f["max_points"], dec), md_text(value), rule, _md_reads(f["inputs"])]
            lines.append("| " + " | ".join(row) + " |")
        lines += _md_descriptions(d["factors"])
    if d["adjustments"]:
        lines += ["", "### Adjustments", "", "| adjustment | applied | points | rule | values read |", "|---|---|--:|---|---|"]
        for a in d["adjustments"]:
            applied = "yes" if a["applied"] else ("no (unknown)" if a["condition"] is None else "no")
            row = [a["id"], applied, _signed(a["defined_points"], dec), _code(a["expression"]), _md_reads(a["inputs"])]
            lines.append("| " + " | ".join(row) + " |")
        lines += _md_descriptions(d["adjustments"])
    total = d["total"]
    if total is not None:
        lines += ["", "### Total", ""]
        lines.append(f"- factor points: {_num(total['factor_points'], dec)}")
        lines.append(f"- adjustments: {_signed(total['adjustment_points'], dec)}")
        clamp = f" ({_clamp_words(total['min'], total['max'])})" if total["clamped"] else ""
        lines.append(f"- **score: {_num(total['score'], dec)}**{clamp}, tier **{md_text(d['tier'] or 'none')}**")
        if d["next_tier"] is not None:
            nxt = d["next_tier"]
            lines.append(f"- next tier: {md_text(nxt['name'])} from {_points(nxt['min'])}, {_points(nxt['points_short'])} points short")
    if trace:
        lines += ["", "### Trace", ""]
        for entry in trace:
            lines += [f"**{entry['label']}**", "", "```text", *_tree_lines(entry["tree"], ""), "```", ""]
        lines.pop()
    return "\n".join(lines) + "\n"


def _md_descriptions(entries: list[dict[str, Any]]) -> list[str]:
    """The plain-language description of each filter, factor or adjustment that has one, as a list under its table."""
    described = [e for e in entries if e["description"]]
    return [""] + [f"- **{e['id']}**: {md_text(_flat(e['description']))}" for e in described] if described else []


def _code(text: str | None) -> str:
    flat = _flat(text)
    return md_code(flat) if flat else ""


def _md_reads(inputs: dict[str, Any]) -> str:
    return "<br>".join(md_text(r) for r in _reads(inputs))


# ---------------------------------------------------------------- diagnostics (validate)


def _effective(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=Diagnostic.sort_key)


def validate_summary(results: Sequence[tuple[str, list[Diagnostic]]]) -> str:
    """``3 files checked: 1 error, 2 warnings`` (``all valid`` when clean)."""
    errors = sum(1 for _, ds in results for d in ds if d.is_error)
    warnings = sum(1 for _, ds in results for d in ds if not d.is_error)
    tests = sum(1 for path, _ in results if path.endswith((".test.yaml", ".test.yml")))
    policies = len(results) - tests
    head = f"{policies} policy file{'s' if policies != 1 else ''}"
    if tests:
        head += f" and {tests} test file{'s' if tests != 1 else ''}"
    head += " checked"
    if not errors and not warnings:
        return f"{head}: all valid"
    bad = sum(1 for _, ds in results if any(d.is_error for d in ds))
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    tail = f" in {bad} file{'s' if bad != 1 else ''}" if errors else ""
    return f"{head}: {', '.join(parts)}{tail}"


def diagnostics_text(results: Sequence[tuple[str, list[Diagnostic]]], sources: dict[str, str]) -> str:
    """Compiler-style messages with the source line and a caret, then a one-line summary."""
    blocks = []
    for path, ds in results:
        # A problem without a position (file not found) still names the file it is about.
        blocks += [f"{path}: {d.severity}: {d.message} [{d.code}]" for d in ds if d.span is None]
        placed = [d for d in ds if d.span is not None]
        if placed:
            blocks.append(render_diagnostics(placed, sources))
    body = "\n\n".join(blocks)
    return (body + "\n\n" if body else "") + validate_summary(results) + "\n"


def diagnostics_json(results: Sequence[tuple[str, list[Diagnostic]]]) -> str:
    """``{"files": [{"path", "valid", "errors", "warnings"}], "diagnostics": [...], "errors", "warnings", "valid"}``."""
    files: list[dict[str, Any]] = []
    diagnostics: list[dict[str, Any]] = []
    for path, ds in results:
        errors = sum(1 for d in ds if d.is_error)
        files.append({"path": path, "valid": errors == 0, "errors": errors, "warnings": len(ds) - errors})
        diagnostics += [dict(d.to_dict(), path=path) for d in _effective(ds)]
    errors = sum(f["errors"] for f in files)
    doc = {
        "files": files,
        "diagnostics": diagnostics,
        "errors": errors,
        "warnings": sum(f["warnings"] for f in files),
        "valid": errors == 0,
    }
    return dumps(doc, pretty=True) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def diagnostics_github(results: Sequence[tuple[str, list[Diagnostic]]]) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...,title=PS201::message``."""
    out = []
    for path, ds in results:
        for d in _effective(ds):
            props = {"file": (d.span.file if d.span and d.span.file else path)}
            s = d.span
            if s is not None:
                props["line"] = str(s.line)
                props["endLine"] = str(s.end_line)
                if s.end_line == s.line:
                    props["col"] = str(s.column)
                    props["endColumn"] = str(s.end_column)
            props["title"] = d.code
            order = ["file", "line", "col", "endLine", "endColumn", "title"]
            shown = ",".join(f"{k}={_escape_property(props[k])}" for k in order if k in props)
            message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
            out.append(f"::{'error' if d.is_error else 'warning'} {shown}::{_escape_data(message)}")
    return "".join(line + "\n" for line in out)
