"""The walk: events applied to a state in order, and what the first walk over new ground records.

Each event is applied once for the first time; then its anomalies are recorded and the checkpoints observe it.
Later walks over the same ground (seeks from a checkpoint, frame walks) apply the events again and record nothing.
The ground walked need not be one prefix of the recording: a seek may start at a later page (:meth:`Walker.jump`)
and leave the events before it for a later walk. Anomalies are recorded by :func:`record`, the one place that
knows ``on_anomaly``.
"""

from __future__ import annotations

import bisect
import warnings
from collections.abc import Sequence
from typing import Any, Literal

from .._engine.apply import Sink, apply_event, before_snapshot
from .._engine.state import State
from .._events import Event
from .._gc import paused
from .._store import EventStore
from ..errors import Anomaly, AnomalyError, ReplayWarning
from .checkpoints import Checkpoints

OnAnomaly = Literal["collect", "warn", "raise"]


def record(anomaly: Anomaly, on_anomaly: OnAnomaly, into: list[Anomaly], *, stacklevel: int) -> None:
    """Record one anomaly as ``on_anomaly`` says: raise it, or collect it ``into`` the list (and warn).
    ``stacklevel`` is counted from the caller of this function."""
    if on_anomaly == "raise":
        raise AnomalyError(anomaly)
    into.append(anomaly)
    if on_anomaly == "warn":
        warnings.warn(str(anomaly), ReplayWarning, stacklevel=stacklevel + 1)


class Ground:
    """The event indexes walked for the first time already: disjoint half-open ranges, kept as one sorted list
    of bounds ``[a0, b0, a1, b1, ...]``."""

    __slots__ = ("bounds",)

    def __init__(self) -> None:
        self.bounds: list[int] = []

    def segment(self, i: int, stop: int) -> tuple[bool, int]:
        """Whether event ``i`` is new ground, and where (before ``stop``) that stops being so."""
        b = self.bounds
        k = bisect.bisect_right(b, i)
        end = b[k] if k < len(b) else stop
        return k % 2 == 0, min(end, stop)

    def add(self, start: int, stop: int) -> None:
        """Mark ``[start, stop)`` walked (merged with the ranges it touches)."""
        b = self.bounds
        lo = bisect.bisect_left(b, start)
        hi = bisect.bisect_right(b, stop)
        merged = ([] if lo % 2 else [start]) + ([] if hi % 2 else [stop])
        b[lo:hi] = merged

    def gaps(self, stop: int) -> list[tuple[int, int]]:
        """The ranges of ``[0, stop)`` not walked yet."""
        out = []
        prev = 0
        b = self.bounds
        for k in range(0, len(b), 2):
            if b[k] > prev:
                out.append((prev, min(b[k], stop)))
            prev = b[k + 1]
        out.append((prev, stop))
        return [(a, e) for a, e in out if a < e]


class Walker:
    """Walks the events of one replay forward, one walk at a time (under the checkpoints' lock)."""

    def __init__(self, events: Sequence[Event], checkpoints: Checkpoints, on_anomaly: OnAnomaly,
                 anomalies: list[Anomaly]) -> None:
        self.events = events
        self.checkpoints = checkpoints
        self.on_anomaly: OnAnomaly = on_anomaly
        #: problems met while applying events, each recorded once
        self.anomalies = anomalies
        self.ground = Ground()  # events applied before (anomalies recorded, observed by the checkpoints)
        self._recording = False  # the events being applied are new ground

    def advance(self, state: State, count: int) -> None:
        """Apply events to ``state`` until it has applied the first ``count``."""
        with self.checkpoints.lock:  # one walk at a time: the first walk over new ground records
            self._walk(state, count)

    @paused
    def _walk(self, state: State, count: int) -> None:
        events = self.events
        sink = Sink(self._report)
        observe = self.checkpoints.observe
        i = state.event_index
        while i < count:
            new, end = self.ground.segment(i, count)
            self._recording = new
            start = i
            run = events.span(i, end) if isinstance(events, EventStore) else events[i:end]
            try:
                for ev in run:
                    sink.index = i
                    sink.timestamp = ev["timestamp"]
                    apply_event(state, ev, sink)
                    i += 1
                    state.event_index = i
                    state.time = ev["timestamp"]
                    if new:  # the checkpoint policy counts from the checkpoint before, whatever walk got here
                        observe(i, ev, state)
            finally:
                if new and i > start:
                    self.ground.add(start, i)

    def jump(self, base: State, snapshot: int) -> State | None:
        """The state after the FullSnapshot at index ``snapshot``, from the checkpoint ``base`` before it without
        building the pages in between (see :func:`~rrweb_py._engine.apply.before_snapshot`); ``None`` when that
        event does not start a page (then only a walk over every event gives the state)."""
        with self.checkpoints.lock:
            return self._jump(base, snapshot)

    @paused
    def _jump(self, base: State, snapshot: int) -> State | None:
        events = self.events
        run = events.span(base.event_index, snapshot) if isinstance(events, EventStore) else (
            events[base.event_index:snapshot])
        state = before_snapshot(base, run)
        ev = events[snapshot]
        reports: list[tuple[Any, ...]] = []
        sink = Sink(lambda *args: reports.append(args))
        sink.index = snapshot
        sink.timestamp = ev["timestamp"]
        apply_event(state, ev, sink)
        if state.doc is None or state.snapshot_time is None:
            return None  # not a page: the walk from the checkpoint records what went wrong
        state.event_index = snapshot + 1
        state.time = ev["timestamp"]
        new, _ = self.ground.segment(snapshot, snapshot + 1)
        if new:
            self._recording = True
            for args in reports:
                self._report(*args)
            self.ground.add(snapshot, snapshot + 1)
            self.checkpoints.observe(snapshot + 1, ev, state)
        return state

    def _report(self, kind: str, index: int, timestamp: float, node_id: int | None, detail: str, path: str) -> None:
        if not self._recording:
            return  # already recorded when this event was first applied
        record(Anomaly(kind, index, timestamp, node_id, detail, path), self.on_anomaly, self.anomalies,
               stacklevel=4)
