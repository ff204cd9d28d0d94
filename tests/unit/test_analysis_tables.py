"""Every analysis result as plain rows, and as an Arrow table where pyarrow is installed."""

from __future__ import annotations

import importlib.util

import pytest

import rrweb_py
from rrweb_py.analysis import (
    activity,
    find,
    find_clicks,
    find_signals,
    find_text,
    lifetime,
    timeline,
    to_arrow,
    to_rows,
)
from rrweb_py.errors import InvalidArgument
from tests.conftest import corpus_or_skip


def _results():
    replay = rrweb_py.load(corpus_or_skip() / "real" / "posthog-2windows-w0" / "events.json")
    a = activity(replay)
    return {
        "clicks": find_clicks(replay), "signals": find_signals(replay, ["sentry", "highlight"]),
        "text": find_text(replay, "Capture"), "find": find(replay, "button"), "lifetime": lifetime(replay, 10),
        "timeline": timeline(replay), "gaps": list(a.gaps), "pages": list(a.pages), "segments": list(a.segments),
        "activity": [a],
    }


def test_rows_are_plain_dicts():
    """to_rows() gives JSON-friendly dicts with the same keys for every row of a result."""
    for name, items in _results().items():
        rows = to_rows(items)
        assert len(rows) == len(items), name
        if rows:
            assert all(set(r) == set(rows[0]) for r in rows), name
    with pytest.raises(InvalidArgument):
        to_rows([object()])


def test_arrow_tables():
    """to_arrow() builds a pyarrow Table per result (skipped where pyarrow is absent; a pyarrow that is there but
    cannot be imported fails)."""
    if importlib.util.find_spec("pyarrow") is None:
        pytest.skip("pyarrow is optional: pip install pyarrow")
    for name, items in _results().items():
        table = to_arrow(items)
        assert table.num_rows == len(items), name
    clicks = to_arrow(_results()["clicks"])
    assert "selector" in clicks.column_names and clicks.num_rows == 6
