"""The state as rrweb's serializer would write the live page: ``serializedNodeWithId`` trees.

The rules are those of rrweb-snapshot's ``serializeElementNode`` applied to our state: attributes as the page
has them, then the control's current value (``value``), checkedness (``checked: true``), option selectedness
(``selected: true``), the sheet's CSSOM text (``_cssText``, a ``<style>``'s Text children then empty), media
state (``rr_media*``), scroll offsets (``rr_scrollLeft``/``rr_scrollTop``) and ``rr_open_mode`` of an open
dialog. Blocked elements (``rr_width``/``rr_height``) keep only what the recorder wrote.
"""

from __future__ import annotations

from typing import Any

from . import forms
from ._gc import paused
from .apply import media_time
from .css import fix_browser_compatibility
from .dom import (
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
from .sheets import sheet_of
from .state import State

#: elements whose serialisation writes state on top of their attributes
STATEFUL_TAGS = frozenset({"style", "link", "input", "textarea", "select", "option", "dialog", "audio", "video"})
_MEDIA_OUT = (
    ("state", "rr_mediaState"),
    ("time", "rr_mediaCurrentTime"),
    ("rate", "rr_mediaPlaybackRate"),
    ("muted", "rr_mediaMuted"),
    ("loop", "rr_mediaLoop"),
    ("volume", "rr_mediaVolume"),
)


def element_attributes(
    node: Node, state: State, now: float | None, scroll: list[float] | None = None
) -> tuple[dict[str, Any], bool]:
    """The attributes rrweb's serializer would write for an element, and whether its text children are
    written empty (a ``<style>`` whose CSS went into ``_cssText``) or skipped (a ``<textarea>`` with a value)."""
    attrs = node.attrs.copy() if node.attrs else {}
    tag = node.tag
    if tag not in STATEFUL_TAGS and node.props is None and scroll is None:
        return attrs, False  # the common case: the attributes are all there is
    if "rr_width" in attrs and "rr_height" in attrs:  # blocked: the recorder wrote class and size only
        return attrs, False
    css_captured = False
    if tag == "style" or tag == "link":
        sheet = sheet_of(state.tree, node, state.href)
        css = fix_browser_compatibility(sheet.css_text()) if sheet is not None else ""
        if css:
            if tag == "link":
                attrs.pop("rel", None)
                attrs.pop("href", None)
            attrs["_cssText"] = css
            css_captured = True
    elif tag == "input" or tag == "textarea" or tag == "select":
        value = forms.current_value(state.tree, node)
        if attrs.get("type") not in forms.NO_VALUE_TYPES and value:
            attrs["value"] = value
            if tag == "textarea":
                css_captured = True  # children are not written
        elif tag == "input" and forms.is_checked(node):
            attrs["checked"] = True
    elif tag == "option":
        if forms.option_selected(state.tree, node):
            attrs["selected"] = True
        else:
            attrs.pop("selected", None)
    elif tag == "dialog":
        if "open" in attrs:
            attrs.setdefault("rr_open_mode", "non-modal")
        else:
            attrs.pop("rr_open_mode", None)
    elif tag == "audio" or tag == "video":
        media = node.prop("media") or {}
        defaults = {"state": "played" if "autoplay" in attrs else "paused", "time": 0, "rate": 1,
                    "muted": "muted" in attrs, "loop": "loop" in attrs, "volume": 1}
        for key, name in _MEDIA_OUT:
            if key == "time" and now is not None and media:
                attrs[name] = media_time(media, now)
            else:
                attrs[name] = media.get(key, defaults[key])
    if scroll is None:
        scroll = node.prop("scroll")
    if scroll is not None:
        if scroll[0]:
            attrs["rr_scrollLeft"] = scroll[0]
        if scroll[1]:
            attrs["rr_scrollTop"] = scroll[1]
    return attrs, css_captured


@paused
def to_rrweb(state: State, root: Node | None = None, now: float | None = None) -> dict[str, Any] | None:
    """Serialize ``root`` (default: the top document) into an rrweb node tree, iteratively."""
    root = state.document if root is None else root
    if root is None:
        return None
    nodes = state.tree.nodes
    scrolling: dict[int, list[float]] = {}
    out_root = _shell(root, state, now, scrolling)
    stack: list[tuple[Node, dict[str, Any], bool]] = [(root, out_root, out_root.pop("__captured", False))]
    while stack:
        node, out, captured = stack.pop()
        if node.type == ELEMENT:
            if node.tag == "textarea" and captured:
                continue
            kids: list[Node] = [nodes[i] for i in node.children or ()]
            if node.shadow:
                kids.extend(nodes[i] for i in node.shadow)
            if node.content is not None:
                kids.append(nodes[node.content])
        elif node.type == DOCUMENT:
            kids = [nodes[i] for i in node.children or ()]
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
        attrs, captured = element_attributes(node, state, now, scrolling.get(node.id))
        out: dict[str, Any] = {"type": 2, "tagName": node.tag, "attributes": attrs, "childNodes": [], "id": node.id}
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
        out = {"type": 0, "childNodes": [], "id": node.id}
        compat = node.attrs.get("compatMode") if node.attrs else None
        if compat:
            out["compatMode"] = compat
        return out
    if ntype == DOCTYPE:
        a = node.attrs or {}
        out = {"type": 1, "name": a.get("name", ""), "publicId": a.get("publicId", ""),
               "systemId": a.get("systemId", ""), "id": node.id}
        if node.flags & SHADOW:
            out["isShadow"] = True
        return out
    msg = f"unknown node type {ntype}"  # pragma: no cover - nodes are only built with known types
    raise AssertionError(msg)
