"""Frame queries: CSS selectors, XPath, node views, lxml mapping, page text and form values."""

from __future__ import annotations

import pytest

import rrweb_py
from tests.builders import add, el, inc, meta, mutation, page, snapshot, text


def frame():
    """A small page with a list, a form and a shadow host, after some events."""
    doc = page(
        el(10, "ul", {"id": "list"}, el(11, "li", {"class": "item a"}, text(12, "first")),
           el(13, "li", {"class": "item b"}, text(14, "second"))),
        el(20, "form", {}, el(21, "input", {"type": "text", "name": "q"}),
           el(22, "input", {"type": "checkbox"}),
           el(23, "select", {}, el(24, "option", {"value": "x"}, text(25, "X")),
              el(26, "option", {"value": "y"}, text(27, "Y")))),
        el(30, "div", {"id": "host"}, el(31, "span", {}, text(32, "shadowed"), isShadow=True)),
        el(40, "script", {}, text(41, "SCRIPT_PLACEHOLDER")),
    )
    r = rrweb_py.load([meta(), snapshot(doc),
                       inc(10, 5, id=21, text="hello", isChecked=False),
                       inc(11, 5, id=22, text="on", isChecked=True),
                       inc(12, 5, id=23, text="y", isChecked=False),
                       mutation(20, adds=[add(10, el(15, "li", {"class": "item c"}))])], on_anomaly="raise")
    return r.at(r.duration_ms)


def test_select_and_views():
    """select() finds elements in document order and their views expose tag, attributes, text and tree links."""
    f = frame()
    items = f.select("ul#list > li.item")
    assert [n.id for n in items] == [11, 13, 15]
    assert items[0].text == "first"
    assert items[0].parent.id == 10
    assert [c.id for c in f.node(10).children] == [11, 13, 15]
    assert f.select_one("input[name=q]").attributes["value"] == "hello"
    assert [n.id for n in f.select("input[checked]")] == [22]
    assert [n.id for n in f.select("option[selected]")] == [26]
    assert [n.id for n in f.select("#host span")] == [31]  # shadow children follow the host's light children


def test_xpath_and_lxml_mapping():
    """xpath() returns views for elements and plain values otherwise; lxml elements map back to ids."""
    f = frame()
    assert [n.id for n in f.xpath("//li[2]")] == [13]
    assert f.xpath("string(//li[1])") == ["first"]
    view = f.to_lxml()
    assert view.id_of(view.root) == 3


def test_text_and_form_values():
    """text() is what a reader sees (no script), form_values() the controls' state."""
    f = frame()
    txt = f.text()
    assert "first" in txt and "second" in txt and "shadowed" in txt
    assert "SCRIPT_PLACEHOLDER" not in txt
    assert f.form_values() == {21: "hello", 22: True, 23: "y"}


def test_bad_selector_is_invalid_argument():
    """A selector that does not parse raises InvalidArgument."""
    with pytest.raises(rrweb_py.InvalidArgument):
        frame().select("li[")
    with pytest.raises(rrweb_py.InvalidArgument):
        frame().xpath("//li[")
    assert frame().node(999) is None
