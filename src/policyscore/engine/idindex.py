"""Customer ids of a portfolio, kept small: a million ids take about 30 MB, not several hundred.

Ids are stored as the UTF-8 bytes of their :func:`~policyscore.policyfile.ids.id_key`
text in one buffer with an array of offsets (whole-number ids are given back
as numbers).  Once every id is added, :meth:`IdIndex.freeze` sorts the
positions by id, and :meth:`IdIndex.find` looks an id up by binary search.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from typing import Any

from policyscore.policyfile.ids import id_key

__all__ = ["IdIndex"]


class IdIndex:
    """Ids by position, and positions by id."""

    def __init__(self) -> None:
        self._bytes = bytearray()
        self._ends: array[int] = array("q")
        self._whole = bytearray()  # 1 where the id was a whole number
        self._order: array[int] | None = None

    def __len__(self) -> int:
        return len(self._ends)

    def add(self, rid: Any) -> None:
        """Append an id (its position is the number of ids added before it)."""
        self._bytes += id_key(rid).encode("utf-8", "surrogatepass")
        self._ends.append(len(self._bytes))
        self._whole.append(1 if isinstance(rid, int) and not isinstance(rid, bool) else 0)

    def _key(self, pos: int) -> bytes:
        start = self._ends[pos - 1] if pos else 0
        return bytes(self._bytes[start : self._ends[pos]])

    def id_at(self, pos: int) -> Any:
        """The id at ``pos``, as it was read (a whole number or a text)."""
        text = self._key(pos).decode("utf-8", "surrogatepass")
        return int(text) if self._whole[pos] else text

    def freeze(self) -> None:
        """Sort the positions by id, for :meth:`find` (ids are unique: the readers reject duplicates)."""
        self._order = array("q", sorted(range(len(self._ends)), key=self._key))

    def find(self, rid: Any) -> int:
        """The position of an id, or -1."""
        assert self._order is not None, "freeze() first"
        wanted = id_key(rid).encode("utf-8", "surrogatepass")
        order = self._order
        i = bisect_left(order, wanted, key=self._key)
        return order[i] if i < len(order) and self._key(order[i]) == wanted else -1
