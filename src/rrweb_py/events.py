"""Bytes, text, paths or iterables in; a validated, time-sorted tuple of rrweb event dicts out.

This is the one place input containers are recognised. Events stay the plain dicts the JSON decoder made; the
engine never mutates them. Only the envelope is checked here (a list of objects with an integer ``type`` and a
finite numeric ``timestamp``); payloads are checked where they are applied, so that a bad entry costs only itself.
"""

from __future__ import annotations

import gc
import gzip
import math
import os
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from .errors import DecodeError, InvalidArgument, describe_type

Event = dict[str, Any]

#: refuse to inflate compressed input past this many bytes (a decompression bomb guard)
MAX_DECOMPRESSED_BYTES = 4 * 1024**3
_MAX_TIMESTAMP = 1e15  # ms; year ~33,000


def read_source(source: Any) -> Any:
    """Turn a path, bytes or str into decoded JSON; pass lists and other iterables of events through."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        path = Path(source)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            msg = f"cannot read {path}: {exc.strerror or exc}"
            raise InvalidArgument(msg) from exc
        return decode_bytes(raw)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return decode_bytes(bytes(source))
    if isinstance(source, str):
        return decode_bytes(source.encode("utf-8"))
    if isinstance(source, Mapping):
        return source
    if isinstance(source, Iterable):
        return list(source)
    msg = f"load() takes a path, JSON bytes/str or an iterable of event dicts, got {describe_type(source)}"
    raise InvalidArgument(msg)


def _looks_like_path(text: str) -> bool:
    stripped = text.lstrip()
    return not stripped.startswith(("[", "{")) and len(text) < 4096 and "\n" not in text


def decode_bytes(raw: bytes) -> Any:
    """Decompress (gzip, zlib) if needed, then parse JSON with the cyclic GC paused."""
    raw = _inflate(raw)
    enabled = gc.isenabled()
    gc.disable()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc}"
        raise DecodeError(msg) from None
    finally:
        if enabled:
            gc.enable()
    # The decoded events are many long-lived containers without cycles: keep the cyclic collector from
    # walking them again and again (they are still freed by reference counting when dropped).
    gc.freeze()
    return data


def _inflate(raw: bytes) -> bytes:
    if raw[:2] == b"\x1f\x8b":
        return _bounded(zlib.decompressobj(16 + zlib.MAX_WBITS), raw, "gzip")
    if len(raw) >= 2 and raw[0] == 0x78 and (raw[0] * 256 + raw[1]) % 31 == 0:
        return _bounded(zlib.decompressobj(), raw, "zlib")
    return raw


def _bounded(decomp: Any, raw: bytes, kind: str) -> bytes:
    try:
        out = decomp.decompress(raw, MAX_DECOMPRESSED_BYTES)
    except zlib.error as exc:
        msg = f"corrupt {kind} data: {exc}"
        raise DecodeError(msg) from None
    if decomp.unconsumed_tail:
        msg = f"{kind} data inflates past {MAX_DECOMPRESSED_BYTES} bytes (decompression bomb guard)"
        raise DecodeError(msg)
    if kind == "gzip" and not decomp.eof:
        msg = "truncated gzip data"
        raise DecodeError(msg)
    return bytes(out)


def gunzip(raw: bytes) -> bytes:
    """gzip.decompress with the bomb guard (kept for callers that know the container)."""
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return _bounded(zlib.decompressobj(16 + zlib.MAX_WBITS), raw, "gzip")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:  # pragma: no cover - zlib reports these itself
        raise DecodeError(str(exc)) from None


def normalize_events(data: Any) -> tuple[Event, ...]:
    """Validate the envelope of every event and sort stably by timestamp.

    Accepts a JSON array of events or an object with an ``events`` list.
    """
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
    for i, ev in enumerate(data):
        if not isinstance(ev, dict):
            msg = f"expected an event object, got {describe_type(ev)}"
            raise DecodeError(msg, f"$[{i}]")
        etype = ev.get("type")
        if type(etype) is not int:
            msg = f"expected int, got {describe_type(etype)}"
            raise DecodeError(msg, f"$[{i}].type")
        ts = ev.get("timestamp")
        if type(ts) is not int and (type(ts) is not float or not math.isfinite(ts)):
            msg = f"expected a finite number (epoch ms), got {describe_type(ts)} {ts!r}"[:200]
            raise DecodeError(msg, f"$[{i}].timestamp")
        if not -_MAX_TIMESTAMP < ts < _MAX_TIMESTAMP:
            msg = f"timestamp {ts!r} is out of range for epoch milliseconds"
            raise DecodeError(msg, f"$[{i}].timestamp")
    if not data:
        msg = "the recording has no events"
        raise DecodeError(msg)
    ordered = data
    for a, b in zip(data, data[1:]):  # noqa: RUF007 - cheap check before sorting
        if b["timestamp"] < a["timestamp"]:
            ordered = sorted(data, key=_ts)
            break
    return tuple(ordered)


def _ts(ev: Event) -> float:
    return ev["timestamp"]  # type: ignore[no-any-return]


def load_events(source: Any) -> tuple[Event, ...]:
    """Read ``source`` (see :func:`rrweb_py.load`) into validated, time-ordered events."""
    return normalize_events(read_source(source))
