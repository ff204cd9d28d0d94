"""Pausing Python's cyclic garbage collector around bulk work.

The engine builds and walks millions of containers that hold no reference cycles (nodes link by id, events and
exports are trees of dicts and lists). The cyclic collector finds nothing in them but walks them again and
again while they are built; pausing it there is the usual remedy. Reference counting still frees everything.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def paused(fn: F) -> F:
    """Decorate ``fn`` so that it runs with the cyclic collector paused (restored afterwards)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper  # type: ignore[return-value]
