"""Regular expressions for ``matches``: RE2, so a search takes time linear in the text.

Python's own ``re`` backtracks: a pattern such as ``(a+)+$`` on a name of 31
letters runs for tens of seconds, and both the pattern and the text of a
``matches`` call may come from customer data.  RE2 (Google's engine, through
the ``google-re2`` package) never backtracks; in exchange it has no
look-around and no back-references.  :func:`compile_regex` turns a pattern into
a search function or raises :class:`RegexError` with RE2's reason.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import re2
from re2 import _re2  # the compiled-pattern class: a search without building a match object

__all__ = ["MAX_PATTERN_LENGTH", "RegexError", "compile_regex"]

#: The longest pattern ``matches`` accepts, in characters.
MAX_PATTERN_LENGTH = 1000

#: Memory RE2 may use for one compiled pattern (its default); bigger programs are refused.
_MAX_MEMORY = 8 << 20

_UNANCHORED = _re2.RE2.Anchor.UNANCHORED


class RegexError(ValueError):
    """A pattern RE2 refuses (or a text it cannot search); the message says why."""


def _options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # the reason is raised, not printed on stderr
    options.never_capture = True  # only "is there a match" is asked: no groups to track
    options.max_mem = _MAX_MEMORY
    return options


_OPTIONS = _options()


def _utf8(text: str, what: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RegexError(f"the {what} holds a lone surrogate {text[exc.start]!r} at character {exc.start + 1}") from None


@lru_cache(maxsize=512)
def compile_regex(pattern: str) -> Callable[[str], bool]:
    """A function telling whether ``pattern`` matches anywhere in a text (search semantics).

    Raises :class:`RegexError` for a pattern longer than :data:`MAX_PATTERN_LENGTH`
    characters or one RE2 cannot compile (look-around, back-references, a
    program too large).
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise RegexError(f"the pattern is {len(pattern)} characters long; the limit is {MAX_PATTERN_LENGTH}")
    compiled = _re2.RE2(_utf8(pattern, "pattern"), _OPTIONS)
    if not compiled.ok():
        reason = compiled.error()
        raise RegexError(reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason))
    match = compiled.Match

    def search(text: str) -> bool:
        data = _utf8(text, "text")
        return match(_UNANCHORED, data, 0, len(data))[0][0] != -1

    return search
