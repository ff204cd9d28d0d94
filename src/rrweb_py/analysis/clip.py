"""Clip a recording: a valid rrweb event list that starts with a synthesised Meta and FullSnapshot at ``start_ms``.

The page at ``start_ms`` (``Replay.at``: every event with ``timestamp <= start``) is written the way rrweb's
recorder writes a page: a Meta (URL, viewport), a FullSnapshot of the top document (``Frame.to_rrweb()``, recorded
node ids kept, window scroll as ``initialOffset``), then, at the same timestamp, what a FullSnapshot cannot hold:

- each same-origin iframe's document as a Mutation add under its ``<iframe>`` (as the recorder sends them);
- constructed style sheets (AdoptedStyleSheet events with their rules) and each host's adopted list;
- form controls whose state the attributes do not tell (a box checked or unchecked by the user, a typed value, a
  chosen option) as Input events;
- element and iframe scroll offsets as Scroll events; the last pointer position (MouseMove); the selection;
  fonts; and the canvas commands since the canvas was last snapshotted.

Then every original event with ``start < timestamp <= end`` follows unchanged (the very objects of the replay:
copy before changing them). Node ids stay the recorded ones, so the carried events apply as they did. A start
before the first page moves to the first FullSnapshot.
"""

from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING, Any

import tinycss2

from .._protocol import EventType, IncrementalSource, NodeType
from .._read.engine import ELEMENT, current_value, input_type, is_checked
from ..errors import InvalidArgument

if TYPE_CHECKING:
    from .._read.engine import State
    from .._replay.replay import ReplayCore

Event = dict[str, Any]

# plain ints: they go into the events written
_META = int(EventType.META)
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_INCREMENTAL_SNAPSHOT = int(EventType.INCREMENTAL_SNAPSHOT)
_MUTATION = int(IncrementalSource.MUTATION)
_MOUSE_MOVE = int(IncrementalSource.MOUSE_MOVE)
_SCROLL = int(IncrementalSource.SCROLL)
_INPUT = int(IncrementalSource.INPUT)
_FONT = int(IncrementalSource.FONT)
_SELECTION = int(IncrementalSource.SELECTION)
_ADOPTED_STYLE_SHEET = int(IncrementalSource.ADOPTED_STYLE_SHEET)
_DOCUMENT_NODE = int(NodeType.DOCUMENT)
_ELEMENT_NODE = int(NodeType.ELEMENT)


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        msg = f"{name} must be a number of milliseconds, got {value!r}"
        raise InvalidArgument(msg)
    return value


def _whole(value: float) -> float:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def split_rules(css: str) -> list[str]:
    """The top-level rules of a sheet's text, one string each."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type in ("qualified-rule", "at-rule"):
            out.append(rule.serialize().strip())
    return out


def _detach_iframe_docs(tree: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """Take iframe documents out of an exported tree (parents first); returns (iframe id, document) pairs."""
    out: list[tuple[int, dict[str, Any]]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        kids = node.get("childNodes")
        if not kids:
            continue
        if node.get("type") == _ELEMENT_NODE and node.get("tagName") == "iframe":
            docs = [k for k in kids if k.get("type") == _DOCUMENT_NODE]
            if docs:
                node["childNodes"] = [k for k in kids if k.get("type") != _DOCUMENT_NODE]
                for d in docs:
                    out.append((node["id"], d))
                    stack.append(d)
        stack.extend(reversed([k for k in node.get("childNodes", ()) if k.get("childNodes")]))
    # documents inside documents were found after their parents: keep that order
    return out


def _scrolls(tree: dict[str, Any], doc_id: int | None, top: bool, window: tuple[float, float]) -> list[Event]:
    """Scroll events for elements with ``rr_scroll*`` (an iframe document's root: the document)."""
    out = []
    stack: list[tuple[dict[str, Any], Any]] = [(tree, None)]
    root_ids: set[int] = set()
    for k in tree.get("childNodes", ()):
        if k.get("type") == _ELEMENT_NODE:
            root_ids.add(k["id"])
            for b in k.get("childNodes", ()):
                if b.get("type") == _ELEMENT_NODE and b.get("tagName") == "body":
                    root_ids.add(b["id"])
    while stack:
        node, _ = stack.pop()
        attrs = node.get("attributes") or {}
        if "rr_scrollLeft" in attrs or "rr_scrollTop" in attrs:
            x, y = attrs.get("rr_scrollLeft", 0), attrs.get("rr_scrollTop", 0)
            if node["id"] in root_ids:
                if not top and doc_id is not None:
                    out.append({"source": _SCROLL, "id": doc_id, "x": x, "y": y})
                elif top and (x, y) != window:
                    out.append({"source": _SCROLL, "id": node["id"], "x": x, "y": y})
            else:
                out.append({"source": _SCROLL, "id": node["id"], "x": x, "y": y})
        stack.extend((k, node) for k in reversed(node.get("childNodes") or ()) if k.get("type") == _ELEMENT_NODE)
    return out


def _form_inputs(state: State) -> list[dict[str, Any]]:
    """Input events for controls whose state their attributes do not carry."""
    tree = state.tree
    out: list[Event] = []
    if state.doc is None:
        return out
    for node in tree.iter_nodes(state.doc):
        if node.type != ELEMENT or node.tag not in ("input", "textarea", "select"):
            continue
        attrs = node.attrs or {}
        if node.tag == "select":
            if any(tree.nodes[i].prop("selected_dirty") for i in tree.subtree(node.id) if i != node.id):
                out.append({"source": _INPUT, "id": node.id, "text": current_value(tree, node), "isChecked": False})
            continue
        if node.tag == "input" and input_type(node).lower() in ("checkbox", "radio"):
            checked = is_checked(node)
            if node.prop("checked_dirty") or checked != ("checked" in attrs):
                value = attrs.get("value") if isinstance(attrs.get("value"), str) else "on"
                out.append({"source": _INPUT, "id": node.id, "text": value, "isChecked": checked})
            continue
        if node.prop("value") is not None:
            out.append({"source": _INPUT, "id": node.id, "text": current_value(tree, node), "isChecked": False})
    # unchecked radios first, so that a checked one is not unchecked again by its group's echo
    out.sort(key=lambda e: e["isChecked"])
    return out


def _restore_form_attributes(tree: dict[str, Any], state: State) -> None:
    """In the snapshot, a control the user changed keeps the attributes the page had (the serializer writes its
    state as attributes); the Input events that follow give it its state, as the user's did."""
    nodes = state.tree.nodes
    stack = [tree]
    while stack:
        node = stack.pop()
        kids = node.get("childNodes")
        if kids:
            stack.extend(kids)
        if node.get("type") != _ELEMENT_NODE or node.get("tagName") != "input":
            continue
        live = nodes.get(node["id"])
        if live is None:
            continue
        attrs = node["attributes"]
        page = live.attrs or {}
        if input_type(live).lower() in ("checkbox", "radio"):
            if live.prop("checked_dirty") or is_checked(live) != ("checked" in page):
                if "checked" in page:
                    attrs["checked"] = page["checked"]
                else:
                    attrs.pop("checked", None)
        elif live.prop("value") is not None:
            if isinstance(page.get("value"), str):
                attrs["value"] = page["value"]
            else:
                attrs.pop("value", None)


def _adopted(state: State) -> list[dict[str, Any]]:
    nodes = state.tree.nodes
    out = []
    emitted: set[int] = set()

    def styles(ids: list[int]) -> list[dict[str, Any]]:
        found = []
        for sid in ids:
            sheet = state.style_sheets.get(sid)
            if sheet is None or sid in emitted:
                continue
            emitted.add(sid)
            rules = [{"rule": r, "index": k} for k, r in enumerate(split_rules(sheet.css_text()))]
            found.append({"styleId": sid, "rules": rules})
        return found

    for host, ids in sorted(state.adopted.items()):
        if host in nodes:
            out.append({"source": _ADOPTED_STYLE_SHEET, "id": host, "styles": styles(ids), "styleIds": list(ids)})
    rest = [sid for sid in sorted(state.style_sheets) if sid not in emitted]
    if rest and state.doc is not None:
        # constructed but not adopted now: later events may adopt them by id
        out.append({"source": _ADOPTED_STYLE_SHEET, "id": state.doc, "styles": styles(rest),
                    "styleIds": list(state.adopted.get(state.doc, []))})
    return out


def snapshot_events(replay: ReplayCore, timestamp_ms: float) -> list[Event]:
    """The synthesised events that rebuild the page at an absolute timestamp (see the module doc)."""
    frame = replay.at_timestamp(timestamp_ms)
    state = frame._state  # read only: the frame keeps it
    tree = frame.to_rrweb()
    if tree is None or state.doc is None:
        msg = f"there is no page at timestamp {timestamp_ms}"
        raise InvalidArgument(msg)
    t = timestamp_ms
    out: list[Event] = [
        {"type": _META, "timestamp": t, "data": {"href": state.href or "", "width": state.width or 0,
                                             "height": state.height or 0}},
        None,  # type: ignore[list-item]
    ]
    _restore_form_attributes(tree, state)
    docs = _detach_iframe_docs(tree)
    out[1] = {"type": _FULL_SNAPSHOT, "timestamp": t,
              "data": {"node": tree, "initialOffset": {"left": state.scroll_x, "top": state.scroll_y}}}
    incremental: list[dict[str, Any]] = []
    for iframe_id, doc in docs:
        incremental.append({"source": _MUTATION, "adds": [{"parentId": iframe_id, "nextId": None, "node": doc}],
                            "removes": [], "texts": [], "attributes": [], "isAttachIframe": True})
    incremental.extend(_adopted(state))
    incremental.extend(_form_inputs(state))
    incremental.extend(_scrolls(tree, state.doc, True, (state.scroll_x, state.scroll_y)))
    for _, doc in docs:
        incremental.extend(_scrolls(doc, doc.get("id"), False, (0, 0)))
    nodes = state.tree.nodes
    for nid, indexes in sorted(state.canvas.items()):
        if nid in nodes:
            for i in indexes:
                data = replay.events[i].get("data")
                if isinstance(data, dict):
                    incremental.append(data)
    for font in state.fonts:
        incremental.append({"source": _FONT, **font} if "source" not in font else font)
    if state.selection:
        incremental.append({"source": _SELECTION, "ranges": state.selection})
    pointer = state.pointer
    if pointer is not None and type(pointer.get("id")) is int and pointer["id"] in nodes:
        incremental.append({"source": _MOUSE_MOVE, "positions": [{"x": pointer["x"], "y": pointer["y"], "id": pointer["id"],
                                                        "timeOffset": 0}]})
    out.extend({"type": _INCREMENTAL_SNAPSHOT, "timestamp": t, "data": data} for data in incremental)
    return out


def clip(replay: ReplayCore, start_ms: float, end_ms: float | None = None) -> list[Event]:
    """The recording from ``start_ms`` to ``end_ms`` (offsets from the first event; ``end_ms`` defaults to the
    end) as a new rrweb event list (see the module doc)."""
    start = _number("start_ms", start_ms)
    end = replay.duration_ms if end_ms is None else _number("end_ms", end_ms)
    if end < start:
        msg = f"end_ms ({end}) is before start_ms ({start})"
        raise InvalidArgument(msg)
    events = replay.events
    stamps = replay.timestamps
    t0 = _whole(replay.start_timestamp + start)
    t1 = replay.start_timestamp + end
    if replay.at_timestamp(t0).document is None:
        first = next((i for i, ev in enumerate(events) if ev["type"] == _FULL_SNAPSHOT and ev["timestamp"] > t0), None)
        if first is None or stamps[first] > t1:
            msg = f"no page is shown between {start} and {end} ms (no FullSnapshot)"
            raise InvalidArgument(msg)
        t0 = events[first]["timestamp"]
    out = snapshot_events(replay, t0)
    lo = bisect.bisect_right(stamps, t0)
    hi = bisect.bisect_right(stamps, t1)
    out.extend(events[lo:hi])
    return out
