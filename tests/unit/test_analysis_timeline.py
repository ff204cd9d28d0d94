"""One timeline (DOM actions, console, network, errors, custom events) and activity measures."""

from __future__ import annotations

import pytest

import rrweb_py
from rrweb_py.analysis import activity, timeline, to_rows
from rrweb_py.errors import InvalidArgument
from tests.builders import T0, el, inc, meta, page, snapshot, text
from tests.conftest import corpus_or_skip


def _sentry(t, tag, payload, seconds=False):
    return {"type": 5, "timestamp": (T0 + t) / 1000 if seconds else T0 + t, "data": {"tag": tag, "payload": payload}}


def _events():
    doc = page(el(10, "input", {"type": "password", "id": "pw"}), el(11, "button", {}, text(12, "Go")),
               el(13, "input", {"type": "checkbox"}))
    return [
        meta(0, "https://shop.test/cart"), snapshot(doc),
        inc(100, 5, id=10, text="s", isChecked=False), inc(150, 5, id=10, text="se", isChecked=False),
        inc(200, 2, type=2, id=12, x=1, y=1),
        inc(250, 5, id=13, text="on", isChecked=True, userTriggered=True),
        inc(300, 3, id=1, x=0, y=200), inc(350, 3, id=1, x=0, y=400),
        {"type": 6, "timestamp": T0 + 400, "data": {"plugin": "rrweb/console@1", "payload": {
            "level": "warn", "payload": ['"low stock"', "3"], "trace": []}}},
        {"type": 6, "timestamp": T0 + 450, "data": {"plugin": "rrweb/network@1", "payload": {"requests": [
            {"name": "https://shop.test/api/pay", "method": "POST", "status": 500, "startTime": 10, "endTime": 130,
             "timeOrigin": T0 + 440, "initiatorType": "fetch"}]}}},
        _sentry(500, "breadcrumb", {"timestamp": (T0 + 500) / 1000, "category": "console", "level": "error",
                                    "message": "Payment failed"}),
        _sentry(600, "performanceSpan", {"op": "resource.fetch", "description": "/orders",
                                         "startTimestamp": (T0 + 600) / 1000, "endTimestamp": (T0 + 640) / 1000,
                                         "data": {"method": "GET", "statusCode": 200}}, seconds=True),
        _sentry(700, "breadcrumb", {"timestamp": (T0 + 700) / 1000, "category": "navigation",
                                    "data": {"from": "/cart", "to": "/checkout"}}),
        _sentry(800, "my-event", {"step": 2}),
        inc(900, 11, level="error", payload=['"legacy log"'], trace=[]),
    ]


def test_timeline_merges_every_kind_in_order():
    """Each source becomes one entry of the right kind, in time order, with inputs coalesced and masked."""
    replay = rrweb_py.load(_events())
    entries = timeline(replay)
    got = [(e.kind, round(e.offset_ms)) for e in entries]
    assert got == [("navigation", 0), ("input", 100), ("click", 200), ("input", 250), ("scroll", 300),
                   ("console", 400), ("network", 450), ("console", 500), ("network", 600), ("navigation", 700),
                   ("custom", 800), ("console", 900)]
    by = {(e.kind, round(e.offset_ms)): e for e in entries}
    typed = by[("input", 100)]
    assert (typed.value, typed.count, typed.end_offset_ms) == ("**", 2, 150)
    assert by[("input", 250)].summary == "check input[checkbox]"
    assert by[("scroll", 300)].summary == "scroll window to x=0, y=400"
    assert by[("console", 400)].value == "low stock 3" and by[("console", 400)].level == "warn"
    net = by[("network", 450)]
    assert (net.method, net.status, net.duration_ms, net.value) == ("POST", 500, 120, "https://shop.test/api/pay")
    assert by[("console", 500)].level == "error" and by[("console", 500)].source == "sentry.breadcrumb"
    assert by[("network", 600)].duration_ms == pytest.approx(40) and by[("network", 600)].source == "sentry.span"
    assert by[("navigation", 700)].url == "/checkout"
    assert by[("console", 900)].source == "rrweb/log"
    assert all(e.url == "https://shop.test/cart" for e in entries if e.kind == "console")
    assert [e.kind for e in timeline(replay, kinds=["network"])] == ["network", "network"]
    assert timeline(replay, mask_inputs="none")[1].value == "se"
    assert to_rows(entries)[0]["kind"] == "navigation"
    with pytest.raises(InvalidArgument):
        timeline(replay, kinds=["nope"])


def test_activity_gaps_pages_and_segments():
    """Gaps over 10 s are idle; pages run Meta to Meta; Sentry's 15 min idle / 60 min rules cut segments."""
    doc = page(el(10, "button", {}, text(11, "b")))
    minute = 60_000
    events = [meta(0, "https://a.test/"), snapshot(doc), inc(5_000, 2, type=2, id=10, x=0, y=0),
              inc(30_000, 1, positions=[{"x": 1, "y": 1, "id": 10, "timeOffset": 0}]),
              meta(40_000, "https://a.test/b"), snapshot(doc, t=40_001),
              inc(20 * minute, 2, type=2, id=10, x=0, y=0),  # 19 min without a click: a new segment
              inc(20 * minute + 1000, 1, positions=[{"x": 1, "y": 1, "id": 10, "timeOffset": 0}])]
    for k in range(1, 9):  # a click every 10 minutes: the 60 min cap cuts
        events.append(inc(20 * minute + k * 10 * minute, 2, type=2, id=10, x=0, y=0))
    replay = rrweb_py.load(events)
    a = activity(replay)
    assert a.clicks == 10 and a.navigations == 2
    assert (a.gaps[0].start_ms, a.gaps[0].end_ms) == (5_000, 30_000)
    assert [p.url for p in a.pages] == ["https://a.test/", "https://a.test/b"]
    assert a.pages[0].duration_ms == 40_000 and a.pages[0].active_ms == 5_000
    assert [s.reason for s in a.segments] == ["idle", "max-duration", "end"]
    assert a.segments[0].end_ms == 40_001
    assert a.segments[1].start_ms == 20 * minute and a.segments[1].end_ms == 80 * minute
    assert a.active_ms + sum(g.duration_ms for g in a.gaps) == a.duration_ms


def test_activity_on_real_recordings():
    """chalk-prod: 6,201 s with 158 s active over 10 gaps; two Sentry-style segments."""
    a = activity(rrweb_py.load(corpus_or_skip() / "real" / "chalk-prod-30497eae" / "events.json"))
    assert round(a.duration_ms) == 6_201_164 and round(a.active_ms) == 158_088 and len(a.gaps) == 10
    assert [(s.reason, s.events) for s in a.segments] == [("idle", 340), ("end", 697)]
    dev = activity(rrweb_py.load(corpus_or_skip() / "real" / "chalk-dev-6c720608" / "events.json"))
    assert dev.duration_ms > 13 * 3_600_000 and dev.active_ms < 60_000


def test_timeline_real_form():
    """rrweb-form: typing, radio, checkbox, select and password (masked) in order."""
    replay = rrweb_py.load(corpus_or_skip() / "live" / "rrweb-form" / "events.json")
    inputs = [e.summary for e in timeline(replay, kinds=["input"])]
    assert inputs[:3] == ['type "hello world" in input[text]', 'check input[radio] "toggle"', "check input[checkbox]"]
    assert 'type "******" in input[password]' in inputs
    assert 'select "2" in select' in inputs


_CONTAINERS = __import__("pathlib").Path(__file__).parent.parent / "data" / "containers"
_REPLAY_ID = "90e0ee9762254b5f86e90f057ac3b951"


def _error_envelope(event_id, seconds, message, replay_id=None):
    import json

    body = {"event_id": event_id, "timestamp": seconds, "level": "error", "platform": "javascript",
            "exception": {"values": [{"type": "TypeError", "value": message}]},
            "request": {"url": "http://127.0.0.1:33297/"}}
    if replay_id:
        body["contexts"] = {"replay": {"replay_id": replay_id}}
    payload = json.dumps(body).encode()
    return b"\n".join([json.dumps({"event_id": event_id, "sent_at": "2026-11-28T04:31:26Z"}).encode(),
                       json.dumps({"type": "event", "length": len(payload)}).encode(), payload, b""])


def _sentry_with_errors():
    parts = [p.read_bytes() for p in sorted((_CONTAINERS / "sentry-raw").iterdir())]
    # the first replay_event lists the second error; the first one names the replay in its contexts
    parts[0] = parts[0].replace(b'"error_ids":[]', b'"error_ids":["' + b"b" * 32 + b'"]', 1)
    return [*parts,
            _error_envelope("a" * 32, 1795840285.653, "cart.items is undefined", _REPLAY_ID),
            _error_envelope("b" * 32, 1795840297.0, "checkout failed"),
            _error_envelope("c" * 32, 1795840290.0, "another replay's error", "f" * 32)]


def test_sentry_errors_sent_with_the_replay_are_on_the_timeline():
    """An error event of the envelope stream, linked by contexts.replay.replay_id or by the replay_event's
    error_ids, is an `error` entry at its time; an error of another replay is not."""
    replay = rrweb_py.load(_sentry_with_errors())
    errors = timeline(replay, kinds=["error"])
    assert [(round(e.offset_ms), e.summary, e.source) for e in errors] == [
        (2274, "error TypeError: cart.items is undefined", "sentry.event"),
        (13621, "error TypeError: checkout failed", "sentry.event")]
    assert '[00:02.274] error "TypeError: cart.items is undefined"' in replay.transcript()


def test_sentry_errors_make_error_clicks():
    """The dead button's first click is followed 100 ms later by the thrown error: an error click."""
    replay = rrweb_py.load(_sentry_with_errors())
    found = [s for s in replay.signals("sentry") if s.kind == "error"]
    assert any(s.selector == "button#dead" and s.time_after_ms == 100 for s in found)
    assert not [s for s in rrweb_py.load(_CONTAINERS / "sentry-raw").signals("sentry") if s.kind == "error"]


def test_summaries_do_not_repeat_the_category():
    """A Sentry span whose description starts with its op (or is its op) is not named twice."""
    replay = rrweb_py.load(_CONTAINERS / "sentry-raw")
    summaries = [e.summary for e in timeline(replay, kinds=["custom"])]
    assert "navigation.navigate http://127.0.0.1:33297/" in summaries and "memory" in summaries
    assert not [s for s in summaries if s.split()[:1] * 2 == s.split()[:2]]


def test_front_tab_over_time():
    """A recording of two windows: the timeline says which window was in front, and when that changed."""
    replay = rrweb_py.load(_CONTAINERS / "posthog-2tabs.jsonl")
    first, second = replay.windows
    tabs = [(e.offset_ms, e.value, e.summary) for e in timeline(replay, kinds=["tab"])]
    assert tabs == [(0, first, f"front window {first} (this window)"), (7147, second, f"switch to window {second}"),
                    (10727, first, f"switch to window {first} (this window)")]
    assert f"[00:07.147] switch to window {second}" in replay.transcript()
    assert timeline(rrweb_py.load(_CONTAINERS / "sentry-raw"), kinds=["tab"]) == []
