"""Basic serialisation: CSSOM "serialize a string / identifier / url" and Chromium's number formatting."""

from __future__ import annotations

import math
import re

# ---------------------------------------------------------------------------------------------------------------
# Basic serialisation (CSSOM "serialize a string / identifier", Chromium's number formatting).

_WIDE_KEYWORDS = frozenset(("inherit", "initial", "unset", "revert", "revert-layer"))


def _words(text: str) -> list[str]:
    """Whitespace-separated words of a table written as text."""
    return text.split()


def _fmt(v: float) -> str:
    """A number the way Chromium prints it: six significant digits, shortest form, no negative zero."""
    if v == 0 or math.isnan(v):
        return "0"
    if v == int(v) and abs(v) < 1e6:
        return str(int(v))
    return f"{v:.6g}"


def _ser_string(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if o == 0:
            out.append("\ufffd")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\{o:x} ")
        elif ch == '"' or ch == "\\":
            out.append("\\" + ch)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_SAFE_IDENT = re.compile(r"(?:--|-?[A-Za-z_\u0080-\U0010ffff])[A-Za-z0-9_\-\u0080-\U0010ffff]*\Z")


def _ser_ident(s: str) -> str:
    if _SAFE_IDENT.match(s):
        return s
    out: list[str] = []
    n = len(s)
    for i, ch in enumerate(s):
        o = ord(ch)
        if o == 0:
            out.append("\ufffd")
        elif o < 0x20 or o == 0x7F or (i == 0 and "0" <= ch <= "9") or (i == 1 and "0" <= ch <= "9" and s[0] == "-"):
            out.append(f"\\{o:x} ")
        elif i == 0 and ch == "-" and n == 1:
            out.append("\\-")
        elif o >= 0x80 or ch == "-" or ch == "_" or ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            out.append("\\" + ch)
    return "".join(out)


def _ser_url(s: str) -> str:
    return "url(" + _ser_string(s) + ")"
