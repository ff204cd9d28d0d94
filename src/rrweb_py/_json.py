"""JSON in and out at any depth: orjson first, and an iterative parser and writer for what orjson refuses.

orjson 3.9.15 and later refuse documents nested deeper than 1,024 levels (``depth limit exceeded``) and
``orjson.dumps`` refuses more than 254; a FullSnapshot of a page about 510 elements deep is past that. orjson also
refuses an escaped lone surrogate (``"\\ud83d"``), which ``JSON.stringify`` writes for a string cut inside an
emoji. For those documents only, :func:`loads` parses with an explicit stack (pure Python, 2-3 MB/s, never
recursive), and :func:`dumps` writes with one. Every other document costs what orjson alone costs. (orjson before
3.9.15 had no depth limit and crashed the process on deep enough input, CVE-2024-27454: pyproject.toml asks for
3.9.15 or later.)

The fallback parser follows orjson's grammar (RFC 8259: no ``NaN``, no trailing commas, no raw control characters
in strings) and raises :class:`orjson.JSONDecodeError` with orjson's wording for the cases callers look at
(``unexpected end of data``, ``unexpected content after document``), so that callers handle both parsers alike.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]  # the C scanner json.loads uses
from json.encoder import encode_basestring_ascii
from typing import Any

import orjson

__all__ = ["dumps", "is_fallback_error", "loads", "parse_deep", "parse_prefix"]

_WS = re.compile(r"[ \t\n\r]+")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS = (("true", True), ("false", False), ("null", None))


def _skip(text: str, pos: int) -> int:
    """The index of the first non-whitespace character at or after ``pos``."""
    if pos < len(text) and text[pos] in " \t\n\r":
        m = _WS.match(text, pos)
        if m is not None:
            return m.end()
    return pos


def is_fallback_error(exc: orjson.JSONDecodeError) -> bool:
    """Whether orjson refused what may be a valid document, for reasons :func:`parse_deep` does not have: nesting
    past its depth limit, a lone surrogate, or (orjson 3.11+ on short, densely nested text) ``failed to allocate
    memory``. orjson words the depth refusal differently across releases (3.9: ``array and object recursion depth
    exceeded``; later: ``depth limit exceeded``, ``recursion limit``), so any mention of depth or recursion counts;
    the lowest-versions pass of CI runs the depth tests on the oldest orjson allowed."""
    msg = exc.msg.lower()
    return "depth" in msg or "recursion" in msg or "allocate" in msg or "surrogate" in msg


def loads(raw: bytes | str) -> Any:
    """``orjson.loads``, and for a document nested past orjson's depth limit or holding an escaped lone surrogate,
    :func:`parse_deep`. Invalid JSON raises :class:`orjson.JSONDecodeError` either way."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if not is_fallback_error(exc):
            raise
    return parse_deep(raw)


def parse_deep(raw: bytes | str) -> Any:
    """Parse one JSON document with an explicit stack: any depth, no recursion."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        try:
            text = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise orjson.JSONDecodeError("str is not valid UTF-8", "", exc.start) from None
    else:
        text = raw
    value, end = parse_prefix(text)
    end = _skip(text, end)
    if end != len(text):
        raise orjson.JSONDecodeError("unexpected content after document", text, end)
    return value


def parse_prefix(text: str) -> tuple[Any, int]:
    """The JSON value at the start of ``text`` (after whitespace) and the index just after it; what follows is not
    looked at (``json.JSONDecoder.raw_decode``, without recursion)."""
    return _scan(text, _skip(text, 0))


def _error(text: str, pos: int, what: str) -> orjson.JSONDecodeError:
    if pos >= len(text):
        return orjson.JSONDecodeError("unexpected end of data", text, len(text))
    return orjson.JSONDecodeError(f"{what}, found {text[pos]!r}", text, pos)


def _key(text: str, pos: int) -> tuple[str, int]:
    """An object key and its colon, from ``pos`` (whitespace before the key is skipped)."""
    pos = _skip(text, pos)
    if text[pos:pos + 1] != '"':
        raise _error(text, pos, "expected a string key")
    try:
        key, pos = scanstring(text, pos + 1, True)
    except json.JSONDecodeError as exc:
        raise _string_error(text, exc) from None
    pos = _skip(text, pos)
    if text[pos:pos + 1] != ":":
        raise _error(text, pos, "expected ':' after an object key")
    return key, pos + 1


def _string_error(text: str, exc: json.JSONDecodeError) -> orjson.JSONDecodeError:
    if exc.msg.startswith("Unterminated string") or (exc.msg.startswith("Invalid \\") and exc.pos >= len(text) - 6):
        return orjson.JSONDecodeError("unexpected end of data", text, len(text))
    return orjson.JSONDecodeError(f"invalid string: {exc.msg}", text, exc.pos)


def _scan(text: str, pos: int) -> tuple[Any, int]:
    """The JSON value that starts at ``pos``, and the index just after it."""
    n = len(text)
    ws = _skip
    stack: list[Any] = []  # the open containers, innermost last
    keys: list[str] = []  # the pending key of each open object (lists push "")
    while True:
        # a value starts here
        pos = ws(text, pos)
        c = text[pos:pos + 1]
        value: Any
        if c == '"':
            try:
                value, pos = scanstring(text, pos + 1, True)
            except json.JSONDecodeError as exc:
                raise _string_error(text, exc) from None
        elif c == "[" or c == "{":
            after = ws(text, pos + 1)
            if text[after:after + 1] == ("]" if c == "[" else "}"):
                value, pos = ([] if c == "[" else {}), after + 1
            elif c == "[":
                stack.append([])
                keys.append("")
                pos += 1
                continue
            else:
                stack.append({})
                key, pos = _key(text, pos + 1)
                keys.append(key)
                continue
        elif c == "-" or (c and "0" <= c <= "9"):
            m = _NUMBER.match(text, pos)
            if m is None:
                raise _error(text, pos + 1, "invalid number")
            pos = m.end()
            value = float(m.group()) if m.group(1) or m.group(2) else int(m.group())
        else:
            for word, literal in _LITERALS:
                if text.startswith(word, pos):
                    value, pos = literal, pos + len(word)
                    break
            else:
                rest = text[pos:pos + 5]
                if rest and pos + len(rest) == n and any(w.startswith(rest) for w, _ in _LITERALS):
                    raise _error(text, n, "a literal cut short")
                raise _error(text, pos, "expected a value")
        # the value is complete: put it in its container, and close the containers that end here
        while True:
            if not stack:
                return value, pos
            top = stack[-1]
            pos = ws(text, pos)
            c = text[pos:pos + 1]
            if type(top) is list:
                top.append(value)
                if c == ",":
                    pos += 1
                    break
                if c != "]":
                    raise _error(text, pos, "expected ',' or ']' in an array")
            else:
                top[keys[-1]] = value
                if c == ",":
                    keys[-1], pos = _key(text, pos + 1)
                    break
                if c != "}":
                    raise _error(text, pos, "expected ',' or '}' in an object")
            pos += 1
            value = stack.pop()
            keys.pop()


def dumps(value: Any) -> bytes:
    """``orjson.dumps``, and for a value orjson refuses (nested deeper than it writes, a lone surrogate) the same
    compact JSON written with an explicit stack (non-ASCII escaped)."""
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError
        return _dumps_deep(value).encode("ascii")


_END = object()


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return encode_basestring_ascii(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value) if math.isfinite(value) else "null"
    msg = f"Type is not JSON serializable: {type(value).__name__}"
    raise TypeError(msg)


def _dumps_deep(value: Any) -> str:
    out: list[str] = []
    emit = out.append
    stack: list[tuple[Iterator[Any], bool]] = []  # (iterator over a container's items, is an object)
    first: list[bool] = []
    while True:
        if isinstance(value, dict):
            emit("{")
            stack.append((iter(value.items()), True))
            first.append(True)
        elif isinstance(value, (list, tuple)):
            emit("[")
            stack.append((iter(value), False))
            first.append(True)
        else:
            emit(_scalar(value))
        while stack:
            items, is_object = stack[-1]
            item: Any = next(items, _END)
            if item is _END:
                emit("}" if is_object else "]")
                stack.pop()
                first.pop()
                continue
            if not first[-1]:
                emit(",")
            first[-1] = False
            if is_object:
                key, value = item
                if not isinstance(key, str):
                    msg = "Dict key must be str"
                    raise TypeError(msg)
                emit(encode_basestring_ascii(key))
                emit(":")
            else:
                value = item
            break
        else:
            return "".join(out)
