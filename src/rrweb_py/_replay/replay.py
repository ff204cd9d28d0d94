"""``Replay``: the loaded events on a time axis, checkpoints, and the state at any moment.

Time rule: the frame at ``offset_ms`` is the state after every event whose timestamp is
``<= start_timestamp + offset_ms``, applied in stable timestamp order. (rrweb's ``pause()`` applies events strictly
before the target; the two agree except for an event exactly at the target.)

Seeking: the state is folded forward from the newest checkpoint at or before the target. Checkpoints are taken
while events are applied for the first time: after every FullSnapshot and every ``checkpoint_every`` events.
"""

from __future__ import annotations

import bisect
import gc
import math
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, Self

from .._engine.apply import Sink, apply_event
from .._engine.state import State
from .._events import Event, load_windows, main_window
from .._gc import paused
from .._read.frame import Frame
from .._store import EventStore
from ..errors import Anomaly, AnomalyError, InvalidArgument, ReplayWarning

OnAnomaly = Literal["collect", "warn", "raise"]


class Replay:
    """A loaded recording. Build it with :func:`rrweb_py.load`."""

    #: the id of the window (browser tab) this replay is; ``""`` when the input names no window
    window_id: str = ""
    #: what the loader learnt about the input: ``formats`` recognised, ``issues`` skipped, ``meta`` notes
    #: (see :class:`rrweb_py._formats.transport.Decoded`; ``None`` for a Replay built directly from events)
    source_info: Any = None
    _windows: dict[str, Replay] | None = None
    _front_tab: tuple[tuple[float, str], ...] | None = None

    @property
    def windows(self) -> dict[str, Replay]:
        """Each window (browser tab) of the recording mapped to its own replay, in input order; a single-window
        recording maps its one window id to this replay."""
        if self._windows is None:
            return {self.window_id: self}
        return dict(self._windows)

    @property
    def front_tab(self) -> tuple[tuple[float, str], ...]:
        """Which window was in front: ``((from_timestamp_ms, window_id), ...)``, one entry per change (see
        :func:`rrweb_py._formats.transport.front_tab`)."""
        if self._front_tab is None:
            return ((self.start_timestamp, self.window_id),)
        return self._front_tab

    def __init__(
        self,
        events: Sequence[Event],
        *,
        on_anomaly: OnAnomaly = "collect",
        checkpoint_every: int = 500,
        checkpoint_work: int = 1000,
        checkpoint_ms: float | None = None,
        checkpoint_memory: int = 1024**3,
    ) -> None:
        if on_anomaly not in ("collect", "warn", "raise"):
            msg = f"on_anomaly must be 'collect', 'warn' or 'raise', got {on_anomaly!r}"
            raise InvalidArgument(msg)
        for name, value, least in (("checkpoint_every", checkpoint_every, 1), ("checkpoint_work", checkpoint_work, 1),
                                   ("checkpoint_memory", checkpoint_memory, 1)):
            if type(value) is not int or value < least:
                msg = f"{name} must be an int >= {least}, got {value!r}"
                raise InvalidArgument(msg)
        if checkpoint_ms is not None and (isinstance(checkpoint_ms, bool) or not isinstance(checkpoint_ms, (int, float))
                                          or not checkpoint_ms > 0):
            msg = f"checkpoint_ms must be a positive number or None, got {checkpoint_ms!r}"
            raise InvalidArgument(msg)
        #: the events in timestamp order: a tuple of dicts, or for big inputs an
        #: :class:`~rrweb_py._store.EventStore` (a read-only sequence of dicts kept on disk; see :func:`load`)
        self.events = events
        self.on_anomaly: OnAnomaly = on_anomaly
        #: checkpoint policy: a checkpoint after every FullSnapshot, and once any of these is reached since the last
        #: one: events applied, work done (events plus the node changes they carry), milliseconds of recording
        self.checkpoint_every = checkpoint_every
        self.checkpoint_work = checkpoint_work
        self.checkpoint_ms = checkpoint_ms
        #: the checkpoints' memory is kept under this many bytes (estimated: each one's node map, and the nodes
        #: changed since the one before): past it every other checkpoint is dropped and the spacing doubles, so
        #: that any length of recording seeks with bounded memory
        self.checkpoint_memory = checkpoint_memory
        self._spacing = 1  # doubled each time the checkpoints are thinned
        self._timestamps: Sequence[float] = (events.finish().timestamps if isinstance(events, EventStore)
                                             else [ev["timestamp"] for ev in events])
        #: problems met while applying events, each recorded once
        self.anomalies: list[Anomaly] = []
        self._reported_upto = 0  # events below this index were applied before (anomalies recorded)
        self._work = 0  # work done between the newest checkpoint and _reported_upto
        self._checkpoints: list[State] = [State()]
        self._checkpoint_at: list[int] = [0]
        self._checkpoint_bytes: list[int] = [0]  # the estimated memory of each checkpoint
        self._lock = threading.RLock()

    @property
    def timestamps(self) -> Sequence[float]:
        """Every event's timestamp in order (read-only; floats when the events are kept on disk), without
        decoding the events."""
        return self._timestamps

    @property
    def start_timestamp(self) -> float:
        """The smallest event timestamp (epoch ms)."""
        return self.events[0]["timestamp"]  # type: ignore[no-any-return]

    @property
    def end_timestamp(self) -> float:
        """The largest event timestamp (epoch ms)."""
        return self.events[-1]["timestamp"]  # type: ignore[no-any-return]

    @property
    def duration_ms(self) -> float:
        """``end_timestamp - start_timestamp``."""
        return self.end_timestamp - self.start_timestamp

    def __len__(self) -> int:
        return len(self._timestamps)

    def __repr__(self) -> str:
        return f"<Replay {len(self.events)} events, {self.duration_ms / 1000:.1f} s>"

    # ------------------------------------------------------------------------------------------ seeking

    def at(self, offset_ms: float) -> Frame:
        """The page at ``offset_ms`` after the first event (see the module doc for the time rule)."""
        if isinstance(offset_ms, bool) or not isinstance(offset_ms, (int, float)) or math.isnan(offset_ms):
            msg = f"offset_ms must be a number of milliseconds, got {offset_ms!r}"
            raise InvalidArgument(msg)
        return self.at_timestamp(self._timestamps[0] + offset_ms)

    def at_timestamp(self, timestamp_ms: float) -> Frame:
        """The page at an absolute epoch-ms timestamp."""
        count = bisect.bisect_right(self._timestamps, timestamp_ms)
        return Frame(self._state_after(count), timestamp_ms, self)

    def state_after(self, count: int) -> State:
        """The engine state after the first ``count`` events (a private copy the caller may change)."""
        if type(count) is not int or not 0 <= count <= len(self.events):
            msg = f"count must be an int in [0, {len(self.events)}], got {count!r}"
            raise InvalidArgument(msg)
        state = self._state_after(count)
        return state.clone()

    def _state_after(self, count: int) -> State:
        base = self._checkpoint_before(count)
        if base.event_index == count:
            return base  # checkpoints are never changed, and frames only read
        state = base.clone()
        self._advance(state, count)
        return state

    def _checkpoint_before(self, count: int) -> State:
        """The newest checkpoint at or before ``count`` events (read under the lock: thinning changes the lists)."""
        with self._lock:
            k = bisect.bisect_right(self._checkpoint_at, count) - 1
            return self._checkpoints[k]

    def _advance(self, state: State, count: int) -> None:
        with self._lock:  # one walk at a time: the first walk over new ground takes checkpoints and anomalies
            self._walk(state, count)

    @paused
    def _walk(self, state: State, count: int) -> None:
        events = self.events
        sink = Sink(self._report)
        marks = self._checkpoint_at
        every, budget, span = self._policy()
        i = state.event_index
        run = events.span(i, count) if isinstance(events, EventStore) else events[i:count]
        for ev in run:
            sink.index = i
            sink.timestamp = ev["timestamp"]
            apply_event(state, ev, sink)
            i += 1
            state.event_index = i
            state.time = ev["timestamp"]
            if i <= self._reported_upto:
                continue  # walked before: anomalies recorded, checkpoint decisions taken
            # new ground: the checkpoint policy counts from the newest checkpoint, whatever walk got here
            self._reported_upto = i
            self._work += 1 + _weight(ev)
            last = marks[-1]
            if (ev["type"] == 2 or i - last >= every or self._work >= budget
                    or (span is not None and ev["timestamp"] - self._timestamps[max(last - 1, 0)] >= span)):
                self._checkpoints.append(state.clone())
                marks.append(i)
                self._checkpoint_bytes.append(sys.getsizeof(state.tree.nodes) + _CHANGE_BYTES * self._work)
                self._work = 0
                if sum(self._checkpoint_bytes) > self.checkpoint_memory and len(marks) > 2:
                    self._thin()
                    every, budget, span = self._policy()

    def _policy(self) -> tuple[int, int, float | None]:
        k = self._spacing
        span = None if self.checkpoint_ms is None else self.checkpoint_ms * k
        return self.checkpoint_every * k, self.checkpoint_work * k, span

    def _thin(self) -> None:
        """Drop every other checkpoint (the empty state and the newest stay) and double the spacing."""
        keep = [*range(0, len(self._checkpoint_at) - 1, 2), len(self._checkpoint_at) - 1]
        for kept in (self._checkpoints, self._checkpoint_at, self._checkpoint_bytes):
            kept[:] = [kept[k] for k in keep]
        self._spacing *= 2

    def checkpoint_stats(self) -> dict[str, Any]:
        """How many checkpoints exist and what they hold: ``count``, ``nodes`` (distinct node objects held by
        checkpoints, shared ones counted once), ``bytes`` (their approximate size, maps included) and
        ``live_tree_bytes`` (the size of the newest checkpoint's tree on its own)."""
        seen: set[int] = set()
        total = 0
        for cp in self._checkpoints:
            total += sys.getsizeof(cp.tree.nodes)
            for node in cp.tree.nodes.values():
                if id(node) not in seen:
                    seen.add(id(node))
                    total += _node_bytes(node)
        newest = self._checkpoints[-1].tree.nodes
        live = sys.getsizeof(newest) + sum(_node_bytes(n) for n in newest.values())
        return {"count": len(self._checkpoints), "nodes": len(seen), "bytes": total, "live_tree_bytes": live}

    def _report(self, kind: str, index: int, timestamp: float, node_id: int | None, detail: str, path: str) -> None:
        if index < self._reported_upto:
            return  # already recorded when this event was first applied
        anomaly = Anomaly(kind, index, timestamp, node_id, detail, path)
        if self.on_anomaly == "raise":
            raise AnomalyError(anomaly)
        self.anomalies.append(anomaly)
        if self.on_anomaly == "warn":
            warnings.warn(str(anomaly), ReplayWarning, stacklevel=4)

    def validate(self) -> list[Anomaly]:
        """Fold the whole recording once and return every anomaly of this window, in the order met.

        ``load`` records the problems of the input at once (``event_index == -1``: a cut-off end, skipped files or
        lines); the problems of applying an event (``missing-node``, ``refused``...) are recorded when the event is
        first applied, that is when a seek, a frame walk or an analysis first goes past it. This applies every
        event not applied yet (the cost of ``replay.at(replay.duration_ms)``), so that the list is complete. With
        ``on_anomaly="raise"`` the first problem raises :class:`~rrweb_py.AnomalyError` instead. A recording of
        several windows: ``[a for w in replay.windows.values() for a in w.validate()]``.
        """
        self._state_after(len(self._timestamps))
        return list(self.anomalies)

    # ------------------------------------------------------------------------------------------ walking

    def frames(self, *, every_ms: float | None = None, at: list[float] | None = None) -> Iterator[Frame]:
        """Frames at regular offsets (``every_ms``, from 0 to the end) or at the given offsets (sorted first),
        walking forward: each frame costs the events since the previous one, not a seek."""
        if at is None:
            if isinstance(every_ms, bool) or not isinstance(every_ms, (int, float)) or not every_ms > 0:
                msg = f"frames() needs every_ms > 0 or a list of offsets in at=, got every_ms={every_ms!r}"
                raise InvalidArgument(msg)
            n = int(self.duration_ms // every_ms) + 1
            offsets = [i * every_ms for i in range(n)]
        else:
            offsets = sorted(at)
        state: State | None = None
        start = self._timestamps[0]
        for offset in offsets:
            target = start + offset
            count = bisect.bisect_right(self._timestamps, target)
            if state is None:
                state = self._checkpoint_before(count).clone()
            self._advance(state, count)
            yield Frame(state.clone(), target, self)

    def iter_states(self) -> Iterator[tuple[Event, State]]:
        """Each event with the state right after it, in order. The state is shared and changes as the walk goes
        on: read it before advancing (copy with ``state.clone()`` to keep one)."""
        state = self._checkpoints[0].clone()
        for i, ev in enumerate(self.events):
            self._advance(state, i + 1)
            yield ev, state

    # ------------------------------------------------------------------------------------------ analysis
    # (defined in rrweb_py.analysis, which reads replays through this public API)

    def clicks(self, **kw: Any) -> Any:
        """Every click, double click, context menu and touch, resolved to its element (see docs/analysis.md)."""
        from ..analysis import find_clicks

        return find_clicks(self, **kw)

    def signals(self, preset: str = "sentry", **kw: Any) -> Any:
        """Frustration signals (rage, dead, error clicks) by a named preset, thresholds overridable."""
        from ..analysis import find_signals

        return find_signals(self, preset, **kw)

    def find_text(self, text: str, **kw: Any) -> Any:
        """The time intervals during which ``text`` was in the document."""
        from ..analysis import find_text

        return find_text(self, text, **kw)

    def find(self, selector: str, **kw: Any) -> Any:
        """When elements matching a CSS selector appeared and disappeared."""
        from ..analysis import find

        return find(self, selector, **kw)

    def lifetime(self, node_id: int, **kw: Any) -> Any:
        """When the node with that id was in the document."""
        from ..analysis import lifetime

        return lifetime(self, node_id, **kw)

    def timeline(self, **kw: Any) -> Any:
        """One timeline of navigations, clicks, inputs, scrolls, console, network, errors and custom events."""
        from ..analysis import timeline

        return timeline(self, **kw)

    def activity(self, **kw: Any) -> Any:
        """Active time, inactivity gaps, replay-splitting rules and time per page."""
        from ..analysis import activity

        return activity(self, **kw)

    def clip(self, start_ms: float, end_ms: float | None = None) -> Any:
        """A valid rrweb event list: a synthesised Meta + FullSnapshot at ``start_ms``, then the events up to
        ``end_ms``."""
        from ..analysis import clip

        return clip(self, start_ms, end_ms)

    def transcript(self, **kw: Any) -> Any:
        """A compact, deterministic action log with element context, fit for a language model."""
        from ..analysis import transcript

        return transcript(self, **kw)

    def close(self) -> None:
        """Remove the temporary files of events kept on disk (of every window) now rather than when the replay is
        freed; reading those events afterwards raises :class:`~rrweb_py.StoreError`. Frames already made keep
        working. ``with rrweb_py.load(...) as replay:`` closes on leaving the block."""
        for replay in self.windows.values():
            if isinstance(replay.events, EventStore):
                replay.events.close()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_lock"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def checkpoint_count(self) -> int:
        """How many checkpoints exist now."""
        return len(self._checkpoints)


_CHANGE_BYTES = 320  # a changed node copied into a checkpoint, roughly (the Node and its maps)


def _weight(ev: Event) -> int:
    """The node changes an event carries (the cost of applying it, roughly)."""
    data = ev.get("data")
    if ev["type"] != 3 or type(data) is not dict or data.get("source") != 0:
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


def load(source: Any, *, on_anomaly: OnAnomaly = "collect", store: str = "auto",
         progress: Callable[[int, int], None] | None = None, **checkpoints: Any) -> Replay:
    """Load a recording.

    ``source``: a path to a file of any supported container (docs/formats.md: JSON arrays and wrappers, JSON
    Lines, gzip/zlib, rrweb's packer, Sentry envelopes and segments, PostHog snapshot lines, capture events and
    snappy blocks), a directory or a list of paths holding the parts of one recording (stitched in order), JSON
    bytes or text, a list (or any iterable) of event dicts, or an object with an ``events`` list.
    ``on_anomaly``: what to do with dangling-but-normal problems (``"collect"`` into ``replay.anomalies``,
    ``"warn"`` as well, or ``"raise"`` :class:`~rrweb_py.errors.AnomalyError`).
    ``store``: where decoded events are kept: ``"memory"`` (a tuple of dicts: the fastest seeks), ``"disk"`` (an
    :class:`~rrweb_py._store.EventStore`: compressed JSON blocks in a temporary file, so that memory is bounded by
    the engine state and checkpoints, not by the recording) or ``"auto"`` (the default: events move to disk once
    more than :data:`~rrweb_py._store.SPILL_ABOVE_BYTES` (64 MiB) of text has been decoded, the size from which
    files are streamed). Events given as Python objects stay in memory.
    ``progress``: called with ``(bytes read, file size)`` as each file of the input is read (a progress bar).
    ``checkpoint_every`` / ``checkpoint_work`` / ``checkpoint_ms`` / ``checkpoint_memory``: the checkpoint policy
    (see :class:`Replay`).

    A recording of several windows (PostHog tabs) gives one replay per window: the one returned is the window
    that starts first, and ``replay.windows`` maps every window id to its replay. Parts of the input that had to
    be skipped (a broken line, a cut-off end) are anomalies of the returned replay with ``event_index == -1``.
    """
    collect = gc.isenabled()
    main = _load(source, on_anomaly, store, checkpoints, progress)
    if collect:
        # The fresh events are young objects the collector has not walked yet: walk them once now, while they are
        # hot in the cache, rather than twice (young, then middle generation) on the program's next allocations.
        # Freezing them instead would pin the caller's objects too (see docs/performance.md).
        gc.collect(1)
    return main


@paused
def _load(source: Any, on_anomaly: OnAnomaly, store: str, checkpoints: dict[str, Any],
          progress: Callable[[int, int], None] | None = None) -> Replay:
    windows, decoded = load_windows(source, store, progress)
    replays = {wid: Replay(events, on_anomaly=on_anomaly, **checkpoints) for wid, events in windows.items()}
    front = tuple(decoded.meta.get("front_tab") or ())
    for wid, replay in replays.items():
        replay.window_id = wid
        replay.source_info = decoded
        if len(replays) > 1:
            replay._windows = replays
            replay._front_tab = front
    main = replays[main_window(windows)]
    for issue in decoded.issues:
        anomaly = Anomaly(issue.kind, -1, main.start_timestamp, None, issue.detail, issue.where)
        if on_anomaly == "raise":
            raise AnomalyError(anomaly)
        main.anomalies.append(anomaly)
        if on_anomaly == "warn":
            warnings.warn(str(anomaly), ReplayWarning, stacklevel=3)
    return main
