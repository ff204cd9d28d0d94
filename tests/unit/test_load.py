"""Loading: sources, envelope validation, ordering and the time rule."""

from __future__ import annotations

import gzip
import math
import zlib

import orjson
import pytest

import rrweb_py
from tests.builders import T0, add, el, meta, mutation, page, snapshot

EVENTS = [meta(0), snapshot(page(el(10, "ul")), 1), mutation(100, adds=[add(10, el(11, "li"))])]


@pytest.mark.parametrize("wrap", [
    lambda ev: ev,
    lambda ev: orjson.dumps(ev),
    lambda ev: orjson.dumps(ev).decode(),
    lambda ev: gzip.compress(orjson.dumps(ev)),
    lambda ev: zlib.compress(orjson.dumps(ev)),
    lambda ev: orjson.dumps({"events": ev}),
    lambda ev: iter(ev),
], ids=["list", "bytes", "str", "gzip", "zlib", "wrapper", "iterator"])
def test_sources(wrap):
    """Every accepted source shape gives the same replay."""
    r = rrweb_py.load(wrap(EVENTS))
    assert len(r) == 3
    assert r.start_timestamp == T0
    assert r.duration_ms == 100


def test_path_sources(tmp_path):
    """Paths to .json and .json.gz files load."""
    (tmp_path / "a.json").write_bytes(orjson.dumps(EVENTS))
    (tmp_path / "a.json.gz").write_bytes(gzip.compress(orjson.dumps(EVENTS)))
    assert len(rrweb_py.load(tmp_path / "a.json")) == 3
    assert len(rrweb_py.load(str(tmp_path / "a.json.gz"))) == 3


def test_time_rule_includes_event_at_target():
    """A frame at T includes the events with timestamp <= T."""
    r = rrweb_py.load(EVENTS)
    assert 11 not in r.at(99).state.mirror
    assert 11 in r.at(100).state.mirror


def test_out_of_order_events_are_stably_sorted():
    """Events are applied in stable timestamp order whatever the input order."""
    r = rrweb_py.load([EVENTS[2], EVENTS[0], EVENTS[1]], on_anomaly="raise")
    assert 11 in r.at(100).state.mirror


@pytest.mark.parametrize(("data", "path"), [
    (b"not json", "$"),
    (b"{}", "$"),
    (b"[]", "$"),
    (b"[1]", "$[0]"),
    (b'[{"type": "2", "timestamp": 1}]', "$[0].type"),
    (b'[{"type": 2}]', "$[0].timestamp"),
    (b'[{"type": 2, "timestamp": "1"}]', "$[0].timestamp"),
    (b'[{"type": 2, "timestamp": 1e300}]', "$[0].timestamp"),
])
def test_unusable_input_raises_decode_error_with_path(data, path):
    """Unusable input raises DecodeError naming where."""
    with pytest.raises(rrweb_py.DecodeError) as info:
        rrweb_py.load(data)
    assert info.value.path == path


def test_nan_timestamp_from_python_objects():
    """A NaN timestamp (possible from Python objects) is refused."""
    with pytest.raises(rrweb_py.DecodeError):
        rrweb_py.load([{"type": 4, "timestamp": math.nan, "data": {}}])


def test_truncated_gzip_and_bad_arguments():
    """Truncated compressed data and wrong argument types raise the library's errors."""
    with pytest.raises(rrweb_py.AnomalyError, match="truncated gzip data"):
        rrweb_py.load(gzip.compress(orjson.dumps(EVENTS))[:-10], on_anomaly="raise")
    with pytest.raises(rrweb_py.InvalidArgument):
        rrweb_py.load(42)
    with pytest.raises(FileNotFoundError, match="/no/such/file.json"):
        rrweb_py.load("/no/such/file.json")
    with pytest.raises(rrweb_py.InvalidArgument):
        rrweb_py.load(EVENTS).at("soon")


def test_unknown_event_type_is_an_anomaly():
    """An unknown event type is recorded and skipped."""
    r = rrweb_py.load([*EVENTS, {"type": 99, "timestamp": T0 + 200, "data": {}}])
    r.at(r.duration_ms)
    assert [a.kind for a in r.anomalies] == ["unknown-event-type"]


def test_anomalies_recorded_once_across_seeks():
    """Seeking back and forth does not record an event's anomalies twice."""
    r = rrweb_py.load([*EVENTS, mutation(200, removes=[{"parentId": 10, "id": 999}])], checkpoint_every=1)
    for t in (200, 0, 200, 150, 200):
        r.at(t)
    assert len(r.anomalies) == 1


def test_meta_scroll_viewport():
    """Meta sets href and viewport; the snapshot's initialOffset and Scroll events set the window scroll."""
    from tests.builders import inc

    r = rrweb_py.load([meta(0, "http://a.test/x", 640, 480), snapshot(page(), 1, top=30, left=2),
                       inc(50, 4, width=800, height=600), inc(60, 3, id=1, x=0, y=99)])
    f = r.at(1)
    assert (f.href, f.viewport, f.scroll) == ("http://a.test/x", (640, 480), (2, 30))
    f = r.at(60)
    assert (f.viewport, f.scroll) == ((800, 600), (0, 99))
    html = f.to_rrweb()["childNodes"][1]
    assert html["attributes"]["rr_scrollTop"] == 99


def test_frames_walk_forward_like_seeks():
    """frames(every_ms=...) gives the same states as at() for each offset."""
    from tests.builders import add, el, mutation

    events = [meta(0), snapshot(page(el(10, "ul")), 1)]
    events += [mutation(10 * k, adds=[add(10, el(100 + k, "li"))]) for k in range(1, 30)]
    r = rrweb_py.load(events, checkpoint_every=4)
    walked = [f.to_rrweb() for f in r.frames(every_ms=7)]
    assert len(walked) == int(r.duration_ms // 7) + 1
    fresh = rrweb_py.load(events)
    assert walked == [fresh.at(7 * i).to_rrweb() for i in range(len(walked))]
    assert [f.offset_ms for f in r.frames(at=[50, 5])] == [5, 50]
    with pytest.raises(rrweb_py.InvalidArgument):
        next(r.frames())


def test_load_leaves_the_callers_garbage_collector_alone():
    """load() pauses the cyclic collector while it works and restores it; it freezes nothing (a process-wide
    freeze would pin the caller's objects and leak the cycles they later drop)."""
    import gc

    frozen = gc.get_freeze_count()
    replay = rrweb_py.load(orjson.dumps([meta(0), snapshot(page(), 1)]))
    replay.at(replay.duration_ms)
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


def test_load_promotes_the_fresh_events_but_keeps_what_the_caller_froze():
    """The fresh events go to the oldest generation without a collection; objects the caller froze stay frozen,
    and a cycle the caller drops is still collected."""
    import gc
    import weakref

    class Cycle:
        pass

    held = [Cycle() for _ in range(3)]
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        rrweb_py.load(orjson.dumps([meta(0), snapshot(page(), 1)]))
        assert gc.get_freeze_count() == frozen  # a collection of the young generations instead
    finally:
        gc.unfreeze()
    a = Cycle()
    a.me = a
    gone = weakref.ref(a)
    rrweb_py.load(orjson.dumps([meta(0), snapshot(page(), 1)]))
    assert gc.get_freeze_count() == 0 and gc.get_count()[0] < 50  # promoted: no young object left
    del a
    gc.collect()
    assert gone() is None
    del held


def test_decoding_problems_are_anomalies_right_after_load():
    """What the decoder skipped is in replay.anomalies as soon as load returns; problems of applying events appear
    only once a fold goes past them, and validate() folds the whole recording to collect them all."""
    bad = mutation(200, removes=[{"parentId": 10, "id": 999}])
    raw = orjson.dumps([*EVENTS, bad, meta(300)])
    r = rrweb_py.load(raw[:-20])  # cut inside the last event
    assert [a.kind for a in r.anomalies] == ["truncated-input"]
    assert r.anomalies[0].event_index == -1
    assert r.at(0) is not None and [a.kind for a in r.anomalies] == ["truncated-input"]  # the removal not reached
    found = r.validate()
    assert [a.kind for a in found] == ["truncated-input", "missing-node"]
    assert found[1].event_index == 3 and found[1].node_id == 999
    assert r.validate() == found  # recorded once, however often folded
    assert found == r.anomalies and found is not r.anomalies


def test_validate_raises_in_strict_mode_and_is_empty_when_clean():
    assert rrweb_py.load(EVENTS).validate() == []
    strict = rrweb_py.load([*EVENTS, mutation(200, removes=[{"parentId": 10, "id": 999}])], on_anomaly="raise")
    with pytest.raises(rrweb_py.AnomalyError, match="missing-node"):
        strict.validate()
