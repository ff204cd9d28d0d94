"""One forward pass over a replay with hooks before and after each event.

Analyses never seek per event: they walk the recording once with :meth:`rrweb_py.Replay.iter_states` (one shared
state, changed in place as the walk goes on) and keep their own incremental indexes. A collector sees each event
three ways:

- ``before(index, event, state)``: the state *before* ``event`` is applied (what a removed node looked like, where
  a moved node was);
- ``after(index, event, state)``: the state right after it;
- ``settle(timestamp, state)``: after the last event of a run of events with the same timestamp, i.e. the state a
  frame at that timestamp shows (``Replay.at`` includes every event with ``timestamp <= t``).

The state is read only, never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .._read.engine import State
    from .._replay.replay import ReplayCore

Progress = Callable[[int, int], None]
Event = dict[str, Any]

#: how often (in events) a walk reports progress
PROGRESS_EVERY = 2000


class Collector(Protocol):
    """What a walk calls; any hook may be a no-op."""

    def before(self, index: int, event: Event, state: State) -> None: ...

    def after(self, index: int, event: Event, state: State) -> None: ...

    def settle(self, timestamp: float, state: State) -> None: ...


def walk(replay: ReplayCore, collectors: Sequence[Collector], *, progress: Progress | None = None) -> None:
    """Apply every event once, calling the collectors' hooks around each."""
    events = replay.events
    n = len(events)
    befores = [c.before for c in collectors]
    afters = [c.after for c in collectors]
    settles = [c.settle for c in collectors]
    if progress is not None:
        progress(0, n)
    for i, (ev, state) in enumerate(replay.iter_states()):
        for fn in afters:
            fn(i, ev, state)
        ts = ev["timestamp"]
        nxt = events[i + 1] if i + 1 < n else None
        if nxt is None or nxt["timestamp"] != ts:
            for settle in settles:
                settle(ts, state)
        if nxt is not None:
            for fn in befores:
                fn(i + 1, nxt, state)
        if progress is not None and (i + 1) % PROGRESS_EVERY == 0:
            progress(i + 1, n)
    if progress is not None:
        progress(n, n)


def to_ms(ts: Any) -> Any:
    """An epoch timestamp in ms; values that look like seconds (Sentry spans) are scaled."""
    if isinstance(ts, bool) or not isinstance(ts, (int, float)):
        return None
    return ts * 1000 if 0 < ts < 1e11 else ts
