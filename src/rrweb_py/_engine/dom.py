"""The live DOM model: nodes, the id mirror (:class:`Tree`), tree operations, walks.

Knows nothing about events or time. Every walk is iterative, so a document of any depth is safe.

Nodes link by id: ``parent`` is the parent's id, ``children`` the ids of the light children, ``shadow`` the ids
of the children of an open shadow root, ``content`` the id of a same-origin ``<iframe>``'s document. A
:class:`Tree` maps ids to nodes. Trees share nodes copy-on-write: :meth:`Tree.copy` copies only the id map
(a checkpoint costs a dict copy), and :meth:`Tree.w` gives a node that this tree may change, copying it first
if another tree may still see it. Every change of a node goes through ``w``.

A node keeps only what the page's DOM had: the tree, the tag, the attributes as the page had them and the text.
State that is not an attribute (form values, scroll offsets, the CSSOM sheet, media state) lives in ``props``,
a small dict that is ``None`` for most nodes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from .._protocol import NodeType

# node types (plain ints: every walk compares them)
DOCUMENT = int(NodeType.DOCUMENT)
DOCTYPE = int(NodeType.DOCUMENT_TYPE)
ELEMENT = int(NodeType.ELEMENT)
TEXT = int(NodeType.TEXT)
CDATA = int(NodeType.CDATA)
COMMENT = int(NodeType.COMMENT)

# flags (ours, not rrweb's: bits of Node.flags)
SVG = 1
CUSTOM = 2
SHADOW_HOST = 4
SHADOW = 8  # the node is a child of its parent's shadow root

_generations = itertools.count(1)


class Node:
    """One DOM node. ``attrs`` is the element's attribute dict (doctype: name/publicId/systemId; document:
    compatMode)."""

    __slots__ = ("attrs", "children", "content", "flags", "gen", "id", "parent", "props", "shadow", "tag", "text",
                 "type")

    def __init__(
        self,
        node_id: int,
        node_type: int,
        tag: str | None = None,
        attrs: dict[str, Any] | None = None,
        text: str | None = None,
        flags: int = 0,
        gen: int = 0,
    ) -> None:
        self.id = node_id
        self.type = node_type
        self.tag = tag
        self.attrs = attrs
        self.text = text
        self.flags = flags
        self.gen = gen
        self.parent: int | None = None
        self.children: list[int] | None = [] if node_type in (DOCUMENT, ELEMENT) else None
        self.shadow: list[int] | None = None
        self.content: int | None = None
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
        """Write one entry of ``props`` (the node must be writable: see :meth:`Tree.w`)."""
        if self.props is None:
            self.props = {key: value}
        else:
            self.props[key] = value

    def pop_prop(self, key: str) -> Any:
        """Remove one entry of ``props`` and return it (the node must be writable)."""
        props = self.props
        return None if props is None else props.pop(key, None)


def _copy_node(n: Node, gen: int) -> Node:
    c = Node.__new__(Node)
    c.id = n.id
    c.type = n.type
    c.tag = n.tag
    c.attrs = None if n.attrs is None else n.attrs.copy()
    c.text = n.text
    c.flags = n.flags
    c.gen = gen
    c.parent = n.parent
    c.children = None if n.children is None else n.children.copy()
    c.shadow = None if n.shadow is None else n.shadow.copy()
    c.content = n.content
    props = n.props
    if props is None:
        c.props = None
    else:
        c.props = {k: (v.copy() if hasattr(v, "copy") else v) for k, v in props.items()}
    return c


class Tree:
    """The nodes of one page by id: the document, everything in it, and documents waiting for their iframe."""

    __slots__ = ("gen", "nodes")

    def __init__(self, nodes: dict[int, Node] | None = None) -> None:
        self.nodes: dict[int, Node] = {} if nodes is None else nodes
        self.gen = next(_generations)

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, nid: object) -> bool:
        return nid in self.nodes

    def get(self, nid: Any) -> Node | None:
        """The node with that id, to read (``None`` if there is none)."""
        return self.nodes.get(nid)

    def w(self, nid: int) -> Node:
        """The node with that id, to change: copied first if another tree may share it."""
        node = self.nodes[nid]
        if node.gen != self.gen:
            node = self.nodes[nid] = _copy_node(node, self.gen)
        return node

    def add(self, node: Node) -> None:
        """Register a new node (owned by this tree)."""
        node.gen = self.gen
        self.nodes[node.id] = node

    def copy(self) -> Tree:
        """A tree with the same nodes; from now on both copy a node before changing it."""
        new = Tree(self.nodes.copy())
        self.gen = next(_generations)
        return new

    # ------------------------------------------------------------------------------------------ structure

    def insert(self, parent_id: int, nid: int, before_id: int | None, *, shadow: bool = False) -> None:
        """Insert the detached node ``nid`` into ``parent_id`` before ``before_id`` (appended when ``before_id``
        is not a child of the same list)."""
        parent = self.w(parent_id)
        node = self.w(nid)
        if shadow:
            node.flags |= SHADOW
            if parent.shadow is None:
                parent.shadow = []
            parent.flags |= SHADOW_HOST
            siblings = parent.shadow
        else:
            node.flags &= ~SHADOW
            if parent.children is None:
                parent.children = []
            siblings = parent.children
        node.parent = parent_id
        if before_id is not None:
            before = self.nodes.get(before_id)
            if before is not None and before.parent == parent_id and bool(before.flags & SHADOW) == shadow:
                siblings.insert(siblings.index(before_id), nid)
                return
        siblings.append(nid)

    def insert_new(self, parent_id: int, node: Node, before_id: int | None) -> None:
        """Insert a node just built for this tree (not in the shadow root) - the hot path of Mutation adds."""
        parent = self.nodes[parent_id]
        if parent.gen != self.gen:
            parent = self.nodes[parent_id] = _copy_node(parent, self.gen)
        siblings = parent.children
        if siblings is None:
            siblings = parent.children = []
        node.parent = parent_id
        if before_id is not None:
            before = self.nodes.get(before_id)
            if before is not None and before.parent == parent_id and not before.flags & SHADOW:
                siblings.insert(siblings.index(before_id), node.id)
                return
        siblings.append(node.id)

    def set_content(self, iframe_id: int, doc_id: int) -> None:
        """Make ``doc_id`` the document of the iframe ``iframe_id``."""
        iframe = self.w(iframe_id)
        doc = self.w(doc_id)
        iframe.content = doc_id
        doc.parent = iframe_id

    def detach(self, nid: int) -> int | None:
        """Remove ``nid`` from its parent (light or shadow children, or an iframe's document); return the old
        parent's id."""
        node = self.nodes[nid]
        pid = node.parent
        if pid is None:
            return None
        node = self.w(nid)
        node.parent = None
        parent = self.w(pid)
        if parent.content == nid:
            parent.content = None
            return pid
        siblings = parent.shadow if node.flags & SHADOW else parent.children
        if siblings:
            if siblings[-1] == nid:
                siblings.pop()
            elif nid in siblings:
                siblings.remove(nid)
        return pid

    def drop(self, nid: int) -> None:
        """Forget ``nid`` and every node under it (the caller detached it)."""
        nodes = self.nodes
        for i in self.subtree(nid):
            nodes.pop(i, None)

    # ------------------------------------------------------------------------------------------ walks

    def subtree(self, nid: int) -> list[int]:
        """Ids under ``nid`` (itself included) in document order: light children, shadow children, then an
        iframe's document."""
        nodes = self.nodes
        out: list[int] = []
        stack = [nid]
        pop = stack.pop
        push = out.append
        while stack:
            i = pop()
            n = nodes.get(i)
            if n is None:
                continue
            push(i)
            if n.content is not None:
                stack.append(n.content)
            if n.shadow:
                stack.extend(reversed(n.shadow))
            if n.children:
                stack.extend(reversed(n.children))
        return out

    def iter_nodes(self, nid: int) -> Iterator[Node]:
        """Nodes under ``nid`` (itself included) in document order."""
        nodes = self.nodes
        for i in self.subtree(nid):
            yield nodes[i]

    def kids(self, node: Node) -> list[Node]:
        """The light children of ``node`` as nodes."""
        nodes = self.nodes
        return [nodes[i] for i in node.children or ()]

    def parent_of(self, node: Node) -> Node | None:
        """The parent node (``None`` at the top or when detached)."""
        return None if node.parent is None else self.nodes.get(node.parent)

    def is_inclusive_ancestor(self, candidate: int, nid: int) -> bool:
        """True when ``candidate`` is ``nid`` or one of its ancestors (through shadow hosts and iframes too)."""
        nodes = self.nodes
        cur: int | None = nid
        while cur is not None:
            if cur == candidate:
                return True
            node = nodes.get(cur)
            cur = None if node is None else node.parent
        return False

    def next_sibling(self, nid: int) -> int | None:
        """The id of the light sibling after ``nid``."""
        node = self.nodes[nid]
        parent = self.nodes.get(node.parent) if node.parent is not None else None
        if parent is None or not parent.children or node.flags & SHADOW:
            return None
        kids = parent.children
        k = kids.index(nid) if nid in kids else -1
        return kids[k + 1] if 0 <= k < len(kids) - 1 else None

    def text_content(self, node: Node) -> str:
        """The concatenated text of every Text descendant (light tree only), like DOM ``textContent``."""
        if node.type in (TEXT, CDATA, COMMENT):
            return node.text or ""
        nodes = self.nodes
        parts: list[str] = []
        stack = list(reversed(node.children or ()))
        while stack:
            n = nodes[stack.pop()]
            if n.type == TEXT:
                parts.append(n.text or "")
            elif n.children:
                stack.extend(reversed(n.children))
        return "".join(parts)

    def child_text(self, node: Node) -> str:
        """The text of the direct Text children of ``node`` (what a ``<style>`` or ``<textarea>`` holds)."""
        nodes = self.nodes
        return "".join(nodes[i].text or "" for i in node.children or () if nodes[i].type == TEXT)
