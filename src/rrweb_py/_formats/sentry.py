"""Sentry Session Replay: envelopes, recording segments (a ``{"segment_id": N}`` header line, then zlib or raw JSON,
optionally Sentry's packed rrweb+video blob), the replay and error events sent with them, and the seconds of
Sentry's custom events. The events of a segment are handed to the ``element`` callback (the dispatch of
:mod:`rrweb_py._formats.wrappers`), so this module imports nothing above the transport."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import orjson

from .._protocol import EventType
from .._store import loads_json as _json
from ..errors import DecodeError, describe_type
from . import transport
from .transport import DEFAULT_WINDOW, Decoded, ElementSink, _Bomb, _peek, _Reader, inflate

_CUSTOM = int(EventType.CUSTOM)


SENTRY_TAGS = frozenset({"breadcrumb", "performanceSpan", "options", "video"})


_SECONDS_BELOW = 1e11  # an epoch timestamp below this is in seconds (1e11 ms is 1973; 1e11 s is year 5138)



def sentry_seconds(event: Any, out: Decoded) -> Any:
    """A Sentry custom event (type 5, a Sentry tag) whose outer timestamp is in seconds, in milliseconds (a new dict:
    the input is never changed); any other event as given."""
    if event.get("type") == _CUSTOM:
        data = event.get("data")
        tag = data.get("tag") if isinstance(data, Mapping) else None
        if isinstance(tag, str) and tag in SENTRY_TAGS:
            out.note_format("Sentry custom events")
            ts = event.get("timestamp")
            if (isinstance(ts, (int, float)) and not isinstance(ts, bool)
                    and 0 < ts < _SECONDS_BELOW):
                return {**event, "timestamp": round(ts * 1000, 3)}
    return event


def _is_envelope_header(first: Mapping[str, Any]) -> bool:
    return "type" not in first and "timestamp" not in first and (
        "event_id" in first or "sent_at" in first or "dsn" in first or "sdk" in first or not first)


def _sentry_envelope(header: Mapping[str, Any], reader: _Reader, out: Decoded, name: str,
                     element: ElementSink) -> None:
    """``header\\n`` then items: ``{"type": ..., "length": N}\\n`` + payload (N bytes, or up to the newline)."""
    out.note_format("Sentry envelope")
    if isinstance(header.get("event_id"), str):
        out.meta_list("replay_ids", header["event_id"])
    n = 0
    while True:
        line = reader.readline()
        if line is None:
            break
        if not line.strip():
            continue
        n += 1
        where = f"{name} item {n}"
        try:
            item = _json(line)
        except orjson.JSONDecodeError as exc:
            out.issue("skipped-line", where, f"the item header is not JSON: {exc}")
            break
        if not isinstance(item, dict):
            out.issue("skipped-line", where, "the item header is not an object")
            break
        length = item.get("length")
        if type(length) is int and 0 <= length <= transport.MAX_TEXT_BYTES:
            payload = reader.read_exact(length)
            if len(payload) < length:
                out.issue("truncated-input", where, f"the payload has {len(payload)} of {length} bytes; skipped")
                break
            # the newline after a payload is optional
            nxt = _peek(reader.stream)[:1]
            if nxt == b"\n":
                reader.read_exact(1)
        else:
            payload = reader.readline() or b""
        kind = item.get("type")
        if kind == "replay_recording":
            _sentry_recording(payload, out, where, element)
        elif kind == "replay_event":
            _sentry_replay_event(payload, out)
        elif kind == "event":
            _sentry_error_event(payload, out)
        else:
            out.meta["ignored_envelope_items"] = out.meta.get("ignored_envelope_items", 0) + 1
    if reader.truncated is not None:
        out.issue("truncated-input", name, reader.truncated.reason)


def _json_object(payload: bytes) -> dict[str, Any] | None:
    """An envelope item's JSON object, or ``None`` when it is not one (such items carry nothing we read)."""
    try:
        info = _json(payload)
    except orjson.JSONDecodeError:
        return None
    return info if isinstance(info, dict) else None


def _sentry_replay_event(payload: bytes, out: Decoded) -> None:
    info = _json_object(payload)
    if info is None:
        return
    if isinstance(info.get("replay_id"), str):
        out.meta_list("replay_ids", info["replay_id"])
    for url in info.get("urls") or []:
        if isinstance(url, str):
            out.meta_list("urls", url)
    if isinstance(info.get("replay_type"), str):
        out.meta.setdefault("replay_type", info["replay_type"])
    for eid in info.get("error_ids") or []:
        if isinstance(eid, str):
            out.meta_list("error_ids", eid)


def _sentry_error_event(payload: bytes, out: Decoded) -> None:
    """An error event sent with the replay: kept in ``meta["errors"]`` (a few fields) for the analyses."""
    info = _json_object(payload)
    if info is None:
        return
    contexts = info.get("contexts")
    replay = contexts.get("replay") if isinstance(contexts, dict) else None
    ts: Any = info.get("timestamp")
    if isinstance(ts, str):
        try:
            ts = dt.datetime.fromisoformat(ts).timestamp()
        except ValueError:
            return
    if isinstance(ts, bool) or not isinstance(ts, (int, float)):
        return
    message = info.get("message") if isinstance(info.get("message"), str) else ""
    exception = info.get("exception")
    values = exception.get("values") if isinstance(exception, dict) else None
    if isinstance(values, list) and values and isinstance(values[-1], dict):
        exc = values[-1]
        message = ": ".join(str(exc[k]) for k in ("type", "value") if isinstance(exc.get(k), str)) or message
    request = info.get("request")
    url = request.get("url") if isinstance(request, dict) else None
    out.meta_list("errors", {
        "event_id": info.get("event_id") if isinstance(info.get("event_id"), str) else None,
        "replay_id": replay.get("replay_id") if isinstance(replay, dict) else None,
        "timestamp": ts * 1000 if ts < _SECONDS_BELOW else ts,
        "level": info.get("level") if isinstance(info.get("level"), str) else "error",
        "message": str(message)[:2000],
        "url": url if isinstance(url, str) else None,
    })


def _sentry_recording(payload: bytes, out: Decoded, where: str, element: ElementSink) -> None:
    header, sep, body = payload.partition(b"\n")
    try:
        head = _json(header)
    except orjson.JSONDecodeError:
        head = None
    if not sep or not isinstance(head, dict) or type(head.get("segment_id")) is not int:
        out.issue("undecodable-event", where, "a replay_recording without a {segment_id} header line; skipped")
        return
    _sentry_segment_body(head, body, out, f"{where} segment {head['segment_id']}", element)


def _sentry_segment_body(head: Mapping[str, Any], body: bytes, out: Decoded, where: str,
                         element: ElementSink) -> None:
    out.note_format("Sentry recording segment ({segment_id} header + zlib/raw JSON)")
    seg = head["segment_id"]
    out.meta_list("segment_ids", seg)
    try:
        raw, kind = inflate(body, None, where)
    except _Bomb:
        raise
    except DecodeError as exc:
        out.issue("undecodable-event", where, f"the segment body did not inflate ({exc.reason}); segment skipped")
        return
    if kind:
        out.note_format(kind)
    raw = _unpack_video(raw)
    out.text_bytes += len(raw)
    try:
        events = _json(raw)
    except orjson.JSONDecodeError as exc:
        out.issue("undecodable-event", where, f"the segment body is not JSON ({exc}); segment skipped")
        return
    if not isinstance(events, list):
        out.issue("undecodable-event", where, f"the segment body is {describe_type(events)}, not a list; skipped")
        return
    for i, ev in enumerate(events):
        element(ev, out, f"{where} $[{i}]", DEFAULT_WINDOW, False)


def _unpack_video(raw: bytes) -> bytes:
    """Sentry's stored blob with video: type byte 0 (rrweb), or 1 + 4-byte big-endian video length + video."""
    if raw[:1] == b"\x00":
        return raw[1:]
    if raw[:1] == b"\x01" and len(raw) >= 5:
        n = int.from_bytes(raw[1:5], "big")
        return raw[5 + n:]
    return raw
