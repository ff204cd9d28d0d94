"""The state as inert HTML, for people to open.

Recorded pages are untrusted content, so the output never runs anything and fetches nothing unless asked:
``<script>``, ``<object>``, ``<embed>``, ``<base>`` and ``<meta http-equiv>`` are left out, ``on*`` attributes
and ``srcdoc`` are dropped, ``javascript:``/``vbscript:``/``data:text/html`` URLs are removed, iframes are
sandboxed, and a Content-Security-Policy that blocks scripts and (by default) every fetch heads the document.
Form state is written as attributes (``value``, ``checked``, ``selected``); style sheets as ``<style>`` text;
shadow roots as declarative ``<template shadowrootmode="open">``; iframe documents as ``srcdoc``.
"""

from __future__ import annotations

import re
from typing import Any

from ._gc import paused
from .dom import CDATA, COMMENT, DOCTYPE, DOCUMENT, ELEMENT, TEXT, Node
from .export import element_attributes
from .state import State

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen".split()
)
DROPPED_ELEMENTS = frozenset({"script", "object", "embed", "applet", "base", "noscript", "frame", "frameset",
                              "noembed", "noframes"})
#: raw-text elements whose text could not be escaped: written as <pre>, where escaped text reads the same
RAW_AS_PRE = frozenset({"xmp", "plaintext", "listing"})
URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                       "cite", "longdesc", "manifest", "ping", "codebase", "srcset", "lowsrc", "dynsrc"})
CSP_BLOCK_ALL = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                 "media-src data:; frame-src 'none'; form-action 'none'")
CSP_ALLOW_FETCH = "script-src 'none'; object-src 'none'; form-action 'none'"
_BAD_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
_CTRL = re.compile(r"[\x00-\x20\x7f]+")
_BAD_CSS = re.compile(r"(?i)expression\s*\(|javascript:|behavior\s*:|-moz-binding")
_NAME_OK = re.compile(r"^[A-Za-z_:][-A-Za-z0-9_:.]*$")


def _esc_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _esc_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _safe_css(css: str) -> str:
    css = _BAD_CSS.sub("/* removed */", css)
    return re.sub(r"(?i)</(style)", r"<\\/\1", css)


def _safe_url(value: str) -> bool:
    return not _BAD_URL.match(_CTRL.sub("", value))


def _attrs_html(tag: str, attrs: dict[str, Any], allow_fetch: bool) -> str:
    parts = []
    for name, value in attrs.items():
        lname = name.lower()
        if lname.startswith(("on", "rr_", "_")) or lname == "srcdoc":
            continue
        if not _NAME_OK.match(name):
            continue
        if lname == "http-equiv":
            continue
        if value is True:
            value = ""
        elif not isinstance(value, str):
            value = str(value)
        if lname in URL_ATTRS and not _safe_url(value):
            continue
        if lname in URL_ATTRS and not allow_fetch and tag in ("link",):
            continue
        if lname == "style":
            value = _safe_css(value)
        parts.append(f' {name}="{_esc_attr(value)}"' if value != "" else f" {name}")
    return "".join(parts)


@paused
def to_html(state: State, now: float | None = None, *, allow_fetch: bool = False, root: Node | None = None) -> str:
    """Serialize the document (or ``root``) as inert HTML text."""
    root = state.document if root is None else root
    if root is None:
        return ""
    tree = state.tree
    nodes = tree.nodes
    out: list[str] = []
    csp = CSP_ALLOW_FETCH if allow_fetch else CSP_BLOCK_ALL
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
    # stack items: a node to open, or a closing string
    stack: list[Node | str] = [root]
    meta_at = 0  # the policy goes first, right after a leading doctype, whatever the root element is
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        node = item
        ntype = node.type
        if ntype == TEXT:
            out.append(_esc_text(node.text or ""))  # raw-text elements (xmp, noembed...) too: "</" never closes
        elif ntype == COMMENT:
            out.append("<!--" + (node.text or "").replace("--", "- -").replace(">", "&gt;") + "-->")
        elif ntype == CDATA:
            continue
        elif ntype == DOCTYPE:
            name = (node.attrs or {}).get("name") or "html"
            out.append(f"<!DOCTYPE {_esc_text(name) if _NAME_OK.match(name) else 'html'}>")
            if len(out) == 1:
                meta_at = 1
        elif ntype == DOCUMENT:
            stack.extend(reversed([nodes[i] for i in node.children or ()]))
        elif ntype == ELEMENT:
            _open_element(node, state, now, out, stack, allow_fetch)
    out.insert(meta_at, meta)
    return "".join(out)


def _open_element(
    node: Node, state: State, now: float | None, out: list[str], stack: list[Node | str], allow_fetch: bool,
) -> None:
    tag = node.tag or "div"
    if tag in DROPPED_ELEMENTS or (tag == "meta" and node.attrs and "http-equiv" in node.attrs):
        return
    if not _NAME_OK.match(tag):
        tag = "div"
    elif tag in RAW_AS_PRE:
        tag = "pre"
    attrs, _ = element_attributes(node, state, now)
    css = attrs.pop("_cssText", None)
    if tag == "link" and css is not None:
        out.append(f"<style>{_safe_css(css)}</style>")
        return
    value = attrs.get("value") if tag == "textarea" else None
    if tag == "textarea":
        attrs.pop("value", None)
    if tag == "iframe":
        attrs = {k: v for k, v in attrs.items() if k.lower() != "src"}
        attrs["sandbox"] = ""
        if node.content is not None:
            inner = to_html(state, now, allow_fetch=allow_fetch, root=state.tree.nodes[node.content])
            attrs["srcdoc"] = inner
    html_attrs = _attrs_html(tag, attrs, allow_fetch)
    if tag == "iframe" and "srcdoc" in attrs:
        html_attrs += f' srcdoc="{_esc_attr(attrs["srcdoc"])}"'
    out.append(f"<{tag}{html_attrs}>")
    if tag in VOID:
        return
    stack.append(f"</{tag}>")
    if tag == "style":
        text = css if css is not None else state.tree.child_text(node)
        out.append(_safe_css(text))
        return
    if tag == "textarea":
        out.append(_esc_text(value if isinstance(value, str) else state.tree.child_text(node)))
        return
    if tag == "iframe":
        return
    nodes = state.tree.nodes
    kids: list[Node | str] = [nodes[i] for i in node.children or ()]
    if node.shadow:
        stack.extend(reversed(kids))
        stack.append("</template>")
        stack.extend(reversed([nodes[i] for i in node.shadow]))
        out.append('<template shadowrootmode="open">')
    else:
        stack.extend(reversed(kids))
