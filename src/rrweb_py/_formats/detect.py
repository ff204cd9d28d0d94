"""Recognising what the input is, and dispatching it: paths, directories and parts, files, bytes and streams; the
line formats (JSON Lines, Sentry segments and envelopes) and the top-level JSON array, element by element.

:func:`decode` takes what :func:`rrweb_py.load` takes (a path, a directory, a list of paths, bytes, text, a mapping
or an iterable of event dicts) and returns :class:`~rrweb_py._formats.transport.Decoded` (the package doc lists what
is recognised; docs/formats.md has the sources).

Streaming: files are read in chunks. JSON Lines and the other line formats are decoded a line at a time, and a
top-level JSON array is decoded one element at a time (:mod:`rrweb_py._formats.framing`), so the text is never
held whole next to the decoded events (a wrapper object and a Sentry segment body are parsed whole).

Failures say what happened: an unusable input is a :class:`~rrweb_py.errors.DecodeError` of one sentence naming the
file; damage that leaves events (a cut-off end, a broken line, a file of a folder that is not a part) is an
:class:`~rrweb_py._formats.transport.InputIssue` saying where, which :func:`rrweb_py.load` makes an anomaly.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import orjson

from .._store import KEEP_MODES
from .._store import loads_json as _json
from ..errors import DecodeError, InvalidArgument, describe_type
from . import transport
from .framing import _after, _Chain, _next_value, _pending_bytes, _Text, cut_short
from .packer import _is_packed
from .posthog import _is_legacy_line, _is_posthog_capture, _posthog_form, _try_snappy
from .sentry import _is_envelope_header, _sentry_envelope, _sentry_segment_body
from .transport import (
    DEFAULT_WINDOW,
    Decoded,
    _Counted,
    _Inflater,
    _is_zlib,
    _label,
    _peek,
    _peek_truncated,
    _Prefixed,
    _Reader,
    _skip_ws,
    _Transcoded,
    _Truncated,
    _unrecognised,
    _utf16,
)
from .wrappers import _dispatch_element, _dispatch_mapping, _is_event, _is_window_pair, _json_format_name
from .wrappers import _dispatch_value as _dispatch_json

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


def _dispatch_value(value: Any, out: Decoded, where: str, window: str) -> None:
    """A whole decoded JSON document (see :func:`rrweb_py._formats.wrappers._dispatch_value`); a string that holds
    JSON text (once: not a string in a string in a string) is decoded as the input."""
    if (isinstance(value, str) and value.lstrip().startswith(("[", "{"))
            and "JSON text inside a JSON string" not in out.formats):
        out.note_format("JSON text inside a JSON string")
        _decode_bytes(value.encode("utf-8", "surrogatepass"), out, where)
        return
    _dispatch_json(value, out, where, window)


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


def _finish(out: Decoded) -> None:
    for wid in [w for w, events in out.windows.items() if not events]:
        del out.windows[wid]
    if not out.windows:
        return
    if len(out.windows) > 1:
        out.meta["front_tab"] = out.front_tab()


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
        f = open(path, "rb", buffering=transport.CHUNK_BYTES)  # noqa: SIM115 - closed below
    except FileNotFoundError as exc:
        raise FileNotFoundError(exc.errno, "No such file or directory", str(path)) from None
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror or exc}"
        raise InvalidArgument(msg) from exc
    if out.progress is not None:
        f = io.BufferedReader(_Counted(f, out.progress), transport.CHUNK_BYTES)
    with f:
        try:
            size = os.fstat(f.fileno()).st_size
            head = f.read(16)
            f.seek(0)
            if head[:2] == b"\x1f\x8b" or _is_zlib(head):
                _decode_compressed(f, "gzip" if head[:2] == b"\x1f\x8b" else "zlib", out, path.name)
            elif size <= transport.STREAM_ABOVE_BYTES:
                _decode_bytes(f.read(), out, path.name)
            else:
                if size > transport.MAX_TEXT_BYTES:
                    msg = f"{path.name} is {size} bytes, more than the {transport.MAX_TEXT_BYTES}-byte cap"
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


def _decode_compressed(f: IO[bytes], kind: str, out: Decoded, name: str, depth: int = 0) -> None:
    """Inflate as we read: text up to :data:`transport.STREAM_ABOVE_BYTES` is decoded whole (faster), more is streamed."""
    if depth >= 3:
        msg = f"{name} is compressed more than 3 times over"
        raise DecodeError(msg)
    out.note_format(kind)
    inflater = _Inflater(f, kind)
    parts: list[bytes] = []
    size = 0
    truncated: _Truncated | None = None
    try:
        while size <= transport.STREAM_ABOVE_BYTES:
            data = inflater.read(transport.CHUNK_BYTES)
            if not data:
                break
            parts.append(data)
            size += len(data)
    except _Truncated as exc:
        truncated = exc
    head = b"".join(parts)
    del parts
    if truncated is None and size <= transport.STREAM_ABOVE_BYTES:
        _decode_bytes(head, out, name, depth + 1)
        return
    if size > transport.STREAM_ABOVE_BYTES:
        out.expect_text(size)
    stream = io.BufferedReader(_Prefixed(head, None if truncated else inflater, truncated), buffer_size=transport.CHUNK_BYTES)
    _decode_stream(stream, out, name)


def _decode_bytes(raw: bytes, out: Decoded, where: str, depth: int = 0) -> None:
    label = _label(where)
    if len(raw) > transport.MAX_TEXT_BYTES:
        msg = f"{label} is {len(raw)} bytes, more than the {transport.MAX_TEXT_BYTES}-byte cap"
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
    if len(raw) > transport.STREAM_ABOVE_BYTES:
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
        _posthog_form(raw[start:], out, where, depth, _decode_bytes)
        return
    try:
        value = orjson.loads(raw)  # a number or literal: not a recording, which _dispatch_value says
    except orjson.JSONDecodeError:
        pass
    else:
        _dispatch_value(value, out, "$", DEFAULT_WINDOW)
    if _try_snappy(raw, out, where, _decode_stream):
        return
    raise DecodeError(_unrecognised(raw, _label(where)))


def _decode_stream(stream: IO[bytes], out: Decoded, name: str) -> None:
    """Decode a stream of text: a JSON array element by element, or line formats line by line."""
    head = _peek(stream)
    encoding = _utf16(head)
    if encoding:
        out.note_format("UTF-16 text")
        stream = io.BufferedReader(_Transcoded(stream, encoding), buffer_size=transport.CHUNK_BYTES)
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
    rest = reader.read_rest(transport.MAX_TEXT_BYTES)
    if reader.truncated is not None:
        raise reader.truncated
    _decode_other(rest, out, name, 0)


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
        rest = reader.read_rest(transport.MAX_TEXT_BYTES)
        if reader.truncated is not None:
            msg = (f"{_label(name)}: {reader.truncated.reason}, inside its one JSON document (an object), so no event could "
                   "be kept (only JSON arrays and line formats keep the events before a cut)")
            raise DecodeError(msg) from None
        text = line + (b"\n" if reader.newline else b"") + rest
        try:
            value = _json(text)
        except orjson.JSONDecodeError as exc:
            if cut_short(text):
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
        _sentry_segment_body(first, reader.read_rest(transport.MAX_TEXT_BYTES), out, f"{name} segment {first['segment_id']}",
                             _dispatch_element)
        if reader.truncated is not None:
            raise reader.truncated
        return
    if isinstance(first, dict) and _is_envelope_header(first):
        if not first and _peek(reader.stream).strip() == b"":
            _dispatch_value(first, out, "$", DEFAULT_WINDOW)  # `{}` alone: says it is no recording
        _sentry_envelope(first, reader, out, name, _dispatch_element)
        return
    _lines_from(first, reader, out, name)


_HANDED_ON = object()  # a first line whose events were dispatched already


def _lines_from(first: Any, reader: _Reader, out: Decoded, name: str) -> None:
    """JSON Lines after the ``first`` line's value (:data:`_HANDED_ON`: dispatched already)."""
    out.note_format("JSON Lines")
    if first is not _HANDED_ON:
        _dispatch_line(first, out, f"{name}:{reader.line_no}")
    bad: tuple[int, orjson.JSONDecodeError, bool, bytes] | None = None  # the last line that is not JSON
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
            bad = (reader.line_no, exc, reader.newline, line)
            continue
        _dispatch_line(value, out, f"{name}:{reader.line_no}")
    cause = f"{reader.truncated.reason}: its text" if reader.truncated is not None else _label(name)
    if bad is not None and not bad[2] and (reader.truncated is not None or cut_short(bad[3])):
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
    line_reader = _Reader(io.BufferedReader(chained, buffer_size=transport.CHUNK_BYTES), name)
    line_reader.line_no = 1
    line_reader.total = reader.total
    _lines_from(_HANDED_ON if eager else items, line_reader, out, name)
    if line_reader.truncated is None and reader.truncated is not None:
        out.issue("truncated-input", name, reader.truncated.reason)

