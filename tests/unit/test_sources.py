"""Snapshot node kinds and every incremental source that changes state."""

from __future__ import annotations

import rrweb_py
from tests.builders import T0, add, el, find, inc, meta, mutation, page, snapshot, text


def run(*events, body=(), head=None, **kw):
    """The replay of a page with the given body, then the events."""
    return rrweb_py.load([meta(), snapshot(page(*body, head=head)), *events], on_anomaly="raise", **kw)


def end(r):
    """The exported tree at the end."""
    return r.at(r.duration_ms).to_rrweb()


def test_every_node_kind_round_trips():
    """Document compatMode, doctype ids, comments, CDATA, SVG, custom elements and shadow hosts come back out."""
    doc = {"type": 0, "compatMode": "BackCompat", "id": 1, "childNodes": [
        {"type": 1, "name": "html", "publicId": "-//W3C//DTD HTML 4.01//EN", "systemId": "x", "id": 2},
        el(3, "html", {}, el(4, "head", {}), el(5, "body", {},
           {"type": 5, "textContent": " note ", "id": 6},
           el(7, "svg", {"viewBox": "0 0 1 1"}, el(8, "clippath", {}, isSVG=True), isSVG=True),
           el(9, "my-widget", {}, isCustom=True),
           el(10, "div", {}, el(11, "b", {}, isShadow=True), isShadowHost=True),
           el(12, "p", {}, {"type": 4, "textContent": "", "id": 13})))]}
    r = rrweb_py.load([meta(), snapshot(doc)], on_anomaly="raise")
    out = end(r)
    assert out == doc


def test_dialog_open_mode():
    """An open dialog carries rr_open_mode; closing drops it."""
    r = run(mutation(10, attributes=[{"id": 10, "attributes": {"open": "", "rr_open_mode": "modal"}}]),
            mutation(20, attributes=[{"id": 10, "attributes": {"open": None}}]),
            body=[el(10, "dialog", {})])
    assert find(r.at(10).to_rrweb(), 10)["attributes"] == {"open": "", "rr_open_mode": "modal"}
    assert find(end(r), 10)["attributes"] == {}


def test_media_state_advances_while_playing():
    """A playing video's position at a frame is its position at the last interaction plus the time since."""
    video = el(10, "video", {"rr_mediaState": "paused", "rr_mediaCurrentTime": 0, "rr_mediaPlaybackRate": 1,
                             "rr_mediaMuted": False, "rr_mediaLoop": False, "rr_mediaVolume": 1})
    r = run(inc(1000, 7, type=0, id=10, currentTime=2.0), inc(3000, 7, type=1, id=10, currentTime=4.5),
            body=[video])
    mid = find(r.at(2000).to_rrweb(), 10)["attributes"]
    assert mid["rr_mediaState"] == "played"
    assert abs(mid["rr_mediaCurrentTime"] - 3.0) < 1e-9
    last = find(end(r), 10)["attributes"]
    assert (last["rr_mediaState"], last["rr_mediaCurrentTime"]) == ("paused", 4.5)


def test_style_rule_events_and_text_reparse():
    """insertRule/deleteRule change the sheet; replacing the style's text drops them."""
    style = el(20, "style", {}, text(21, "a { color: red; }"))
    r = run(inc(10, 8, id=20, adds=[{"rule": "p { margin: 0 }", "index": 1}]),
            inc(20, 13, id=20, index=[0], set={"property": "color", "value": "blue", "priority": ""}),
            mutation(30, texts=[{"id": 21, "value": "b { color: green }"}]),
            head=[style])
    assert find(r.at(10).to_rrweb(), 20)["attributes"]["_cssText"] == "a { color: red; }p { margin: 0px; }"
    assert find(r.at(20).to_rrweb(), 20)["attributes"]["_cssText"] == "a { color: blue; }p { margin: 0px; }"
    assert find(end(r), 20)["attributes"]["_cssText"] == "b { color: green; }"
    assert find(end(r), 21)["textContent"] == ""


def test_out_of_range_insert_is_ignored_like_chromium():
    """An insertRule index past the end throws in the browser, so nothing changes."""
    r = run(inc(10, 8, id=20, adds=[{"rule": "p { margin: 0 }", "index": 5}]),
            head=[el(20, "style", {"_cssText": "a { color: red; }"})])
    assert find(end(r), 20)["attributes"]["_cssText"] == "a { color: red; }"


def test_adopted_sheets_selection_pointer_canvas_font():
    """Non-DOM state is kept on the state for later analysis."""
    r = run(inc(10, 15, id=1, styles=[{"styleId": 1, "rules": [{"rule": "a { color: red; }", "index": 0}]}],
                styleIds=[1]),
            inc(20, 14, ranges=[{"start": 11, "startOffset": 0, "end": 11, "endOffset": 2}]),
            inc(30, 1, positions=[{"x": 1, "y": 2, "id": 5, "timeOffset": -10}, {"x": 7, "y": 8, "id": 5,
                                                                                 "timeOffset": 0}]),
            inc(40, 2, type=2, id=5, x=9, y=9),
            inc(50, 9, id=12, type=0, commands=[{"property": "fillRect", "args": [0, 0, 1, 1]}]),
            inc(60, 10, family="X", fontSource="url(x.woff)", buffer=False),
            body=[el(11, "p", {}, text(12, "hi"))])
    f = r.at(r.duration_ms)
    st = f.state
    assert st.adopted == {1: [1]}
    assert st.style_sheets[1].css_text() == "a { color: red; }"
    assert st.selection[0]["start"] == 11
    assert f.pointer["x"] == 9 and f.last_interaction["type"] == 2
    assert r.at(35).pointer == {"x": 7, "y": 8, "id": 5, "timestamp": T0 + 30, "source": 1}
    assert st.canvas == {12: [6]}
    assert st.fonts[0]["family"] == "X"


def test_navigation_restarts_ids_and_scroll():
    """A second Meta + FullSnapshot replaces the page; the new page starts from its own offset."""
    first = page(el(10, "p", {}, text(11, "one")))
    second = page(el(10, "h1", {}, text(11, "two")))
    r = rrweb_py.load([meta(0, "http://a.test/1"), snapshot(first, 1), inc(5, 3, id=1, x=0, y=500),
                       meta(100, "http://a.test/2"), snapshot(second, 101, top=40)], on_anomaly="raise")
    assert r.at(50).scroll == (0, 500)
    f = r.at(r.duration_ms)
    assert f.href == "http://a.test/2" and f.scroll == (0, 40)
    assert find(f.to_rrweb(), 10)["tagName"] == "h1"


def test_element_scroll_and_blocked_element():
    """Element scroll is written as rr_scroll*; blocked elements keep what the recorder wrote."""
    blocked = el(11, "div", {"class": "rr-block", "rr_width": "10px", "rr_height": "5px"})
    r = run(mutation(5, adds=[add(5, el(10, "div", {}))]), inc(10, 3, id=10, x=3, y=40), body=[blocked])
    out = end(r)
    assert find(out, 10)["attributes"] == {"rr_scrollLeft": 3, "rr_scrollTop": 40}
    assert find(out, 11)["attributes"] == {"class": "rr-block", "rr_width": "10px", "rr_height": "5px"}
