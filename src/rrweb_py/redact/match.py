"""CSS selectors matched on the engine's node model, one element at a time, as ``Element.matches`` does.

Redaction decides, for every node an event touches, whether a masking rule covers it *at that moment*; building
an lxml view of the page per event would cost the page each time, so selectors are parsed once (cssselect's
parser) and evaluated on the nodes directly. Combinators stay inside a tree scope, as in the browser: a shadow
root's children have no parent element, nor has a document's root element.

Supported: type, ``*``, ``#id``, ``.class``, attribute tests (``= ~= |= ^= $= *= !=``, with the ``i`` flag),
the combinators `` ``, ``>``, ``+`` and ``~``, ``:not()``, ``:is()``, ``:where()``, ``:root``, ``:empty``,
``:first-child`` / ``:last-child`` / ``:only-child`` (and ``-of-type``), ``:nth-child()`` /
``:nth-last-child()`` (and ``-of-type``). Pseudo-classes of state (``:hover``, ``:checked``...), ``:has()``,
``:contains()`` and pseudo-elements are refused with :class:`~rrweb_py.errors.InvalidArgument`: a rule must
depend only on the document tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cssselect
from cssselect import parser as css

from .._read.engine import ELEMENT, SHADOW_CHILD, TEXT, Node
from ..errors import InvalidArgument

Nodes = dict[int, Node]

#: the pseudo-classes (no argument) that depend only on the tree
_TREE_PSEUDO = frozenset({"root", "empty", "first-child", "last-child", "only-child", "first-of-type",
                          "last-of-type", "only-of-type"})
_NTH = frozenset({"nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"})
#: what makes a match depend on siblings: the sibling combinators and the positional pseudo-classes
_POSITIONAL = (_TREE_PSEUDO - {"root", "empty"}) | _NTH


class Selector:
    """One compiled selector list: :meth:`matches` an element. ``siblings`` is true when a match can change with
    the element's siblings (``+``, ``~``, positional pseudo-classes), ``empty`` when it uses ``:empty`` (a match
    that changes with the element's children)."""

    __slots__ = ("empty", "siblings", "source", "subjects", "trees")

    def __init__(self, source: str) -> None:
        if not isinstance(source, str) or not source.strip():
            msg = f"a selector must be a non-empty string, got {source!r}"
            raise InvalidArgument(msg)
        try:
            parsed = cssselect.parse(source)
        except css.SelectorError as exc:
            msg = f"invalid CSS selector {source!r}: {exc}"
            raise InvalidArgument(msg) from None
        self.source = source
        self.trees: list[Any] = []
        self.siblings = False
        self.empty = False
        for sel in parsed:
            if sel.pseudo_element is not None:
                msg = f"selector {source!r}: pseudo-elements (::{sel.pseudo_element}) select no node"
                raise InvalidArgument(msg)
            self._check(sel.parsed_tree)
            self.trees.append(sel.parsed_tree)
        #: each tree with the tag its subject must have (``None``: any), a cheap test before the full match
        self.subjects = [(_subject_tag(t), t) for t in self.trees]

    def __repr__(self) -> str:
        return f"Selector({self.source!r})"

    def _check(self, tree: Any) -> None:
        stack = [tree]
        while stack:
            t = stack.pop()
            if isinstance(t, css.Element):
                continue
            if isinstance(t, css.CombinedSelector):
                if t.combinator in ("+", "~"):
                    self.siblings = True
                stack += [t.selector, t.subselector]
            elif isinstance(t, (css.Hash, css.Class, css.Attrib)):
                stack.append(t.selector)
            elif isinstance(t, css.Negation):
                stack += [t.selector, t.subselector]
            elif isinstance(t, (css.Matching, css.SpecificityAdjustment)):
                stack += [t.selector, *t.selector_list]
            elif isinstance(t, css.Pseudo) and t.ident.lower() in _TREE_PSEUDO:
                ident = t.ident.lower()
                self.siblings |= ident in _POSITIONAL
                self.empty |= ident == "empty"
                stack.append(t.selector)
            elif isinstance(t, css.Function) and t.name.lower() in _NTH:
                _series(t)  # refuses a malformed an+b now rather than at the first match
                self.siblings = True
                stack.append(t.selector)
            else:
                what = getattr(t, "ident", None) or getattr(t, "name", None) or type(t).__name__
                msg = (f"selector {self.source!r}: {what!r} is not supported here (a redaction rule must depend only "
                       "on the document tree: no state pseudo-classes, :has() or :contains())")
                raise InvalidArgument(msg)

    def matches(self, nodes: Nodes, node: Node) -> bool:
        """Whether the element ``node`` matches (``nodes``: the page's id map)."""
        tag = (node.tag or "").lower()
        for want, tree in self.subjects:
            if (want is None or want == tag) and _match(tree, nodes, node):
                return True
        return False


def compile_all(selectors: Sequence[str] | str, what: str) -> list[Selector]:
    """Compile a rule's selectors (one string or a sequence of them)."""
    if isinstance(selectors, str):
        selectors = (selectors,)
    if not isinstance(selectors, (list, tuple)):
        msg = f"{what} must be a CSS selector or a list of them, got {type(selectors).__name__}"
        raise InvalidArgument(msg)
    return [Selector(s) for s in selectors]


def _subject_tag(tree: Any) -> str | None:
    """The type selector of the compound a tree's match is about (its rightmost), lower case, if it has one."""
    t = tree
    while True:
        if isinstance(t, css.CombinedSelector):
            t = t.subselector
        elif isinstance(t, css.Element):
            return None if t.element in (None, "*") else t.element.lower()
        elif isinstance(t, (css.Hash, css.Class, css.Attrib, css.Negation, css.Pseudo, css.Function, css.Matching,
                            css.SpecificityAdjustment)):
            t = t.selector
        else:
            return None


def _series(fn: Any) -> tuple[int, int]:
    try:
        a, b = css.parse_series(fn.arguments)
    except (ValueError, TypeError, css.SelectorError):
        msg = f":{fn.name}() takes an+b, got {''.join(str(t.value) for t in fn.arguments)!r}"
        raise InvalidArgument(msg) from None
    return int(a), int(b)


def _parent_element(nodes: Nodes, node: Node) -> Node | None:
    if node.flags & SHADOW_CHILD or node.parent is None:
        return None
    parent = nodes.get(node.parent)
    return parent if parent is not None and parent.type == ELEMENT else None


def _sibling_elements(nodes: Nodes, node: Node) -> list[Node]:
    parent = nodes.get(node.parent) if node.parent is not None else None
    if parent is None:
        return [node]
    ids = parent.shadow if node.flags & SHADOW_CHILD else parent.children
    out = []
    for i in ids or ():
        n = nodes.get(i)
        if n is not None and n.type == ELEMENT:
            out.append(n)
    return out


def _tag(node: Node) -> str:
    return (node.tag or "").lower()


def _nth(a: int, b: int, index: int) -> bool:
    """Whether 1-based ``index`` is ``a*n + b`` for some n >= 0."""
    if a == 0:
        return index == b
    n, rest = divmod(index - b, a)
    return rest == 0 and n >= 0


def _attr_test(t: Any, node: Node) -> bool:
    attrs = node.attrs or {}
    name = t.attrib.lower()
    value: Any = None
    for key, v in attrs.items():
        if key.lower() == name:
            value = v
            break
    if t.operator == "exists":
        return value is not None
    want = t.value.value if t.value is not None else ""
    if t.operator == "!=":
        return value is None or str(value) != want
    if value is None:
        return False
    have = str(value)
    flag = getattr(t, "flag", None)  # cssselect < 1.3 parses no attribute flags
    if flag is not None and str(getattr(flag, "value", flag)).lower() == "i":
        have, want = have.lower(), want.lower()
    op = t.operator
    if op == "=":
        return have == want
    if op == "~=":
        return bool(want) and want in have.split()
    if op == "|=":
        return have == want or have.startswith(want + "-")
    if op == "^=":
        return bool(want) and have.startswith(want)
    if op == "$=":
        return bool(want) and have.endswith(want)
    if op == "*=":
        return bool(want) and want in have
    return False


def _match(t: Any, nodes: Nodes, node: Node) -> bool:
    """``t`` (a cssselect parse tree) matches the element ``node``. Recursion follows the selector's own
    structure, never the document's depth: ancestors and siblings are walked in loops."""
    if isinstance(t, css.Element):
        return t.element is None or t.element == "*" or _tag(node) == t.element.lower()
    if isinstance(t, css.Hash):
        return (node.attrs or {}).get("id") == t.id and _match(t.selector, nodes, node)
    if isinstance(t, css.Class):
        return t.class_name in str((node.attrs or {}).get("class", "")).split() and _match(t.selector, nodes, node)
    if isinstance(t, css.Attrib):
        return _attr_test(t, node) and _match(t.selector, nodes, node)
    if isinstance(t, css.Negation):
        return _match(t.selector, nodes, node) and not _match(t.subselector, nodes, node)
    if isinstance(t, (css.Matching, css.SpecificityAdjustment)):
        return _match(t.selector, nodes, node) and any(_match(s, nodes, node) for s in t.selector_list)
    if isinstance(t, css.Pseudo):
        return _match(t.selector, nodes, node) and _pseudo(t.ident.lower(), nodes, node)
    if isinstance(t, css.Function):
        if not _match(t.selector, nodes, node):
            return False
        a, b = _series(t)
        name = t.name.lower()
        sibs = _sibling_elements(nodes, node)
        if name.endswith("of-type"):
            sibs = [s for s in sibs if _tag(s) == _tag(node)]
        if name.startswith("nth-last"):
            sibs = sibs[::-1]
        return _nth(a, b, next(k for k, s in enumerate(sibs, 1) if s.id == node.id))
    if isinstance(t, css.CombinedSelector):
        if not _match(t.subselector, nodes, node):
            return False
        comb = t.combinator
        if comb == ">":
            parent = _parent_element(nodes, node)
            return parent is not None and _match(t.selector, nodes, parent)
        if comb == " ":
            cur = _parent_element(nodes, node)
            while cur is not None:
                if _match(t.selector, nodes, cur):
                    return True
                cur = _parent_element(nodes, cur)
            return False
        sibs = _sibling_elements(nodes, node)
        before = sibs[: next(k for k, s in enumerate(sibs) if s.id == node.id)]
        if comb == "+":
            return bool(before) and _match(t.selector, nodes, before[-1])
        return any(_match(t.selector, nodes, s) for s in before)
    return False


def _pseudo(ident: str, nodes: Nodes, node: Node) -> bool:
    if ident == "root":
        parent = nodes.get(node.parent) if node.parent is not None else None
        return parent is not None and parent.type != ELEMENT and not node.flags & SHADOW_CHILD
    if ident == "empty":
        for i in node.children or ():
            child = nodes.get(i)
            if child is not None and (child.type == ELEMENT or (child.type == TEXT and child.text)):
                return False
        return True
    sibs = _sibling_elements(nodes, node)
    if ident.endswith("of-type"):
        sibs = [s for s in sibs if _tag(s) == _tag(node)]
    first = bool(sibs) and sibs[0].id == node.id
    last = bool(sibs) and sibs[-1].id == node.id
    if ident.startswith("first"):
        return first
    if ident.startswith("last"):
        return last
    return first and last
