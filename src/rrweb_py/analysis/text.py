"""The page's visible text through time, kept up to date from the events, and search in it.

:class:`TextIndex` holds the document's text as :meth:`rrweb_py.Frame.text` shows it, split into the lines that a
block element (``div``, ``p``, ``li``, ``tr``... the same set ``Frame.text`` breaks lines at) contributes between
its nested blocks. After each event it recomputes only the blocks whose content the event touched: the owner block
of every removed, added, moved or re-texted node and of every form control whose value changed. Between two
timestamps it logs which lines appeared and which disappeared; every text search is then a scan of that log, so
one walk answers any number of searches.

At every moment the multiset of lines equals ``frame.text().split("\\n")`` (tests check it on the corpus).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._protocol import EventType, IncrementalSource
from .._read.engine import DOCUMENT, ELEMENT, TEXT, Node
from .._read.view import BLOCK, CELL, HIDDEN_TEXT, composed, control_text, inline_text
from ._span import Span

if TYPE_CHECKING:
    from collections.abc import Callable

    from .._read.engine import State

Event = dict[str, Any]
#: (timestamp, lines that appeared, lines that disappeared), in time order
TextLog = list[tuple[float, tuple[str, ...], tuple[str, ...]]]

_FORM_TAGS = frozenset({"input", "textarea", "select", "option"})
# plain ints for the per-event hooks
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_INCREMENTAL_SNAPSHOT = int(EventType.INCREMENTAL_SNAPSHOT)
_MUTATION = int(IncrementalSource.MUTATION)
_INPUT = int(IncrementalSource.INPUT)


class TextIndex:
    """A walk collector (see :mod:`rrweb_py.analysis._walk`) that keeps the visible lines and logs their changes."""

    def __init__(self) -> None:
        self.lines: dict[int, tuple[str, ...]] = {}  # registered block (or the document) -> its lines
        self.owner: dict[int, int] = {}  # registered block -> the block it was found in
        self.kids: dict[int, set[int]] = {}  # block -> nested blocks found when it was last computed
        self.present: Counter[str] = Counter()
        self.log: TextLog = []
        self._added: Counter[str] = Counter()
        self._removed: Counter[str] = Counter()
        self._dirty: set[int] = set()
        self._struct: dict[int, list[tuple[str, int]]] = {}
        self._rebuild = False

    # ------------------------------------------------------------------------------------------ hooks

    def before(self, index: int, event: Event, state: State) -> None:
        """Mark the blocks that hold what the event is about to remove or move."""
        etype = event["type"]
        if etype == _FULL_SNAPSHOT:
            self._rebuild = True
        elif etype == _INCREMENTAL_SNAPSHOT:
            self._mark_event(event, state, before=True)

    def after(self, index: int, event: Event, state: State) -> None:
        """Mark the blocks that now hold what the event added or changed."""
        etype = event["type"]
        if etype == _FULL_SNAPSHOT:
            self._rebuild = True
        elif etype == _INCREMENTAL_SNAPSHOT:
            self._mark_event(event, state, before=False)

    def settle(self, timestamp: float, state: State) -> None:
        """Recompute the marked blocks and log the lines that changed."""
        if self._rebuild:
            self._rebuild = False
            self._dirty.clear()
            self._struct.clear()
            self._full(state)
        elif self._dirty or self._struct:
            work = list(self._dirty)
            if self._struct:
                work.extend(self._structural(state))
            self._dirty.clear()
            self._process(state, work)
        added, removed = self._added, self._removed
        if added or removed:
            appeared = added - removed
            gone = removed - added
            if appeared or gone:
                self.present.update(appeared)
                self.present.subtract(gone)
                self.log.append((timestamp, tuple(sorted(appeared.elements())), tuple(sorted(gone.elements()))))
            self._added = Counter()
            self._removed = Counter()

    # ------------------------------------------------------------------------------------------ marking

    def _mark_event(self, event: Event, state: State, *, before: bool) -> None:
        data = event.get("data")
        if not isinstance(data, dict) or state.doc is None:
            return
        source = data.get("source")
        if source == _MUTATION:
            nodes = state.tree.nodes
            if before:
                removes = data.get("removes")
                if removes and isinstance(removes, list):
                    for rem in removes:
                        if isinstance(rem, dict):
                            self._mark(state, rem.get("id"), "remove")
            adds = data.get("adds")
            if adds and isinstance(adds, list):
                kind = "remove" if before else "add"  # an add of a node already there is a move
                for add in adds:
                    node = add.get("node") if isinstance(add, dict) else None
                    if isinstance(node, dict):
                        self._mark(state, node.get("id"), kind)
            texts = data.get("texts")
            if texts and isinstance(texts, list):
                for entry in texts:
                    if isinstance(entry, dict):
                        self._mark(state, entry.get("id"), None)
            attributes = data.get("attributes")
            if attributes and isinstance(attributes, list):
                for entry in attributes:
                    nid = entry.get("id") if isinstance(entry, dict) else None
                    node = nodes.get(nid) if type(nid) is int else None
                    if node is not None and node.tag in _FORM_TAGS:
                        self._mark(state, nid, None)
        elif source == _INPUT and not before:
            self._mark(state, data.get("id"), None)

    def _mark(self, state: State, nid: Any, structural: str | None) -> None:
        """Mark the owner block of ``nid``. ``structural`` ("add"/"remove") when the node is itself a block
        element being added or removed: its owner's own lines may then not change at all (see ``settle``)."""
        if type(nid) is not int:
            return
        node = state.tree.nodes.get(nid)
        if node is None:
            return
        owner = owner_block(state, node)
        if owner is None:
            return
        if structural is not None and node.type == ELEMENT and node.tag in BLOCK:
            self._struct.setdefault(owner, []).append((structural, nid))
        else:
            self._dirty.add(owner)

    # ------------------------------------------------------------------------------------------ recomputing

    def _structural(self, state: State) -> list[int]:
        """Blocks added to or removed from an owner whose own lines are empty (a list of rows, say): the owner's
        lines stay empty whatever the order of its blocks, so only the set of nested blocks changes. Other owners
        are recomputed in full."""
        nodes = state.tree.nodes
        lines_of = self.lines
        owner = self.owner
        work: list[int] = []
        for o, ops in self._struct.items():
            if o in self._dirty or lines_of.get(o) != ():
                work.append(o)
                continue
            kids = self.kids.setdefault(o, set())
            for kind, x in ops:
                node = nodes.get(x)
                here = node is not None and owner_block(state, node) == o
                if kind == "add":
                    if here:
                        kids.add(x)
                        owner[x] = o
                        if x not in lines_of:
                            lines_of[x] = ()
                            work.append(x)
                elif not here:
                    kids.discard(x)
                    if owner.get(x) == o:
                        self._unregister(x)
        self._struct.clear()
        return work

    def _full(self, state: State) -> None:
        for lines in self.lines.values():
            self._removed.update(lines)
        self.lines.clear()
        self.owner.clear()
        self.kids.clear()
        if state.doc is None or state.doc not in state.tree.nodes:
            return
        self.lines[state.doc] = ()
        self.owner[state.doc] = state.doc
        self._process(state, [state.doc])

    def _process(self, state: State, work: list[int]) -> None:
        nodes = state.tree.nodes
        lines_of = self.lines
        owner = self.owner
        seen: set[int] = set()
        while work:
            b = work.pop()
            if b in seen or b not in lines_of:
                continue
            seen.add(b)
            node = nodes.get(b)
            if node is None:
                self._unregister(b)
                continue
            new, nested = block_lines(state, node)
            old = lines_of[b]
            if new != old:
                self._removed.update(old)
                self._added.update(new)
                lines_of[b] = new
            old_kids = self.kids.get(b)
            keep = set(nested)
            self.kids[b] = keep
            if old_kids:
                for k in old_kids:
                    if k not in keep and owner.get(k) == b:
                        self._unregister(k)
            for k in nested:
                if k in lines_of:
                    owner[k] = b
                else:
                    lines_of[k] = ()
                    owner[k] = b
                    seen.discard(k)
                    work.append(k)

    def _unregister(self, block: int) -> None:
        stack = [block]
        while stack:
            b = stack.pop()
            lines = self.lines.pop(b, None)
            if lines is None:
                continue
            self._removed.update(lines)
            self.owner.pop(b, None)
            for k in self.kids.pop(b, ()):
                if self.owner.get(k) == b:
                    stack.append(k)

    # ------------------------------------------------------------------------------------------ reading

    def current_lines(self) -> list[str]:
        """Every visible line now (a multiset, sorted)."""
        return sorted(self.present.elements())


def _entries(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def owner_block(state: State, node: Node) -> int | None:
    """The id of the block element (or the top document) whose lines hold ``node``'s text; ``None`` when the
    node is not in the top document."""
    nodes = state.tree.nodes
    doc = state.doc
    cur = nodes.get(node.parent) if node.parent is not None else None
    if node.id == doc:
        return doc
    while cur is not None:
        if cur.id == doc:
            return doc
        if cur.type == ELEMENT and cur.tag in BLOCK:
            return cur.id
        cur = nodes.get(cur.parent) if cur.parent is not None else None
    return None


def block_lines(state: State, block: Node) -> tuple[tuple[str, ...], list[int]]:
    """The lines a block shows between its nested blocks, and those nested blocks (the rules of
    :func:`rrweb_py._read.view.page_text`)."""
    tree = state.tree
    segments: list[list[str]] = []
    cur: list[str] = []
    nested: list[int] = []
    stack: list[Any] = list(reversed(composed(tree, block)))
    while stack:
        item = stack.pop()
        if item.__class__ is str:
            cur.append(item)
            continue
        ntype = item.type
        if ntype == TEXT:
            text = item.text
            if text:
                cur.append(inline_text(text))
            continue
        if ntype != ELEMENT and ntype != DOCUMENT:
            continue
        tag = item.tag
        if tag in HIDDEN_TEXT:
            continue
        if tag in BLOCK:
            nested.append(item.id)
            segments.append(cur)
            cur = []
            continue
        value = control_text(tree, item)
        if value is not None:
            if value:
                cur.append(f" {value} ")
            if tag != "select":
                continue
        if tag in CELL:
            stack.append(" ")
        stack.extend(reversed(composed(tree, item)))
    segments.append(cur)
    out: list[str] = []
    for seg in segments:
        if not seg:
            continue
        for part in "".join(seg).split("\n"):
            line = " ".join(part.split())
            if line:
                out.append(line)
    return tuple(out), nested


# ---------------------------------------------------------------------------------------------- searching


@dataclass(frozen=True, slots=True)
class TextInterval(Span):
    """A time during which the text was in the document: ``start_ms <= t < end_ms`` (offsets from the
    replay's first event; ``end_ms`` is ``None`` when it was still there at the end). ``line`` is a line that
    held it when it appeared."""

    text: str
    start_ms: float
    end_ms: float | None
    start_timestamp: float
    end_timestamp: float | None
    line: str


    def to_row(self) -> dict[str, Any]:
        """Plain columns."""
        return {"text": self.text, "start_ms": self.start_ms, "end_ms": self.end_ms,
                "duration_ms": self.duration_ms, "start_timestamp": self.start_timestamp,
                "end_timestamp": self.end_timestamp, "line": self.line}


def matcher(text: str, *, ignore_case: bool = False) -> Callable[[str], bool]:
    """A predicate on lines for a needle (whitespace in the needle is collapsed, as in lines)."""
    needle = " ".join(text.split())
    if ignore_case:
        low = needle.lower()
        return lambda line: low in line.lower()
    return lambda line: needle in line


def intervals(log: TextLog, match: Callable[[str], bool], start_timestamp: float, label: str) -> list[TextInterval]:
    """When some present line satisfied ``match``, from a text log."""
    memo: dict[str, bool] = {}
    out: list[TextInterval] = []
    count = 0
    start: float | None = None
    first_line = ""
    for ts, appeared, gone in log:
        delta = 0
        hit = ""
        for line in appeared:
            m = memo.get(line)
            if m is None:
                m = memo[line] = match(line)
            if m:
                delta += 1
                if not hit:
                    hit = line
        for line in gone:
            m = memo.get(line)
            if m is None:
                m = memo[line] = match(line)
            if m:
                delta -= 1
        new = count + delta
        if count == 0 and new > 0:
            start, first_line = ts, hit
        elif count > 0 and new == 0 and start is not None:
            out.append(TextInterval(label, start - start_timestamp, ts - start_timestamp, start, ts, first_line))
            start = None
        count = new
    if count > 0 and start is not None:
        out.append(TextInterval(label, start - start_timestamp, None, start, None, first_line))
    return out
