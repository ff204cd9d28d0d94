"""Which rules cover a node at one moment: a small bit set per node, computed from the page's tree.

``TEXT``: a text rule covers the node (it or an ancestor matches ``mask_text``, or ``mask_all_text``);
``INPUT``: an input rule covers it (``mask_inputs``, ``mask_all_inputs``); ``BLOCKED``: the element matches
``block``; ``HIDDEN``: it is inside a blocked element, so the redacted page does not have it. Masks inherit through
shadow hosts and into an ``<iframe>``'s document (stricter than rrweb's ``closest()``, which stops at a shadow
root: a rule on a container hides what the container shows), while each selector matches in its own tree scope.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._read.engine import ELEMENT, Node
from .rules import Rules

TEXT = 1
INPUT = 2
HIDDEN = 4
BLOCKED = 8
#: what a node of unknown place is written with: every mask on
UNKNOWN = TEXT | INPUT

Nodes = dict[int, Node]


def inherit(status: int) -> int:
    """What a child starts from, given its parent's status."""
    if status & (HIDDEN | BLOCKED):
        return HIDDEN | (status & (TEXT | INPUT))
    return status


class Statuses:
    """Statuses of the nodes of one page, computed on demand and cached until :meth:`reset` (call it whenever the
    page changes)."""

    __slots__ = ("base", "block", "cache", "inputs", "nodes", "static", "texts")

    def __init__(self, rules: Rules) -> None:
        self.base = (TEXT if rules.mask_all_text else 0) | (INPUT if rules.mask_all_inputs else 0)
        self.texts = rules.text_selectors
        self.inputs = rules.input_selectors
        self.block = rules.block_selectors
        #: no selector: every node has the base status
        self.static = not (self.texts or self.inputs or self.block)
        self.nodes: Nodes = {}
        self.cache: dict[int, int] = {}

    def reset(self, nodes: Nodes) -> None:
        self.nodes = nodes
        self.cache.clear()

    def own(self, node: Node, inherited: int) -> int:
        """The status of ``node`` given what it inherits from its parent."""
        if inherited & HIDDEN or node.type != ELEMENT:
            return inherited
        nodes = self.nodes
        s = inherited
        if not s & TEXT:
            for sel in self.texts:
                if sel.matches(nodes, node):
                    s |= TEXT
                    break
        if not s & INPUT:
            for sel in self.inputs:
                if sel.matches(nodes, node):
                    s |= INPUT
                    break
        for sel in self.block:
            if sel.matches(nodes, node):
                return s | BLOCKED
        return s

    def of(self, nid: object) -> int | None:
        """The status of the node with id ``nid`` (``None`` when the page has no such node)."""
        if self.static:
            return self.base if nid in self.nodes else None
        cache = self.cache
        got: int | None = cache.get(nid)  # type: ignore[call-overload]
        if got is not None:
            return got
        nodes = self.nodes
        node = nodes.get(nid)  # type: ignore[call-overload]
        if node is None:
            return None
        chain = []
        while node is not None:
            chain.append(node)
            pid = node.parent
            if pid is None or pid in cache:
                break
            node = nodes.get(pid)
        top = chain[-1]
        s = inherit(cache[top.parent]) if top.parent is not None and top.parent in cache else self.base
        for n in reversed(chain):
            s = self.own(n, s)
            cache[n.id] = s
            s = inherit(s)
        return cache[chain[0].id]

    def below(self, root: int) -> Iterator[tuple[Node, int]]:
        """Each node under ``root`` (itself included) with its status, parents before children; nothing under a
        hidden node is visited."""
        start = self.of(root)
        if start is None:
            return
        nodes = self.nodes
        cache = self.cache
        stack = [(nodes[root], start)]
        while stack:
            node, s = stack.pop()
            cache[node.id] = s
            yield node, s
            if s & HIDDEN:
                continue
            down = inherit(s)
            kids = [*(node.children or ()), *(node.shadow or ())]
            if node.content is not None:
                kids.append(node.content)
            for i in reversed(kids):
                child = nodes.get(i)
                if child is not None:
                    got = cache.get(i)
                    stack.append((child, got if got is not None else self.own(child, down)))
