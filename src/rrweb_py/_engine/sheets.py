"""Which CSSOM sheet a ``<style>`` or ``<link>`` has, and when it must be parsed again.

A ``<link>`` has the sheet the recorder inlined as ``_cssText`` (or none). A ``<style>`` has the sheet parsed
from its text; CSSOM edits (insertRule, setProperty...) change that sheet, and any change of the element's text
throws those edits away and parses the text again, as browsers do. The parsed sheet is kept in
``props["sheet"]``; its absence on a ``<style>`` means "parse the text when asked".
"""

from __future__ import annotations

from .css import StyleSheet
from .dom import TEXT, Node, Tree


def sheet_of(tree: Tree, node: Node, base_url: str | None) -> StyleSheet | None:
    """The node's current sheet, to read. A ``<style>``'s text is parsed on first use (css/ caches parses by
    text). The result is kept on the node only when this tree owns it: a node shared with other trees may have
    different Text children there."""
    sheet = node.prop("sheet")
    if sheet is not None:
        return sheet  # type: ignore[no-any-return]
    if node.tag != "style":
        return None
    sheet = StyleSheet.from_source(tree.child_text(node), base_url)
    if node.gen == tree.gen:
        node.set_prop("sheet", sheet)
    return sheet


def writable_sheet(tree: Tree, nid: int, base_url: str | None) -> StyleSheet | None:
    """The sheet of node ``nid``, to change (the node is made writable, so its sheet is its own copy)."""
    node = tree.w(nid)
    return sheet_of(tree, node, base_url)


def text_changed(tree: Tree, style_id: int) -> None:
    """The text of a ``<style>`` changed: its sheet is parsed again from the new text."""
    style = tree.nodes[style_id]
    if style.tag == "style" and style.props and ("sheet" in style.props or "css_pieces" in style.props):
        style = tree.w(style_id)
        style.pop_prop("sheet")
        style.pop_prop("css_pieces")


def text_added(tree: Tree, style_id: int, text_id: int) -> None:
    """A Text node was inserted into a ``<style>``.

    When the style was added with ``_cssText`` and no children, the recorder sends its text children in the same
    batch (with empty text: it had captured their CSS already; old recorders sent the source text): they take
    their pieces of ``_cssText``, which wins, and the sheet stays. (``css_pieces`` lives only for that batch.)
    """
    style = tree.nodes[style_id]
    pieces = style.prop("css_pieces")
    if pieces:
        style = tree.w(style_id)
        pieces = style.props["css_pieces"]  # type: ignore[index]
        tree.w(text_id).text = pieces.pop(0)
        if not pieces:
            style.pop_prop("css_pieces")
        return
    text_changed(tree, style_id)


def replace_serialized(tree: Tree, nid: int, css_text: str) -> None:
    """A ``_cssText`` attribute change: the node's sheet becomes that text, its text children its pieces."""
    node = tree.w(nid)
    node.set_prop("sheet", StyleSheet.from_serialized(css_text))
    node.pop_prop("css_pieces")
    if node.tag != "style":
        return
    pieces = css_text.split("/* rr_split */")
    texts = [i for i in node.children or () if tree.nodes[i].type == TEXT]
    for k, tid in enumerate(texts):
        text = tree.w(tid)
        if k == len(texts) - 1:
            text.text = "".join(pieces[k:])
        else:
            text.text = pieces[k] if k < len(pieces) else ""
