"""Every view shows the page's form state as the live browser has it, and a Frame hands out only read-only views."""

from __future__ import annotations

import lxml.html
import pytest

import rrweb_py
from rrweb_py._read.query import NodeView
from tests.builders import add, el, find, inc, meta, mutation, page, snapshot, text


def frame_of(*body, events=(), href="http://example.test/"):
    r = rrweb_py.load([meta(href=href), snapshot(page(*body)), *events], on_anomaly="raise")
    return r.at(r.duration_ms)


def html_ticks(frame) -> dict[str, bool]:
    """Ticks a browser shows when it opens to_html(), by element id attribute."""
    doc = lxml.html.document_fromstring(frame.to_html())
    return {e.get("id"): e.get("checked") is not None for e in doc.iter("input")}


def todo_list():
    """Todo rows a script added with their boxes ticked through the property (``checked: true`` in the add)."""
    items = [el(20 + 2 * k, "li", {}, el(21 + 2 * k, "input", {"type": "checkbox", "id": f"t{k}", "class": "toggle",
                                                            "checked": True})) for k in range(3)]
    return [el(10, "ul", {})], [mutation(5, adds=[add(10, item) for item in items])]


def test_unticked_added_box_is_not_ticked_in_html_or_rrweb():
    """A box added ticked, then unticked by the user: no tick in to_html, no checked in to_rrweb (the page has
    no checked attribute), False in form_values, not :checked."""
    body, events = todo_list()
    frame = frame_of(*body, events=[*events, inc(10, 5, id=23, text="on", isChecked=False)])
    assert html_ticks(frame) == {"t0": True, "t1": False, "t2": True}
    assert "checked" not in find(frame.to_rrweb(), 23)["attributes"]
    assert find(frame.to_rrweb(), 21)["attributes"]["checked"] is True
    assert frame.form_values()[23] is False
    assert [v.id for v in frame.select(":checked")] == [21, 25]
    assert len(frame.select("[checked]")) == 2


def test_snapshot_checked_attribute_of_unticked_radio_stays_in_rrweb_only():
    """``checked: ""`` in a snapshot is the attribute of an unticked control: to_rrweb keeps writing it, the
    HTML shows no tick."""
    frame = frame_of(el(10, "input", {"type": "checkbox", "id": "a", "checked": ""}))
    assert find(frame.to_rrweb(), 10)["attributes"] == {"type": "checkbox", "id": "a", "checked": ""}
    assert html_ticks(frame) == {"a": False}
    assert frame.form_values() == {10: False}
    assert frame.select(":checked") == []


def test_radio_group_shows_one_tick():
    """Checking a radio unticks the one that was checked by attribute: one tick in every view."""
    frame = frame_of(el(9, "form", {},
                        el(10, "input", {"type": "radio", "name": "g", "id": "a", "checked": True}),
                        el(11, "input", {"type": "radio", "name": "g", "id": "b"})),
                     events=[inc(10, 5, id=11, text="on", isChecked=True)])
    assert html_ticks(frame) == {"a": False, "b": True}
    rr = frame.to_rrweb()
    assert find(rr, 10)["attributes"]["checked"] == ""  # the page's attribute, as the live serializer writes it
    assert find(rr, 11)["attributes"]["checked"] is True
    assert [v.id for v in frame.select(":checked")] == [11]
    assert frame.form_values() == {10: False, 11: True}


def test_html_values_selection_and_textarea_text():
    """to_html writes the current value, a cleared value as none, the shown option and the textarea's value."""
    frame = frame_of(
        el(10, "input", {"type": "text", "value": "default", "id": "cleared"}),
        el(11, "input", {"type": "text", "id": "typed"}),
        el(12, "textarea", {}, text(13, "old")),
        el(14, "select", {}, el(15, "option", {"value": "1", "selected": True}, text(16, "one")),
           el(17, "option", {"value": "2"}, text(18, "two"))),
        events=[inc(10, 5, id=10, text="", isChecked=False), inc(11, 5, id=11, text="hi", isChecked=False),
                inc(12, 5, id=12, text="new text", isChecked=False), inc(13, 5, id=14, text="2", isChecked=False)])
    doc = lxml.html.document_fromstring(frame.to_html())
    assert doc.get_element_by_id("cleared").get("value") is None
    assert doc.get_element_by_id("typed").get("value") == "hi"
    assert doc.find(".//textarea").text == "new text"
    assert [o.get("selected") is not None for o in doc.iter("option")] == [False, True]
    assert [v.id for v in frame.select(":checked")] == [17]
    assert frame.xpath("string(//textarea/@value)") == ["new text"]


def test_to_html_options_node_ids_and_images():
    frame = frame_of(el(10, "img", {"src": "http://example.test/a.png"}))
    plain = frame.to_html()
    assert "data-rrweb-id" not in plain
    assert "img-src data:;" in plain
    with_ids = frame.to_html(node_ids=True)
    doc = lxml.html.document_fromstring(with_ids)
    assert doc.find(".//img").get("data-rrweb-id") == "10"
    assert doc.find(".//body").get("data-rrweb-id") == "5"
    images = frame.to_html(load_images=True)
    assert "img-src data: http: https:;" in images
    assert "default-src 'none'" in images  # everything else stays blocked


def test_iframe_document_html_without_recursion():
    """Nested iframe documents become nested srcdoc attributes."""
    depth = 40
    inner = None
    nid = 1000
    for _ in range(depth):
        kids = [] if inner is None else [inner]
        doc = {"type": 0, "id": nid, "childNodes": [el(nid + 1, "html", {}, el(nid + 2, "body", {}, *kids))]}
        inner = el(nid + 3, "iframe", {}, doc)
        nid += 10
    frame = frame_of(inner)
    html = frame.to_html()
    assert html.count("srcdoc=") == depth
    assert frame.select_one("iframe > html > body > iframe") is not None


def test_frame_state_is_a_copy():
    """Changing what Frame.state gives changes neither the frame nor later frames at the same moment."""
    r = rrweb_py.load([meta(), snapshot(page(el(10, "p", {"id": "x"})))], checkpoint_every=1)
    frame = r.at(r.duration_ms)
    copy = frame.state
    copy.tree.w(10).attrs["id"] = "changed"
    copy.href = "http://changed.test/"
    assert frame.select_one("#x") is not None
    assert r.at(r.duration_ms).select_one("#x") is not None
    assert r.at(r.duration_ms).href == "http://example.test/"
    assert frame.state is not frame.state


def test_frame_document_is_a_view():
    frame = frame_of(el(10, "p", {}))
    doc = frame.document
    assert isinstance(doc, NodeView)
    assert doc.type == 0 and doc.id == 1
    assert [c.type for c in doc.children] == [1, 2]
    assert frame.node_count == 6
    with pytest.raises(AttributeError):
        doc.id = 5  # type: ignore[misc]


def test_composed_children_one_rule():
    """NodeView.children: light, shadow, then the iframe's Document node; the lxml tree: the document's element."""
    doc = {"type": 0, "id": 30, "childNodes": [el(31, "html", {}, el(32, "body", {}, el(33, "b", {})))]}
    frame = frame_of(el(10, "div", {}, el(11, "span", {}), el(12, "i", {}, isShadow=True), isShadowHost=True),
                     el(20, "iframe", {}, doc))
    assert [c.id for c in frame.node(10).children] == [11, 12]
    assert [c.id for c in frame.node(20).children] == [30]
    assert frame.node(30).parent == frame.node(20)
    assert [v.id for v in frame.select("iframe > *")] == [31]
    assert [v.id for v in frame.select("div > *")] == [11, 12]


# ---------------------------------------------------------------------------------------------- pseudo-classes


def ids(frame, css):
    return [v.get("id") for v in frame.select(css)]


def test_disabled_and_enabled():
    frame = frame_of(
        el(10, "input", {"id": "plain"}),
        el(11, "input", {"id": "off", "disabled": ""}),
        el(12, "fieldset", {"disabled": "", "id": "fs"},
           el(13, "legend", {"id": "lg"}, el(14, "input", {"id": "in-legend"})),
           el(15, "legend", {}, el(16, "input", {"id": "in-second-legend"})),
           el(17, "button", {"id": "btn"}),
           el(18, "fieldset", {"id": "inner-fs"}, el(19, "textarea", {"id": "ta"}))),
        el(20, "select", {"id": "sel"},
           el(21, "optgroup", {"disabled": "", "id": "og"}, el(22, "option", {"id": "o1"})),
           el(23, "option", {"id": "o2", "disabled": ""}), el(24, "option", {"id": "o3"})),
        el(25, "div", {"disabled": "", "id": "div"}),
    )
    assert ids(frame, ":disabled") == ["off", "fs", "in-second-legend", "btn", "inner-fs", "ta", "og", "o1", "o2"]
    assert ids(frame, ":enabled") == ["plain", "in-legend", "sel", "o3"]


def test_required_optional_read_write_placeholder():
    frame = frame_of(
        el(10, "input", {"id": "req", "required": "", "placeholder": "Name"}),
        el(11, "input", {"id": "hidden", "type": "hidden", "required": ""}),
        el(12, "input", {"id": "ro", "readonly": "", "placeholder": "x", "value": "v"}),
        el(13, "input", {"id": "box", "type": "CheckBox"}),
        el(14, "textarea", {"id": "ta", "placeholder": "Say"}),
        el(15, "div", {"id": "ed", "contenteditable": "true"}, el(16, "p", {"id": "ed-p"}),
           el(17, "p", {"id": "ed-off", "contenteditable": "false"})),
        events=[inc(10, 5, id=14, text="typed", isChecked=False)])
    assert ids(frame, ":required") == ["req"]
    assert ids(frame, ":optional") == ["ro", "box", "ta"]
    assert ids(frame, ":read-write") == ["req", "ta", "ed", "ed-p"]
    assert "ro" in ids(frame, ":read-only") and "box" in ids(frame, ":read-only")
    assert "ed-off" in ids(frame, ":read-only")
    assert ids(frame, ":placeholder-shown") == ["req"]


def test_empty_and_target():
    frame = frame_of(el(10, "p", {"id": "e"}), el(11, "p", {"id": "t"}, text(12, " ")),
                     el(13, "a", {"name": "sec"}), el(14, "h2", {"id": "sec two"}),
                     href="http://example.test/doc#sec%20two")
    assert "e" in ids(frame, "p:empty") and "t" not in ids(frame, "p:empty")
    assert ids(frame, ":target") == ["sec two"]
    other = frame_of(el(13, "a", {"name": "sec", "id": "anchor"}), href="http://example.test/#sec")
    assert ids(other, ":target") == ["anchor"]
    none = frame_of(el(13, "p", {"id": ""}), href="http://example.test/")
    assert none.select(":target") == []


def test_to_lxml_is_the_callers_own_tree():
    """Changing the tree to_lxml gives changes nothing that select() sees."""
    frame = frame_of(el(10, "p", {"id": "x"}))
    mine = frame.to_lxml()
    mine.root.clear()
    assert [v.id for v in frame.select("#x")] == [10]
    assert frame.to_lxml().root.find(".//p") is not None


def test_ticked_radio_joining_a_group_unticks_the_others():
    """A script adds a ticked radio to a group (or renames one into it): the browser unticks the rest of the
    group, and no Input event says so."""
    form = el(9, "form", {}, el(10, "input", {"type": "radio", "name": "g", "checked": True}),
              el(11, "input", {"type": "radio", "name": "h", "checked": True}))
    joined = frame_of(form, events=[mutation(5, adds=[add(9, el(12, "div", {}, el(13, "input", {
        "type": "radio", "name": "g", "checked": True})))])])
    assert joined.form_values() == {10: False, 11: True, 13: True}
    renamed = frame_of(form, events=[mutation(5, attributes=[{"id": 11, "attributes": {"name": "g"}}])])
    assert renamed.form_values() == {10: False, 11: True}
    assert [v.id for v in renamed.select(":checked")] == [11]
