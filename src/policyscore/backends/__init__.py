"""Back ends: each turns a :class:`~policyscore.policyfile.program.Program` into something that scores records.

A back end is a function ``compile(program, *, check_all_fields=False)``
returning an evaluator ``evaluate(record, as_of, explain) -> Result``; the
evaluator may carry ``evaluate.many(records, as_of, explain, fail, day=None)``,
a generator scoring records one after another that yields ``fail(record,
exception, as_of)`` for a record it cannot score, and scores as of
``day(as_of)`` when ``day`` is given (``Policy.score_many`` returns it when
present, and checks nothing of its own on its results).  Adding
one (a SQL dialect, say) means adding a module and one entry in
:data:`BACKENDS`; nothing else in the package changes.  Every back end is
held to :mod:`policyscore.engine.reference` by the conformance corpus and the
property tests.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from policyscore.backends.python import compile_program as _compile_python
from policyscore.engine.result import Result
from policyscore.policyfile.program import Program

__all__ = ["Evaluator", "BACKENDS", "compile_program"]


class Evaluator(Protocol):
    """``evaluate(record, as_of, explain, portfolio_row=None)``: the row is given for policies with portfolio functions."""

    def __call__(self, record: Any, as_of: date, explain: bool, portfolio: Any = None, /) -> Result: ...


#: Back ends by name: ``compile(program, check_all_fields=...) -> Evaluator``.
BACKENDS: dict[str, Callable[..., Evaluator]] = {"python": _compile_python}


def compile_program(program: Program, *, backend: str = "python", check_all_fields: bool = False) -> Evaluator:
    """An evaluator for ``program`` from the named back end."""
    try:
        make = BACKENDS[backend]
    except KeyError:
        raise ValueError(f"unknown back end {backend!r}; known: {', '.join(sorted(BACKENDS))}") from None
    return make(program, check_all_fields=check_all_fields)
