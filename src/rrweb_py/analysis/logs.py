"""What the recording says besides the DOM: console messages, network requests, errors, custom events, Sentry
breadcrumbs and spans. Read from the events alone (no walk), once per replay.

Sources:

- console: rrweb's console plugin (``type 6``, ``data.plugin == "rrweb/console@1"``: ``level``, ``payload`` (the
  arguments, each JSON-stringified), ``trace``), the legacy Log source (incremental source 11) and Sentry
  breadcrumbs of category ``console``;
- network: rrweb's network plugin (``rrweb/network@1``: ``requests[]`` with ``name``, ``method``, ``status``,
  ``startTime``/``endTime``/``duration``, ``timestamp``) and Sentry ``performanceSpan`` events whose op starts with
  ``resource.`` (``description`` is the URL; ``data.method``, ``data.statusCode``; times in seconds);
- errors: Sentry breadcrumbs with level ``error``/``fatal`` (other than console ones), ``sentry.event`` and
  ``replay.hydrate-error`` breadcrumbs, custom events whose tag is one of ``ERROR_TAGS``, and the error events
  sent in the same Sentry envelope stream (``source_info.meta["errors"]``: kept when their
  ``contexts.replay.replay_id`` is the replay's id or the replay events list them in ``error_ids``; source
  ``sentry.event``, placed at their time between the recorded events);
- navigation: Sentry ``navigation`` breadcrumbs (``from``/``to``: single-page-app route changes);
- custom: every other custom event (``type 5``), Sentry breadcrumbs not listed above (``ui.*``, ``sentry.feedback``,
  ``replay.mutations``...), other Sentry spans (``navigation.*``, ``web-vital``, ``memory``, ``paint``) and other
  plugin events.

Sentry writes span events with second timestamps; every time here is epoch ms.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._protocol import EventType, IncrementalSource
from ._walk import to_ms

if TYPE_CHECKING:
    from .._replay.replay import ReplayCore

#: custom event tags taken as script errors (oss-clarity's tracker writes ``oss_clarity.error``)
ERROR_TAGS = frozenset({"error", "exception", "$exception", "oss_clarity.error"})
#: custom event tags taken as page views (oss-clarity)
PAGEVIEW_TAGS = frozenset({"oss_clarity.pageview", "$pageview"})
#: console levels taken as errors
ERROR_LEVELS = frozenset({"error", "assert", "fatal"})
# plain ints for the per-event loops
_INCREMENTAL_SNAPSHOT = int(EventType.INCREMENTAL_SNAPSHOT)
_CUSTOM = int(EventType.CUSTOM)
_PLUGIN = int(EventType.PLUGIN)
_LOG = int(IncrementalSource.LOG)


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One non-DOM record. ``kind``: ``console``, ``network``, ``error``, ``navigation`` or ``custom``."""

    kind: str
    index: int
    timestamp: float
    source: str  # "rrweb/console@1", "rrweb/network@1", "rrweb/log", "sentry.breadcrumb", "sentry.span", "custom"
    message: str
    level: str | None = None
    category: str | None = None  # Sentry breadcrumb category or span op; custom event tag
    url: str | None = None  # request URL, navigation target
    method: str | None = None
    status: int | None = None
    duration_ms: float | None = None
    data: Any = None

    @property
    def is_error(self) -> bool:
        """An error: an error entry, a console message at an error level, or a request that failed."""
        if self.kind == "error":
            return True
        if self.kind == "console":
            return (self.level or "").lower() in ERROR_LEVELS
        return False


def _text(value: Any, limit: int = 2000) -> str:
    if isinstance(value, str):
        out = value
    else:
        try:
            out = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        except (TypeError, ValueError):
            out = str(value)
    return out if len(out) <= limit else out[: limit - 1] + "\u2026"


def _console_args(payload: Any) -> str:
    """rrweb's console plugin stringifies each argument with JSON; show strings without their quotes."""
    if not isinstance(payload, list):
        return _text(payload)
    parts = []
    for arg in payload:
        if isinstance(arg, str):
            try:
                value = json.loads(arg)
            except ValueError:
                value = arg
            parts.append(value if isinstance(value, str) else _text(value, 500))
        else:
            parts.append(_text(arg, 500))
    return " ".join(parts)


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _network_plugin(index: int, ts: float, payload: Any) -> list[LogEntry]:
    out = []
    requests = payload.get("requests") if isinstance(payload, dict) else None
    for req in requests if isinstance(requests, list) else ():
        if not isinstance(req, dict):
            continue
        when = to_ms(req.get("timestamp"))
        if when is None:
            origin, start = to_ms(req.get("timeOrigin")), req.get("startTime")
            when = origin + start if origin is not None and isinstance(start, (int, float)) else ts
        duration = req.get("duration")
        if not isinstance(duration, (int, float)):
            start, end = req.get("startTime"), req.get("endTime")
            duration = end - start if isinstance(start, (int, float)) and isinstance(end, (int, float)) else None
        method = _opt_str(req.get("method"))
        url = _opt_str(req.get("name"))
        status = _int(req.get("status"))
        msg = f"{method or 'GET'} {url or '?'}" + (f" -> {status}" if status is not None else "")
        out.append(LogEntry("network", index, when, "rrweb/network@1", msg, url=url, method=method, status=status,
                            duration_ms=duration, category=req.get("initiatorType") if isinstance(
                                req.get("initiatorType"), str) else None, data=req))
    return out


def _breadcrumb(index: int, ts: float, payload: dict[str, Any]) -> LogEntry:
    category = _str(payload.get("category"))
    level = _opt_str(payload.get("level"))
    when = to_ms(payload.get("timestamp")) or ts
    data = _dict(payload.get("data"))
    message = _str(payload.get("message"))
    if category == "console":
        if not message and isinstance(data.get("arguments"), list):
            message = " ".join(_text(a, 500) for a in data["arguments"])
        return LogEntry("console", index, when, "sentry.breadcrumb", message, level=level or "log",
                        category=category, data=payload)
    if category == "navigation":
        to = _opt_str(data.get("to"))
        frm = _opt_str(data.get("from"))
        return LogEntry("navigation", index, when, "sentry.breadcrumb", f"{frm or '?'} -> {to or '?'}",
                        category=category, url=to, data=payload)
    if category in ("sentry.event", "replay.hydrate-error") or (level or "").lower() in ("error", "fatal"):
        text = message or category
        if category == "replay.hydrate-error":
            text = f"hydration error{' at ' + data['url'] if isinstance(data.get('url'), str) else ''}"
        return LogEntry("error", index, when, "sentry.breadcrumb", text, level=level or "error",
                        category=category, data=payload)
    return LogEntry("custom", index, when, "sentry.breadcrumb", message or category, level=level,
                    category=category, data=payload)


def _span(index: int, ts: float, payload: dict[str, Any]) -> LogEntry:
    op = _str(payload.get("op"))
    start = to_ms(payload.get("startTimestamp"))
    end = to_ms(payload.get("endTimestamp"))
    when = start if start is not None else ts
    duration = end - start if start is not None and end is not None else None
    desc = _str(payload.get("description"))
    data = _dict(payload.get("data"))
    if op.startswith("resource."):
        method = _opt_str(data.get("method"))
        status = _int(data.get("statusCode"))
        msg = f"{method or 'GET'} {desc}" + (f" -> {status}" if status is not None else "")
        return LogEntry("network", index, when, "sentry.span", msg, category=op, url=desc, method=method,
                        status=status, duration_ms=duration, data=payload)
    return LogEntry("custom", index, when, "sentry.span", op if desc == op else f"{op} {desc}".strip(), category=op,
                    duration_ms=duration, data=payload)


def parse_event(index: int, ev: dict[str, Any]) -> list[LogEntry]:
    """The non-DOM records of one event (none for DOM events)."""
    etype = ev.get("type")
    ts = to_ms(ev.get("timestamp")) or 0
    data = ev.get("data")
    if not isinstance(data, dict):
        return []
    if etype == _PLUGIN:
        plugin = _str(data.get("plugin"))
        payload = data.get("payload")
        if plugin.startswith("rrweb/console"):
            p = payload if isinstance(payload, dict) else {}
            level = _str(p.get("level"), "log")
            return [LogEntry("console", index, ts, plugin, _console_args(p.get("payload")), level=level,
                             data=p.get("trace"))]
        if plugin.startswith("rrweb/network"):
            return _network_plugin(index, ts, payload)
        return [LogEntry("custom", index, ts, plugin or "plugin", _text(payload, 300), category=plugin,
                         data=payload)]
    if etype == _CUSTOM:
        tag = _str(data.get("tag"))
        payload = data.get("payload")
        if tag == "breadcrumb" and isinstance(payload, dict):
            return [_breadcrumb(index, ts, payload)]
        if tag == "performanceSpan" and isinstance(payload, dict):
            return [_span(index, ts, payload)]
        if tag.lower() in ERROR_TAGS:
            return [LogEntry("error", index, ts, "custom", _text(payload, 500), level="error", category=tag,
                             data=payload)]
        return [LogEntry("custom", index, ts, "custom", _text(payload, 300), category=tag, data=payload)]
    if etype == _INCREMENTAL_SNAPSHOT and data.get("source") == _LOG:
        level = _str(data.get("level"), "log")
        return [LogEntry("console", index, ts, "rrweb/log", _console_args(data.get("payload")), level=level,
                         data=data.get("trace"))]
    return []


def sentry_errors(replay: ReplayCore) -> list[LogEntry]:
    """The Sentry error events sent with this replay (see the module doc). ``index`` is the number of recorded
    events at or before the error, so that it sorts after them."""
    import bisect

    meta = getattr(replay.source_info, "meta", None)
    if not isinstance(meta, dict) or not meta.get("errors"):
        return []
    replay_ids = set(meta.get("replay_ids") or ())
    error_ids = set(meta.get("error_ids") or ())
    timestamps = replay.timestamps
    out = []
    for err in meta["errors"]:
        if not isinstance(err, dict) or not (err.get("replay_id") in replay_ids or err.get("event_id") in error_ids):
            continue
        ts = err.get("timestamp")
        if not isinstance(ts, (int, float)):
            continue
        index = bisect.bisect_right(timestamps, ts)
        out.append(LogEntry("error", index, ts, "sentry.event", str(err.get("message") or "error"),
                            level=str(err.get("level") or "error"), category="sentry.event", url=err.get("url"),
                            data=err))
    return out


def _linked_id(entry: LogEntry) -> str | None:
    """The Sentry event id a ``sentry.event`` breadcrumb stands for."""
    data = entry.data.get("data") if isinstance(entry.data, dict) else None
    eid = data.get("eventId") if isinstance(data, dict) else None
    return eid if isinstance(eid, str) else None


_CACHE: weakref.WeakKeyDictionary[ReplayCore, list[LogEntry]] = weakref.WeakKeyDictionary()


def log_entries(replay: ReplayCore) -> list[LogEntry]:
    """Every non-DOM record of the replay, in time order (cached)."""
    found = _CACHE.get(replay)
    if found is None:
        found = []
        for i, ev in enumerate(replay.events):
            etype = ev["type"]
            if etype == _CUSTOM or etype == _PLUGIN or (etype == _INCREMENTAL_SNAPSHOT and isinstance(
                    ev.get("data"), dict) and ev["data"].get("source") == _LOG):
                found.extend(parse_event(i, ev))
        crumbs = {_linked_id(e) for e in found if e.kind == "error" and e.category == "sentry.event"}
        found.extend(e for e in sentry_errors(replay)
                     if not isinstance(e.data, dict) or e.data.get("event_id") not in crumbs)
        found.sort(key=lambda e: (e.timestamp, e.index))
        _CACHE[replay] = found
    return found
