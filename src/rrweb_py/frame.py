"""``Frame``: a read-only view of the page at one moment, with its exports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from . import export
from .dom import Node

if TYPE_CHECKING:
    from .state import State
    from .timeline import Replay


class Scroll(NamedTuple):
    """Window scroll offsets in CSS pixels."""

    x: float
    y: float


class Viewport(NamedTuple):
    """Viewport size in CSS pixels (``None`` before any Meta event)."""

    width: float | None
    height: float | None


class Frame:
    """The page at ``timestamp_ms``. Never changes once made."""

    __slots__ = ("_replay", "_state", "timestamp_ms")

    def __init__(self, state: State, timestamp_ms: float, replay: Replay | None = None) -> None:
        self._state = state
        self._replay = replay
        self.timestamp_ms = timestamp_ms

    def __repr__(self) -> str:
        return f"<Frame at {self.offset_ms} ms, {len(self._state.tree)} nodes, {self.href!r}>"

    @property
    def offset_ms(self) -> float | None:
        """Milliseconds since the replay's first event."""
        return None if self._replay is None else self.timestamp_ms - self._replay.start_timestamp

    @property
    def state(self) -> State:
        """The engine state behind this frame (read it, don't change it)."""
        return self._state

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
    def document(self) -> Node | None:
        """The top document node."""
        return self._state.document

    def to_rrweb(self) -> dict[str, Any] | None:
        """The top document as rrweb's serializer would write the live page (``serializedNodeWithId``), with the
        recorded node ids. ``None`` before the first FullSnapshot."""
        return export.to_rrweb(self._state, None, self.timestamp_ms)

    def to_html(self) -> str:
        """The document as inert HTML (no scripts, handlers or ``javascript:`` URLs survive)."""
        from .html import to_html

        return to_html(self._state, self.timestamp_ms)
