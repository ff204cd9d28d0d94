"""The state as rrweb's serializer would write the live page: ``serializedNodeWithId`` trees.

The rules are those of rrweb-snapshot's ``serializeElementNode`` applied to our state
(:func:`rrweb_py._read.view.rrweb_attributes`): attributes as the page has them, then the control's current value
(``value``), checkedness (``checked: true``), option selectedness (``selected: true``), the sheet's
CSSOM text (``_cssText``, a ``<style>``'s Text children then empty), media state (``rr_media*``), scroll offsets
(``rr_scrollLeft``/``rr_scrollTop``) and ``rr_open_mode`` of an open dialog.
Blocked elements (``rr_width``/``rr_height``) keep only what the recorder wrote.
"""

from __future__ import annotations

from typing import Any

from .._engine.dom import (
    CDATA,
    COMMENT,
    CUSTOM,
    DOCTYPE,
    DOCUMENT,
    ELEMENT,
    SHADOW,
    SHADOW_HOST,
    SVG,
    TEXT,
    Node,
    Tree,
)
from .._engine.state import State
from .._gc import paused
from .view import STATEFUL_TAGS, composed, rrweb_attributes

__all__ = ["STATEFUL_TAGS", "element_attributes", "scrolling_element", "to_rrweb"]

#: kept under its old name: the rules live in :mod:`rrweb_py._read.view`
element_attributes = rrweb_attributes


@paused
def to_rrweb(state: State, root: Node | None = None, now: float | None = None) -> dict[str, Any] | None:
    """Serialize ``root`` (default: the top document) into an rrweb node tree, iteratively."""
    root = state.document if root is None else root
    if root is None:
        return None
    tree = state.tree
    scrolling: dict[int, list[float]] = {}
    out_root = _shell(root, state, now, scrolling)
    stack: list[tuple[Node, dict[str, Any], bool]] = [(root, out_root, out_root.pop("__captured", False))]
    while stack:
        node, out, captured = stack.pop()
        if node.type == ELEMENT:
            if node.tag == "textarea" and captured:
                continue
            kids = composed(tree, node)
        elif node.type == DOCUMENT:
            kids = composed(tree, node)
            target = scrolling_element(state.tree, node)
            if target is not None:
                if node.id == state.doc:
                    scrolling[target.id] = [state.scroll_x, state.scroll_y]
                else:
                    scrolling[target.id] = node.prop("scroll") or [0, 0]
        else:
            continue
        child_list = out["childNodes"]
        for child in kids:
            c = _shell(child, state, now, scrolling)
            if captured and child.type == TEXT:
                c["textContent"] = ""
            child_list.append(c)
            if child.type == ELEMENT or child.type == DOCUMENT:
                stack.append((child, c, c.pop("__captured", False)))
    return out_root


def scrolling_element(tree: Tree, doc: Node) -> Node | None:
    """``document.scrollingElement``: the root ``<html>``, or its ``<body>`` in quirks mode."""
    root = next((c for c in tree.kids(doc) if c.type == ELEMENT), None)
    if root is None or not (doc.attrs and doc.attrs.get("compatMode") == "BackCompat"):
        return root
    return next((c for c in tree.kids(root) if c.type == ELEMENT and c.tag == "body"), None)


def _shell(node: Node, state: State, now: float | None, scrolling: dict[int, list[float]]) -> dict[str, Any]:
    ntype = node.type
    if ntype == ELEMENT:
        attrs, captured = rrweb_attributes(node, state, now, scrolling.get(node.id))
        out: dict[str, Any] = {"type": ELEMENT, "tagName": node.tag, "attributes": attrs, "childNodes": [], "id": node.id}
        flags = node.flags
        if flags & SVG:
            out["isSVG"] = True
        if flags & CUSTOM:
            out["isCustom"] = True
        if flags & SHADOW_HOST or node.shadow:
            out["isShadowHost"] = True
        if flags & SHADOW:
            out["isShadow"] = True
        if captured:
            out["__captured"] = True
        return out
    if ntype == TEXT or ntype == COMMENT or ntype == CDATA:
        out = {"type": ntype, "textContent": node.text or "", "id": node.id}
        if node.flags & SHADOW:
            out["isShadow"] = True
        return out
    if ntype == DOCUMENT:
        out = {"type": DOCUMENT, "childNodes": [], "id": node.id}
        compat = node.attrs.get("compatMode") if node.attrs else None
        if compat:
            out["compatMode"] = compat
        return out
    if ntype == DOCTYPE:
        a = node.attrs or {}
        out = {"type": DOCTYPE, "name": a.get("name", ""), "publicId": a.get("publicId", ""),
               "systemId": a.get("systemId", ""), "id": node.id}
        if node.flags & SHADOW:
            out["isShadow"] = True
        return out
    msg = f"unknown node type {ntype}"  # pragma: no cover - nodes are only built with known types
    raise AssertionError(msg)
