"""``ReplayCore``: the loaded events on a time axis, checkpoints, and the state at any moment.

Time rule: the frame at ``offset_ms`` is the state after every event whose timestamp is
``<= start_timestamp + offset_ms``, applied in stable timestamp order. (rrweb's ``pause()`` applies events strictly
before the target; the two agree except for an event exactly at the target.)

Seeking: the state is folded forward (:mod:`.walk`) from the newest checkpoint at or before the target
(:mod:`.checkpoints`). Checkpoints are taken while events are applied for the first time: after every FullSnapshot
and every ``checkpoint_every`` events.

This is the core the analyses read (they annotate with it); :class:`rrweb_py.Replay` adds the analysis shortcuts
on top (``rrweb_py._api``), and :func:`load_as` builds replays of whichever class it is given.
"""

from __future__ import annotations

import bisect
import gc
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Self, TypeVar

from .._engine.state import State
from .._events import Event, load_windows, main_window
from .._gc import paused, promote
from .._protocol import EventType
from .._read.frame import Frame
from .._store import EventStore
from ..errors import Anomaly, InvalidArgument
from .checkpoints import Checkpoints
from .walk import OnAnomaly, Walker, record

R = TypeVar("R", bound="ReplayCore")

_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)


class ReplayCore:
    """A loaded recording: loading, windows, checkpoints, seeks and forward walks (no analyses)."""

    #: the id of the window (browser tab) this replay is; ``""`` when the input names no window
    window_id: str = ""
    #: what the loader learnt about the input: ``formats`` recognised, ``issues`` skipped, ``meta`` notes
    #: (see :class:`rrweb_py._formats.transport.Decoded`; ``None`` for a Replay built directly from events)
    source_info: Any = None
    #: the class of the frames made (the public Replay makes public Frames, which can also draw themselves)
    frame_class: type[Frame] = Frame
    _windows: dict[str, Self] | None = None
    _front_tab: tuple[tuple[float, str], ...] | None = None

    @property
    def windows(self) -> dict[str, Self]:
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
        #: :class:`~rrweb_py._store.EventStore` (a read-only sequence of dicts kept on disk; see :func:`load_as`)
        self.events = events
        self._timestamps: Sequence[float] = (events.finish().timestamps if isinstance(events, EventStore)
                                             else [ev["timestamp"] for ev in events])
        #: checkpoint policy (see :mod:`.checkpoints`): a checkpoint after every FullSnapshot, and once any of
        #: ``checkpoint_every`` events, ``checkpoint_work`` work or ``checkpoint_ms`` milliseconds is reached since
        #: the last one; their memory kept under ``checkpoint_memory`` bytes
        self._checkpoints = Checkpoints(self._timestamps, every=checkpoint_every, work=checkpoint_work,
                                        ms=checkpoint_ms, memory=checkpoint_memory)
        self._walker = Walker(events, self._checkpoints, on_anomaly, [])
        self._start_ts: float | None = None  # the first event's timestamp, read once (frames count from it)
        self._page_index: Sequence[int] | None = None

    @property
    def on_anomaly(self) -> OnAnomaly:
        """What a problem met while applying events does: ``"collect"``, ``"warn"`` or ``"raise"``."""
        return self._walker.on_anomaly

    @on_anomaly.setter
    def on_anomaly(self, value: OnAnomaly) -> None:
        self._walker.on_anomaly = value

    @property
    def anomalies(self) -> list[Anomaly]:
        """Problems met while applying events (and while loading), each recorded once."""
        return self._walker.anomalies

    @anomalies.setter
    def anomalies(self, value: list[Anomaly]) -> None:
        self._walker.anomalies = value

    @property
    def checkpoint_every(self) -> int:
        """A checkpoint once this many events are applied since the last one."""
        return self._checkpoints.every

    @property
    def checkpoint_work(self) -> int:
        """A checkpoint once this much work (events plus the node changes they carry) is done since the last."""
        return self._checkpoints.work

    @property
    def checkpoint_ms(self) -> float | None:
        """A checkpoint once this many milliseconds of recording pass since the last one (``None``: never)."""
        return self._checkpoints.ms

    @property
    def checkpoint_memory(self) -> int:
        """The checkpoints' estimated memory is kept under this many bytes (see :mod:`.checkpoints`)."""
        return self._checkpoints.memory

    @property
    def _checkpoint_bytes(self) -> list[int]:
        return self._checkpoints.bytes

    @property
    def timestamps(self) -> Sequence[float]:
        """Every event's timestamp in order (read-only; floats when the events are kept on disk), without
        decoding the events."""
        return self._timestamps

    @property
    def start_timestamp(self) -> float:
        """The smallest event timestamp (epoch ms)."""
        if self._start_ts is None:
            self._start_ts = self.events[0]["timestamp"]
        return self._start_ts

    def _origin(self) -> float | None:
        """What frames count their offsets from: the start timestamp (``None`` without events)."""
        return self.start_timestamp if self._timestamps else None

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
        return self.frame_class(self._state_after(count), timestamp_ms, self._origin())

    def state_after(self, count: int) -> State:
        """The engine state after the first ``count`` events (a private copy the caller may change)."""
        if type(count) is not int or not 0 <= count <= len(self.events):
            msg = f"count must be an int in [0, {len(self.events)}], got {count!r}"
            raise InvalidArgument(msg)
        state = self._state_after(count)
        return state.clone()

    def _state_after(self, count: int) -> State:
        """The state after ``count`` events: a checkpoint itself (never to be changed) or a state of its own."""
        base = self._checkpoints.before(count)
        if base.event_index == count:
            return base  # checkpoints are never changed, and frames only read
        return self._start(base, count)

    def _start(self, base: State, count: int) -> State:
        """A state of its own after ``count`` events, from the checkpoint ``base`` at or before it: the walk starts
        at the last page that starts after ``base`` (its FullSnapshot), when there is one."""
        pages = self._pages()
        k = bisect.bisect_left(pages, count) - 1  # the last FullSnapshot among the first count events
        state = None
        if k >= 0 and pages[k] >= base.event_index:
            state = self._walker.jump(base, pages[k])
        if state is None:
            state = base.clone()
        self._walker.advance(state, count)
        return state

    def _pages(self) -> Sequence[int]:
        """The indexes of the FullSnapshot events (found once)."""
        if self._page_index is None:
            events = self.events
            if isinstance(events, EventStore):
                self._page_index = events.page_indexes()
            else:
                self._page_index = [i for i, ev in enumerate(events) if ev["type"] == _FULL_SNAPSHOT]
        return self._page_index

    def checkpoint_stats(self) -> dict[str, Any]:
        """How many checkpoints exist and what they hold: ``count``, ``nodes`` (distinct node objects held by
        checkpoints, shared ones counted once), ``bytes`` (their approximate size, maps included) and
        ``live_tree_bytes`` (the size of the newest checkpoint's tree on its own)."""
        return self._checkpoints.stats()

    def checkpoint_count(self) -> int:
        """How many checkpoints exist now."""
        return len(self._checkpoints)

    def validate(self) -> list[Anomaly]:
        """Fold the whole recording once and return every anomaly of this window, in the order met.

        ``load`` records the problems of the input at once (``event_index == -1``: a cut-off end, skipped files or
        lines); the problems of applying an event (``missing-node``, ``refused``...) are recorded when the event is
        first applied, that is when a seek, a frame walk or an analysis first goes past it. This applies every
        event not applied yet (the cost of ``replay.at(replay.duration_ms)``), so that the list is complete. With
        ``on_anomaly="raise"`` the first problem raises :class:`~rrweb_py.AnomalyError` instead. A recording of
        several windows: ``[a for w in replay.windows.values() for a in w.validate()]``.
        """
        for start, stop in self._walker.ground.gaps(len(self._timestamps)):
            self._walker.advance(self._checkpoints.before(start).clone(), stop)
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
        first = self._origin()
        for offset in offsets:
            target = start + offset
            count = bisect.bisect_right(self._timestamps, target)
            if state is None:
                state = self._start(self._checkpoints.before(count), count)
            self._walker.advance(state, count)
            yield self.frame_class(state.clone(), target, first)

    def iter_states(self) -> Iterator[tuple[Event, State]]:
        """Each event with the state right after it, in order. The state is shared and changes as the walk goes
        on: read it before advancing (copy with ``state.clone()`` to keep one)."""
        state, advance = self.stepper()
        for i, ev in enumerate(self.events):
            advance(i + 1)
            yield ev, state

    def stepper(self) -> tuple[State, Callable[[int], None]]:
        """A state before the first event, and ``advance(count)``, which applies the events up to ``count`` to it
        (for walks that read the page both before and after an event)."""
        state = self._checkpoints.before(0).clone()

        def advance(count: int) -> None:
            self._walker.advance(state, count)

        return state, advance

    # ------------------------------------------------------------------------------------------ lifetime

    def close(self) -> None:
        """Remove the temporary files of events kept on disk (of every window) now rather than when the replay is
        freed; reading those events afterwards raises :class:`~rrweb_py.StoreError`. Frames already made keep
        working. ``with rrweb_py.load(...) as replay:`` closes on leaving the block."""
        for replay in self.windows.values():
            if isinstance(replay.events, EventStore):
                replay.events.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load_as(cls: type[R], source: Any, on_anomaly: OnAnomaly, store: str, checkpoints: dict[str, Any],
            progress: Callable[[int, int], None] | None = None) -> R:
    """Load ``source`` as replays of class ``cls``, one per window; the window that starts first is returned (see
    :func:`rrweb_py.load`). The problems of the input are recorded as its anomalies with ``event_index == -1``."""
    collect = gc.isenabled()
    main = _load(cls, source, on_anomaly, store, checkpoints, progress)
    if collect:
        promote()  # the fresh events go to the oldest generation unwalked (see docs/performance.md)
    return main


@paused
def _load(cls: type[R], source: Any, on_anomaly: OnAnomaly, store: str, checkpoints: dict[str, Any],
          progress: Callable[[int, int], None] | None) -> R:
    windows, decoded = load_windows(source, store, progress)
    replays = {wid: cls(events, on_anomaly=on_anomaly, **checkpoints) for wid, events in windows.items()}
    front = tuple(decoded.meta.get("front_tab") or ())
    for wid, replay in replays.items():
        replay.window_id = wid
        replay.source_info = decoded
        if len(replays) > 1:
            replay._windows = replays
            replay._front_tab = front
    main = replays[main_window(windows)]
    for issue in decoded.issues:
        record(Anomaly(issue.kind, -1, main.start_timestamp, None, issue.detail, issue.where), on_anomaly,
               main.anomalies, stacklevel=4)
    return main
