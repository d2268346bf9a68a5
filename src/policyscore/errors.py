"""Errors and diagnostics: one base exception, positions, compiler-style rendering.

Every problem policyscore reports is a :class:`Diagnostic` (data: code, message,
1-based span, hint).  Exceptions carry diagnostics; rendering is separate from
the message, so the same problem can be shown as text, JSON or a CI annotation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Span",
    "Diagnostic",
    "PolicyScoreError",
    "PolicyError",
    "RecordError",
    "InputError",
    "render_diagnostic",
    "render_diagnostics",
    "MAX_SHOWN",
    "printable",
    "clipped",
]

#: How many diagnostics :func:`render_diagnostics` prints before "... and N more".
MAX_SHOWN = 50


_CONTROL = {i: f"\\x{i:02x}" for i in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROL.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\x85"})


#: Control characters of a source line as shown under a problem (a terminal would act on them).
_SHOWN = dict.fromkeys(_CONTROL, "\ufffd")


def printable(value: Any) -> str:
    """``value`` as text on one line: newlines, tabs and other control characters written as ``\\n``, ``\\t``, ``\\x1b``."""
    text = value if isinstance(value, str) else str(value)
    return text.translate(_CONTROL) if not text.isprintable() else text


def clipped(text: str, limit: int = 60) -> str:
    """``text`` shortened to ``limit`` characters for a message, the cut marked with ``...``."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a file: 1-based line and column, end exclusive.

    ``column`` counts characters (not bytes) from the start of the line.
    """

    file: str | None
    line: int
    column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a policy (or a warning), with where it is."""

    code: str
    message: str
    span: Span | None = None
    hint: str | None = None
    severity: str = "error"
    file: str | None = None  # the file, for a problem with no position (a file that cannot be read)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self) -> tuple[Any, ...]:
        s = self.span
        if s is None:
            return (self.file or "", 0, 0, self.code, self.message)
        return (s.file or "", s.line, s.column, self.code, self.message)

    def location(self) -> str:
        s = self.span
        if s is None:
            return self.file or "<policy>"
        return f"{s.file or '<string>'}:{s.line}:{s.column}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "file": self.span.file if self.span else self.file,
            "line": self.span.line if self.span else None,
            "column": self.span.column if self.span else None,
            "end_line": self.span.end_line if self.span else None,
            "end_column": self.span.end_column if self.span else None,
        }

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity}: {self.message} [{self.code}]"


class PolicyScoreError(Exception):
    """Base of every error policyscore raises for a user's mistake."""

    code = "PS000"

    def __init__(self, message: str, *, code: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class PolicyError(PolicyScoreError):
    """A policy file has problems; ``diagnostics`` lists all of them, sorted by position."""

    code = "PS100"

    def __init__(self, diagnostics: Sequence[Diagnostic], sources: dict[str, str] | None = None):
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        self.sources = dict(sources or {})
        errors = [d for d in self.diagnostics if d.is_error]
        first = errors[0] if errors else (self.diagnostics[0] if self.diagnostics else None)
        count = len(errors)
        summary = str(first) if first else "invalid policy"
        if count > 1:
            summary += f" (and {count - 1} more error{'s' if count > 2 else ''})"
        super().__init__(summary, code=first.code if first else None)

    def render(self) -> str:
        return render_diagnostics(self.diagnostics, self.sources)


class RecordError(PolicyScoreError):
    """A customer record cannot be scored: names the record, the field and the value."""

    code = "PS400"

    def __init__(
        self,
        message: str,
        *,
        code: str = "PS401",
        field: str | None = None,
        value: Any = None,
        record_id: Any = None,
        row: int | None = None,
        source: str | None = None,
    ):
        self.reason = message
        self.field = field
        self.value = value
        self.record_id = record_id
        self.row = row
        self.source = source
        super().__init__(self._compose(), code=code)

    def _compose(self) -> str:
        where = []
        if self.source:
            where.append(self.source if self.row is None else f"{self.source}:{self.row}")
        elif self.row is not None:
            where.append(f"record {self.row}")
        if self.record_id is not None:
            where.append(f"id {self.record_id!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason

    def located(self, *, record_id: Any = None, row: int | None = None, source: str | None = None) -> RecordError:
        """Return a copy that also names where the record came from."""
        return RecordError(
            self.reason,
            code=self.code,
            field=self.field,
            value=self.value,
            record_id=self.record_id if record_id is None else record_id,
            row=self.row if row is None else row,
            source=self.source if source is None else source,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "reason": self.reason,
            "field": self.field,
            "value": _jsonable(self.value),
            "id": self.record_id,
            "row": self.row,
            "source": self.source,
        }


class InputError(PolicyScoreError):
    """A records file cannot be read (missing, not UTF-8, not a list of objects, ...)."""

    code = "PS500"


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def render_diagnostic(diag: Diagnostic, source: str | None = None) -> str:
    """Render one diagnostic like a compiler: location, message, source line, caret, hint."""
    out = [str(diag)]
    span = diag.span
    if span is not None and source is not None:
        lines = source.splitlines()
        if 1 <= span.line <= len(lines):
            text = lines[span.line - 1].replace("\t", " ").translate(_SHOWN)  # one character for one: the caret stays
            gutter = str(span.line)
            pad = " " * len(gutter)
            if span.end_line == span.line and span.end_column > span.column:
                width = span.end_column - span.column
            else:
                width = 1
            width = max(1, min(width, len(text) - span.column + 2))
            text, column, width = _window(text, span.column - 1, width)
            out.append(f"{pad} |")
            out.append(f"{gutter} | {text}")
            out.append(f"{pad} | {' ' * column}{'^' * width}")
    if diag.hint:
        pad = " " * (len(str(span.line)) if span is not None and source is not None else 0)
        out.append(f"{pad} = hint: {diag.hint}")
    return "\n".join(out)


#: The most characters of a source line shown under a diagnostic; a longer line is cut around the caret.
MAX_LINE_SHOWN = 120


def _window(text: str, column: int, width: int) -> tuple[str, int, int]:
    """``text`` cut to at most :data:`MAX_LINE_SHOWN` characters around the caret at 0-based ``column``
    (``…`` where it is cut), with the caret's column and width in the cut text."""
    if len(text) <= MAX_LINE_SHOWN:
        return text, column, width
    room = MAX_LINE_SHOWN - 2  # an ellipsis may take a character at each end
    start = max(0, min(column - room // 3, len(text) - room))
    end = min(len(text), start + room)
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shown_width = max(1, min(width, end - column + (1 if not tail else 0)))
    return head + text[start:end] + tail, len(head) + column - start, shown_width


def render_diagnostics(diagnostics: Iterable[Diagnostic], sources: dict[str, str] | None = None, limit: int = MAX_SHOWN) -> str:
    """Render many diagnostics, sorted by position, at most ``limit`` of them."""
    diags = sorted(diagnostics, key=Diagnostic.sort_key)
    sources = sources or {}
    parts = [render_diagnostic(d, sources.get(d.span.file or "") if d.span else None) for d in diags[:limit]]
    if len(diags) > limit:
        parts.append(f"... and {len(diags) - limit} more")
    return "\n\n".join(parts)
