"""The byte transport of decoding: files read a chunk at a time, gzip / zlib inflated as they are read, the caps
(the decompression-bomb guard) and :class:`Decoded`, the result every format module fills.

Caps (module constants, :class:`~rrweb_py.errors.DecodeError` past them): :data:`MAX_TEXT_BYTES` of text in all
(after inflation: the decompression-bomb guard), :data:`MAX_EVENT_BYTES` for one line, one array element or one
compressed field. The other modules of the package read the caps as ``transport.NAME`` when they run, so that a
test (or a caller) that sets one here sets it for all.

Imports nothing from the other modules of :mod:`rrweb_py._formats`.
"""

from __future__ import annotations

import codecs
import io
import math
import os
import warnings
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import IO, Any

import attrs
import orjson

from .._protocol import EventType, IncrementalSource
from .._store import SPILL_ABOVE_BYTES, EventStore
from .._store import loads_json as _json
from ..errors import DecodeError, StoreError

#: the plain value of ``EventType.INCREMENTAL_SNAPSHOT``, for the loop of :func:`front_tab`
_INCREMENTAL = int(EventType.INCREMENTAL_SNAPSHOT)


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


# IncrementalSnapshot sources a user causes in the tab they look at: MouseMove, MouseInteraction, Scroll, Input,
# TouchMove, Drag, Selection.
_FOREGROUND_SOURCES = frozenset(int(s) for s in (
    IncrementalSource.MOUSE_MOVE, IncrementalSource.MOUSE_INTERACTION, IncrementalSource.SCROLL, IncrementalSource.INPUT,
    IncrementalSource.TOUCH_MOVE, IncrementalSource.DRAG, IncrementalSource.SELECTION))


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
        """Add events in order, as :meth:`add` would one by one (the list or store given for a new window becomes
        its bucket, unless a list must go to disk)."""
        bucket = self.windows.get(window)
        if bucket is None:
            if isinstance(events, EventStore) or not (self.store == "disk" or (
                    self.store == "auto" and self.text_bytes > SPILL_ABOVE_BYTES)):
                self.windows[window] = events
                return
            bucket = self.windows[window] = []
            bucket = self._spill(window, bucket)
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


#: how a format module hands on an element it found: ``(element, out, where, window id, nested)`` (the dispatch of
#: :mod:`rrweb_py._formats.wrappers`)
ElementSink = Callable[[Any, Decoded, str, str, bool], None]


class _Truncated(DecodeError):
    """The input ends in the middle of a compressed stream or of a JSON value."""


class _Bomb(DecodeError):
    """Compressed data that inflates past its cap."""


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
            if ev.get("type") == _INCREMENTAL and type(source) is int and source in _FOREGROUND_SOURCES:
                marks.append((ts, order, wid))
    if first is None:
        return []
    marks.sort(key=lambda m: (m[0], m[1]))
    timeline = [first]
    for ts, _, wid in marks:
        if wid != timeline[-1][1]:
            timeline.append((ts, wid))
    return timeline


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


def _loads(raw: bytes, where: str, out: Decoded) -> Any:
    """Parse inflated text (counted as text decoded)."""
    out.text_bytes += len(raw)
    try:
        return _json(raw)
    except orjson.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc}"
        raise DecodeError(msg, where) from None


def iter_events(decoded: Decoded) -> Iterator[tuple[str, Event]]:
    """Every (window id, event) of a decoded input, window by window."""
    for wid, events in decoded.windows.items():
        for ev in events:
            yield wid, ev
