"""The fixed schema of each table of :mod:`rrweb_py.batch` (documented in docs/batch.md) and the rows -> Arrow
conversion (a value that does not fit its column is null). pyarrow is imported only when a table is built."""

from __future__ import annotations

import math
from typing import Any

TABLES = ("sessions", "clicks", "signals", "timeline", "errors")
SIGNAL_KINDS = ("dead", "rage", "slow", "multi", "error")

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
        ("input_bytes", "int64"), ("elapsed_ms", "float64"), ("cpu_ms", "float64"), ("worker_pid", "int64"), ("worker_peak_kb", "int64"),
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


def arrow() -> Any:
    try:
        import pyarrow as pa
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = "rrweb_py.batch needs pyarrow: pip install 'rrweb_py[batch]'"
        raise ImportError(msg) from exc
    return pa


def schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of a table (see :data:`COLUMNS`)."""
    pa = arrow()
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
    return arrow().table(data, schema=schema(table))
