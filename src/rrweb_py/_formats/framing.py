"""JSON framing: where each element of a top-level JSON array ends, and whether text ends inside a JSON value.

An element is parsed by orjson from a window of text that starts with it. Where orjson stops (the position of its
error, an attribute of the exception, never its message) is a candidate end; the text up to it is parsed alone, and
because a JSON object, array, string or literal is complete at exactly one place, a text that parses whole is the
element. Whether a failure means "cut short" or "not JSON" is decided by :func:`cut_short` the same way: the
text, less trailing whitespace, fails exactly at its end. No decision reads the wording of a third party's message.
"""

from __future__ import annotations

import codecs
import io
from typing import Any

import orjson

from .. import _json as _json_mod
from .._store import loads_json as _json
from ..errors import DecodeError
from . import transport
from .transport import _Reader, _Truncated


def cut_short(text: bytes | str) -> bool:
    """Whether ``text`` ends inside a JSON value (a file cut off), rather than holding something that is not JSON:
    orjson refuses it, less trailing whitespace, at its very end. A document orjson refuses for depth is asked of
    the any-depth parser."""
    stripped = text.rstrip()
    try:
        orjson.loads(stripped)
    except orjson.JSONDecodeError as exc:
        if _json_mod.is_fallback_error(exc):
            try:
                _json_mod.parse_deep(stripped)
            except orjson.JSONDecodeError as deep:
                return deep.pos >= len(stripped)
            return False
        return exc.pos >= len(stripped)
    return False


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
        data = self.reader._read(max(want, transport.CHUNK_BYTES))
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


def _element(win: str) -> tuple[Any, int | None]:
    """orjson on a window of text, and ``None``; for an element orjson refuses (nested past its depth limit, a lone
    surrogate), the iterative parser's value and where the element ends in the window (so it is parsed once)."""
    try:
        return orjson.loads(win), None
    except orjson.JSONDecodeError as exc:
        if not _json_mod.is_fallback_error(exc):
            raise
    return _json_mod.parse_prefix(win)


_NOT_WHOLE = object()  # what _whole returns when the text before the stop is no complete value


def _whole(win: str, stop: int) -> Any:
    """The value ``win[:stop]`` holds whole (the element, when the parser stopped at what follows it), or
    :data:`_NOT_WHOLE`."""
    if not 0 < stop < len(win):
        return _NOT_WHOLE
    try:
        return _json(win[:stop])
    except orjson.JSONDecodeError:
        return _NOT_WHOLE


def _next_value(text: _Text, index: int, name: str) -> Any:
    """The next element of the array. orjson parses a window of text that starts with the element; where it stops
    (its error's position: content after the element) the text up to there is parsed alone, and if it parses, it is
    the element (a JSON object, array, string or literal is complete at one place only). The window follows the
    size of the elements (so the text copied per element stays small) and doubles when an element is longer.
    An element orjson refuses although it is valid (nested past its depth limit) is parsed by
    :func:`rrweb_py._json.parse_prefix`, alone: the other elements keep orjson's speed."""
    w = text.window
    while True:
        avail = len(text.buf) - text.pos
        if w > avail and not text.eof:
            text.more(max(transport.CHUNK_BYTES, w - avail))
            continue
        win = text.buf[text.pos:text.pos + w]
        at_end = text.eof and text.pos + len(win) >= len(text.buf)
        try:
            value, parsed_end = _element(win)
        except orjson.JSONDecodeError as exc:
            stop = exc.pos
            value = _whole(win, stop)
            if value is not _NOT_WHOLE:
                end = text.pos + stop
            elif not at_end and stop >= len(win) - 64:
                # cut by the window (orjson stops at the end of the text: in a string, a literal, a number...)
                if w > transport.MAX_EVENT_BYTES:
                    msg = (f"element {index} of the top-level array in {name} is larger than "
                           f"{transport.MAX_EVENT_BYTES} bytes")
                    raise DecodeError(msg, f"$[{index}]") from None
                w *= 2
                continue
            elif at_end and cut_short(win):
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
        if end - text.pos > transport.MAX_EVENT_BYTES:
            msg = (f"element {index} of the top-level array in {name} is larger than {transport.MAX_EVENT_BYTES} "
                   "bytes")
            raise DecodeError(msg, f"$[{index}]")
        text.window = max(1024, 4 * (end - text.pos))
        text.pos = end
        return value
