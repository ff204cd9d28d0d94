"""Bytes, text, paths or iterables in; validated, time-sorted events out, one sequence per window.

Containers are recognised and decoded in :mod:`rrweb_py._formats`; this module validates and sorts. Events stay
the plain dicts the JSON decoder made (in a tuple, or for big inputs in an :class:`~rrweb_py._store.EventStore`
on disk); the engine never mutates them. Only the envelope is checked here (a list of objects with an integer
``type`` and a finite numeric ``timestamp``); payloads are checked where they are applied, so that a bad entry costs
only itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ._formats import Decoded, decode, transport
from ._store import MAX_TIMESTAMP, EventStore, envelope_error
from .errors import DecodeError, describe_type

Event = dict[str, Any]
#: the events of one window in timestamp order: a tuple of dicts, or an :class:`EventStore` for big inputs
Events = Sequence[Event]

#: refuse to inflate compressed input past this many bytes (a decompression bomb guard); the cap in force is
#: :data:`rrweb_py._formats.transport.MAX_TEXT_BYTES` (see docs/formats.md for every cap)
MAX_DECOMPRESSED_BYTES = transport.MAX_TEXT_BYTES


def read_source(source: Any, store: str = "auto", progress: Callable[[int, int], None] | None = None) -> Decoded:
    """Recognise the container of ``source`` and decode it into windows of events (see :mod:`rrweb_py._formats`).
    :func:`rrweb_py.load` runs it with the cyclic GC paused.

    The events are not frozen out of the collector's reach (``gc.freeze``) afterwards: that would also pin every
    object of the calling program alive at that moment, and with it any reference cycle it later drops. Big
    recordings keep their events on disk instead (:mod:`rrweb_py._store`), which the collector never walks."""
    return decode(source, store, progress)


def normalize_events(data: Any) -> Events:
    """Validate the envelope of every event and sort stably by timestamp.

    Accepts a JSON array of events or an object with an ``events`` list, or an :class:`EventStore` (finished
    here: its events were checked as they were added).
    """
    if isinstance(data, EventStore):
        if not len(data.finish()):
            msg = "the recording has no events"
            raise DecodeError(msg)
        return data
    if isinstance(data, Mapping):
        for key in ("events", "rrweb_data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            msg = "expected a JSON array of rrweb events (or an object with an 'events' array)"
            raise DecodeError(msg)
    if not isinstance(data, list):
        msg = f"expected a JSON array of rrweb events, got {describe_type(data)}"
        raise DecodeError(msg)
    if not data:
        msg = "the recording has no events"
        raise DecodeError(msg)
    in_order = True
    last = -math.inf
    for i, ev in enumerate(data):  # envelope_error's checks, inlined for the valid case, and the order
        if type(ev) is dict and type(ev.get("type")) is int:
            ts = ev.get("timestamp")
            if (type(ts) is int or type(ts) is float) and -MAX_TIMESTAMP < ts < MAX_TIMESTAMP:
                if ts < last:
                    in_order = False
                last = ts
                continue
        error = envelope_error(ev)
        if error is not None:
            raise DecodeError(error[0], f"$[{i}]{error[1]}")
        if ev["timestamp"] < last:  # a valid event of an unusual kind (a dict subclass)
            in_order = False
        last = ev["timestamp"]
    return tuple(data) if in_order else tuple(sorted(data, key=_ts))


def _ts(ev: Event) -> float:
    return ev["timestamp"]  # type: ignore[no-any-return]


def load_windows(source: Any, store: str = "auto",
                 progress: Callable[[int, int], None] | None = None) -> tuple[dict[str, Events], Decoded]:
    """Read ``source`` (see :func:`rrweb_py.load`) into validated, time-ordered events per window, with what the
    decoder learnt about the input (formats, issues, notes). ``store``, ``progress``: see :func:`rrweb_py.load`."""
    decoded = read_source(source, store, progress)
    named = f"{decoded.source}: " if decoded.source else ""
    if not decoded.windows:
        msg = f"{named}the recording has no events"
        raise DecodeError(msg)
    windows: dict[str, Events] = {}
    for wid, events in decoded.windows.items():
        try:
            windows[wid] = normalize_events(events)
        except DecodeError as exc:
            if len(decoded.windows) == 1 and not named:
                raise
            where = f" (in window {wid!r})" if len(decoded.windows) > 1 else ""
            msg = f"{named}{exc.reason}{where}"
            raise DecodeError(msg, exc.path) from None
    return windows, decoded


def main_window(windows: Mapping[str, Events]) -> str:
    """The window whose recording starts first (the first listed on a tie)."""
    return min(windows, key=lambda wid: windows[wid][0]["timestamp"])


def load_events(source: Any) -> Events:
    """Read ``source`` (see :func:`rrweb_py.load`) into validated, time-ordered events (of the first window when
    the recording has several)."""
    windows, _ = load_windows(source)
    return windows[main_window(windows)]
