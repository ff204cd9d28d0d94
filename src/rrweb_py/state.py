"""The whole engine state at one moment: the DOM and everything else the page had (window, CSSOM, pointer...).

:class:`State` is what :mod:`rrweb_py.apply` folds events into, what checkpoints copy and what a
:class:`~rrweb_py.frame.Frame` reads.
"""

from __future__ import annotations

from typing import Any

from .dom import Node, clone_tree


class State:
    """Engine state. ``mirror`` maps every id of the current page that is in the document to its node."""

    __slots__ = (
        "adopted",
        "canvas",
        "doc",
        "doc_queue",
        "event_index",
        "fonts",
        "height",
        "href",
        "interaction",
        "mirror",
        "pointer",
        "scroll_x",
        "scroll_y",
        "selection",
        "snapshot_time",
        "style_sheets",
        "time",
        "width",
    )

    def __init__(self) -> None:
        self.mirror: dict[int, Node] = {}
        self.doc: Node | None = None
        #: documents that arrived before their iframe, by the iframe's id
        self.doc_queue: dict[int, Node] = {}
        self.href: str | None = None
        self.width: int | None = None
        self.height: int | None = None
        self.scroll_x: float = 0
        self.scroll_y: float = 0
        #: last pointer position: {"x", "y", "id", "timestamp"}
        self.pointer: dict[str, Any] | None = None
        #: last mouse interaction: {"type", "id", "x", "y", "timestamp"}
        self.interaction: dict[str, Any] | None = None
        #: last selection ranges (rrweb ``ranges``)
        self.selection: list[dict[str, Any]] | None = None
        #: constructed style sheets by rrweb styleId
        self.style_sheets: dict[int, Any] = {}
        #: adopted sheets: host id -> list of styleIds
        self.adopted: dict[int, list[int]] = {}
        #: canvas id -> indexes of its CanvasMutation events
        self.canvas: dict[int, list[int]] = {}
        #: Font events' data, in order
        self.fonts: list[dict[str, Any]] = []
        #: index of the next event to apply, and the timestamp of the last applied one
        self.event_index = 0
        self.time: float | None = None
        #: timestamp of the FullSnapshot the current page started from
        self.snapshot_time: float | None = None

    def clone(self) -> State:
        """An independent copy (the DOM is copied node by node, iteratively)."""
        new = State.__new__(State)
        mirror: dict[int, Node] = {}
        new.mirror = mirror
        new.doc = None if self.doc is None else clone_tree(self.doc, mirror)
        new.doc_queue = {k: clone_tree(v, mirror) for k, v in self.doc_queue.items()}
        # ids that are mapped but detached (kept by rrweb semantics) are not carried: nothing can reach them
        new.href = self.href
        new.width = self.width
        new.height = self.height
        new.scroll_x = self.scroll_x
        new.scroll_y = self.scroll_y
        new.pointer = self.pointer
        new.interaction = self.interaction
        new.selection = self.selection
        new.style_sheets = {k: v.copy() for k, v in self.style_sheets.items()}
        new.adopted = {k: list(v) for k, v in self.adopted.items()}
        new.canvas = {k: list(v) for k, v in self.canvas.items()}
        new.fonts = list(self.fonts)
        new.event_index = self.event_index
        new.time = self.time
        new.snapshot_time = self.snapshot_time
        return new
