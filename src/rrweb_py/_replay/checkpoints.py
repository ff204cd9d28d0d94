"""``Checkpoints``: the saved states a seek starts from, and the policy that decides which to keep.

A checkpoint is taken after every FullSnapshot, and once any of these is reached since the newest one: events
applied, work done (events plus the node changes they carry), milliseconds of recording. Their memory is kept
under a budget (estimated: each one's node map, and the nodes changed since the one before): past it every other
checkpoint is dropped and the spacing doubles, so that any length of recording seeks with bounded memory.

Checkpoints are never changed once taken (frames read them directly). The walk calls :meth:`Checkpoints.observe`
after each event it applies for the first time (not always in order: a seek may start at a later page), under
:attr:`Checkpoints.lock` (one walk at a time over new ground); :meth:`Checkpoints.before` reads under the same lock,
since thinning changes the lists.
"""

from __future__ import annotations

import bisect
import sys
import threading
from collections.abc import Sequence
from typing import Any

from .._engine.state import State
from .._events import Event
from .._protocol import EventType, IncrementalSource

_CHANGE_BYTES = 320  # a changed node copied into a checkpoint, roughly (the Node and its maps)


class Checkpoints:
    """The checkpoints of one replay, the empty state first."""

    def __init__(self, timestamps: Sequence[float], *, every: int, work: int, ms: float | None,
                 memory: int) -> None:
        self.every = every
        self.work = work
        self.ms = ms
        self.memory = memory
        self._timestamps = timestamps
        self._spacing = 1  # doubled each time the checkpoints are thinned
        self._work = 0  # work done since the checkpoint before the event observed last
        self._observed = 0  # the event count observed last
        self.states: list[State] = [State()]
        #: how many events each checkpoint has applied (ascending)
        self.at: list[int] = [0]
        #: the estimated memory of each checkpoint
        self.bytes: list[int] = [0]
        self.lock = threading.RLock()
        self._policy()

    def __len__(self) -> int:
        return len(self.states)

    def before(self, count: int) -> State:
        """The newest checkpoint at or before ``count`` events (never to be changed: clone it to walk on)."""
        with self.lock:
            k = bisect.bisect_right(self.at, count) - 1
            return self.states[k]

    def observe(self, i: int, event: Event, state: State) -> None:
        """After an event is applied for the first time (``state`` has applied ``i`` events, ``event`` the last):
        keep a copy of the state when the policy says so, counting from the checkpoint before ``i`` (a seek that
        starts at a later page leaves ground behind it that a later walk covers)."""
        if i != self._observed + 1:
            self._work = 0  # a walk over new ground starts elsewhere
        self._observed = i
        self._work += 1 + _weight(event)
        at = self.at
        k = len(at) if at[-1] < i else bisect.bisect_left(at, i)
        last = at[k - 1]
        span = self._span
        if (event["type"] == _FULL_SNAPSHOT or i - last >= self._every or self._work >= self._budget
                or (span is not None and event["timestamp"] - self._timestamps[max(last - 1, 0)] >= span)):
            self.states.insert(k, state.clone())
            at.insert(k, i)
            self.bytes.insert(k, sys.getsizeof(state.tree.nodes) + _CHANGE_BYTES * self._work)
            self._work = 0
            if sum(self.bytes) > self.memory and len(at) > 2:
                self._thin()

    def _policy(self) -> None:
        k = self._spacing
        self._every = self.every * k
        self._budget = self.work * k
        self._span = None if self.ms is None else self.ms * k

    def _thin(self) -> None:
        """Drop every other checkpoint (the empty state and the newest stay) and double the spacing."""
        keep = [*range(0, len(self.at) - 1, 2), len(self.at) - 1]
        for kept in (self.states, self.at, self.bytes):
            kept[:] = [kept[k] for k in keep]
        self._spacing *= 2
        self._policy()

    def stats(self) -> dict[str, Any]:
        """``count``, ``nodes`` (distinct node objects held, shared ones counted once), ``bytes`` (their
        approximate size, maps included) and ``live_tree_bytes`` (the newest checkpoint's tree on its own)."""
        seen: set[int] = set()
        total = 0
        for cp in self.states:
            total += sys.getsizeof(cp.tree.nodes)
            for node in cp.tree.nodes.values():
                if id(node) not in seen:
                    seen.add(id(node))
                    total += _node_bytes(node)
        newest = self.states[-1].tree.nodes
        live = sys.getsizeof(newest) + sum(_node_bytes(n) for n in newest.values())
        return {"count": len(self.states), "nodes": len(seen), "bytes": total, "live_tree_bytes": live}

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "lock"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.lock = threading.RLock()


_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_INCREMENTAL = int(EventType.INCREMENTAL_SNAPSHOT)
_MUTATION = int(IncrementalSource.MUTATION)


def _weight(ev: Event) -> int:
    """The node changes an event carries (the cost of applying it, roughly)."""
    data = ev.get("data")
    if ev["type"] != _INCREMENTAL or type(data) is not dict or data.get("source") != _MUTATION:
        return 0
    n = 0
    for key in ("adds", "removes", "attributes", "texts"):
        part = data.get(key)
        if type(part) is list:
            n += len(part)
    return n


def _node_bytes(node: Any) -> int:
    size = sys.getsizeof(node)
    for part in (node.attrs, node.children, node.shadow, node.props):
        if part is not None:
            size += sys.getsizeof(part)
    if node.text is not None:
        size += sys.getsizeof(node.text)
    return size
