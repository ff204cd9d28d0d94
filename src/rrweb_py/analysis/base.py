"""The base pass: one walk that records everything the analyses need from the DOM, cached per replay.

It resolves every click, input and scroll to the element it concerned (as the page was at that moment), notes each
page's title and first text, and keeps the text log of :class:`~rrweb_py.analysis.text.TextIndex`. Clicks, signals,
text search, the timeline, the transcript and activity all read this one pass, so asking them all costs one walk
(``Replay.iter_states``) of the recording. Selector searches and node lifetimes walk again (their work depends on
the question).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._protocol import EventType, IncrementalSource, MouseInteraction
from .._read.engine import ELEMENT
from .._read.query import page_text
from .elements import (
    ElementInfo,
    clip_text,
    closest,
    context_text,
    describe,
    element_of,
    normalize,
)
from .text import TextIndex, TextLog

if TYPE_CHECKING:
    from .._read.engine import State
    from .._replay.replay import ReplayCore
    from ._walk import Progress

Event = dict[str, Any]

#: MouseInteraction types reported as clicks, and their names
CLICK_KINDS = {int(MouseInteraction.CLICK): "click", int(MouseInteraction.DBL_CLICK): "dblclick",
               int(MouseInteraction.CONTEXT_MENU): "contextmenu", int(MouseInteraction.TOUCH_START): "touch"}
# plain ints for the per-event walk
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_INCREMENTAL_SNAPSHOT = int(EventType.INCREMENTAL_SNAPSHOT)
_MUTATION = int(IncrementalSource.MUTATION)
_MOUSE_INTERACTION = int(IncrementalSource.MOUSE_INTERACTION)
_SCROLL = int(IncrementalSource.SCROLL)
_INPUT = int(IncrementalSource.INPUT)
_INTERACTIVE = frozenset({"button", "a"})
_MASKED_TYPES = frozenset({"password"})


@dataclass(frozen=True, slots=True)
class Click:
    """A click, double click, context menu or touch, resolved to the element it landed on at that moment.

    ``element`` is ``None`` when the recorded target was not in the document. ``interactive`` is the nearest
    ``button`` or ``a`` around it (``Element.closest("button,a")``, the element Sentry attributes the click to),
    ``None`` when there is none. ``context`` is the visible text around the element."""

    index: int
    timestamp: float
    offset_ms: float
    kind: str
    x: float | None
    y: float | None
    pointer_type: int | None
    target_id: int | None
    url: str | None
    element: ElementInfo | None
    interactive: ElementInfo | None
    context: str

    @property
    def target(self) -> ElementInfo | None:
        """The element a click is attributed to: the interactive ancestor if any, else the element."""
        return self.interactive or self.element

    def to_row(self) -> dict[str, Any]:
        """Plain columns."""
        row: dict[str, Any] = {"index": self.index, "timestamp": self.timestamp, "offset_ms": self.offset_ms,
                               "kind": self.kind, "x": self.x, "y": self.y, "pointer_type": self.pointer_type,
                               "target_id": self.target_id, "url": self.url}
        if self.element is not None:
            row.update(self.element.to_row())
        else:
            row.update(ElementInfo(node_id=self.target_id or 0, tag=None).to_row())
        row["ancestors"] = row.get("ancestors", "")
        row["interactive_selector"] = self.interactive.selector if self.interactive else None
        row["context"] = self.context
        return row


@dataclass(frozen=True, slots=True)
class InputChange:
    """One Input event on a form control (value as recorded: masked text stays masked)."""

    index: int
    timestamp: float
    offset_ms: float
    node_id: int | None
    element: ElementInfo | None
    value: str
    checked: bool | None
    input_type: str
    user_triggered: bool | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ScrollChange:
    """One Scroll event: the window (``element`` ``None``, ``window`` True) or an element."""

    index: int
    timestamp: float
    offset_ms: float
    node_id: int | None
    window: bool
    x: float
    y: float
    element: ElementInfo | None
    url: str | None


@dataclass(frozen=True, slots=True)
class PageView:
    """A new document (FullSnapshot) with its URL, title and first lines of text."""

    index: int
    timestamp: float
    offset_ms: float
    url: str | None
    title: str
    text: str


@dataclass
class BaseIndex:
    """Everything the base pass found."""

    clicks: list[Click] = field(default_factory=list)
    inputs: list[InputChange] = field(default_factory=list)
    scrolls: list[ScrollChange] = field(default_factory=list)
    pages: list[PageView] = field(default_factory=list)
    text_log: TextLog = field(default_factory=list)


class _BaseCollector:
    def __init__(self, replay: ReplayCore) -> None:
        self.origin = replay.start_timestamp
        self.text = TextIndex()
        self.out = BaseIndex(text_log=self.text.log)
        self._page_pending: tuple[int, float] | None = None
        self._element_cache: dict[tuple[int, int], ElementInfo] = {}  # (dom version, id) for scroll/input runs
        self._version = 0

    def before(self, index: int, event: Event, state: State) -> None:
        self.text.before(index, event, state)

    def after(self, index: int, event: Event, state: State) -> None:
        self.text.after(index, event, state)
        etype = event["type"]
        if etype == _FULL_SNAPSHOT:
            self._page_pending = (index, event["timestamp"])
            self._version += 1
            return
        if etype != _INCREMENTAL_SNAPSHOT:
            return
        data = event.get("data")
        if not isinstance(data, dict):
            return
        source = data.get("source")
        if source == _MUTATION:
            self._version += 1
        elif source == _MOUSE_INTERACTION:
            kind = CLICK_KINDS.get(data.get("type"))  # type: ignore[arg-type]
            if kind is not None:
                self._click(index, event, data, kind, state)
        elif source == _INPUT:
            self._input(index, event, data, state)
        elif source == _SCROLL:
            self._scroll(index, event, data, state)

    def settle(self, timestamp: float, state: State) -> None:
        self.text.settle(timestamp, state)
        if self._page_pending is not None:
            index, ts = self._page_pending
            self._page_pending = None
            lines = page_text(state).split("\n")
            self.out.pages.append(PageView(index, ts, ts - self.origin, state.href, _title(state),
                                           clip_text(" | ".join(lines), 400)))

    # ------------------------------------------------------------------------------------------ events

    def _info(self, state: State, nid: int) -> ElementInfo | None:
        key = (self._version, nid)
        info = self._element_cache.get(key)
        if info is None:
            node = element_of(state, nid)
            if node is None:
                return None
            info = describe(state, node)
            if len(self._element_cache) > 256:
                self._element_cache.clear()
            self._element_cache[key] = info
        return info

    def _click(self, index: int, event: Event, data: dict[str, Any], kind: str, state: State) -> None:
        nid = data.get("id")
        node = element_of(state, nid)
        element = interactive = None
        context = ""
        if node is not None:
            element = describe(state, node)
            near = closest(state, node, _INTERACTIVE)
            if near is not None:
                interactive = element if near is node else describe(state, near)
            context = context_text(state, node, element.text)
        ts = event["timestamp"]
        x, y = data.get("x"), data.get("y")
        self.out.clicks.append(Click(
            index=index, timestamp=ts, offset_ms=ts - self.origin, kind=kind,
            x=x if isinstance(x, (int, float)) else None, y=y if isinstance(y, (int, float)) else None,
            pointer_type=data.get("pointerType") if type(data.get("pointerType")) is int else None,
            target_id=nid if type(nid) is int else None, url=state.href, element=element,
            interactive=interactive, context=context))

    def _input(self, index: int, event: Event, data: dict[str, Any], state: State) -> None:
        nid = data.get("id")
        if type(nid) is not int or nid == -1:
            return
        info = self._info(state, nid)
        node = state.tree.nodes.get(nid)
        itype = ""
        if node is not None and node.type == ELEMENT:
            itype = str((node.attrs or {}).get("type") or (node.tag or "")).lower()
        text = data.get("text")
        value = text if isinstance(text, str) else ("" if text is None else str(text))
        checked = data.get("isChecked")
        ut = data.get("userTriggered")
        ts = event["timestamp"]
        self.out.inputs.append(InputChange(
            index=index, timestamp=ts, offset_ms=ts - self.origin, node_id=nid, element=info, value=value,
            checked=bool(checked) if itype in ("checkbox", "radio") else None, input_type=itype,
            user_triggered=ut if isinstance(ut, bool) else None, url=state.href))

    def _scroll(self, index: int, event: Event, data: dict[str, Any], state: State) -> None:
        nid = data.get("id")
        window = nid == state.doc
        x, y = data.get("x"), data.get("y")
        ts = event["timestamp"]
        info = None if window or type(nid) is not int else self._info(state, nid)
        self.out.scrolls.append(ScrollChange(
            index=index, timestamp=ts, offset_ms=ts - self.origin, node_id=nid if type(nid) is int else None,
            window=window, x=x if isinstance(x, (int, float)) else 0, y=y if isinstance(y, (int, float)) else 0,
            element=info, url=state.href))


def _title(state: State) -> str:
    for node in state.tree.nodes.values():
        if node.type == ELEMENT and node.tag == "title":
            return normalize(state.tree.text_content(node))
    return ""


_CACHE: weakref.WeakKeyDictionary[ReplayCore, BaseIndex] = weakref.WeakKeyDictionary()


def base_index(replay: ReplayCore, *, progress: Progress | None = None) -> BaseIndex:
    """The base pass of ``replay`` (computed once, then cached for the replay's lifetime)."""
    from ._walk import walk

    found = _CACHE.get(replay)
    if found is None:
        collector = _BaseCollector(replay)
        walk(replay, [collector], progress=progress)
        found = _CACHE[replay] = collector.out
    return found
