"""rrweb's packer (``@rrweb/packer`` v1): each event a zlib-compressed latin-1 string."""

from __future__ import annotations

from typing import Any

from ..errors import DecodeError, describe_type
from . import transport
from .transport import _ZLIB_SECOND, Decoded, _loads, inflate


def _is_packed(text: str) -> bool:
    return len(text) > 2 and text[0] == "x" and ord(text[1]) in _ZLIB_SECOND and (0x78 * 256 + ord(text[1])) % 31 == 0


def _unpack(text: str, out: Decoded, where: str) -> dict[str, Any] | None:
    """One ``@rrweb/packer`` string (the event as packed: the caller fixes it like any other): ``strFromU8(zlibSync(strToU8(JSON.stringify({...e, v: "v1"}))), true)``."""
    out.note_format("rrweb packer v1 strings")
    try:
        raw = text.encode("latin-1")
        inflated, _ = inflate(raw, transport.MAX_EVENT_BYTES, where)
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
    return ev
