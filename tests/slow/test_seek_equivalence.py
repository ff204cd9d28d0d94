"""Seeking anywhere in any order gives exactly the state of a linear replay to the same moment."""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rrweb_py
from tests.conftest import CORPUS
from tests.slow.test_page_jump import walked

CASES = ["live/rrweb-shuffle", "live/rrweb-form", "live/rrweb-style", "live/rrweb-masking", "live/rrweb-move-node",
         "fixture/iframe", "fixture/shadow-dom", "fixture/style-sheet-rule-events", "real/rrweb-player-demoit"]


@functools.cache
def _events(case: str, store: str = "memory"):
    folder = CORPUS / case
    path = folder / "events.json" if (folder / "events.json").exists() else folder / "events.json.gz"
    return rrweb_py.load(path, store=store).events


def _linear(events, count):
    """The state after the first ``count`` events, folded one by one from scratch (no checkpoint, no page
    skipped)."""
    return walked(rrweb_py.Replay(events, checkpoint_every=10**9, checkpoint_work=10**9), count)


def _signature(replay, frame):
    return (frame.to_rrweb(), frame.scroll, frame.viewport, frame.href, frame.pointer)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is absent")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.sampled_from(CASES), data=st.data())
def test_random_seeks_equal_linear_replay(case, data):
    """After any sequence of seeks (back, forth, repeated), at(t) equals a linear replay to t, with the events in
    memory or on disk, and however the checkpoint memory budget thins the checkpoints."""
    events = _events(case)
    stored = _events(case, data.draw(st.sampled_from(["memory", "disk"]), label="store"))
    every = data.draw(st.integers(1, 40), label="checkpoint_every")
    budget = data.draw(st.sampled_from([1, 30_000, 300_000, 1024**3]), label="checkpoint_memory")
    replay = rrweb_py.Replay(stored, checkpoint_every=every, checkpoint_work=every * 3, checkpoint_memory=budget)
    offsets = data.draw(st.lists(st.integers(0, int(replay.duration_ms) + 10), min_size=1, max_size=8),
                        label="seeks")
    for offset in offsets:
        frame = replay.at(offset)
        count = sum(1 for e in events if e["timestamp"] <= replay.start_timestamp + offset)
        expected = rrweb_py._read.frame.Frame(_linear(events, count), replay.start_timestamp + offset, replay)
        assert _signature(replay, frame) == _signature(replay, expected), f"seek to {offset} in {offsets}"
