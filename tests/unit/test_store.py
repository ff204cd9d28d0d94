"""The on-disk event store: same events, same order, same errors and the same replay as events kept in memory."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import rrweb_py
from rrweb_py import _store as store
from rrweb_py._formats import transport
from rrweb_py._store import EventStore
from rrweb_py.errors import DecodeError, InvalidArgument
from tests.builders import T0, add, el, meta, mutation, page, snapshot
from tests.conftest import CORPUS, corpus_or_skip

DATA = Path(__file__).resolve().parents[1] / "data" / "containers"


@pytest.fixture(autouse=True)
def _small_blocks(monkeypatch):
    """Blocks of 5 events and 250 bytes of text (split in smaller blocks of 2 to 3 events of ~70 bytes, 1 of a
    big one), so that every test crosses block boundaries of varying sizes."""
    monkeypatch.setattr(store, "BLOCK_EVENTS", 5)
    monkeypatch.setattr(store, "BLOCK_TEXT_BYTES", 250)
    monkeypatch.setattr(store, "CACHED_BLOCKS", 2)


def ev(i: int, ts: float) -> dict:
    return {"type": 3, "timestamp": ts, "data": {"source": 1, "positions": [], "n": i}}


# ------------------------------------------------------------------------------------------ the store itself


def test_reads_by_index_slice_and_iteration():
    events = [ev(i, T0 + i) for i in range(23)]
    s = EventStore(events).finish()
    assert len(s) == 23
    assert list(s) == events
    assert s[0] == events[0] and s[-1] == events[-1] and s[12] == events[12]
    assert s[3:9] == events[3:9] and s[::7] == events[::7]
    assert list(s.timestamps) == [e["timestamp"] for e in events]
    with pytest.raises(IndexError):
        s[23]
    assert s.stored_bytes > 0 and "23 events" in repr(s)


def test_finish_orders_by_timestamp_stably():
    stamps = [5, 1, 5, 3, 1, 9, 0, 5, 2, 2, 7, 1]
    events = [ev(i, T0 + t) for i, t in enumerate(stamps)]
    s = EventStore(events).finish()
    assert list(s) == sorted(events, key=lambda e: e["timestamp"])
    assert [s[i]["data"]["n"] for i in range(len(s))] == [e["data"]["n"] for e in sorted(events,
                                                                                          key=lambda e: e["timestamp"])]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.booleans()), max_size=60))
def test_store_order_is_the_stable_timestamp_order(items):
    """Any input order gives the same sequence as the in-memory sort, read forwards, backwards or by slices."""
    events = [ev(i, T0 + t + (0.5 if half else 0)) for i, (t, half) in enumerate(items)]
    expect = sorted(events, key=lambda e: e["timestamp"])
    s = EventStore(events).finish()
    assert list(s) == expect
    assert [s[i] for i in reversed(range(len(s)))] == expect[::-1]
    assert s[1:-1:3] == expect[1:-1:3]


def test_lone_surrogates_survive_the_round_trip():
    """Text the standard library had to decode (a string cut inside an emoji) is stored and read back."""
    raw = b'[{"type":4,"timestamp":1,"data":{"href":"x\\ud83d","width":1,"height":1}}]'
    events = json.loads(raw)
    s = EventStore(events).finish()
    assert list(s) == events


def test_values_orjson_cannot_write_survive_the_round_trip():
    """A huge integer next to a lone surrogate (both only the standard library decodes) is kept as decoded."""
    raw = b'[{"type":5,"timestamp":1,"data":{"tag":"x\\ud83d","payload":{"n":123456789012345678901234567890}}}]'
    events = json.loads(raw)
    assert list(EventStore(events).finish()) == events
    replay = rrweb_py.load(raw, store="disk")
    assert list(replay.events) == events


def test_first_envelope_error_is_raised_at_finish_with_its_index():
    s = EventStore([ev(0, T0), ev(1, T0 + 1), {"type": "3", "timestamp": T0}, {"type": 3}])
    with pytest.raises(DecodeError) as exc:
        s.finish()
    assert exc.value.path == "$[2].type"
    merged = EventStore([ev(i, T0 + i) for i in range(7)])
    merged.extend(EventStore([ev(0, T0), {"type": 3, "timestamp": float("nan")}]))
    with pytest.raises(DecodeError) as exc:
        merged.finish()
    assert exc.value.path == "$[8].timestamp"


def test_a_finished_store_is_read_only_and_a_replay_finishes_one():
    s = EventStore([ev(1, T0 + 5), meta(0)])
    replay = rrweb_py.Replay(s)
    assert [e["type"] for e in replay.events] == [4, 3]
    with pytest.raises(ValueError, match="read-only"):
        s.append(ev(2, T0 + 9))


def test_equality_compares_events():
    a = EventStore([ev(i, T0 + i) for i in range(12)])
    assert a == EventStore([ev(i, T0 + i) for i in range(12)])
    assert a != EventStore([ev(i, T0 + i) for i in range(11)])
    assert a != [ev(i, T0 + i) for i in range(12)]


# ------------------------------------------------------------------------------------------ through load()


def _fixture_files() -> list[Path]:
    files = [p for p in DATA.rglob("*") if p.is_file() and p.name not in ("manifest.json", "posthog-requests.json")
             and p.suffix != ".snappy"]
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("real/*/events.json"))
    return files


@pytest.mark.parametrize("streamed", [False, True])
def test_every_fixture_loads_the_same_on_disk(monkeypatch, tmp_path, streamed):
    """Every container decodes to the same windows of events whether they are kept in memory or on disk."""
    if streamed:
        monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
    for path in _fixture_files():
        memory = rrweb_py.load(path, store="memory")
        disk = rrweb_py.load(path, store="disk")
        assert set(disk.windows) == set(memory.windows), path
        for wid, replay in memory.windows.items():
            assert isinstance(disk.windows[wid].events, EventStore)
            assert list(disk.windows[wid].events) == list(replay.events), (path, wid)
        assert disk.front_tab == memory.front_tab
        assert [a.kind for a in disk.anomalies] == [a.kind for a in memory.anomalies]


def test_sentry_parts_stitched_on_disk():
    parts = sorted((DATA / "sentry-segments-zlib").iterdir(), reverse=True)
    memory = rrweb_py.load(parts, store="memory")
    disk = rrweb_py.load(parts, store="disk")
    assert list(disk.events) == list(memory.events)


def test_bad_event_reported_the_same_in_both_modes(tmp_path):
    events = [meta(0), snapshot(page(), 1), *(mutation(10 + i) for i in range(9)), {"type": 3, "timestamp": "x"}]
    raw = orjson.dumps(events)
    errors = []
    for mode in ("memory", "disk"):
        with pytest.raises(DecodeError) as exc:
            rrweb_py.load(raw, store=mode)
        errors.append((exc.value.reason, exc.value.path))
    assert errors[0] == errors[1] == (errors[0][0], "$[11].timestamp")


def test_auto_moves_big_windows_to_disk(monkeypatch, tmp_path):
    monkeypatch.setattr(transport, "SPILL_ABOVE_BYTES", 1000)
    small = [meta(0), snapshot(page(), 1)]
    big = small + [mutation(10 + i, texts=[{"id": 5, "value": f"t{i}"}]) for i in range(30)]
    assert type(rrweb_py.load(orjson.dumps(small)).events) is tuple
    path = tmp_path / "big.json.gz"
    path.write_bytes(gzip.compress(orjson.dumps(big)))
    replay = rrweb_py.load(path)
    assert isinstance(replay.events, EventStore)
    assert list(replay.events) == big
    assert type(rrweb_py.load(big, store="disk").events) is tuple  # Python objects stay as given


@pytest.mark.parametrize(("name", "threshold"), [("posthog-2tabs.jsonl", 2000), ("sentry-segments-zlib", 15_000)])
def test_auto_counts_the_text_of_every_part_and_window(monkeypatch, name, threshold):
    """The threshold is on the text decoded in all: windows of a multi-tab file and the parts of a directory move
    to disk once the total passes it, and still equal the events kept in memory."""
    source = DATA / name
    memory = rrweb_py.load(source, store="memory")
    monkeypatch.setattr(transport, "SPILL_ABOVE_BYTES", threshold)  # sentry: parts of 12.8k, 3.7k and 2.0k text
    auto = rrweb_py.load(source)
    assert {type(r.events) for r in auto.windows.values()} == {EventStore}
    for wid, replay in memory.windows.items():
        assert list(auto.windows[wid].events) == list(replay.events)


def test_store_argument_is_checked():
    with pytest.raises(InvalidArgument, match="store must be one of"):
        rrweb_py.load(b"[]", store="tape")


def _equal_replays(a: rrweb_py.Replay, b: rrweb_py.Replay, points: int = 12) -> None:
    assert len(a) == len(b)
    assert (a.start_timestamp, a.end_timestamp) == (b.start_timestamp, b.end_timestamp)
    for k in range(points + 1):
        offset = a.duration_ms * k / points
        assert a.at(offset).to_rrweb() == b.at(offset).to_rrweb(), offset
    assert [(x.kind, x.event_index, x.node_id) for x in a.anomalies] == [
        (x.kind, x.event_index, x.node_id) for x in b.anomalies]


@pytest.mark.parametrize("name", ["rrweb-player-demoit", "chalk-prod-30497eae", "posthog-2windows-w0"])
def test_real_recordings_replay_the_same_from_disk(name):
    path = corpus_or_skip() / "real" / name / "events.json"
    memory = rrweb_py.load(path, store="memory")
    disk = rrweb_py.load(path, store="disk")
    _equal_replays(disk, memory)
    assert disk.clicks() == memory.clicks()
    assert disk.clip(0, 500) == memory.clip(0, 500)
    assert disk.activity() == memory.activity()
    assert disk.transcript() == memory.transcript()
    assert list(disk.timestamps) == list(memory.timestamps)


# ------------------------------------------------------------------------------------------ checkpoint memory


def _churn(n: int) -> list[dict]:
    kids = [el(100 + i, "li") for i in range(40)]
    events = [meta(0), snapshot(page(el(10, "ul", *kids)), 1)]
    for i in range(n):
        events.append(mutation(10 + i, adds=[add(10, el(1000 + i, "li"))],
                               removes=[{"parentId": 10, "id": 1000 + i - 3}] if i >= 3 else []))
    return events


def test_checkpoint_memory_bounds_the_checkpoints():
    events = _churn(600)
    free = rrweb_py.load(events, checkpoint_every=10)
    tight = rrweb_py.load(events, checkpoint_every=10, checkpoint_memory=20_000)
    free.at(free.duration_ms)
    tight.at(tight.duration_ms)
    assert free.checkpoint_count() > 50
    assert tight.checkpoint_count() < free.checkpoint_count() / 2
    assert sum(tight._checkpoint_bytes) <= 20_000 or tight.checkpoint_count() <= 3
    _equal_replays(tight, free, points=25)
    with pytest.raises(InvalidArgument, match="checkpoint_memory"):
        rrweb_py.load(events, checkpoint_memory=0)


# ------------------------------------------------------------------------------------------ no room on disk


def _no_tempfile(*args, **kwargs):
    raise PermissionError(13, "Permission denied")


def test_no_temporary_file_is_a_store_error_or_a_warning(monkeypatch):
    monkeypatch.setattr(store.tempfile, "TemporaryFile", _no_tempfile)
    monkeypatch.setattr(transport, "SPILL_ABOVE_BYTES", 1000)
    events = [meta(0), snapshot(page(), 1), *(mutation(10 + i) for i in range(30))]
    raw = orjson.dumps(events)
    with pytest.raises(rrweb_py.StoreError, match="temporary file"):
        rrweb_py.load(raw, store="disk")
    with pytest.warns(RuntimeWarning, match="stay in memory"):
        replay = rrweb_py.load(raw)  # auto: kept in memory instead
    assert type(replay.events) is tuple and list(replay.events) == events
    assert replay.source_info.meta["store"].startswith("memory: cannot make a temporary file")


class _FullDisk:
    def __init__(self, *args, **kwargs):
        pass

    def seek(self, pos):
        return pos

    def write(self, data):
        raise OSError(28, "No space left on device")

    def close(self):
        pass


def test_full_disk_and_closed_store_are_store_errors(monkeypatch):
    s = EventStore([ev(i, T0 + i) for i in range(12)]).finish()
    s.close()
    with pytest.raises(rrweb_py.StoreError, match="read the events back"):
        s[0]
    monkeypatch.setattr(store.tempfile, "TemporaryFile", _FullDisk)
    with pytest.raises(rrweb_py.StoreError, match="No space left"):
        EventStore([ev(i, T0 + i) for i in range(12)])


@pytest.mark.parametrize("form", ["file", "gzip", "bytes"])
def test_a_big_input_goes_to_disk_from_its_first_event(monkeypatch, tmp_path, form):
    """A file (or inflated text, or bytes) above the streaming size is known to be big before it is decoded: its
    events never collect in memory first."""
    monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 5000)
    monkeypatch.setattr(transport, "SPILL_ABOVE_BYTES", 5000)
    events = [meta(0), snapshot(page(), 1), *(mutation(10 + i, texts=[{"id": 5, "value": "x" * 50}])
                                            for i in range(200))]
    raw = b"\n".join(orjson.dumps(e) for e in events)
    made = []
    real = transport.EventStore

    def spy(*args):
        made.append(list(args[0]) if args else [])
        return real(*args)

    monkeypatch.setattr(transport, "EventStore", spy)
    source = {"file": tmp_path / "r.jsonl", "gzip": tmp_path / "r.jsonl.gz", "bytes": raw}[form]
    if form == "file":
        source.write_bytes(raw)
    elif form == "gzip":
        source.write_bytes(gzip.compress(raw))
    replay = rrweb_py.load(source)
    assert made == [[]]  # one store, begun empty: no events were held back in a list
    assert list(replay.events) == events


def _race(work, threads: int, switch: float) -> list[object]:
    """Run ``work(seed)`` in several threads at once with a tiny switch interval; returns what ``work`` reported
    wrong plus any exception a thread raised."""
    import sys
    import threading

    wrong: list[object] = []

    def run(seed: int) -> None:
        try:
            wrong.extend(work(seed))
        except Exception as exc:  # noqa: BLE001 - reported to the caller
            wrong.append(repr(exc))

    old = sys.getswitchinterval()
    sys.setswitchinterval(switch)
    try:
        started = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
        for t in started:
            t.start()
        for t in started:
            t.join()
    finally:
        sys.setswitchinterval(old)
    return wrong


def test_threads_reading_one_store_see_the_right_events():
    """Several threads reading random events of one store (blocks of 5, 2 cached) each get the event asked for."""
    events = [ev(i, T0 + i) for i in range(400)]
    s = EventStore(events).finish()

    def reader(seed: int) -> list[int]:
        rng = random.Random(seed)
        picks = [rng.randrange(len(events)) for _ in range(3000)]
        return [i for i in picks if s[i]["data"]["n"] != i]

    assert _race(reader, 4, 1e-6) == []


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_threads_seeking_one_replay_get_the_right_frames(mode):
    """Concurrent seeks on one replay (first walks taking and thinning checkpoints included) equal the frames of a
    replay seeked alone."""
    path = corpus_or_skip() / "real" / "rrweb-player-demoit" / "events.json"
    alone = rrweb_py.load(path, store="memory")
    offsets = [alone.duration_ms * k / 23 for k in range(24)]
    expect = {o: alone.at(o).to_rrweb() for o in offsets}
    shared = rrweb_py.load(path, store=mode, checkpoint_every=5, checkpoint_memory=200_000)

    def seeker(seed: int) -> list[float]:
        order = random.Random(seed).sample(offsets, len(offsets))
        return [o for o in order if shared.at(o).to_rrweb() != expect[o]]

    assert _race(seeker, 3, 1e-5) == []
    assert shared.checkpoint_count() >= 2


def test_close_removes_the_event_files_of_every_window():
    with rrweb_py.load(DATA / "posthog-2tabs.jsonl", store="disk") as replay:
        frame = replay.at(replay.duration_ms)
        stores = [r.events for r in replay.windows.values()]
        assert len(stores) == 2 and all(isinstance(s, EventStore) for s in stores)
    assert all(s._file.closed for s in stores)
    assert frame.to_rrweb()["type"] == 0  # frames made before stay usable
    with pytest.raises(rrweb_py.StoreError):
        replay.at(replay.duration_ms / 3)
    rrweb_py.load(DATA / "posthog-2tabs.jsonl").close()  # in memory: nothing to do


# ------------------------------------------------------------------------------------------ state machine


class StoreMachine(RuleBasedStateMachine):
    """Appends (valid and not), extends from other stores, finishing and reads, against a plain list model: the
    finished store reads as the stable timestamp sort of the valid events, and fails on the first invalid one
    with its index."""

    def __init__(self) -> None:
        super().__init__()
        self.store = EventStore()
        self.model: list[object] = []
        self.finished = False

    @precondition(lambda self: not self.finished)
    @rule(t=st.integers(0, 20), half=st.booleans())
    def append(self, t, half):
        e = ev(len(self.model), T0 + t + (0.5 if half else 0))
        self.store.append(e)
        self.model.append(e)

    @precondition(lambda self: not self.finished)
    @rule(bad=st.sampled_from([None, {"type": "3", "timestamp": T0}, {"type": 3, "timestamp": float("inf")}]))
    def append_invalid(self, bad):
        self.store.append(bad)
        self.model.append(bad)

    @precondition(lambda self: not self.finished)
    @rule(ts=st.lists(st.integers(0, 20), max_size=12))
    def extend_from_store(self, ts):
        events = [ev(len(self.model) + k, T0 + t) for k, t in enumerate(ts)]
        self.store.extend(EventStore(events))
        self.model.extend(events)

    @precondition(lambda self: not self.finished)
    @rule()
    def finish(self):
        self.finished = True
        bad = next((i for i, e in enumerate(self.model) if store.envelope_error(e) is not None), None)
        if bad is None:
            self.store.finish()
        else:
            with pytest.raises(DecodeError) as exc:
                self.store.finish()
            assert exc.value.path.startswith(f"$[{bad}]")
            self.store = EventStore(e for e in self.model if store.envelope_error(e) is None)
            self.model = [e for e in self.model if store.envelope_error(e) is None]
            self.store.finish()
        self.model.sort(key=lambda e: e["timestamp"])

    @precondition(lambda self: self.finished)
    @rule()
    def start_again(self):
        self.store.close()
        self.store, self.model, self.finished = EventStore(), [], False

    @precondition(lambda self: self.finished and self.model)
    @rule(data=st.data())
    def read(self, data):
        i = data.draw(st.integers(-len(self.model), len(self.model) - 1))
        assert self.store[i] == self.model[i]
        a, b = sorted(data.draw(st.tuples(st.integers(0, len(self.model)), st.integers(0, len(self.model)))))
        assert self.store[a:b] == self.model[a:b]
        assert list(self.store.span(a, b)) == self.model[a:b]

    @invariant()
    def same_length_once_finished(self):
        if self.finished:
            assert len(self.store) == len(self.model)
            assert list(self.store) == self.model


TestStoreMachine = StoreMachine.TestCase
TestStoreMachine.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)


def test_scattered_input_is_rewritten_in_order_and_runs_are_not(monkeypatch):
    """A shuffled input is written again in timestamp order (in several passes here); segments in the wrong
    order keep their bytes and are read through the permutation. Both read as the stable sort."""
    monkeypatch.setattr(store, "REWRITE_TEXT_BYTES", 2000)  # about 25 events a pass
    rng = random.Random(5)
    events = [ev(i, T0 + i // 2) for i in range(300)]
    shuffled = events[:]
    rng.shuffle(shuffled)
    s = EventStore(shuffled).finish()
    assert not s._order  # rewritten: storage order is timestamp order
    assert list(s) == sorted(shuffled, key=lambda e: e["timestamp"])
    assert [s[i] for i in range(len(s))] == list(s) and s[7:90:3] == list(s)[7:90:3]
    runs = events[200:] + events[100:200] + events[:100]
    r = EventStore(runs).finish()
    assert len(r._order) == 300  # a permutation over the bytes as written
    assert list(r) == sorted(runs, key=lambda e: e["timestamp"])


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_replays_pickle_for_other_processes(mode):
    import pickle

    replay = rrweb_py.load(DATA / "posthog-2tabs.jsonl", store=mode)
    replay.at(replay.duration_ms / 2)
    copy = pickle.loads(pickle.dumps(replay))
    for wid, window in replay.windows.items():
        other = copy.windows[wid]
        assert list(other.events) == list(window.events)
        for k in range(5):
            offset = window.duration_ms * k / 4
            assert other.at(offset).to_rrweb() == window.at(offset).to_rrweb()
    if mode == "disk":
        assert copy.events._file is not replay.events._file
    half = EventStore([ev(i, T0 + i) for i in range(7)])  # unfinished: pending events travel too
    again = pickle.loads(pickle.dumps(half))
    again.append(ev(7, T0 + 7))
    assert list(again.finish()) == [ev(i, T0 + i) for i in range(8)]
