"""pytest-benchmark cases: decode, load, rebuild, apply, cold and warm seeks, export and select.

Run: python3 -m pytest benchmarks --benchmark-only [--benchmark-save=NAME | --benchmark-compare]
(benchmarks/ratios.py prints the side-by-side ratios the project quotes.)
"""

from __future__ import annotations

import random

import pytest

import rrweb_py

from .inputs import available, floor

INPUTS = available()
pytestmark = pytest.mark.skipif(not INPUTS, reason="../shared/corpus is absent")
NAMES = [n for n in ("long-churn", "append-70x70x70", "append-1000-reverse", "chalk-prod") if n in INPUTS]


def _bytes(name: str) -> bytes:
    return INPUTS[name].read_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_floor_orjson(benchmark, name):
    """The floor: gunzip + orjson.loads of the same bytes (GC paused, as load does)."""
    raw = _bytes(name)
    benchmark.pedantic(floor, args=(raw,), rounds=3, iterations=1)


@pytest.mark.parametrize("store", ["memory", "disk"])
@pytest.mark.parametrize("name", NAMES)
def test_load(benchmark, name, store):
    """rrweb_py.load of the bytes (decode + validate + sort), events kept in memory or on disk."""
    raw = _bytes(name)
    benchmark.pedantic(rrweb_py.load, args=(raw,), kwargs={"store": store}, rounds=3, iterations=1)


@pytest.mark.parametrize("name", NAMES)
def test_cold_frame_at_end(benchmark, name):
    """Bytes to a frame at the end that can answer queries (load + at(duration))."""
    raw = _bytes(name)

    def run():
        replay = rrweb_py.load(raw)
        return replay.at(replay.duration_ms)

    benchmark.pedantic(run, rounds=3, iterations=1)


@pytest.mark.parametrize("store", ["memory", "disk"])
@pytest.mark.parametrize("name", NAMES)
def test_warm_random_seek(benchmark, name, store):
    """A random seek on a replay whose checkpoints exist, events kept in memory or on disk."""
    replay = rrweb_py.load(_bytes(name), store=store)
    replay.at(replay.duration_ms)
    rnd = random.Random(7)
    benchmark(lambda: replay.at(rnd.uniform(0, replay.duration_ms)))


@pytest.mark.parametrize("name", NAMES)
def test_export(benchmark, name):
    """to_rrweb() and to_html() of the last frame."""
    replay = rrweb_py.load(_bytes(name))
    frame = replay.at(replay.duration_ms)
    benchmark(lambda: (frame.to_rrweb(), frame.to_html()))


@pytest.mark.parametrize("name", NAMES)
def test_select(benchmark, name):
    """select() on a fresh frame (lxml tree built once, selector cached)."""
    replay = rrweb_py.load(_bytes(name))

    def run():
        frame = replay.at(replay.duration_ms)
        return frame.select("div > span, li, a[href]")

    benchmark(run)
