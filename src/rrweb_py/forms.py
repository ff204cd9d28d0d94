"""Form-control state as a browser keeps it: value, checkedness and option selectedness.

A control shows its attribute (``value``, ``checked``, ``selected``) until its state is set directly (by the user
or a script, which rrweb records as an Input event); from then on attribute changes no longer change what it
shows (the HTML "dirty" flags). State lives in ``node.props``:

- ``value``: the dirty value of an ``<input>`` or ``<textarea>`` (absent: the ``value`` attribute of an input,
  the text of a textarea);
- ``default`` on a ``<textarea>``: its text as the recorder last sent it (``value`` in snapshots and attribute
  mutations: rrweb sends a textarea's text changes that way);
- ``checked``: the checkedness of a checkbox or radio; ``checked_dirty`` once set directly;
- ``selected`` on an ``<option>``: its selectedness (absent: the ``selected`` attribute); ``selected_dirty``.
"""

from __future__ import annotations

from .dom import ELEMENT, Node, child_text, text_content

NO_VALUE_TYPES = frozenset({"radio", "checkbox", "submit", "button"})
CHECKABLE = frozenset({"radio", "checkbox"})


def input_type(node: Node) -> str:
    """The ``type`` attribute as written (the recorder compares it as given)."""
    value = node.attrs.get("type") if node.attrs else None
    return value if isinstance(value, str) else ""


def current_value(node: Node) -> str:
    """What ``element.value`` returns for an input, textarea or select."""
    tag = node.tag
    if tag == "select":
        for option in iter_options(node):
            if option_selected(option, node):
                return option_value(option)
        return ""
    value = node.prop("value")
    if value is not None:
        return value  # type: ignore[no-any-return]
    if tag == "textarea":
        default = node.prop("default")
        return default if default is not None else child_text(node)
    attr = node.attrs.get("value") if node.attrs else None
    return attr if isinstance(attr, str) else ""


def is_checked(node: Node) -> bool:
    """``element.checked`` of a checkbox or radio."""
    checked = node.prop("checked")
    if checked is not None:
        return bool(checked)
    return bool(node.attrs) and "checked" in node.attrs


def set_value_from_input(node: Node, text: str, is_checked_flag: bool) -> None:
    """Apply an rrweb Input event: what the user (or a script) set on the control."""
    tag = node.tag
    if tag == "select":
        select_by_value(node, text)
    elif tag == "input" and input_type(node).lower() in CHECKABLE:
        set_checked(node, is_checked_flag, dirty=True)
    elif tag in ("input", "textarea"):
        node.set_prop("value", text)


def set_checked(node: Node, checked: bool, *, dirty: bool) -> None:
    """Set checkedness; a radio that becomes checked unchecks the others of its group."""
    node.set_prop("checked", checked)
    if dirty:
        node.set_prop("checked_dirty", True)
    if checked and input_type(node).lower() == "radio":
        for other in radio_group(node):
            if other is not node:
                other.set_prop("checked", False)


def on_checked_attribute(node: Node) -> None:
    """The ``checked`` attribute changed: a control not set directly follows it."""
    if node.prop("checked_dirty"):
        return
    set_checked(node, "checked" in (node.attrs or {}), dirty=False)


def radio_group(node: Node) -> list[Node]:
    """Radios with the same name in the same form (or the same document/shadow tree when outside a form)."""
    name = (node.attrs or {}).get("name")
    if not name:
        return [node]
    owner = node.parent
    top = node
    while owner is not None:
        if owner.tag == "form":
            break
        top = owner
        owner = owner.parent
    root = owner if owner is not None else top
    out = []
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == ELEMENT and n.tag == "input" and n.attrs and n.attrs.get("name") == name:
            if input_type(n).lower() == "radio":
                out.append(n)
        if n.children:
            stack.extend(n.children)
    return out


def owning_select(option: Node) -> Node | None:
    """The ``<select>`` an option belongs to (directly or through an ``<optgroup>``)."""
    parent = option.parent
    if parent is not None and parent.tag == "optgroup":
        parent = parent.parent
    return parent if parent is not None and parent.tag == "select" else None


def iter_options(select: Node) -> list[Node]:
    """The options of a select in tree order (children and children of optgroups)."""
    out = []
    for child in select.children or ():
        if child.tag == "option":
            out.append(child)
        elif child.tag == "optgroup":
            out.extend(c for c in child.children or () if c.tag == "option")
    return out


def option_value(option: Node) -> str:
    """``option.value``: the value attribute, else the text with whitespace collapsed."""
    attr = option.attrs.get("value") if option.attrs else None
    if isinstance(attr, str):
        return attr
    return " ".join(text_content(option).split())


def option_selected(option: Node, select: Node | None = None) -> bool:
    """``option.selected`` with the single-select rules applied (one selected at most; the first enabled
    option when none is, unless the value was set to something no option has)."""
    if select is None:
        select = owning_select(option)
    if select is None or "multiple" in (select.attrs or {}):
        return _own_selectedness(option)
    chosen = _displayed_option(select)
    return chosen is option


def _own_selectedness(option: Node) -> bool:
    sel = option.prop("selected")
    if sel is not None:
        return bool(sel)
    return bool(option.attrs) and "selected" in option.attrs


def _displayed_option(select: Node) -> Node | None:
    options = iter_options(select)
    chosen = None
    for option in options:
        if _own_selectedness(option):
            chosen = option  # the last selected one wins
    if chosen is not None or select.prop("value_unmatched"):
        return chosen
    size = (select.attrs or {}).get("size")
    if isinstance(size, str) and size.strip().isdigit() and int(size) > 1:
        return None
    for option in options:
        if "disabled" not in (option.attrs or {}):
            return option
    return None


def select_by_value(select: Node, value: str) -> None:
    """``select.value = value``: the first option with that value becomes selected, all others not."""
    found = False
    for option in iter_options(select):
        hit = not found and option_value(option) == value
        found = found or hit
        option.set_prop("selected", hit)
        option.set_prop("selected_dirty", True)
    if found:
        select.pop_prop("value_unmatched")
    else:
        select.set_prop("value_unmatched", True)


def on_selected_attribute(option: Node) -> None:
    """The ``selected`` attribute changed: an option not set directly follows it; selecting one unselects the
    others of a single select."""
    if option.prop("selected_dirty"):
        return
    selected = "selected" in (option.attrs or {})
    option.set_prop("selected", selected)
    select = owning_select(option)
    if select is None:
        return
    if selected:
        select.pop_prop("value_unmatched")
        if "multiple" not in (select.attrs or {}):
            for other in iter_options(select):
                if other is not option:
                    other.set_prop("selected", False)

