"""``policyscore report``, ``diff --format html`` and ``explain --format html`` from the command line."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from policyscore.cli.report import ProgressBar

ROOT = Path(__file__).resolve().parent.parent
POLICY = str(ROOT / "rules" / "startup-us-ca.yaml")
SAMPLE = ROOT / "examples" / "customers.jsonl"
AS_OF = "2026-11-01"


def test_report_writes_one_html_file_and_a_summary(run, tmp_path):
    out = tmp_path / "report.html"
    result = run("report", POLICY, SAMPLE, "--as-of", AS_OF, "--top", "2", "--amount", "annual_contract_value", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "324 records read: 210 scored, 114 ineligible, 0 rejected; 2 explained" in result.stderr
    assert "tiers: best 4, good 62, fair 99, low 45" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert hashlib.sha256(SAMPLE.read_bytes()).hexdigest() in text
    assert text.count('data-chart="waterfall"') == 2 and 'data-chart="pareto"' in text


def test_report_counts_rejected_records_instead_of_stopping(run, tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:30]
    lines[4] = '{"id": "BAD", "annual_contract_value": "lots"}'
    book = tmp_path / "book.jsonl"
    book.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    result = run("report", POLICY, book, "--as-of", AS_OF, "--top", "0", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "30 records read" in result.stderr and "1 rejected" in result.stderr
    text = out.read_text(encoding="utf-8")
    row = re.search(r'<tr data-rejection="(PS4\d\d)">.*?</tr>', text, re.S)
    assert row is not None and "<td>5</td>" in row.group(0)


def test_report_mistakes_are_messages_not_tracebacks(run, tmp_path):
    result = run("report", POLICY, SAMPLE, "--as-of", AS_OF, "--amount", "annual_contract_valeu", "-o", tmp_path / "r.html")
    assert result.exit_code == 2
    assert "did you mean 'annual_contract_value'" in result.stderr and "Traceback" not in result.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "A", "annual_contract_value": "x"}\n{"id": "A"}\n', encoding="utf-8")
    result = run("report", POLICY, bad, "--as-of", AS_OF, "-o", tmp_path / "r.html")
    assert result.exit_code == 1 and "every record of" in result.stderr
    assert not (tmp_path / "r.html").exists()
    result = run("report", POLICY, tmp_path / "missing.jsonl", "--as-of", AS_OF)
    assert result.exit_code == 1 and "Traceback" not in result.stderr


def test_report_reads_stdin_and_says_it_has_no_digest(run):
    result = run("report", POLICY, "-", "--as-of", AS_OF, "--top", "1", input=SAMPLE.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "&lt;stdin&gt;" in result.stdout and "not available: read from stdin" in result.stdout


def test_progress_bar_on_stderr_for_a_long_run(run, tmp_path):
    record = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    book = tmp_path / "big.jsonl"
    with book.open("w", encoding="utf-8") as fh:
        for i in range(20001):
            fh.write(json.dumps(dict(record, id=f"G{i:06d}")) + "\n")
    result = run("report", POLICY, book, "--as-of", AS_OF, "--top", "0", "--progress", "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.stderr
    bars = re.findall(r"\rreport: \[([#.]{30})\] +(\d+)%  ([\d,]+) records", result.stderr)
    assert [b[2] for b in bars] == ["10,000", "20,000"]
    assert 0 < int(bars[0][1]) <= int(bars[1][1]) <= 100
    quiet = run("report", POLICY, book, "--as-of", AS_OF, "--top", "0", "--no-progress", "-o", tmp_path / "r.html")
    assert "\rreport:" not in quiet.stderr


def test_progress_bar_text():
    bar = ProgressBar(None, None)
    assert bar.line(1500, 0.5, 3.2) == "report: [###############...............]  50%  1,500 records  3 s"
    assert bar.line(1500, None, 3.2) == "report: 1,500 records  3 s"


def test_explain_html_is_one_page_per_call_with_each_customer(run):
    result = run("explain", POLICY, SAMPLE, "--as-of", AS_OF, "--id", "C00300", "--id", "EDGE-10-ALL-NULLS", "--format", "html", "--trace")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.count("<!DOCTYPE html>") == 1
    assert 'data-customer="C00300"' in page and 'data-customer="EDGE-10-ALL-NULLS"' in page
    assert page.count('data-chart="waterfall"') == 2 and "Trace: the value of every part of every rule" in page


def test_diff_html_to_a_file(run, tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    new = folder / "startup-us-ca.yaml"
    new.write_text(new.read_text(encoding="utf-8").replace("min: 55", "min: 60", 1), encoding="utf-8")
    out = tmp_path / "diff.html"
    result = run("diff", POLICY, new, SAMPLE, "--as-of", AS_OF, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert 'data-chart="migration"' in text and "tiers.good.min" in text
    assert re.search(r'<h3 data-migration="good → fair">good → fair: (\d+) customers', text)
    text_out = tmp_path / "diff.txt"
    assert run("diff", POLICY, new, SAMPLE, "--as-of", AS_OF, "-o", text_out).exit_code == 0
    assert text_out.read_text(encoding="utf-8").startswith("policy diff")


def test_report_of_a_policy_with_portfolio_functions_reads_the_book_first(run, tmp_path):
    policy = tmp_path / "share.yaml"
    policy.write_text(
        "policy: share\nversion: 1\nrecord:\n  fields: {id: string, x: number?}\n"
        "factors:\n  - {id: f, weight: 10, value: 'x / portfolio_max(x)', missing: 0}\n"
        "score: {min: 0, max: 10, decimals: 2}\ntiers:\n  - {name: top, min: 5}\n  - {name: rest, min: 0}\n",
        encoding="utf-8",
    )
    book = tmp_path / "book.jsonl"
    book.write_text("".join(json.dumps({"id": f"c{i}", "x": i}) + "\n" for i in range(1, 11)), encoding="utf-8")
    out = tmp_path / "r.html"
    result = run("report", policy, book, "--as-of", AS_OF, "--top", "1", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "tiers: top 6, rest 4" in result.stderr  # x / 10 >= 0.5 for x = 5..10
    assert '<tr data-customer="c10">' in out.read_text(encoding="utf-8")


def _policyscore(*args: object) -> subprocess.CompletedProcess[str]:
    """The command in its own process: a crash in the chart renderer aborts the process, not just the command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "policyscore", *map(str, args)], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def test_pages_show_control_characters_of_ids_and_tier_names_as_escapes(tmp_path):
    # A tier name or a referrer's id holding a control character made the chart renderer abort the process (exit 134).
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "policy: p\nversion: 1\nreferrals: {referred_by: ref}\n"
        "factors:\n  - {id: brought, weight: 10, value: 'scale(referred_count(1), 0, 1)'}\n"
        'tiers:\n  - {name: "<b>gold\\a</b>", min: 5}\n  - {name: low, min: 0}\n',
        encoding="utf-8",
    )
    records = tmp_path / "r.jsonl"
    records.write_text('{"id": "x\\u0001<i>"}\n{"id": "y", "ref": "x\\u0001<i>"}\n', encoding="utf-8")
    changed = tmp_path / "q.yaml"
    changed.write_text(policy.read_text(encoding="utf-8").replace("min: 5", "min: 50"), encoding="utf-8")
    runs = {
        "report": _policyscore("report", policy, records, "--as-of", AS_OF, "-o", tmp_path / "report.html"),
        "diff": _policyscore("diff", policy, changed, records, "--as-of", AS_OF, "--format", "html", "-o", tmp_path / "diff.html"),
        "explain": _policyscore("explain", policy, records, "--as-of", AS_OF, "--id", "x\x01<i>", "--format", "html"),
    }
    for name, result in runs.items():
        assert result.returncode == 0, (name, result.stderr)
        text = result.stdout if name == "explain" else (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text), name
        assert "x\\x01&lt;i&gt;" in text and "<i>" not in text, name
        if name != "explain":
            assert "&lt;b&gt;gold\\x07&lt;/b&gt;" in text and "<b>gold" not in text, name
            assert "gold\\x07" in "".join(re.findall(r"<svg.*?</svg>", text, re.S)), f"{name}: the chart labels the tier"


def test_report_summary_is_the_summary_of_score(run, tmp_path):
    # The report said "(no tier) 1" where score says "no tier 1".
    policy = tmp_path / "p.yaml"
    text = "policy: p\nversion: 1\nfactors:\n  - {id: a, weight: 10, value: '1'}\ntiers:\n  - {name: top, min: 50}\n"
    policy.write_text(text, encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text('{"id": "x"}\n{"id": "y"}\n', encoding="utf-8")
    scored = run("score", policy, records, "--as-of", AS_OF)
    reported = run("report", policy, records, "--as-of", AS_OF, "-o", tmp_path / "r.html")
    assert scored.stderr.splitlines() == ["2 records read: 2 scored, 0 ineligible, 0 rejected; 2 shown", "tiers: top 0, no tier 2"]
    assert reported.stderr.splitlines()[1] == scored.stderr.splitlines()[1]
