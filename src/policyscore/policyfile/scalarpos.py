"""Where each character of a YAML flow scalar's value is in the file.

A double-quoted scalar's value is not its text: ``\\"`` is one character
written with two, ``\\u00e9`` one written with six, and a line break between
two lines of the scalar is read as a space.  :func:`flow_offsets` decodes the
raw text of a plain, single-quoted or double-quoted scalar the way YAML does
and records, for every character of the value, the index in the raw text
where the character (or its escape) starts, so a problem at character ``i`` of
an expression can be shown under the right column.  When the decoding does
not give the value the parser built, there is no exact answer and the caller
points at the start of the value instead of guessing.
"""

from __future__ import annotations

__all__ = ["flow_offsets"]

# The one-character escapes of a double-quoted scalar (YAML 1.1, as PyYAML reads them) and their values.
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_CODES = {"x": 2, "u": 4, "U": 8}
_BREAKS = "\r\n\x85\u2028\u2029"
_SPACES = " \t"


def flow_offsets(raw: str, value: str, style: str | None) -> list[tuple[int, int]] | None:
    """For each character of ``value``, where in ``raw`` (the scalar's text, quotes included) it is written: ``(start,
    stop)`` indexes, ``raw[start:stop]`` being the character or its escape.

    ``style`` is the node's: None or ``""`` (plain), ``'`` or ``"``. None when the text does not decode to ``value``.
    """
    if style not in (None, "", "'", '"'):
        return None
    style = style or None
    out: list[tuple[int, int]] = []
    chars: list[str] = []
    i, end = (0, len(raw)) if style is None else (1, len(raw) - 1)
    if style is not None and (len(raw) < 2 or raw[-1] != style):
        return None
    while i < end:
        ch = raw[i]
        if style == "'" and ch == "'":
            if raw[i + 1 : i + 2] != "'":
                return None
            out.append((i, i + 2))
            chars.append("'")
            i += 2
        elif style == '"' and ch == "\\":
            nxt = raw[i + 1 : i + 2]
            if nxt in _ESCAPES:
                out.append((i, i + 2))
                chars.append(_ESCAPES[nxt])
                i += 2
            elif nxt in _CODES:
                stop = i + 2 + _CODES[nxt]
                try:
                    chars.append(chr(int(raw[i + 2 : stop], 16)))
                except ValueError:
                    return None
                out.append((i, stop))
                i = stop
            elif nxt and nxt in _BREAKS:  # an escaped line break: the value goes on without a space
                i = _skip_break(raw, i + 1, end)
                while i < end and raw[i] in _SPACES:
                    i += 1
            else:
                return None
        elif ch in _SPACES or ch in _BREAKS:
            i = _whitespace(raw, i, end, out, chars)
        else:
            out.append((i, i + 1))
            chars.append(ch)
            i += 1
    return out if "".join(chars) == value else None


def _skip_break(raw: str, i: int, end: int) -> int:
    return i + 2 if raw[i : i + 2] == "\r\n" else i + 1


def _whitespace(raw: str, i: int, end: int, out: list[tuple[int, int]], chars: list[str]) -> int:
    """Spaces and line breaks from ``i``: kept as they are within a line; a line break folds to a space, or to
    ``n - 1`` line breaks when ``n`` follow each other; the spaces around line breaks are dropped."""
    start = i
    while i < end and raw[i] in _SPACES:
        i += 1
    if i >= end or raw[i] not in _BREAKS:
        out.extend((k, k + 1) for k in range(start, i))
        chars.extend(raw[start:i])
        return i
    first = i
    i = _skip_break(raw, i, end)
    breaks: list[int] = []
    while i < end and (raw[i] in _SPACES or raw[i] in _BREAKS):
        if raw[i] in _SPACES:
            i += 1
        else:
            breaks.append(i)
            i = _skip_break(raw, i, end)
    if breaks:
        out.extend((k, k + 1) for k in breaks)
        chars.extend("\n" * len(breaks))
    else:
        out.append((first, first + 1))
        chars.append(" ")
    return i
