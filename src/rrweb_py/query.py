"""Read-only queries on a state: node views, an lxml tree for CSS selectors and XPath, and the page's text.

The lxml tree holds the document's elements with their attributes as rrweb's serializer writes them (so a typed
value is ``@value``, a checked box has ``@checked``); shadow-root children follow the host's light children, and
an iframe's document is the ``<iframe>``'s child, so selectors reach into both. Each lxml element maps back to its
rrweb id (:meth:`LxmlView.id_of`).
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector

from ._gc import paused
from .dom import COMMENT, DOCUMENT, ELEMENT, TEXT, Node
from .errors import DataLossWarning, InvalidArgument
from .export import element_attributes

if TYPE_CHECKING:
    from .state import State

_XML_NAME = re.compile(r"^[A-Za-z_][-A-Za-z0-9_.]*$")
HIDDEN_TEXT = frozenset({"script", "style", "head", "title", "template", "noscript", "meta", "link"})
BLOCK = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr ul option".split()
)
CELL = frozenset({"td", "th"})


@functools.lru_cache(maxsize=512)
def compile_css(selector: str) -> CSSSelector:
    """A compiled CSS selector (cached: compiling costs far more than matching)."""
    try:
        return CSSSelector(selector)
    except (SelectorError, SyntaxError, etree.XPathSyntaxError) as exc:
        msg = f"invalid CSS selector {selector!r}: {exc}"
        raise InvalidArgument(msg) from None


@functools.lru_cache(maxsize=512)
def compile_xpath(expr: str) -> etree.XPath:
    """A compiled XPath expression (cached)."""
    try:
        return etree.XPath(expr)
    except etree.XPathSyntaxError as exc:
        msg = f"invalid XPath {expr!r}: {exc}"
        raise InvalidArgument(msg) from None


class NodeView:
    """A read-only view of one node of a frame: tag, attributes, text, parent and children."""

    __slots__ = ("_node", "_state")

    def __init__(self, state: State, node: Node) -> None:
        self._state = state
        self._node = node

    def __repr__(self) -> str:
        if self._node.type == ELEMENT:
            return f"<NodeView #{self.id} <{self.tag}>>"
        return f"<NodeView #{self.id} type={self._node.type}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NodeView) and other._node is self._node

    def __hash__(self) -> int:
        return hash(self._node.id)

    @property
    def id(self) -> int:
        """The recorded rrweb id."""
        return self._node.id

    @property
    def type(self) -> int:
        """rrweb NodeType (0 document, 1 doctype, 2 element, 3 text, 4 CDATA, 5 comment)."""
        return self._node.type

    @property
    def tag(self) -> str | None:
        """Lower-case tag name of an element."""
        return self._node.tag

    @property
    def attributes(self) -> dict[str, Any]:
        """Attributes as rrweb's serializer writes them (current value, checked, selected, ``_cssText``...)."""
        if self._node.type != ELEMENT:
            return {}
        return element_attributes(self._node, self._state, self._state.time)[0]

    def get(self, name: str, default: Any = None) -> Any:
        """One attribute."""
        return self.attributes.get(name, default)

    @property
    def text(self) -> str:
        """``textContent``: the text of the node and its light descendants."""
        return self._state.tree.text_content(self._node)

    @property
    def parent(self) -> NodeView | None:
        """The parent node (a shadow host for a shadow-root child, the iframe for its document)."""
        parent = self._state.tree.parent_of(self._node)
        return None if parent is None else NodeView(self._state, parent)

    @property
    def children(self) -> list[NodeView]:
        """Light children, then shadow-root children, then an iframe's document."""
        nodes = self._state.tree.nodes
        n = self._node
        ids = [*(n.children or ()), *(n.shadow or ()), *(() if n.content is None else (n.content,))]
        return [NodeView(self._state, nodes[i]) for i in ids]

    @property
    def ancestors(self) -> list[NodeView]:
        """Parent, grandparent... up to the document."""
        out = []
        cur = self.parent
        while cur is not None:
            out.append(cur)
            cur = cur.parent
        return out

    @property
    def is_shadow(self) -> bool:
        """True for a child of a shadow root."""
        return bool(self._node.flags & 8)


class LxmlView:
    """An lxml tree of a state's document with the element -> rrweb id map kept beside it."""

    __slots__ = ("_ids", "root")

    def __init__(self, root: etree._Element, ids: dict[etree._Element, int]) -> None:
        self.root = root
        self._ids = ids  # holding the elements here also keeps their proxies alive

    def id_of(self, element: etree._Element) -> int | None:
        """The rrweb id of an element of this tree."""
        return self._ids.get(element)


@paused
def build_lxml(state: State) -> LxmlView | None:
    """Build the lxml tree of the top document (iteratively)."""
    doc = state.document
    if doc is None:
        return None
    tree = state.tree
    nodes = tree.nodes
    ids: dict[etree._Element, int] = {}
    root_el = etree.Element("html")
    html = next((c for c in tree.kids(doc) if c.type == ELEMENT), None)
    if html is None:
        return LxmlView(root_el, ids)
    now = state.time
    stack: list[tuple[Node, etree._Element]] = []
    _fill(root_el, html, state, now)
    ids[root_el] = html.id
    stack.append((html, root_el))
    lost = 0
    while stack:
        node, el = stack.pop()
        kid_ids = [*(node.children or ()), *(node.shadow or ())]
        if node.content is not None:
            content = nodes[node.content]
            kid_ids.extend(c for c in content.children or () if nodes[c].type == ELEMENT)
        last: etree._Element | None = None
        pending = []
        for cid in kid_ids:
            child = nodes[cid]
            if child.type == ELEMENT:
                tag = child.tag or "div"
                if not _XML_NAME.match(tag):
                    tag = "div"
                    lost += 1
                sub = etree.SubElement(el, tag)
                lost += _fill(sub, child, state, now)
                ids[sub] = cid
                last = sub
                pending.append((child, sub))
            elif child.type == TEXT:
                text = _xml_safe(child.text or "")
                if last is None:
                    el.text = (el.text or "") + text
                else:
                    last.tail = (last.tail or "") + text
            elif child.type == COMMENT:
                comment = etree.Comment(_xml_safe(child.text or "").replace("--", "- -").rstrip("-"))
                el.append(comment)
                last = comment
        stack.extend(reversed(pending))
    if lost:
        warnings.warn(f"{lost} element or attribute names are not valid XML names and were changed or left out "
                      "of the lxml tree", DataLossWarning, stacklevel=3)
    return LxmlView(root_el, ids)


def _fill(el: etree._Element, node: Node, state: State, now: float | None) -> int:
    attrs, _ = element_attributes(node, state, now)
    lost = 0
    for name, value in attrs.items():
        if not _XML_NAME.match(name):
            lost += 1
            continue
        text = "" if value is True else str(value)
        safe = _xml_safe(text)
        lost += safe is not text
        el.set(name, safe)
    return lost


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold (lxml refuses them); the same object when it has none."""
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


_WHITESPACE = re.compile(r"\s+")


def inline_text(text: str) -> str:
    """A Text node as it reads inline: every run of white space is one space (so "Payment <b>failed</b>" keeps
    its space)."""
    return _WHITESPACE.sub(" ", text)


def page_text(state: State) -> str:
    """The document's text as a reader would see it: no script/style/head, block elements on their own lines,
    cells separated by tabs, form values shown; masked text stays masked."""
    doc = state.document
    if doc is None:
        return ""
    tree = state.tree
    nodes = tree.nodes
    out: list[str] = []
    stack: list[Any] = [doc]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        node = item
        if node.type == TEXT:
            if node.text:
                out.append(inline_text(node.text))
            continue
        if node.type not in (ELEMENT, DOCUMENT):
            continue
        tag = node.tag
        if tag in HIDDEN_TEXT:
            continue
        if tag in ("input", "textarea", "select"):
            from .forms import current_value

            value = current_value(tree, node)
            if value and (node.attrs or {}).get("type") not in ("hidden", "password"):
                out.append(f" {value} ")
            if tag != "select":
                continue
        if tag in BLOCK:
            out.append("\n")
            stack.append("\n")
        elif tag in CELL:
            stack.append(" ")
        ids = [*(node.children or ()), *(node.shadow or ())]
        if node.content is not None:
            ids.append(node.content)
        stack.extend(nodes[i] for i in reversed(ids))
    text = "".join(out)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def iter_elements(state: State) -> Iterator[Node]:
    """Every element of the document in document order (shadow roots and iframes included)."""
    if state.doc is None:
        return
    for node in state.tree.iter_nodes(state.doc):
        if node.type == ELEMENT:
            yield node
