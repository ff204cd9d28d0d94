"""A seek starts at the last page before its target (the FullSnapshot that starts it) instead of building every
page before it: the frames, the anomalies and the checkpoints' answers equal those of a walk over every event."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rrweb_py
from rrweb_py._engine.state import State
from rrweb_py._read.frame import Frame
from tests.strategies import T0, incremental, streams

#: events that change what a FullSnapshot keeps, or that a page ignores before it exists
_EXTRAS = [
    lambda t: incremental(1, t, positions=[{"x": t % 97, "y": 3, "id": 1, "timeOffset": -5}]),
    lambda t: incremental(2, t, type=2, id=1, x=t % 89, y=4),
    lambda t: incremental(4, t, width=t % 800 + 100, height=600),
    lambda t: incremental(7, t, family="f", fontSource="url(x)", buffer=False),
    lambda t: {"type": 4, "data": {"href": f"http://example.test/{t}", "width": 1000, "height": 700}, "timestamp": t},
    lambda t: incremental(3, t, id=1, x=5, y=t % 50),
    lambda t: {"type": 5, "data": {"tag": "x", "payload": {}}, "timestamp": t},
    lambda t: {"type": 3, "data": {"source": 99}, "timestamp": t},
    lambda t: {"type": 3, "data": "junk", "timestamp": t},
    lambda t: incremental(1, t, positions=[]),
]
#: FullSnapshots that start no page: the state before them stays
_BROKEN = [
    lambda t: {"type": 2, "data": {}, "timestamp": t},
    lambda t: {"type": 2, "data": {"node": {"type": 2, "tagName": "div", "id": 5, "childNodes": []}}, "timestamp": t},
    lambda t: {"type": 2, "data": {"node": {"type": 0, "id": "x", "childNodes": []}}, "timestamp": t},
]


@st.composite
def recordings(draw):
    """Pages one after the other (each Meta + FullSnapshot + changes, the same ids reused), with pointer, viewport,
    font, Meta and junk events sprinkled in, broken FullSnapshots, and events before the first page."""
    events = []
    t = T0
    for _ in range(draw(st.integers(0, 3))):  # before any page: refused, except the viewport and Meta
        events.append(draw(st.sampled_from(_EXTRAS))(t))
        t += 3
    for _ in range(draw(st.integers(1, 4))):
        page = copy.deepcopy(draw(streams(max_steps=6)))
        shift = t - page[0]["timestamp"]
        for ev in page:
            ev["timestamp"] += shift
        for ev in page:
            events.append(ev)
            if draw(st.integers(0, 3)) == 0:
                events.append(draw(st.sampled_from(_EXTRAS))(ev["timestamp"]))
            if draw(st.integers(0, 12)) == 0:
                events.append(draw(st.sampled_from(_BROKEN))(ev["timestamp"]))
        t = events[-1]["timestamp"] + draw(st.sampled_from([0, 5, 300]))
    return events


def _signature(frame):
    state = frame.state
    return (frame.to_rrweb(), frame.scroll, frame.viewport, frame.href, frame.pointer, frame.last_interaction,
            state.fonts, state.snapshot_time, state.selection, frame.node_count)


def _anomalies(anomalies):
    return sorted((a.kind, a.event_index, a.node_id, a.detail, a.path) for a in anomalies)


def walked(replay, count):
    """The state after ``count`` events, applied one by one from the start (no seek, no page skipped)."""
    if count == 0:
        return State()
    for i, (_, state) in enumerate(replay.iter_states()):
        if i + 1 == count:
            return state.clone()
    raise AssertionError(count)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=recordings(), data=st.data())
def test_seeks_that_start_at_a_later_page_equal_a_walk_over_every_event(events, data):
    store = data.draw(st.sampled_from(["memory", "disk"]), label="store")
    every = data.draw(st.integers(1, 30), label="checkpoint_every")
    loaded = rrweb_py.load(copy.deepcopy(events), store=store, checkpoint_every=every, checkpoint_work=every * 3)
    linear = rrweb_py.load(copy.deepcopy(events), checkpoint_every=10**9, checkpoint_work=10**9)
    end = int(loaded.duration_ms) + 5
    for offset in data.draw(st.lists(st.integers(-1, end), min_size=1, max_size=6), label="seeks"):
        got = loaded.at(offset)
        count = sum(1 for e in linear.events if e["timestamp"] <= linear.start_timestamp + offset)
        expected = Frame(walked(linear, count), linear.start_timestamp + offset, linear)
        assert _signature(got) == _signature(expected), offset
    for _ in linear.iter_states():
        pass
    assert _anomalies(loaded.validate()) == _anomalies(linear.anomalies)  # each recorded once


def test_a_seek_to_the_last_page_builds_no_page_before_it():
    """Three pages: a cold seek into the third applies none of the first two pages' changes (their anomalies are
    not met until a walk covers them), and the frame is the walk's."""
    pages = []
    t = T0
    for n in range(3):
        doc = {"type": 0, "id": 1, "childNodes": [
            {"type": 2, "tagName": "html", "id": 2, "attributes": {}, "childNodes": [
                {"type": 2, "tagName": "body", "id": 3, "attributes": {"data-page": str(n)}, "childNodes": []}]}]}
        pages += [{"type": 4, "data": {"href": f"http://x.test/{n}", "width": 800 + n, "height": 600},
                   "timestamp": t},
                  {"type": 2, "data": {"node": doc, "initialOffset": {"top": 0, "left": 0}}, "timestamp": t + 1},
                  incremental(0, t + 2, adds=[], removes=[{"parentId": 3, "id": 999}], texts=[], attributes=[]),
                  incremental(1, t + 3, positions=[{"x": n, "y": n, "id": 3, "timeOffset": 0}])]
        t += 1000
    replay = rrweb_py.load(pages, checkpoint_every=10**6, checkpoint_work=10**6)
    frame = replay.at(replay.duration_ms)
    assert frame.select_one("body").attributes["data-page"] == "2"
    assert (frame.href, frame.viewport.width, frame.pointer["x"]) == ("http://x.test/2", 802, 2)
    assert [a.event_index for a in replay.anomalies] == [10]  # only the third page's missing node, so far
    assert [a.event_index for a in replay.validate()] == [10, 2, 6]


def test_what_comes_before_the_first_page_is_refused_as_in_a_walk():
    """Pointer and interaction events before any page are refused (the walk reports ``no-snapshot``), a viewport
    change is kept; a seek into the second page sees the same."""
    doc = {"type": 0, "id": 1, "childNodes": [{"type": 2, "tagName": "html", "id": 2, "attributes": {},
                                               "childNodes": []}]}
    events = [incremental(1, T0, positions=[{"x": 9, "y": 9, "id": 2, "timeOffset": 0}]),
              incremental(2, T0 + 1, type=2, id=2, x=1, y=1),
              incremental(4, T0 + 2, width=500, height=400),
              {"type": 2, "data": {"node": {"type": 2, "tagName": "div", "id": 1}}, "timestamp": T0 + 3},
              incremental(1, T0 + 4, positions=[{"x": 7, "y": 7, "id": 2, "timeOffset": 0}]),
              {"type": 2, "data": {"node": copy.deepcopy(doc)}, "timestamp": T0 + 5},
              {"type": 2, "data": {"node": copy.deepcopy(doc)}, "timestamp": T0 + 6}]
    frame = rrweb_py.load(events).at(100)
    assert (frame.pointer, frame.last_interaction, frame.viewport.width) == (None, None, 500)
    events.insert(6, incremental(1, T0 + 5, positions=[{"x": 3, "y": 4, "id": 2, "timeOffset": 0}]))
    assert rrweb_py.load(events).at(100).pointer["x"] == 3
