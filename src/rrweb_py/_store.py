"""Where a recording's events are kept: :class:`EventStore`, compressed JSON blocks in a temporary file.

Decoded events as Python dicts take about six times the size of their JSON text. A big recording keeps them
instead as blocks of up to :data:`BLOCK_EVENTS` events and :data:`BLOCK_TEXT_BYTES` of text, each block its JSON
text compressed with zlib (level 1), written to an anonymous temporary file (``tempfile.TemporaryFile``:
``$TMPDIR``, removed when the store is freed). In memory stay only an index (each event's timestamp as a double,
and each block's place in the file and first event) and a few decoded blocks. Reading event ``i`` decodes its block (a few hundred microseconds) and keeps it while the next
events are read from it; walking in order decodes each block once.

The store is append-only while decoding; :meth:`EventStore.finish` then orders it by timestamp (stable: the
input order of equal timestamps is kept). Input that is out of order only here and there (late events, segments
in the wrong order) is read through a permutation of the indexes, without moving a byte; input so scattered that
the permutation would decode a block for each event (a shuffled file) is written again in order, in passes of
:data:`REWRITE_TEXT_BYTES` of text.

:func:`envelope_error` is the one check every event passes before the engine sees it (an object with an integer
``type`` and a finite epoch-ms ``timestamp``), for events in memory and in a store alike.
"""

from __future__ import annotations

import bisect
import itertools
import math
import os
import tempfile
import threading
import weakref
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from . import _json
from ._protocol import EventType
from .errors import DecodeError, StoreError, describe_type

Event = dict[str, Any]

#: events per block at most: small enough that reading one event decodes little, large enough to compress well
BLOCK_EVENTS = 256
#: a block holding more JSON text than this is split in halves (down to one event), so that a block of heavy
#: events (big mutations) costs about what a block of light ones does to read
BLOCK_TEXT_BYTES = 64 * 1024
#: decoded blocks kept for random reads (the block being walked is kept apart)
CACHED_BLOCKS = 8
#: ``store="auto"`` keeps events on disk once this much text has been decoded (the inputs that are streamed;
#: as dicts this much text takes about 450 MiB)
SPILL_ABOVE_BYTES = 64 * 1024**2
#: a store whose input order is scattered is rewritten in timestamp order in passes of this much text
REWRITE_TEXT_BYTES = 64 * 1024**2
#: the keeping modes :func:`rrweb_py.load` takes
KEEP_MODES = ("auto", "memory", "disk")

MAX_TIMESTAMP = 1e15  # ms; year ~33,000
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)


def envelope_error(ev: Any) -> tuple[str, str] | None:
    """Why ``ev`` is not an rrweb event, as ``(reason, path below the event)``, or ``None``."""
    if not isinstance(ev, dict):
        return f"expected an event object, got {describe_type(ev)}", ""
    etype = ev.get("type")
    if type(etype) is not int:
        return f"expected int, got {describe_type(etype)}", ".type"
    ts = ev.get("timestamp")
    if type(ts) is not int and (type(ts) is not float or not math.isfinite(ts)):
        return f"expected a finite number (epoch ms), got {describe_type(ts)} {ts!r}"[:200], ".timestamp"
    if not -MAX_TIMESTAMP < ts < MAX_TIMESTAMP:
        return f"timestamp {ts!r} is out of range for epoch milliseconds", ".timestamp"
    return None


def loads_json(raw: bytes | str) -> Any:
    """``orjson.loads``, falling back to an iterative parser for what orjson refuses although it is valid JSON: a
    document nested deeper than its limit (1,024 levels from orjson 3.9.15), an escaped lone surrogate (which
    ``JSON.stringify`` writes for a string cut inside an emoji). See :mod:`rrweb_py._json`."""
    return _json.loads(raw)


_pread = getattr(os, "pread", None)


def _dumps(events: list[Event]) -> bytes:
    return _json.dumps(events)  # orjson, or the iterative writer for a deep event or a lone surrogate


class EventStore(Sequence[Event]):
    """Events in compressed blocks on disk, read by index, in timestamp order once finished (see the module doc).

    Built by the decoder for big inputs (``rrweb_py.load(..., store=...)``); a :class:`~rrweb_py.Replay` reads it
    as it reads a tuple of events. Events read from it are fresh dicts (the same object while its block stays
    decoded); the engine never changes them.
    """

    def __init__(self, events: Iterable[Event] = ()) -> None:
        try:
            self._file = tempfile.TemporaryFile(prefix="rrweb_py-events-")  # noqa: SIM115 - lives with the store
        except OSError as exc:
            msg = f"cannot make a temporary file for the events in {tempfile.gettempdir()}: {exc.strerror or exc}"
            raise StoreError(msg) from exc
        # closed (so removed) when the store is freed, without leaving it to the file's own ResourceWarning
        self._closer = weakref.finalize(self, self._file.close)
        self._size = 0  # bytes written
        self._text_size = 0  # the JSON text they hold
        self._spans = array("q")  # block b is at [_spans[2b], _spans[2b] + _spans[2b+1]) in the file
        self._starts = array("q")  # the storage position of block b's first event
        self._written = 0  # events in written blocks
        self._timestamps = array("d")  # in timestamp order once finished
        self._pages = array("b")  # 1 for each FullSnapshot event, 0 for the others, in the same order
        self._order: array[int] | None = None  # storage position of the i-th event in timestamp order
        self._block_events = BLOCK_EVENTS
        self._block_text = BLOCK_TEXT_BYTES
        self._lock = threading.Lock()  # the block cache, and the file position where os.pread is missing
        self._pending: list[Event] = []
        self._count = 0  # events appended, invalid ones included
        self._error: tuple[int, str, str] | None = None  # the first invalid event: index, reason, path below
        self._cache: dict[int, list[Event]] = {}
        self._current: tuple[int, int, list[Event]] = (-1, 0, [])  # the block read last, its start, its events
        self.extend(events)

    # -------------------------------------------------------------------------------------------- building

    def append(self, ev: Any) -> None:
        """Add one event in input order; an event that is not an rrweb event is remembered as the error
        :meth:`finish` raises (the first one only, as :func:`rrweb_py._events.normalize_events` does)."""
        if self._order is not None:
            msg = "the store is finished: it is read-only"
            raise ValueError(msg)
        index = self._count
        self._count += 1
        if self._error is not None:
            return
        error = envelope_error(ev)
        if error is not None:
            self._error = (index, *error)
            return
        self._timestamps.append(ev["timestamp"])
        self._pages.append(ev["type"] == _FULL_SNAPSHOT)
        pending = self._pending
        pending.append(ev)
        if len(pending) == self._block_events:
            self._flush()

    def extend(self, events: Iterable[Any]) -> None:
        if isinstance(events, EventStore):
            if events._error is not None and self._error is None:
                index, reason, below = events._error
                self._error = (index + self._count, reason, below)
            events = events._iter_stored()
        for ev in events:
            self.append(ev)

    def _flush(self) -> None:
        """Write the pending events as one block, or as several where their text is over the block size."""
        parts = [self._pending] if self._pending else []
        self._pending = []
        while parts:
            events = parts.pop()
            text = _dumps(events)
            if len(text) > self._block_text and len(events) > 1:
                half = len(events) // 2
                parts += (events[half:], events[:half])  # the first half is written first
                continue
            blob = zlib.compress(text, 1)
            try:
                self._file.seek(self._size)
                self._file.write(blob)
                self._file.flush()
            except OSError as exc:
                msg = f"cannot write the events to their temporary file: {exc.strerror or exc}"
                raise StoreError(msg) from exc
            self._spans.append(self._size)
            self._spans.append(len(blob))
            self._starts.append(self._written)
            self._written += len(events)
            self._size += len(blob)
            self._text_size += len(text)

    def finish(self) -> EventStore:
        """Write the last block and order the events by timestamp (stably); raises the first envelope error."""
        if self._error is not None:
            index, reason, below = self._error
            raise DecodeError(reason, f"$[{index}]{below}")
        self._flush()
        stamps = self._timestamps
        if self._order is None and any(b < a for a, b in itertools.pairwise(stamps)):
            order = sorted(range(len(stamps)), key=stamps.__getitem__)
            owner = array("q")  # the block of each storage position
            for b, (first, end) in enumerate(itertools.pairwise([*self._starts, self._written])):
                owner.extend(itertools.repeat(b, end - first))
            jumps = sum(1 for a, b in itertools.pairwise(order) if owner[a] != owner[b])
            if jumps > 2 * len(self._starts) + 16:
                self._rewrite(order)  # scattered: reading by the permutation would decode a block per event
            else:
                self._order = array("q", order)
                self._timestamps = array("d", (stamps[i] for i in order))
                self._pages = array("b", (self._pages[i] for i in order))
        elif self._order is None:
            self._order = array("q")
        return self

    def _rewrite(self, order: list[int]) -> None:
        """Write the events again in timestamp order, in passes that each gather :data:`REWRITE_TEXT_BYTES` of
        text (about six times that as dicts) from every block."""
        n = len(order)
        rank = array("q", bytes(8 * n))
        for position, j in enumerate(order):
            rank[j] = position
        chunk = max(self._block_events, REWRITE_TEXT_BYTES * n // max(self._text_size, 1))
        fresh = EventStore()
        fresh._block_events, fresh._block_text = self._block_events, self._block_text
        for lo in range(0, n, chunk):
            hi = min(n, lo + chunk)
            picked: list[Event] = [None] * (hi - lo)  # type: ignore[list-item]
            for b, base in enumerate(self._starts):
                for k, ev in enumerate(self._read(b)):
                    r = rank[base + k]
                    if lo <= r < hi:
                        picked[r - lo] = ev
            for ev in picked:
                fresh.append(ev)
        fresh._flush()
        self._file.close()
        self._closer.detach()
        fresh._closer.detach()  # the file is this store's now
        self._file, self._spans, self._size = fresh._file, fresh._spans, fresh._size
        self._closer = weakref.finalize(self, self._file.close)
        self._starts, self._written = fresh._starts, fresh._written
        self._text_size, self._timestamps = fresh._text_size, fresh._timestamps
        self._pages = fresh._pages
        self._order = array("q")

    # -------------------------------------------------------------------------------------------- reading

    @property
    def timestamps(self) -> Sequence[float]:
        """Every event's timestamp in order, as doubles (the events keep their own values)."""
        return self._timestamps

    def page_indexes(self) -> list[int]:
        """The indexes of the FullSnapshot events, in order, read from the index (no block is decoded)."""
        return [i for i, page in enumerate(self._pages) if page]

    @property
    def stored_bytes(self) -> int:
        """The size of the compressed blocks on disk."""
        return self._size

    def __len__(self) -> int:
        return len(self._timestamps)

    def _block(self, b: int) -> list[Event]:
        # (block, events) is one attribute, read and replaced whole, and the cache changes under a lock, so that
        # threads reading one replay never see a block number paired with another block's events
        current = self._current
        if current[0] == b:
            return current[2]
        with self._lock:
            events = self._cache.pop(b, None)
        if events is None:
            events = self._read(b)
        with self._lock:
            previous = self._current
            if previous[0] >= 0 and previous[0] != b:
                self._cache[previous[0]] = previous[2]
                while len(self._cache) > CACHED_BLOCKS:
                    del self._cache[next(iter(self._cache))]
            self._current = (b, self._starts[b], events)
        return events

    def _stored(self, j: int) -> Event:
        _, first, events = self._current
        if 0 <= j - first < len(events):
            return events[j - first]
        b = bisect.bisect_right(self._starts, j) - 1
        return self._block(b)[j - self._starts[b]]

    @overload
    def __getitem__(self, i: int) -> Event: ...

    @overload
    def __getitem__(self, i: slice) -> list[Event]: ...

    def __getitem__(self, i: int | slice) -> Event | list[Event]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self._timestamps)
        if i < 0:
            i += n
        if not 0 <= i < n:
            msg = "event index out of range"
            raise IndexError(msg)
        order = self._order
        return self._stored(order[i] if order else i)

    def span(self, start: int, stop: int) -> Iterator[Event]:
        """The events ``start <= i < stop`` in order (what a seek folds), read a block at a time."""
        if self._order:
            for j in self._order[start:stop]:
                yield self._stored(j)
            return
        b = bisect.bisect_right(self._starts, start) - 1
        k = start - self._starts[b] if b >= 0 else 0
        while start < stop:
            events = self._block(b)
            part = events[k:k + stop - start]
            yield from part
            start += len(part)
            b, k = b + 1, 0

    def __iter__(self) -> Iterator[Event]:
        if self._order:
            for j in self._order:
                yield self._stored(j)
            return
        yield from self._iter_stored()

    def _iter_stored(self) -> Iterator[Event]:
        """Events in storage (input) order, each block decoded once and not kept."""
        for b in range(len(self._spans) // 2):
            yield from self._read(b)
        yield from self._pending

    def _read(self, b: int) -> list[Event]:
        try:
            raw = zlib.decompress(self._bytes(self._spans[2 * b], self._spans[2 * b + 1]))
        except zlib.error as exc:
            msg = f"cannot read the events back from their temporary file: {exc}"
            raise StoreError(msg) from exc
        events: list[Event] = _json.loads(raw)
        return events

    def _bytes(self, start: int, size: int) -> bytes:
        """``size`` bytes of the file from ``start``."""
        try:
            if _pread is not None:  # positionless: safe while other threads read other blocks
                data: bytes = _pread(self._file.fileno(), size, start)
                return data
            with self._lock:
                self._file.seek(start)
                return self._file.read(size)
        except (OSError, ValueError) as exc:  # ValueError: the store was closed
            msg = f"cannot read the events back from their temporary file: {exc}"
            raise StoreError(msg) from exc

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EventStore):
            return NotImplemented
        return (len(self) == len(other) and self._timestamps == other._timestamps
                and all(a == b for a, b in zip(self._iter_stored(), other._iter_stored())))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<EventStore {len(self)} events, {self._size} bytes on disk>"

    def close(self) -> None:
        """Remove the temporary file now (it is removed anyway when the store is freed)."""
        self._file.close()

    def __getstate__(self) -> dict[str, Any]:
        """Pickled with its compressed blocks (read from the file whole), so that a replay can go to another
        process; the copy gets a temporary file of its own."""
        blob = self._bytes(0, self._size) if self._size else b""
        skip = {"_file", "_closer", "_lock", "_cache", "_current"}
        return {**{k: v for k, v in self.__dict__.items() if k not in skip}, "_blob": blob}

    def __setstate__(self, state: dict[str, Any]) -> None:
        blob = state.pop("_blob")
        self.__dict__.update(state)
        self._lock = threading.Lock()
        self._cache = {}
        self._current = (-1, 0, [])
        try:
            self._file = tempfile.TemporaryFile(prefix="rrweb_py-events-")  # noqa: SIM115 - lives with the store
            self._closer = weakref.finalize(self, self._file.close)
            self._file.write(blob)
            self._file.flush()
        except OSError as exc:
            msg = f"cannot make a temporary file for the events in {tempfile.gettempdir()}: {exc.strerror or exc}"
            raise StoreError(msg) from exc
