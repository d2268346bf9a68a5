"""Which record ids a file has already had, in constant space per id.

Detecting a duplicate id needs every id seen so far: it is the one piece of
cross-record state a streaming run keeps.  A dict of id strings costs about
120 bytes an id; these tables keep each id's 64-bit key and its line number in
two flat arrays, about 32 bytes an id (a million ids: about 32 MB).

Ids follow :mod:`policyscore.policyfile.ids`: ``7`` and ``"7"`` are the same id.
Whole-number ids (and text that is a whole number's decimal form) are kept
exactly.  Other text ids are kept as their 64-bit hash:
two different texts with the same hash would be taken for a duplicate; with a
million ids the chance is about 3 in 100 million, and the message names both
lines, so a person can check.
"""

from __future__ import annotations

from array import array

from policyscore.policyfile.ids import id_key, id_number

__all__ = ["SeenIds"]

_GOLDEN = 0x9E3779B97F4A7C15  # Fibonacci hashing spreads sequential integer ids
_MASK64 = (1 << 64) - 1
_INT64 = range(-(1 << 63), 1 << 63)


class _Table:
    """Open addressing over 64-bit keys; line 0 marks an empty slot."""

    def __init__(self, bits: int):
        self.bits = bits
        self.keys = array("q", bytes(8 << bits))
        self.lines = array("q", bytes(8 << bits))
        self.count = 0

    def add(self, key: int, line: int) -> int | None:
        keys, lines = self.keys, self.lines
        mask = (1 << self.bits) - 1
        i = ((key * _GOLDEN) & _MASK64) >> (64 - self.bits)
        while lines[i] != 0:
            if keys[i] == key:
                return lines[i]
            i = (i + 1) & mask
        keys[i] = key
        lines[i] = line
        self.count += 1
        if self.count * 2 > mask:
            self._grow()
        return None

    def _grow(self) -> None:
        old_keys, old_lines = self.keys, self.lines
        self.bits += 1
        self.keys = array("q", bytes(8 << self.bits))
        self.lines = array("q", bytes(8 << self.bits))
        self.count = 0
        for k, ln in zip(old_keys, old_lines):
            if ln != 0:
                self.add(k, ln)


class SeenIds:
    """An insert-only set of ids (text or whole numbers) that remembers the line each was first seen on."""

    def __init__(self, bits: int = 10):
        self._ints = _Table(bits)
        self._texts = _Table(bits)

    def __len__(self) -> int:
        return self._ints.count + self._texts.count

    def add(self, key: str | int, line: int) -> int | None:
        """Record ``key`` first seen on ``line`` (>= 1); if it was seen before, return that earlier line instead."""
        if line < 1:
            raise ValueError("line numbers start at 1")
        number = id_number(key)
        if number is not None and number in _INT64:
            return self._ints.add(number, line)
        return self._texts.add(hash(id_key(key)), line)
