"""JSON values to events: a list of events, the plain wrapper objects (``{"events": [...]}``, ``{"rrweb_data":
...}``, ``{"session": ..., "events": [...]}`` and the like), a list of Sentry segments, and each element (an event,
a packed event, a PostHog line or capture event) handed to the family that owns it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from .._protocol import EventType
from ..errors import DecodeError, describe_type
from .packer import _is_packed, _unpack
from .posthog import _decompress_cv, _is_legacy_line, _is_posthog_capture, _posthog_capture, _posthog_export
from .sentry import sentry_seconds
from .transport import _KNOWN, DEFAULT_WINDOW, Decoded, Event


def _is_event(value: Any) -> bool:
    return isinstance(value, Mapping) and "type" in value and "timestamp" in value


def _is_window_pair(value: Any) -> bool:
    return (isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], (str, int))
            and not isinstance(value[0], bool) and isinstance(value[1], dict))


def _json_format_name(value: Any) -> str:
    if isinstance(value, list):
        if value and all(isinstance(x, list) for x in value[:50]) and not _is_window_pair(value):
            return "Sentry segment list ([[events], ...])"
        if value and isinstance(value[0], str):
            return "rrweb packer v1 strings"
        if value and not _is_event(value[0]):
            return "JSON array"
        return "JSON array of rrweb events"
    if isinstance(value, dict):
        return "wrapper object"
    return "JSON string"


def _dispatch_value(value: Any, out: Decoded, where: str, window: str) -> None:
    """A whole decoded JSON document (or a caller's list / mapping). A string holding JSON text is decoded by
    :mod:`rrweb_py._formats.detect` before it comes here."""
    if isinstance(value, (list, tuple)):
        if _is_window_pair(value) and not (isinstance(value[0], str) and _is_packed(value[0])):
            _dispatch_element(value, out, where, window)  # one PostHog line on its own
            return
        if value and all(isinstance(x, list) for x in value) and not all(_is_window_pair(x) for x in value):
            out.note_format("Sentry segment list ([[events], ...])")
            for i, segment in enumerate(value):
                for j, ev in enumerate(segment):
                    _dispatch_element(ev, out, f"{where}[{i}][{j}]", window)
            return
        _dispatch_list(value, out, where, window)
        return
    if isinstance(value, Mapping):
        _dispatch_mapping(value, out, where, window)
        return
    if isinstance(value, str) and _is_packed(value):
        _dispatch_element(value, out, where, window)
        return
    msg = f"{_describe_json(value)} is not a recording: expected a JSON array of rrweb events ({_KNOWN})"
    raise DecodeError(msg, where)


def _dispatch_list(items: list[Any] | tuple[Any, ...], out: Decoded, where: str, window: str) -> None:
    """The elements of a list, in order. A plain event (a dict with ``type`` and ``timestamp`` that names no window,
    has no compressed fields and is no custom event), by far the most common element, goes to the window as it is,
    in runs; anything else through :func:`_dispatch_element`."""
    run: list[Event] = []
    for i, el in enumerate(items):
        if (type(el) is dict and "timestamp" in el and "type" in el and el["type"] != _CUSTOM and "cv" not in el
                and "windowId" not in el and "$window_id" not in el):
            run.append(el)
            continue
        if run:
            out.extend(window, run)
            run = []
        _dispatch_element(el, out, f"{where}[{i}]", window)
    if run:
        out.extend(window, run)


def _describe_json(value: Any) -> str:
    """A JSON value in a few words: ``a JSON number (42)``, ``an empty JSON object``, ``a JSON object with keys
    'a', 'b'``."""
    if isinstance(value, bool) or value is None:
        return f"JSON {orjson.dumps(value).decode()}"
    if isinstance(value, (int, float)):
        return f"a JSON number ({value!r})"
    if isinstance(value, str):
        return f"a JSON string ({value[:40]!r})"
    if isinstance(value, Mapping):
        keys = ", ".join(repr(k) for k in list(value)[:8])
        return f"a JSON object with keys {keys}" if value else "an empty JSON object"
    if isinstance(value, (list, tuple)):
        return f"a JSON array of {len(value)} elements" if value else "an empty JSON array"
    return describe_type(value)


_CUSTOM = int(EventType.CUSTOM)
_WRAPPER_KEYS = ("events", "rrweb_data", "recording", "rrwebEvents", "snapshots", "data")


def _dispatch_mapping(value: Mapping[str, Any], out: Decoded, where: str, window: str) -> None:
    if _is_event(value) or _is_posthog_capture(value) or _is_legacy_line(value):
        _dispatch_element(value, out, where, window)
        return
    by_window = value.get("snapshot_data_by_window_id")
    if isinstance(by_window, Mapping):
        out.note_format("PostHog snapshot_data_by_window_id")
        for wid, events in by_window.items():
            if isinstance(events, list):
                for i, ev in enumerate(events):
                    _dispatch_element(ev, out, f"{where}.snapshot_data_by_window_id[{wid!r}][{i}]", str(wid))
        return
    export = value.get("data")
    if isinstance(export, Mapping) and (isinstance(export.get("snapshotsByWindowId"), Mapping)
                                        or isinstance(export.get("snapshots"), list)):
        _posthog_export(value, export, out, where, _dispatch_element)
        return
    batch = value.get("batch")
    if isinstance(batch, list):
        out.note_format("PostHog capture batch")
        for i, ev in enumerate(batch):
            _dispatch_element(ev, out, f"{where}.batch[{i}]", window)
        return
    segments = value.get("data")
    if (isinstance(segments, list) and segments and isinstance(segments[0], Mapping)
            and "segmentId" in segments[0] and "type" not in segments[0]):
        msg = ("this is Sentry's list of recording segments without their events (the older API's answer without "
               "?download): download the segments themselves (GET .../recording-segments/?download)")
        raise DecodeError(msg, where)
    for key in _WRAPPER_KEYS:
        inner = value.get(key)
        if isinstance(inner, list):
            _session_meta(value, out)
            _dispatch_value(inner, out, f"{where}.{key}", window)
            return
    if isinstance(value.get("session"), Mapping) and isinstance(value["session"].get("events"), list):
        _dispatch_value(value["session"]["events"], out, f"{where}.session.events", window)
        return
    msg = f"{_describe_json(value)} is not a recording: expected a JSON array of rrweb events ({_KNOWN})"
    raise DecodeError(msg, where)


def _session_meta(value: Mapping[str, Any], out: Decoded) -> None:
    session = value.get("session")
    if isinstance(session, Mapping):
        for key in ("id", "session_id", "sessionId"):
            if isinstance(session.get(key), (str, int)):
                out.meta_list("session_ids", session[key])
    elif isinstance(session, (str, int)) and not isinstance(session, bool):
        out.meta_list("session_ids", session)


def _dispatch_element(el: Any, out: Decoded, where: str, window: str, nested: bool = False) -> None:
    """One element of a list or one line: an event, a packed event, a PostHog line or a capture event (the
    events inside a PostHog line or capture event are events, not further containers)."""
    if isinstance(el, Mapping):
        if "type" in el and "timestamp" in el:
            wid = el.get("windowId", el.get("$window_id"))
            if wid is not None and not isinstance(wid, bool) and isinstance(wid, (str, int)):
                out.note_format("PostHog snapshot lines ([windowId, event] / {windowId, ...} / {window_id, data})")
                window = str(wid)
            ev = _fix_event(el, out, where)
            if ev is not None:
                out.add(window, ev)
            return
        if _is_legacy_line(el) and not nested:
            out.note_format("PostHog snapshot lines ([windowId, event] / {windowId, ...} / {window_id, data})")
            raw_wid = el.get("window_id", el.get("windowId"))
            wid = str(raw_wid) if raw_wid is not None else DEFAULT_WINDOW
            for i, ev in enumerate(el["data"]):
                _dispatch_element(ev, out, f"{where}.data[{i}]", wid, nested=True)
            return
        if _is_posthog_capture(el) and not nested:
            _posthog_capture(el, out, where, window, _dispatch_element)
            return
        out.add(window, el)  # normalize_events reports what is missing
        return
    if _is_window_pair(el):
        out.note_format("PostHog snapshot lines ([windowId, event] / {windowId, ...} / {window_id, data})")
        ev = _fix_event(el[1], out, f"{where}[1]")
        if ev is not None:
            out.add(str(el[0]), ev)
        return
    if isinstance(el, str) and _is_packed(el):
        packed = _unpack(el, out, where)
        ev = _fix_event(packed, out, where) if packed is not None else None
        if ev is not None:
            out.add(window, ev)
        return
    out.add(window, el)


def _fix_event(ev: Mapping[str, Any], out: Decoded, where: str) -> Event | None:
    """PostHog's compressed fields inflated; Sentry's seconds made milliseconds. The input is never changed."""
    result: Any = ev
    if "cv" in ev:
        result = _decompress_cv(ev, out, where)
        if result is None:
            return None
    result = sentry_seconds(result, out)
    if not isinstance(result, dict):
        result = dict(result)
    return result  # type: ignore[no-any-return]
