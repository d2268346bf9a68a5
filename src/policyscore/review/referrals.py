"""The referral tree of a book report: the customers whose referrals bring the most, kept while the book streams by.

A policy that declares ``referrals: {referred_by: FIELD}`` scores each
customer against the tree of who referred whom (``referred_count``,
``referred_sum``).  For each such call of the policy, :class:`Referrals`
keeps the ``top`` customers with the largest value (ties by id), and counts
how many customers name a referrer, how many have a value above zero, and how
many were rejected for being in a referral cycle.  Memory grows with ``top``
and the number of calls, never with the book.  The contributors of each kept
customer (who brought the value, at which level) are read at the end from the
portfolio, exactly as ``explain`` lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policyscore.batch import Ranking, rank_key
from policyscore.engine.portfolio import CYCLE_CODE
from policyscore.engine.result import Result
from policyscore.errors import RecordError
from policyscore.policyfile.program import Program

__all__ = ["RANKED_FUNCTIONS", "SHOWN_CONTRIBUTORS", "Contributor", "Referrer", "ReferralRanking", "ReferralTree", "Referrals"]

#: The referral functions whose value ranks the customers (``referral_depth`` says nothing of what a tree brings).
RANKED_FUNCTIONS = ("referred_count", "referred_sum")
#: Contributors listed for each customer shown (the biggest first), before "and N more".
SHOWN_CONTRIBUTORS = 5


@dataclass(frozen=True)
class Contributor:
    """One customer in a referrer's tree: its id, how many levels below, and what it adds to the value."""

    id: Any
    level: int
    contribution: float | int


@dataclass(frozen=True)
class Referrer:
    rank: int
    id: Any
    value: float | int  # the call's value for this customer, as its explanation gives it
    eligible: bool
    score: float | int | None
    tier: str | None
    contributors: tuple[Contributor, ...]  # the biggest first (ties by id), at most SHOWN_CONTRIBUTORS
    more_contributors: int  # contributors not listed


@dataclass(frozen=True)
class ReferralRanking:
    """The customers with the largest value of one referral call."""

    key: str  # the call as the policy's printer writes it: referred_sum(revenue, 2, 0.5)
    function: str
    depth: int
    decay: float | None
    above_zero: int  # customers scored (eligible or not) whose value is above zero
    referrers: tuple[Referrer, ...]


@dataclass(frozen=True)
class ReferralTree:
    field: str  # the record field naming each customer's referrer
    customers: int  # records scored, eligible or not
    referred: int  # of which name a referrer
    unknown_referrers: int | None  # records naming a referrer that is not in the book (None: not known, no portfolio)
    in_cycles: int  # records rejected for being in a referral cycle (PS405)
    rankings: tuple[ReferralRanking, ...]  # one per referred_count / referred_sum call, in the policy's order


class Referrals:
    """Counters and bounded rankings of a referral tree; :meth:`add` each result, :meth:`reject` each error."""

    def __init__(self, program: Program, top: int):
        assert program.referred_by is not None
        self.program = program
        self.field = program.referred_by
        self.top = top
        self.calls = [call for call in program.portfolio if call.func in RANKED_FUNCTIONS]
        self.kept: list[Ranking[tuple[Any, Result]]] = [Ranking(top) for _ in self.calls]
        self.above_zero = [0] * len(self.calls)
        self.customers = self.referred = self.in_cycles = 0
        self.portfolio: Any = None  # the book the results were scored against

    def add(self, result: Result) -> None:
        self.customers += 1
        self.referred += result.record.get(self.field) is not None
        row = result.portfolio_values
        if row is None:
            return
        self.portfolio = row.portfolio
        for i, call in enumerate(self.calls):
            value = row[call.key]
            if value is None or value <= 0:
                continue
            self.above_zero[i] += 1
            if self.top > 0:
                self.kept[i].add(rank_key(value, result.id), (value, result))

    def reject(self, error: RecordError) -> None:
        self.in_cycles += error.code == CYCLE_CODE

    def tree(self) -> ReferralTree:
        rankings = tuple(
            ReferralRanking(
                key=call.key,
                function=call.func,
                depth=call.depth or 1,
                decay=call.decay,
                above_zero=self.above_zero[i],
                referrers=tuple(_referrer(rank, call.key, value, result) for rank, (value, result) in enumerate(self.kept[i].values(), 1)),
            )
            for i, call in enumerate(self.calls)
        )
        return ReferralTree(
            field=self.field,
            customers=self.customers,
            referred=self.referred,
            unknown_referrers=self.portfolio.unknown_referrers if self.portfolio is not None else None,
            in_cycles=self.in_cycles,
            rankings=rankings,
        )


def _referrer(rank: int, key: str, value: Any, result: Result) -> Referrer:
    """One kept customer with the contributors its explanation names for ``key``."""
    details = result.portfolio_values.details(key, result.record)
    listed = details.get("contributors", [])
    shown = tuple(Contributor(c["id"], c["level"], c["contribution"]) for c in listed[:SHOWN_CONTRIBUTORS])
    more = len(listed) - len(shown) + details.get("more_contributors", 0)
    return Referrer(rank, result.id, value, result.eligible, result.score, result.tier, shown, more)
