"""rrweb serialized nodes (``serializedNodeWithId``) into :mod:`rrweb_py._engine.dom` nodes.

The recorder writes some live state as attributes (``value``, ``checked: true``, ``rr_scrollTop``, ``_cssText``,
``rr_media*``). Building a node turns those back into the state they stand for, so that the export can write
them again from the *current* state. The rules, per attribute, are in docs/semantics.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .css import StyleSheet
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

#: reports a problem: (kind, node_id, detail, path); paths are lazy (see ``apply.json_path``)
Report = Callable[[str, Any, str, Any], None]

SPLIT_MARK = "/* rr_split */"
MEDIA_KEYS = {
    "rr_mediaState": "state",
    "rr_mediaCurrentTime": "time",
    "rr_mediaPlaybackRate": "rate",
    "rr_mediaMuted": "muted",
    "rr_mediaLoop": "loop",
    "rr_mediaVolume": "volume",
}
_STYLE_OWNERS = ("style", "link")
#: serialized attributes that stand for state rather than being attributes of the page
SPECIAL_NAMES = frozenset({"_cssText", "value", "checked", "rr_scrollLeft", "rr_scrollTop", *MEDIA_KEYS})


def build_node(sn: Any, report: Report, path: Any, *, added: bool = False) -> Node | None:
    """Build one serialized node without its children; ``None`` (after a report) when it is unusable.

    ``added``: the node comes from a Mutation add (a script built it), not from a snapshot of a page (see
    ``checked`` in docs/semantics.md)."""
    if type(sn) is not dict:
        report("malformed", None, f"expected a serialized node object, got {type(sn).__name__}", path)
        return None
    nid = sn.get("id")
    if type(nid) is not int:
        report("malformed", None, f"node id: expected int, got {type(nid).__name__}", (path, ".id"))
        return None
    ntype = sn.get("type")
    if ntype == ELEMENT:
        tag = sn.get("tagName")
        if type(tag) is not str or not tag:
            report("malformed", nid, "element without a tagName", (path, ".tagName"))
            return None
        flags = 0
        if "isSVG" in sn or "isCustom" in sn or "isShadowHost" in sn:
            flags = (SVG if sn.get("isSVG") else 0) | (CUSTOM if sn.get("isCustom") else 0) | (
                SHADOW_HOST if sn.get("isShadowHost") else 0)
        node = Node(nid, ELEMENT, tag if tag.islower() else tag.lower(), None, None, flags)
        raw = sn.get("attributes")
        if type(raw) is not dict:
            node.attrs = {}
        elif SPECIAL_NAMES.isdisjoint(raw) and all(type(v) is str for v in raw.values()):
            node.attrs = raw.copy()  # the common case: plain string attributes
        else:
            node.attrs = _element_attrs(node, raw, added)
        return node
    if ntype == TEXT or ntype == COMMENT or ntype == CDATA:
        text = sn.get("textContent")
        if type(text) is not str:
            text = "" if text is None else str(text)
        return Node(nid, ntype, None, None, "" if ntype == CDATA else text, 0)
    if ntype == DOCUMENT:
        node = Node(nid, DOCUMENT, None, {}, None, 0)
        compat = sn.get("compatMode")
        if isinstance(compat, str) and compat:
            node.attrs = {"compatMode": compat}
        return node
    if ntype == DOCTYPE:
        attrs = {k: _str(sn.get(k)) for k in ("name", "publicId", "systemId")}
        return Node(nid, DOCTYPE, None, attrs, None, 0)
    report("malformed", nid, f"unknown node type {ntype!r}", (path, ".type"))
    return None


def _str(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)


def _element_attrs(node: Node, raw: dict[str, Any], added: bool) -> dict[str, Any]:
    """Split serialized attributes into real attributes and node state (``props``)."""
    attrs: dict[str, Any] = {}
    tag = node.tag
    for name, value in raw.items():
        if value is None or not isinstance(name, str):
            continue
        if name == "checked" and tag == "input":
            # the serializer writes the property: true when ticked, else the page's attribute ("")
            if value is True:
                node.set_prop("checked", True)
                if added:
                    continue  # a script built it: assume it ticked the box through the property
            elif value is not False:
                node.set_prop("checked", False)
                node.set_prop("checked_dirty", True)  # attribute present, box not ticked: set directly
            value = ""
        elif name in SPECIAL_NAMES and _special_attr(node, tag, name, value):
            continue
        if value is True:
            value = ""
        elif value is False:
            continue
        elif not isinstance(value, str) and not name.startswith("rr_"):
            value = str(value)
        attrs[name] = value
    return attrs


def _special_attr(node: Node, tag: str | None, name: str, value: Any) -> bool:
    """Handle one state-carrying attribute; True when it is consumed (not kept as an attribute)."""
    if name == "_cssText":
        if tag in _STYLE_OWNERS and isinstance(value, str):
            node.set_prop("sheet", StyleSheet.from_serialized(value))
            if SPLIT_MARK in value:
                node.set_prop("css_pieces", value.split(SPLIT_MARK))
            else:
                node.set_prop("css_pieces", [value])
            return True
        return False
    if name == "value":
        if tag == "select":
            return True  # recomputed from the options
        if tag == "textarea":
            node.set_prop("default", _str(value))  # its text: the value until the user or a script sets one
            return True
        return False
    if name in ("rr_scrollLeft", "rr_scrollTop"):
        scroll = node.prop("scroll") or [0, 0]
        num = value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0
        scroll = [num, scroll[1]] if name == "rr_scrollLeft" else [scroll[0], num]
        node.set_prop("scroll", scroll)
        return True
    key = MEDIA_KEYS.get(name)
    if key is not None:
        media = node.prop("media") or {}
        media[key] = value
        node.set_prop("media", media)
        return True
    return False


def distribute_css_pieces(tree: Tree, node: Node) -> None:
    """Give the Text children of a ``<style>`` built with its children the ``_cssText`` pieces they stand for.

    The recorder writes empty text into a style's children when it captured ``_cssText``; the pieces between
    ``/* rr_split */`` markers are what each child held, so a later change to one child re-parses the right text.
    ``node`` must be writable; its text children are made writable here.
    """
    pieces = node.pop_prop("css_pieces")
    if not pieces:
        return
    texts = [i for i in node.children or () if tree.nodes[i].type == TEXT]
    for k, nid in enumerate(texts):
        if k < len(pieces):
            tree.w(nid).text = pieces[k] if k < len(texts) - 1 else "".join(pieces[k:])


def build_tree(
    sn: Any, report: Report, path: Any, tree: Tree, *, added: bool = False, checked: list[int] | None = None
) -> Node | None:
    """Build a serialized node with all its descendants, iteratively, registering them in ``tree``.

    ``checked`` collects the ids of the ticked ``<input>``s below the root (their radio groups may change).

    A node whose id is already in the tree is refused with a report (with its subtree).
    """
    root = build_node(sn, report, path, added=added)
    if root is None:
        return None
    if root.id in tree.nodes:
        report("duplicate-id", root.id, "a node with this id already exists; the copy is skipped", path)
        return None
    nodes = tree.nodes
    tree.add(root)
    stack: list[tuple[Any, Node, Any]] = [(sn, root, path)]
    styles: list[Node] = []
    while stack:
        src, node, where = stack.pop()
        if node.tag == "style":
            styles.append(node)
        kids = src.get("childNodes")
        if not kids or not isinstance(kids, list) or node.children is None:
            continue
        light = node.children
        pending = []
        for i, child_sn in enumerate(kids):
            cpath = ((where, ".childNodes"), i)
            child = build_node(child_sn, report, cpath, added=added)
            if child is None:
                continue
            if child.id in nodes:
                report("duplicate-id", child.id, "a node with this id already exists; the copy is skipped", cpath)
                continue
            tree.add(child)
            child.parent = node.id
            if checked is not None and child.props is not None and child.props.get("checked"):
                checked.append(child.id)
            if child.type == DOCUMENT and node.tag == "iframe" and node.content is None:
                node.content = child.id  # a same-origin iframe's document, written as its child
            elif child_sn.get("isShadow"):
                child.flags |= SHADOW
                if node.shadow is None:
                    node.shadow = []
                node.flags |= SHADOW_HOST
                node.shadow.append(child.id)
            else:
                light.append(child.id)
            pending.append((child_sn, child, cpath))
        stack.extend(reversed(pending))
    for style in styles:
        distribute_css_pieces(tree, style)
    return root
