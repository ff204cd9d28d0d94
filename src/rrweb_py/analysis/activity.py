"""One timeline of what happened, and how active the user was.

:func:`timeline` merges, in time order: navigations (Meta events, Sentry navigation breadcrumbs), the window in
front (``tab``, recordings of several windows), clicks (resolved to their elements), inputs (one entry per
committed value of a control: a run of Input events ends with the value the control had when the page emptied it
(an app clearing its box on Enter: ``then cleared``), when it lost focus, when another control got input or a new
page started, or at the end; password values are masked), scrolls (a run on one target is one entry), console
messages, network requests, errors (with the Sentry error events sent with the replay) and custom events (see
:mod:`rrweb_py.analysis.logs` for the sources).

:func:`activity` measures it: activity events are rrweb's user interactions (incremental sources MouseMove,
MouseInteraction, Scroll, ViewportResize and Input, as in rrweb's ``isUserInteraction``); a stretch of more than
``inactive_after_ms`` (10 s, rrweb's and Highlight's threshold) without one is an inactivity gap, and the active
time is the duration less the gaps. Time per page runs from one Meta to the next. ``segments`` cut the recording
the way Sentry's SDK cuts replays: a replay ends 15 minutes after its last click or navigation, and lasts 60 minutes
at most; the next starts at the next click or navigation.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._protocol import EventType, IncrementalSource, MouseInteraction
from ..errors import InvalidArgument
from .base import Click, InputChange, ScrollChange, base_index
from .elements import clip_text
from .logs import ERROR_LEVELS, LogEntry, log_entries

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .._replay.replay import ReplayCore
    from ._walk import Progress

#: rrweb's isUserInteraction: MouseMove, MouseInteraction, Scroll, ViewportResize, Input
USER_INTERACTION_SOURCES = frozenset(int(s) for s in (
    IncrementalSource.MOUSE_MOVE, IncrementalSource.MOUSE_INTERACTION, IncrementalSource.SCROLL,
    IncrementalSource.VIEWPORT_RESIZE, IncrementalSource.INPUT))
KINDS = ("navigation", "tab", "click", "input", "scroll", "console", "network", "error", "custom")
_BLUR = int(MouseInteraction.BLUR)
#: MouseInteraction types that count as a click (a tuple: the recorded value may be unhashable)
_CLICK_TYPES = tuple(int(t) for t in (MouseInteraction.CLICK, MouseInteraction.CONTEXT_MENU, MouseInteraction.DBL_CLICK,
                                      MouseInteraction.TOUCH_START))
# plain ints for the per-event loops
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_INCREMENTAL_SNAPSHOT = int(EventType.INCREMENTAL_SNAPSHOT)
_META = int(EventType.META)
_MOUSE_INTERACTION = int(IncrementalSource.MOUSE_INTERACTION)
_INPUT = int(IncrementalSource.INPUT)
_CHECKABLE = frozenset({"checkbox", "radio"})


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of the timeline. ``end_offset_ms`` closes runs (typing, scrolling); ``value`` holds the typed
    value, console message or request URL; ``label``/``selector`` describe the element."""

    kind: str
    offset_ms: float
    timestamp: float
    summary: str
    end_offset_ms: float | None = None
    url: str | None = None
    node_id: int | None = None
    selector: str | None = None
    label: str | None = None
    value: str | None = None
    level: str | None = None
    method: str | None = None
    status: int | None = None
    duration_ms: float | None = None
    source: str | None = None
    count: int = 1
    index: int = 0

    @property
    def failed(self) -> bool:
        """A request that failed: no status, status 0, or 400 and above."""
        return self.kind == "network" and (self.status is None or self.status == 0 or self.status >= 400)

    @property
    def console_error(self) -> bool:
        """A console message at an error level (``error``, ``assert``, ``fatal``)."""
        return self.kind == "console" and (self.level or "").lower() in ERROR_LEVELS

    def to_row(self) -> dict[str, Any]:
        """Plain columns."""
        return {"kind": self.kind, "offset_ms": self.offset_ms, "timestamp": self.timestamp,
                "end_offset_ms": self.end_offset_ms, "summary": self.summary, "url": self.url,
                "node_id": self.node_id, "selector": self.selector, "label": self.label, "value": self.value,
                "level": self.level, "method": self.method, "status": self.status,
                "duration_ms": self.duration_ms, "source": self.source, "count": self.count, "index": self.index}


def mask_value(value: str, input_type: str, mask: str) -> str:
    """An input value as the timeline shows it: ``mask`` is ``"password"`` (password fields become ``*``),
    ``"all"`` (every typed value) or ``"none"``."""
    if mask == "none" or input_type in _CHECKABLE:
        return value
    if mask == "all" or (mask == "password" and input_type == "password"):
        return "*" * len(value)
    return value


def _url_at(pages: list[tuple[float, str | None]], ts: float) -> str | None:
    k = bisect.bisect_right(pages, (ts, "\uffff")) - 1
    return pages[k][1] if k >= 0 else None


def _click_entry(c: Click, origin: float) -> TimelineEntry:
    e = c.element
    verb = {"click": "click", "dblclick": "double click", "contextmenu": "right click", "touch": "tap"}[c.kind]
    label = e.label if e is not None else f"#{c.target_id} (not in the page)"
    return TimelineEntry("click", c.timestamp - origin, c.timestamp, f"{verb} {label}", url=c.url,
                         node_id=c.target_id, selector=e.selector if e else None, label=label, value=c.kind,
                         source="rrweb", index=c.index)


#: how long before a box changes a click may have ticked it (ms)
TICK_CLICK_MS = 1000


def _by_the_page(change: InputChange, clicks: list[Click]) -> bool:
    """A box ticked or unticked by the page's script, not by the user: the recorder says so
    (``userTriggered: false``), or no click on the box, on a label or inside one came in the second before."""
    if change.user_triggered is not None:
        return not change.user_triggered
    for c in reversed(clicks):
        if c.timestamp > change.timestamp or c.index > change.index:
            continue
        if change.timestamp - c.timestamp > TICK_CLICK_MS:
            break
        e = c.element
        if c.target_id == change.node_id or (e is not None and (e.tag == "label" or any(
                a == "label" or a.startswith(("label#", "label.")) for a in e.ancestors))):
            return False
    return True


def _input_entries(inputs: list[InputChange], origin: float, mask: str,
                   stops: list[tuple[int, int | None]] = (),  # type: ignore[assignment]
                   clicks: list[Click] = ()) -> list[TimelineEntry]:  # type: ignore[assignment]
    """One entry per committed value of a control: a run of Input events on one control ends with its final value,
    when another control gets input, when the control loses focus or a new page starts (``stops``: ``(event
    index, node id)`` of each Blur, ``(index, None)`` of each page), and just before the page clears the field
    (an app that empties its box on Enter: the typed text is the value before the clear). A box the page's script
    ticked (no click before it, see :func:`_by_the_page`) reads "the page checks ...", not as the user's action."""
    out: list[TimelineEntry] = []
    run: list[InputChange] = []
    cleared: list[InputChange] = []  # the clear that ended the run, if one did

    def flush() -> None:
        if not run:
            return
        last = run[-1]
        e = last.element
        label = e.label if e is not None else f"#{last.node_id}"
        if last.checked is not None:
            verb = "check" if last.checked else "uncheck"
            summary = f"{verb} {label}"
            if _by_the_page(last, clicks):
                summary = f"the page {verb}s {label}"
            value = "true" if last.checked else "false"
        elif last.value == "" and not cleared:
            summary = f"clear {label}"
            value = ""
        else:
            value = mask_value(last.value, last.input_type, mask)
            verb = "select" if e is not None and e.tag == "select" else "type"
            shown = clip_text(value, 160).replace("\n", "\\n")
            summary = f'{verb} "{shown}" in {label}' + (", then cleared" if cleared else "")
        first = run[0]
        out.append(TimelineEntry("input", first.timestamp - origin, first.timestamp, summary,
                                 end_offset_ms=last.timestamp - origin, url=last.url, node_id=last.node_id,
                                 selector=e.selector if e else None, label=label, value=value, source="rrweb",
                                 count=len(run), index=first.index))
        run.clear()
        cleared.clear()

    k = 0
    for change in inputs:
        while k < len(stops) and stops[k][0] < change.index:
            if run and stops[k][1] in (None, run[-1].node_id):
                flush()
            k += 1
        if change.checked is False and change.input_type == "radio":
            continue  # the recorder's echo for the other radios of a group that one was checked in
        if run and (change.node_id != run[-1].node_id or change.checked is not None):
            flush()
        if (run and change.checked is None and change.value == "" and len(run[-1].value) > 1
                and change.input_type != "select"):
            cleared.append(change)  # the field emptied at once: what was typed was committed
            flush()
            continue
        run.append(change)
        if change.checked is not None:
            flush()
    flush()
    return out


def _scroll_entries(scrolls: list[ScrollChange], origin: float, gap_ms: float = 1000) -> list[TimelineEntry]:
    out: list[TimelineEntry] = []
    run: list[ScrollChange] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        where = "window" if last.window else (last.element.short if last.element else f"#{last.node_id}")
        summary = f"scroll {where} to x={last.x:g}, y={last.y:g}"
        out.append(TimelineEntry("scroll", first.timestamp - origin, first.timestamp, summary,
                                 end_offset_ms=last.timestamp - origin, url=last.url, node_id=last.node_id,
                                 selector=None if last.window or not last.element else last.element.selector,
                                 label=where, value=f"{last.x:g},{last.y:g}", source="rrweb", count=len(run),
                                 index=first.index))

    for s in scrolls:
        if run and (s.node_id != run[-1].node_id or s.timestamp - run[-1].timestamp > gap_ms):
            flush()
            run = []
        run.append(s)
    flush()
    return out


def _log_entry(e: LogEntry, origin: float, url: str | None) -> TimelineEntry:
    if e.kind == "console":
        summary = f"console.{e.level or 'log'} {clip_text(e.message, 200)}"
        return TimelineEntry("console", e.timestamp - origin, e.timestamp, summary, url=url, value=e.message,
                             level=e.level, source=e.source, index=e.index)
    if e.kind == "network":
        status = "?" if e.status is None else str(e.status)
        took = "" if e.duration_ms is None else f" ({e.duration_ms:.0f} ms)"
        summary = f"request {e.method or 'GET'} {clip_text(e.url or '', 160)} -> {status}{took}"
        return TimelineEntry("network", e.timestamp - origin, e.timestamp, summary, url=url, value=e.url,
                             method=e.method, status=e.status, duration_ms=e.duration_ms, source=e.source,
                             level=e.category, index=e.index)
    if e.kind == "error":
        return TimelineEntry("error", e.timestamp - origin, e.timestamp, f"error {clip_text(e.message, 200)}",
                             url=url, value=e.message, level=e.level, source=e.source, index=e.index)
    if e.kind == "navigation":
        return TimelineEntry("navigation", e.timestamp - origin, e.timestamp, f"navigate to {e.url}", url=e.url,
                             value=e.message, source=e.source, index=e.index)
    message = clip_text(e.message, 160)
    category = e.category or "custom"
    summary = message if message == category or message.startswith(category + " ") else f"{category} {message}"
    return TimelineEntry("custom", e.timestamp - origin, e.timestamp, summary, url=url, value=e.message,
                         level=e.category, duration_ms=e.duration_ms, source=e.source, index=e.index)


def _navigations(replay: ReplayCore) -> tuple[list[tuple[int, float, str | None]], list[tuple[int, int | None]]]:
    """The Meta events ``(index, timestamp, href)``, and where input runs stop: ``(index, node id)`` of each Blur,
    ``(index, None)`` of each Meta and FullSnapshot."""
    navs = []
    stops: list[tuple[int, int | None]] = []
    for i, ev in enumerate(replay.events):
        etype = ev["type"]
        if etype == _META:
            data = ev.get("data")
            href = data.get("href") if isinstance(data, dict) and isinstance(data.get("href"), str) else None
            navs.append((i, ev["timestamp"], href))
            stops.append((i, None))
        elif etype == _FULL_SNAPSHOT:
            stops.append((i, None))
        elif etype == _INCREMENTAL_SNAPSHOT:
            data = ev.get("data")
            if isinstance(data, dict) and data.get("source") == _MOUSE_INTERACTION and data.get("type") == _BLUR:
                nid = data.get("id")
                stops.append((i, nid if type(nid) is int else None))
    return navs, stops


def _tab_entries(replay: ReplayCore, origin: float) -> list[TimelineEntry]:
    """Which window was in front, for a recording of several windows: one entry per change (the first at the
    replay's start when the change came before it)."""
    if len(replay.windows) < 2:
        return []
    changes = list(replay.front_tab)
    before = [c for c in changes if c[0] <= origin]
    kept = ([(origin, before[-1][1])] if before else []) + [c for c in changes if c[0] > origin]
    out = []
    for n, (ts, wid) in enumerate(kept):
        here = " (this window)" if wid == replay.window_id else ""
        verb = "front window" if n == 0 else "switch to window"
        out.append(TimelineEntry("tab", ts - origin, ts, f"{verb} {wid}{here}", value=wid, source="windows",
                                 index=bisect.bisect_left(replay.timestamps, ts)))
    return out


def timeline(replay: ReplayCore, *, kinds: Iterable[str] | None = None, mask_inputs: str = "password",
             progress: Progress | None = None) -> list[TimelineEntry]:
    """Everything that happened, in time order (see the module doc). ``kinds`` keeps only some kinds (of
    :data:`KINDS`); ``mask_inputs`` is ``"password"``, ``"all"`` or ``"none"``."""
    wanted = set(KINDS if kinds is None else kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        msg = f"unknown timeline kinds {sorted(unknown)}; choose from {', '.join(KINDS)}"
        raise InvalidArgument(msg)
    if mask_inputs not in ("password", "all", "none"):
        msg = f"mask_inputs must be 'password', 'all' or 'none', got {mask_inputs!r}"
        raise InvalidArgument(msg)
    origin = replay.start_timestamp
    out: list[TimelineEntry] = []
    navs, stops = _navigations(replay)
    pages = [(ts, href) for _, ts, href in navs]
    needs_dom = bool(wanted & {"click", "input", "scroll", "navigation"})
    base = base_index(replay, progress=progress) if needs_dom else None
    if "navigation" in wanted:
        titles = {p.index: p.title for p in base.pages} if base else {}
        snapshot_after = sorted(titles)
        for i, ts, href in navs:
            k = bisect.bisect_left(snapshot_after, i)
            title = titles[snapshot_after[k]] if k < len(snapshot_after) else ""
            summary = f"navigate to {href}" + (f' "{clip_text(title, 80)}"' if title else "")
            out.append(TimelineEntry("navigation", ts - origin, ts, summary, url=href, value=href,
                                     label=title or None, source="rrweb", index=i))
    if base is not None:
        if "click" in wanted:
            out.extend(_click_entry(c, origin) for c in base.clicks)
        if "input" in wanted:
            out.extend(_input_entries(base.inputs, origin, mask_inputs, stops, base.clicks))
        if "scroll" in wanted:
            out.extend(_scroll_entries(base.scrolls, origin))
    if "tab" in wanted:
        out.extend(_tab_entries(replay, origin))
    for e in log_entries(replay):
        if e.kind in wanted:
            out.append(_log_entry(e, origin, _url_at(pages, e.timestamp)))
    order = {k: n for n, k in enumerate(KINDS)}
    out.sort(key=lambda t: (t.timestamp, t.index, order[t.kind]))
    return out


# ---------------------------------------------------------------------------------------------- activity


@dataclass(frozen=True, slots=True)
class Gap:
    """A stretch without user activity longer than the threshold."""

    start_ms: float
    end_ms: float

    @property
    def duration_ms(self) -> float:
        """Its length."""
        return self.end_ms - self.start_ms

    def to_row(self) -> dict[str, Any]:
        """Plain columns."""
        return {"start_ms": self.start_ms, "end_ms": self.end_ms, "duration_ms": self.duration_ms}


@dataclass(frozen=True, slots=True)
class PageTime:
    """Time spent on one page (from its Meta event to the next, or the end)."""

    url: str | None
    start_ms: float
    end_ms: float
    active_ms: float

    @property
    def duration_ms(self) -> float:
        """Time on the page."""
        return self.end_ms - self.start_ms

    def to_row(self) -> dict[str, Any]:
        """Plain columns."""
        return {"url": self.url, "start_ms": self.start_ms, "end_ms": self.end_ms,
                "duration_ms": self.duration_ms, "active_ms": self.active_ms}


@dataclass(frozen=True, slots=True)
class Segment:
    """A part of the recording that Sentry's rules would make one replay. ``reason`` says why it ended:
    ``"idle"`` (15 min without a click or navigation), ``"max-duration"`` (60 min) or ``"end"``."""

    start_ms: float
    end_ms: float
    reason: str
    events: int

    def to_row(self) -> dict[str, Any]:
        """Plain columns."""
        return {"start_ms": self.start_ms, "end_ms": self.end_ms, "duration_ms": self.end_ms - self.start_ms,
                "reason": self.reason, "events": self.events}


@dataclass(frozen=True, slots=True)
class Activity:
    """How active the user was. Times are ms; offsets are from the replay's first event."""

    duration_ms: float
    active_ms: float
    inactive_after_ms: float
    gaps: tuple[Gap, ...]
    pages: tuple[PageTime, ...]
    segments: tuple[Segment, ...]
    clicks: int
    inputs: int
    navigations: int

    @property
    def idle_ms(self) -> float:
        """The time in inactivity gaps."""
        return self.duration_ms - self.active_ms

    def to_row(self) -> dict[str, Any]:
        """Plain columns (one row for the recording)."""
        return {"duration_ms": self.duration_ms, "active_ms": self.active_ms, "idle_ms": self.idle_ms,
                "gaps": len(self.gaps), "pages": len(self.pages), "segments": len(self.segments),
                "clicks": self.clicks, "inputs": self.inputs, "navigations": self.navigations}


def activity(replay: ReplayCore, *, inactive_after_ms: float = 10_000,
             sources: Iterable[int] = USER_INTERACTION_SOURCES, session_idle_ms: float = 15 * 60_000,
             session_max_ms: float = 60 * 60_000) -> Activity:
    """Active time, inactivity gaps, time per page and Sentry-style segments (see the module doc). Reads only
    the events: no walk."""
    if inactive_after_ms <= 0 or session_idle_ms <= 0 or session_max_ms <= 0:
        msg = "activity() thresholds must be positive"
        raise InvalidArgument(msg)
    wanted = frozenset(sources)
    origin = replay.start_timestamp
    end = replay.end_timestamp
    active_ts: list[float] = []
    marks: list[tuple[int, float]] = []  # clicks and navigations (segment activity)
    metas: list[tuple[float, str | None]] = []
    clicks = inputs = 0
    for i, ev in enumerate(replay.events):
        etype = ev["type"]
        ts = ev["timestamp"]
        if etype == _INCREMENTAL_SNAPSHOT:
            data = ev.get("data")
            if not isinstance(data, dict):
                data = {}
            src = data.get("source")
            if src in wanted:
                active_ts.append(ts)
            if src == _MOUSE_INTERACTION and isinstance(data, dict) and data.get("type") in _CLICK_TYPES:
                marks.append((i, ts))
                clicks += 1
            elif src == _INPUT:
                inputs += 1
        elif etype == _META:
            data = ev.get("data")
            metas.append((ts, data.get("href") if isinstance(data, dict) and isinstance(data.get("href"), str)
                          else None))
            marks.append((i, ts))
    # gaps between the recording's ends and every activity event
    anchors = [origin, *active_ts, end]
    gaps = [Gap(a - origin, b - origin) for a, b in itertools.pairwise(anchors) if b - a > inactive_after_ms]
    duration = end - origin
    active = duration - sum(g.duration_ms for g in gaps)
    pages = []
    for k, (ts, href) in enumerate(metas):
        stop = metas[k + 1][0] if k + 1 < len(metas) else end
        idle = sum(max(0.0, min(g.end_ms, stop - origin) - max(g.start_ms, ts - origin)) for g in gaps)
        pages.append(PageTime(href, ts - origin, stop - origin, (stop - ts) - idle))
    return Activity(duration, active, inactive_after_ms, tuple(gaps), tuple(pages),
                    tuple(_segments(replay, marks, session_idle_ms, session_max_ms)), clicks, inputs, len(metas))


def _segments(replay: ReplayCore, marks: list[tuple[int, float]], idle_ms: float, max_ms: float) -> list[Segment]:
    timestamps = replay.timestamps
    origin = replay.start_timestamp
    n = len(timestamps)
    mark_ts = [t for _, t in marks]
    out: list[Segment] = []
    first = 0
    while first < n:
        start = last = timestamps[first]
        k = bisect.bisect_right(mark_ts, start)
        while k < len(mark_ts) and mark_ts[k] <= last + idle_ms and mark_ts[k] <= start + max_ms:
            last = mark_ts[k]
            k += 1
        stop = min(last + idle_ms, start + max_ms)
        hi = bisect.bisect_right(timestamps, stop)
        if hi >= n:
            out.append(Segment(start - origin, timestamps[-1] - origin, "end", n - first))
            break
        reason = "idle" if last + idle_ms <= start + max_ms else "max-duration"
        out.append(Segment(start - origin, timestamps[hi - 1] - origin, reason, hi - first))
        if reason == "max-duration":
            first = hi  # the next replay starts with the next event
        else:
            k = bisect.bisect_right(mark_ts, stop)
            if k >= len(mark_ts):
                break  # no click or navigation follows: nothing more would be recorded
            first = marks[k][0]  # the next replay starts at the next click or navigation
    return out
