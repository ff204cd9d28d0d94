"""Analysis results as plain rows (a list of dicts) and, where pyarrow is installed, as an Arrow table.

Every result type here (clicks, signals, text intervals, appearances, lifetimes, timeline entries, gaps, pages,
segments, the activity summary) has ``to_row()``; :func:`to_rows` maps it over a list, :func:`to_arrow` builds a
``pyarrow.Table`` from the rows (pyarrow is optional and imported only here, when asked).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import InvalidArgument


def to_rows(items: Iterable[Any]) -> list[dict[str, Any]]:
    """``[item.to_row() for item in items]`` (dicts pass through unchanged)."""
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
        elif hasattr(item, "to_row"):
            out.append(item.to_row())
        else:
            msg = f"to_rows() takes analysis results (with to_row()) or dicts, got {type(item).__name__}"
            raise InvalidArgument(msg)
    return out


def to_arrow(items: Iterable[Any]) -> Any:
    """A ``pyarrow.Table`` of the rows; columns are the union of the rows' keys, in first-seen order.
    Raises ``ImportError`` with a hint when pyarrow is not installed."""
    try:
        import pyarrow as pa
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = "to_arrow() needs pyarrow: pip install pyarrow"
        raise ImportError(msg) from exc
    rows = to_rows(items)
    columns: dict[str, list[Any]] = {}
    for row in rows:
        for key in row:
            columns.setdefault(key, [])
    for row in rows:
        for key, values in columns.items():
            values.append(row.get(key))
    return pa.table(columns) if columns else pa.table({})
