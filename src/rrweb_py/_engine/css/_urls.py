"""``url()`` values made absolute against a base URL, the way rrweb's ``absolutifyURLs`` does."""

from __future__ import annotations

import re

from ._properties import Decl


def _absolutify(value: str, base: str | None) -> str:
    if not base or "url(" not in value:
        return value
    return _URL_IN_CSS.sub(lambda m: _absolutify_match(m, base), value)


_URL_IN_CSS = re.compile(r"""url\((?:(')([^']*)'|(")(.*?)"|([^)]*))\)""")
_URL_PROTOCOL = re.compile(r"^(?:[a-z+]+:)?//", re.IGNORECASE)
_URL_WWW = re.compile(r"^www\..*", re.IGNORECASE)
_DATA_URI = re.compile(r"^(data:)([^,]*),(.*)", re.IGNORECASE | re.DOTALL)
_BLOB_URI = re.compile(r"^blob:", re.IGNORECASE)


def _extract_origin(url: str) -> str:
    if "//" in url:
        origin = "/".join(url.split("/")[:3])
    else:
        origin = url.split("/")[0]
    return origin.split("?")[0]


def _absolutify_match(m: re.Match[str], href: str) -> str:
    """rrweb-snapshot's absolutifyURLs, one match."""
    file_path = m.group(2) or m.group(4) or m.group(5)
    quote = m.group(1) or m.group(3) or ""
    if not file_path:
        return m.group(0)
    if _URL_PROTOCOL.match(file_path) or _URL_WWW.match(file_path):
        return "url(" + quote + file_path + quote + ")"
    if _DATA_URI.match(file_path) or _BLOB_URI.match(file_path):
        return "url(" + quote + file_path + quote + ")"
    if file_path[0] == "#":
        return "url(" + quote + file_path + quote + ")"
    if file_path[0] == "/":
        return "url(" + quote + _extract_origin(href) + file_path + quote + ")"
    no_hash = file_path.split("#")[0]
    maybe_hash = file_path[len(no_hash):]
    stack = href.split("#")[0].split("/")
    stack.pop()
    for part in no_hash.split("/"):
        if part == ".":
            continue
        if part == "..":
            if stack:
                stack.pop()
        else:
            stack.append(part)
    return "url(" + quote + "/".join(stack) + maybe_hash + quote + ")"


def _decls_with_base(decls: list[Decl], base: str | None) -> list[Decl]:
    if not base:
        return decls
    out = []
    for d in decls:
        if "url(" in d.value:
            nd = Decl(d.name, _absolutify(d.value, base), d.important, d.implicit, d.pending)
            nd.flags = d.flags
            out.append(nd)
        else:
            out.append(d)
    return out
