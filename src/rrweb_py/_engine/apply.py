"""Fold one rrweb event into a :class:`~rrweb_py._engine.state.State`.

One function per event type / incremental source, chosen through ``DISPATCH``. Mutations follow rrweb's order
(removes, adds, texts, attributes), with the add queue resolved deterministically: an add waits for the node it
needs (parent or next sibling) and runs as soon as that node exists; what never resolves is reported. Events
are never modified. Problems inside an event are reported to the :class:`Sink` and skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from .._protocol import EventType, IncrementalSource, MediaInteraction
from . import forms, sheets
from .css import StyleSheet, apply_style_diff
from .dom import DOCTYPE, DOCUMENT, ELEMENT, TEXT, Node, Tree
from .rebuild import MEDIA_KEYS, SPECIAL_NAMES, build_node, build_tree, distribute_css_pieces
from .state import State

_MOUSE_INTERACTION = int(IncrementalSource.MOUSE_INTERACTION)


class Sink:
    """Collects problems met while applying the event at ``index`` (set by the caller for each event)."""

    __slots__ = ("index", "report_fn", "timestamp")

    def __init__(self, report_fn: Callable[[str, int, float, Any, str, str], None]) -> None:
        self.report_fn = report_fn
        self.index = 0
        self.timestamp: float = 0

    def report(self, kind: str, node_id: Any, detail: str, path: Any) -> None:
        """Record one anomaly of the current event; ``path`` is relative to the event (see :func:`json_path`)."""
        where = f"$[{self.index}]{json_path(path)}"
        self.report_fn(kind, self.index, self.timestamp, node_id if type(node_id) is int else None, detail, where)


def _int_id(value: Any) -> int | None:
    return value if type(value) is int else None


def json_path(path: Any) -> str:
    """Format a lazy path: a string, or nested tuples ``(base, index_or_suffix)`` (an int is ``[i]``)."""
    parts: list[str] = []
    while isinstance(path, tuple):
        path, last = path
        parts.append(f"[{last}]" if type(last) is int else str(last))
    parts.append(path if isinstance(path, str) else "")
    return "".join(reversed(parts))


# ---------------------------------------------------------------------------------------------- full snapshot


def apply_full_snapshot(st: State, ev: dict[str, Any], sink: Sink) -> None:
    """A new document: reset every piece of page state and build the tree."""
    data = ev.get("data")
    node = data.get("node") if isinstance(data, dict) else None
    if not isinstance(node, dict):
        sink.report("malformed", None, "FullSnapshot without data.node", ".data.node")
        return
    tree = Tree()
    doc = build_tree(node, sink.report, ".data.node", tree)
    if doc is None:
        return
    if doc.type != DOCUMENT:
        sink.report("malformed", doc.id, "FullSnapshot root is not a Document node", ".data.node.type")
        return
    st.tree = tree
    st.doc = doc.id
    st.doc_queue = {}
    st.style_sheets = {}
    st.adopted = {}
    st.canvas = {}
    st.selection = None
    st.snapshot_time = ev["timestamp"]
    for n in tree.nodes.values():
        media = n.prop("media")
        if media is not None:
            media["offset"] = ev["timestamp"]
    offset = data.get("initialOffset") if isinstance(data, dict) else None
    if isinstance(offset, dict):
        st.scroll_x = _num(offset.get("left"), 0)
        st.scroll_y = _num(offset.get("top"), 0)
    else:
        st.scroll_x = st.scroll_y = 0


def _num(value: Any, default: float) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return default


def apply_meta(st: State, ev: dict[str, Any], sink: Sink) -> None:
    """Meta: page URL and viewport size."""
    data = ev.get("data")
    if not isinstance(data, dict):
        sink.report("malformed", None, "Meta without data", ".data")
        return
    href = data.get("href")
    if isinstance(href, str):
        st.href = href
    _set_viewport(st, data)


def _set_viewport(st: State, data: dict[str, Any]) -> None:
    width, height = data.get("width"), data.get("height")
    if isinstance(width, (int, float)) and not isinstance(width, bool):
        st.width = width  # type: ignore[assignment]
    if isinstance(height, (int, float)) and not isinstance(height, bool):
        st.height = height  # type: ignore[assignment]


# ---------------------------------------------------------------------------------------------- mutation


def apply_mutation(st: State, data: dict[str, Any], sink: Sink) -> None:
    """Mutation: removes, then adds (with the wait queue), then texts, then attributes."""
    path = ".data"  # paths are relative to the event and only formatted when something is reported
    removed: set[int] = set()
    removes = data.get("removes")
    if removes:
        if isinstance(removes, list):
            _apply_removes(st, removes, sink, path + ".removes", removed)
        else:
            sink.report("malformed", None, "removes is not a list", path + ".removes")
    adds = data.get("adds")
    if adds:
        if isinstance(adds, list):
            _apply_adds(st, adds, sink, path + ".adds")
        else:
            sink.report("malformed", None, "adds is not a list", path + ".adds")
    texts = data.get("texts")
    if texts:
        if isinstance(texts, list):
            _apply_texts(st, texts, sink, path + ".texts", removed)
        else:
            sink.report("malformed", None, "texts is not a list", path + ".texts")
    attributes = data.get("attributes")
    if attributes:
        if isinstance(attributes, list):
            _apply_attributes(st, attributes, sink, path + ".attributes", removed)
        else:
            sink.report("malformed", None, "attributes is not a list", path + ".attributes")


def _detach(st: State, nid: int) -> None:
    """Detach a node; a Text leaving a ``<style>`` changes the style's text, an option leaving a select its
    selection."""
    tree = st.tree
    pid = tree.detach(nid)
    if pid is None:
        return
    node = tree.nodes[nid]
    if node.type == TEXT and tree.nodes[pid].tag == "style":
        sheets.text_changed(tree, pid)
    elif node.tag == "option" or node.tag == "optgroup":
        forms.options_changed(tree, pid)


def _apply_removes(st: State, removes: list[Any], sink: Sink, path: str, removed: set[int]) -> None:
    tree = st.tree
    for i, rem in enumerate(removes):
        nid = _int_id(rem.get("id")) if isinstance(rem, dict) else None
        if nid is None:
            sink.report("malformed", None, "remove without an integer id", f"{path}[{i}]")
            continue
        node = tree.nodes.get(nid)
        if node is None:
            sink.report("missing-node", nid, "remove of a node that is not in the document", f"{path}[{i}].id")
            continue
        if nid == st.doc:
            sink.report("refused", nid, "the document itself cannot be removed", f"{path}[{i}].id")
            continue
        if node.parent is None:
            for key, queued in list(st.doc_queue.items()):
                if queued == nid:
                    del st.doc_queue[key]
        _detach(st, nid)
        tree.drop(nid)
        removed.add(nid)


def _apply_adds(st: State, adds: list[Any], sink: Sink, path: str) -> None:
    tree = st.tree
    nodes = tree.nodes
    waiting: dict[int, list[int]] = {}
    styles: list[int] = []
    for first, add in enumerate(adds):
        # The common case inline (what _add_one, build_node and Tree.insert_new do for it): a new node without
        # children, an element with plain string attributes and no special role or a text, placed in an
        # ordinary element (at the end, or before a sibling that is there). Anything else: _add_one.
        sn = add.get("node") if type(add) is dict else None
        if type(sn) is dict:
            nid = sn.get("id")
            pid = add.get("parentId")
            next_id = add.get("nextId", _ABSENT)
            if (type(nid) is int and nid > 0 and type(pid) is int and nid not in nodes
                    and (next_id is None or (type(next_id) is int and next_id > 0 and next_id in nodes))
                    and not sn.get("childNodes") and not sn.get("isShadow")):
                parent = nodes.get(pid)
                ntype = sn.get("type")
                node = None
                if parent is not None and parent.type == ELEMENT and parent.tag != "style":
                    if ntype == ELEMENT:
                        tag = sn.get("tagName")
                        raw = sn.get("attributes")
                        if (type(tag) is str and tag.islower() and tag not in _NOT_PLAIN_TAGS
                                and "isSVG" not in sn and "isCustom" not in sn and "isShadowHost" not in sn
                                and type(raw) is dict and (not raw or (SPECIAL_NAMES.isdisjoint(raw)
                                                                       and all(type(v) is str for v in raw.values())))):
                            node = Node(nid, ELEMENT, tag, raw.copy(), None, 0)
                    elif ntype == TEXT:
                        text = sn.get("textContent")
                        if type(text) is str:
                            node = Node(nid, TEXT, None, None, text, 0)
                if node is not None:
                    tree.add(node)
                    tree.insert_new(pid, node, next_id)
                    if not waiting:
                        continue
                    result: int | Waiting | None = nid
                else:
                    result = _add_one(st, add, sink, (path, first))
            else:
                result = _add_one(st, add, sink, (path, first))
        else:
            result = _add_one(st, add, sink, (path, first))
        if result is None:
            continue
        if isinstance(result, Waiting):
            waiting.setdefault(result.missing, []).append(first)
            continue
        node = nodes[result]
        if node.tag == "style" and node.props and "css_pieces" in node.props:
            styles.append(result)
        if not waiting:
            continue
        stack = [result]
        while stack:  # adds that were waiting for what now exists
            done = stack.pop()
            node = nodes[done]
            released: list[int] = []
            for nid in tree.subtree(done) if node.children or node.content is not None else (done,):
                got = waiting.pop(nid, None)
                if got:
                    released.extend(got)
            for i in sorted(released):
                result = _add_one(st, adds[i], sink, (path, i))
                if result is None:
                    continue
                if isinstance(result, Waiting):
                    waiting.setdefault(result.missing, []).append(i)
                    continue
                node = nodes[result]
                if node.tag == "style" and node.props and "css_pieces" in node.props:
                    styles.append(result)
                stack.append(result)
    for sid in styles:
        # The recorder sends the text of a <style> added in the same batch as empty children (its CSS is in
        # _cssText); a text added in a later batch is a real change of the style's text.
        if sid in nodes:
            tree.w(sid).pop_prop("css_pieces")
    for missing, indexes in waiting.items():
        for i in indexes:
            add = adds[i]
            if missing == add.get("parentId"):
                sink.report("missing-parent", _int_id(add["node"].get("id")),
                            f"parent {missing} never arrived; the node is dropped", f"{path}[{i}].parentId")
            else:
                sink.report("missing-next", _int_id(add["node"].get("id")),
                            f"next sibling {missing} never arrived; the node is dropped", f"{path}[{i}].nextId")


class Waiting(NamedTuple):
    """An add that cannot be placed yet: node ``missing`` (its parent or its next sibling) has not arrived."""

    missing: int


def _add_one(st: State, add: Any, sink: Sink, path: Any) -> int | Waiting | None:
    """Try one add. Returns the inserted node's id, :class:`Waiting` for the id it must wait for, or None (done
    or refused).

    (Ids the recorder hands out are positive: a non-positive id will never arrive, so nothing waits for it.)
    """
    sn: Any = add.get("node") if type(add) is dict else None  # recorded input: a dict when nid is an int
    nid = sn.get("id") if type(sn) is dict else None
    parent_id = add["parentId"] if nid is not None else None
    if type(nid) is not int or type(parent_id) is not int or nid <= 0:
        sink.report("malformed", None, "add needs parentId (int) and node with a positive integer id", path)
        return None
    tree = st.tree
    nodes = tree.nodes
    parent = nodes.get(parent_id)
    if parent is None:
        if sn.get("type") == DOCUMENT and nid not in nodes:
            doc = build_tree(sn, sink.report, (path, ".node"), tree)
            if doc is None:
                return None
            old = st.doc_queue.pop(parent_id, None)
            if old is not None:
                tree.drop(old)
            st.doc_queue[parent_id] = nid
            return nid
        return Waiting(parent_id) if parent_id > 0 else None
    next_id = add.get("nextId")
    if next_id is not None and next_id != -1:
        if type(next_id) is not int:
            sink.report("malformed", None, "nextId is not an integer", (path, ".nextId"))
            next_id = None
        elif next_id not in nodes:
            return Waiting(next_id) if next_id > 0 else None
    elif next_id is None and "nextId" not in add and type(add.get("previousId")) is int:
        prev = add["previousId"]
        if prev not in nodes:
            return Waiting(prev) if prev > 0 else None
        next_id = tree.next_sibling(prev)
    else:
        next_id = None
    ptype = parent.type
    if ptype != ELEMENT and ptype != DOCUMENT:
        sink.report("refused", nid, f"parent {parent_id} cannot have children", (path, ".parentId"))
        return None
    if nid in nodes:
        if sn.get("type") == DOCUMENT:
            return _attach_document(st, parent_id, sn, sink, (path, ".node"))
        return _move_existing(st, nid, parent_id, next_id, sn, sink, path)
    ntype = sn.get("type")
    if ntype == DOCUMENT:
        if parent.tag != "iframe":
            sink.report("refused", nid, "a document can only be added to an iframe", (path, ".node"))
            return None
        return _attach_document(st, parent_id, sn, sink, (path, ".node"))
    ticked: list[int] = []
    if sn.get("childNodes"):
        node = build_tree(sn, sink.report, (path, ".node"), tree, added=True, checked=ticked)
    else:
        node = build_node(sn, sink.report, (path, ".node"), added=True)
        if node is not None:
            tree.add(node)
    if node is None:
        return None
    shadow = bool(sn.get("isShadow"))
    if ptype == ELEMENT and not shadow and parent.tag != "style" and node.tag not in _SPECIAL_TAGS:
        tree.insert_new(parent_id, node, next_id)  # the common case: nothing else to do
    else:
        _place(st, parent_id, node, next_id, shadow)
    if node.props is not None and node.tag == "input":
        ticked.append(nid)
    for i in ticked:  # a ticked radio that joins the document unticks the rest of its group
        forms.regrouped(tree, i)
    return nid


#: tags whose insertion does more than insert (see _place)
_SPECIAL_TAGS = frozenset({"iframe", "style", "audio", "video", "option", "optgroup"})
#: tags an add handles beyond building and inserting (those of _place, and a ticked input's radio group)
_NOT_PLAIN_TAGS = _SPECIAL_TAGS | {"input"}
_ABSENT = object()  # a key not in the add


def _place(st: State, parent_id: int, node: Node, next_id: int | None, shadow: bool) -> None:
    tree = st.tree
    nid = node.id
    parent = tree.nodes[parent_id]
    if parent.type == DOCUMENT and node.type in (DOCTYPE, ELEMENT):
        for old in [c for c in parent.children or () if tree.nodes[c].type == node.type]:
            tree.detach(old)  # a document has one doctype and one root element
            tree.drop(old)
    tree.insert(parent_id, nid, next_id, shadow=shadow)
    tag = node.tag
    if node.type == TEXT:
        if parent.tag == "style":
            sheets.text_added(tree, parent_id, nid)
    elif tag is not None:
        if tag == "iframe":
            queued = st.doc_queue.pop(nid, None)
            if queued is not None:
                tree.set_content(nid, queued)
        elif tag == "style" and node.children:
            distribute_css_pieces(tree, tree.w(nid))
        elif tag == "audio" or tag == "video":
            media = node.prop("media")
            if media is not None and "offset" not in media:
                media["offset"] = None  # untracked until its first MediaInteraction (its recorded state holds)
        elif tag == "option" or tag == "optgroup":
            forms.options_changed(tree, parent_id)


def _attach_document(st: State, iframe_id: int, sn: dict[str, Any], sink: Sink, path: Any) -> int | None:
    tree = st.tree
    if sn["id"] in tree.nodes:
        old = sn["id"]
        tree.detach(old)
        tree.drop(old)
    staging = Tree()
    doc = build_tree(sn, sink.report, path, staging)
    if doc is None:
        return None
    dups = [nid for nid in staging.nodes if nid in tree.nodes]
    if dups:
        sink.report("duplicate-id", dups[0], f"{len(dups)} ids of the iframe document are already in use; "
                    "the document is refused", path)
        return None
    old_content = tree.nodes[iframe_id].content
    if old_content is not None:
        tree.detach(old_content)
        tree.drop(old_content)
    for n in staging.nodes.values():
        tree.add(n)
    tree.set_content(iframe_id, doc.id)
    # iframes inside this document whose documents arrived first
    for nid in tree.subtree(doc.id):
        n = tree.nodes[nid]
        if n.tag == "iframe" and n.content is None:
            queued = st.doc_queue.pop(nid, None)
            if queued is not None:
                tree.set_content(nid, queued)
    return doc.id


def _move_existing(
    st: State, nid: int, parent_id: int, next_id: int | None, sn: dict[str, Any], sink: Sink, path: Any
) -> int | None:
    """An add for an id that is still in the document: a move of the same node, or a refused duplicate."""
    tree = st.tree
    node = tree.nodes[nid]
    if node.type != sn.get("type") or (node.type == ELEMENT and node.tag != str(sn.get("tagName", "")).lower()):
        sink.report("duplicate-id", nid, "an add reuses the id of a different node; refused", (path, ".node.id"))
        return None
    if tree.is_inclusive_ancestor(nid, parent_id):
        sink.report("refused", nid, "a node cannot be added under itself or its own descendant", path)
        return None
    if next_id == nid:
        next_id = tree.next_sibling(nid)
    _detach(st, nid)
    fresh = build_node(sn, sink.report, (path, ".node"), added=True)
    node = tree.w(nid)
    if fresh is not None and fresh.type == ELEMENT:
        node.attrs = fresh.attrs
        if fresh.props:
            for key, value in fresh.props.items():
                node.set_prop(key, value)
    elif fresh is not None:
        node.text = fresh.text
    _place(st, parent_id, node, next_id, bool(sn.get("isShadow")))
    if node.tag == "input":
        forms.regrouped(tree, nid)
    return nid


def _apply_texts(st: State, texts: list[Any], sink: Sink, path: str, removed: set[int]) -> None:
    tree = st.tree
    nodes = tree.nodes
    for i, entry in enumerate(texts):
        nid = _int_id(entry.get("id")) if isinstance(entry, dict) else None
        if nid is None:
            sink.report("malformed", None, "text entry without an integer id", f"{path}[{i}]")
            continue
        node = nodes.get(nid)
        if node is None:
            if nid not in removed:
                sink.report("missing-node", nid, "text change of a node that is not in the document", f"{path}[{i}].id")
            continue
        if node.text is None:
            sink.report("refused", nid, "text change of a node that holds no text", f"{path}[{i}].id")
            continue
        value = entry.get("value")
        tree.w(nid).text = value if isinstance(value, str) else ("" if value is None else str(value))
        pid = node.parent
        if pid is not None and nodes[pid].tag == "style":
            sheets.text_changed(tree, pid)


def _apply_attributes(st: State, entries: list[Any], sink: Sink, path: str, removed: set[int]) -> None:
    nodes = st.tree.nodes
    for i, entry in enumerate(entries):
        nid = _int_id(entry.get("id")) if isinstance(entry, dict) else None
        changes = entry.get("attributes") if isinstance(entry, dict) else None
        if nid is None or not isinstance(changes, dict):
            sink.report("malformed", nid, "attribute entry needs an integer id and an attributes object", f"{path}[{i}]")
            continue
        node = nodes.get(nid)
        if node is None:
            if nid not in removed:
                sink.report("missing-node", nid, "attribute change of a node that is not in the document",
                            f"{path}[{i}].id")
            continue
        if node.type != ELEMENT:
            sink.report("refused", nid, "attribute change of a node that is not an element", f"{path}[{i}].id")
            continue
        for name, value in changes.items():
            set_attribute(st, nid, name, value)


def set_attribute(st: State, nid: int, name: str, value: Any) -> None:
    """One attribute change from a Mutation (``None`` removes; an object on ``style`` is a property diff)."""
    tree = st.tree
    node = tree.w(nid)
    attrs = node.attrs
    if attrs is None:
        attrs = node.attrs = {}
    tag = node.tag
    if value is None:
        attrs.pop(name, None)
        if name == "open" and tag == "dialog":
            attrs.pop("rr_open_mode", None)
        elif name == "_cssText":
            node.pop_prop("sheet")
        elif name == "value" and tag == "textarea":
            node.pop_prop("default")
    elif isinstance(value, dict):
        if name == "style":
            old = attrs.get("style")
            attrs["style"] = apply_style_diff(old if isinstance(old, str) else None, value)
        return
    elif isinstance(value, list):
        return
    elif name == "_cssText" and tag in ("style", "link") and isinstance(value, str):
        sheets.replace_serialized(tree, nid, value)
        return
    elif name == "value" and tag in ("textarea", "select"):
        if tag == "textarea":  # the recorder's name for a change of the textarea's text (its default value)
            node.set_prop("default", value if isinstance(value, str) else str(value))
        return
    elif name in MEDIA_KEYS:
        media = node.prop("media") or {}
        media[MEDIA_KEYS[name]] = value
        node.set_prop("media", media)
        return
    elif name in ("rr_scrollLeft", "rr_scrollTop"):
        return
    else:
        attrs[name] = "" if value is True else value if isinstance(value, str) else str(value)
    if name == "checked" and tag == "input":
        forms.on_checked_attribute(tree, nid)
    elif (name == "name" or name == "type") and tag == "input":
        forms.regrouped(tree, nid)
    elif name == "selected" and tag == "option":
        forms.on_selected_attribute(tree, nid)


# ---------------------------------------------------------------------------------------------- other sources


def apply_input(st: State, data: dict[str, Any], sink: Sink) -> None:
    """Input: the value / checkedness the user (or a script) gave a control."""
    nid = _int_id(data.get("id"))
    if nid is None or nid == -1:
        return
    if nid not in st.tree.nodes:
        sink.report("missing-node", nid, "input on a node that is not in the document", ".data.id")
        return
    text = data.get("text")
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    forms.set_value_from_input(st.tree, nid, text, bool(data.get("isChecked")))


def apply_scroll(st: State, data: dict[str, Any], sink: Sink) -> None:
    """Scroll of the window (the top document's id) or of an element / iframe document."""
    nid = _int_id(data.get("id"))
    x, y = _num(data.get("x"), 0), _num(data.get("y"), 0)
    if nid is not None and nid == st.doc:
        st.scroll_x, st.scroll_y = x, y
        return
    if nid is None or nid not in st.tree.nodes:
        sink.report("missing-node", nid, "scroll of a node that is not in the document", ".data.id")
        return
    st.tree.w(nid).set_prop("scroll", [x, y])


def apply_viewport(st: State, data: dict[str, Any], sink: Sink) -> None:
    """ViewportResize."""
    _set_viewport(st, data)


def apply_pointer(st: State, data: dict[str, Any], sink: Sink) -> None:
    """MouseMove / TouchMove / Drag: keep the last position."""
    positions = data.get("positions")
    if not isinstance(positions, list) or not positions or not isinstance(positions[-1], dict):
        sink.report("malformed", None, "pointer event without positions", ".data.positions")
        return
    last = positions[-1]
    st.pointer = {
        "x": _num(last.get("x"), 0),
        "y": _num(last.get("y"), 0),
        "id": _int_id(last.get("id")),
        "timestamp": sink.timestamp + _num(last.get("timeOffset"), 0),
        "source": data.get("source"),
    }


def apply_mouse_interaction(st: State, data: dict[str, Any], sink: Sink) -> None:
    """MouseInteraction: keep the last one, and its position as the pointer's."""
    nid = _int_id(data.get("id"))
    kind = data.get("type")
    st.interaction = {
        "type": kind,
        "id": nid,
        "x": data.get("x"),
        "y": data.get("y"),
        "timestamp": sink.timestamp,
    }
    x, y = data.get("x"), data.get("y")
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        st.pointer = {"x": x, "y": y, "id": nid, "timestamp": sink.timestamp, "source": _MOUSE_INTERACTION}


def apply_media(st: State, data: dict[str, Any], sink: Sink) -> None:
    """MediaInteraction: play / pause / seek / volume / rate of an audio or video element."""
    nid = _int_id(data.get("id"))
    if nid is None or nid not in st.tree.nodes:
        sink.report("missing-node", nid, "media event on a node that is not in the document", ".data.id")
        return
    node = st.tree.w(nid)
    media = node.prop("media")
    media = {} if media is None else dict(media)
    kind = data.get("type")
    now = sink.timestamp
    if media.get("state") == "played" and media.get("offset") is not None:
        media["time"] = media_time(media, now)  # bring the position up to now before changing anything
    media["offset"] = now
    current = data.get("currentTime")
    if isinstance(current, (int, float)) and not isinstance(current, bool):
        media["time"] = current
    if kind == MediaInteraction.PLAY:
        media["state"] = "played"
    elif kind == MediaInteraction.PAUSE:
        media["state"] = "paused"
    for key, field in (("volume", "volume"), ("muted", "muted"), ("loop", "loop"), ("playbackRate", "rate")):
        if key in data:
            media[field] = data[key]
    node.set_prop("media", media)


def media_time(media: dict[str, Any], now: float) -> Any:
    """The playback position at ``now`` (epoch ms) of a media element with the given state."""
    base = media.get("time", 0)
    if media.get("state") != "played" or media.get("offset") is None:
        return base
    rate = media.get("rate", 1)
    rate = rate if isinstance(rate, (int, float)) else 1
    base = base if isinstance(base, (int, float)) else 0
    return base + (now - media["offset"]) / 1000 * rate


def _sheet_for(st: State, data: dict[str, Any], sink: Sink) -> StyleSheet | None:
    style_id = _int_id(data.get("styleId"))
    if style_id is not None:
        sheet = st.style_sheets.get(style_id)
        if sheet is None:
            sink.report("missing-sheet", style_id, "rule change of an unknown constructed sheet",
                        ".data.styleId")
        return sheet
    nid = _int_id(data.get("id"))
    if nid is None or nid not in st.tree.nodes:
        sink.report("missing-node", nid, "rule change of a sheet whose node is not in the document",
                    ".data.id")
        return None
    sheet = sheets.writable_sheet(st.tree, nid, st.href)
    if sheet is None:
        sink.report("missing-sheet", nid, f"<{st.tree.nodes[nid].tag}> has no style sheet", ".data.id")
    return sheet


def _index(value: Any) -> int | list[int] | None:
    if type(value) is int:
        return value
    if isinstance(value, list) and value and all(type(v) is int for v in value):
        return value
    return None


def apply_style_sheet_rule(st: State, data: dict[str, Any], sink: Sink) -> None:
    """StyleSheetRule: insertRule / deleteRule / replace / replaceSync on a sheet."""
    sheet = _sheet_for(st, data, sink)
    if sheet is None:
        return
    base = st.href
    adds = data.get("adds")
    if isinstance(adds, list):
        for add in adds:
            if isinstance(add, dict) and isinstance(add.get("rule"), str):
                sheet.insert_rule(add["rule"], _index(add.get("index")), base)
    removes = data.get("removes")
    if isinstance(removes, list):
        for rem in removes:
            index = _index(rem.get("index")) if isinstance(rem, dict) else None
            sheet.delete_rule(0 if index is None else index)
    for key in ("replace", "replaceSync"):
        text = data.get(key)
        if isinstance(text, str):
            sheet.replace(text, base)


def apply_style_declaration(st: State, data: dict[str, Any], sink: Sink) -> None:
    """StyleDeclaration: setProperty / removeProperty on the rule at an index path."""
    sheet = _sheet_for(st, data, sink)
    if sheet is None:
        return
    index = data.get("index")
    path = [index] if type(index) is int else index
    if not isinstance(path, list) or not all(type(v) is int for v in path):
        sink.report("malformed", None, "StyleDeclaration without an index path", ".data.index")
        return
    set_ = data.get("set")
    if isinstance(set_, dict) and isinstance(set_.get("property"), str):
        value = set_.get("value")
        priority = set_.get("priority")
        sheet.set_property(path, set_["property"], value if isinstance(value, str) else "",
                           priority if isinstance(priority, str) else "")
    remove = data.get("remove")
    if isinstance(remove, dict) and isinstance(remove.get("property"), str):
        sheet.remove_property(path, remove["property"])


def apply_adopted(st: State, data: dict[str, Any], sink: Sink) -> None:
    """AdoptedStyleSheet: new constructed sheets and the host's adopted list."""
    host = _int_id(data.get("id"))
    if host is None or host not in st.tree.nodes:
        sink.report("missing-node", host, "adopted sheets for a host that is not in the document",
                    ".data.id")
        return
    styles = data.get("styles")
    if isinstance(styles, list):
        for style in styles:
            if not isinstance(style, dict) or type(style.get("styleId")) is not int:
                continue
            sheet = StyleSheet.constructed("", st.href)
            rules = style.get("rules")
            for rule in rules if isinstance(rules, list) else ():
                if isinstance(rule, dict) and isinstance(rule.get("rule"), str):
                    sheet.insert_rule(rule["rule"], _index(rule.get("index")) or len(sheet), st.href)
            st.style_sheets[style["styleId"]] = sheet
    ids = data.get("styleIds")
    if isinstance(ids, list):
        st.adopted[host] = [i for i in ids if type(i) is int]


def apply_selection(st: State, data: dict[str, Any], sink: Sink) -> None:
    """Selection: keep the last non-empty list of ranges (rrweb never clears on an empty list)."""
    ranges = data.get("ranges")
    if isinstance(ranges, list) and ranges:
        st.selection = ranges


def apply_canvas(st: State, data: dict[str, Any], sink: Sink) -> None:
    """CanvasMutation: commands are kept (by event index), no pixels."""
    nid = _int_id(data.get("id"))
    if nid is not None:
        st.canvas.setdefault(nid, []).append(sink.index)


def apply_font(st: State, data: dict[str, Any], sink: Sink) -> None:
    """Font: keep the face's description."""
    st.fonts.append(data)


def _ignore(st: State, data: dict[str, Any], sink: Sink) -> None:
    """Sources with no state of their own (Log, CustomElement)."""


#: the handler of each incremental source (keys plain ints: looked up once per event)
INCREMENTAL: dict[int, Callable[[State, dict[str, Any], Sink], None]] = {int(source): handler for source, handler in {
    IncrementalSource.MUTATION: apply_mutation,
    IncrementalSource.MOUSE_MOVE: apply_pointer,
    IncrementalSource.MOUSE_INTERACTION: apply_mouse_interaction,
    IncrementalSource.SCROLL: apply_scroll,
    IncrementalSource.VIEWPORT_RESIZE: apply_viewport,
    IncrementalSource.INPUT: apply_input,
    IncrementalSource.TOUCH_MOVE: apply_pointer,
    IncrementalSource.MEDIA_INTERACTION: apply_media,
    IncrementalSource.STYLE_SHEET_RULE: apply_style_sheet_rule,
    IncrementalSource.CANVAS_MUTATION: apply_canvas,
    IncrementalSource.FONT: apply_font,
    IncrementalSource.LOG: _ignore,
    IncrementalSource.DRAG: apply_pointer,
    IncrementalSource.STYLE_DECLARATION: apply_style_declaration,
    IncrementalSource.SELECTION: apply_selection,
    IncrementalSource.ADOPTED_STYLE_SHEET: apply_adopted,
    IncrementalSource.CUSTOM_ELEMENT: _ignore,
}.items()}

#: event types that change nothing here
PASSIVE_TYPES = frozenset(int(t) for t in (EventType.DOM_CONTENT_LOADED, EventType.LOAD, EventType.CUSTOM,
                                            EventType.PLUGIN, EventType.ASSET))

# plain ints for the per-event dispatch
_INCREMENTAL_SNAPSHOT = int(EventType.INCREMENTAL_SNAPSHOT)
_FULL_SNAPSHOT = int(EventType.FULL_SNAPSHOT)
_META = int(EventType.META)


def apply_event(st: State, ev: dict[str, Any], sink: Sink) -> None:
    """Apply one event (its envelope was validated at load).

    Handlers check what they use; a value of a shape no check foresaw still only costs its event the rest of
    its work (reported as ``malformed``), never the replay.
    """
    try:
        _dispatch(st, ev, sink)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        sink.report("malformed", None, f"unexpected shape ({type(exc).__name__}: {exc})"[:300], ".data")


def _dispatch(st: State, ev: dict[str, Any], sink: Sink) -> None:
    etype = ev["type"]
    if etype == _INCREMENTAL_SNAPSHOT:
        data = ev.get("data")
        if type(data) is not dict:
            sink.report("malformed", None, "IncrementalSnapshot without data", ".data")
            return
        source = data.get("source")
        handler = INCREMENTAL.get(source) if type(source) is int else None
        if handler is None:
            sink.report("unknown-source", None, f"unknown incremental source {source!r}"[:200], ".data.source")
            return
        if st.doc is None and handler is not apply_viewport:
            sink.report("no-snapshot", None, "incremental event before any FullSnapshot", "")
            return
        handler(st, data, sink)
    elif etype == _FULL_SNAPSHOT:
        apply_full_snapshot(st, ev, sink)
    elif etype == _META:
        apply_meta(st, ev, sink)
    elif etype not in PASSIVE_TYPES:
        sink.report("unknown-event-type", None, f"unknown event type {etype}", ".type")


# ---------------------------------------------------------------------------------------------- page starts

#: the incremental sources whose state a FullSnapshot keeps: the pointer, the last interaction, the viewport and the
#: fonts (with Meta's URL and viewport). A FullSnapshot resets or rebuilds everything else (see apply_full_snapshot).
_KEPT_SOURCES = frozenset(int(s) for s in (
    IncrementalSource.MOUSE_MOVE, IncrementalSource.TOUCH_MOVE, IncrementalSource.DRAG,
    IncrementalSource.MOUSE_INTERACTION, IncrementalSource.VIEWPORT_RESIZE, IncrementalSource.FONT))


def _ignore_report(kind: str, index: int, timestamp: float, node_id: Any, detail: str, where: str) -> None:
    """Reports of a scan: the walk that applies these events for real records them."""


def before_snapshot(base: State, events: Iterable[dict[str, Any]]) -> State:
    """What a FullSnapshot meets after ``base`` and then ``events`` (the events between them), as far as the
    snapshot keeps it: a new State with the URL, viewport, pointer, last interaction and fonts those leave, and
    nothing else (no page: the FullSnapshot applied next builds it). Applying that FullSnapshot to the result gives
    the same state as applying every event to ``base`` and then it, when the snapshot starts a page (its root is a
    Document), without building the pages in between. Only the events that change what a snapshot keeps are
    applied, by the same handlers as in a full walk."""
    scan = State()
    for name in ("href", "width", "height", "pointer", "interaction"):
        setattr(scan, name, getattr(base, name))
    scan.fonts = list(base.fonts)
    has_page = base.doc is not None
    sink = Sink(_ignore_report)
    for ev in events:
        etype = ev["type"]
        if etype == _INCREMENTAL_SNAPSHOT:
            data = ev.get("data")
            source = data.get("source") if type(data) is dict else None
            if source not in _KEPT_SOURCES:
                continue  # a change of the page the FullSnapshot replaces
        elif etype == _FULL_SNAPSHOT:
            if not has_page:  # the incremental events after the first page that builds are applied
                probe = State()
                apply_event(probe, ev, sink)
                has_page = probe.doc is not None
            continue
        elif etype != _META:
            continue
        scan.doc = 0 if has_page else None  # all _dispatch asks of the page: is there one (else it refuses)
        sink.timestamp = ev["timestamp"]
        apply_event(scan, ev, sink)
    fresh = State()
    for name in ("href", "width", "height", "pointer", "interaction", "fonts"):
        setattr(fresh, name, getattr(scan, name))
    return fresh

