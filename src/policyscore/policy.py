"""The Policy facade: load a policy, pick a back end, score one record or many.

A :class:`Policy` pairs a checked :class:`~policyscore.policyfile.program.Program`
with the evaluator a back end compiled from it.  It is immutable.  Only
problems of a record (a bad value, a value of the wrong kind) become
:class:`RecordError`; anything else a back end raises is a bug and surfaces as
one, after the reference evaluator has confirmed the record itself is fine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from policyscore.backends import Evaluator, compile_program
from policyscore.engine import reference
from policyscore.engine.portfolio import Portfolio, PortfolioRow, build_portfolio
from policyscore.engine.reference import record_lookup
from policyscore.engine.result import Result
from policyscore.errors import PolicyScoreError, RecordError
from policyscore.policyfile.fields import FieldDecl, field_checker
from policyscore.policyfile.loader import load_program, load_program_text
from policyscore.policyfile.program import Adjustment, Factor, Filter, Let, Program, Tier
from policyscore.policyfile.yamlsource import SourceIndex

__all__ = ["Policy", "load_policy", "load_policy_text", "as_date", "EngineError", "PortfolioRequired"]

OnError = Literal["raise", "yield"]


class PortfolioRequired(PolicyScoreError):
    """A record of a policy with portfolio functions was scored without a portfolio."""

    def __init__(self, message: str):
        super().__init__(message, code="PS420")


class EngineError(RuntimeError):
    """A back end failed on a record the reference evaluator scores: a bug in policyscore, not in the data."""


def as_date(value: Any) -> date:
    """``as_of`` as a date: a ``date`` (a ``datetime`` gives its date) or an ISO ``YYYY-MM-DD`` string."""
    if value.__class__ is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise ValueError(f"as_of must be a date in the form YYYY-MM-DD, got {value!r}")
    raise TypeError(f"as_of must be a date or a YYYY-MM-DD string, got {type(value).__name__}")


def load_policy(path: str | Path, *, backend: str = "python", check_all_fields: bool = False) -> Policy:
    """Load, check and compile a policy file; raise :class:`PolicyError` listing every problem.

    Records are checked on the declared fields the policy reads; ``check_all_fields``
    checks every declared field (a data-quality run).
    """
    return Policy.compile(load_program(path), backend=backend, check_all_fields=check_all_fields)


def load_policy_text(
    text: str, name: str = "<policy>", base_dir: str | Path = ".", *, backend: str = "python", check_all_fields: bool = False
) -> Policy:
    """Load a policy from text (``name`` is used in messages, ``base_dir`` for a record schema path)."""
    return Policy.compile(load_program_text(text, name, base_dir), backend=backend, check_all_fields=check_all_fields)


@dataclass(frozen=True, eq=False)
class Policy:
    """A compiled policy.  Build one with :func:`policyscore.load_policy`."""

    program: Program
    evaluator: Evaluator
    backend: str = "python"
    check_all_fields: bool = False
    _uses_book: bool = field(init=False, repr=False, compare=False)  # read on every score(): decided once

    @classmethod
    def compile(cls, program: Program, *, backend: str = "python", check_all_fields: bool = False) -> Policy:
        """Compile ``program`` with the named back end."""
        return cls(program, compile_program(program, backend=backend, check_all_fields=check_all_fields), backend, check_all_fields)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_uses_book", self.program.uses_book)

    def __repr__(self) -> str:
        return f"Policy(name={self.name!r}, version={self.version!r}, factors={len(self.factors)})"

    # ------------------------------------------------------------ what the policy says
    name = property(lambda self: self.program.name)
    version = property(lambda self: self.program.version)
    description = property(lambda self: self.program.description)
    owner = property(lambda self: self.program.owner)
    path = property(lambda self: self.program.path)
    sha256 = property(lambda self: self.program.sha256)
    id_field = property(lambda self: self.program.id_field)
    decimals = property(lambda self: self.program.decimals)
    score_min = property(lambda self: self.program.score_min)
    score_max = property(lambda self: self.program.score_max)
    warnings = property(lambda self: self.program.warnings)

    @property
    def params(self) -> dict[str, Any]:
        return self.program.params

    @property
    def fields(self) -> dict[str, FieldDecl]:
        return self.program.fields

    @property
    def lets(self) -> tuple[Let, ...]:
        return self.program.lets

    @property
    def filters(self) -> tuple[Filter, ...]:
        return self.program.filters

    @property
    def factors(self) -> tuple[Factor, ...]:
        return self.program.factors

    @property
    def adjustments(self) -> tuple[Adjustment, ...]:
        return self.program.adjustments

    @property
    def tiers(self) -> tuple[Tier, ...]:
        return self.program.tiers

    @property
    def tier_names(self) -> tuple[str, ...]:
        return self.program.tier_names

    @property
    def factor_ids(self) -> tuple[str, ...]:
        return self.program.factor_ids

    @property
    def source_index(self) -> SourceIndex | None:
        return self.program.source_index

    def field_value(self, record: dict[str, Any], name: str) -> Any:
        """A top-level field of ``record`` as the policy sees it (checked and converted)."""
        value = record.get(name)
        decl = self.program.fields.get(name)
        return value if decl is None else field_checker(decl)(value)

    # ------------------------------------------------------------ the portfolio
    @property
    def uses_portfolio(self) -> bool:
        """Whether a record is scored against the whole book: portfolio functions, or relative (``top_percent``) tiers."""
        return self.program.uses_book

    def portfolio(self, records: Iterable[Any], as_of: date | str, *, sha256: str | None = None) -> Portfolio:
        """The portfolio of ``records``: what the policy's portfolio functions and relative tiers need of them.

        Records that cannot be used are left out of it (scoring them rejects them
        with the same error); ``sha256`` names the input it was read from.  With
        relative tiers the records are read twice (an iterator is kept in a list).
        """
        if self.program.relative_tiers and not isinstance(records, (list, tuple)):
            records = list(records)
        book = self.first_pass(records, as_of, sha256=sha256)
        if self.program.relative_tiers:
            self.rank(book, records, as_of)
        return book

    def first_pass(self, records: Iterable[Any], as_of: date | str, *, sha256: str | None = None) -> Portfolio:
        """The portfolio functions' view of ``records`` (one pass); relative tiers still need :meth:`rank`."""
        return build_portfolio(self.program, records, as_date(as_of), sha256=sha256)[0]

    def rank(self, book: Portfolio, records: Iterable[Any], as_of: date | str) -> None:
        """Set the run's threshold of each relative tier from the final scores of the eligible ``records``."""
        scores = []
        for item in self.score_many(records, as_of, explain=False, on_error="yield", portfolio=book):
            if not isinstance(item, RecordError) and item.total_units is not None:
                scores.append(item.total_units)
        book.tier_thresholds = reference.relative_thresholds(self.program, scores)

    def _row(self, record: Any, day: date, portfolio: Portfolio | None) -> PortfolioRow:
        if portfolio is None:
            uses = sorted({c.func + "()" for c in self.program.portfolio})
            what = [f"portfolio functions ({', '.join(uses)})"] if uses else []
            what += ["relative (top_percent) tiers"] if self.program.relative_tiers else []
            raise PortfolioRequired(
                f"policy {self.name} uses {' and '.join(what)}, so a record is scored against the whole book: "
                "use score_many(records, as_of), which computes the portfolio, or pass portfolio=policy.portfolio(records, as_of)"
            )
        return portfolio.row(record, record_lookup(self.program, record, day, self.check_all_fields))

    # ------------------------------------------------------------ scoring
    def score(self, record: dict[str, Any], as_of: date | str, *, explain: bool = True, portfolio: Portfolio | None = None) -> Result:
        """Score one record.  Raises :class:`RecordError` for a record that cannot be scored.

        A policy that uses portfolio functions needs ``portfolio`` (see :meth:`portfolio`).
        """
        day = as_of if as_of.__class__ is date else as_date(as_of)
        if self._uses_book:
            try:
                row = self._row(record, day, portfolio)
            except RecordError as err:
                raise self._record_error(record, day, err) from None
            try:
                result = self.evaluator(record, day, explain, row)
            except Exception as exc:  # noqa: BLE001 - a record problem, or a bug: the reference decides
                raise self._record_error(record, day, exc, row) from None
            if self.program.relative_tiers and result.total_units is not None:
                result = result._replace(tier_index=reference.tier_of(self.program, result.total_units, row.portfolio.tier_thresholds))
            return result
        try:
            result = self.evaluator(record, day, explain)
        except Exception as exc:  # noqa: BLE001 - a record problem, or a bug: the reference decides
            raise self._record_error(record, day, exc) from None
        if result.id.__class__ is float:
            self._check_id(result.id)
        return result

    def _check_id(self, rid: float) -> None:
        """An id that is not a finite number cannot name a customer (nor be written as JSON): the record is rejected."""
        reference.check_id(rid, self.program.id_field)

    def score_many(
        self,
        records: Iterable[dict[str, Any]],
        as_of: date | str,
        *,
        explain: bool = True,
        on_error: OnError = "raise",
        portfolio: Portfolio | None = None,
    ) -> Iterator[Result | RecordError]:
        """Score records lazily, one at a time (constant memory).

        With ``on_error="yield"`` a record that cannot be scored yields its
        :class:`RecordError` in place of a result, so the caller decides; with
        ``"raise"`` (the default) the error is raised.  For a policy that uses
        portfolio functions, the portfolio of ``records`` is computed first
        (they are read twice; an iterator is kept in a list), unless given.
        Nothing runs (``as_of`` is not even read) before the first result is asked for.
        """
        many = None if self._uses_book else getattr(self.evaluator, "many", None)
        if many is not None:  # the back end's own loop, itself a generator: no second one around it
            return many(records, as_of, explain, self._fail_raising if on_error == "raise" else self._fail_yielding, as_date)
        return self._score_each(records, as_of, explain, on_error, portfolio)

    def _score_each(
        self, records: Iterable[dict[str, Any]], as_of: date | str, explain: bool, on_error: OnError, portfolio: Portfolio | None
    ) -> Iterator[Result | RecordError]:
        """``score_many`` record by record: for policies that use the book, or a back end without a loop of its own."""
        day = as_date(as_of)
        if self.program.uses_book:
            if portfolio is None:
                records = records if isinstance(records, (list, tuple)) else list(records)
                portfolio = self.portfolio(records, day)
            for record in records:
                try:
                    result: Result | RecordError = self.score(record, day, explain=explain, portfolio=portfolio)
                except RecordError as err:
                    if on_error == "raise":
                        raise
                    result = err
                yield result
            return
        fn = self.evaluator
        for record in records:
            try:
                result = fn(record, day, explain)
                if result.id.__class__ is float:
                    self._check_id(result.id)
                yield result
            except Exception as exc:  # noqa: BLE001
                yield self._fail_raising(record, exc, day) if on_error == "raise" else self._fail_yielding(record, exc, day)

    def _fail_yielding(self, record: Any, exc: Exception, day: date) -> RecordError:
        """What ``score_many(..., on_error="yield")`` yields for a record that cannot be scored."""
        return self._record_error(record, day, exc)

    def _fail_raising(self, record: Any, exc: Exception, day: date) -> RecordError:
        """What ``score_many(..., on_error="raise")`` does with a record that cannot be scored."""
        raise self._record_error(record, day, exc) from None

    def _record_error(self, record: Any, day: date, exc: Exception, row: PortfolioRow | None = None) -> RecordError:
        """The record's own problem, found by the reference evaluator; an :class:`EngineError` when it has none."""
        rid = record.get(self.program.id_field) if isinstance(record, dict) else None
        rid = rid if isinstance(rid, (str, int, float)) and not isinstance(rid, bool) else None
        if isinstance(exc, RecordError):
            return exc.located(record_id=rid)
        try:
            reference.evaluate(self.program, record, day, check_all_fields=self.check_all_fields, portfolio=row)
        except RecordError as err:
            return err.located(record_id=rid)
        raise EngineError(
            f"the {self.backend} back end failed on record {rid!r}, which the reference evaluator scores: "
            f"{type(exc).__name__}: {exc}"
        ) from exc

    @property
    def source(self) -> str:
        """The generated Python source of the compiled policy (for the curious and for debugging)."""
        from policyscore.backends.python.generate import generate

        return generate(self.program, self.check_all_fields)[1]

