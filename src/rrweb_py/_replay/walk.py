"""The walk: events applied to a state in order, and what the first walk over new ground records.

Each event is applied once for the first time; then its anomalies are recorded and the checkpoints observe it.
Later walks over the same ground (seeks from a checkpoint, frame walks) apply the events again and record nothing.
Anomalies are recorded by :func:`record`, the one place that knows ``on_anomaly``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

from .._engine.apply import Sink, apply_event
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


class Walker:
    """Walks the events of one replay forward, one walk at a time (under the checkpoints' lock)."""

    def __init__(self, events: Sequence[Event], checkpoints: Checkpoints, on_anomaly: OnAnomaly,
                 anomalies: list[Anomaly]) -> None:
        self.events = events
        self.checkpoints = checkpoints
        self.on_anomaly: OnAnomaly = on_anomaly
        #: problems met while applying events, each recorded once
        self.anomalies = anomalies
        self.reported_upto = 0  # events below this index were applied before (anomalies recorded, observed)

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
        run = events.span(i, count) if isinstance(events, EventStore) else events[i:count]
        for ev in run:
            sink.index = i
            sink.timestamp = ev["timestamp"]
            apply_event(state, ev, sink)
            i += 1
            state.event_index = i
            state.time = ev["timestamp"]
            if i <= self.reported_upto:
                continue  # walked before: anomalies recorded, checkpoint decisions taken
            # new ground: the checkpoint policy counts from the newest checkpoint, whatever walk got here
            self.reported_upto = i
            observe(i, ev, state)

    def _report(self, kind: str, index: int, timestamp: float, node_id: int | None, detail: str, path: str) -> None:
        if index < self.reported_upto:
            return  # already recorded when this event was first applied
        record(Anomaly(kind, index, timestamp, node_id, detail, path), self.on_anomaly, self.anomalies,
               stacklevel=4)
