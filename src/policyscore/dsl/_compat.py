"""Small shims for the oldest supported Python (3.10)."""

from __future__ import annotations

from typing import NoReturn

try:
    from typing import assert_never
except ImportError:  # Python 3.10

    def assert_never(arg: NoReturn, /) -> NoReturn:  # type: ignore[misc]
        raise AssertionError(f"unhandled node: {arg!r}")


__all__ = ["assert_never"]
