"""Describing an element of a state: tag, id, classes, a CSS selector that finds it, its text, its ancestors.

The tree is seen the way :meth:`rrweb_py.Frame.select` sees it (see :mod:`rrweb_py._read.query`): shadow-root children
follow the host's light children, and an iframe document's ``<html>`` is a child of its ``<iframe>``. So the
selector of an element matches exactly that element in ``Frame.select`` at the same moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeGuard

from .._read.engine import DOCUMENT, ELEMENT, SHADOW_CHILD, Node, current_value
from .._read.query import NodeView
from .._read.view import element_children as _element_children
from .._read.view import text_pieces

if TYPE_CHECKING:
    from .._read.engine import State

#: attributes kept on an element description (Sentry's click fields and a few more)
KEPT_ATTRIBUTES = ("role", "aria-label", "title", "alt", "name", "type", "href", "target", "download", "placeholder",
                   "contenteditable", "data-testid",
                   "data-test-id", "testId", "data-sentry-component", "data-sentry-element")
TEXT_LIMIT = 1024  # Sentry keeps textContent[:1024]
_IDENT = re.compile(r"^-?[_a-zA-Z][_a-zA-Z0-9-]*$")
_GENERATED = re.compile(
    r"\d{4,}|[0-9a-f]{8,}|^(?:css|sc|jsx|emotion|styled|svelte)-|^[a-z]{1,3}-(?=[a-z0-9]*\d)[a-z0-9]{4,}$",
    re.IGNORECASE)
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ElementInfo:
    """An element as it was at one moment."""

    node_id: int
    tag: str | None
    element_id: str | None = None
    classes: tuple[str, ...] = ()
    selector: str | None = None
    text: str = ""
    label: str = ""
    ancestors: tuple[str, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def short(self) -> str:
        """``tag#id.class1.class2`` (up to three classes)."""
        out = self.tag or "?"
        if self.element_id:
            out += "#" + self.element_id
        return out + "".join("." + c for c in self.classes[:3])

    def to_row(self, prefix: str = "") -> dict[str, Any]:
        """Plain columns (``prefix`` is put before each name)."""
        a = self.attributes
        return {
            f"{prefix}node_id": self.node_id,
            f"{prefix}tag": self.tag,
            f"{prefix}element_id": self.element_id,
            f"{prefix}classes": " ".join(self.classes),
            f"{prefix}selector": self.selector,
            f"{prefix}text": self.text,
            f"{prefix}label": self.label,
            f"{prefix}ancestors": " < ".join(self.ancestors),
            f"{prefix}role": a.get("role"),
            f"{prefix}aria_label": a.get("aria-label"),
            f"{prefix}title": a.get("title"),
            f"{prefix}alt": a.get("alt"),
            f"{prefix}testid": a.get("data-testid") or a.get("data-test-id") or a.get("testId"),
            f"{prefix}component": a.get("data-sentry-component"),
        }


def normalize(text: str) -> str:
    """Whitespace collapsed to single spaces, ends trimmed."""
    return " ".join(text.split())


def clip_text(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "\u2026"


# ---------------------------------------------------------------------------------------------- tree as lxml sees it


def element_of(state: State, node_id: Any) -> Node | None:
    """The element with that id, or the parent element of a text node; ``None`` if neither is in the state."""
    if type(node_id) is not int:
        return None
    nodes = state.tree.nodes
    node = nodes.get(node_id)
    if node is not None and node.type != ELEMENT:
        node = nodes.get(node.parent) if node.parent is not None else None
    return node if node is not None and node.type == ELEMENT else None


def parent_element(state: State, node: Node) -> Node | None:
    """The parent in the queried tree: an iframe document's root is the ``<iframe>``'s child."""
    nodes = state.tree.nodes
    parent = nodes.get(node.parent) if node.parent is not None else None
    if parent is None:
        return None
    if parent.type == DOCUMENT:
        if parent.id == state.doc or parent.parent is None:
            return None
        parent = nodes.get(parent.parent)
    return parent if parent is not None and parent.type == ELEMENT else None


def element_children(state: State, node: Node) -> list[Node]:
    """Element children in the queried tree's order: light children, shadow-root children, then the element
    children of an iframe's document."""
    return _element_children(state.tree, node)


def is_connected(state: State, node: Node) -> bool:
    """True when the node is in the top document (not in a detached iframe document waiting for its iframe)."""
    nodes = state.tree.nodes
    cur: Node | None = node
    doc = state.doc
    while cur is not None:
        if cur.id == doc:
            return True
        cur = nodes.get(cur.parent) if cur.parent is not None else None
    return False


def classes_of(node: Node) -> tuple[str, ...]:
    """The class tokens of an element."""
    value = node.attrs.get("class") if node.attrs else None
    return tuple(value.split()) if isinstance(value, str) else ()


def short_descriptor(node: Node) -> str:
    """``tag#id.class1.class2`` (up to three classes)."""
    out = node.tag or "?"
    attrs = node.attrs or {}
    ident = attrs.get("id")
    if isinstance(ident, str) and ident:
        out += "#" + ident
    for c in classes_of(node)[:3]:
        out += "." + c
    return out


# ---------------------------------------------------------------------------------------------- selectors


def _stable_id(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and bool(_IDENT.match(value)) and not _hashy(value)


def _hashy(token: str) -> bool:
    """A generated-looking token: CSS-in-JS hashes such as ``bJCmFu`` or ``css-1q2w3e``."""
    if _GENERATED.search(token):
        return True
    upper = sum(1 for ch in token[1:] if ch.isupper())
    return len(token) <= 8 and upper >= 2 and "-" not in token and "_" not in token


def _stable_classes(node: Node) -> list[str]:
    return [c for c in classes_of(node) if _IDENT.match(c) and len(c) <= 40 and not _hashy(c)][:3]


def _id_count(state: State, value: str) -> int:
    n = 0
    for node in state.tree.nodes.values():
        attrs = node.attrs
        if node.type == ELEMENT and attrs and attrs.get("id") == value:
            n += 1
    return n


def css_selector(state: State, node: Node) -> str:
    """A CSS selector that matches exactly ``node`` in :meth:`rrweb_py.Frame.select` at this moment.

    A chain of child combinators from the nearest ancestor-or-self with a unique, stable-looking ``id`` (or from
    the root ``html``): each step is the tag, up to three stable classes, and ``:nth-of-type(k)`` where the tag
    and classes alone do not single the element out among its siblings."""
    parts: list[str] = []
    cur: Node | None = node
    while cur is not None:
        tag = cur.tag or "*"
        ident = cur.attrs.get("id") if cur.attrs else None
        if _stable_id(ident) and _id_count(state, ident) == 1:
            parts.append(f"{tag}#{ident}")
            break
        parent = parent_element(state, cur)
        step = tag
        classes = _stable_classes(cur)
        step += "".join("." + c for c in classes)
        if parent is not None:
            same = [s for s in element_children(state, parent) if s.tag == cur.tag]
            if len(same) > 1:
                wanted = set(classes)
                rivals = [s for s in same if wanted.issubset(classes_of(s))]
                if len(rivals) > 1:
                    step += f":nth-of-type({same.index(cur) + 1})"
        parts.append(step)
        cur = parent
    return " > ".join(reversed(parts))


# ---------------------------------------------------------------------------------------------- text


def visible_text(state: State, node: Node, limit: int = TEXT_LIMIT) -> str:
    """What a reader sees of an element's subtree (:func:`rrweb_py._read.view.text_pieces` on one line, white space
    collapsed), cut at about ``limit`` characters. Masked text stays masked."""
    parts: list[str] = []
    size = 0
    for piece in text_pieces(state, node):
        parts.append(piece)
        size += len(piece)
        if size > limit * 2:
            break
    return clip_text(normalize("".join(parts)), limit)


def own_text(state: State, node: Node) -> str:
    """An element's text for a description: its visible text, or for a button-like ``<input>`` its value."""
    if node.tag == "input":
        itype = ((node.attrs or {}).get("type") or "").lower()
        if itype in ("submit", "button", "reset"):
            return clip_text(normalize(current_value(state.tree, node)), TEXT_LIMIT)
        return ""
    if node.tag in ("textarea", "select"):
        return ""  # what they hold is a value, reported with the input, not a name
    return visible_text(state, node)


def label_of(node: Node, text: str) -> str:
    """A short human name: ``button "Save"``, ``input[email] "you@..."``, ``a "Home"``..."""
    attrs = node.attrs or {}
    tag = node.tag or "?"
    name = tag
    if tag == "input":
        name = f"input[{attrs.get('type') or 'text'}]"
    for key in ("aria-label", "title", "alt", "placeholder", "name"):
        value = attrs.get(key)
        if isinstance(value, str) and value.strip():
            hint = normalize(value)
            break
    else:
        hint = ""
    shown = text or hint
    if not shown:
        ident = attrs.get("id")
        return f"{name}#{ident}" if isinstance(ident, str) and ident else name
    return f'{name} "{clip_text(shown, 60)}"'


def context_text(state: State, node: Node, own: str, limit: int = 200) -> str:
    """The visible text around an element: that of the nearest of its next three ancestors which shows more than
    the element itself (cut at ``limit``)."""
    cur: Node | None = node
    for _ in range(4):
        cur = parent_element(state, cur) if cur is not None else None
        if cur is None or cur.tag in ("body", "html"):
            break
        text = visible_text(state, cur, limit)
        if len(text) > len(own) + 8:
            return text
    return ""


def describe(state: State, node: Node, *, selector: bool = True, ancestors: int = 6) -> ElementInfo:
    """Describe an element of ``state`` (read only)."""
    attrs = NodeView(state, node).attributes if node.tag in ("input", "select", "textarea", "option") else (
        node.attrs or {})
    kept = {k: str(attrs[k]) for k in KEPT_ATTRIBUTES if k in attrs}
    text = own_text(state, node)
    chain: list[str] = []
    cur = parent_element(state, node)
    while cur is not None and len(chain) < ancestors:
        chain.append(short_descriptor(cur))
        cur = parent_element(state, cur)
    ident = attrs.get("id")
    return ElementInfo(
        node_id=node.id,
        tag=node.tag,
        element_id=ident if isinstance(ident, str) and ident else None,
        classes=classes_of(node),
        selector=css_selector(state, node) if selector else None,
        text=text,
        label=label_of(node, text),
        ancestors=tuple(chain),
        attributes=kept,
    )


def closest(state: State, node: Node, tags: frozenset[str]) -> Node | None:
    """The nearest inclusive ancestor whose tag is in ``tags``, or ``None``: ``Element.closest``, which stays
    inside the element's own document and shadow tree."""
    nodes = state.tree.nodes
    cur: Node | None = node
    while cur is not None and cur.type == ELEMENT:
        if cur.tag in tags:
            return cur
        if cur.flags & SHADOW_CHILD:
            return None
        cur = nodes.get(cur.parent) if cur.parent is not None else None
    return None
