"""Regular expressions for the SQL engines: a pattern rewritten so that DuckDB and Spark match exactly what the Python engine does.

``matches(text, regex)`` searches with RE2 (``policyscore.language.regex``):
``\\d``, ``\\w``, ``\\s`` and ``\\b`` are ASCII, ``.`` stops only at ``\\n``, ``$`` is the
end of the text.  DuckDB runs RE2 too; Spark runs Java's regular expressions,
whose defaults differ (``\\s`` also matches a vertical tab, ``\\b`` is Unicode-aware
in Java 17, ``.`` also stops at ``\\r`` and ``\\u2028``, ``$`` also matches before a
final line break).  So the pattern is parsed (by Python's parser, which reads
the syntax RE2 and Java share) and written again with every such construct
spelled out, the same text for every dialect:

* ``\\d`` becomes ``[0-9]``, ``\\w`` ``[0-9A-Za-z_]``, ``\\s`` ``[\\t\\n\\f\\r ]``;
* ``.`` becomes ``[^\\n]``;
* ``\\b`` at the start (or end) of the pattern, before (after) something that
  always starts (ends) with a word character, becomes ``(?:^|[^\\w])``
  (``(?:[^\\w]|\\z)``): for a search, consuming the neighbour is the same as looking at it;
* ``$`` at the end of the pattern becomes ``\\z``;
* a repetition without its lower bound (``a{,3}``, ``a{,}``), which RE2 reads
  as text and Python's parser as a repetition, gets its brace escaped (text in both);
* an empty group (``()``, ``(?:)``) is left out: it matches the empty text, and
  DuckDB's RE2 matches ``a(?:)`` only at the end of the text.

Anything else (``\\b`` elsewhere, ``\\B``, flags, Unicode classes ``\\pL``, POSIX
classes ``[[:alpha:]]``, which Python's parser reads as the characters ``[:alph``
followed by ``]``, ``\\z`` written in the pattern, which Python's parser does not
read) is refused with :class:`RegexUnsupported` naming the construct.
"""

from __future__ import annotations

import re
import sys
from typing import Any

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the Python version
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_constants as C
    import sre_parse as P

__all__ = ["RegexUnsupported", "portable_pattern"]

#: Characters Python's ``str.strip`` removes (``trim``).
SPACE_CHARS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # the last one is U+3000
_WORD = "0-9A-Za-z_"
_SPACE = "\\t\\n\\f\\r "
_CATEGORY_IN = {  # inside a character class: RE2's ASCII classes
    C.CATEGORY_DIGIT: "0-9",
    C.CATEGORY_WORD: _WORD,
    C.CATEGORY_SPACE: _SPACE,
}
_CATEGORY = {  # standing alone
    C.CATEGORY_DIGIT: "[0-9]",
    C.CATEGORY_NOT_DIGIT: "[^0-9]",
    C.CATEGORY_WORD: f"[{_WORD}]",
    C.CATEGORY_NOT_WORD: f"[^{_WORD}]",
    C.CATEGORY_SPACE: f"[{_SPACE}]",
    C.CATEGORY_NOT_SPACE: f"[^{_SPACE}]",
}
_MAX_REPEAT_COUNT = 1000  # RE2 refuses larger counted repetitions


class RegexUnsupported(ValueError):
    """A pattern the SQL engines cannot run with Python's meaning; the message names the construct."""


def _char(code: int) -> str:
    """One literal character, written so both RE2 and Java read it as itself."""
    ch = chr(code)
    if ch.isascii() and ch.isalnum():
        return ch
    if ch.isascii() and 0x21 <= code <= 0x7E:
        return "\\" + ch
    return f"\\x{{{code:X}}}"


def _is_word_char(code: int) -> bool:
    ch = chr(code)
    return ch == "_" or (ch.isascii() and ch.isalnum())


def _class_items(items: list[tuple[Any, Any]]) -> tuple[str, bool]:
    """The inside of a character class, and whether it is negated."""
    negate = False
    out = []
    for op, arg in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            out.append(_char(arg))
        elif op is C.RANGE:
            out.append(f"{_char(arg[0])}-{_char(arg[1])}")
        elif op is C.CATEGORY and arg in _CATEGORY_IN:
            out.append(_CATEGORY_IN[arg])
        else:
            raise RegexUnsupported(f"the class element {_name(op, arg)} inside [...] (write the characters out)")
    return "".join(out), negate


def _name(op: Any, arg: Any) -> str:
    names = {
        C.CATEGORY_NOT_DIGIT: "\\D",
        C.CATEGORY_NOT_WORD: "\\W",
        C.CATEGORY_NOT_SPACE: "\\S",
        C.AT_NON_BOUNDARY: "\\B",
        C.AT_BOUNDARY: "\\b",
        C.AT_END: "$",
        C.AT_END_STRING: "\\Z",
        C.AT_BEGINNING: "^",
        C.AT_BEGINNING_STRING: "\\A",
    }
    if arg in names:
        return names[arg]
    return {
        C.ASSERT: "a look-ahead or look-behind",
        C.ASSERT_NOT: "a negative look-ahead or look-behind",
        C.GROUPREF: "a back-reference",
        C.GROUPREF_EXISTS: "a conditional group",
    }.get(op, str(op).lower().replace("_", " "))


def _first_is_word(seq: list[tuple[Any, Any]], last: bool = False) -> bool:
    """Whether every match of ``seq`` starts (``last``: ends) with a word character."""
    items = list(reversed(seq)) if last else list(seq)
    if not items:
        return False
    op, arg = items[0]
    if op is C.LITERAL:
        return _is_word_char(arg)
    if op is C.IN:
        if any(o is C.NEGATE for o, _ in arg):
            return False
        for o, a in arg:
            if o is C.LITERAL and not _is_word_char(a):
                return False
            if o is C.RANGE and not all(_is_word_char(c) for c in range(a[0], a[1] + 1)):
                return False
            if o is C.CATEGORY and a not in (C.CATEGORY_DIGIT, C.CATEGORY_WORD):
                return False
        return True
    if op is C.SUBPATTERN:
        return _first_is_word(list(arg[-1]), last)
    if op is C.BRANCH:
        return all(_first_is_word(list(b), last) for b in arg[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, _hi, body = arg
        return lo >= 1 and _first_is_word(list(body), last)
    return False


def _seq(items: list[tuple[Any, Any]], top: bool) -> str:
    out = []
    n = len(items)
    for i, (op, arg) in enumerate(items):
        if op is C.AT and arg is C.AT_BOUNDARY:
            if top and i == 0 and _first_is_word(items[1:]):
                out.append(f"(?:^|[^{_WORD}])")
                continue
            if top and i == n - 1 and _first_is_word(items[:-1], last=True):
                out.append(f"(?:[^{_WORD}]|\\z)")
                continue
            raise RegexUnsupported("\\b other than at the start of the pattern before a word character, or at its end after one")
        if op is C.AT and arg is C.AT_END:
            if top and i == n - 1:
                out.append("\\z")
                continue
            raise RegexUnsupported("$ other than at the end of the pattern")
        if op is C.AT and arg is C.AT_END_STRING:
            out.append("\\z")
            continue
        if op is C.AT and arg in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            out.append("^")
            continue
        out.append(_item(op, arg))
    return "".join(out)


def _item(op: Any, arg: Any) -> str:
    if op is C.LITERAL:
        return _char(arg)
    if op is C.NOT_LITERAL:
        return f"[^{_char(arg)}]"
    if op is C.ANY:
        return "[^\\n]"
    if op is C.IN:
        if len(arg) == 1 and arg[0][0] is C.CATEGORY and arg[0][1] in _CATEGORY:
            return _CATEGORY[arg[0][1]]
        inside, negate = _class_items(list(arg))
        return f"[{'^' if negate else ''}{inside}]"
    if op is C.BRANCH:
        branches = [_seq(list(b), False) for b in arg[1]]
        return "(?:" + "|".join(branches) + ")" if any(branches) else ""
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, body = arg
        if add_flags or del_flags:
            raise RegexUnsupported("inline flags such as (?i) inside the pattern")
        inner = _seq(list(body), False)
        return f"(?:{inner})" if inner else ""  # an empty group matches the empty text: nothing to write
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, body = arg
        if lo > _MAX_REPEAT_COUNT or (hi is not C.MAXREPEAT and hi > _MAX_REPEAT_COUNT):
            raise RegexUnsupported(f"a repetition count above {_MAX_REPEAT_COUNT}")
        inner = _seq(list(body), False)
        if not inner:
            return ""  # the empty text repeated
        inner = f"(?:{inner})"
        if hi is C.MAXREPEAT:
            count = "*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}"
        elif lo == 0 and hi == 1:
            count = "?"
        else:
            count = f"{{{lo}}}" if lo == hi else f"{{{lo},{hi}}}"
        return inner + count + ("?" if op is C.MIN_REPEAT else "")
    raise RegexUnsupported(_name(op, arg))


def _as_re2_reads(pattern: str) -> str:
    """``pattern`` with the syntax RE2 and Python's parser read differently settled: a brace that starts a
    repetition without a lower bound (``{,3}``, ``{,}``: text for RE2) is escaped; a POSIX class inside
    brackets (``[[:alpha:]]``: literal characters for Python) is refused."""
    out = []
    i, n = 0, len(pattern)
    in_class, first = False, 0  # inside [...]; where a ``]`` still stands for itself
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if pattern.startswith("[:", i):
                raise RegexUnsupported("POSIX classes such as [[:alpha:]] (write the characters out, e.g. [A-Za-z])")
            in_class = not (ch == "]" and i > first)
        elif ch == "[":
            in_class = True
            first = i + 2 if pattern.startswith("^", i + 1) else i + 1
        elif pattern.startswith("{,", i):
            ch = "\\{"
        out.append(ch)
        i += 1
    return "".join(out)


def portable_pattern(pattern: str) -> str:
    """``pattern`` rewritten for RE2 and Java with the Python engine's (RE2's) search meaning.

    Raises :class:`RegexUnsupported` (naming the construct) when that cannot be done exactly.
    """
    try:
        parsed = P.parse(_as_re2_reads(pattern))
    except re.error as exc:
        raise RegexUnsupported(f"an invalid pattern ({exc})") from None
    if "\\p" in pattern or "\\P" in pattern:
        raise RegexUnsupported("Unicode classes such as \\pL")
    if parsed.state.flags & ~C.SRE_FLAG_UNICODE:
        raise RegexUnsupported("flags such as (?i) in the pattern")
    return _seq(list(parsed.data), True)
