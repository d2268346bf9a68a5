"""The output of a scoring run (``policyscore score``): results written as they come or ranked, and the summary.

:class:`ResultsWriter` writes to a stream it is given (it opens nothing):
``json`` and ``jsonl`` without ``top`` stream one explanation per result in
input order; every other case keeps small rows in a
:class:`~policyscore.batch.Ranking` and writes them sorted at the end.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from policyscore.batch import Ranking, Summary, rank_key
from policyscore.render import results as render

if TYPE_CHECKING:  # pragma: no cover
    from policyscore.engine.result import Result
    from policyscore.policy import Policy

__all__ = ["FORMATS", "ResultsWriter", "score_summary"]

FORMATS = ("table", "json", "jsonl", "csv", "markdown")
_TABLES = {"table": render.results_table, "markdown": render.results_markdown, "csv": render.results_csv}


class ResultsWriter:
    """Results into ``out`` in one of :data:`FORMATS`; call :meth:`add` per result, then :meth:`finish`."""

    def __init__(self, out: IO[str], policy: Policy, fmt: str, as_of: str, *, top: int | None = None, include_ineligible: bool = False):
        self.out, self.policy, self.fmt, self.as_of = out, policy, fmt, as_of
        self.include_ineligible = include_ineligible
        self.explained = fmt in ("json", "jsonl")
        self.streaming = self.explained and top is None
        self.ranking: Ranking[Any] = Ranking(top)
        self.shown = 0
        if fmt == "json":
            out.write("[")

    def add(self, result: Result) -> None:
        if self.streaming:
            self._write(result)
            return
        row = render.row_of(result)
        self.ranking.add(rank_key(row.score, row.id), result if self.explained else row)

    def _write(self, result: Result) -> None:
        text = render.dumps(result.to_dict())
        if self.fmt == "json":
            self.out.write(("\n" if self.shown == 0 else ",\n") + text)
        else:
            self.out.write(text + "\n")
        self.shown += 1

    def finish(self) -> None:
        if not self.streaming:
            kept = self.ranking.values()
            if self.explained:
                for result in kept:
                    self._write(result)
            else:
                self.shown = len(kept)
                self.out.write(_TABLES[self.fmt](self.policy, kept, self.as_of, include_ineligible=self.include_ineligible))
        if self.fmt == "json":
            self.out.write("\n]\n" if self.shown else "]\n")


def score_summary(summary: Summary) -> str:
    """``324 records read: 210 scored, 114 ineligible, 0 rejected; 5 shown`` and, when the policy has tiers, the count per tier."""
    s = summary
    line = f"{s.read} records read: {s.scored} scored, {s.ineligible} ineligible, {s.rejected} rejected; {s.shown} shown"
    if s.unknown_referrers:
        names = "records name a referrer" if s.unknown_referrers != 1 else "record names a referrer"
        line += f"\n{s.unknown_referrers} {names} not in the portfolio"
    if s.tiers:
        line += "\ntiers: " + ", ".join(f"{name or 'no tier'} {n}" for name, n in s.tiers)
    return line
