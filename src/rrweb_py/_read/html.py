"""The state as inert HTML, for people to open.

Recorded pages are untrusted content, so the output never runs anything and fetches nothing unless asked:
``<script>``, ``<object>``, ``<embed>``, ``<base>`` and ``<meta http-equiv>`` are left out, ``on*`` attributes
and ``srcdoc`` are dropped, ``javascript:``/``vbscript:``/``data:text/html`` URLs are removed, iframes are
sandboxed, and a Content-Security-Policy that blocks scripts and (by default) every fetch heads the document.
Form state is written as a browser must be given it to show it: ``checked`` on exactly the ticked boxes and
radios, ``selected`` on exactly the shown options, ``value`` the current value, a textarea's text its value
(:func:`rrweb_py._read.view.shown_attributes`); style sheets as ``<style>`` text;
shadow roots as declarative ``<template shadowrootmode="open">``; iframe documents as ``srcdoc``.
"""

from __future__ import annotations

import re
from typing import Any

from .._engine.dom import CDATA, COMMENT, DOCTYPE, DOCUMENT, ELEMENT, TEXT, Node
from .._engine.state import State
from .._gc import paused
from .view import children, shown_attributes

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
def to_html(
    state: State,
    now: float | None = None,
    *,
    allow_fetch: bool = False,
    load_images: bool = False,
    node_ids: bool = False,
    root: Node | None = None,
) -> str:
    """Serialize the document (or ``root``) as inert HTML text.

    ``allow_fetch`` lets the page fetch everything but scripts (style sheets, images, fonts...);
    ``load_images`` lets only images load; ``node_ids`` writes each element's rrweb id as ``data-rrweb-id``.
    Iframe documents become ``srcdoc``: each document is written once, innermost first, without recursion.
    """
    top = state.document if root is None else root
    if top is None:
        return ""
    if allow_fetch:
        csp = CSP_ALLOW_FETCH
    elif load_images:
        csp = CSP_BLOCK_ALL.replace("img-src data:", "img-src data: http: https:")
    else:
        csp = CSP_BLOCK_ALL
    opts = _Options(now, allow_fetch, node_ids, f'<meta http-equiv="Content-Security-Policy" content="{csp}">')
    docs = [top]
    written: list[tuple[list[str], list[tuple[int, int]]]] = []
    k = 0
    while k < len(docs):  # breadth first over the nested documents; each refers to later ones by index
        parts, inner = _document_parts(docs[k], state, opts)
        slots = []
        for at, doc in inner:
            slots.append((at, len(docs)))
            docs.append(doc)
        written.append((parts, slots))
        k += 1
    html: list[str] = [""] * len(docs)
    for k in range(len(docs) - 1, -1, -1):
        parts, slots = written[k]
        for at, j in slots:
            parts[at] = f' srcdoc="{_esc_attr(html[j])}"'
        html[k] = "".join(parts)
    return html[0]


class _Options:
    __slots__ = ("allow_fetch", "meta", "node_ids", "now")

    def __init__(self, now: float | None, allow_fetch: bool, node_ids: bool, meta: str) -> None:
        self.now = now
        self.allow_fetch = allow_fetch
        self.node_ids = node_ids
        self.meta = meta


def _document_parts(root: Node, state: State, opts: _Options) -> tuple[list[str], list[tuple[int, Node]]]:
    """The HTML of ``root`` as parts, with the iframe documents it holds: (index of the part that takes the
    ``srcdoc`` attribute, the document)."""
    tree = state.tree
    out: list[str] = []
    inner: list[tuple[int, Node]] = []
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
            stack.extend(reversed(children(tree, node).light))
        elif ntype == ELEMENT:
            _open_element(node, state, opts, out, stack, inner)
    out.insert(meta_at, opts.meta)
    return out, [(at + 1 if at >= meta_at else at, doc) for at, doc in inner]


def _open_element(
    node: Node, state: State, opts: _Options, out: list[str], stack: list[Node | str],
    inner: list[tuple[int, Node]],
) -> None:
    tag = node.tag or "div"
    if tag in DROPPED_ELEMENTS or (tag == "meta" and node.attrs and "http-equiv" in node.attrs):
        return
    if not _NAME_OK.match(tag):
        tag = "div"
    elif tag in RAW_AS_PRE:
        tag = "pre"
    attrs, text = shown_attributes(node, state, opts.now)
    css = attrs.pop("_cssText", None)
    if tag == "link" and css is not None:
        out.append(f"<style>{_safe_css(css)}</style>")
        return
    if opts.node_ids:
        attrs["data-rrweb-id"] = str(node.id)
    kids = children(state.tree, node)
    if tag == "iframe":
        attrs = {k: v for k, v in attrs.items() if k.lower() not in ("src", "srcdoc")}
        attrs["sandbox"] = ""
    out.append(f"<{tag}{_attrs_html(tag, attrs, opts.allow_fetch)}")
    if tag == "iframe" and kids.document is not None:
        inner.append((len(out), kids.document))
        out.append("")  # the srcdoc attribute, filled in once the inner document is written
    out.append(">")
    if tag in VOID:
        return
    stack.append(f"</{tag}>")
    if tag == "style":
        out.append(_safe_css(css if css is not None else state.tree.child_text(node)))
        return
    if tag == "textarea":
        value = text if text is not None else state.tree.child_text(node)
        # a parser drops one newline right after <textarea>: keep a leading one by writing it twice
        out.append(_esc_text("\n" + value if value.startswith("\n") else value))
        return
    if tag == "iframe":
        return
    stack.extend(reversed(kids.light))
    if kids.shadow:
        stack.append("</template>")
        stack.extend(reversed(kids.shadow))
        out.append('<template shadowrootmode="open">')
