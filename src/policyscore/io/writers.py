"""Writing outputs without destroying anything: JSON text, and files replaced atomically.

:func:`dumps` is the one JSON encoder of the package (sorted keys, UTF-8).

:class:`Output` is where a command writes a result (``-o FILE``, ``--rejects
FILE``, or standard output):

- a regular file (or a name that does not exist yet) is written under a
  temporary name in the same folder and renamed over the target only when
  the run succeeds; a failed run, Ctrl-C or SIGTERM removes the temporary
  file and leaves the target as it was;
- a symbolic link is followed: its target is replaced, the link stays;
- a file that is not a regular file (``/dev/null``, a named pipe, a
  terminal) is opened and written to, never replaced;
- ``/dev/stdout``, ``/dev/stderr`` and ``/dev/fd/N`` (also through
  ``/proc/self/fd/N``) write to that open descriptor, so ``-o /dev/stdout >>
  log`` appends like the shell would;
- a new file gets the permissions the umask allows (``0666 & ~umask``); a
  replaced file keeps its permissions.

:func:`same_file` tells whether two names end at the same file (through
symbolic links and different spellings), so two outputs never overwrite
each other.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from policyscore.errors import PolicyScoreError

__all__ = ["dumps", "Output", "OutputError", "same_file", "remove_temporaries", "TEMP_PREFIX"]

try:  # several times faster than the standard library; the output is the same JSON
    import orjson as _orjson
except ImportError:  # pragma: no cover
    _orjson = None  # type: ignore[assignment]

#: Temporary files are named ``.policyscore-XXXXXXXX.tmp`` beside their target.
TEMP_PREFIX = ".policyscore-"


#: A lone surrogate (half of a UTF-16 pair, not a character): UTF-8 cannot hold it, JSON writes it as an escape.
_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: Any, *, pretty: bool = False) -> str:
    """Deterministic JSON: sorted keys, UTF-8 text, compact unless ``pretty`` (2-space indent).

    A lone surrogate in a string (a rejected record may hold one, read from a ``\\ud800`` escape) is
    written as that escape again, so the text can be written as UTF-8.
    """
    if _orjson is not None:
        try:
            option = _orjson.OPT_SORT_KEYS | (_orjson.OPT_INDENT_2 if pretty else 0)
            return _orjson.dumps(value, option=option, default=str).decode("utf-8")
        except TypeError:
            pass  # integers beyond 64 bits, lone surrogates: the standard library writes them
    if pretty:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2, default=str)
    else:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: Errors of a write that name no file: the device or the quota is full, the file too large.
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class OutputError(PolicyScoreError):
    """An output file cannot be written (a missing folder, no permission, a folder in its place)."""

    code = "PS520"


# ---------------------------------------------------------------- where a name leads

_FD_NAME = re.compile(r"/(?:dev/fd|proc/self/fd)/([0-9]+)")
_STD_NAMES = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def _descriptor(path: str) -> int | None:
    """The open descriptor a name like ``/dev/stdout`` or ``/dev/fd/3`` stands for, or None."""
    name = os.path.normpath(os.path.abspath(path))
    if name in _STD_NAMES:
        return _STD_NAMES[name]
    match = _FD_NAME.fullmatch(name)
    return int(match.group(1)) if match else None


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def same_file(a: str, b: str) -> bool:
    """True when writing ``a`` and ``b`` would write one regular file (or one file not created yet).

    Symbolic links, ``./`` and ``..`` and ``/dev/stdout`` are followed.  Two
    names for one device (``/dev/null`` twice) are not the same file here:
    writing both does not lose anything.
    """
    sa, sb = _stat(a), _stat(b)
    if sa is not None and sb is not None:
        return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino) and stat.S_ISREG(sa.st_mode)
    if sa is None and sb is None:
        return os.path.realpath(a) == os.path.realpath(b)
    return False


# ---------------------------------------------------------------- cleaning up on signals

_live: set[str] = set()
_saved: dict[int, Any] = {}
_lock = threading.Lock()
_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


def remove_temporaries() -> None:
    """Remove every temporary file an :class:`Output` still has open (after an interruption)."""
    for path in list(_live):
        _unlink(path)


def _on_signal(signum: int, frame: Any) -> None:
    """SIGTERM or SIGHUP: remove the temporary files, then leave with 128 + the signal number."""
    remove_temporaries()
    raise SystemExit(128 + signum)


def _track(path: str) -> None:
    with _lock:
        if not _live and threading.current_thread() is threading.main_thread():
            for signum in _SIGNALS:
                if signal.getsignal(signum) is signal.SIG_DFL:
                    _saved[signum] = signal.signal(signum, _on_signal)
        _live.add(path)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP for the block (main thread, where the platform can); they arrive after it."""
    held = {signal.SIGINT, *_SIGNALS}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _untrack(path: str) -> None:
    with _lock:
        _live.discard(path)
        if not _live and threading.current_thread() is threading.main_thread():
            for signum, handler in _saved.items():
                signal.signal(signum, handler)
            _saved.clear()


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------- an output


class Output:
    """A context manager giving a text stream for ``path`` (None: ``stdout``), kept only if the block succeeds.

    A regular file is written atomically (see the module's description).  An
    exception in the block (including KeyboardInterrupt and SystemExit)
    discards the temporary file; what was already written to standard output,
    a device or a pipe stays written.
    """

    def __init__(self, path: str | None, stdout: IO[str] | None = None):
        self.path = path
        self.stdout = stdout
        self.temp: str | None = None
        self.target: str | None = None
        self.stream: IO[str] | None = None
        self.owned = False

    def __enter__(self) -> IO[str]:
        if self.path is None:
            return self._standard(1)
        fd = _descriptor(self.path)
        if fd in (1, 2):
            return self._standard(fd)
        if fd is not None:
            return self._open(lambda: os.dup(fd))
        target = os.path.realpath(self.path)
        found = _stat(target)
        if found is not None and stat.S_ISDIR(found.st_mode):
            raise OutputError(f"cannot write {self.path}: it is a folder")
        if found is not None and not stat.S_ISREG(found.st_mode):
            return self._open(lambda: os.open(target, os.O_WRONLY))  # a device or a pipe: written, never replaced
        mode = stat.S_IMODE(found.st_mode) if found is not None else 0o666 & ~_umask()
        with _signals_held():  # a signal between creating the file and tracking it would leave the file behind
            try:
                handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=os.path.dirname(target))
            except OSError as exc:
                raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
            _track(temp)
        try:
            self.temp, self.target = temp, target
            try:
                os.fchmod(handle, mode)
            except OSError:  # pragma: no cover - a file system without permissions keeps its default
                pass
            self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
            self.owned = True
        except BaseException:  # an interruption before the block starts: its __exit__ will not run
            _unlink(temp)
            _untrack(temp)
            raise
        return self.stream

    def _standard(self, fd: int) -> IO[str]:
        if fd == 1:
            return self.stdout if self.stdout is not None else sys.stdout
        return sys.stderr

    def _open(self, opener: Any) -> IO[str]:
        try:
            handle = opener()
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        self.owned = True
        return self.stream

    def __exit__(self, exc_type: Any, failure: BaseException | None = None, *rest: Any) -> None:
        if not self.owned:
            if exc_type is None:
                (self.stdout if self.stdout is not None else sys.stdout).flush()
            return
        assert self.stream is not None
        temp, self.owned = self.temp, False
        try:
            self.stream.close()
            if temp is not None and exc_type is None:
                os.replace(temp, self.target)  # type: ignore[arg-type]
        except OSError as exc:
            if temp is not None:
                _unlink(temp)
            if isinstance(exc, BrokenPipeError):
                raise  # the reader of a pipe went away: the command line decides
            if exc_type is None:
                raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        finally:
            if temp is not None:
                if exc_type is not None:
                    _unlink(temp)
                _untrack(temp)
        if isinstance(failure, OSError) and failure.errno in _FULL and failure.filename is None:  # a write in the block failed
            raise OutputError(f"cannot write {self.path}: {failure.strerror or failure}") from None
