"""Clips: a synthesised Meta + FullSnapshot at the start, then the original events; frames agree."""

from __future__ import annotations

import json

import pytest

import rrweb_py
from rrweb_py.analysis import clip
from rrweb_py.errors import InvalidArgument
from tests.builders import el, inc, meta, mutation, page, snapshot, text
from tests.conftest import corpus_or_skip

CASES = ["live/rrweb-form", "live/rrweb-shadow-dom", "live/pydoc-css-dynamic", "live/rrweb-masking",
         "live/rrweb-select2", "live/rrweb-dialog", "live/rrweb-shuffle", "fixture/iframe", "fixture/selection",
         "fixture/adopted-style-sheet-modification", "real/chalk-ci-25131bfa", "real/rrweb-player-demoit",
         "real/posthog-2windows-w0"]


def _same(a, b):
    import sys

    from tests.conftest import SHARED

    if not (SHARED / "conformance" / "compare.py").is_file():
        pytest.skip(f"the shared comparator is not at {SHARED / 'conformance'} (set RRWEB_PY_SHARED to its parent)")
    sys.path.insert(0, str(SHARED / "conformance"))
    import compare

    res = compare.compare([{"timestamp": 0, "node": a.to_rrweb()}], [{"timestamp": 0, "node": b.to_rrweb()}])
    return res["total"]["probes_exact"] == 1 and tuple(a.scroll) == tuple(b.scroll) and tuple(
        a.viewport) == tuple(b.viewport)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("frac", [0.0, 0.4, 0.75])
def test_clip_frames_equal_the_original(case, frac):
    """Loaded back, a clip shows at every later event time the page the original shows."""
    replay = rrweb_py.load(corpus_or_skip() / case / "events.json")
    start = replay.duration_ms * frac
    events = clip(replay, start)
    assert [e["type"] for e in events[:2]] == [4, 2]
    assert events[0]["timestamp"] == events[1]["timestamp"] >= replay.start_timestamp + start
    back = rrweb_py.load(json.loads(json.dumps(events)))
    stamps = sorted({e["timestamp"] for e in events})
    for t in stamps[:: max(1, len(stamps) // 8)] + stamps[-1:]:
        assert _same(replay.at_timestamp(t), back.at_timestamp(t)), t


def test_clip_window_and_arguments():
    """Events after the end are left out; bad ranges are refused; a start before the first page moves to it."""
    doc = page(el(10, "p", {}, text(11, "a")))
    replay = rrweb_py.load([meta(0), snapshot(doc, t=5), mutation(10, texts=[{"id": 11, "value": "b"}]),
                            mutation(20, texts=[{"id": 11, "value": "c"}]), inc(30, 3, id=1, x=0, y=9)])
    events = clip(replay, 12, 25)
    assert len(events) == 3 and events[2]["data"]["texts"][0]["value"] == "c"
    assert events[1]["data"]["node"]["childNodes"][1]["childNodes"][1]["childNodes"][0]["childNodes"][0][
        "textContent"] == "b"
    assert clip(replay, 0, 30)[0]["timestamp"] == replay.start_timestamp + 5
    with pytest.raises(InvalidArgument):
        clip(replay, 20, 10)
    with pytest.raises(InvalidArgument):
        clip(replay, "soon")


def test_clip_carries_user_form_state():
    """A checkbox the user unchecked (its attribute still says checked) and a typed value survive the cut."""
    doc = page(el(10, "input", {"type": "checkbox", "checked": ""}), el(11, "input", {"type": "text", "value": "x"}))
    replay = rrweb_py.load([meta(0), snapshot(doc), inc(10, 5, id=10, text="on", isChecked=False),
                            inc(20, 5, id=11, text="typed", isChecked=False),
                            mutation(30, attributes=[{"id": 11, "attributes": {"value": "attr"}}])])
    events = clip(replay, 25)
    back = rrweb_py.load(events, on_anomaly="raise")
    assert _same(replay.at(30), back.at(back.duration_ms))
    assert back.at(back.duration_ms).form_values() == {10: False, 11: "typed"}
