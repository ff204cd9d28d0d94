"""Frustration signals: each preset's definition on hand-built streams, and real answers."""

from __future__ import annotations

import pytest

import rrweb_py
from rrweb_py.analysis import PRESETS, find_signals
from rrweb_py.errors import InvalidArgument
from tests.builders import T0, add, el, inc, meta, mutation, page, snapshot, text


def _page():
    return page(el(10, "button", {"id": "b"}, text(11, "Buy")), el(12, "div", {"id": "d"}, text(13, "box")),
                el(14, "input", {"type": "text"}), el(15, "a", {"href": "/x", "target": "_blank"}, text(16, "out")))


def _click(t, nid=10, x=100, y=100, kind=2):
    return inc(t, 2, type=kind, id=nid, x=x, y=y)


def _load(*events):
    return rrweb_py.load([meta(), snapshot(_page()), *events], on_anomaly="raise")


def _kinds(replay, preset):
    return [(s.kind, s.click_count) for s in find_signals(replay, preset)]


def test_sentry_dead_slow_and_answered():
    """Sentry: no change within 7 s is dead; a change after 3 s but within 7 s is slow; within 3 s is fine."""
    assert _kinds(_load(_click(10)), "sentry") == [("dead", 1)]
    slow = _load(_click(10), mutation(4010, adds=[add(5, el(20, "p"))]))
    assert _kinds(slow, "sentry") == [("slow", 1)]
    assert find_signals(slow, "sentry")[0].time_after_ms == 4000
    assert _kinds(_load(_click(10), mutation(2000, adds=[add(5, el(20, "p"))])), "sentry") == []
    assert _kinds(_load(_click(10), inc(200, 3, id=1, x=0, y=50)), "sentry") == []  # scrolled within 300 ms


def test_sentry_targets_only_buttons_links_and_submit_inputs():
    """Sentry ignores a div, a text input and a link opening a new window."""
    assert _kinds(_load(_click(10, nid=13), _click(20, nid=14), _click(30, nid=16)), "sentry") == []


def test_sentry_rage_code_versus_docs():
    """Four clicks on a dead button: rage for the docs (3), only dead for the code (5); five: rage for both."""
    four = _load(*[_click(10 + 200 * k) for k in range(4)])
    assert _kinds(four, "sentry") == [("dead", 4)]
    assert _kinds(four, "sentry-docs") == [("rage", 4)]
    five = _load(*[_click(10 + 200 * k) for k in range(5)])
    assert _kinds(five, "sentry") == [("rage", 5)]


def test_sentry_multi_click_when_answered():
    """Repeated clicks on a button that answers are a multi click, not rage."""
    replay = _load(_click(10), _click(100), mutation(150, adds=[add(5, el(20, "p"))]))
    assert _kinds(replay, "sentry") == [("multi", 2)]


def test_highlight_window_radius_and_count():
    """Highlight: 5 clicks within 5 s within 8 px; the code's reading needs 6."""
    five = _load(*[_click(10 + 900 * k, x=100 + k, y=100) for k in range(5)])
    assert _kinds(five, "highlight") == [("rage", 5)]
    assert _kinds(five, "highlight-code") == []
    spread = _load(*[_click(10 + 900 * k, x=100 + 20 * k, y=100) for k in range(5)])
    assert _kinds(spread, "highlight") == []


def test_clarity_burst_dead_and_error():
    """oss-clarity: 3 clicks in 1 s each within 30 px; dead after 1.5 s without reaction; an error click is not
    also dead."""
    burst = _load(_click(10, x=0), _click(300, x=20), _click(600, x=40), mutation(700, adds=[add(5, el(20, "p"))]))
    assert ("rage", 3) in _kinds(burst, "clarity")
    dead = _load(_click(10, nid=12))
    assert _kinds(dead, "clarity") == [("dead", 1)]
    assert _kinds(_load(_click(10, nid=14)), "clarity") == []  # a form control needs no answer
    error = {"type": 6, "timestamp": T0 + 500, "data": {"plugin": "rrweb/console@1", "payload": {
        "level": "error", "payload": ['"boom"'], "trace": []}}}
    errored = _load(_click(10, nid=12), error)
    assert _kinds(errored, "clarity") == [("error", 1)]
    assert "boom" in find_signals(errored, "clarity")[0].detail


def test_posthog_chain_is_manhattan_and_strict():
    """posthog-js: consecutive clicks under 30 px (Manhattan) and under 1 s apart."""
    chain = _load(_click(10, x=0, y=0), _click(500, x=10, y=10), _click(900, x=20, y=20))
    assert ("rage", 3) in _kinds(chain, "posthog")
    far = _load(_click(10, x=0, y=0), _click(500, x=16, y=16), _click(900, x=32, y=32))
    assert all(k != "rage" for k, _ in _kinds(far, "posthog"))


def test_error_click_from_a_sentry_breadcrumb():
    """A Sentry console error breadcrumb within 1 s of a click makes it an error click."""
    crumb = {"type": 5, "timestamp": T0 + 400, "data": {"tag": "breadcrumb", "payload": {
        "timestamp": (T0 + 400) / 1000, "type": "default", "category": "console", "level": "error",
        "message": "Payment failed"}}}
    replay = _load(_click(10), mutation(100, adds=[add(5, el(20, "p"))]), crumb)
    (sig,) = [s for s in find_signals(replay, "sentry") if s.kind == "error"]
    assert sig.time_after_ms == 390 and "Payment failed" in sig.detail


def test_thresholds_are_configurable():
    """Any threshold of a preset can be changed, and unknown settings are refused."""
    rules = PRESETS["sentry"].replace(rage_min_clicks=2, dead_timeout_ms=5000)
    assert rules.rage.min_clicks == 2 and rules.dead.timeout_ms == 5000
    assert _kinds(_load(_click(10), _click(200)), rules) == [("rage", 2)]
    with pytest.raises(InvalidArgument):
        PRESETS["sentry"].replace(rage_nope=1)
    with pytest.raises(InvalidArgument):
        PRESETS["highlight"].replace(dead_timeout_ms=1)
    with pytest.raises(InvalidArgument):
        find_signals(_load(_click(10)), "nope")


def test_real_posthog_recording_signals():
    """posthog-2windows-w0: 'Capture event' clicked 4 times in 0.5 s without a DOM change."""
    from tests.conftest import corpus_or_skip

    replay = rrweb_py.load(corpus_or_skip() / "real" / "posthog-2windows-w0" / "events.json")
    sentry = find_signals(replay, "sentry")
    assert [(s.kind, s.click_count, s.label) for s in sentry] == [("dead", 4, 'button "Capture event"')]
    assert [(s.kind, s.click_count) for s in find_signals(replay, "highlight")] == [("rage", 5)]
    assert ("rage", 4) in [(s.kind, s.click_count) for s in find_signals(replay, "posthog")]
