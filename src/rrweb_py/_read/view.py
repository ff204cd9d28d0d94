"""The read side: how every view reads the engine state.

Every export and query (``to_rrweb``, ``to_html``, the lxml tree behind ``select``/``xpath``, ``text()``,
``form_values()``) and the analyses read the state through this module, so they all see the same page:

- **Composed children** (:func:`children`): a node's light children, then the children of its open shadow root,
  then, for a same-origin ``<iframe>``, its content Document node. A view that holds only elements (the lxml
  tree) shows the iframe's document element (``<html>``) as the ``<iframe>``'s child, since a Document is no
  element; :class:`~rrweb_py._read.query.NodeView` shows the Document node itself.
- **Document order** (:func:`walk`): depth-first over the composed children, iteratively.
- **State to output**: :func:`rrweb_attributes` are the attributes rrweb's serializer writes for the live page
  (``to_rrweb``); :func:`shown_attributes` are those a browser must be given to *show* the current state when it
  opens the HTML (``to_html`` and the lxml tree): ``checked`` exactly on ticked boxes and radios, ``selected``
  exactly on the shown options, ``value`` the current value, a textarea's text its current value.
- **Text** (:func:`page_text`): what a reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from .._engine import forms
from .._engine.apply import media_time
from .._engine.css import fix_browser_compatibility
from .._engine.dom import DOCUMENT, ELEMENT, TEXT, Node, Tree
from .._engine.sheets import sheet_of
from .._engine.state import State

#: elements whose serialisation writes state on top of their attributes
STATEFUL_TAGS = frozenset({"style", "link", "input", "textarea", "select", "option", "dialog", "audio", "video"})
_MEDIA_OUT = (
    ("state", "rr_mediaState"),
    ("time", "rr_mediaCurrentTime"),
    ("rate", "rr_mediaPlaybackRate"),
    ("muted", "rr_mediaMuted"),
    ("loop", "rr_mediaLoop"),
    ("volume", "rr_mediaVolume"),
)
HIDDEN_TEXT = frozenset({"script", "style", "head", "title", "template", "noscript", "meta", "link"})
BLOCK = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "option"]
)
CELL = frozenset({"td", "th"})
#: input types whose value is not text the user reads (left out of the page's text)
_UNREAD_TYPES = frozenset({"hidden", "password"})


# ---------------------------------------------------------------------------------------------- structure


class Children(NamedTuple):
    """The composed children of a node, by kind."""

    light: list[Node]
    shadow: list[Node]
    document: Node | None

    def all(self) -> list[Node]:
        """Light, then shadow-root children, then the iframe's document: the document order."""
        out = self.light + self.shadow
        if self.document is not None:
            out.append(self.document)
        return out


def children(tree: Tree, node: Node) -> Children:
    """The composed children of ``node`` (ids that are not in the tree are skipped)."""
    nodes = tree.nodes
    light = [c for c in map(nodes.get, node.children or ()) if c is not None]
    shadow = [c for c in map(nodes.get, node.shadow or ()) if c is not None] if node.shadow else []
    doc = nodes.get(node.content) if node.content is not None else None
    return Children(light, shadow, doc)


def composed(tree: Tree, node: Node) -> list[Node]:
    """The composed children of ``node`` in document order."""
    if node.shadow or node.content is not None:
        return children(tree, node).all()
    kids = node.children
    if not kids:
        return []
    get = tree.nodes.get
    return [c for i in kids if (c := get(i)) is not None]


def element_children(tree: Tree, node: Node) -> list[Node]:
    """The element children a tree of elements shows: composed element children, and for an iframe its
    document's element (a Document is no element)."""
    out = []
    for child in composed(tree, node):
        if child.type == ELEMENT:
            out.append(child)
        elif child.type == DOCUMENT:
            out.extend(c for c in composed(tree, child) if c.type == ELEMENT)
    return out


def walk(tree: Tree, root: Node) -> Iterator[Node]:
    """``root`` and every node under it in document order (composed children), iteratively."""
    nodes = tree.nodes
    for nid in tree.subtree(root.id):
        yield nodes[nid]


def elements(state: State) -> Iterator[Node]:
    """Every element of the page in document order (shadow roots and iframe documents included)."""
    doc = state.document
    if doc is None:
        return
    for node in walk(state.tree, doc):
        if node.type == ELEMENT:
            yield node


# ---------------------------------------------------------------------------------------------- form state


def is_checkable(node: Node) -> bool:
    """A checkbox or a radio button."""
    return node.tag == "input" and forms.input_type(node).lower() in forms.CHECKABLE


def control_value(tree: Tree, node: Node) -> bool | str | None:
    """What a form control holds now: a bool for a checkbox/radio, the text of an input/textarea/select,
    ``None`` for anything else."""
    if node.type != ELEMENT or node.tag not in ("input", "textarea", "select"):
        return None
    if is_checkable(node):
        return forms.is_checked(node)
    return forms.current_value(tree, node)


def form_values(state: State) -> dict[int, Any]:
    """Every form control's current state by id, in document order (see :func:`control_value`)."""
    out: dict[int, Any] = {}
    tree = state.tree
    for node in elements(state):
        value = control_value(tree, node)
        if value is not None:
            out[node.id] = value
    return out


# ---------------------------------------------------------------------------------------------- attributes


def rrweb_attributes(
    node: Node, state: State, now: float | None, scroll: list[float] | None = None
) -> tuple[dict[str, Any], bool]:
    """The attributes rrweb's serializer would write for an element, and whether its text children are
    written empty (a ``<style>`` whose CSS went into ``_cssText``) or skipped (a ``<textarea>`` with a value).

    The serializer writes the page's attributes, then ``value`` = the control's value when it is not empty (not
    for radio/checkbox/submit/button), else ``checked: true`` when the box is ticked (a ``checked`` content
    attribute of an unticked box stays ``""``); ``selected: true`` on a selected option and never the attribute.
    """
    attrs = node.attrs.copy() if node.attrs else {}
    tag = node.tag
    if tag not in STATEFUL_TAGS and node.props is None and scroll is None:
        return attrs, False  # the common case: the attributes are all there is
    if "rr_width" in attrs and "rr_height" in attrs:  # blocked: the recorder wrote class and size only
        return attrs, False
    css_captured = False
    if tag == "style" or tag == "link":
        sheet = sheet_of(state.tree, node, state.href)
        css = fix_browser_compatibility(sheet.css_text()) if sheet is not None else ""
        if css:
            if tag == "link":
                attrs.pop("rel", None)
                attrs.pop("href", None)
            attrs["_cssText"] = css
            css_captured = True
    elif tag == "input" or tag == "textarea" or tag == "select":
        value = forms.current_value(state.tree, node)
        if attrs.get("type") not in forms.NO_VALUE_TYPES and value:
            attrs["value"] = value
            if tag == "textarea":
                css_captured = True  # children are not written
        elif tag == "input" and forms.is_checked(node):
            attrs["checked"] = True
    elif tag == "option":
        if forms.option_selected(state.tree, node):
            attrs["selected"] = True
        else:
            attrs.pop("selected", None)
    elif tag == "dialog":
        if "open" in attrs:
            attrs.setdefault("rr_open_mode", "non-modal")
        else:
            attrs.pop("rr_open_mode", None)
    elif tag == "audio" or tag == "video":
        media = node.prop("media") or {}
        defaults = {"state": "played" if "autoplay" in attrs else "paused", "time": 0, "rate": 1,
                    "muted": "muted" in attrs, "loop": "loop" in attrs, "volume": 1}
        for key, name in _MEDIA_OUT:
            if key == "time" and now is not None and media:
                attrs[name] = media_time(media, now)
            else:
                attrs[name] = media.get(key, defaults[key])
    if scroll is None:
        scroll = node.prop("scroll")
    if scroll is not None:
        if scroll[0]:
            attrs["rr_scrollLeft"] = scroll[0]
        if scroll[1]:
            attrs["rr_scrollTop"] = scroll[1]
    return attrs, css_captured


def shown_attributes(node: Node, state: State, now: float | None) -> tuple[dict[str, Any], str | None]:
    """The attributes that make a browser opening the document show the current state, and the text a
    ``<textarea>`` must hold (``None`` for other elements).

    ``checked`` is there exactly when a checkbox or radio is ticked (so a radio group shows one tick),
    ``selected`` exactly on the options the page shows selected, ``value`` of a text control is its current
    value (left out when empty) and a textarea holds its value as text. Everything else is as in
    :func:`rrweb_attributes`.
    """
    tag = node.tag
    if node.props is None and tag not in STATEFUL_TAGS:
        return (node.attrs.copy() if node.attrs else {}), None  # the common case, as in rrweb_attributes
    attrs, _ = rrweb_attributes(node, state, now)
    if tag == "input":
        if "rr_width" in attrs and "rr_height" in attrs:
            return attrs, None
        if is_checkable(node):
            if forms.is_checked(node):
                attrs["checked"] = ""
            else:
                attrs.pop("checked", None)
        else:
            value = forms.current_value(state.tree, node)
            if value:
                attrs["value"] = value
            else:
                attrs.pop("value", None)
    elif tag == "textarea":
        attrs.pop("value", None)
        return attrs, forms.current_value(state.tree, node)
    elif tag == "option" and attrs.get("selected") is True:
        attrs["selected"] = ""
    return attrs, None


# ---------------------------------------------------------------------------------------------- text

_WHITESPACE = re.compile(r"\s+")


def inline_text(text: str) -> str:
    """A Text node as it reads inline: every run of white space is one space (so "Payment <b>failed</b>" keeps
    its space)."""
    return _WHITESPACE.sub(" ", text)


def control_text(tree: Tree, node: Node) -> str | None:
    """The text a reader sees in a form control (its value; not for hidden or password inputs), or ``None``
    when ``node`` is no input, textarea or select."""
    if node.tag not in ("input", "textarea", "select"):
        return None
    if (node.attrs or {}).get("type") in _UNREAD_TYPES:
        return ""
    return forms.current_value(tree, node)


def text_pieces(state: State, root: Node) -> Iterator[str]:
    """The text under ``root`` as a reader meets it, piece by piece in document order: Text nodes with their white
    space folded, form values between spaces, a line break around each block element and a space after each
    cell; nothing of script/style/head. A consumer may stop early (a label needs only its first words)."""
    tree = state.tree
    stack: list[Node | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
            continue
        node = item
        if node.type == TEXT:
            if node.text:
                yield inline_text(node.text)
            continue
        if node.type not in (ELEMENT, DOCUMENT):
            continue
        tag = node.tag
        if tag in HIDDEN_TEXT:
            continue
        value = control_text(tree, node)
        if value is not None:
            if value:
                yield f" {value} "
            if tag != "select":
                continue
        if tag in BLOCK:
            yield "\n"
            stack.append("\n")
        elif tag in CELL:
            stack.append(" ")
        stack.extend(reversed(composed(tree, node)))


def page_text(state: State, root: Node | None = None) -> str:
    """The text of the page (or of ``root``) as a reader would see it: no script/style/head, block elements on
    their own lines, cells separated by spaces, form values shown; masked text stays masked."""
    top = state.document if root is None else root
    if top is None:
        return ""
    text = "".join(text_pieces(state, top))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
