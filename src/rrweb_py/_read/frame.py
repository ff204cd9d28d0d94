"""``Frame``: a read-only view of the page at one moment, with its exports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from lxml import etree

from ..errors import InvalidArgument
from . import export, query, view
from .query import LxmlView, NodeView

if TYPE_CHECKING:
    from .._engine.state import State


class HasStart(Protocol):
    """Anything with the epoch-ms timestamp its offsets count from (a replay)."""

    @property
    def start_timestamp(self) -> float: ...


class Scroll(NamedTuple):
    """Window scroll offsets in CSS pixels."""

    x: float
    y: float


class Viewport(NamedTuple):
    """Viewport size in CSS pixels (``None`` before any Meta event)."""

    width: float | None
    height: float | None


class Frame:
    """The page at ``timestamp_ms``. Never changes once made, and hands out only copies and read-only views
    (the state behind it may be a checkpoint that later seeks start from)."""

    __slots__ = ("_lxml", "_start", "_state", "timestamp_ms")

    def __init__(self, state: State, timestamp_ms: float, start: float | HasStart | None = None) -> None:
        """``start``: the epoch-ms timestamp offsets count from (``replay.start_timestamp``), or the replay."""
        self._state = state
        self._start = start if start is None or isinstance(start, (int, float)) else start.start_timestamp
        self._lxml: query.LxmlView | None = None
        self.timestamp_ms = timestamp_ms

    def __repr__(self) -> str:
        return f"<Frame at {self.offset_ms} ms, {self.node_count} nodes, {self.href!r}>"

    @property
    def node_count(self) -> int:
        """How many nodes the page has (every document, shadow root and waiting iframe document included)."""
        return len(self._state.tree)

    @property
    def offset_ms(self) -> float | None:
        """Milliseconds since the replay's first event."""
        return None if self._start is None else self.timestamp_ms - self._start

    @property
    def state(self) -> State:
        """A copy of the engine state behind this frame, for tools and tests: the frame and every later seek
        keep their own (change the copy's nodes only through ``copy.tree.w``, which copies a shared node
        first)."""
        return self._state.clone()

    @property
    def href(self) -> str | None:
        """The page URL (from the last Meta event)."""
        return self._state.href

    @property
    def scroll(self) -> Scroll:
        """Window scroll offsets."""
        return Scroll(self._state.scroll_x, self._state.scroll_y)

    @property
    def viewport(self) -> Viewport:
        """Viewport size."""
        return Viewport(self._state.width, self._state.height)

    @property
    def pointer(self) -> dict[str, Any] | None:
        """The last pointer position: ``{"x", "y", "id", "timestamp"}``, or ``None`` before any."""
        return None if self._state.pointer is None else dict(self._state.pointer)

    @property
    def last_interaction(self) -> dict[str, Any] | None:
        """The last mouse/touch interaction: ``{"type", "id", "x", "y", "timestamp"}``."""
        return None if self._state.interaction is None else dict(self._state.interaction)

    @property
    def document(self) -> NodeView | None:
        """The top document, as a read-only view (``None`` before the first FullSnapshot)."""
        doc = self._state.document
        return None if doc is None else NodeView(self._state, doc)

    def to_rrweb(self) -> dict[str, Any] | None:
        """The top document as rrweb's serializer would write the live page (``serializedNodeWithId``), with the
        recorded node ids. ``None`` before the first FullSnapshot."""
        return export.to_rrweb(self._state, None, self.timestamp_ms)

    def to_html(self, *, node_ids: bool = False, load_images: bool = False, allow_fetch: bool = False) -> str:
        """The document as inert HTML (no scripts, handlers or ``javascript:`` URLs survive) that shows the form
        state a browser had: ticks, radio groups, values, selected options, textarea text.

        ``node_ids`` writes each element's rrweb id as ``data-rrweb-id``. By default a Content-Security-Policy
        blocks every fetch; ``load_images`` lets images load, ``allow_fetch`` everything but scripts (style
        sheets, fonts, images...)."""
        from .html import to_html

        return to_html(self._state, self.timestamp_ms, allow_fetch=allow_fetch, load_images=load_images,
                       node_ids=node_ids)

    # ------------------------------------------------------------------------------------------ queries

    def node(self, node_id: int) -> NodeView | None:
        """The node with that rrweb id, or ``None`` if it is not in the page at this moment."""
        node = self._state.tree.get(node_id)
        return None if node is None else NodeView(self._state, node)

    def to_lxml(self) -> LxmlView | None:
        """An lxml tree of the document (``.root``), each element mapped back to its id by ``.id_of(el)``. A new
        tree on every call, the caller's to change; ``select``/``xpath`` use one of their own, built once."""
        return query.build_lxml(self._state)

    def _own_lxml(self) -> LxmlView | None:
        if self._lxml is None:
            self._lxml = query.build_lxml(self._state)
        return self._lxml

    def select(self, css: str) -> list[NodeView]:
        """Elements matching a CSS selector, in document order (compiled selectors are cached)."""
        return self._evaluate("select", "a CSS selector", query.compile_css, css)

    def select_one(self, css: str) -> NodeView | None:
        """The first element matching a CSS selector."""
        found = self.select(css)
        return found[0] if found else None

    def xpath(self, expr: str) -> list[Any]:
        """Evaluate XPath on the lxml tree: elements come back as :class:`NodeView`, other results as lxml gives
        them (strings, numbers)."""
        return self._evaluate("xpath", "an expression", query.compile_xpath, expr)

    def _evaluate(self, method: str, what: str, compile_: Any, text: Any) -> list[Any]:
        if not isinstance(text, str):
            msg = f"{method}() takes {what} string, got {type(text).__name__}"
            raise InvalidArgument(msg)
        compiled = compile_(text)
        lx = self._own_lxml()
        if lx is None:
            return []
        result = compiled(lx.root, **{query.FRAGMENT_VARIABLE: query.fragment_of(self._state.href)})
        return self._views(lx, result if isinstance(result, list) else [result])

    def _views(self, lx: LxmlView, items: list[Any]) -> list[Any]:
        nodes = self._state.tree.nodes
        out: list[Any] = []
        for item in items:
            nid = lx.id_of(item) if isinstance(item, etree._Element) else None
            if nid is not None:
                out.append(NodeView(self._state, nodes[nid]))
            elif not isinstance(item, etree._Element):
                out.append(str(item) if isinstance(item, str) else item)
        return out

    def text(self) -> str:
        """The document's text as a reader would see it (masked text stays masked)."""
        return view.page_text(self._state)

    def form_values(self) -> dict[int, Any]:
        """Every form control's current state by id, in document order: text for inputs/textareas/selects, a
        bool for checkboxes and radios."""
        return view.form_values(self._state)
