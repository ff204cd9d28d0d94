"""Memory contracts of big inputs: events on disk are not held in memory, checkpoints stay under their budget."""

from __future__ import annotations

import gc
import random
import tracemalloc
from pathlib import Path

import orjson

import rrweb_py
from rrweb_py._formats import transport
from rrweb_py._store import EventStore
from tests.builders import T0, add, el, meta, mutation, page, snapshot


def _write_recording(path: Path, events: int) -> int:
    """A JSON Lines recording of mouse moves, text changes and adds; returns its size in bytes."""
    rng = random.Random(3)
    with path.open("wb") as f:
        f.write(orjson.dumps(meta(0)) + b"\n")
        f.write(orjson.dumps(snapshot(page(el(10, "ul", {}, *(el(100 + i, "li") for i in range(200)))), 1)) + b"\n")
        for i in range(events):
            t = 10 + i
            if i % 3 == 0:
                ev = mutation(t, adds=[add(10, el(10_000 + i, "li", {"class": f"row r{i}"}))])
            elif i % 3 == 1:
                ev = {"type": 3, "timestamp": T0 + t, "data": {"source": 1, "positions": [
                    {"x": rng.randrange(1000), "y": rng.randrange(800), "id": 100, "timeOffset": -k}
                    for k in range(3)]}}
            else:
                ev = mutation(t, attributes=[{"id": 100 + i % 200, "attributes": {"title": "x" * 40}}])
            f.write(orjson.dumps(ev) + b"\n")
    return path.stat().st_size


def test_events_on_disk_are_not_held_in_memory(tmp_path, monkeypatch):
    """Loading with store="disk" retains a small fraction of the text (dicts would be ~6x it), and never peaks
    near it: a big file is read line by line and each block is written out as it fills."""
    monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 1024**2)  # files above this count as big (64 MiB)
    path = tmp_path / "big.jsonl"
    size = _write_recording(path, 60_000)
    gc.collect()
    tracemalloc.start()
    try:
        replay = rrweb_py.load(path, store="disk")
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(replay.events, EventStore) and len(replay) == 60_002
    assert current < size * 0.15, (current, size)  # the index: 8 bytes an event, ~4% here
    assert peak < size * 0.5, (peak, size)
    in_memory = rrweb_py.load(path, store="memory")
    assert list(replay.events) == list(in_memory.events)


def test_checkpoints_stay_under_their_budget(tmp_path):
    """However long the recording, the checkpoints' estimated memory stays under checkpoint_memory (measured by
    checkpoint_stats, which counts every node map and every node once)."""
    path = tmp_path / "big.jsonl"
    _write_recording(path, 30_000)
    budget = 8 * 1024**2
    replay = rrweb_py.load(path, store="disk", checkpoint_every=100, checkpoint_memory=budget)
    replay.at(replay.duration_ms)
    unbounded = rrweb_py.load(path, store="disk", checkpoint_every=100)
    unbounded.at(unbounded.duration_ms)
    assert unbounded.checkpoint_stats()["bytes"] > 2 * budget
    stats = replay.checkpoint_stats()
    assert stats["bytes"] <= budget, stats
    assert stats["count"] >= 4
    for offset in (0, replay.duration_ms / 3, replay.duration_ms * 0.77, replay.duration_ms):
        assert replay.at(offset).to_rrweb() == unbounded.at(offset).to_rrweb()
