"""Many recordings at once: the analyses of each as rows of fixed-schema Arrow tables, written as Parquet.

:func:`analyze` reads each recording (a path, a directory of parts, a URL that fsspec opens, or bytes), runs the
analyses of docs/analysis.md on it and returns (and, with ``out``, writes) one table per kind of row:

- ``sessions``: one row per recording that could be read (start, duration, active time, windows, pages, first URL,
  viewport, events, nodes at the end, clicks, signals by kind, errors, console errors, failed requests, anomalies);
- ``clicks``, ``signals``, ``timeline``: the rows of :meth:`Replay.clicks`, :meth:`Replay.signals` and
  :meth:`Replay.timeline` (``to_row()``) for every window;
- ``errors``: one row per recording that could not be read or analysed, with the exception's type and message.

Every row starts with ``recording`` (the path or URL as given, ``bytes:<sha1 prefix>`` for bytes) and
``session_id`` (the session or replay id the container carries, else null). The schemas are fixed
(:data:`COLUMNS`, documented in docs/batch.md), so every part file of a table has the same columns and types.

Where it runs: in this process (``workers=1``), in a process pool of ``workers`` processes (the default: one per
core; one recording per task, a fresh process every :data:`TASKS_PER_WORKER` recordings so memory stays bounded),
or on a Dask cluster (``scheduler="local"`` starts a ``LocalCluster``; an address or a ``distributed.Client``
uses an existing one). Tasks carry the recording's reference, never its bytes (unless the recording is bytes):
workers read it where it is through fsspec. One bad recording never fails the batch (``strict=True`` makes it).

With ``out``, each table is a directory of Parquet files (``OUT/clicks/part-0001.parquet``...), one file per run
and table, one row group per flush; ``resume=True`` skips the recordings already in ``sessions`` or ``errors``
and writes the new rows into the next part files (a part left without its footer by a killed run is set aside as
``*.parquet.incomplete`` and its recordings analysed again).
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import importlib
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._api import Replay, load
from .analysis import find_signals
from .analysis.logs import ERROR_LEVELS
from .errors import InvalidArgument, RrwebPyError

#: the tables :func:`analyze` can build, in the order they are written
TABLES = ("sessions", "clicks", "signals", "timeline", "errors")
#: a process of the pool is replaced after this many recordings (memory a leak or a fragmented heap keeps is
#: given back)
TASKS_PER_WORKER = 32
#: results are written to Parquet in row groups of about this many rows (and at least every FLUSH_SECONDS)
FLUSH_ROWS = 50_000
FLUSH_SECONDS = 30.0
#: the longest error message kept
MAX_MESSAGE = 2000
SIGNAL_KINDS = ("dead", "rage", "slow", "multi", "error")

Progress = Callable[[int, int], None]

_KEY = [("recording", "string"), ("session_id", "string")]
_ELEMENT = [("node_id", "int64"), ("tag", "string"), ("element_id", "string"), ("classes", "string"),
            ("selector", "string"), ("text", "string"), ("label", "string"), ("ancestors", "string"),
            ("role", "string"), ("aria_label", "string"), ("title", "string"), ("alt", "string"),
            ("testid", "string"), ("component", "string")]

#: each table's columns, in order: (name, type) with types ``string``, ``int64``, ``float64``, ``bool``,
#: ``timestamp`` (ms, UTC) and ``list<int64>``
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "sessions": [
        *_KEY, ("start", "timestamp"), ("start_timestamp", "float64"), ("duration_ms", "float64"),
        ("active_ms", "float64"), ("idle_gaps", "int64"), ("windows", "int64"), ("pages", "int64"),
        ("navigations", "int64"), ("first_url", "string"), ("viewport_width", "int64"),
        ("viewport_height", "int64"), ("events", "int64"), ("nodes", "int64"), ("clicks", "int64"),
        ("inputs", "int64"), ("signals", "int64"), *[(f"signals_{k}", "int64") for k in SIGNAL_KINDS],
        ("errors", "int64"), ("console_errors", "int64"), ("requests", "int64"), ("failed_requests", "int64"),
        ("anomalies", "int64"), ("formats", "string"), ("preset", "string"),
        # how the run went (differ between runs): input size, time spent, the worker's peak memory so far
        ("input_bytes", "int64"), ("elapsed_ms", "float64"), ("worker_pid", "int64"), ("worker_peak_kb", "int64"),
    ],
    "clicks": [
        *_KEY, ("window", "string"), ("index", "int64"), ("timestamp", "float64"), ("offset_ms", "float64"),
        ("kind", "string"), ("x", "float64"), ("y", "float64"), ("pointer_type", "int64"), ("target_id", "int64"),
        ("url", "string"), *_ELEMENT, ("interactive_selector", "string"), ("context", "string"),
    ],
    "signals": [
        *_KEY, ("window", "string"), ("kind", "string"), ("preset", "string"), ("timestamp", "float64"),
        ("offset_ms", "float64"), ("end_offset_ms", "float64"), ("click_count", "int64"), ("node_id", "int64"),
        ("selector", "string"), ("label", "string"), ("url", "string"), ("time_after_ms", "float64"),
        ("end_reason", "string"), ("detail", "string"), ("click_indexes", "list<int64>"),
    ],
    "timeline": [
        *_KEY, ("window", "string"), ("kind", "string"), ("offset_ms", "float64"), ("timestamp", "float64"),
        ("end_offset_ms", "float64"), ("summary", "string"), ("url", "string"), ("node_id", "int64"),
        ("selector", "string"), ("label", "string"), ("value", "string"), ("level", "string"),
        ("method", "string"), ("status", "int64"), ("duration_ms", "float64"), ("source", "string"),
        ("count", "int64"), ("index", "int64"),
    ],
    "errors": [*_KEY, ("error_type", "string"), ("message", "string")],
}


def _pa() -> Any:
    try:
        import pyarrow as pa
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = "rrweb_py.batch needs pyarrow: pip install 'rrweb_py[batch]'"
        raise ImportError(msg) from exc
    return pa


def schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of a table (see :data:`COLUMNS`)."""
    pa = _pa()
    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(),
             "timestamp": pa.timestamp("ms", tz="UTC"), "list<int64>": pa.list_(pa.int64())}
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS[table]])


# ---------------------------------------------------------------------------------------------- values


def _to_int(v: Any) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return int(f) if math.isfinite(f) and abs(f) < 2**63 else None


def _to_float(v: Any) -> float | None:
    if v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _coerce(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "string":
        return value if isinstance(value, str) else str(value)
    if kind in ("int64", "timestamp"):
        return _to_int(value)
    if kind == "float64":
        return _to_float(value)
    if kind == "bool":
        return bool(value)
    return [_to_int(x) for x in value] if isinstance(value, list | tuple) else None


def to_table(table: str, rows: list[dict[str, Any]]) -> Any:
    """A ``pyarrow.Table`` of ``rows`` with the table's fixed schema: missing columns are null, others dropped,
    values converted to the column's type (a value that does not convert is null)."""
    cols = COLUMNS[table]
    data = {name: [_coerce(row.get(name), kind) for row in rows] for name, kind in cols}
    return _pa().table(data, schema=schema(table))


# ---------------------------------------------------------------------------------------------- one recording


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


def _size_hint(ref: Any) -> int:
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


def _is_failed(kind: str, status: int | None) -> bool:
    return kind == "network" and (status is None or status == 0 or status >= 400)


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
                totals["console_errors"] += (e.level or "").lower() in ERROR_LEVELS
            elif e.kind == "network":
                totals["requests"] += 1
                totals["failed_requests"] += _is_failed(e.kind, e.status)
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
    started = time.perf_counter()
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


# ---------------------------------------------------------------------------------------------- output


def _part_number(path: Path) -> int | None:
    stem = path.name.split(".", 1)[0]
    num = stem.removeprefix("part-")
    return int(num) if num != stem and num.isdigit() else None


class ParquetSink:
    """Rows streamed into ``OUT/<table>/part-NNNN.parquet``: one writer per table for this run, a row group per
    flush, files closed (footers written) on :meth:`close`."""

    def __init__(self, out: str | os.PathLike[str], tables: Sequence[str]) -> None:
        self.out = Path(out)
        self.tables = list(tables)
        self.out.mkdir(parents=True, exist_ok=True)
        parts = [n for t in TABLES for p in (self.out / t).glob("part-*") if (n := _part_number(p)) is not None]
        self.part = max(parts, default=0) + 1
        self._writers: dict[str, Any] = {}
        self._pending: dict[str, list[Any]] = {t: [] for t in self.tables}
        self._rows = 0
        self._flushed = time.monotonic()

    def path(self, table: str) -> Path:
        """This run's file of ``table``."""
        return self.out / table / f"part-{self.part:04d}.parquet"

    def add(self, tables: dict[str, Any]) -> None:
        """Queue one recording's tables; write them when enough rows are waiting."""
        for name, t in tables.items():
            if name in self._pending and t.num_rows:
                self._pending[name].append(t)
                self._rows += t.num_rows
        if self._rows >= FLUSH_ROWS or time.monotonic() - self._flushed >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write what is waiting: one row group per table."""
        import pyarrow.parquet as pq

        pa = _pa()
        for name in self.tables:
            waiting = self._pending[name]
            if name not in self._writers:
                if not waiting:
                    continue
                self.path(name).parent.mkdir(parents=True, exist_ok=True)
                self._writers[name] = pq.ParquetWriter(str(self.path(name)), schema(name), compression="zstd")
            if waiting:
                self._writers[name].write_table(pa.concat_tables(waiting))
            self._pending[name] = []
        self._rows = 0
        self._flushed = time.monotonic()

    def close(self) -> None:
        """Flush and close every file (a readable Parquet file each)."""
        try:
            self.flush()
        finally:
            for w in self._writers.values():
                w.close()
            self._writers.clear()


def done_recordings(out: str | os.PathLike[str]) -> set[str]:
    """The recordings an earlier run finished (in ``sessions`` or ``errors`` of ``out``). A part file that does
    not read (a run killed before it closed its files) is renamed ``*.parquet.incomplete`` with the same part in
    every table, so that its recordings are analysed again and no row is written twice."""
    import pyarrow.parquet as pq

    root = Path(out)
    files = [p for t in TABLES for p in sorted((root / t).glob("part-*.parquet"))]
    broken: set[int | None] = set()
    for p in files:
        try:
            pq.read_metadata(p)
        except Exception:  # noqa: BLE001 - any unreadable file is an unfinished part
            broken.add(_part_number(p))
    done: set[str] = set()
    for p in files:
        if _part_number(p) in broken:
            p.rename(p.with_name(p.name + ".incomplete"))
        elif p.parent.name in ("sessions", "errors"):
            done.update(v for v in pq.read_table(p, columns=["recording"]).column(0).to_pylist() if v)
    return done


def read_output(out: str | os.PathLike[str], tables: Sequence[str] = TABLES) -> dict[str, Any]:
    """The tables written under ``out`` (every part file), each with its fixed schema."""
    import pyarrow.parquet as pq

    pa = _pa()
    result = {}
    for name in tables:
        files = sorted((Path(out) / name).glob("part-*.parquet"))
        parts = [pq.read_table(f, schema=schema(name)) for f in files]
        result[name] = pa.concat_tables(parts) if parts else schema(name).empty_table()
    return result


# ---------------------------------------------------------------------------------------------- runners


class BatchError(RrwebPyError):
    """A recording failed and ``strict=True``: ``recording``, ``error_type`` and ``message`` say which and why."""

    def __init__(self, recording: str, error_type: str, message: str) -> None:
        super().__init__(f"{recording}: {error_type}: {message}")
        self.recording = recording
        self.error_type = error_type
        self.message = message


Task = tuple[Any, str]


def _serial(tasks: Iterable[Task], tables: Sequence[str], preset: Any) -> Iterator[Result]:
    for ref, key in tasks:
        yield analyze_one(ref, key, tables, preset)


def _windowed(tasks: Iterable[Task], submit: Callable[[Task], Any], wait_any: Callable[[set[Any]], set[Any]],
              result_of: Callable[[Any, Task], Result], limit: int) -> Iterator[Result]:
    """Keep at most ``limit`` tasks in flight (the references of the rest are not even handed over), yield each
    result as it comes."""
    it = iter(tasks)
    pending: dict[Any, Task] = {}
    try:
        while True:
            while len(pending) < limit:
                task = next(it, None)
                if task is None:
                    break
                pending[submit(task)] = task
            if not pending:
                return
            for fut in wait_any(set(pending)):
                yield result_of(fut, pending.pop(fut))
    finally:
        for fut in pending:
            fut.cancel()


def _failed(task: Task, exc: BaseException) -> Result:
    """A task that did not come back (its worker died): an errors row."""
    message = (str(exc) or repr(exc))[:MAX_MESSAGE]
    key = task[1]
    return Result(key, {"errors": to_table("errors", [{"recording": key, "session_id": None,
                                                        "error_type": type(exc).__name__, "message": message}])},
                  error=(type(exc).__name__, message))


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1  # pragma: no cover - not Linux


def _pool(tasks: Iterable[Task], tables: Sequence[str], preset: Any, workers: int) -> Iterator[Result]:
    def new_pool() -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=workers, max_tasks_per_child=TASKS_PER_WORKER)

    pools = [new_pool()]
    broken: list[Task] = []

    def submit(task: Task) -> Any:
        try:
            return pools[-1].submit(analyze_one, task[0], task[1], tables, preset)
        except cf.process.BrokenProcessPool:
            pools.append(new_pool())
            return pools[-1].submit(analyze_one, task[0], task[1], tables, preset)

    def wait_any(fs: set[Any]) -> set[Any]:
        return set(cf.wait(fs, return_when=cf.FIRST_COMPLETED).done)

    def result_of(fut: Any, task: Task) -> Result:
        try:
            return fut.result()  # type: ignore[no-any-return]
        except cf.process.BrokenProcessPool as exc:
            broken.append(task)
            return Result(task[1], error=("BrokenProcessPool", str(exc)))
        except Exception as exc:  # noqa: BLE001 - e.g. a result that does not unpickle
            return _failed(task, exc)

    try:
        for res in _windowed(tasks, submit, wait_any, result_of, workers * 2):
            if res.error is None or res.tables:
                yield res
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)
    # a worker died (killed, out of memory, a crash in native code): the pool is gone and every task in flight
    # with it; each is tried again alone, in a pool of one, so that only the one that kills its worker fails
    for task in broken:
        yield _retry_alone(task, tables, preset)


def _retry_alone(task: Task, tables: Sequence[str], preset: Any) -> Result:
    with cf.ProcessPoolExecutor(max_workers=1) as one:
        try:
            return one.submit(analyze_one, task[0], task[1], tables, preset).result()
        except Exception as exc:  # noqa: BLE001
            return _failed(task, exc)


def _dask(tasks: Iterable[Task], tables: Sequence[str], preset: Any, scheduler: Any,
          workers: int | None) -> Iterator[Result]:
    try:
        # typed Any: distributed's annotations are partial (untyped calls under mypy --strict)
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        msg = "scheduler= needs dask.distributed: pip install 'rrweb_py[batch]'"
        raise ImportError(msg) from exc
    import logging

    cluster = None
    own_client = False
    if isinstance(scheduler, distributed.Client):
        client = scheduler
    elif scheduler == "local":
        cluster = distributed.LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
        client = distributed.Client(cluster)
        own_client = True
    elif isinstance(scheduler, str):
        client = distributed.Client(scheduler)
        own_client = True
    else:
        msg = f"scheduler is 'local', a scheduler address or a distributed.Client, got {scheduler!r}"
        raise InvalidArgument(msg)
    try:
        threads = sum(client.nthreads().values()) or 1

        def submit(task: Task) -> Any:
            return client.submit(analyze_one, task[0], task[1], tables, preset, pure=False)

        def wait_any(fs: set[Any]) -> set[Any]:
            return set(distributed.wait(list(fs), return_when="FIRST_COMPLETED").done)

        def result_of(fut: Any, task: Task) -> Result:
            try:
                return fut.result()  # type: ignore[no-any-return]
            except Exception as exc:  # noqa: BLE001 - the worker died (KilledWorker) or the task was lost
                return _failed(task, exc)
            finally:
                fut.release()

        yield from _windowed(tasks, submit, wait_any, result_of, threads * 2)
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


# ---------------------------------------------------------------------------------------------- the batch


def _tables_arg(tables: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(tables))
    unknown = [t for t in chosen if t not in TABLES]
    if unknown or isinstance(tables, str):
        msg = f"unknown table(s) {unknown or tables!r}; choose from {', '.join(TABLES)}"
        raise InvalidArgument(msg)
    # sessions and errors say which recordings are done (resume reads them): always built
    return [t for t in TABLES if t in chosen or t in ("sessions", "errors")]


def analyze(recordings: Iterable[Any], *, tables: Iterable[str] = TABLES, workers: int | None = None,
            scheduler: Any = None, out: str | os.PathLike[str] | None = None, preset: Any = "sentry",
            strict: bool = False, resume: bool = False, progress: Progress | None = None) -> dict[str, Any]:
    """Analyse many recordings; returns ``{table name: pyarrow.Table}`` (see the module doc and docs/batch.md).

    ``recordings``: paths (a file or a directory of parts), URLs fsspec opens (``s3://`` with s3fs installed), or
    bytes; each is analysed once (the same reference twice counts once). ``tables``: which of
    :data:`TABLES` to build (``sessions`` and ``errors`` always are: they record what is done). ``workers``:
    processes of the local pool (default: the cores; 1 runs in this process), or the workers of
    ``scheduler="local"``. ``scheduler``: ``None`` (local), ``"local"`` (a new Dask ``LocalCluster``), a
    scheduler address or a ``distributed.Client``. ``out``: a directory to write the tables to as Parquet
    (then the tables returned are read back from it, earlier runs' rows included). ``preset``: the signal
    preset(s). ``strict``: the first recording that fails raises :class:`BatchError` (rows written so far are
    kept). ``resume`` (with ``out``): skip the recordings already written. ``progress(done, total)``: called as
    recordings finish.
    """
    chosen = _tables_arg(tables)
    if resume and out is None:
        msg = "resume=True needs out= (the directory of an earlier run)"
        raise InvalidArgument(msg)
    if workers is not None and workers < 1:
        msg = f"workers must be at least 1, got {workers}"
        raise InvalidArgument(msg)
    from .analysis.signals import rules_for

    for p in [preset] if isinstance(preset, str) else list(preset):
        rules_for(p)  # an unknown preset is a usage error before any work
    tasks: dict[str, Any] = {}
    for rec in recordings:
        tasks.setdefault(recording_key(rec), rec)
    skip = done_recordings(out) if resume and out is not None and Path(out).is_dir() else set()
    todo = [(ref, key) for key, ref in tasks.items() if key not in skip]
    if scheduler is not None or workers != 1:
        # the largest first: a long recording started last would keep one worker busy after the others are done
        todo.sort(key=lambda task: -_size_hint(task[0]))
    total = len(todo)

    if scheduler is not None:
        results = _dask(todo, chosen, preset, scheduler, workers)
    else:
        n = min(workers or cores(), max(total, 1))
        results = _serial(todo, chosen, preset) if n == 1 else _pool(todo, chosen, preset, n)

    sink = ParquetSink(out, chosen) if out is not None else None
    kept: dict[str, list[Any]] = {t: [] for t in chosen}
    done = 0
    try:
        if progress is not None:
            progress(0, total)
        for res in results:
            if sink is not None:
                sink.add(res.tables)
            else:
                for name, t in res.tables.items():
                    if name in kept:
                        kept[name].append(t)
            done += 1
            if progress is not None:
                progress(done, total)
            if strict and res.error is not None:
                raise BatchError(res.recording, *res.error)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the pool or the cluster when the loop ends early
        if sink is not None:
            sink.close()
    if out is not None:
        return read_output(out, chosen)
    pa = _pa()
    return {name: pa.concat_tables(parts) if parts else schema(name).empty_table() for name, parts in kept.items()}
