"""Scoring a file of records in one pass: the library side of ``score``, ``explain``, ``diff`` and ``test``.

- :class:`Run` reads records (through :mod:`policyscore.io.readers`), scores
  them with ``Policy.score_many(..., on_error="yield")``, pairs every
  outcome with the line it was read from, and counts: records read =
  scored + ineligible + rejected, always (the run asserts it).
- :class:`Rejects` is the ``--on-error`` rule: ``fail`` raises the first
  record that cannot be used (naming file, line, id, field and value);
  ``skip`` writes it to a rejects file (JSON Lines) or reports it, and counts it.
- :class:`Ranking` keeps the best N of a stream in bounded memory, ties
  broken by id (:mod:`policyscore.policyfile.ids`), so the order is deterministic.
- :func:`find` picks records by id, with the one id rule.
- :func:`parse_day` reads an evaluation date, ``YYYY-MM-DD`` only.

Nothing here prints or knows about the command line: a run gives data
(:class:`Summary`) that :mod:`policyscore.render` presents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any, Generic, TypeVar

from policyscore.engine import reference
from policyscore.engine.portfolio import Portfolio
from policyscore.engine.result import Result
from policyscore.errors import PolicyScoreError, RecordError
from policyscore.io.readers import Item, Source, digest, read_records, rereadable
from policyscore.io.writers import dumps
from policyscore.policy import Policy
from policyscore.policyfile.ids import id_key, id_order

__all__ = [
    "ON_ERROR",
    "parse_day",
    "Scored",
    "outcomes",
    "Rejects",
    "Summary",
    "Run",
    "shown",
    "rank_key",
    "Ranking",
    "find",
]

ON_ERROR = ("fail", "skip")
#: Records are handed to ``score_many`` this many at a time, so each outcome is paired with its item by position.
_CHUNK = 256
#: A ranking is trimmed to its N best when it holds more than ``2 * N + _SLACK`` values.
_SLACK = 1000
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)

T = TypeVar("T")


def parse_day(text: str) -> date:
    """A date written ``YYYY-MM-DD`` (and nothing else: not ``2026-W01-1``, not ``20261101``).

    Raises ``ValueError`` naming the text.
    """
    if isinstance(text, str) and _DAY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")


# ---------------------------------------------------------------- outcomes paired with where they came from


@dataclass(frozen=True, slots=True)
class Scored:
    """One record's outcome (a result, or why it cannot be used) with the line it starts on and the record as read."""

    line: int
    raw: Any
    outcome: Result | RecordError


def _chunks(items: Iterable[Item]) -> Iterator[tuple[list[Item], PolicyScoreError | None]]:
    """Items in lists of ``_CHUNK``; a file that stops being readable ends with the items read before it and the error."""
    it = iter(items)
    while True:
        chunk: list[Item] = []
        try:
            for item in it:
                chunk.append(item)
                if len(chunk) == _CHUNK:
                    break
        except PolicyScoreError as exc:
            yield chunk, exc
            return
        if not chunk:
            return
        yield chunk, None


@contextmanager
def with_portfolios(
    source: Source, policies: Sequence[Policy], as_of: date | str
) -> Iterator[tuple[Source, list[Portfolio | None]]]:
    """``source`` ready for the scoring pass, and the portfolio of each policy that uses portfolio functions
    (None for the others).  Those read the records once more first; standard input is spooled to a
    temporary file for that, removed afterwards."""
    if not any(p.uses_portfolio for p in policies):
        yield source, [None] * len(policies)
        return
    again = rereadable(source)
    try:
        yield again, [first_pass(p, again, as_of) if p.uses_portfolio else None for p in policies]
    finally:
        if again is not source:
            again.close()


def first_pass(policy: Policy, source: Source, as_of: date | str) -> Portfolio:
    """The portfolio of a rereadable source (left at its start again): every readable record, once."""
    sha = digest(source)
    portfolio = policy.first_pass(_records_of(read_records(source, policy.fields, policy.id_field)), as_of, sha256=sha)
    source.stream.seek(0)
    if policy.program.relative_tiers:  # one more pass: the final scores give each relative tier's threshold
        policy.rank(portfolio, _records_of(read_records(source, policy.fields, policy.id_field)), as_of)
        source.stream.seek(0)
    return portfolio


def _records_of(items: Iterable[Item]) -> Iterator[dict[str, Any]]:
    """The records that could be read, one at a time (the others are reported by the scoring pass)."""
    for item in items:
        if item.record is not None:
            yield item.record


def outcomes(
    policy: Policy,
    items: Iterable[Item],
    as_of: date | str,
    *,
    explain: bool = True,
    source: str | None = None,
    portfolio: Portfolio | None = None,
) -> Iterator[Scored]:
    """Every item with its outcome, in input order; records that could not be read pass with their error.

    ``score_many`` gives one outcome per record in order, so a chunk's
    records and its outcomes are zipped: no queue is kept beside the stream.
    """
    for chunk, failure in _chunks(items):
        usable = [item for item in chunk if item.record is not None]
        results = policy.score_many(_records_of(usable), as_of, explain=explain, on_error="yield", portfolio=portfolio)
        scored = zip(usable, results, strict=True)  # type: ignore[misc]
        for item in chunk:
            if item.record is None:
                assert item.error is not None
                yield Scored(item.line, item.raw, item.error)
                continue
            _, outcome = next(scored)
            if isinstance(outcome, RecordError):
                outcome = outcome.located(row=item.line, source=source)
            yield Scored(item.line, item.raw, outcome)
        if failure is not None:
            raise failure


# ---------------------------------------------------------------- --on-error


class Rejects:
    """The ``--on-error`` rule for records that cannot be used.

    ``fail`` raises the record's :class:`RecordError`.  ``skip`` counts it and
    writes it to ``stream`` as one JSON line (the error's fields and
    ``record``: the record as read), or, without a stream, hands it to
    ``report`` (the command line lists it on stderr).
    """

    def __init__(self, on_error: str = "fail", *, stream: IO[str] | None = None, report: Callable[[RecordError], None] | None = None):
        if on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, got {on_error!r}")
        self.on_error = on_error
        self.stream = stream
        self.report = report
        self.count = 0

    def __call__(self, error: RecordError, raw: Any = None) -> None:
        if self.on_error == "fail":
            raise error
        self.count += 1
        if self.stream is not None:
            self.stream.write(dumps(dict(error.to_dict(), record=raw)) + "\n")
        elif self.report is not None:
            self.report(error)


# ---------------------------------------------------------------- a run over a file


@dataclass(frozen=True)
class Summary:
    """What a run did: records read = scored (eligible) + ineligible + rejected; ``shown``: written out."""

    source: str
    read: int
    scored: int
    ineligible: int
    rejected: int
    shown: int
    tiers: tuple[tuple[str | None, int], ...]
    unknown_referrers: int | None = None  # records naming a referrer not in the portfolio (policies with a referral tree)

    @property
    def nothing_usable(self) -> bool:
        """Every record read was rejected."""
        return self.rejected > 0 and self.scored + self.ineligible == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "read": self.read,
            "scored": self.scored,
            "ineligible": self.ineligible,
            "rejected": self.rejected,
            "shown": self.shown,
            "tiers": {name or "": n for name, n in self.tiers},
            "unknown_referrers": self.unknown_referrers,
        }


class Run:
    """One pass of one policy over a records source; iterate it for the results of the usable records.

    Records that cannot be read or scored go to ``rejects``.  After the
    iteration, :meth:`summary` gives the counts.
    """

    def __init__(self, policy: Policy, source: Source, as_of: date | str, *, explain: bool = True, rejects: Rejects | None = None):
        self.policy = policy
        self.source = source
        self.as_of = as_of
        self.explain = explain
        self.rejects = rejects if rejects is not None else Rejects("fail")
        self.read = self.scored = self.ineligible = self.rejected = 0
        self.portfolio: Portfolio | None = None  # the book, for a policy with portfolio functions
        self.line = 0  # the line the result just yielded was read from
        self.tiers: dict[str | None, int] = {name: 0 for name in policy.tier_names}

    def __iter__(self) -> Iterator[Result]:
        # a policy with portfolio functions reads the records twice: the book first, then each record against it
        with with_portfolios(self.source, [self.policy], self.as_of) as (source, portfolios):
            self.portfolio = portfolios[0]
            yield from self._score(source, self.source.name)

    def _score(self, source: Source, name: str) -> Iterator[Result]:
        policy = self.policy
        items = read_records(source, policy.fields, policy.id_field)
        for scored in outcomes(policy, items, self.as_of, explain=self.explain, source=name, portfolio=self.portfolio):
            self.read += 1
            outcome = scored.outcome
            if isinstance(outcome, RecordError):
                self.rejects(outcome, scored.raw)
                self.rejected += 1
                continue
            if outcome.eligible:
                self.scored += 1
                self.tiers[outcome.tier] = self.tiers.get(outcome.tier, 0) + 1
            else:
                self.ineligible += 1
            self.line = scored.line
            yield outcome
        assert self.read == self.scored + self.ineligible + self.rejected, "a record was dropped"

    def summary(self, shown: int) -> Summary:
        assert self.read == self.scored + self.ineligible + self.rejected, "a record was dropped"
        unknown = self.portfolio.unknown_referrers if self.portfolio is not None and self.policy.program.referred_by else None
        return Summary(
            self.source.name, self.read, self.scored, self.ineligible, self.rejected, shown, tuple(self.tiers.items()), unknown
        )


def shown(result: Result, *, tier: str | None = None, include_ineligible: bool = False) -> bool:
    """Whether ``score`` shows a result: eligible ones of ``tier`` (any tier when None); ineligible ones only when asked and no tier is."""
    if not result.eligible:
        return include_ineligible and tier is None
    return tier is None or result.tier == tier


# ---------------------------------------------------------------- the best N


def rank_key(score: float | int | None, rid: Any) -> tuple[Any, ...]:
    """Score descending, ineligible (no score) last, ties by id (:func:`policyscore.policyfile.ids.id_order`)."""
    if score is None:
        return (1, 0, id_order(rid))
    return (0, -score, id_order(rid))


class Ranking(Generic[T]):
    """Values kept by key, smallest key first; with ``top``, only the ``top`` smallest, in at most about 2N + 1,000 slots.

    Sorting is stable: values with equal keys keep the order they came in.
    """

    def __init__(self, top: int | None = None):
        self.top = top
        self._kept: list[tuple[Any, int, T]] = []
        self._seq = 0

    def add(self, key: Any, value: T) -> None:
        self._kept.append((key, self._seq, value))
        self._seq += 1
        if self.top is not None and len(self._kept) > 2 * self.top + _SLACK:
            self._trim()

    def _trim(self) -> None:
        self._kept.sort(key=lambda entry: (entry[0], entry[1]))
        if self.top is not None:
            del self._kept[self.top :]

    def values(self) -> list[T]:
        """The kept values, best first."""
        self._trim()
        return [value for _, _, value in self._kept]

    def __len__(self) -> int:
        return min(len(self._kept), self.top) if self.top is not None else len(self._kept)


# ---------------------------------------------------------------- reading records without scoring them


def find(source: Source, fields: Any, id_field: str, ids: Collection[Any], rejects: Rejects | None = None) -> dict[str, Item]:
    """The items whose id is one of ``ids``, by :func:`policyscore.policyfile.ids.id_key` (``42`` finds ``"42"`` and ``42``).

    Every record is read, so ``rejects`` (when given) sees every record that
    cannot be read.  A wanted record that cannot be read is kept as its item
    (with the error), unless an earlier record had its id.  A wanted id that
    two records have (``7`` and ``"7"`` are one id) is the later one's duplicate-id
    error (PS513): which of them was meant cannot be told.
    """
    wanted = {id_key(i) for i in ids}
    found: dict[str, Item] = {}
    for item in read_records(source, fields, id_field):
        if item.record is not None:
            rid = item.record.get(id_field)
        else:
            assert item.error is not None
            if rejects is not None:
                rejects(item.error, item.raw)
            rid = item.error.record_id
        if rid is None:
            continue
        key = id_key(rid)
        if key not in wanted:
            continue
        if key not in found or (item.error is not None and item.error.code == "PS513" and found[key].error is None):
            found[key] = item
    return found


# ---------------------------------------------------------------- checking records without scoring them


@dataclass
class RecordsCheck:
    """What checking a records file against a policy's declarations found."""

    source: str
    read: int = 0
    problems: list[RecordError] = field(default_factory=list)

    @property
    def good(self) -> int:
        return self.read - len(self.problems)


def check_records(policy: Policy, source: Source, *, check_all_fields: bool = True) -> RecordsCheck:
    """Check every record of ``source`` (readable, unique id, every declared field valid) without scoring it.

    By default every declared field is checked, read by the policy or not: a data-quality check.
    """
    out = RecordsCheck(source.name)
    for item in read_records(source, policy.fields, policy.id_field):
        out.read += 1
        if item.record is None:
            assert item.error is not None
            out.problems.append(item.error)
            continue
        try:
            reference.check_record(policy.program, item.record, check_all_fields=check_all_fields)
        except RecordError as err:
            rid = item.record.get(policy.id_field)
            out.problems.append(err.located(record_id=rid, row=item.line, source=source.name))
    return out
