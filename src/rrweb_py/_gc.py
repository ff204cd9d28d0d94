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


def promote() -> None:
    """Move every object the collector tracks into its oldest generation without walking them (``gc.freeze()``
    then ``gc.unfreeze()``: two list splices).

    After a load, the fresh events (millions of young containers, none in a cycle) would otherwise be walked by a
    young collection and again by a middle one on the program's next allocations, or by ``gc.collect(1)`` at
    once; promoting them skips both walks. The price: a cycle the program dropped just before is freed by the next
    full collection instead of a young one. A program that froze objects itself (``gc.get_freeze_count()``) keeps
    them frozen: then the young generations are collected instead."""
    if gc.get_freeze_count():
        gc.collect(1)
        return
    gc.freeze()
    gc.unfreeze()
