"""Every real-world container of rrweb events, recognised by content and decoded into windows of events.

:func:`decode` takes what :func:`rrweb_py.load` takes (a path, a directory, a list of paths, bytes, text, a mapping or
an iterable of event dicts) and returns :class:`Decoded`: the events of each window (browser tab) in input order,
the names of the containers it recognised, what it had to skip, and per-format notes (Sentry's replay id and
segment ids, PostHog's session ids, the front-tab timeline of a multi-window recording). Validation of the events'
envelope and the time sort stay in :func:`rrweb_py._events.normalize_events`.

Recognised (docs/formats.md has the sources):

* a JSON array of events; ``{"events": [...]}``, ``{"rrweb_data": [...]}``, ``{"session": ..., "events": [...]}``
  and similar wrappers; a list of Sentry segments (``[[events], [events]]``); JSON Lines; gzip and zlib files;
* rrweb's packer (``@rrweb/packer`` v1: each event a zlib-compressed latin-1 string);
* Sentry Session Replay: envelopes, recording segments (a ``{"segment_id": N}`` header line, then zlib or raw
  JSON, optionally Sentry's packed rrweb+video blob), several segments stitched by segment id; Sentry's custom
  events keep their tags, and their outer timestamps given in seconds (``performanceSpan``) become milliseconds;
  error ``event`` items sent with the replay are kept in ``meta["errors"]`` (id, replay id, ms timestamp, level,
  message, URL) and the replay events' ``error_ids`` in ``meta["error_ids"]``;
* PostHog: ``[windowId, event]`` lines, ``{"windowId": ...}`` events, legacy ``{"window_id", "data": [...]}``
  lines, ``$snapshot`` capture events, ``cv: "2024-10"`` compressed events (gzip as a latin-1 or base64 string),
  length-prefixed or raw snappy blocks (with the optional ``cramjam`` package), "Export to file" JSON (versions
  ``2022-12-02`` and ``2023-04-28``), form-encoded capture bodies (``data=`` base64 or lz64);
* UTF-16 text and UTF-8 text with a byte-order mark, read as UTF-8.

Streaming: files are read in chunks. JSON Lines and the other line formats are decoded a line at a time, and a
top-level JSON array is decoded one element at a time, so the text is never held whole next to the decoded events
(a wrapper object and a Sentry segment body are parsed whole). Compressed files are inflated as they are read.

Caps (module constants, :class:`~rrweb_py.errors.DecodeError` past them): :data:`MAX_TEXT_BYTES` of text in all
(after inflation: the decompression-bomb guard), :data:`MAX_EVENT_BYTES` for one line, one array element or one
compressed field. Any depth of nesting: what orjson refuses for depth is parsed by :mod:`rrweb_py._json`'s
explicit-stack parser, and the engine walks everything iteratively.

Failures say what happened: an unusable input is a :class:`~rrweb_py.errors.DecodeError` of one sentence naming the
file; damage that leaves events (a cut-off end, a broken line, a file of a folder that is not a part) is an
:class:`InputIssue` saying where, which :func:`rrweb_py.load` makes an anomaly.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import datetime as dt
import io
import math
import os
import re
import urllib.parse
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import attrs
import orjson

from .. import _json as _json_mod
from .._store import KEEP_MODES, SPILL_ABOVE_BYTES, EventStore
from .._store import loads_json as _json
from ..errors import DecodeError, InvalidArgument, StoreError, describe_type

Event = dict[str, Any]

#: inflate at most this many bytes of compressed input, and read at most this much text in all
MAX_TEXT_BYTES = 4 * 1024**3
#: one JSON line, one top-level array element or one compressed field (packed event, ``cv`` field) at most
MAX_EVENT_BYTES = 512 * 1024**2
#: files are read (and inflated) this much at a time
CHUNK_BYTES = 1024**2
#: files smaller than this that hold one JSON document are parsed whole (faster); larger ones are streamed
STREAM_ABOVE_BYTES = 64 * 1024**2

#: the window id of events whose container names no window
DEFAULT_WINDOW = ""

#: the containers recognised (what ``source_info.formats`` names come from)
FORMATS = (
    "JSON array of rrweb events",
    "wrapper object ({events|rrweb_data|recording|snapshots|snapshot_data_by_window_id: ...})",
    "JSON Lines",
    "gzip",
    "zlib",
    "rrweb packer v1 strings",
    "Sentry envelope",
    "Sentry recording segment ({segment_id} header + zlib/raw JSON)",
    "Sentry segment list ([[events], ...])",
    "PostHog snapshot lines ([windowId, event] / {windowId, ...} / {window_id, data})",
    "PostHog $snapshot capture events",
    "PostHog snappy blocks (needs cramjam)",
    "PostHog export file (versions 2022-12-02, 2023-04-28)",
    "PostHog capture body (form-encoded data=, base64 or lz64)",
    "UTF-16 text",
)

SENTRY_TAGS = frozenset({"breadcrumb", "performanceSpan", "options", "video"})
_SECONDS_BELOW = 1e11  # an epoch timestamp below this is in seconds (1e11 ms is 1973; 1e11 s is year 5138)
# IncrementalSnapshot sources a user causes in the tab they look at: MouseMove, MouseInteraction, Scroll, Input,
# TouchMove, Drag, Selection.
_FOREGROUND_SOURCES = frozenset({1, 2, 3, 5, 6, 12, 14})
_WS = b" \t\r\n"
_ZLIB_SECOND = (0x01, 0x5E, 0x9C, 0xDA)


@attrs.frozen
class InputIssue:
    """Something in the container that was skipped or could not be trusted; the rest was kept.

    ``kind``: ``skipped-line``, ``truncated-input``, ``skipped-file``, ``undecodable-event``, ``unknown-version``,
    ``duplicate-segment``. ``where``: the input location (``file:line``, ``$[3]``, ``segment 2``).
    """

    kind: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind} at {self.where}: {self.detail}"


@attrs.define(repr=False)
class Decoded:
    """The events of each window in input order, and what the decoder learnt about the input."""

    windows: dict[str, list[Event] | EventStore] = attrs.Factory(dict)
    formats: list[str] = attrs.Factory(list)
    issues: list[InputIssue] = attrs.Factory(list)
    meta: dict[str, Any] = attrs.Factory(dict)
    #: where events are kept: ``memory`` (lists), ``disk`` (an :class:`EventStore` per window) or ``auto`` (windows
    #: move to stores once more than :data:`~rrweb_py._store.SPILL_ABOVE_BYTES` of text has been decoded)
    store: str = "auto"
    #: bytes of text decoded so far (for the parts of a recording: in all the parts decoded so far)
    text_bytes: int = 0
    #: told ``(bytes read, file size)`` as each file is read (``None``: not told)
    progress: Callable[[int, int], None] | None = None
    #: the path read, when the input was one (errors found later name it)
    source: str = ""

    def __repr__(self) -> str:
        windows = ", ".join(f"{wid!r}: {len(events)} events" for wid, events in self.windows.items())
        return (f"<Decoded {self.formats!r}, windows {{{windows}}}, {len(self.issues)} issues, "
                f"meta keys {sorted(self.meta)!r}>")

    def note_format(self, name: str) -> None:
        if name not in self.formats:
            self.formats.append(name)

    def add(self, window: str, event: Any) -> None:
        bucket = self.windows.get(window)
        if bucket is None:
            bucket = self.windows[window] = []
            if self.store == "disk":
                bucket = self._spill(window, bucket)
        if type(bucket) is list and self.store == "auto" and self.text_bytes > SPILL_ABOVE_BYTES:
            bucket = self._spill(window, bucket)
        bucket.append(event)

    def extend(self, window: str, events: list[Event] | EventStore) -> None:
        bucket = self.windows.get(window)
        if bucket is None:
            self.windows[window] = events
            return
        if type(bucket) is list and (isinstance(events, EventStore) or (
                self.store == "auto" and self.text_bytes > SPILL_ABOVE_BYTES)):
            bucket = self._spill(window, bucket)
        bucket.extend(events)

    def expect_text(self, size: int) -> None:
        """The input being decoded holds at least ``size`` bytes of text (a big file about to be streamed): so that
        ``auto`` keeps its events on disk from the first one."""
        self.text_bytes = max(self.text_bytes, size)

    def _spill(self, window: str, events: list[Event]) -> list[Event] | EventStore:
        """Move a window's events to a store; where none can be made, ``auto`` keeps them in memory (warned)."""
        try:
            bucket: list[Event] | EventStore = EventStore(events)
        except StoreError as exc:
            if self.store != "auto":
                raise
            self.store = "memory"
            self.meta["store"] = f"memory: {exc}"
            warnings.warn(f"the events stay in memory: {exc}", RuntimeWarning, stacklevel=2)
            return events
        self.windows[window] = bucket
        return bucket

    def issue(self, kind: str, where: str, detail: str) -> None:
        if len(self.issues) < 10_000:  # a stream of garbage must not grow an unbounded list of complaints
            self.issues.append(InputIssue(kind, where, detail[:300]))

    def meta_list(self, key: str, value: Any) -> None:
        values = self.meta.setdefault(key, [])
        if value not in values:
            values.append(value)

    def front_tab(self) -> list[tuple[float, str]]:
        """Which window was in front, as ``[(from_timestamp_ms, window_id), ...]`` (see :func:`front_tab`)."""
        return front_tab(self.windows)


class _Truncated(DecodeError):
    """The input ends in the middle of a compressed stream or of a JSON value."""


class _Bomb(DecodeError):
    """Compressed data that inflates past its cap."""


# ---------------------------------------------------------------------------------------------- entry points



def decode(source: Any, store: str = "auto", progress: Callable[[int, int], None] | None = None) -> Decoded:
    """Recognise and decode ``source`` (see the module doc). ``store``: where the events of decoded text are kept
    (see :class:`Decoded`); events given as Python objects stay the objects given. ``progress``: called with
    ``(bytes read, file size)`` as each file is read."""
    if store not in KEEP_MODES:
        msg = f"store must be one of {', '.join(map(repr, KEEP_MODES))}, got {store!r}"
        raise InvalidArgument(msg)
    out = Decoded(store=store, progress=progress)
    if isinstance(source, os.PathLike) or (isinstance(source, str) and looks_like_path(source)):
        out.source = str(source)
        _decode_path(Path(source), out)
    elif isinstance(source, (bytes, bytearray, memoryview)):
        _decode_bytes(bytes(source), out, "$")
    elif isinstance(source, str):
        _decode_bytes(source.encode("utf-8", "surrogatepass"), out, "$")
    elif isinstance(source, Mapping):
        out.store = "memory"
        out.note_format("Python mapping")
        _dispatch_value(source, out, "$", DEFAULT_WINDOW)
    elif isinstance(source, Iterable):
        items = source if isinstance(source, (list, tuple)) else list(source)
        if items and all(_is_path_like(x) for x in items):
            paths = [Path(x) for x in items]
            out.note_format("list of files")
            _decode_paths(paths, out)
        elif items and all(isinstance(x, (bytes, bytearray, memoryview)) for x in items):
            out.note_format("list of byte strings")
            _decode_paths([bytes(x) for x in items], out)
        else:
            out.store = "memory"
            out.note_format("Python list")
            _dispatch_value(items, out, "$", DEFAULT_WINDOW)
    else:
        msg = ("load() takes a path, a directory, a list of paths, JSON bytes/str or an iterable of event dicts, "
               f"got {describe_type(source)}")
        raise InvalidArgument(msg)
    _finish(out)
    return out


def looks_like_path(text: str) -> bool:
    """Whether a str argument names a file rather than holding JSON."""
    stripped = text.lstrip()
    return not stripped.startswith(("[", "{", '"', "data=")) and len(text) < 4096 and "\n" not in text


def _is_path_like(x: Any) -> bool:
    if isinstance(x, os.PathLike):
        return True
    return isinstance(x, str) and not _is_packed(x) and looks_like_path(x)


def front_tab(windows: Mapping[str, Sequence[Event]]) -> list[tuple[float, str]]:
    """Which window (tab) was in front over time: ``[(from_timestamp_ms, window_id), ...]``, one entry per change.

    A window comes to the front with a user action in it (mouse move or click, scroll, input, touch, drag,
    selection); before any, the window with the earliest event is taken to be in front. Recordings carry no
    focus events, so this is the best the events tell.
    """
    marks: list[tuple[float, int, str]] = []
    first: tuple[float, str] | None = None
    for order, (wid, events) in enumerate(windows.items()):
        for ev in events:
            if not isinstance(ev, dict):
                continue
            ts = ev.get("timestamp")
            if not isinstance(ts, (int, float)) or isinstance(ts, bool) or math.isnan(ts):
                continue
            if first is None or ts < first[0]:
                first = (ts, wid)
            data = ev.get("data")
            source = data.get("source") if isinstance(data, dict) else None
            if ev.get("type") == 3 and type(source) is int and source in _FOREGROUND_SOURCES:
                marks.append((ts, order, wid))
    if first is None:
        return []
    marks.sort(key=lambda m: (m[0], m[1]))
    timeline = [first]
    for ts, _, wid in marks:
        if wid != timeline[-1][1]:
            timeline.append((ts, wid))
    return timeline


def _finish(out: Decoded) -> None:
    for wid in [w for w, events in out.windows.items() if not events]:
        del out.windows[wid]
    if not out.windows:
        return
    if len(out.windows) > 1:
        out.meta["front_tab"] = out.front_tab()


# ---------------------------------------------------------------------------------------------- files


def _decode_path(path: Path, out: Decoded) -> None:
    try:
        is_dir = path.is_dir()
    except OSError as exc:  # a name too long for a path, say
        msg = f"cannot read {str(path)[:200]}: {exc.strerror or exc}"
        raise InvalidArgument(msg) from None
    if is_dir:
        out.note_format("directory")
        files = []
        for p in sorted(path.iterdir(), key=lambda p: _natural_key(p.name)):
            if p.name.startswith("."):
                out.issue("skipped-file", str(p), "a hidden file; not read")
            elif not p.is_file():
                out.issue("skipped-file", str(p), "not a regular file (a directory?); not read")
            else:
                files.append(p)
        if not files:
            msg = f"the directory {path} holds no files"
            raise DecodeError(msg)
        _decode_paths(files, out, skip_failures=True)
        if not any(out.windows.values()):
            reasons = "; ".join(f"{i.where}: {i.detail}" for i in out.issues if i.kind == "skipped-file")
            msg = f"no file in the directory {path} holds a recording ({reasons})"
            raise DecodeError(msg)
        return
    _decode_file(path, out)


def _decode_paths(paths: Sequence[Path | bytes], out: Decoded, skip_failures: bool = False) -> None:
    """Several parts of one recording (files, or their bytes): decode each, then stitch Sentry segments by
    segment id. ``skip_failures`` (the files of a directory): a file that is not a recording (a capture's
    ``manifest.json``, a README) or does not decode is skipped and named in a ``skipped-file`` issue, with its
    own error; otherwise the first part that fails raises, naming itself."""
    parts: list[tuple[Any, int, Decoded]] = []
    for order, path in enumerate(paths):
        part = Decoded(store=out.store, text_bytes=out.text_bytes, progress=out.progress)
        try:
            if isinstance(path, bytes):
                _decode_part_bytes(path, part, order)
            elif path.is_dir():
                _decode_path(path, part)
            else:
                _decode_file(path, part)
            if skip_failures and not any(part.windows.values()):
                msg = "holds no events"
                raise DecodeError(msg)
        except (DecodeError, InvalidArgument) as exc:
            if not skip_failures or isinstance(path, bytes):
                raise
            reason = exc.reason if isinstance(exc, DecodeError) else str(exc)
            reason = reason.split(" (known formats:")[0].replace(f"{path}: ", "").replace(str(path), path.name)
            out.issue("skipped-file", str(path), reason)
            continue
        out.text_bytes = part.text_bytes
        seg = part.meta.get("segment_ids")
        key = seg[0] if seg and len(seg) == 1 and isinstance(seg[0], int) else None
        parts.append((key, order, part))
    if any(k is not None for k, _, _ in parts):
        parts.sort(key=lambda p: (p[0] if p[0] is not None else -1, p[1]))
    seen: dict[Any, Decoded] = {}
    for key, _, part in parts:
        if key is not None and key in seen and seen[key].windows == part.windows:
            out.issue("duplicate-segment", f"segment {key}", "the same segment was given twice; kept once")
            continue
        if key is not None:
            seen[key] = part
        _merge(out, part)


def _decode_part_bytes(raw: bytes, part: Decoded, order: int) -> None:
    try:
        _decode_bytes(raw, part, f"part {order}")
    except DecodeError as exc:
        if exc.reason.startswith(f"part {order}"):
            raise
        msg = f"part {order}: {exc.reason}"
        raise DecodeError(msg, exc.path) from None


def _merge(out: Decoded, part: Decoded) -> None:
    for name in part.formats:
        out.note_format(name)
    for wid, events in part.windows.items():
        out.extend(wid, events)
    out.issues.extend(part.issues)
    for key, value in part.meta.items():
        if isinstance(value, list):
            for v in value:
                out.meta_list(key, v)
        else:
            out.meta.setdefault(key, value)


def _natural_key(name: str) -> list[Any]:
    return [(0, int(tok), "") if tok.isdigit() else (1, 0, tok) for tok in re.split(r"(\d+)", name) if tok]


def _decode_file(path: Path, out: Decoded) -> None:
    try:
        f = open(path, "rb", buffering=CHUNK_BYTES)  # noqa: SIM115 - closed below
    except FileNotFoundError as exc:
        raise FileNotFoundError(exc.errno, "No such file or directory", str(path)) from None
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror or exc}"
        raise InvalidArgument(msg) from exc
    if out.progress is not None:
        f = io.BufferedReader(_Counted(f, out.progress), CHUNK_BYTES)
    with f:
        try:
            size = os.fstat(f.fileno()).st_size
            head = f.read(16)
            f.seek(0)
            if head[:2] == b"\x1f\x8b" or _is_zlib(head):
                _decode_compressed(f, "gzip" if head[:2] == b"\x1f\x8b" else "zlib", out, path.name)
            elif size <= STREAM_ABOVE_BYTES:
                _decode_bytes(f.read(), out, path.name)
            else:
                if size > MAX_TEXT_BYTES:
                    msg = f"{path.name} is {size} bytes, more than the {MAX_TEXT_BYTES}-byte cap"
                    raise DecodeError(msg)
                out.expect_text(size)
                _decode_stream(f, out, path.name)
        except OSError as exc:
            msg = f"cannot read {path}: {exc.strerror or exc}"
            raise InvalidArgument(msg) from exc
        except DecodeError as exc:
            # name the file in every message (a part of a directory is known by its own error)
            reason = exc.reason.replace(path.name, str(path), 1) if exc.reason.startswith(path.name) else (
                f"{path}: {exc.reason}")
            raise DecodeError(reason, exc.path) from None


class _Counted(io.RawIOBase):
    """A file that reports how far it has been read (for a progress bar)."""

    def __init__(self, f: IO[bytes], progress: Callable[[int, int], None]) -> None:
        self.f = f
        self.progress = progress
        self.size = os.fstat(f.fileno()).st_size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.f.fileno()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.f.seek(offset, whence)

    def tell(self) -> int:
        return self.f.tell()

    def readinto(self, buffer: Any) -> int:
        data = self.f.read(len(buffer))
        buffer[: len(data)] = data
        self.progress(self.f.tell(), self.size)
        return len(data)

    def close(self) -> None:
        self.f.close()
        super().close()


def _decode_compressed(f: IO[bytes], kind: str, out: Decoded, name: str, depth: int = 0) -> None:
    """Inflate as we read: text up to :data:`STREAM_ABOVE_BYTES` is decoded whole (faster), more is streamed."""
    if depth >= 3:
        msg = f"{name} is compressed more than 3 times over"
        raise DecodeError(msg)
    out.note_format(kind)
    inflater = _Inflater(f, kind)
    parts: list[bytes] = []
    size = 0
    truncated: _Truncated | None = None
    try:
        while size <= STREAM_ABOVE_BYTES:
            data = inflater.read(CHUNK_BYTES)
            if not data:
                break
            parts.append(data)
            size += len(data)
    except _Truncated as exc:
        truncated = exc
    head = b"".join(parts)
    del parts
    if truncated is None and size <= STREAM_ABOVE_BYTES:
        _decode_bytes(head, out, name, depth + 1)
        return
    if size > STREAM_ABOVE_BYTES:
        out.expect_text(size)
    stream = io.BufferedReader(_Prefixed(head, None if truncated else inflater, truncated), buffer_size=CHUNK_BYTES)
    _decode_stream(stream, out, name)


class _Prefixed(io.RawIOBase):
    """Bytes already read, then the rest of a raw stream (or the truncation that ended it)."""

    def __init__(self, prefix: bytes, rest: io.RawIOBase | None, truncated: _Truncated | None) -> None:
        self.prefix = memoryview(prefix)
        self.rest = rest
        self.truncated = truncated

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.prefix:
            n = min(len(buffer), len(self.prefix))
            buffer[:n] = self.prefix[:n]
            self.prefix = self.prefix[n:]
            return n
        if self.rest is not None:
            try:
                return self.rest.readinto(buffer)
            except _Truncated as exc:
                self.truncated = exc
                self.rest = None
        # The end, or where the compressed data was cut: the text before it stays readable (a buffered reader
        # would drop what it had read when the raw stream raised), and readers ask `truncated` at the end.
        return 0


def _is_zlib(head: bytes) -> bool:
    return len(head) >= 2 and head[0] == 0x78 and head[1] in _ZLIB_SECOND and (head[0] * 256 + head[1]) % 31 == 0


class _Inflater(io.RawIOBase):
    """A file inflated as it is read, with the decompression-bomb cap."""

    def __init__(self, f: IO[bytes], kind: str) -> None:
        self._f = f
        self.kind = kind
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS if kind == "gzip" else zlib.MAX_WBITS)
        self._pending = b""
        self._total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if self._d.eof:
                return 0
            data = self._d.unconsumed_tail or self._f.read(CHUNK_BYTES)
            if not data:
                msg = f"truncated {self.kind} data"
                raise _Truncated(msg)
            try:
                self._pending = self._d.decompress(data, CHUNK_BYTES)
            except zlib.error as exc:
                msg = f"corrupt {self.kind} data: {exc}"
                raise DecodeError(msg) from None
            self._total += len(self._pending)
            if self._total > MAX_TEXT_BYTES:
                msg = f"{self.kind} data inflates past {MAX_TEXT_BYTES} bytes (decompression bomb guard)"
                raise _Bomb(msg)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


# ---------------------------------------------------------------------------------------------- bytes


def inflate(raw: bytes, cap: int | None = None, what: str = "input") -> tuple[bytes, str | None]:
    """Inflate gzip or zlib data (recognised by content) with the bomb cap; other bytes come back unchanged."""
    limit = MAX_TEXT_BYTES if cap is None else cap
    if raw[:2] == b"\x1f\x8b":
        return _bounded(zlib.decompressobj(16 + zlib.MAX_WBITS), raw, "gzip", limit, what), "gzip"
    if _is_zlib(raw[:2]):
        return _bounded(zlib.decompressobj(), raw, "zlib", limit, what), "zlib"
    return raw, None


def _bounded(decomp: Any, raw: bytes, kind: str, limit: int, what: str = "input") -> bytes:
    try:
        out = decomp.decompress(raw, limit)
    except zlib.error as exc:
        msg = f"corrupt {kind} data in {what}: {exc}"
        raise DecodeError(msg) from None
    if decomp.unconsumed_tail:
        msg = f"{kind} data in {what} inflates past {limit} bytes (decompression bomb guard)"
        raise _Bomb(msg)
    if not decomp.eof:
        msg = f"truncated {kind} data in {what}"
        raise _Truncated(msg)
    return bytes(out)


def _decode_bytes(raw: bytes, out: Decoded, where: str, depth: int = 0) -> None:
    label = _label(where)
    if len(raw) > MAX_TEXT_BYTES:
        msg = f"{label} is {len(raw)} bytes, more than the {MAX_TEXT_BYTES}-byte cap"
        raise DecodeError(msg)
    if raw[:2] == b"\x1f\x8b" or _is_zlib(raw[:2]):
        _decode_compressed(io.BytesIO(raw), "gzip" if raw[:2] == b"\x1f\x8b" else "zlib", out, where, depth)
        return
    encoding = _utf16(raw)
    if encoding:
        out.note_format("UTF-16 text")
        text = raw.decode(encoding, "replace").encode("utf-8", "surrogatepass")
        _decode_bytes(text.removeprefix(b"\xef\xbb\xbf"), out, where, depth)
        return
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark
    start = _skip_ws(raw)
    first = raw[start:start + 1]
    if len(raw) > STREAM_ABOVE_BYTES:
        out.expect_text(len(raw))
        if first == b"[":  # element by element: the events need not all be dicts at once
            _decode_stream(io.BytesIO(raw), out, where)
            return
    if first in (b"[", b"{", b'"'):
        try:
            value = orjson.loads(raw)  # the fast path; what it refuses, the stream decoder sorts out
            out.text_bytes += len(raw)
        except orjson.JSONDecodeError:
            # Not one JSON document: line formats, a Sentry segment or envelope, or a cut-off array; or one that
            # orjson refuses (nested past its depth limit, a lone surrogate), which the stream decoder parses a
            # part at a time (only the refused part with the slower parser). It also reports real syntax errors
            # with their place.
            _decode_stream(io.BytesIO(raw), out, where)
            return
        out.note_format(_json_format_name(value))
        _dispatch_value(value, out, "$", DEFAULT_WINDOW)
        return
    _decode_other(raw, out, where, depth)


def _decode_other(raw: bytes, out: Decoded, where: str, depth: int) -> None:
    """Input that does not start like JSON: a form-encoded PostHog body, snappy blocks, or nothing known."""
    start = _skip_ws(raw)
    if raw[start:start + 5] == b"data=":
        _posthog_form(raw[start:], out, where, depth)
        return
    try:
        value = orjson.loads(raw)  # a number or literal: not a recording, which _dispatch_value says
    except orjson.JSONDecodeError:
        pass
    else:
        _dispatch_value(value, out, "$", DEFAULT_WINDOW)
    if _try_snappy(raw, out, where):
        return
    raise DecodeError(_unrecognised(raw, _label(where)))


def _label(where: str) -> str:
    """How messages name the input: its file name, ``part 3``, or ``the input`` (bytes or text given directly)."""
    return "the input" if where == "$" else where


def _utf16(raw: bytes) -> str | None:
    """The UTF-16 codec of text with a UTF-16 byte-order mark, or without one whose first character is ASCII."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if len(raw) >= 4 and raw[0] and not raw[1] and raw[2] and not raw[3]:
        return "utf-16-le"
    if len(raw) >= 4 and not raw[0] and raw[1] and not raw[2] and raw[3]:
        return "utf-16-be"
    return None


_KNOWN = ("known formats: JSON arrays of rrweb events and wrapper objects, JSON Lines, gzip, zlib, rrweb packer, "
          "Sentry envelopes, segments and API downloads, PostHog exports, snapshot lines, capture bodies and snappy "
          "blocks")


def _unrecognised(head: bytes, label: str) -> str:
    """One sentence on input that is in no known format: empty, blank, binary, or text that is not JSON."""
    if not head:
        return f"{label} is empty (0 bytes): there is no recording in it"
    if not head.strip():
        return f"{label} holds only whitespace: there is no recording in it"
    sample = head[:4096]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = sample[:exc.start].decode("utf-8") if exc.start > len(sample) - 4 else ""
    if not text or any(c < " " and c not in "\t\r\n" for c in text):
        return f"{label} holds binary data that is not a recording in any format rrweb_py reads ({_KNOWN})"
    snippet = text.strip()[:40]
    return f"{label} is text that is not JSON (it starts with {snippet!r}), not a recording ({_KNOWN})"


def _skip_ws(raw: bytes, i: int = 0) -> int:
    n = len(raw)
    while i < n and raw[i] in _WS:
        i += 1
    return i


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


def _is_window_pair(value: Any) -> bool:
    return (isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], (str, int))
            and not isinstance(value[0], bool) and isinstance(value[1], dict))


# ---------------------------------------------------------------------------------------------- streams


class _Reader:
    """Lines and JSON values from a binary stream, a chunk at a time."""

    def __init__(self, stream: IO[bytes], name: str, out: Decoded | None = None) -> None:
        self.stream = stream
        self.name = name
        self.out = out  # told how much text was read (None: a reader over text already counted)
        self.line_no = 0
        self.newline = True  # whether the last line read ended with a newline (not cut by the end of the input)
        self.total = 0
        self.truncated: _Truncated | None = None

    def _at_end(self) -> None:
        """At the end of the text: was it cut (compressed data cut short, see :class:`_Prefixed`)?"""
        if self.truncated is None:
            self.truncated = _stream_truncated(self.stream)

    def _read(self, n: int) -> bytes:
        if self.truncated is not None:
            return b""
        try:
            data = self.stream.read(n)
        except _Truncated as exc:
            self.truncated = exc
            return b""
        if len(data) < n:
            self._at_end()
        self.total += len(data)
        if self.out is not None:
            self.out.text_bytes += len(data)
        if self.total > MAX_TEXT_BYTES:
            msg = f"{self.name} holds more than {MAX_TEXT_BYTES} bytes of text"
            raise DecodeError(msg)
        return data

    def readline(self) -> bytes | None:
        """The next line without its newline, ``None`` at the end; refuses lines over :data:`MAX_EVENT_BYTES`."""
        if self.truncated is not None:
            return None
        try:
            line = self.stream.readline(MAX_EVENT_BYTES + 1)
        except _Truncated as exc:
            self.truncated = exc
            return None
        if not line.endswith(b"\n"):
            self._at_end()
        if not line:
            return None
        self.total += len(line)
        if self.out is not None:
            self.out.text_bytes += len(line)
        self.line_no += 1
        self.newline = line.endswith(b"\n")
        if len(line) > MAX_EVENT_BYTES and not line.endswith(b"\n"):
            msg = f"line {self.line_no} of {self.name} is longer than {MAX_EVENT_BYTES} bytes"
            raise DecodeError(msg)
        if self.total > MAX_TEXT_BYTES:
            msg = f"{self.name} holds more than {MAX_TEXT_BYTES} bytes of text"
            raise DecodeError(msg)
        return line.rstrip(b"\r\n")

    def read_exact(self, n: int) -> bytes:
        data = self._read(n)
        while len(data) < n:
            more = self._read(n - len(data))
            if not more:
                break
            data += more
        return data

    def read_rest(self, cap: int) -> bytes:
        parts = []
        size = 0
        while True:
            data = self._read(CHUNK_BYTES)
            if not data:
                break
            size += len(data)
            if size > cap:
                msg = f"{self.name}: a body longer than {cap} bytes"
                raise DecodeError(msg)
            parts.append(data)
        return b"".join(parts)


def _decode_stream(stream: IO[bytes], out: Decoded, name: str) -> None:
    """Decode a stream of text: a JSON array element by element, or line formats line by line."""
    head = _peek(stream)
    encoding = _utf16(head)
    if encoding:
        out.note_format("UTF-16 text")
        stream = io.BufferedReader(_Transcoded(stream, encoding), buffer_size=CHUNK_BYTES)
        head = _peek(stream)
    reader = _Reader(stream, name, out)
    i = _skip_ws(head)
    if head[i:i + 3] == b"\xef\xbb\xbf":
        reader._read(i + 3)
        head = _peek(stream)
        i = _skip_ws(head)
    first = head[i:i + 1]
    if first == b"[":
        _stream_array(reader, out, name)
        return
    if first in (b"{", b'"'):
        _stream_lines(reader, out, name)
        return
    if not first:
        if reader.truncated or _peek_truncated(stream):
            raise _Truncated(f"{_label(name)}: the compressed data ends before any text")
        raise DecodeError(_unrecognised(head, _label(name)))
    rest = reader.read_rest(MAX_TEXT_BYTES)
    if reader.truncated is not None:
        raise reader.truncated
    _decode_other(rest, out, name, 0)


class _Transcoded(io.RawIOBase):
    """UTF-16 text read as UTF-8, a chunk at a time."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder(encoding)("replace")
        self.pending = b""
        self.done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.pending and not self.done:
            data = self.stream.read(CHUNK_BYTES)
            self.done = not data
            self.pending = self.decoder.decode(data, final=self.done).encode("utf-8", "surrogatepass")
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


def _peek(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    try:
        if peek is not None:
            data: bytes = peek(4096)
            return data[:4096]
    except _Truncated:
        return b""
    pos = stream.tell()
    data = stream.read(4096)
    stream.seek(pos)
    return data


def _peek_truncated(stream: IO[bytes]) -> bool:
    try:
        stream.read(1)
    except _Truncated:
        return True
    return _stream_truncated(stream) is not None


def _stream_truncated(stream: IO[bytes]) -> _Truncated | None:
    """Why a stream over inflated text ended early, if it did (:class:`_Prefixed` keeps it)."""
    raw = getattr(stream, "raw", stream)
    truncated = getattr(raw, "truncated", None)
    return truncated if isinstance(truncated, _Truncated) else None


# JSON Lines and the line-based containers (Sentry envelopes and segments start with a header line)


def _stream_lines(reader: _Reader, out: Decoded, name: str) -> None:
    line = reader.readline()
    while line is not None and not line.strip():
        line = reader.readline()
    if line is None:
        if reader.truncated is not None:
            raise reader.truncated
        raise DecodeError(_unrecognised(b"", _label(name)))
    try:
        first = _json(line)
    except orjson.JSONDecodeError:
        # Not one value per line: one JSON document over many lines (a pretty-printed wrapper object).
        rest = reader.read_rest(MAX_TEXT_BYTES)
        if reader.truncated is not None:
            msg = (f"{_label(name)}: {reader.truncated.reason}, inside its one JSON document (an object), so no event could "
                   "be kept (only JSON arrays and line formats keep the events before a cut)")
            raise DecodeError(msg) from None
        text = line + (b"\n" if reader.newline else b"") + rest
        try:
            value = _json(text)
        except orjson.JSONDecodeError as exc:
            if exc.msg.startswith("unexpected end of data") or (
                    exc.msg.startswith(_CUT_SHORT) and exc.pos >= len(text.rstrip()) - 24):
                msg = (f"{_label(name)} ends at byte {reader.total:,}, inside its one JSON document (an object): a cut-off "
                       "file? No event could be kept (only JSON arrays and line formats keep the events before a "
                       "cut)")
            else:
                msg = f"{_label(name)} is not valid JSON: {exc}"
            raise DecodeError(msg) from None
        out.note_format(_json_format_name(value))
        _dispatch_value(value, out, "$", DEFAULT_WINDOW)
        return
    if isinstance(first, dict) and type(first.get("segment_id")) is int and "type" not in first:
        _sentry_segment_body(first, reader.read_rest(MAX_TEXT_BYTES), out, f"{name} segment {first['segment_id']}")
        if reader.truncated is not None:
            raise reader.truncated
        return
    if isinstance(first, dict) and _is_envelope_header(first):
        if not first and _peek(reader.stream).strip() == b"":
            _dispatch_value(first, out, "$", DEFAULT_WINDOW)  # `{}` alone: says it is no recording
        _sentry_envelope(first, reader, out, name)
        return
    _lines_from(first, reader, out, name)


_HANDED_ON = object()  # a first line whose events were dispatched already


def _lines_from(first: Any, reader: _Reader, out: Decoded, name: str) -> None:
    """JSON Lines after the ``first`` line's value (:data:`_HANDED_ON`: dispatched already)."""
    out.note_format("JSON Lines")
    if first is not _HANDED_ON:
        _dispatch_line(first, out, f"{name}:{reader.line_no}")
    bad: tuple[int, orjson.JSONDecodeError, bool] | None = None  # the last line that is not JSON
    while True:
        line = reader.readline()
        if line is None:
            break
        if not line.strip():
            continue
        if bad is not None:
            out.issue("skipped-line", f"{name}:{bad[0]}", f"not valid JSON: {bad[1]}")
            bad = None
        try:
            value = _json(line)
        except orjson.JSONDecodeError as exc:
            bad = (reader.line_no, exc, reader.newline)
            continue
        _dispatch_line(value, out, f"{name}:{reader.line_no}")
    cause = f"{reader.truncated.reason}: its text" if reader.truncated is not None else _label(name)
    if bad is not None and not bad[2] and (reader.truncated is not None or bad[1].msg.startswith(
            ("unexpected end of data", *_CUT_SHORT))):
        out.issue("truncated-input", f"{name}:{bad[0]}", f"{cause} ends at byte {reader.total:,}, inside line "
                  f"{bad[0]}; the {bad[0] - 1} lines before it are kept")
        return
    if bad is not None:
        out.issue("skipped-line", f"{name}:{bad[0]}", f"not valid JSON: {bad[1]}")
    if reader.truncated is not None:
        out.issue("truncated-input", f"{name}:{reader.line_no + 1}", f"{cause} ends at byte {reader.total:,}, "
                  f"after line {reader.line_no}; the lines before are kept")


def _dispatch_line(value: Any, out: Decoded, where: str) -> None:
    if not isinstance(value, (Mapping, list)) and not (isinstance(value, str) and _is_packed(value)):
        _dispatch_value(value, out, where, DEFAULT_WINDOW)  # a number, literal or string: says it is no recording
        return
    if (isinstance(value, Mapping) and "type" not in value and "timestamp" not in value
            and not _is_legacy_line(value) and not _is_posthog_capture(value)):
        out.note_format("wrapper object")
        _dispatch_mapping(value, out, where, DEFAULT_WINDOW)  # a whole document on one line (a wrapper object)
        return
    if isinstance(value, list) and value and not _is_window_pair(value) and all(isinstance(x, dict) for x in value):
        for i, ev in enumerate(value):
            _dispatch_element(ev, out, f"{where}[{i}]", DEFAULT_WINDOW)
        return
    _dispatch_element(value, out, where, DEFAULT_WINDOW)


# the top-level JSON array, element by element


class _Text:
    """A UTF-8 text window over a binary stream, grown on demand and trimmed as values are consumed."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.window = 4096  # characters handed to orjson for the next element

    def more(self, want: int = 0) -> bool:
        if self.eof:
            return False
        data = self.reader._read(max(want, CHUNK_BYTES))
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            msg = f"{self.reader.name} is not UTF-8 text: {exc.reason}"
            raise DecodeError(msg) from None
        if not data:
            self.eof = True
        if self.pos:
            self.buf = self.buf[self.pos:] + text
            self.pos = 0
        else:
            self.buf += text
        return bool(text) or not self.eof

    def skip_ws(self) -> str:
        """Skip whitespace; the next character, or '' at the end."""
        while True:
            buf, pos, n = self.buf, self.pos, len(self.buf)
            while pos < n and buf[pos] in " \t\r\n":
                pos += 1
            self.pos = pos
            if pos < n:
                return buf[pos]
            if not self.more():
                return ""


def _stream_array(reader: _Reader, out: Decoded, name: str) -> None:
    text = _Text(reader)
    text.skip_ws()
    text.pos += 1  # the '['
    items: list[Any] = []
    eager = False  # an array of events: each is handed on as it is decoded, not kept here
    index = 0
    closed = False
    truncated: str | None = None
    while True:
        c = text.skip_ws()
        if c == "]" and index == 0:
            text.pos += 1
            closed = True
            break
        if c == "":
            truncated = f"the input ends inside the top-level array, {_after(index)}"
            break
        try:
            value = _next_value(text, index, name)
        except _Truncated as exc:
            truncated = exc.reason
            break
        if index == 0 and _is_event(value):
            eager = True
            out.note_format("JSON array of rrweb events")
        if eager:
            _dispatch_element(value, out, f"$[{index}]", DEFAULT_WINDOW)
        else:
            items.append(value)
        index += 1
        c = text.skip_ws()
        if c == ",":
            text.pos += 1
            continue
        if c == "]":
            text.pos += 1
            closed = True
            break
        if c == "":
            truncated = f"the input ends inside the top-level array, {_after(index)}"
            break
        msg = f"expected ',' or ']' after element {index - 1} of the top-level array in {name}, found {c!r}"
        raise DecodeError(msg, f"$[{index - 1}]")
    if not closed:
        out.note_format("JSON array of rrweb events")
        if not eager:
            _dispatch_value(items, out, "$", DEFAULT_WINDOW)
        cause = f"{reader.truncated.reason}: its text" if reader.truncated is not None else _label(name)
        out.issue("truncated-input", f"{name} $[{index}]",
                  f"{cause} ends at byte {reader.total:,}, {(truncated or '').removeprefix('the input ends ')}; the "
                  f"{index} complete elements before it are kept")
        return
    if reader.truncated is not None:
        out.issue("truncated-input", name, f"{reader.truncated.reason} after the end of the JSON array: every element "
                  "was read and is kept")
    after = text.skip_ws()
    if after == "":
        if not eager:
            out.note_format(_json_format_name(items))
            _dispatch_value(items, out, "$", DEFAULT_WINDOW)
        return
    if after not in "[{":
        msg = f"unexpected content after the top-level array in {name}: {after!r}"
        raise DecodeError(msg)
    # JSON Lines whose first line was an array ([windowId, event] pairs, or a list of events per line).
    rest = text.buf[text.pos:].encode("utf-8") + _pending_bytes(text)
    chained = _Chain(rest, reader)
    line_reader = _Reader(io.BufferedReader(chained, buffer_size=CHUNK_BYTES), name)
    line_reader.line_no = 1
    line_reader.total = reader.total
    _lines_from(_HANDED_ON if eager else items, line_reader, out, name)
    if line_reader.truncated is None and reader.truncated is not None:
        out.issue("truncated-input", name, reader.truncated.reason)


def _after(index: int) -> str:
    return f"after element {index - 1}" if index else "before its first element"


def _pending_bytes(text: _Text) -> bytes:
    state, _ = text.decoder.getstate()
    return bytes(state)


class _Chain(io.RawIOBase):
    def __init__(self, prefix: bytes, reader: _Reader) -> None:
        self.prefix = prefix
        self.reader = reader

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.prefix:
            self.prefix = self.reader._read(len(buffer))
            if not self.prefix:
                return 0
        n = min(len(buffer), len(self.prefix))
        buffer[:n] = self.prefix[:n]
        self.prefix = self.prefix[n:]
        return n


# orjson's messages for a literal, number or escape cut short
_CUT_SHORT = ("invalid literal", "no digit after", "invalid escaped unicode", "invalid number")


def _element(win: str) -> tuple[Any, int | None]:
    """orjson on a window of text, and ``None``; for an element orjson refuses (nested past its depth limit, a lone
    surrogate), the iterative parser's value and where the element ends in the window (so it is parsed once)."""
    try:
        return orjson.loads(win), None
    except orjson.JSONDecodeError as exc:
        if not _json_mod.is_fallback_error(exc):
            raise
    return _json_mod.parse_prefix(win)


def _next_value(text: _Text, index: int, name: str) -> Any:
    """The next element of the array: orjson parses a window of text that starts with the element; its "content
    after document" error says where the element ends, and the element is parsed again alone. The window follows
    the size of the elements (so the text copied per element stays small) and doubles when an element is longer.
    An element orjson refuses although it is valid (nested past its depth limit) is parsed by
    :func:`rrweb_py._json.parse_prefix`, alone: the other elements keep orjson's speed."""
    w = text.window
    while True:
        avail = len(text.buf) - text.pos
        if w > avail and not text.eof:
            text.more(max(CHUNK_BYTES, w - avail))
            continue
        win = text.buf[text.pos:text.pos + w]
        at_end = text.eof and text.pos + len(win) >= len(text.buf)
        try:
            value, parsed_end = _element(win)
        except orjson.JSONDecodeError as exc:
            if exc.msg.startswith("unexpected content after document"):
                end = text.pos + exc.pos
                value = _json(win[:exc.pos])
            elif not at_end and (exc.msg.startswith("unexpected end of data") or exc.pos >= len(win) - 64):
                # cut by the window (a literal or number cut short reads as another error near the end)
                if w > MAX_EVENT_BYTES:
                    msg = f"element {index} of the top-level array in {name} is larger than {MAX_EVENT_BYTES} bytes"
                    raise DecodeError(msg, f"$[{index}]") from None
                w *= 2
                continue
            elif exc.msg.startswith("unexpected end of data") or (
                    exc.msg.startswith(_CUT_SHORT) and exc.pos >= len(win.rstrip()) - 24):
                msg = f"the input ends inside element {index} of the top-level array"
                raise _Truncated(msg) from None
            else:
                msg = f"not valid JSON in element {index} of the top-level array in {name}: {exc}"
                raise DecodeError(msg, f"$[{index}]") from None
        else:
            if parsed_end is not None:
                end = text.pos + parsed_end
            elif not at_end and not isinstance(value, (dict, list)):
                w *= 2  # a number may go on past the window
                continue
            else:
                end = text.pos + len(win)
        if end - text.pos > MAX_EVENT_BYTES:
            msg = f"element {index} of the top-level array in {name} is larger than {MAX_EVENT_BYTES} bytes"
            raise DecodeError(msg, f"$[{index}]")
        text.window = max(1024, 4 * (end - text.pos))
        text.pos = end
        return value


# ---------------------------------------------------------------------------------------------- JSON values


def _dispatch_value(value: Any, out: Decoded, where: str, window: str) -> None:
    """A whole decoded JSON document (or a caller's list / mapping)."""
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
        for i, el in enumerate(value):
            _dispatch_element(el, out, f"{where}[{i}]", window)
        return
    if isinstance(value, Mapping):
        _dispatch_mapping(value, out, where, window)
        return
    if isinstance(value, str):
        inner = value.lstrip()
        if _is_packed(value):
            _dispatch_element(value, out, where, window)
            return
        if inner.startswith(("[", "{")) and "JSON text inside a JSON string" not in out.formats:
            out.note_format("JSON text inside a JSON string")
            _decode_bytes(value.encode("utf-8", "surrogatepass"), out, where)
            return
    msg = f"{_describe_json(value)} is not a recording: expected a JSON array of rrweb events ({_KNOWN})"
    raise DecodeError(msg, where)


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
        _posthog_export(value, export, out, where)
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


def _is_event(value: Any) -> bool:
    return isinstance(value, Mapping) and "type" in value and "timestamp" in value


def _is_posthog_capture(value: Any) -> bool:
    return isinstance(value, Mapping) and isinstance(value.get("event"), str) and "properties" in value


def _is_legacy_line(value: Any) -> bool:
    return (isinstance(value, Mapping) and isinstance(value.get("data"), list)
            and ("window_id" in value or "windowId" in value) and "type" not in value)


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
            _posthog_capture(el, out, where, window)
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
        ev = _unpack(el, out, where)
        if ev is not None:
            out.add(window, ev)
        return
    out.add(window, el)


def _posthog_capture(el: Mapping[str, Any], out: Decoded, where: str, window: str) -> None:
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
        _dispatch_element(ev, out, f"{where}.properties.$snapshot_data[{i}]", wid, nested=True)


_POSTHOG_EXPORTS = ("2022-12-02", "2023-04-28")


def _posthog_export(value: Mapping[str, Any], export: Mapping[str, Any], out: Decoded, where: str) -> None:
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
                _dispatch_element(ev, out, f"{where}.data.snapshotsByWindowId[{wid!r}][{i}]", str(wid), nested=True)
        return
    for i, ev in enumerate(export["snapshots"]):
        _dispatch_element(ev, out, f"{where}.data.snapshots[{i}]", DEFAULT_WINDOW, nested=True)


def _posthog_form(raw: bytes, out: Decoded, where: str, depth: int) -> None:
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
    _decode_bytes(text, out, where, depth + 1)


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
        if size > MAX_EVENT_BYTES:
            msg = f"lz64 data inflates past {MAX_EVENT_BYTES} bytes (decompression bomb guard)"
            raise _Bomb(msg)
        dictionary.append(w + entry[0])
        enlarge_in -= 1
        w = entry
        if enlarge_in == 0:
            enlarge_in = 1 << num_bits
            num_bits += 1


# ---------------------------------------------------------------------------------------------- events


def _fix_event(ev: Mapping[str, Any], out: Decoded, where: str) -> Event | None:
    """PostHog's compressed fields inflated; Sentry's seconds made milliseconds. The input is never changed."""
    result: Any = ev
    if "cv" in ev:
        result = _decompress_cv(ev, out, where)
        if result is None:
            return None
    if result.get("type") == 5:
        data = result.get("data")
        tag = data.get("tag") if isinstance(data, Mapping) else None
        if isinstance(tag, str) and tag in SENTRY_TAGS:
            out.note_format("Sentry custom events")
            ts = result.get("timestamp")
            if (isinstance(ts, (int, float)) and not isinstance(ts, bool)
                    and 0 < ts < _SECONDS_BELOW):
                result = {**result, "timestamp": round(ts * 1000, 3)}
    if not isinstance(result, dict):
        result = dict(result)
    return result  # type: ignore[no-any-return]


_CV_FIELDS = {0: ("adds", "removes", "texts", "attributes"), 8: ("adds", "removes")}


def _decompress_cv(ev: Mapping[str, Any], out: Decoded, where: str) -> Event | None:
    cv = ev.get("cv")
    if cv != "2024-10":
        out.issue("unknown-version", where, f"unknown PostHog compression version cv={cv!r}; the event is kept as is")
        return dict(ev)
    out.note_format("PostHog cv 2024-10 compressed events")
    try:
        result = {k: v for k, v in ev.items() if k != "cv"}
        data = ev.get("data")
        if ev.get("type") == 2 and isinstance(data, str):
            result["data"] = _gunzip_field(data, where, out)
        elif ev.get("type") == 3 and isinstance(data, Mapping):
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
    inflated, _ = inflate(raw, MAX_EVENT_BYTES, where)
    return _loads(inflated, where, out)


def _loads(raw: bytes, where: str, out: Decoded) -> Any:
    """Parse inflated text (counted as text decoded)."""
    out.text_bytes += len(raw)
    try:
        return _json(raw)
    except orjson.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc}"
        raise DecodeError(msg, where) from None


def _is_packed(text: str) -> bool:
    return len(text) > 2 and text[0] == "x" and ord(text[1]) in _ZLIB_SECOND and (0x78 * 256 + ord(text[1])) % 31 == 0


def _unpack(text: str, out: Decoded, where: str) -> Event | None:
    """One ``@rrweb/packer`` string: ``strFromU8(zlibSync(strToU8(JSON.stringify({...e, v: "v1"}))), true)``."""
    out.note_format("rrweb packer v1 strings")
    try:
        raw = text.encode("latin-1")
        inflated, _ = inflate(raw, MAX_EVENT_BYTES, where)
        ev = _loads(inflated, where, out)
    except (UnicodeEncodeError, DecodeError) as exc:
        reason = exc.reason if isinstance(exc, DecodeError) else "characters beyond latin-1"
        out.issue("undecodable-event", where, f"a packed event did not unpack ({reason}); event skipped")
        return None
    if not isinstance(ev, dict):
        out.issue("undecodable-event", where, f"a packed event unpacked to {describe_type(ev)}; skipped")
        return None
    version = ev.pop("v", None)
    if version != "v1":
        out.issue("unknown-version", where, f"packer version {version!r} (expected 'v1'); the event is kept")
    return _fix_event(ev, out, where)


# ---------------------------------------------------------------------------------------------- Sentry


def _is_envelope_header(first: Mapping[str, Any]) -> bool:
    return "type" not in first and "timestamp" not in first and (
        "event_id" in first or "sent_at" in first or "dsn" in first or "sdk" in first or not first)


def _sentry_envelope(header: Mapping[str, Any], reader: _Reader, out: Decoded, name: str) -> None:
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
        if type(length) is int and 0 <= length <= MAX_TEXT_BYTES:
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
            _sentry_recording(payload, out, where)
        elif kind == "replay_event":
            _sentry_replay_event(payload, out)
        elif kind == "event":
            _sentry_error_event(payload, out)
        else:
            out.meta["ignored_envelope_items"] = out.meta.get("ignored_envelope_items", 0) + 1
    if reader.truncated is not None:
        out.issue("truncated-input", name, reader.truncated.reason)


def _sentry_replay_event(payload: bytes, out: Decoded) -> None:
    try:
        info = _json(payload)
    except orjson.JSONDecodeError:
        return
    if not isinstance(info, dict):
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
    try:
        info = _json(payload)
    except orjson.JSONDecodeError:
        return
    if not isinstance(info, dict):
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
        "timestamp": ts * 1000 if ts < 1e11 else ts,
        "level": info.get("level") if isinstance(info.get("level"), str) else "error",
        "message": str(message)[:2000],
        "url": url if isinstance(url, str) else None,
    })


def _sentry_recording(payload: bytes, out: Decoded, where: str) -> None:
    header, sep, body = payload.partition(b"\n")
    try:
        head = _json(header)
    except orjson.JSONDecodeError:
        head = None
    if not sep or not isinstance(head, dict) or type(head.get("segment_id")) is not int:
        out.issue("undecodable-event", where, "a replay_recording without a {segment_id} header line; skipped")
        return
    _sentry_segment_body(head, body, out, f"{where} segment {head['segment_id']}")


def _sentry_segment_body(head: Mapping[str, Any], body: bytes, out: Decoded, where: str) -> None:
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
        _dispatch_element(ev, out, f"{where} $[{i}]", DEFAULT_WINDOW)


def _unpack_video(raw: bytes) -> bytes:
    """Sentry's stored blob with video: type byte 0 (rrweb), or 1 + 4-byte big-endian video length + video."""
    if raw[:1] == b"\x00":
        return raw[1:]
    if raw[:1] == b"\x01" and len(raw) >= 5:
        n = int.from_bytes(raw[1:5], "big")
        return raw[5 + n:]
    return raw


# ---------------------------------------------------------------------------------------------- snappy


def _try_snappy(raw: bytes, out: Decoded, where: str) -> bool:
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
        if size > MAX_TEXT_BYTES or total > MAX_TEXT_BYTES:
            msg = f"snappy data in {where} inflates past {MAX_TEXT_BYTES} bytes (decompression bomb guard)"
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
    _decode_stream(io.BytesIO(text), out, where)
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


def iter_events(decoded: Decoded) -> Iterator[tuple[str, Event]]:
    """Every (window id, event) of a decoded input, window by window."""
    for wid, events in decoded.windows.items():
        for ev in events:
            yield wid, ev
