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

from .dom import ELEMENT, Node, Tree

NO_VALUE_TYPES = frozenset({"radio", "checkbox", "submit", "button"})
CHECKABLE = frozenset({"radio", "checkbox"})


def input_type(node: Node) -> str:
    """The ``type`` attribute as written (the recorder compares it as given)."""
    value = node.attrs.get("type") if node.attrs else None
    return value if isinstance(value, str) else ""


def current_value(tree: Tree, node: Node) -> str:
    """What ``element.value`` returns for an input, textarea or select."""
    tag = node.tag
    if tag == "select":
        chosen = displayed_options(tree, node)
        return option_value(tree, chosen[0]) if chosen else ""
    value = node.prop("value")
    if value is not None:
        return value  # type: ignore[no-any-return]
    if tag == "textarea":
        default = node.prop("default")
        return default if default is not None else tree.child_text(node)
    attr = node.attrs.get("value") if node.attrs else None
    return attr if isinstance(attr, str) else ""


def is_checked(node: Node) -> bool:
    """``element.checked`` of a checkbox or radio."""
    checked = node.prop("checked")
    if checked is not None:
        return bool(checked)
    return "checked" in (node.attrs or ())


def set_value_from_input(tree: Tree, nid: int, text: str, is_checked_flag: bool) -> None:
    """Apply an rrweb Input event: what the user (or a script) set on the control."""
    node = tree.nodes[nid]
    tag = node.tag
    if tag == "select":
        select_by_value(tree, node, text)
    elif tag == "input" and input_type(node).lower() in CHECKABLE:
        set_checked(tree, nid, is_checked_flag, dirty=True)
    elif tag in ("input", "textarea"):
        tree.w(nid).set_prop("value", text)


def set_checked(tree: Tree, nid: int, checked: bool, *, dirty: bool) -> None:
    """Set checkedness; a radio that becomes checked unchecks the others of its group."""
    node = tree.w(nid)
    node.set_prop("checked", checked)
    if dirty:
        node.set_prop("checked_dirty", True)
    if checked and input_type(node).lower() == "radio":
        for other in radio_group(tree, node):
            if other != nid:
                tree.w(other).set_prop("checked", False)


def regrouped(tree: Tree, nid: int) -> None:
    """A radio was inserted into the document, or its name or type changed: if it is checked, the others of its
    new group are unchecked (the browser's rule; the recorder sees no setter call, so no Input event says so)."""
    node = tree.nodes.get(nid)
    if node is None or input_type(node).lower() != "radio" or not is_checked(node):
        return
    for other in radio_group(tree, node):
        if other != nid and is_checked(tree.nodes[other]):
            tree.w(other).set_prop("checked", False)


def on_checked_attribute(tree: Tree, nid: int) -> None:
    """The ``checked`` attribute changed: a control not set directly follows it."""
    node = tree.nodes[nid]
    if node.prop("checked_dirty"):
        return
    set_checked(tree, nid, "checked" in (node.attrs or {}), dirty=False)


def radio_group(tree: Tree, node: Node) -> list[int]:
    """Ids of the radios with the same name in the same form (or the same tree when outside a form)."""
    name = (node.attrs or {}).get("name")
    if not name:
        return [node.id]
    top = node
    owner = tree.parent_of(node)
    while owner is not None:
        if owner.tag == "form":
            break
        top = owner
        owner = tree.parent_of(owner)
    root = owner if owner is not None else top
    out = []
    for n in tree.iter_nodes(root.id):
        if (n.type == ELEMENT and n.tag == "input" and n.attrs and n.attrs.get("name") == name
                and input_type(n).lower() == "radio"):
            out.append(n.id)
    return out


def owning_select(tree: Tree, option: Node) -> Node | None:
    """The ``<select>`` an option belongs to (directly or through an ``<optgroup>``)."""
    parent = tree.parent_of(option)
    if parent is not None and parent.tag == "optgroup":
        parent = tree.parent_of(parent)
    return parent if parent is not None and parent.tag == "select" else None


def iter_options(tree: Tree, select: Node) -> list[Node]:
    """The options of a select in tree order (children and children of optgroups)."""
    out = []
    for child in tree.kids(select):
        if child.tag == "option":
            out.append(child)
        elif child.tag == "optgroup":
            out.extend(c for c in tree.kids(child) if c.tag == "option")
    return out


def option_value(tree: Tree, option: Node) -> str:
    """``option.value``: the value attribute, else the text with whitespace collapsed."""
    attr = option.attrs.get("value") if option.attrs else None
    if isinstance(attr, str):
        return attr
    return " ".join(tree.text_content(option).split())


def option_selected(tree: Tree, option: Node) -> bool:
    """``option.selected`` with the single-select rules applied (one selected at most; the first enabled
    option when none is, unless the value was set to something no option has)."""
    select = owning_select(tree, option)
    if select is None:
        return _own_selectedness(option)
    return any(o is option for o in displayed_options(tree, select))


def displayed_options(tree: Tree, select: Node) -> list[Node]:
    """The selected options of a select as the page shows them."""
    if "multiple" in (select.attrs or {}):
        return [o for o in iter_options(tree, select) if _own_selectedness(o)]
    chosen = _displayed_option(tree, select)
    return [] if chosen is None else [chosen]


def _own_selectedness(option: Node) -> bool:
    sel = option.prop("selected")
    if sel is not None:
        return bool(sel)
    return "selected" in (option.attrs or ())


def _displayed_option(tree: Tree, select: Node) -> Node | None:
    options = iter_options(tree, select)
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


def options_changed(tree: Tree, parent_id: int) -> None:
    """Options were inserted into or removed from ``parent_id`` (a select or an optgroup): the browser runs its
    selectedness setting algorithm, so a select whose value matched no option shows its first option again."""
    parent = tree.nodes.get(parent_id)
    if parent is not None and parent.tag == "optgroup":
        parent = tree.parent_of(parent)
    if parent is not None and parent.tag == "select" and parent.prop("value_unmatched"):
        tree.w(parent.id).pop_prop("value_unmatched")


def select_by_value(tree: Tree, select: Node, value: str) -> None:
    """``select.value = value``: the first option with that value becomes selected, all others not."""
    found = False
    for option in iter_options(tree, select):
        hit = not found and option_value(tree, option) == value
        found = found or hit
        writable = tree.w(option.id)
        writable.set_prop("selected", hit)
        writable.set_prop("selected_dirty", True)
    if found:
        if select.prop("value_unmatched"):
            tree.w(select.id).pop_prop("value_unmatched")
    else:
        tree.w(select.id).set_prop("value_unmatched", True)


def on_selected_attribute(tree: Tree, nid: int) -> None:
    """The ``selected`` attribute changed: an option not set directly follows it; selecting one unselects the
    others of a single select."""
    option = tree.nodes[nid]
    if option.prop("selected_dirty"):
        return
    selected = "selected" in (option.attrs or {})
    tree.w(nid).set_prop("selected", selected)
    select = owning_select(tree, option)
    if select is None:
        return
    if selected:
        if select.prop("value_unmatched"):
            tree.w(select.id).pop_prop("value_unmatched")
        if "multiple" not in (select.attrs or {}):
            for other in iter_options(tree, select):
                if other.id != nid:
                    tree.w(other.id).set_prop("selected", False)

