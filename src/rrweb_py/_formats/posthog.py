"""PostHog: snapshot lines' and capture events' shapes, ``$snapshot`` capture events, "Export to file" JSON,
form-encoded capture bodies (base64 or LZString lz64), ``cv: "2024-10"`` compressed events and snappy blocks.

The events inside a capture event or an export are handed to the ``element`` callback, and decoded text to the
``decode_bytes`` / ``decode_stream`` callbacks of :mod:`rrweb_py._formats.detect`, so this module imports nothing
above the transport."""

from __future__ import annotations

import base64
import binascii
import io
import urllib.parse
from collections.abc import Callable, Mapping
from typing import IO, Any

from .._protocol import EventType, IncrementalSource
from ..errors import DecodeError, describe_type
from . import transport
from .transport import DEFAULT_WINDOW, Decoded, ElementSink, Event, _Bomb, _label, _loads, inflate

#: how decoded text is handed back to :mod:`rrweb_py._formats.detect`
DecodeBytes = Callable[[bytes, Decoded, str, int], None]
DecodeStream = Callable[[IO[bytes], Decoded, str], None]


def _is_posthog_capture(value: Any) -> bool:
    return isinstance(value, Mapping) and isinstance(value.get("event"), str) and "properties" in value


def _is_legacy_line(value: Any) -> bool:
    return (isinstance(value, Mapping) and isinstance(value.get("data"), list)
            and ("window_id" in value or "windowId" in value) and "type" not in value)


def _posthog_capture(el: Mapping[str, Any], out: Decoded, where: str, window: str, element: ElementSink) -> None:
    props = el.get("properties")
    if el.get("event") != "$snapshot" or not isinstance(props, Mapping):
        out.meta["ignored_capture_events"] = out.meta.get("ignored_capture_events", 0) + 1
        return
    out.note_format("PostHog $snapshot capture events")
    raw_wid = props.get("$window_id")
    wid = str(raw_wid) if isinstance(raw_wid, (str, int)) and not isinstance(raw_wid, bool) else window
    sid = props.get("$session_id")
    if isinstance(sid, str):
        out.meta_list("session_ids", sid)
    data = props.get("$snapshot_data")
    if isinstance(data, Mapping):
        data = [data]
    if not isinstance(data, list):
        out.issue("undecodable-event", where, f"$snapshot_data is {describe_type(data)}, not a list of events")
        return
    for i, ev in enumerate(data):
        element(ev, out, f"{where}.properties.$snapshot_data[{i}]", wid, True)


_POSTHOG_EXPORTS = ("2022-12-02", "2023-04-28")


def _posthog_export(value: Mapping[str, Any], export: Mapping[str, Any], out: Decoded, where: str,
                    element: ElementSink) -> None:
    """PostHog's "Export to file" JSON (frontend ``file-playback/types``): ``{"version": "2022-12-02", "data":
    {"person", "snapshotsByWindowId": {windowId: [events]}}}`` or ``{"version": "2023-04-28", "data": {"id",
    "person", "snapshots": [event + windowId]}}``."""
    version = value.get("version")
    out.note_format(f"PostHog export file ({version})")
    if version not in _POSTHOG_EXPORTS:
        out.issue("unknown-version", where, f"PostHog export version {version!r} (known: {', '.join(_POSTHOG_EXPORTS)}); "
                  "read as the version its data looks like")
    sid = export.get("id")
    if isinstance(sid, str) and sid:
        out.meta_list("session_ids", sid)
    by_window = export.get("snapshotsByWindowId")
    if isinstance(by_window, Mapping):
        for wid, events in by_window.items():
            if not isinstance(events, list):
                out.issue("undecodable-event", f"{where}.data.snapshotsByWindowId[{wid!r}]",
                          f"the snapshots of window {wid!r} are {describe_type(events)}, not a list; skipped")
                continue
            for i, ev in enumerate(events):
                element(ev, out, f"{where}.data.snapshotsByWindowId[{wid!r}][{i}]", str(wid), True)
        return
    for i, ev in enumerate(export["snapshots"]):
        element(ev, out, f"{where}.data.snapshots[{i}]", DEFAULT_WINDOW, True)


def _posthog_form(raw: bytes, out: Decoded, where: str, depth: int, decode_bytes: DecodeBytes) -> None:
    """A capture request body posthog-js sent form-encoded: ``data=<urlencoded payload>`` with an optional
    ``&compression=lz64|base64``; the payload is base64 of the JSON (posthog-js ``compression=base64``, and its
    older default), LZString's ``compressToBase64`` of it (``lz64``, older posthog-js), or the JSON itself."""
    try:
        form = urllib.parse.parse_qs(raw.decode("ascii").strip(), keep_blank_values=True, strict_parsing=True)
    except (UnicodeDecodeError, ValueError) as exc:
        msg = f"{_label(where)} starts like a form-encoded PostHog capture body (data=...) but is not one: {exc}"
        raise DecodeError(msg) from None
    data = (form.get("data") or [""])[0].strip()
    compression = (form.get("compression") or [""])[0]
    out.note_format("PostHog capture body (form-encoded data=)")
    if data[:1] in ("[", "{"):
        text = data.encode("utf-8", "surrogatepass")
    elif compression == "lz64":
        out.note_format("PostHog lz64 (LZString base64)")
        text = lz_decompress_base64(data).encode("utf-8", "surrogatepass")
    else:
        try:
            # '+' arrives as ' ' when the body was form-decoded once already
            text = base64.b64decode(data.replace(" ", "+"), validate=True)
        except (binascii.Error, ValueError) as exc:
            msg = (f"{_label(where)}: the data= field of a PostHog capture body is not base64 "
                   f"(compression={compression or 'none'}): {exc}")
            raise DecodeError(msg) from None
    if depth >= 3:
        msg = f"{_label(where)} is encoded more than 3 times over"
        raise DecodeError(msg)
    decode_bytes(text, out, where, depth + 1)


_LZ_BASE64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")}


def lz_decompress_base64(data: str) -> str:
    """LZString's ``decompressFromBase64`` (the lz-string 1.x algorithm: an LZW variant whose codes grow from 2
    bits, 6 bits per base64 character). Raises :class:`DecodeError` on data it does not decode."""
    values = [_LZ_BASE64.get(c, 0) for c in data]
    if not values:
        return ""
    n = len(values)
    val, position, index = values[0], 32, 1

    def bits(count: int) -> int:
        nonlocal val, position, index
        result, power = 0, 1
        for _ in range(count):
            if val & position:
                result |= power
            position >>= 1
            if not position:
                position = 32
                val = values[index] if index < n else 0
                index += 1
            power <<= 1
        return result

    dictionary: list[str] = ["", "", ""]
    enlarge_in, num_bits = 4, 3
    kind = bits(2)
    if kind == 2:
        return ""
    if kind not in (0, 1):
        msg = "lz64 data that does not start with a character code"
        raise DecodeError(msg)
    w = chr(bits(8 if kind == 0 else 16))
    dictionary.append(w)
    result = [w]
    size = 0
    while True:
        if index > n:
            msg = "lz64 data ends without its end mark (cut off?)"
            raise DecodeError(msg)
        code = bits(num_bits)
        if code in (0, 1):
            dictionary.append(chr(bits(8 if code == 0 else 16)))
            code = len(dictionary) - 1
            enlarge_in -= 1
        elif code == 2:
            return "".join(result).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        if enlarge_in == 0:
            enlarge_in = 1 << num_bits
            num_bits += 1
        if code < len(dictionary):
            entry = dictionary[code]
        elif code == len(dictionary):
            entry = w + w[0]
        else:
            msg = f"lz64 data refers to entry {code} of a dictionary of {len(dictionary)}"
            raise DecodeError(msg)
        result.append(entry)
        size += len(entry)
        if size > transport.MAX_EVENT_BYTES:
            msg = f"lz64 data inflates past {transport.MAX_EVENT_BYTES} bytes (decompression bomb guard)"
            raise _Bomb(msg)
        dictionary.append(w + entry[0])
        enlarge_in -= 1
        w = entry
        if enlarge_in == 0:
            enlarge_in = 1 << num_bits
            num_bits += 1


_CV_FIELDS = {int(IncrementalSource.MUTATION): ("adds", "removes", "texts", "attributes"),
              int(IncrementalSource.STYLE_SHEET_RULE): ("adds", "removes")}


def _decompress_cv(ev: Mapping[str, Any], out: Decoded, where: str) -> Event | None:
    cv = ev.get("cv")
    if cv != "2024-10":
        out.issue("unknown-version", where, f"unknown PostHog compression version cv={cv!r}; the event is kept as is")
        return dict(ev)
    out.note_format("PostHog cv 2024-10 compressed events")
    try:
        result = {k: v for k, v in ev.items() if k != "cv"}
        data = ev.get("data")
        if ev.get("type") == EventType.FULL_SNAPSHOT and isinstance(data, str):
            result["data"] = _gunzip_field(data, where, out)
        elif ev.get("type") == EventType.INCREMENTAL_SNAPSHOT and isinstance(data, Mapping):
            source = data.get("source")
            fields = _CV_FIELDS.get(source, ()) if type(source) is int else ()
            new = dict(data)
            for key in fields:
                if isinstance(new.get(key), str):
                    new[key] = _gunzip_field(new[key], f"{where}.data.{key}", out)
            result["data"] = new
        return result
    except DecodeError as exc:
        out.issue("undecodable-event", where, f"a compressed PostHog field did not decode ({exc.reason}); event skipped")
        return None


def _gunzip_field(text: str, where: str, out: Decoded) -> Any:
    if text.startswith("H4sI"):
        try:
            raw = base64.b64decode(text, validate=False)
        except (binascii.Error, ValueError) as exc:
            msg = f"bad base64: {exc}"
            raise DecodeError(msg, where) from None
    else:
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            msg = "a compressed field holds characters beyond latin-1"
            raise DecodeError(msg, where) from None
    if raw[:2] != b"\x1f\x8b":
        msg = "a compressed field is not gzip data"
        raise DecodeError(msg, where)
    inflated, _ = inflate(raw, transport.MAX_EVENT_BYTES, where)
    return _loads(inflated, where, out)


def _try_snappy(raw: bytes, out: Decoded, where: str, decode_stream: DecodeStream) -> bool:
    """PostHog's session batch blocks: 4-byte big-endian length + raw snappy block, repeated; or one raw block."""
    blocks = _length_prefixed(raw)
    candidates = blocks if blocks else [raw]
    if not all(_snappy_length(b) is not None for b in candidates):
        return False
    try:
        import cramjam  # an optional dependency
    except ImportError:
        msg = (f"{where} looks like snappy-compressed PostHog blocks, which need the optional 'cramjam' package "
               "(pip install cramjam)")
        raise DecodeError(msg) from None
    texts = []
    total = 0
    for block in candidates:
        size = _snappy_length(block)
        assert size is not None
        total += size
        if size > transport.MAX_TEXT_BYTES or total > transport.MAX_TEXT_BYTES:
            msg = f"snappy data in {where} inflates past {transport.MAX_TEXT_BYTES} bytes (decompression bomb guard)"
            raise _Bomb(msg)
        try:
            texts.append(bytes(cramjam.snappy.decompress_raw(block)))
        except Exception as exc:  # noqa: BLE001 - cramjam raises its own error types
            if not blocks:
                return False
            msg = f"corrupt snappy block in {where}: {exc}"
            raise DecodeError(msg) from None
    text = b"\n".join(texts)
    if not text.lstrip()[:1] in (b"[", b"{"):
        return False
    out.note_format("PostHog snappy blocks (needs cramjam)")
    decode_stream(io.BytesIO(text), out, where)
    return True


def _length_prefixed(raw: bytes) -> list[bytes]:
    blocks = []
    pos = 0
    while pos < len(raw):
        if pos + 4 > len(raw):
            return []
        n = int.from_bytes(raw[pos:pos + 4], "big")
        if n == 0 or pos + 4 + n > len(raw):
            return []
        blocks.append(raw[pos + 4:pos + 4 + n])
        pos += 4 + n
    return blocks


def _snappy_length(block: bytes) -> int | None:
    """The uncompressed length a raw snappy block announces (its leading varint), or None if it has none."""
    value = 0
    for i, byte in enumerate(block[:5]):
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            return value if len(block) > i + 1 else None
    return None
