"""Form state: values, checkedness, select options, as rrweb's serializer writes them."""

from __future__ import annotations

import rrweb_py
from tests.builders import el, find, inc, meta, mutation, page, snapshot, text


def at_end(*body, events=()):
    """The exported tree at the end of a page with the given body and events."""
    r = rrweb_py.load([meta(), snapshot(page(*body)), *events], on_anomaly="raise")
    return r.at(r.duration_ms).to_rrweb()


def test_typed_value_is_written_and_cleared():
    """An Input event's text becomes the value attribute; an empty value writes none."""
    tree = at_end(el(10, "input", {"type": "text"}), events=[inc(10, 5, id=10, text="hi", isChecked=False)])
    assert find(tree, 10)["attributes"] == {"type": "text", "value": "hi"}
    tree = at_end(el(10, "input", {"type": "text"}), events=[
        inc(10, 5, id=10, text="hi", isChecked=False), inc(20, 5, id=10, text="", isChecked=False)])
    assert find(tree, 10)["attributes"] == {"type": "text"}


def test_dirty_value_ignores_later_value_attribute():
    """Once the user typed, a value attribute change no longer changes what the input shows."""
    tree = at_end(el(10, "input", {"value": "a"}), events=[
        inc(10, 5, id=10, text="typed", isChecked=False),
        mutation(20, attributes=[{"id": 10, "attributes": {"value": "b"}}])])
    assert find(tree, 10)["attributes"]["value"] == "typed"


def test_checkbox_input_does_not_write_value_on():
    """A checkbox Input event sets checkedness only (rrweb's Replayer wrongly sets value='on')."""
    tree = at_end(el(10, "input", {"type": "checkbox"}), events=[inc(10, 5, id=10, text="on", isChecked=True)])
    assert find(tree, 10)["attributes"] == {"type": "checkbox", "checked": True}


def test_unchecked_radio_keeps_its_checked_attribute():
    """A radio checked by attribute then unchecked by the user writes the attribute's empty string."""
    tree = at_end(
        el(10, "input", {"type": "radio", "name": "g", "checked": True}),
        el(11, "input", {"type": "radio", "name": "g"}),
        events=[inc(10, 5, id=11, text="on", isChecked=True)])
    assert find(tree, 10)["attributes"]["checked"] == ""
    assert find(tree, 11)["attributes"]["checked"] is True


def test_select_value_moves_selected_option():
    """An Input on a select selects the option with that value."""
    select = el(10, "select", {"value": "1"},
                el(11, "option", {"value": "1", "selected": True}, text(12, "one")),
                el(13, "option", {"value": "2"}, text(14, "two")))
    tree = at_end(select, events=[inc(10, 5, id=10, text="2", isChecked=False)])
    assert find(tree, 10)["attributes"] == {"value": "2"}
    assert "selected" not in find(tree, 11)["attributes"]
    assert find(tree, 13)["attributes"]["selected"] is True


def test_select_without_selected_option_shows_first():
    """A single select with no selected option shows its first option."""
    select = el(10, "select", {}, el(11, "option", {}, text(12, "a")), el(13, "option", {}, text(14, "b")))
    tree = at_end(select)
    assert find(tree, 11)["attributes"] == {"selected": True}
    assert find(tree, 10)["attributes"] == {"value": "a"}


def test_textarea_value_hides_children():
    """A textarea with a value is written with the value attribute and no children."""
    tree = at_end(el(10, "textarea", {}, text(11, "default")),
                  events=[inc(10, 5, id=10, text="typed", isChecked=False)])
    node = find(tree, 10)
    assert node["attributes"] == {"value": "typed"}
    assert node["childNodes"] == []
