"""Outputs that never destroy: -o and --rejects through links, devices, pipes; closed stdin and stdout readers that leave."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"
JSONL = ROOT / "examples" / "customers.jsonl"
AS_OF = ("--as-of", "2026-11-01")
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))


def policyscore(*args: object, **kwargs) -> list[str]:
    return [sys.executable, "-m", "policyscore", *map(str, args)]


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json", "jsonl"])
def test_a_reader_that_went_away_ends_the_run_with_141_and_no_message(fmt):
    read, write = os.pipe()
    os.close(read)  # nobody will ever read: the first write fails
    try:
        done = subprocess.run(
            policyscore("score", STARTUP, JSONL, *AS_OF, "--format", fmt), stdout=write, stderr=subprocess.PIPE, env=ENV, timeout=120
        )
    finally:
        os.close(write)
    assert done.returncode == 141
    assert done.stderr == b""


def test_head_takes_the_first_line_and_the_exit_status_says_why_the_run_stopped():
    command = " ".join(f"'{a}'" for a in policyscore("score", STARTUP, JSONL, *AS_OF, "--format", "jsonl", "--include-ineligible"))
    done = subprocess.run(
        ["bash", "-c", f'{command} | head -1; echo "status ${{PIPESTATUS[0]}}" >&2'], capture_output=True, env=ENV, timeout=120
    )
    assert json.loads(done.stdout.decode().splitlines()[0])["id"] == "EDGE-01-PERFECT"
    assert done.stderr.decode().splitlines() == ["status 141"]


def test_a_closed_standard_input_does_not_matter_when_records_come_from_a_file():
    command = " ".join(f"'{a}'" for a in policyscore("score", STARTUP, JSONL, *AS_OF, "--top", "1", "--format", "csv"))
    done = subprocess.run(["bash", "-c", f"exec {command} <&-"], capture_output=True, env=ENV, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[1].startswith("EDGE-01-PERFECT,")
    dash = " ".join(f"'{a}'" for a in policyscore("score", STARTUP, "-", *AS_OF))
    done = subprocess.run(["bash", "-c", f"exec {dash} <&-"], capture_output=True, env=ENV, timeout=120)
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr == b"policyscore: error: no standard input to read (it is closed) [PS501]\n"


def test_output_to_dev_null_writes_to_it(run):
    before = os.stat("/dev/null")
    if not stat.S_ISCHR(before.st_mode):  # something on this machine replaced it: nothing here can be checked
        pytest.skip("/dev/null is not a device on this machine")
    result = run("score", STARTUP, JSONL, *AS_OF, "-o", "/dev/null")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith("324 records read: ")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_output_to_dev_stdout_appends_to_what_the_shell_opened(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("earlier line\n")
    command = " ".join(f"'{a}'" for a in policyscore("score", STARTUP, JSONL, *AS_OF, "--top", "2", "--format", "csv", "-o", "/dev/stdout"))
    done = subprocess.run(["bash", "-c", f"{command} >> '{log}'"], capture_output=True, env=ENV, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = log.read_text().splitlines()
    assert lines[0] == "earlier line" and lines[1].startswith("id,score,tier,") and len(lines) == 4


def test_output_through_a_symbolic_link_replaces_its_target(run, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = run("score", STARTUP, JSONL, *AS_OF, "--format", "csv", "--top", "1", "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and target.read_text().startswith("id,score,tier,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


@pytest.mark.parametrize("rejects", ["out.jsonl", "./sub/../out.jsonl", "link.jsonl"])
def test_rejects_and_output_naming_one_file_is_refused(run, tmp_path, monkeypatch, rejects):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "out.jsonl").write_text("precious\n")
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "out.jsonl")
    result = run("score", STARTUP, JSONL, *AS_OF, "--on-error", "skip", "-o", "out.jsonl", "--rejects", rejects)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Invalid value for --rejects: {rejects} is the same file as --output out.jsonl" in result.stderr
    assert (tmp_path / "out.jsonl").read_text() == "precious\n"


def test_output_files_respect_the_umask(run, tmp_path):
    old = os.umask(0o027)
    try:
        result = run("score", STARTUP, JSONL, *AS_OF, "--format", "csv", "-o", tmp_path / "out.csv")
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o640
