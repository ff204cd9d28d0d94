"""The Parquet output of :mod:`rrweb_py.batch`: a directory per table, a part file per run, row groups as results
come; what an earlier run finished (for resume), and the tables read back."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .schema import TABLES, arrow, schema

#: results are written to Parquet in row groups of about this many rows (and at least every FLUSH_SECONDS)
FLUSH_ROWS = 50_000
FLUSH_SECONDS = 30.0
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

        pa = arrow()
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
        """Flush and close every file (a readable Parquet file each). A table that has no file yet gets one without
        rows, so that a query over ``OUT/<table>/*.parquet`` finds its columns rather than no file."""
        try:
            self.flush()
            import pyarrow.parquet as pq

            for name in self.tables:
                if name not in self._writers and not any((self.out / name).glob("part-*.parquet")):
                    self.path(name).parent.mkdir(parents=True, exist_ok=True)
                    self._writers[name] = pq.ParquetWriter(str(self.path(name)), schema(name),
                                                           compression="zstd")
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

    pa = arrow()
    result = {}
    for name in tables:
        files = sorted((Path(out) / name).glob("part-*.parquet"))
        parts = [pq.read_table(f, schema=schema(name)) for f in files]
        result[name] = pa.concat_tables(parts) if parts else schema(name).empty_table()
    return result
