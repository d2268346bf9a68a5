"""Hostile or mistaken input to the command line: markup and control characters from the data, odd files and options."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import stat
from pathlib import Path

import pytest

POLICY = """\
policy: h
version: "1 <i>v</i>"
record: {fields: {spend: number}}
factors: [{id: size, weight: 100, value: spend / 100}]
tiers: [{name: "<b>hi</b> & co", min: 50}, {name: "lo<script>", min: 0}]
"""
AS_OF = ("--as-of", "2026-11-01")


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "h.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "h2.yaml").write_text(POLICY.replace("spend / 100", "spend / 50"), encoding="utf-8")
    records = [{"id": "<b>x</b>", "spend": 60}, {"id": "a&amp;b", "spend": 20}, {"id": "p|q", "spend": 40}]
    (tmp_path / "h.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return tmp_path


def _cells(markdown: str) -> list[str]:
    """Every cell of every Markdown table row (a ``|`` escaped as ``\\|`` does not end a cell)."""
    return [cell.strip() for line in markdown.splitlines() if line.startswith("|") for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_markdown_scores_show_ids_and_tier_names_as_written(run, here):
    out = run("score", "h.yaml", "h.jsonl", *AS_OF, "--format", "markdown")
    assert out.exit_code == 0, out.stderr
    assert "<" not in out.stdout and ">" not in out.stdout  # nothing a Markdown renderer would take as HTML
    cells = _cells(out.stdout)
    assert "&lt;b&gt;x&lt;/b&gt;" in cells and "a&amp;amp;b" in cells and "p\\|q" in cells
    assert "&lt;b&gt;hi&lt;/b&gt; &amp; co" in cells and "lo&lt;script&gt;" in cells
    assert "version 1 &lt;i&gt;v&lt;/i&gt;" in out.stdout
    csv_out = run("score", "h.yaml", "h.jsonl", *AS_OF, "--format", "csv").stdout
    assert "<b>x</b>,60.00,<b>hi</b> & co" in csv_out and "a&amp;b,20.00,lo<script>" in csv_out  # CSV keeps the text
    rows = [json.loads(line) for line in run("score", "h.yaml", "h.jsonl", *AS_OF, "--format", "jsonl").stdout.splitlines()]
    assert [r["id"] for r in rows] == ["<b>x</b>", "a&amp;b", "p|q"]


def test_markdown_diff_shows_ids_and_tier_names_as_written(run, here):
    out = run("diff", "h.yaml", "h2.yaml", "h.jsonl", *AS_OF, "--format", "markdown")
    assert out.exit_code == 0, out.stderr
    body = out.stdout.split("\n", 1)[1]  # after the comment that marks the diff
    assert "<" not in body and ">" not in body.replace("->", "").replace("> **Warning:**", ""), body
    assert "| &lt;b&gt;hi&lt;/b&gt; &amp; co |" in body  # a row of the tier migration
    assert "- **lo&lt;script&gt; -> &lt;b&gt;hi&lt;/b&gt; &amp; co (1)**" in body
    assert "| a&amp;amp;b " in body and "| p\\|q " in body and "20 lo&lt;script&gt;" in body
    assert "(h v1 &lt;i&gt;v&lt;/i&gt;," in body


def test_markdown_explanation_shows_the_id_and_tier_as_written(run, here):
    out = run("explain", "h.yaml", "h.jsonl", "--id", "<b>x</b>", *AS_OF, "--format", "markdown")
    assert out.exit_code == 0, out.stderr
    assert out.stdout.startswith("## Customer `<b>x</b>`\n")  # a code span shows its text as written
    assert "<" not in out.stdout.split("\n", 1)[1]
    assert "tier **&lt;b&gt;hi&lt;/b&gt; &amp; co**" in out.stdout


FORGING = "t\n::error::forged\x1b[31m\r"  # a new line a CI log reads as a command, a colour, a carriage return


def _clean(text: str) -> bool:
    return "\x1b" not in text and "\r" not in text and not any(line.startswith("::") for line in text.splitlines())


def test_the_tier_summary_of_score_and_report_escapes_control_characters(run, here):
    (here / "t.yaml").write_text(POLICY.replace('"<b>hi</b> & co"', json.dumps(FORGING)), encoding="utf-8")
    score = run("score", "t.yaml", "h.jsonl", *AS_OF)
    report = run("report", "t.yaml", "h.jsonl", *AS_OF, "-o", "r.html")
    for out in (score, report):
        assert out.exit_code == 0, out.stderr
        assert _clean(out.stderr), out.stderr
        assert "tiers: t\\n::error::forged\\x1b[31m\\r 1, lo<script> 2" in out.stderr


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validate_escapes_control_characters_of_an_unknown_key(run, here, fmt):
    (here / "k.yaml").write_text(POLICY + f"{json.dumps(FORGING)}: 1\n", encoding="utf-8")
    out = run("validate", "k.yaml", "--format", fmt)
    assert out.exit_code == 1
    assert "\x1b" not in out.stdout and "\r" not in out.stdout
    if fmt == "github":  # one workflow command, and no other
        assert [line[:14] for line in out.stdout.splitlines()] == ["::error file=k"]
    else:
        assert _clean(out.stdout), out.stdout
    assert "unknown key 't\\n::error::forged\\x1b[31m\\r' in the policy" in out.stdout
    message = json.loads(run("validate", "k.yaml", "--format", "json").stdout)["diagnostics"][0]["message"]
    assert message == "unknown key 't\\n::error::forged\\x1b[31m\\r' in the policy"


@pytest.mark.parametrize(
    "args, where",
    [
        (["report", "h.yaml", "h.jsonl", "-o", ""], "'--output' / '-o'"),
        (["score", "h.yaml", "h.jsonl", "-o", ""], "'--output' / '-o'"),
        (["score", "h.yaml", "h.jsonl", "--on-error", "skip", "--rejects", ""], "'--rejects'"),
        (["diff", "h.yaml", "h2.yaml", "h.jsonl", "-o", ""], "'--output' / '-o'"),
        (["score", "", "h.jsonl"], "'POLICY'"),
        (["explain", "h.yaml", "", "--id", "x"], "'RECORDS'"),
        (["sql", ""], "'POLICY'"),
        (["validate", ""], "'PATH...'"),  # was the current folder, every YAML file under it
        (["test", "h.yaml", ""], "'PATH...'"),
        (["validate", "h.yaml", "--records", ""], "'--records'"),
    ],
)
def test_an_empty_path_is_a_usage_mistake(run, here, args, where):
    out = run(*args)
    assert out.exit_code == 2
    assert out.stdout == ""
    assert f"Invalid value for {where}: the path is empty" in out.stderr


@pytest.mark.parametrize("command", ["score", "explain", "report", "diff"])
def test_a_missing_records_file_or_a_folder_is_the_same_error_in_every_command(run, here, command, tmp_path):
    (tmp_path / "folder.jsonl").mkdir()
    for name, wanted in (("missing.jsonl", "records file not found: missing.jsonl [PS501]"),
                         ("folder.jsonl", "folder.jsonl is a directory, not a records file [PS502]")):
        args = {"score": ["score", "h.yaml", name], "explain": ["explain", "h.yaml", name, "--id", "x"],
                "report": ["report", "h.yaml", name, "-o", "r.html"], "diff": ["diff", "h.yaml", "h2.yaml", name]}[command]
        out = run(*args, *AS_OF)
        assert (out.exit_code, out.stderr) == (1, f"policyscore: error: {wanted}\n")  # report said "missing.jsonl: No such file..."


@pytest.mark.parametrize("command", ["score", "score-duckdb", "explain", "report", "diff"])
def test_a_device_is_not_a_records_file_in_any_command(run, here, command):
    """/dev/zero as records was read for ever (no line end, no end of file), by either engine."""
    args = {"score": ["score", "h.yaml", "/dev/zero"], "score-duckdb": ["score", "h.yaml", "/dev/zero", "--engine", "duckdb"],
            "explain": ["explain", "h.yaml", "/dev/zero", "--id", "x"], "report": ["report", "h.yaml", "/dev/zero", "-o", "r.html"],
            "diff": ["diff", "h.yaml", "h2.yaml", "/dev/zero"]}[command]
    def too_long(signum, frame):
        raise TimeoutError("/dev/zero was read: the command did not refuse the device")

    previous = signal.signal(signal.SIGALRM, too_long)  # without the check the command reads for ever: fail, not hang
    signal.alarm(30)
    try:
        out = run(*args, "--input-format", "jsonl", *AS_OF)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    wanted = "policyscore: error: /dev/zero is a device, not a records file (give '-' to read standard input) [PS501]\n"
    assert (out.exit_code, out.stderr) == (1, wanted)


def test_explain_does_not_call_a_record_that_cannot_be_read_unneeded_when_the_customer_is_not_found(run, here):
    # The line holding customer 1 is not JSON: "not needed" was wrong, it may well be the one asked for.
    Path("n.jsonl").write_text('{"id": "x", "spend": 1}\n{"id": 1, "spend": NaN}\n', encoding="utf-8")
    out = run("explain", "h.yaml", "n.jsonl", "--id", "1", *AS_OF)
    assert out.exit_code == 1
    note, error = out.stderr.splitlines()
    assert note.startswith("note: 1 record of n.jsonl cannot be read and the customer not found may be it (first: n.jsonl:2: not valid")
    assert error == "policyscore: error: no customer with id '1' in n.jsonl"
    found = run("explain", "h.yaml", "n.jsonl", "--id", "x", *AS_OF)
    assert found.exit_code == 0 and found.stderr.startswith("note: 1 other record of n.jsonl cannot be read and was not needed")


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_parquet_to_a_named_pipe_writes_through_it_and_keeps_the_pipe(run, here, tmp_path, engine):
    # A Parquet output replaced whatever was at the path: a pipe (or, for root, a device such as /dev/full) became a file.
    import subprocess
    import sys

    fifo = tmp_path / "pipe.parquet"
    os.mkfifo(fifo)
    reader = subprocess.Popen([sys.executable, "-c", f"import sys; sys.stdout.buffer.write(open({str(fifo)!r}, 'rb').read())"],
                              stdout=subprocess.PIPE)
    try:
        out = run("score", "h.yaml", "h.jsonl", *AS_OF, "--format", "parquet", "-o", fifo, "--engine", engine)
        got = reader.communicate(timeout=60)[0]
    finally:
        reader.kill()
        reader.wait()
    assert out.exit_code == 0, out.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert run("score", "h.yaml", "h.jsonl", *AS_OF, "--format", "parquet", "-o", "file.parquet", "--engine", engine).exit_code == 0
    assert got == Path("file.parquet").read_bytes() and got.startswith(b"PAR1")


def test_a_column_name_with_a_control_character_is_a_usage_mistake(run, here):
    out = run("score", "h.yaml", "h.jsonl", *AS_OF, "--columns", "spend,x\n::error::y")  # it started a header line of its own
    assert out.exit_code == 2
    assert "Invalid value for --columns: 'spend,x\\n::error::y' has a control character in a field name" in out.stderr


def test_parquet_into_a_missing_folder_is_ps520_before_scoring(run, here):
    out = run("score", "h.yaml", "h.jsonl", *AS_OF, "--format", "parquet", "-o", "nowhere/x.parquet")  # was a traceback
    assert (out.exit_code, out.stderr) == (1, "policyscore: error: cannot write nowhere/x.parquet: No such file or directory [PS520]\n")


def test_a_full_device_while_writing_is_ps520_naming_the_output(tmp_path):
    from policyscore.io.writers import Output, OutputError

    with pytest.raises(OutputError, match=r"^cannot write .*out\.csv: No space left on device$"):  # was the bare OS message
        with Output(str(tmp_path / "out.csv")):
            raise OSError(errno.ENOSPC, "No space left on device")
    assert list(tmp_path.iterdir()) == []  # and nothing is left behind


@pytest.mark.parametrize("extra", [[], ["--compact"], ["--trace"]])
def test_an_explanation_in_text_keeps_an_id_with_a_newline_on_one_line(run, here, extra):
    Path("ctl.jsonl").write_text(json.dumps({"id": FORGING, "spend": 60}) + "\n", encoding="utf-8")
    out = run("explain", "h.yaml", "ctl.jsonl", "--id", FORGING, *AS_OF, *extra)
    assert out.exit_code == 0, out.stderr
    assert _clean(out.stdout), out.stdout
    assert out.stdout.startswith("Customer t\\n::error::forged\\x1b[31m\\r: score 60.00, tier <b>hi</b> & co")
