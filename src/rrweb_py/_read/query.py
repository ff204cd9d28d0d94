"""Read-only queries on a state: node views, an lxml tree for CSS selectors and XPath, and the page's text.

The lxml tree holds the page's elements in the composed order of :mod:`rrweb_py._read.view` (shadow-root children after
the host's light children, an iframe's document element as the ``<iframe>``'s child, so selectors reach into
both), with the attributes that show the current state (:func:`rrweb_py._read.view.shown_attributes`): ``@checked``
exactly on ticked boxes and radios, ``@selected`` exactly on the shown options, ``@value`` the current value of
an input or textarea. Each lxml element maps back to its rrweb id (:meth:`LxmlView.id_of`).

CSS selectors also take the pseudo-classes computed from that state, following the HTML standard:
``:checked``, ``:disabled``, ``:enabled`` (disabled fieldsets except inside their first legend, disabled
optgroups), ``:required``, ``:optional``, ``:read-only``, ``:read-write`` (``contenteditable`` included),
``:placeholder-shown``, ``:empty`` (no element and no text children; a shadow root's children count) and
``:target`` (the element the URL's fragment names). Other dynamic pseudo-classes (``:hover``, ``:focus``...) match
nothing, as the recording does not say.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from cssselect import GenericTranslator, SelectorError
from cssselect.xpath import XPathExpr
from lxml import etree
from lxml.cssselect import CSSSelector

from .._engine.dom import COMMENT, DOCUMENT, ELEMENT, SHADOW, TEXT, Node
from .._gc import paused
from ..errors import DataLossWarning, InvalidArgument
from . import view
from .view import BLOCK, CELL, HIDDEN_TEXT, inline_text, page_text

if TYPE_CHECKING:
    from .._engine.state import State

__all__ = [
    "BLOCK",
    "CELL",
    "FRAGMENT_VARIABLE",
    "HIDDEN_TEXT",
    "LxmlView",
    "NodeView",
    "build_lxml",
    "compile_css",
    "compile_xpath",
    "fragment_of",
    "inline_text",
    "iter_elements",
    "page_text",
]

_XML_NAME = re.compile(r"^[A-Za-z_][-A-Za-z0-9_.]*$")
#: the XPath variable that holds the URL's fragment (for ``:target``); pass it to every compiled expression
FRAGMENT_VARIABLE = "rrweb_fragment"

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TYPE = f"concat(' ', translate(@type, '{_UPPER}', '{_UPPER.lower()}'), ' ')"
_KNOWN_TYPES = (" hidden text search tel url email password date month week time datetime-local number range "
                "color checkbox radio file submit image reset button ")
_TEXT_LIKE = "text search url tel email password date month week time datetime-local number"


def _type_in(types: str) -> str:
    """XPath: the input's type state is one of ``types`` (a missing or unknown type is the Text state)."""
    cond = f"contains(' {types} ', {_TYPE})"
    if " text " in f" {types} ":
        cond = f"({cond} or not(contains('{_KNOWN_TYPES}', {_TYPE})))"
    return cond


_IS_CONTROL = "(name(.) = 'input' or name(.) = 'button' or name(.) = 'select' or name(.) = 'textarea')"
# disabled by an ancestor fieldset: some disabled ancestor fieldset does not hold the element in its first legend
_IN_DISABLED_FIELDSET = ("count(ancestor::fieldset[@disabled]) > "
                         "count(ancestor::legend[not(preceding-sibling::legend)]/parent::fieldset[@disabled])")
_DISABLED = (f"(({_IS_CONTROL} or name(.) = 'fieldset') and (@disabled or {_IN_DISABLED_FIELDSET}))"
             " or (name(.) = 'optgroup' and @disabled)"
             " or (name(.) = 'option' and (@disabled or parent::optgroup[@disabled]))")
_CAN_DISABLE = f"({_IS_CONTROL} or name(.) = 'fieldset' or name(.) = 'optgroup' or name(.) = 'option')"
_REQUIRED_APPLIES = f"(name(.) = 'input' and {_type_in(_TEXT_LIKE + ' checkbox radio file')})"
_REQUIRED = f"@required and ({_REQUIRED_APPLIES} or name(.) = 'select' or name(.) = 'textarea')"
_OPTIONAL = f"not(@required) and ({_REQUIRED_APPLIES} or name(.) = 'select' or name(.) = 'textarea')"
_EDITABLE = ("ancestor-or-self::*[@contenteditable][1][contains(' true plaintext-only ', "
             f"concat(' ', translate(@contenteditable, '{_UPPER}', '{_UPPER.lower()}'), ' '))]")
_READ_WRITE = (f"(name(.) = 'input' and {_type_in(_TEXT_LIKE)} and not(@readonly) and not({_DISABLED}))"
               f" or (name(.) = 'textarea' and not(@readonly) and not({_DISABLED}))"
               f" or (name(.) != 'input' and name(.) != 'textarea' and {_EDITABLE})")
_PLACEHOLDER = "string-length(translate(@placeholder, '\n\r', '')) > 0 and (not(@value) or @value = '')"
_PLACEHOLDER_SHOWN = (f"{_PLACEHOLDER} and (name(.) = 'textarea' or (name(.) = 'input' and "
                      f"{_type_in('text search url tel email password number')}))")
_F = "$" + FRAGMENT_VARIABLE
_TARGET = (f"{_F} != '' and not(ancestor::iframe) and ("
           f"(@id = {_F} and not(ancestor::*[@id = {_F}]) and not(preceding::*[@id = {_F}]))"
           f" or (name(.) = 'a' and @name = {_F} and not(//*[@id = {_F}]) and not(ancestor::a[@name = {_F}])"
           f" and not(preceding::a[@name = {_F}])))")


class StateTranslator(GenericTranslator):
    """cssselect's XML translator (names match as written) with the pseudo-classes that depend on the page's
    state, computed from the attributes of the lxml tree (see the module doc)."""

    def xpath_checked_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return xpath.add_condition(f"(name(.) = 'input' and @checked and {_type_in('checkbox radio')})"
                                   " or (name(.) = 'option' and @selected)")

    def xpath_disabled_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return xpath.add_condition(_DISABLED)

    def xpath_enabled_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return xpath.add_condition(f"{_CAN_DISABLE} and not({_DISABLED})")

    def xpath_required_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return xpath.add_condition(_REQUIRED)

    def xpath_optional_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return xpath.add_condition(_OPTIONAL)

    def xpath_read_write_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return xpath.add_condition(_READ_WRITE)

    def xpath_read_only_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return xpath.add_condition(f"not({_READ_WRITE})")

    def xpath_placeholder_shown_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return xpath.add_condition(_PLACEHOLDER_SHOWN)

    def xpath_target_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return xpath.add_condition(_TARGET)


_TRANSLATOR = StateTranslator()


def fragment_of(href: str | None) -> str:
    """The fragment of a URL, percent-decoded (what ``:target`` looks for); ``""`` when there is none."""
    if not href:
        return ""
    try:
        return unquote(urlsplit(href).fragment)
    except ValueError:
        return ""


@functools.lru_cache(maxsize=512)
def compile_css(selector: str) -> CSSSelector:
    """A compiled CSS selector (cached: compiling costs far more than matching). Call it with the variable
    :data:`FRAGMENT_VARIABLE`."""
    try:
        return CSSSelector(selector, translator=_TRANSLATOR)
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
        return view.rrweb_attributes(self._node, self._state, self._state.time)[0]

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
        """The composed children (:func:`rrweb_py._read.view.children`): light children, then shadow-root children,
        then an iframe's document (a Document node)."""
        return [NodeView(self._state, c) for c in view.composed(self._state.tree, self._node)]

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
        return bool(self._node.flags & SHADOW)


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
        last: etree._Element | None = None
        pending = []
        for child in view.composed(tree, node):
            if child.type == DOCUMENT:  # an iframe's document: its element stands for it
                child = next((c for c in tree.kids(child) if c.type == ELEMENT), child)
            if child.type == ELEMENT:
                tag = child.tag or "div"
                if not _XML_NAME.match(tag):
                    tag = "div"
                    lost += 1
                sub = etree.SubElement(el, tag)
                lost += _fill(sub, child, state, now)
                ids[sub] = child.id
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


def match_ids(state: State, selector: str) -> list[int]:
    """The ids of the elements of ``state`` that a CSS selector matches, in document order: what a frame's
    ``select`` returns, for a caller that holds a state only for a moment (a walk), not a frame."""
    lx = build_lxml(state)
    if lx is None:
        return []
    found = compile_css(selector)(lx.root, **{FRAGMENT_VARIABLE: fragment_of(state.href)})
    return [nid for nid in map(lx.id_of, found) if nid is not None]


def _fill(el: etree._Element, node: Node, state: State, now: float | None) -> int:
    attrs, text = view.shown_attributes(node, state, now)
    if text:
        attrs["value"] = text  # a textarea: its children stay the page's, its value is @value
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


def iter_elements(state: State) -> Iterator[Node]:
    """Every element of the document in document order (shadow roots and iframes included)."""
    return view.elements(state)
