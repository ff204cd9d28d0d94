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

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import InvalidArgument, MissingDependency
from .output import ParquetSink, done_recordings, read_output
from .run import TASKS_PER_WORKER, BatchError, cores, run_dask, run_pool, run_serial
from .schema import COLUMNS, SIGNAL_KINDS, TABLES, arrow, schema, to_table
from .task import Result, analyze_one, recording_key, recording_rows, session_id, size_hint

Progress = Callable[[int, int], None]


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
    (then the tables returned are read back from it, earlier runs' rows included; a directory that holds
    tables already needs ``resume=True``). ``preset``: the signal
    preset(s). ``strict``: the first recording that fails raises :class:`BatchError` (rows written so far are
    kept). ``resume`` (with ``out``): skip the recordings already written. ``progress(done, total)``: called as
    recordings finish.
    """
    chosen = _tables_arg(tables)
    try:
        arrow()  # before any work: without pyarrow there is nothing to put the rows in
    except ImportError as exc:
        raise MissingDependency(str(exc)) from None
    if resume and out is None:
        msg = "resume=True needs out= (the directory of an earlier run)"
        raise InvalidArgument(msg)
    if workers is not None and workers < 1:
        msg = f"workers must be at least 1, got {workers}"
        raise InvalidArgument(msg)
    if out is not None and not resume and any(any((Path(out) / t).glob("part-*.parquet")) for t in TABLES):
        msg = (f"{os.fspath(out)} holds the tables of an earlier run: resume it (resume=True, --resume) or write "
               "to an empty directory")
        raise InvalidArgument(msg)
    from ..analysis.signals import rules_for

    for p in [preset] if isinstance(preset, str) else list(preset):
        rules_for(p)  # an unknown preset is a usage error before any work
    tasks: dict[str, Any] = {}
    for rec in recordings:
        tasks.setdefault(recording_key(rec), rec)
    skip = done_recordings(out) if resume and out is not None and Path(out).is_dir() else set()
    todo = [(ref, key) for key, ref in tasks.items() if key not in skip]
    if scheduler is not None or workers != 1:
        # the largest first: a long recording started last would keep one worker busy after the others are done
        todo.sort(key=lambda task: -size_hint(task[0]))
    total = len(todo)

    if scheduler is not None:
        results = run_dask(todo, chosen, preset, scheduler, workers)
    else:
        n = min(workers or cores(), max(total, 1))
        results = run_serial(todo, chosen, preset) if n == 1 else run_pool(todo, chosen, preset, n)

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
    pa = arrow()
    return {name: pa.concat_tables(parts) if parts else schema(name).empty_table() for name, parts in kept.items()}


__all__ = [
    "COLUMNS",
    "SIGNAL_KINDS",
    "TABLES",
    "TASKS_PER_WORKER",
    "BatchError",
    "ParquetSink",
    "Result",
    "analyze",
    "analyze_one",
    "cores",
    "done_recordings",
    "read_output",
    "recording_key",
    "recording_rows",
    "schema",
    "session_id",
    "to_table",
]
