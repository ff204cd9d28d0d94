"""The live DOM model: nodes, the id mirror, tree operations and cloning.

Knows nothing about events or time. Every walk is iterative, so a document of any depth is safe.

A node keeps only what the page's DOM had: the tree (``parent``, ``children``, ``shadow`` for the children of an
open shadow root, ``content`` for the document of a same-origin ``<iframe>``), the tag, the attributes as the
page had them and the text. State that is not an attribute (form values, scroll offsets, the CSSOM sheet, media
state) lives in ``props``, a small dict that is ``None`` for most nodes.
"""

from __future__ import annotations

from typing import Any

DOCUMENT = 0
DOCTYPE = 1
ELEMENT = 2
TEXT = 3
CDATA = 4
COMMENT = 5

# flags
SVG = 1
CUSTOM = 2
SHADOW_HOST = 4
SHADOW = 8  # the node is a child of its parent's shadow root


class Node:
    """One DOM node. ``attrs`` is the element's attribute dict (doctype: name/publicId/systemId)."""

    __slots__ = ("attrs", "children", "content", "flags", "id", "parent", "props", "shadow", "tag", "text", "type")

    def __init__(
        self,
        node_id: int,
        node_type: int,
        tag: str | None = None,
        attrs: dict[str, Any] | None = None,
        text: str | None = None,
        flags: int = 0,
    ) -> None:
        self.id = node_id
        self.type = node_type
        self.tag = tag
        self.attrs = attrs
        self.text = text
        self.flags = flags
        self.parent: Node | None = None
        self.children: list[Node] | None = [] if node_type in (DOCUMENT, ELEMENT) else None
        self.shadow: list[Node] | None = None
        self.content: Node | None = None
        self.props: dict[str, Any] | None = None

    def __repr__(self) -> str:
        if self.type == ELEMENT:
            return f"<Node #{self.id} <{self.tag}>>"
        return f"<Node #{self.id} type={self.type}>"

    def prop(self, key: str, default: Any = None) -> Any:
        """Read one entry of ``props``."""
        props = self.props
        return default if props is None else props.get(key, default)

    def set_prop(self, key: str, value: Any) -> None:
        """Write one entry of ``props``."""
        if self.props is None:
            self.props = {key: value}
        else:
            self.props[key] = value

    def pop_prop(self, key: str) -> Any:
        """Remove one entry of ``props`` and return it."""
        props = self.props
        return None if props is None else props.pop(key, None)


def iter_subtree(root: Node) -> list[Node]:
    """Every node under ``root`` (itself included) in document order: light children, shadow children, and the
    document of an iframe."""
    out: list[Node] = []
    stack = [root]
    pop = stack.pop
    push = out.append
    while stack:
        n = pop()
        push(n)
        if n.content is not None:
            stack.append(n.content)
        if n.shadow:
            stack.extend(reversed(n.shadow))
        if n.children:
            stack.extend(reversed(n.children))
    return out


def is_inclusive_ancestor(candidate: Node, node: Node) -> bool:
    """True when ``candidate`` is ``node`` or one of its ancestors (through shadow hosts and iframes too)."""
    cur: Node | None = node
    while cur is not None:
        if cur is candidate:
            return True
        cur = cur.parent
    return False


def detach(node: Node) -> Node | None:
    """Remove ``node`` from its parent (light or shadow children, or an iframe's document); return the old parent."""
    parent = node.parent
    if parent is None:
        return None
    node.parent = None
    if parent.content is node:
        parent.content = None
        return parent
    siblings = parent.shadow if node.flags & SHADOW else parent.children
    if siblings is not None:
        if siblings and siblings[-1] is node:
            siblings.pop()
        else:
            for i, child in enumerate(siblings):
                if child is node:
                    del siblings[i]
                    break
    return parent


def insert(parent: Node, node: Node, before: Node | None, *, shadow: bool = False) -> None:
    """Insert a detached ``node`` into ``parent`` before ``before`` (appended when ``before`` is not a child)."""
    if shadow:
        node.flags |= SHADOW
        if parent.shadow is None:
            parent.shadow = []
        parent.flags |= SHADOW_HOST
        siblings = parent.shadow
    else:
        node.flags &= ~SHADOW
        siblings = parent.children
        if siblings is None:
            siblings = parent.children = []
    node.parent = parent
    if before is not None and before.parent is parent and bool(before.flags & SHADOW) == shadow:
        for i in range(len(siblings) - 1, -1, -1):
            if siblings[i] is before:
                siblings.insert(i, node)
                return
    siblings.append(node)


def text_content(node: Node) -> str:
    """The concatenated text of every Text/CDATA descendant (light tree only), like DOM ``textContent``."""
    if node.type in (TEXT, CDATA, COMMENT):
        return node.text or ""
    parts: list[str] = []
    stack = list(reversed(node.children or ()))
    while stack:
        n = stack.pop()
        if n.type == TEXT:
            parts.append(n.text or "")
        elif n.children:
            stack.extend(reversed(n.children))
    return "".join(parts)


def child_text(node: Node) -> str:
    """The text of the direct Text children of ``node`` (what a ``<style>`` or ``<textarea>`` holds)."""
    return "".join(c.text or "" for c in node.children or () if c.type == TEXT)


def clone_tree(root: Node, mirror: dict[int, Node]) -> Node:
    """Copy the subtree of ``root`` (shadow roots and iframe documents included), registering every copy whose
    id the original is mapped under in ``mirror``. ``props`` values that have a ``copy()`` are copied."""
    new_root = _clone_one(root)
    stack: list[tuple[Node, Node]] = [(root, new_root)]
    pop = stack.pop
    push = stack.append
    while stack:
        old, new = pop()
        mirror[old.id] = new
        kids = old.children
        if kids:
            new_kids = new.children = [_clone_one(c) for c in kids]
            for c, nc in zip(kids, new_kids, strict=True):
                nc.parent = new
                push((c, nc))
        if old.shadow is not None:
            new_shadow = new.shadow = [_clone_one(c) for c in old.shadow]
            for c, nc in zip(old.shadow, new_shadow, strict=True):
                nc.parent = new
                push((c, nc))
        if old.content is not None:
            nc = new.content = _clone_one(old.content)
            nc.parent = new
            push((old.content, nc))
    return new_root


def _clone_one(n: Node) -> Node:
    c = Node.__new__(Node)
    c.id = n.id
    c.type = n.type
    c.tag = n.tag
    c.attrs = None if n.attrs is None else n.attrs.copy()
    c.text = n.text
    c.flags = n.flags
    c.parent = None
    c.children = None if n.children is None else []
    c.shadow = None
    c.content = None
    props = n.props
    if props is None:
        c.props = None
    else:
        c.props = {k: (v.copy() if hasattr(v, "copy") else v) for k, v in props.items()}
    return c
