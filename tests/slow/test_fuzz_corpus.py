"""Corpus mutator fuzz over every container: real recordings, damaged, wrapped, loaded, replayed and exported.

Sources: the real recordings of ../shared/corpus (real/*, small live/* and fixture/* cases) and the real SDK
fixtures of tests/data/containers. Each stream is mutated at the event level (drop / duplicate / shuffle /
truncate / garble events), wrapped in one of the containers (JSON array, JSON Lines, gzip, PostHog
``[windowId, event]`` lines with ``cv`` compression, PostHog capture events, Sentry segments, rrweb packer strings),
sometimes damaged at the byte level (cut, bit flips, a garbled line), then loaded, seeked and exported.

Checks: nothing but the library's own errors escapes; event-level damage that leaves every event valid loses
nothing (every event given is loaded, in stable timestamp order); a line-format stream cut short keeps every
complete line before the cut and reports the cut as an anomaly. The run is bounded in time (``FUZZ_SECONDS``,
default 35 s) and deterministic for a given count; the number of streams tried is printed and recorded.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import random
import time
import warnings
import zlib
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rrweb_py
from rrweb_py import RrwebPyError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("RRWEB_PY_SHARED", ROOT.parent / "shared")) / "corpus"
DATA = ROOT / "tests" / "data" / "containers"
FUZZ_SECONDS = float(os.environ.get("FUZZ_SECONDS", "35"))
FUZZ_MAX = int(os.environ.get("FUZZ_MAX", "100000"))

CONTAINERS = ("array", "jsonl", "gzip-array", "gzip-jsonl", "posthog-pairs", "posthog-2windows", "posthog-capture",
              "sentry-segments", "packed", "wrapper", "python-list")
EVENT_OPS = ("drop", "dup", "shuffle", "truncate", "garble", "garble-type", "garble-ts", "unknown-type",
             "nan-ts", "huge-ts")
VALID_OPS = ("drop", "dup", "shuffle", "truncate", "unknown-type")


def sources() -> list[tuple[str, list[dict[str, Any]]]]:
    """(name, events) of every real recording available, each list a plain event array of one window."""
    out: list[tuple[str, list[dict[str, Any]]]] = []
    if CORPUS.is_dir():
        files = sorted(CORPUS.glob("real/*/events.json"))
        files += [p for p in sorted(CORPUS.glob("live/*/events.json")) + sorted(CORPUS.glob("fixture/*/events.json"))
                  if p.stat().st_size < 150_000]
        for path in files:
            out.append((f"{path.parent.parent.name}/{path.parent.name}", orjson.loads(path.read_bytes())))
    for name in ("sentry-api-segments.json", "posthog-2tabs.jsonl", "rrweb-packed.json"):
        replay = rrweb_py.load(DATA / name)
        for wid, window in replay.windows.items():
            out.append((f"containers/{name}#{wid[-6:]}", [dict(ev) for ev in window.events]))
    return out


_SOURCES: list[tuple[str, list[dict[str, Any]]]] | None = None


def all_sources() -> list[tuple[str, list[dict[str, Any]]]]:
    global _SOURCES
    if _SOURCES is None:
        _SOURCES = sources()
    return _SOURCES


# ---------------------------------------------------------------------------------------------- mutations


def mutate(rng: random.Random, events: list[Any], ops: int) -> tuple[list[Any], list[str]]:
    events = copy.deepcopy(events)
    done = []
    for _ in range(ops):
        op = rng.choice(EVENT_OPS)
        done.append(op)
        apply_op(rng, events, op)
    return events, done


def apply_op(rng: random.Random, events: list[Any], op: str) -> None:
    """One event-level mutation, in place."""
    n = len(events)
    if n:
        i = rng.randrange(n)
        if op == "drop":
            del events[i]
        elif op == "dup":
            events.insert(rng.randrange(n + 1), copy.deepcopy(events[i]))
        elif op == "shuffle":
            j = rng.randrange(n)
            lo, hi = min(i, j), max(i, j) + 1
            part = events[lo:hi]
            rng.shuffle(part)
            events[lo:hi] = part
        elif op == "truncate":
            del events[max(i, 1):]
        elif op == "unknown-type":
            events.insert(i, {"type": rng.choice([7, 42, 99]), "timestamp": events[i]["timestamp"], "data": {}})
        elif op == "garble":
            ev = events[i]
            if isinstance(ev.get("data"), dict) and ev["data"]:
                key = rng.choice(sorted(ev["data"]))
                ev["data"][key] = rng.choice([None, -1, 2**70, "x" * rng.randrange(5), [], {}, [None], 1.5])
        elif op == "garble-type":
            events[i]["type"] = rng.choice([None, "2", 2.0, [], -1])
        elif op == "garble-ts":
            events[i]["timestamp"] = rng.choice([None, "1", [], {}])
        elif op == "nan-ts":
            events[i]["timestamp"] = float("nan")
        elif op == "huge-ts":
            events[i]["timestamp"] = rng.choice([1e300, -1e300, 2**63, 10**20])


def cv(ev: dict[str, Any]) -> dict[str, Any]:
    """posthog-js's cv 2024-10 compression of one event."""
    def gz(value: Any) -> str:
        return gzip.compress(json.dumps(value).encode()).decode("latin-1")

    data = ev.get("data")
    if ev.get("type") == 2 and isinstance(data, dict):
        return {**ev, "cv": "2024-10", "data": gz(data)}
    if ev.get("type") == 3 and isinstance(data, dict) and data.get("source") == 0:
        return {**ev, "cv": "2024-10", "data": {**data, **{k: gz(data.get(k, [])) for k in
                                                          ("adds", "removes", "texts", "attributes")}}}
    return ev


def pack(ev: Any) -> str:
    return zlib.compress(json.dumps({**ev, "v": "v1"} if isinstance(ev, dict) else ev).encode()).decode("latin-1")


def lines(values: list[Any]) -> bytes:
    return b"".join(json.dumps(v, allow_nan=True).encode() + b"\n" for v in values)


def wrap(rng: random.Random, kind: str, events: list[Any]) -> Any:
    """The events in a container; JSON is written by the json module so that NaN and big ints survive."""
    if kind == "python-list":
        return events
    if kind == "array":
        return json.dumps(events).encode()
    if kind == "wrapper":
        return json.dumps({"session": {"id": "s"}, "events": events}).encode()
    if kind == "jsonl":
        return lines(events)
    if kind == "gzip-array":
        return gzip.compress(json.dumps(events).encode())
    if kind == "gzip-jsonl":
        return gzip.compress(lines(events))
    if kind == "posthog-pairs":
        return lines([["w1", cv(ev) if isinstance(ev, dict) else ev] for ev in events])
    if kind == "posthog-2windows":  # the events of two tabs, interleaved line by line
        return lines([[f"w{1 + (i % 2 if rng.random() < 0.5 else i * 2 // max(1, len(events)))}",
                       cv(ev) if isinstance(ev, dict) else ev] for i, ev in enumerate(events)])
    if kind == "posthog-capture":
        chunks = [events[i:i + 7] for i in range(0, len(events), 7)]
        return json.dumps([{"event": "$snapshot", "properties": {"$window_id": "w1", "$session_id": "s",
                                                               "$snapshot_data": [cv(e) for e in chunk]}}
                           for chunk in chunks]).encode()
    if kind == "sentry-segments":
        n = max(1, len(events) // 3)
        parts = [events[i:i + n] for i in range(0, len(events), n)]
        return [b'{"segment_id":%d}\n' % k + zlib.compress(json.dumps(part).encode()) for k, part in enumerate(parts)]
    if kind == "packed":
        return json.dumps([pack(ev) for ev in events]).encode()
    raise AssertionError(kind)


def byte_damage(rng: random.Random, raw: bytes) -> tuple[bytes, str]:
    op = rng.choice(["cut", "flip", "garble-line"])
    if op == "cut":
        return raw[: rng.randrange(len(raw) + 1)], op
    if op == "flip":
        pos = rng.randrange(len(raw))
        return raw[:pos] + bytes([raw[pos] ^ rng.randrange(1, 256)]) + raw[pos + 1:], op
    pos = rng.randrange(len(raw))
    return raw[:pos] + b"}{garbage\n" + raw[pos:], op


# ---------------------------------------------------------------------------------------------- one stream


class Stats:
    def __init__(self) -> None:
        self.tried = 0
        self.loaded = 0
        self.refused = 0
        self.anomalies = 0


def exercise(source: Any, tmp: Path, rng: random.Random, stats: Stats) -> rrweb_py.Replay | None:
    """Load (from memory or from files), seek and export; only RrwebPyError may escape."""
    stats.tried += 1
    if isinstance(source, list) and source and isinstance(source[0], bytes):
        paths = []
        for k, part in enumerate(source):
            p = tmp / f"seg{stats.tried}-{k}"
            p.write_bytes(part)
            paths.append(p)
        rng.shuffle(paths)
        source = paths
    elif isinstance(source, bytes) and rng.random() < 0.4:
        p = tmp / f"stream{stats.tried}"
        p.write_bytes(source)
        source = p
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            replay = rrweb_py.load(source, checkpoint_every=50, store=rng.choice(["auto", "disk"]))
            for window in replay.windows.values():
                dur = window.duration_ms
                for off in (0, dur / 2, dur):
                    frame = window.at(off)
                frame.to_rrweb()
                frame.to_html()
    except RrwebPyError:
        stats.refused += 1
        return None
    finally:
        for p in tmp.iterdir():
            p.unlink()
    stats.loaded += 1
    stats.anomalies += len(replay.anomalies)
    return replay


def _key(ev: Any) -> bytes:
    return orjson.dumps(ev, option=orjson.OPT_SORT_KEYS)


def check_nothing_lost(replay: rrweb_py.Replay, events: list[dict[str, Any]]) -> None:
    """Every event given is loaded, in stable timestamp order (all windows together)."""
    got = [ev for window in replay.windows.values() for ev in window.events]
    expect = sorted(events, key=lambda ev: ev["timestamp"])
    assert [_key(e) for e in got] == [_key(e) for e in expect]


def run_one(seed: int, tmp: Path, stats: Stats) -> None:
    rng = random.Random(seed)
    name, base = rng.choice(all_sources())
    ops = rng.choice([0, 1, 1, 2, 3])
    events, done = mutate(rng, base, ops)
    kind = rng.choice(CONTAINERS)
    source = wrap(rng, kind, events)
    damage = None
    if isinstance(source, bytes) and source and rng.random() < 0.3:
        source, damage = byte_damage(rng, source)
    context = f"seed={seed} source={name} ops={done} container={kind} damage={damage}"
    try:
        replay = exercise(source, tmp, rng, stats)
    except RrwebPyError:
        raise
    except Exception as exc:  # pragma: no cover - the failure message carries the recipe
        raise AssertionError(f"internal error {type(exc).__name__}: {exc} [{context}]") from exc
    valid = set(done) <= set(VALID_OPS) and damage is None and events
    if valid:
        assert replay is not None, f"valid events were refused [{context}]"
        if kind in ("packed", "posthog-pairs", "posthog-2windows", "posthog-capture"):
            return  # the decoded events are the same values, but re-encoded: compare counts only
        check_nothing_lost(replay, events)
    if damage == "cut" and kind == "jsonl" and not set(done) - set(VALID_OPS) and isinstance(source, bytes):
        complete = source[: source.rfind(b"\n") + 1].count(b"\n")
        if complete and replay is not None:
            assert len(replay.events) >= complete - 0, f"lines before the cut were lost [{context}]"


# ---------------------------------------------------------------------------------------------- tests


def test_corpus_mutator_fuzz(tmp_path: Path, record_property: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Mutated real recordings in every container: as many streams as fit in FUZZ_SECONDS."""
    if not all_sources():
        pytest.skip("no recordings to mutate")
    stats = Stats()
    start = time.monotonic()
    seed = 0
    while time.monotonic() - start < FUZZ_SECONDS and seed < FUZZ_MAX:
        run_one(seed, tmp_path, stats)
        seed += 1
    record_property("streams_tried", stats.tried)
    with capsys.disabled():
        print(f"\ncorpus mutator fuzz: {stats.tried} streams tried ({seed} seeds, {len(all_sources())} recordings): "
              f"{stats.loaded} loaded, {stats.refused} refused with DecodeError, {stats.anomalies} anomalies "
              f"reported, in {time.monotonic() - start:.1f} s")
    assert stats.tried >= 20
    assert stats.loaded > stats.tried // 3


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), ops=st.lists(st.sampled_from(VALID_OPS), max_size=4),
       kind=st.sampled_from(["array", "jsonl", "gzip-jsonl", "wrapper", "python-list", "sentry-segments"]))
def test_valid_mutations_lose_nothing(tmp_path: Path, seed: int, ops: list[str], kind: str) -> None:
    """Hypothesis drives drop / duplicate / shuffle / truncate / unknown types on real recordings: every event
    given comes out, in stable timestamp order."""
    if not all_sources():
        pytest.skip("no recordings to mutate")
    rng = random.Random(seed)
    name, events = rng.choice(all_sources())
    events = copy.deepcopy(events)
    for op in ops:
        apply_op(rng, events, op)
    if not events:
        return
    replay = exercise(wrap(rng, kind, events), tmp_path, rng, Stats())
    assert replay is not None, f"{name} {ops} {kind}"
    check_nothing_lost(replay, events)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=400), prefix=st.sampled_from([b"", b"[", b"{", b'{"segment_id":0}\n', b"\x1f\x8b",
                                                             b"x\x9c", b'["w",', b"\x00\x00\x00\x10"]))
def test_random_bytes_raise_only_library_errors(tmp_path: Path, blob: bytes, prefix: bytes) -> None:
    """Arbitrary bytes after a container's magic: a DecodeError or a replay, never an internal error."""
    exercise(prefix + blob, tmp_path, random.Random(0), Stats())
