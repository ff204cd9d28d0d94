"""Which CSSOM sheet a ``<style>`` or ``<link>`` has, and when it must be parsed again.

A ``<link>`` has the sheet the recorder inlined as ``_cssText`` (or none). A ``<style>`` has the sheet parsed
from its text; CSSOM edits (insertRule, setProperty...) change that sheet, and any change of the element's text
throws those edits away and parses the text again, as browsers do. The parsed sheet is kept in
``props["sheet"]``; its absence on a ``<style>`` means "parse the text when asked".
"""

from __future__ import annotations

from .css import StyleSheet
from .dom import TEXT, Node, child_text


def sheet_of(node: Node, base_url: str | None) -> StyleSheet | None:
    """The node's current sheet (parsing a ``<style>``'s text on first use)."""
    sheet = node.prop("sheet")
    if sheet is not None:
        return sheet  # type: ignore[no-any-return]
    if node.tag != "style":
        return None
    sheet = StyleSheet.from_source(child_text(node), base_url)
    node.set_prop("sheet", sheet)
    return sheet


def text_changed(style: Node) -> None:
    """The text of a ``<style>`` changed: its sheet is parsed again from the new text."""
    if style.tag == "style":
        style.pop_prop("sheet")
        style.pop_prop("css_pieces")


def text_added(style: Node, text: Node) -> None:
    """A Text node was inserted into a ``<style>``.

    When the style was added with ``_cssText`` and no children, the recorder sends its text children in the same
    batch (with empty text: it had captured their CSS already; old recorders sent the source text): they take
    their pieces of ``_cssText``, which wins, and the sheet stays. (``css_pieces`` lives only for that batch.)
    """
    pieces = style.prop("css_pieces")
    if pieces and text.type == TEXT:
        text.text = pieces.pop(0)
        if not pieces:
            style.pop_prop("css_pieces")
        return
    text_changed(style)


def replace_serialized(node: Node, css_text: str) -> None:
    """A ``_cssText`` attribute change: the node's sheet becomes that text, its text children its pieces."""
    sheet = StyleSheet.from_serialized(css_text)
    node.set_prop("sheet", sheet)
    node.pop_prop("css_pieces")
    if node.tag != "style":
        return
    pieces = css_text.split("/* rr_split */")
    texts = [c for c in node.children or () if c.type == TEXT]
    for i, child in enumerate(texts):
        if i == len(texts) - 1:
            child.text = "".join(pieces[i:])
        else:
            child.text = pieces[i] if i < len(pieces) else ""
