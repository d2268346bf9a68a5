"""policyscore.io.writers: outputs replaced atomically, never destroying links, devices or each other."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policyscore.io.writers import TEMP_PREFIX, Output, OutputError, same_file

ROOT = Path(__file__).resolve().parent.parent
STARTUP = ROOT / "rules" / "startup-us-ca.yaml"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def test_a_file_is_replaced_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("before\n")
    with pytest.raises(RuntimeError), Output(str(target)) as out:
        out.write("half")
        raise RuntimeError("stop")
    assert target.read_text() == "before\n" and leftovers(tmp_path) == []
    with Output(str(target)) as out:
        out.write("after\n")
        assert target.read_text() == "before\n"  # not yet: written under a temporary name
    assert target.read_text() == "after\n" and leftovers(tmp_path) == []


def test_a_symbolic_link_is_written_through_and_kept(tmp_path):
    real = tmp_path / "data" / "scores.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    with Output(str(link)) as out:
        out.write("new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new\n"
    assert leftovers(real.parent) == [] and leftovers(tmp_path) == []


def null_device() -> os.stat_result:
    found = os.stat("/dev/null")
    if not stat.S_ISCHR(found.st_mode):  # something on this machine replaced it: nothing here can be checked
        pytest.skip("/dev/null is not a device on this machine")
    return found


def test_a_device_is_written_to_not_replaced():
    before = null_device()
    with Output("/dev/null") as out:
        out.write("nothing\n")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (before.st_ino, before.st_rdev) == (after.st_ino, after.st_rdev)


def test_a_named_pipe_is_written_to(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen([sys.executable, "-c", f"import sys; sys.stdout.write(open({str(fifo)!r}).read())"], stdout=subprocess.PIPE)
    with Output(str(fifo)) as out:
        out.write("through the pipe\n")
    assert reader.communicate(timeout=60)[0] == b"through the pipe\n"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path, umask, expected):
    old = os.umask(umask)
    try:
        with Output(str(tmp_path / "out.txt")) as out:
            out.write("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "out.txt").st_mode) == expected


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("x")
    target.chmod(0o640)
    with Output(str(target)) as out:
        out.write("y")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_a_folder_or_a_missing_folder_is_refused_clearly(tmp_path):
    with pytest.raises(OutputError, match="it is a folder"), Output(str(tmp_path)):
        pass
    with (
        pytest.raises(OutputError, match="cannot write .*/no/out.txt: No such file or directory"),
        Output(str(tmp_path / "no" / "out.txt")),
    ):
        pass


def test_same_file_sees_through_links_and_spellings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.jsonl").write_text("")
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "a.jsonl")
    assert same_file("a.jsonl", "./sub/../a.jsonl")
    assert same_file("a.jsonl", "link.jsonl")
    assert same_file("new.jsonl", str(tmp_path / "new.jsonl"))  # neither exists yet
    assert not same_file("a.jsonl", "b.jsonl")
    null_device()
    assert not same_file("/dev/null", "/dev/null")  # a device loses nothing written twice


SLOW_WRITER = """
import sys
from policyscore.cli import main
sys.argv = ["policyscore", "score", sys.argv[1], "-", "--as-of", "2026-11-01", "-o", sys.argv[2]]
main()
"""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_removes_the_temporary_file(tmp_path, signum, code):
    target = tmp_path / "out.txt"
    target.write_text("kept\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(STARTUP), str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    proc.stdin.write(b'{"id": "A", "country": "US"}\n')  # then the input stays open: the run waits for more
    proc.stdin.flush()
    while not leftovers(tmp_path):  # the output is open under its temporary name
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.01)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert b"Traceback" not in err
    assert leftovers(tmp_path) == []
    assert target.read_text() == "kept\n"
