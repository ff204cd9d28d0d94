"""Writing redacted recordings, streamed (one event in memory at a time), in the input's container where one can
be kept: a directory of Sentry recording segments gives segments, JSON Lines give JSON Lines, a recording of
several windows gives PostHog snapshot lines (``{"window_id", "data"}``, one window's events per line), and
everything else a plain JSON array of events. A ``.gz`` suffix gzips a file."""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._json import dumps
from .._protocol import EventType
from ..errors import InvalidArgument
from . import iter_redacted
from .rules import Rules

if TYPE_CHECKING:
    from .._replay.replay import ReplayCore

#: the containers :func:`write_redacted` writes
CONTAINERS = ("array", "jsonl", "posthog-lines", "sentry-segments")
#: a Sentry segment holds this much recording time (the SDK flushes every 5 s) and starts at each FullSnapshot
SEGMENT_MS = 5000
#: events per PostHog snapshot line
LINE_EVENTS = 100
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_META = int(EventType.META)


@dataclass
class Written:
    """What :func:`write_redacted` wrote: the path, the container, and the events in and out (corrections added,
    events of blocked content and plugins dropped)."""

    path: Path
    container: str
    events_in: int = 0
    events_out: int = 0
    files: int = 1


def container_of(replay: ReplayCore) -> str:
    """The container the redacted copy of ``replay`` keeps (see the module doc)."""
    formats = list(getattr(replay.source_info, "formats", None) or ())
    if len(replay.windows) > 1:
        return "posthog-lines"
    if any(f.startswith("Sentry recording segment") for f in formats) and "directory" in formats:
        return "sentry-segments"
    if "JSON Lines" in formats:
        return "jsonl"
    return "array"


@contextmanager
def _open(path: Path) -> Iterator[IO[bytes]]:
    if path.suffix == ".gz":
        with gzip.open(path, "wb", compresslevel=6) as f:
            yield f  # type: ignore[misc]
    else:
        with open(path, "wb") as f:
            yield f


def _counted(events: Iterable[dict[str, Any]], written: Written) -> Iterator[dict[str, Any]]:
    for ev in events:
        written.events_out += 1
        yield ev


def write_redacted(replay: ReplayCore, rules: Rules, path: str | os.PathLike[str], *, container: str | None = None,
                   only_window: bool = False, progress: Callable[[int, int], None] | None = None) -> Written:
    """Redact every window of ``replay`` (only this one with ``only_window``) by ``rules`` into ``path`` (see the
    module doc; ``container`` one of :data:`CONTAINERS`, default :func:`container_of`). ``progress(done, total)``
    counts input events."""
    windows = {replay.window_id: replay} if only_window else replay.windows
    container = container or ("array" if only_window and len(replay.windows) > 1 else container_of(replay))
    if container not in CONTAINERS:
        msg = f"container must be one of {', '.join(CONTAINERS)}, got {container!r}"
        raise InvalidArgument(msg)
    out = Path(path)
    if container != "posthog-lines" and len(windows) > 1:
        msg = (f"the recording has {len(windows)} windows: write it as posthog-lines, or choose one window "
               f"({', '.join(map(repr, windows))})")
        raise InvalidArgument(msg)
    written = Written(out, container, events_in=sum(len(w.events) for w in windows.values()))
    done = 0

    def events_of(window: ReplayCore) -> Iterator[dict[str, Any]]:
        nonlocal done
        source = iter_redacted(window, rules)
        for ev in source:
            done = min(done + 1, written.events_in)
            if progress is not None and done % 1000 == 0:
                progress(done, written.events_in)
            yield ev

    if container == "sentry-segments":
        out.mkdir(parents=True, exist_ok=True)
        written.files = _write_segments(out, _counted(events_of(replay), written))
    elif container == "posthog-lines":
        with _open(out) as f:
            for wid, window in windows.items():
                batch: list[dict[str, Any]] = []
                for ev in _counted(events_of(window), written):
                    batch.append(ev)
                    if len(batch) == LINE_EVENTS:
                        f.write(dumps({"window_id": wid, "data": batch}) + b"\n")
                        batch = []
                if batch:
                    f.write(dumps({"window_id": wid, "data": batch}) + b"\n")
    else:
        with _open(out) as f:
            if container == "jsonl":
                for ev in _counted(events_of(replay), written):
                    f.write(dumps(ev) + b"\n")
            else:
                f.write(b"[")
                for k, ev in enumerate(_counted(events_of(replay), written)):
                    f.write(dumps(ev) if k == 0 else b"," + dumps(ev))
                f.write(b"]\n")
    if progress is not None:
        progress(written.events_in, written.events_in)
    return written


def _write_segments(folder: Path, events: Iterable[dict[str, Any]]) -> int:
    """Sentry recording segments ``0``, ``1``...: a ``{"segment_id": N}`` line, then the segment's events as a
    JSON array; a new segment every :data:`SEGMENT_MS` of recording time and at each new page (a Meta, or a
    FullSnapshot without one)."""
    segment = 0
    start: float | None = None
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal segment
        (folder / str(segment)).write_bytes(dumps({"segment_id": segment}) + b"\n" + dumps(batch))
        segment += 1

    for ev in events:
        ts = ev.get("timestamp", 0)
        kind = ev.get("type")
        new_page = kind == _META or (kind == _FULL_SNAPSHOT and batch and batch[-1].get("type") != _META)
        if batch and (new_page or start is not None and ts - start >= SEGMENT_MS):
            flush()
            batch = []
            start = None
        if start is None:
            start = ts
        batch.append(ev)
    if batch or segment == 0:
        flush()
    return segment
