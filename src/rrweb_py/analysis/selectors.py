"""When elements matching a CSS selector were in the document, and the lifetime of any node.

A selector is matched natively on the state's nodes (right to left, like a browser) for the common forms: type,
``#id``, ``.class``, every attribute operator, ``:not()``, the four combinators and the structural pseudo-classes
(``:first-child``, ``:nth-of-type(2n+1)``, ``:empty``, ``:root``...). After each event only the elements the event
could have changed are matched again (added subtrees, elements whose attributes changed and, where the selector
depends on them, their descendants or siblings). Other selectors (``:checked``, ``:has()``, namespaces...) are
evaluated with :meth:`rrweb_py.Frame.select` after every event that changes the DOM: exact, but slow on long
recordings. Either way a match means what ``Frame.select`` returns at that moment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import cssselect
from cssselect import parser as css_parser

from .._protocol import EventType, IncrementalSource, NodeType
from .._read import view
from .._read.engine import ELEMENT, Node
from .._read.query import NodeView, match_ids
from ..errors import InvalidArgument
from ._span import Span
from .elements import ElementInfo, describe, element_children, is_connected, parent_element

if TYPE_CHECKING:
    from .._read.engine import State
    from .._replay.replay import ReplayCore
    from ._walk import Progress

Event = dict[str, Any]
Matcher = Callable[[Node, "State"], bool]

_STATEFUL_TAGS = frozenset({"input", "textarea", "select", "option", "style", "link", "dialog", "audio", "video"})
# plain ints for the per-event hooks
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_INCREMENTAL_SNAPSHOT = int(EventType.INCREMENTAL_SNAPSHOT)
_MUTATION = int(IncrementalSource.MUTATION)
_INPUT = int(IncrementalSource.INPUT)
_TEXT = int(NodeType.TEXT)


class Unsupported(Exception):
    """The selector needs the lxml path."""


def _attrs(node: Node, state: State) -> dict[str, Any]:
    if node.tag in _STATEFUL_TAGS or (node.props and "scroll" in node.props):
        return NodeView(state, node).attributes
    return node.attrs or {}


def _series(arguments: list[Any]) -> tuple[int, int]:
    try:
        a, b = css_parser.parse_series(arguments)
    except (ValueError, TypeError, AttributeError) as exc:
        raise Unsupported(str(exc)) from None
    return int(a), int(b)


def _nth(pos: int, a: int, b: int) -> bool:
    # pos (1-based) = a*n + b for some n >= 0
    if a == 0:
        return pos == b
    n, rem = divmod(pos - b, a)
    return rem == 0 and n >= 0


@dataclass
class Compiled:
    """A selector list compiled to a predicate on nodes, with what the incremental update must watch."""

    match: Matcher
    descendant: bool = False  # a combinator makes an element depend on its ancestors
    sibling: bool = False  # depends on siblings (+, ~, :nth-*, :first-child...)
    empty: bool = False  # :empty depends on text children
    form_state: bool = False  # reads value/checked/selected


def compile_selector(css: str) -> Compiled | None:
    """Compile ``css`` natively, or ``None`` when it needs the lxml path. Raises :class:`InvalidArgument` for a
    selector that does not parse."""
    try:
        selectors = cssselect.parse(css)
    except (cssselect.SelectorError, SyntaxError) as exc:
        msg = f"invalid CSS selector {css!r}: {exc}"
        raise InvalidArgument(msg) from None
    info = Compiled(match=lambda n, s: False)
    try:
        preds = []
        for sel in selectors:
            if sel.pseudo_element is not None:
                raise Unsupported("pseudo-element")
            preds.append(_compile(sel.parsed_tree, info))
    except Unsupported:
        return None
    if len(preds) == 1:
        info.match = preds[0]
    else:
        info.match = lambda n, s: any(p(n, s) for p in preds)
    return info


def _compile(tree: Any, info: Compiled) -> Matcher:
    kind = type(tree).__name__
    if kind == "Element":
        if tree.namespace not in (None, "*"):
            raise Unsupported("namespace")
        tag = tree.element
        if tag is None or tag == "*":
            return lambda n, s: True
        return lambda n, s: n.tag == tag
    if kind == "Hash":
        inner = _compile(tree.selector, info)
        ident = tree.id
        return lambda n, s: (n.attrs or {}).get("id") == ident and inner(n, s)
    if kind == "Class":
        inner = _compile(tree.selector, info)
        cls = tree.class_name
        return lambda n, s: cls in str((n.attrs or {}).get("class", "")).split() and inner(n, s)
    if kind == "Attrib":
        if tree.namespace not in (None, "*"):
            raise Unsupported("namespace")
        inner = _compile(tree.selector, info)
        name = tree.attrib
        if name in ("value", "checked", "selected"):
            info.form_state = True
        op = tree.operator
        value = tree.value.value if hasattr(tree.value, "value") else tree.value
        test = _attrib_test(op, value)
        return lambda n, s: inner(n, s) and test(_attrs(n, s).get(name))
    if kind == "Negation":
        inner = _compile(tree.selector, info)
        sub = _compile(tree.subselector, info)
        return lambda n, s: inner(n, s) and not sub(n, s)
    if kind == "Pseudo":
        inner = _compile(tree.selector, info)
        return _pseudo(tree.ident.lower(), inner, info)
    if kind == "Function":
        inner = _compile(tree.selector, info)
        return _function(tree.name.lower(), tree.arguments, inner, info)
    if kind == "CombinedSelector":
        left = _compile(tree.selector, info)
        right = _compile(tree.subselector, info)
        comb = tree.combinator
        if comb == " ":
            info.descendant = True

            def descendant(n: Node, s: State) -> bool:
                if not right(n, s):
                    return False
                cur = parent_element(s, n)
                while cur is not None:
                    if left(cur, s):
                        return True
                    cur = parent_element(s, cur)
                return False
            return descendant
        if comb == ">":
            info.descendant = True

            def child(n: Node, s: State) -> bool:
                if not right(n, s):
                    return False
                p = parent_element(s, n)
                return p is not None and left(p, s)
            return child
        if comb in ("+", "~"):
            info.sibling = True
            adjacent = comb == "+"

            def sibling(n: Node, s: State) -> bool:
                if not right(n, s):
                    return False
                before = _preceding(n, s)
                if adjacent:
                    return bool(before) and left(before[-1], s)
                return any(left(x, s) for x in before)
            return sibling
        raise Unsupported(comb)
    raise Unsupported(kind)


def _attrib_test(op: str, value: Any) -> Callable[[Any], bool]:
    if op == "exists":
        return lambda v: v is not None
    if value is None:
        raise Unsupported("attribute value")

    def text(v: Any) -> str | None:
        if v is None:
            return None
        return "" if v is True else str(v)

    if op == "=":
        return lambda v: text(v) == value
    if op == "!=":
        return lambda v: text(v) != value
    if op == "~=":
        return lambda v: bool(value) and " " not in value and value in (text(v) or "").split()
    if op == "|=":
        return lambda v: (t := text(v)) is not None and (t == value or t.startswith(value + "-"))
    if op == "^=":
        return lambda v: bool(value) and (t := text(v)) is not None and t.startswith(value)
    if op == "$=":
        return lambda v: bool(value) and (t := text(v)) is not None and t.endswith(value)
    if op == "*=":
        return lambda v: bool(value) and (t := text(v)) is not None and value in t
    raise Unsupported(op)


def _siblings(n: Node, s: State) -> list[Node]:
    p = parent_element(s, n)
    return [n] if p is None else element_children(s, p)


def _preceding(n: Node, s: State) -> list[Node]:
    sibs = _siblings(n, s)
    return sibs[: sibs.index(n)] if n in sibs else []


def _position(n: Node, s: State, *, of_type: bool, last: bool) -> int:
    sibs = _siblings(n, s)
    if of_type:
        sibs = [x for x in sibs if x.tag == n.tag]
    if last:
        sibs = sibs[::-1]
    return sibs.index(n) + 1 if n in sibs else 0


def _is_empty(n: Node, s: State) -> bool:
    if element_children(s, n):
        return False
    kids = view.children(s.tree, n)
    return not any(c.type == _TEXT and c.text for c in (*kids.light, *kids.shadow))


def _pseudo(name: str, inner: Matcher, info: Compiled) -> Matcher:
    if name == "root":
        return lambda n, s: inner(n, s) and parent_element(s, n) is None
    if name == "empty":
        info.empty = True
        return lambda n, s: inner(n, s) and _is_empty(n, s)
    structural = {
        "first-child": (False, False, True), "last-child": (False, True, True),
        "first-of-type": (True, False, True), "last-of-type": (True, True, True),
    }
    if name in structural:
        of_type, last, _ = structural[name]
        info.sibling = True
        return lambda n, s: inner(n, s) and _position(n, s, of_type=of_type, last=last) == 1
    if name in ("only-child", "only-of-type"):
        info.sibling = True
        of_type = name == "only-of-type"
        return lambda n, s: inner(n, s) and _position(n, s, of_type=of_type, last=False) == 1 and _position(
            n, s, of_type=of_type, last=True) == 1
    raise Unsupported(name)


def _function(name: str, arguments: list[Any], inner: Matcher, info: Compiled) -> Matcher:
    table = {"nth-child": (False, False), "nth-last-child": (False, True), "nth-of-type": (True, False),
             "nth-last-of-type": (True, True)}
    if name not in table:
        raise Unsupported(name)
    of_type, last = table[name]
    a, b = _series(arguments)
    info.sibling = True
    return lambda n, s: inner(n, s) and _nth(_position(n, s, of_type=of_type, last=last), a, b)


# ---------------------------------------------------------------------------------------------- the index


@dataclass(frozen=True, slots=True)
class Appearance(Span):
    """An element matching the selector from ``start_ms`` (inclusive) to ``end_ms`` (exclusive; ``None``: still
    there at the end). ``element`` describes it when it appeared."""

    selector: str
    node_id: int
    start_ms: float
    end_ms: float | None
    start_timestamp: float
    end_timestamp: float | None
    element: ElementInfo | None


    def to_row(self) -> dict[str, Any]:
        """Plain columns."""
        row = {"selector": self.selector, "node_id": self.node_id, "start_ms": self.start_ms,
               "end_ms": self.end_ms, "duration_ms": self.duration_ms, "start_timestamp": self.start_timestamp,
               "end_timestamp": self.end_timestamp}
        if self.element is not None:
            row.update(self.element.to_row("element_"))
        return row


class _Tracker:
    """Open appearances of one selector (node id -> (start timestamp, description))."""

    def __init__(self, css: str, compiled: Compiled | None, origin: float) -> None:
        self.css = css
        self.compiled = compiled
        self.origin = origin
        self.open: dict[int, tuple[float, ElementInfo | None]] = {}
        self.done: list[Appearance] = []

    def close(self, nid: int, ts: float | None) -> None:
        start, info = self.open.pop(nid)
        if ts is not None and ts <= start:
            return  # appeared and left within one timestamp: never in any frame
        o = self.origin
        self.done.append(Appearance(self.css, nid, start - o, None if ts is None else ts - o, start, ts, info))

    def set(self, node: Node, state: State, matched: bool, ts: float) -> None:
        nid = node.id
        if matched:
            if nid not in self.open:
                self.open[nid] = (ts, None)
        elif nid in self.open:
            self.close(nid, ts)


class SelectorIndex:
    """A walk collector tracking which elements match each selector."""

    def __init__(self, replay: ReplayCore, selectors: Iterable[str], *, describe_elements: bool = True) -> None:
        self.replay = replay
        self.trackers = [_Tracker(css, compile_selector(css), replay.start_timestamp) for css in selectors]
        self.describe_elements = describe_elements
        self._roots: set[int] = set()  # subtrees to match again
        self._singles: set[int] = set()  # single elements to match again
        self._full = False
        self._snapshot = False  # a new document: every stay ends
        self._dom = False  # the DOM (or a control's state) changed since the last settle

    def before(self, index: int, event: Event, state: State) -> None:
        """Nothing is needed from the state before an event."""

    def after(self, index: int, event: Event, state: State) -> None:
        """Note what the event may have changed."""
        etype = event["type"]
        if etype == _FULL_SNAPSHOT:
            self._full = self._snapshot = self._dom = True
            return
        if etype != _INCREMENTAL_SNAPSHOT:
            return
        data = event.get("data")
        if not isinstance(data, dict):
            return
        source = data.get("source")
        if source == _MUTATION:
            self._dom = True
            self._mutation(data, state)
        elif source == _INPUT:
            self._dom = True
            nid = data.get("id")
            if any(t.compiled is not None and t.compiled.form_state for t in self.trackers):
                self._full = True  # radios of a group change together
            elif type(nid) is int:
                self._singles.add(nid)

    def _mutation(self, data: dict[str, Any], state: State) -> None:
        compiled = [t.compiled for t in self.trackers if t.compiled is not None]
        descendant = any(c.descendant for c in compiled)
        sibling = any(c.sibling for c in compiled)
        empty = any(c.empty for c in compiled)
        nodes = state.tree.nodes
        for add in data.get("adds") or ():
            if not isinstance(add, dict) or not isinstance(add.get("node"), dict):
                continue
            nid = add["node"].get("id")
            if type(nid) is int:
                self._roots.add(nid)
            if sibling or empty:
                self._touch_parent(add.get("parentId"), nodes, sibling)
        if sibling or empty:
            for rem in data.get("removes") or ():
                self._touch_parent(rem.get("parentId") if isinstance(rem, dict) else None, nodes, sibling)
        for entry in data.get("attributes") or ():
            nid = entry.get("id") if isinstance(entry, dict) else None
            if type(nid) is not int:
                continue
            (self._roots if descendant else self._singles).add(nid)
            if sibling:
                node = nodes.get(nid)
                if node is not None and node.parent is not None:
                    self._roots.add(node.parent)
        if empty:
            for entry in data.get("texts") or ():
                nid = entry.get("id") if isinstance(entry, dict) else None
                node = nodes.get(nid) if type(nid) is int else None
                if node is not None and node.parent is not None:
                    self._singles.add(node.parent)

    def _touch_parent(self, pid: Any, nodes: dict[int, Node], sibling: bool) -> None:
        """A child list changed: the parent (and, for an iframe's document, the iframe) is matched again."""
        if type(pid) is not int:
            return
        target = self._roots if sibling else self._singles
        target.add(pid)
        node = nodes.get(pid)
        if node is not None and node.type != ELEMENT and node.parent is not None:
            target.add(node.parent)

    def settle(self, timestamp: float, state: State) -> None:
        """Match again what changed and open or close appearances."""
        if not self._dom:
            return
        nodes = state.tree.nodes
        full, snapshot = self._full, self._snapshot
        roots, singles = self._roots, self._singles
        self._roots, self._singles = set(), set()
        self._full = self._snapshot = self._dom = False
        for t in self.trackers:
            # elements that left the document (all of them on a new document)
            for nid in [i for i in t.open if snapshot or full or i not in nodes]:
                node = nodes.get(nid)
                if snapshot or node is None or node.type != ELEMENT or not is_connected(state, node):
                    t.close(nid, timestamp)
        fallback = [t for t in self.trackers if t.compiled is None]
        native = [t for t in self.trackers if t.compiled is not None]
        if native:
            if full:
                candidates: Iterable[Node] = self._all_elements(state)
            else:
                candidates = self._candidates(state, roots, singles)
            for node in candidates:
                for t in native:
                    t.set(node, state, t.compiled.match(node, state), timestamp)  # type: ignore[union-attr]
        for t in fallback:
            found = set(match_ids(state, t.css))
            for nid in [i for i in t.open if i not in found]:
                t.close(nid, timestamp)
            for nid in found:
                if nid not in t.open:
                    t.open[nid] = (timestamp, None)
        if self.describe_elements:
            for t in self.trackers:
                for nid, (start, info) in t.open.items():
                    if info is None and start == timestamp and nid in nodes:
                        t.open[nid] = (start, describe(state, nodes[nid]))

    def _all_elements(self, state: State) -> list[Node]:
        if state.doc is None:
            return []
        return [n for n in state.tree.iter_nodes(state.doc) if n.type == ELEMENT]

    def _candidates(self, state: State, roots: set[int], singles: set[int]) -> list[Node]:
        nodes = state.tree.nodes
        out: dict[int, Node] = {}
        for nid in roots:
            node = nodes.get(nid)
            if node is None or not is_connected(state, node):
                continue
            for sub in state.tree.iter_nodes(nid):
                if sub.type == ELEMENT:
                    out[sub.id] = sub
        for nid in singles:
            node = nodes.get(nid)
            if node is not None and node.type == ELEMENT and nid not in out and is_connected(state, node):
                out[nid] = node
        return list(out.values())

    def finish(self) -> list[Appearance]:
        """Close what is still open (``end_ms=None``) and return every appearance in time order."""
        out: list[Appearance] = []
        for t in self.trackers:
            for nid in list(t.open):
                t.close(nid, None)
            out.extend(t.done)
        out.sort(key=lambda a: (a.start_timestamp, a.selector, a.node_id))
        return out


def find(replay: ReplayCore, selector: str | Iterable[str], *, progress: Progress | None = None,
         describe_elements: bool = True) -> list[Appearance]:
    """When elements matching ``selector`` (one CSS selector, or several answered in one walk) were in the
    document: one :class:`Appearance` per element and stay, in time order."""
    from ._walk import walk

    selectors = [selector] if isinstance(selector, str) else list(selector)
    if not selectors or not all(isinstance(s, str) for s in selectors):
        msg = f"find() takes a CSS selector string or a list of them, got {selector!r}"
        raise InvalidArgument(msg)
    index = SelectorIndex(replay, selectors, describe_elements=describe_elements)
    walk(replay, [index], progress=progress)
    return index.finish()


def any_intervals(appearances: Iterable[Appearance]) -> list[tuple[float, float | None]]:
    """The times (``(start_ms, end_ms)``, end ``None`` = to the end) when at least one appearance was open."""
    spans = sorted(((a.start_ms, a.end_ms) for a in appearances), key=lambda x: x[0])
    out: list[tuple[float, float | None]] = []
    for start, end in spans:
        if out:
            pstart, pend = out[-1]
            if pend is None or start <= pend:
                out[-1] = (pstart, None if pend is None or end is None else max(pend, end))
                continue
        out.append((start, end))
    return out


# ---------------------------------------------------------------------------------------------- lifetimes


@dataclass(frozen=True, slots=True)
class Lifetime(Span):
    """One stay of a node in the document (``end_ms`` exclusive, ``None``: until the end). A FullSnapshot ends
    every stay: the next page is another document even where it reuses ids."""

    node_id: int
    start_ms: float
    end_ms: float | None
    start_timestamp: float
    end_timestamp: float | None
    node_type: int
    tag: str | None
    text: str

    def to_row(self) -> dict[str, Any]:
        """Plain columns."""
        return {"node_id": self.node_id, "start_ms": self.start_ms, "end_ms": self.end_ms,
                "start_timestamp": self.start_timestamp, "end_timestamp": self.end_timestamp,
                "node_type": self.node_type, "tag": self.tag, "text": self.text}


class _LifetimeIndex:
    def __init__(self, replay: ReplayCore, ids: list[int]) -> None:
        self.origin = replay.start_timestamp
        self.ids = ids
        self.open: dict[int, tuple[float, int, str | None, str]] = {}
        self.done: list[Lifetime] = []
        self._dom = False
        self._snapshot = False

    def before(self, index: int, event: Event, state: State) -> None:
        """Nothing is needed before an event."""

    def after(self, index: int, event: Event, state: State) -> None:
        """Note DOM changes."""
        etype = event["type"]
        if etype == _FULL_SNAPSHOT:
            self._dom = self._snapshot = True
        elif etype == _INCREMENTAL_SNAPSHOT and isinstance(event.get("data"), dict) and event["data"].get(
                "source") == _MUTATION:
            self._dom = True

    def _close(self, nid: int, ts: float | None) -> None:
        start, ntype, tag, text = self.open.pop(nid)
        if ts is not None and ts <= start:
            return
        o = self.origin
        self.done.append(Lifetime(nid, start - o, None if ts is None else ts - o, start, ts, ntype, tag, text))

    def settle(self, timestamp: float, state: State) -> None:
        """Open or close stays."""
        if not self._dom:
            return
        snapshot = self._snapshot
        self._dom = self._snapshot = False
        nodes = state.tree.nodes
        for nid in self.ids:
            node = nodes.get(nid)
            present = node is not None and is_connected(state, node)
            if nid in self.open and (not present or snapshot):
                self._close(nid, timestamp)
            if present and nid not in self.open and node is not None:
                text = node.text or "" if node.type != ELEMENT else ""
                self.open[nid] = (timestamp, node.type, node.tag, text[:200])


def lifetime(replay: ReplayCore, node_id: int | Iterable[int], *, progress: Progress | None = None) -> list[Lifetime]:
    """Every stay of the node(s) with that id in the document, in time order."""
    from ._walk import walk

    ids = [node_id] if isinstance(node_id, int) and not isinstance(node_id, bool) else list(node_id)  # type: ignore[arg-type]
    if not ids or not all(type(i) is int for i in ids):
        msg = f"lifetime() takes a node id or a list of ids, got {node_id!r}"
        raise InvalidArgument(msg)
    index = _LifetimeIndex(replay, ids)
    walk(replay, [index], progress=progress)
    for nid in list(index.open):
        index._close(nid, None)
    return sorted(index.done, key=lambda x: (x.start_timestamp, x.node_id))
