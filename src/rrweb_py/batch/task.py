"""One recording, one task: read it where it is (a path, a URL through fsspec, bytes), run the analyses on every
window and return its rows as Arrow tables of the fixed schemas; a bad recording is an ``errors`` row, never an
exception. This is what a pool process or a Dask worker runs."""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._api import Replay, load
from ..analysis import find_signals
from ..errors import InvalidArgument
from .schema import SIGNAL_KINDS, to_table

#: the longest error message kept
MAX_MESSAGE = 2000

def recording_key(recording: Any) -> str:
    """The ``recording`` id of a reference: the path or URL as given, ``bytes:<sha1 prefix>`` for bytes."""
    if isinstance(recording, bytes | bytearray | memoryview):
        return "bytes:" + hashlib.sha1(bytes(recording)).hexdigest()[:16]  # an id, not a secret
    if isinstance(recording, str | os.PathLike):
        return os.fspath(recording)
    msg = f"a recording is a path, a URL or bytes, got {type(recording).__name__}"
    raise InvalidArgument(msg)


def _is_url(ref: str) -> bool:
    scheme, sep, _ = ref.partition("://")
    return bool(sep) and scheme.isidentifier() and len(scheme) > 1


def _input_bytes(path: str) -> int:
    p = Path(path)
    if p.is_dir():
        return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
    return p.stat().st_size


def size_hint(ref: Any) -> int:
    """The size of a local recording (0 when it is not one), for scheduling."""
    if isinstance(ref, bytes | bytearray | memoryview):
        return len(ref)
    try:
        return _input_bytes(os.fspath(ref))
    except (OSError, TypeError, ValueError):
        return 0


def _load(ref: Any, tmp: list[str]) -> tuple[Replay, int]:
    """The recording loaded, and its size in bytes. A URL is fetched with fsspec into a temporary directory (kept
    in ``tmp`` for removal) and loaded from there, so that large files stream from disk as local ones do."""
    if isinstance(ref, bytes | bytearray | memoryview):
        data = bytes(ref)
        return load(data), len(data)
    path = os.fspath(ref)
    if _is_url(path):
        fsspec: Any = importlib.import_module("fsspec")  # typed Any: fsspec ships no type information
        fs, inner = fsspec.core.url_to_fs(path)
        if "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)):
            path = inner
        else:
            where = tempfile.mkdtemp(prefix="rrweb-py-batch-")
            tmp.append(where)
            if fs.isdir(inner):
                fs.get(inner.rstrip("/") + "/", where + "/", recursive=True)
                path = where
            else:
                path = os.path.join(where, os.path.basename(inner.rstrip("/")) or "recording")
                fs.get(inner, path)
    if not os.path.exists(path):
        raise FileNotFoundError(2, "no such file or directory", path)
    return load(path), _input_bytes(path)


def _peak_kb() -> int | None:
    """This process's peak resident memory (VmHWM), in KiB."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # pragma: no cover - not Linux
        pass
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except (ImportError, OSError):  # pragma: no cover
        return None


def session_id(replay: Replay) -> str | None:
    """The session (PostHog) or replay (Sentry) id the container carries, if any."""
    meta = getattr(replay.source_info, "meta", None) or {}
    for key in ("session_ids", "replay_ids"):
        ids = meta.get(key)
        if isinstance(ids, list) and ids:
            return str(ids[0])
    return None


def _active_spans(origin: float, act: Any) -> list[tuple[float, float]]:
    """A window's active time as epoch-ms spans: its duration less its inactivity gaps."""
    spans, at = [], 0.0
    for g in act.gaps:
        if g.start_ms > at:
            spans.append((origin + at, origin + g.start_ms))
        at = max(at, g.end_ms)
    if act.duration_ms > at:
        spans.append((origin + at, origin + act.duration_ms))
    return spans


def _union_length(spans: list[tuple[float, float]]) -> float:
    """The time covered by any of the spans (a moment active in two windows counts once)."""
    total, end = 0.0, float("-inf")
    for a, b in sorted(spans):
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def recording_rows(replay: Replay, key: str, tables: Sequence[str], preset: Any = "sentry"
                   ) -> dict[str, list[dict[str, Any]]]:
    """The rows of one loaded recording for each of ``tables`` (``errors`` aside): every window's clicks, signals
    and timeline, and its ``sessions`` row (without the run columns)."""
    sid = session_id(replay)
    base = {"recording": key, "session_id": sid}
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in tables if t != "errors"}
    totals: dict[str, int] = dict.fromkeys(("clicks", "inputs", "signals", "errors", "console_errors",
                                            "requests", "failed_requests", "navigations", "pages", "idle_gaps",
                                            "events", "anomalies"), 0)
    by_kind = dict.fromkeys(SIGNAL_KINDS, 0)
    active_spans: list[tuple[float, float]] = []
    first_url: str | None = None
    windows = replay.windows
    for wid, window in windows.items():
        wbase = {**base, "window": wid}
        entries = window.timeline()
        signals = find_signals(window, preset if isinstance(preset, str) else list(preset))
        if "clicks" in out:
            out["clicks"].extend({**wbase, **c.to_row()} for c in window.clicks())
        if "signals" in out:
            out["signals"].extend({**wbase, **s.to_row()} for s in signals)
        if "timeline" in out:
            out["timeline"].extend({**wbase, **e.to_row()} for e in entries)
        act = window.activity()
        active_spans.extend(_active_spans(window.start_timestamp, act))
        totals["idle_gaps"] += len(act.gaps)
        totals["pages"] += act.navigations
        totals["events"] += len(window.events)
        totals["anomalies"] += len(window.anomalies)
        totals["signals"] += len(signals)
        for s in signals:
            if s.kind in by_kind:
                by_kind[s.kind] += 1
        for e in entries:
            if e.kind == "navigation":
                totals["navigations"] += 1
                if first_url is None and window is replay:
                    first_url = e.url
            elif e.kind == "click":
                totals["clicks"] += 1
            elif e.kind == "input":
                totals["inputs"] += 1
            elif e.kind == "error":
                totals["errors"] += 1
            elif e.kind == "console":
                totals["console_errors"] += e.console_error
            elif e.kind == "network":
                totals["requests"] += 1
                totals["failed_requests"] += e.failed
    if "sessions" in out:
        start = min(w.start_timestamp for w in windows.values())
        end = max(w.start_timestamp + w.duration_ms for w in windows.values())
        frame = replay.at(replay.duration_ms)
        formats = getattr(replay.source_info, "formats", None) or []
        out["sessions"].append({
            **base,
            "start": int(start),
            "start_timestamp": start, "duration_ms": end - start, "active_ms": _union_length(active_spans), "windows": len(windows),
            "first_url": first_url, "viewport_width": frame.viewport[0], "viewport_height": frame.viewport[1],
            "nodes": frame.node_count, **totals, **{f"signals_{k}": n for k, n in by_kind.items()},
            "formats": "; ".join(str(f) for f in formats),
            "preset": preset if isinstance(preset, str) else ",".join(map(str, preset)),
        })
    return out


@dataclass
class Result:
    """What a task sends back: the recording's tables (Arrow), or its error."""

    recording: str
    tables: dict[str, Any] = field(default_factory=dict)
    error: tuple[str, str] | None = None
    peak_kb: int | None = None


def analyze_one(ref: Any, key: str, tables: Sequence[str], preset: Any = "sentry") -> Result:
    """Read and analyse one recording; never raises for a bad recording (its error is in the result). Runs in
    a worker: the tables come back as Arrow tables of the fixed schemas."""
    started, cpu = time.perf_counter(), time.process_time()
    tmp: list[str] = []
    sid: str | None = None
    try:
        replay, size = _load(ref, tmp)
        sid = session_id(replay)
        rows = recording_rows(replay, key, tables, preset)
        del replay
        peak = _peak_kb()
        if "sessions" in rows:
            rows["sessions"][0].update(input_bytes=size, elapsed_ms=(time.perf_counter() - started) * 1000,
                                       cpu_ms=(time.process_time() - cpu) * 1000,
                                       worker_pid=os.getpid(), worker_peak_kb=peak)
        return Result(key, {t: to_table(t, r) for t, r in rows.items()}, peak_kb=peak)
    except Exception as exc:  # noqa: BLE001 - a bad recording is a row of the errors table, never the batch's end
        message = str(exc) or repr(exc)
        return Result(key, {"errors": to_table("errors", [{"recording": key, "session_id": sid,
                                                            "error_type": type(exc).__name__,
                                                            "message": message[:MAX_MESSAGE]}])},
                      error=(type(exc).__name__, message[:MAX_MESSAGE]), peak_kb=_peak_kb())
    finally:
        for where in tmp:
            shutil.rmtree(where, ignore_errors=True)
