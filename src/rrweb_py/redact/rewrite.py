"""The redacting walk: each event of a replay rewritten against the page of its moment.

The page model is walked once, event by event. Each event is rewritten with the statuses
(:mod:`rrweb_py.redact.status`) of the nodes it touches, read on the page right after it (the page before it,
for what it removes): added nodes are masked where they land, a text change where its node is, an Input where
its control is. Events that touch only what a blocked element hides are dropped. The invariant after each event:
the redacted page is the page with the masks of that moment applied.

A change can move what rules cover without re-sending the nodes concerned (a class added to an ancestor, a node
moved under a masked container, a sibling inserted before a ``+`` rule's element). With selector rules, the
elements whose status changed are found (the subtrees the event touched) and corrected by events written right
after it at the same timestamp: texts and attributes masked or restored, a control's value sent again, a newly
blocked element's children removed (or a newly unblocked element's sent again).

Events of unknown types or sources are dropped (nothing can vouch for what they hold).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._gc import paused
from .._protocol import EventType, IncrementalSource, NodeType
from .._read.engine import ELEMENT, SVG, Node, State, current_value, input_type, is_checked
from .._read.export import to_rrweb
from .rules import URL_ATTRIBUTES, Rules, mask_css, mask_text, mask_value, strip_srcset, strip_url
from .scrub import scrub
from .status import BLOCKED, HIDDEN, INPUT, UNKNOWN, Statuses, inherit
from .status import TEXT as TEXT_RULE

Event = dict[str, Any]
#: the page's nodes by id, read with ids taken from events (any JSON value)
Nodes = dict[Any, Node]

_FULL = int(EventType.FULL_SNAPSHOT)
_INCREMENTAL = int(EventType.INCREMENTAL_SNAPSHOT)
_META = int(EventType.META)
_CUSTOM = int(EventType.CUSTOM)
_PLUGIN = int(EventType.PLUGIN)
_PLAIN = frozenset({int(EventType.DOM_CONTENT_LOADED), int(EventType.LOAD)})
_MUTATION = int(IncrementalSource.MUTATION)
_INPUT = int(IncrementalSource.INPUT)
_SCROLL = int(IncrementalSource.SCROLL)
_LOG = int(IncrementalSource.LOG)
_SELECTION = int(IncrementalSource.SELECTION)
_MOVES = frozenset(int(s) for s in (IncrementalSource.MOUSE_MOVE, IncrementalSource.TOUCH_MOVE,
                                    IncrementalSource.DRAG))
_STYLE_RULE = int(IncrementalSource.STYLE_SHEET_RULE)
_STYLE_DECLARATION = int(IncrementalSource.STYLE_DECLARATION)
_ADOPTED = int(IncrementalSource.ADOPTED_STYLE_SHEET)
#: sources whose ``id`` names the one node they touch: a click stays on a blocked element (the placeholder is
#: there to click), what changes its content or state (scroll, media, canvas pixels) does not
_CLICK = int(IncrementalSource.MOUSE_INTERACTION)
_BY_ID = frozenset(int(s) for s in (IncrementalSource.SCROLL, IncrementalSource.MEDIA_INTERACTION,
                                    IncrementalSource.CANVAS_MUTATION))
_NO_NODE = frozenset(int(s) for s in (IncrementalSource.VIEWPORT_RESIZE, IncrementalSource.FONT,
                                      IncrementalSource.CUSTOM_ELEMENT))
#: text, CDATA and comment nodes: a comment is not shown, but masked all the same (it can hold data)
_CHARACTER_DATA = frozenset({int(NodeType.TEXT), int(NodeType.CDATA), int(NodeType.COMMENT)})
_CONTROLS = frozenset({"input", "textarea", "select", "option"})
_VALUE_TEXT = frozenset({"textarea", "option"})
#: controls whose state an Input event carries
_FORM_STATE = frozenset({"input", "textarea", "select"})
_SCRIPT = frozenset({"script"})
_GONE = HIDDEN | BLOCKED


class Redactor:
    """Rewrites the events of one window (see :func:`rrweb_py.redact.redact`)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.st = Statuses(rules)
        sels = rules.selectors
        #: whether a status can change without the node being sent again
        self.dynamic = bool(sels)
        self.siblings = any(s.siblings for s in sels)
        self.empty = any(s.empty for s in sels)
        self.mask_logs = rules.masks_content
        #: element id -> the status the redacted page shows it with (dynamic rules only)
        self.shown: dict[int, int] = {}
        #: ids written with every mask on because their place was unknown (an add waiting for its parent)
        self.pending: set[int] = set()

    # ------------------------------------------------------------------------------------------ the walk

    def run(self, events: Any, advance: Any, state: State) -> Iterator[Event]:
        """Rewrite ``events`` in order; ``advance(count)`` applies the first ``count`` events to ``state``."""
        step = paused(self._step)  # the collector would walk the replay's events again and again
        for i, ev in enumerate(events):
            yield from step(i, ev, advance, state)

    def _step(self, i: int, ev: Event, advance: Any, state: State) -> list[Event]:
        kind = ev["type"]
        data: Any = ev.get("data")
        pre = moved = None
        if kind == _INCREMENTAL and _source(data) == _MUTATION:
            pre, moved = self._before(state, data)
        advance(i + 1)
        if pre is not None or kind == _FULL or self.st.nodes is not state.tree.nodes:
            self.st.reset(state.tree.nodes)  # statuses hold until the tree changes
        out = self._event(ev, kind, data, state, pre)
        written = [] if out is None else [out]
        if self.dynamic and moved is not None:
            written.extend(self._fix(ev, data, state, moved))
        return written

    def _before(self, state: State, data: dict[str, Any]) -> tuple[dict[Any, int | None], list[int]]:
        """On the page before a mutation: the statuses of what it removes and of their parents, and the ids it
        adds that the page already has (moves, whose untouched descendants may change status)."""
        nodes: Nodes = state.tree.nodes
        self.st.reset(nodes)
        of = self.st.of
        pre: dict[Any, int | None] = {}
        for r in data.get("removes") or ():
            if isinstance(r, dict):
                pre[r.get("parentId")] = of(r.get("parentId"))
                pre[r.get("id")] = of(r.get("id"))
        moved: list[int] = []
        if self.dynamic:
            for a in data.get("adds") or ():
                node = a.get("node") if isinstance(a, dict) else None
                nid = node.get("id") if isinstance(node, dict) else None
                if isinstance(nid, int) and nid in nodes:
                    moved.append(nid)
        return pre, moved

    def _event(self, ev: Event, kind: int, data: Any, state: State, pre: dict[Any, int | None] | None) -> Event | None:
        rules = self.rules
        if kind == _FULL:
            return self._full(ev, state)
        if kind == _INCREMENTAL:
            return self._incremental(ev, data, state, pre)
        if kind == _META:
            if rules.strip_query and isinstance(data, dict) and isinstance(data.get("href"), str):
                return {**ev, "data": {**data, "href": strip_url(data["href"])}}
            return ev
        if kind == _CUSTOM or kind == _PLUGIN:
            if rules.drop_plugins:
                return None
            return self._scrubbed(ev)
        if kind in _PLAIN:
            return ev
        return None

    def _scrubbed(self, ev: Event) -> Event:
        if not (self.mask_logs or self.rules.strip_query):
            return ev
        data = ev.get("data")
        if not isinstance(data, dict):
            return ev
        key = "payload"
        if key not in data:
            return ev
        return {**ev, "data": {**data, key: scrub(data[key], mask=self.mask_logs, strip=self.rules.strip_query)}}

    def page(self, state: State) -> dict[str, Any] | None:
        """The page of ``state`` as rrweb would serialize it (:func:`~rrweb_py._read.export.to_rrweb`) with these
        rules' masks applied: what a redacted recording shows at that moment."""
        if state.doc is None:
            return None
        self.st.reset(state.tree.nodes)
        self._fill(state)
        node = to_rrweb(state)
        return None if node is None else self._node(node, self.st.base, None)

    def _fill(self, state: State) -> None:
        """Every status of the page into the cache, top-down: one pass instead of a walk up per node."""
        if state.doc is not None:
            for _ in self.st.below(state.doc):
                pass

    # ------------------------------------------------------------------------------------------ snapshots

    def _full(self, ev: Event, state: State) -> Event | None:
        data: Any = ev.get("data")
        node = data.get("node") if isinstance(data, dict) else None
        if not isinstance(node, dict):
            return None
        self.shown.clear()
        self.pending.clear()
        self._fill(state)
        out = self._node(node, self.st.base, None)
        return {**ev, "data": {**data, "node": out}} if out is not node else ev

    def _node(self, sn: dict[str, Any], parent_status: int, parent_tag: str | None,
              unknown: bool = False) -> dict[str, Any]:
        """A serialized node tree rewritten: its elements' statuses read from the page (every mask on for nodes
        the page does not have, or all of them with ``unknown``). Returns ``sn`` itself when nothing changed."""
        root: list[Any] = [None]
        stack: list[tuple[dict[str, Any], int, str | None, list[Any], int]] = [(sn, parent_status, parent_tag, root, 0)]
        changed = False
        while stack:
            n, ps, ptag, box, slot = stack.pop()
            t = n.get("type")
            nid = n.get("id")
            if t in _CHARACTER_DATA:
                value = n.get("textContent")
                if isinstance(value, str):
                    new = self._text(value, ps, ptag, bool(n.get("isStyle")))
                    if new != value:
                        n = {**n, "textContent": new}
                        changed = True
                box[slot] = n
                continue
            kids = n.get("childNodes")
            if t != ELEMENT and t != 0:
                box[slot] = n
                continue
            s = self.st.of(nid) if not unknown else None
            if s is None:
                s = inherit(ps) | UNKNOWN
                if isinstance(nid, int):
                    self.pending.add(nid)
            tag = str(n.get("tagName") or "").lower() if t == ELEMENT else None
            new_n = n
            if t == ELEMENT:
                if isinstance(nid, int) and self.dynamic:
                    self.shown[nid] = s
                attrs = n.get("attributes")
                if s & BLOCKED:
                    new_n = {**n, "attributes": _placeholder(attrs), "childNodes": [], "needBlock": True}
                    changed = True
                    box[slot] = new_n
                    continue
                if isinstance(attrs, dict):
                    new_attrs = self._attrs(tag or "", attrs, s, bool(n.get("isSVG")))
                    if new_attrs is not attrs:
                        new_n = {**n, "attributes": new_attrs}
                        changed = True
            if isinstance(kids, list) and kids:
                new_kids = list(kids)
                new_n = {**new_n, "childNodes": new_kids}
                for k in range(len(new_kids) - 1, -1, -1):
                    child = new_kids[k]
                    if isinstance(child, dict):
                        stack.append((child, s, tag, new_kids, k))
            box[slot] = new_n
        return root[0] if changed else sn

    # ------------------------------------------------------------------------------------------ masks

    def _value_masked(self, tag: str, attrs: dict[str, Any] | None, s: int) -> bool:
        if tag not in _CONTROLS:
            return False
        if s & (TEXT_RULE | INPUT):
            return True
        return tag == "input" and str((attrs or {}).get("type", "")).lower() == "password"

    def _text(self, value: str, ps: int, ptag: str | None, is_style: bool) -> str:
        if ps & TEXT_RULE:
            if is_style or ptag == "style":
                return mask_css(value)
            if ptag in _SCRIPT:
                return value
            return mask_text(value)
        if ps & INPUT and ptag in _VALUE_TEXT:
            return mask_text(value)
        return value

    def _attrs(self, tag: str, attrs: dict[str, Any], s: int, svg: bool) -> dict[str, Any]:
        """The attributes as the redacted page has them (the same dict when nothing changes)."""
        rules = self.rules
        text = bool(s & TEXT_RULE)
        value = self._value_masked(tag, attrs, s)
        strip = rules.strip_query
        names = rules.attributes
        out: dict[str, Any] | None = None
        for k, v in attrs.items():
            if not isinstance(v, str):
                continue
            lk = k.lower()
            new = v
            if lk == "value" and value:
                new = mask_value(v) if tag == "input" else mask_text(v)
            elif lk in names and (text or value):
                new = mask_text(v)
            elif lk == "_csstext" and text:
                new = mask_css(v)
            elif lk == "srcdoc" and text:
                new = mask_text(v)
            elif strip and lk in URL_ATTRIBUTES and not (svg and v.startswith("#")):
                new = strip_url(v)
            elif strip and lk in ("srcset", "imagesrcset"):
                new = strip_srcset(v)
            if new != v:
                if out is None:
                    out = dict(attrs)
                out[k] = new
        return attrs if out is None else out

    # ------------------------------------------------------------------------------------------ incremental

    def _incremental(self, ev: Event, data: Any, state: State, pre: dict[Any, int | None] | None) -> Event | None:
        source = _source(data)
        if source == _MUTATION:
            return self._mutation(ev, data, state, pre or {})
        of = self.st.of
        if source == _INPUT:
            nid = data.get("id")
            s = of(nid)
            if s is None or s & _GONE:
                return None
            node = state.tree.nodes[nid]
            text = data.get("text")
            if isinstance(text, str) and self._value_masked(node.tag or "", node.attrs, s):
                masked = mask_value(text) if node.tag == "input" else mask_text(text)
                return {**ev, "data": {**data, "text": masked}}
            return ev
        if source == _CLICK:
            return None if _hidden(of(data.get("id"))) else ev
        if source in _BY_ID:
            return None if _gone(of(data.get("id"))) else ev
        if source in _MOVES:
            positions = data.get("positions")
            if not isinstance(positions, list):
                return ev
            kept = [p for p in positions if not (isinstance(p, dict) and _hidden(of(p.get("id"))))]
            if len(kept) == len(positions):
                return ev
            return {**ev, "data": {**data, "positions": kept}} if kept else None
        if source == _SELECTION:
            ranges = data.get("ranges")
            if not isinstance(ranges, list):
                return ev
            kept = [r for r in ranges if not (isinstance(r, dict) and (
                _hidden(of(r.get("start"))) or _hidden(of(r.get("end")))))]
            return ev if len(kept) == len(ranges) else {**ev, "data": {**data, "ranges": kept}}
        if source in (_STYLE_RULE, _STYLE_DECLARATION, _ADOPTED):
            return self._style(ev, data)
        if source == _LOG:
            if self.rules.drop_plugins:
                return None
            return self._scrubbed(ev)
        if source in _NO_NODE:
            return ev
        return None

    def _style(self, ev: Event, data: dict[str, Any]) -> Event | None:
        """CSSOM changes: dropped inside a blocked element; ``content:`` strings masked under a text rule."""
        nid = data.get("id")
        s = self.st.of(nid) if nid is not None else self.st.base
        if s is None:
            s = self.st.base
        if s & _GONE and nid is not None:
            return None
        if not s & TEXT_RULE:
            return ev
        return {**ev, "data": _mask_css_strings(data)}

    def _mutation(self, ev: Event, data: dict[str, Any], state: State, pre: dict[Any, int | None]) -> Event | None:
        nodes: Nodes = state.tree.nodes
        of = self.st.of
        out: dict[str, Any] = dict(data)
        changed = False
        removes = data.get("removes")
        if isinstance(removes, list):
            kept = [r for r in removes if not (isinstance(r, dict) and (
                _gone(pre.get(r.get("parentId"))) or _hidden(pre.get(r.get("id")))))]
            if len(kept) != len(removes):
                out["removes"] = kept
                changed = True
        adds = data.get("adds")
        if isinstance(adds, list):
            new_adds = []
            for a in adds:
                if not isinstance(a, dict) or not isinstance(a.get("node"), dict):
                    new_adds.append(a)
                    continue
                pid = a.get("parentId")
                ps = of(pid)
                parent = nodes.get(pid)
                if ps is not None and ps & _GONE:
                    changed = True
                    continue
                node = a["node"]
                landed = node.get("id") in nodes and nodes[node.get("id")].parent == pid
                ptag = parent.tag if parent is not None else None
                new = self._node(node, ps if ps is not None else UNKNOWN, ptag, unknown=not landed)
                if new is not node:
                    a = {**a, "node": new}
                    changed = True
                new_adds.append(a)
            out["adds"] = new_adds
        texts = data.get("texts")
        if isinstance(texts, list):
            new_texts = []
            for t in texts:
                if not isinstance(t, dict):
                    continue
                node = nodes.get(t.get("id"))
                if node is None or node.parent is None:
                    changed = True
                    continue
                ps = of(node.parent)
                if ps is None or ps & _GONE:
                    changed = True
                    continue
                value = t.get("value")
                if isinstance(value, str):
                    parent = nodes[node.parent]
                    new_value = self._text(value, ps, parent.tag, False)
                    if new_value != value:
                        t = {**t, "value": new_value}
                        changed = True
                new_texts.append(t)
            out["texts"] = new_texts
        attributes = data.get("attributes")
        if isinstance(attributes, list):
            new_attrs = []
            for a in attributes:
                if not isinstance(a, dict):
                    continue
                node = nodes.get(a.get("id"))
                s = of(a.get("id"))
                if node is None or s is None or s & HIDDEN or not isinstance(a.get("attributes"), dict):
                    changed = True
                    continue
                values = a["attributes"]
                if s & BLOCKED:  # the placeholder keeps its class and size only
                    size = _placeholder(values)
                    if size:
                        new_attrs.append({**a, "attributes": size})
                    changed = True
                    continue
                new_values = self._attrs(node.tag or "", values, s, False) if values else values
                if "style" in values and isinstance(values["style"], dict) and s & TEXT_RULE:
                    new_values = {**new_values, "style": _mask_style_object(values["style"])}
                if new_values is not values:
                    a = {**a, "attributes": new_values}
                    changed = True
                new_attrs.append(a)
            out["attributes"] = new_attrs
        return {**ev, "data": out} if changed else ev

    # ------------------------------------------------------------------------------------------ corrections

    def _fix(self, ev: Event, data: dict[str, Any], state: State, moved: list[int]) -> Iterator[Event]:
        nodes: Nodes = state.tree.nodes
        roots: list[int] = []
        for a in data.get("attributes") or ():
            nid = a.get("id") if isinstance(a, dict) else None
            node = nodes.get(nid)
            if node is not None:
                roots.append(node.id)
                if self.siblings and node.parent is not None:
                    roots.append(node.parent)
        if self.siblings or self.empty:
            for key in ("adds", "removes"):
                for a in data.get(key) or ():
                    parent = nodes.get(a.get("parentId")) if isinstance(a, dict) else None
                    if parent is not None:
                        roots.append(parent.id)
        if self.empty:
            for t in data.get("texts") or ():
                node = nodes.get(t.get("id")) if isinstance(t, dict) else None
                if node is not None and node.parent is not None:
                    roots.append(node.parent)
        roots.extend(nid for nid in moved if nid in nodes)
        if self.pending:
            landed = [i for i in self.pending if i in nodes and nodes[i].parent is not None]
            roots.extend(landed)
            self.pending.difference_update(landed)
        if not roots:
            return
        fix = _Fix()
        seen: set[int] = set()
        for root in roots:
            if root in seen:
                continue
            for node, s in self.st.below(root):
                seen.add(node.id)
                if node.type != ELEMENT:
                    continue
                old = self.shown.get(node.id)
                if old == s:
                    continue
                self.shown[node.id] = s
                if old is None or s & HIDDEN:
                    continue
                self._correct(node, old, s, state, fix)
        if len(self.shown) > 4 * len(nodes) + 1024:
            self.shown = {k: v for k, v in self.shown.items() if k in nodes}
        yield from fix.events(ev["timestamp"])

    def _correct(self, node: Node, old: int, new: int, state: State, fix: _Fix) -> None:
        """Bring the redacted page's element ``node`` from status ``old`` to ``new``."""
        nodes: Nodes = state.tree.nodes
        if new & BLOCKED and old & BLOCKED:
            return  # a placeholder either way: masks of what it hides change nothing shown
        attrs = dict(node.attrs or {})  # the attributes the page has (form state goes by Input events)
        if new & BLOCKED:
            for i in [*(node.children or ()), *(node.shadow or ()), *([node.content] if node.content else [])]:
                fix.removes.append({"parentId": node.id, "id": i})
            placeholder = _placeholder(node.attrs)
            values: dict[str, Any] = {k: None for k in attrs if k not in placeholder}
            values.update(placeholder)
            fix.attributes.append({"id": node.id, "attributes": values})
            return
        written = self._attrs(node.tag or "", attrs, new, False)
        if old & BLOCKED:
            fix.attributes.append({"id": node.id, "attributes": {**{k: None for k in ("rr_width", "rr_height")
                                                                     if k not in attrs}, **written}})
            _send_scroll(node, fix)
            for i in node.children or ():
                child = nodes.get(i)
                if child is None:
                    continue
                sn, controls = _as_added(nodes, child, fix)
                fix.adds.append({"parentId": node.id, "nextId": None, "node": self._node(sn, new, node.tag)})
                for control in controls:  # what the attributes do not say: values typed, boxes ticked
                    status = self.st.of(control.id)
                    if status is not None and not status & _GONE:
                        self._send_value(control, status, state, fix)
            return
        changed = {k: v for k, v in written.items() if k.lower() in self.rules.attributes or k.lower() in (
            "value", "_csstext", "srcdoc")}
        if changed:
            fix.attributes.append({"id": node.id, "attributes": changed})
        for i in node.children or ():
            child = nodes.get(i)
            if child is not None and child.type in _CHARACTER_DATA and child.text is not None:
                fix.texts.append({"id": i, "value": self._text(child.text, new, node.tag, False)})
        if (node.tag or "") in _FORM_STATE and _set_by_input(nodes, node):
            self._send_value(node, new, state, fix)

    def _send_value(self, node: Node, status: int, state: State, fix: _Fix) -> None:
        """An Input event with the control's value (masked by ``status``) and checkedness."""
        tag = node.tag or ""
        value = current_value(state.tree, node)
        if self._value_masked(tag, node.attrs, status):
            value = mask_value(value) if tag == "input" else mask_text(value)
        fix.inputs.append({"id": node.id, "text": value, "isChecked": is_checked(node)
                           if input_type(node) in ("checkbox", "radio") else False})


class _Fix:
    """The corrections of one event, written as a Mutation and Input events at its timestamp."""

    def __init__(self) -> None:
        self.adds: list[dict[str, Any]] = []
        self.removes: list[dict[str, Any]] = []
        self.texts: list[dict[str, Any]] = []
        self.attributes: list[dict[str, Any]] = []
        self.inputs: list[dict[str, Any]] = []
        self.scrolls: list[dict[str, Any]] = []

    def events(self, timestamp: float) -> Iterator[Event]:
        if self.adds or self.removes or self.texts or self.attributes:
            yield {"type": _INCREMENTAL, "timestamp": timestamp,
                   "data": {"source": _MUTATION, "adds": self.adds, "removes": self.removes, "texts": self.texts,
                            "attributes": self.attributes}}
        for data in self.inputs:
            yield {"type": _INCREMENTAL, "timestamp": timestamp, "data": {"source": _INPUT, **data}}
        for data in self.scrolls:
            yield {"type": _INCREMENTAL, "timestamp": timestamp, "data": {"source": _SCROLL, **data}}


def _send_scroll(node: Node, fix: _Fix) -> None:
    scroll = node.prop("scroll")
    if scroll:
        fix.scrolls.append({"id": node.id, "x": scroll[0], "y": scroll[1]})


def _as_added(nodes: dict[int, Node], root: Node, fix: _Fix) -> tuple[dict[str, Any], list[Node]]:
    """``root``'s subtree serialized as a Mutation add carries it (the nodes as the tree has them, every light and
    shadow child, unlike the recorder's export, which folds a textarea's text into its value), and the form
    controls in it; the scroll offsets in it go into ``fix``."""
    controls: list[Node] = []
    out = _plain(root)
    stack = [(root, out)]
    while stack:
        node, sn = stack.pop()
        _send_scroll(node, fix)
        if node.tag in _FORM_STATE and _set_by_input(nodes, node):
            controls.append(node)
        for ids, shadow in ((node.children, False), (node.shadow, True)):
            for i in ids or ():
                child = nodes.get(i)
                if child is not None:
                    c = _plain(child)
                    if shadow:
                        c["isShadow"] = True
                    sn["childNodes"].append(c)
                    stack.append((child, c))
    return out, controls


def _set_by_input(nodes: dict[int, Node], control: Node) -> bool:
    """Whether a control's state came from Input events rather than from its attributes and text (only then is an
    Input event sent again: one would pin a value that the text should still move)."""
    if control.props and ("value" in control.props or "checked" in control.props
                          or "value_unmatched" in control.props):
        return True
    if control.tag != "select":
        return False
    stack = list(control.children or ())
    while stack:
        node = nodes.get(stack.pop())
        if node is not None:
            if node.props and "selected" in node.props:
                return True
            stack.extend(node.children or ())
    return False


def _plain(node: Node) -> dict[str, Any]:
    if node.type == ELEMENT:
        out: dict[str, Any] = {"type": ELEMENT, "tagName": node.tag, "attributes": dict(node.attrs or {}),
                               "childNodes": [], "id": node.id}
        if node.flags & SVG:
            out["isSVG"] = True
        if node.shadow:
            out["isShadowHost"] = True
        return out
    return {"type": node.type, "textContent": node.text or "", "id": node.id}


def _source(data: Any) -> Any:
    return data.get("source") if isinstance(data, dict) else None


def _hidden(s: int | None) -> bool:
    return s is not None and bool(s & HIDDEN)


def _gone(s: int | None) -> bool:
    return s is not None and bool(s & _GONE)


def _placeholder(attrs: Any) -> dict[str, Any]:
    """rrweb's blocked element: its class, and the size when the recording has it."""
    attrs = attrs if isinstance(attrs, dict) else {}
    return {k: attrs[k] for k in ("class", "rr_width", "rr_height") if k in attrs}


def _mask_style_object(style: dict[str, Any]) -> dict[str, Any]:
    out = dict(style)
    for k, v in style.items():
        if k.lower() == "content":
            if isinstance(v, str):
                out[k] = mask_css("content:" + v)[len("content:"):]
            elif isinstance(v, list) and v and isinstance(v[0], str):
                out[k] = [mask_css("content:" + v[0])[len("content:"):], *v[1:]]
    return out


def _mask_css_strings(data: dict[str, Any]) -> dict[str, Any]:
    """A CSSOM event with the ``content:`` strings of its rules (and declarations) masked."""
    out = dict(data)
    adds = data.get("adds")
    if isinstance(adds, list):
        out["adds"] = [{**a, "rule": mask_css(a["rule"])} if isinstance(a, dict) and isinstance(a.get("rule"), str)
                       else a for a in adds]
    styles = data.get("styles")
    if isinstance(styles, list):
        out["styles"] = [{**s, "rules": [{**r, "rule": mask_css(r["rule"])} if isinstance(r, dict) and isinstance(
            r.get("rule"), str) else r for r in s.get("rules") or ()]} if isinstance(s, dict) else s for s in styles]
    set_ = data.get("set")
    if isinstance(set_, dict) and str(set_.get("property", "")).lower() == "content" and isinstance(
            set_.get("value"), str):
        out["set"] = {**set_, "value": mask_css("content:" + set_["value"])[len("content:"):]}
    return out
