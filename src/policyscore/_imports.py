"""Importing without the cycle collector: importing builds many objects that live as long as the process and
no cycle worth collecting, and the collector walking them costs about a sixth of the import time."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["no_collection"]


@contextmanager
def no_collection(*, freeze: bool = False) -> Iterator[None]:
    """The collector paused for the ``with`` block (as it was before, after it).

    With ``freeze`` (for the command line only: it concerns every object of the process), what exists at the end
    is moved out of the collector's sight for good, so that its next collections do not walk it all once more.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
