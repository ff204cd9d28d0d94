"""The whole engine state at one moment: the DOM and everything else the page had (window, CSSOM, pointer...).

:class:`State` is what :mod:`rrweb_py._engine.apply` folds events into, what checkpoints copy and what a
:class:`~rrweb_py._read.frame.Frame` reads.
"""

from __future__ import annotations

from typing import Any

from .dom import Node, Tree


class State:
    """Engine state. ``tree`` holds every node of the current page that is in the document (plus documents
    waiting for their iframe); ``doc`` is the top document's id."""

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
        "pointer",
        "scroll_x",
        "scroll_y",
        "selection",
        "snapshot_time",
        "style_sheets",
        "time",
        "tree",
        "width",
    )

    def __init__(self) -> None:
        self.tree = Tree()
        self.doc: int | None = None
        #: documents that arrived before their iframe: iframe id -> document id (detached, in ``tree``)
        self.doc_queue: dict[int, int] = {}
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

    @property
    def mirror(self) -> dict[int, Node]:
        """Every node by id (read only: change nodes through ``tree.w``)."""
        return self.tree.nodes

    @property
    def document(self) -> Node | None:
        """The top document node."""
        return None if self.doc is None else self.tree.nodes.get(self.doc)

    def clone(self) -> State:
        """An independent copy. Nodes are shared copy-on-write, so this costs a dict copy."""
        new = State.__new__(State)
        new.tree = self.tree.copy()
        new.doc = self.doc
        new.doc_queue = dict(self.doc_queue)
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
