"""rrweb_py.batch in this process (workers=1): fixed schemas, rows equal to the single-recording API, a junk file
among good ones, strict, resume after an interruption, bytes and the command line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="rrweb_py.batch needs pyarrow: pip install 'rrweb_py[batch]'")
pq = pytest.importorskip("pyarrow.parquet")

import rrweb_py
from rrweb_py import batch
from rrweb_py.cli import main
from tests.builders import el, inc, meta, page, snapshot, text

DATA = Path(__file__).resolve().parents[1] / "data" / "containers"
GOOD = [DATA / "sentry-raw", DATA / "rrweb-packed.json", DATA / "posthog-capture.json"]
KEY_COLUMNS = ("recording", "session_id", "window")


def tiny() -> bytes:
    """A two-button page and two clicks, as JSON bytes."""
    doc = page(el(10, "button", {"id": "go"}, text(11, "Go")), el(12, "a", {"href": "/x"}, text(13, "X")))
    events = [meta(0), snapshot(doc, 1),
              inc(100, 2, type=2, id=10, x=5, y=5), inc(200, 2, type=2, id=13, x=9, y=9)]
    return json.dumps(events).encode()


def rows(table, drop=KEY_COLUMNS):
    return [{k: v for k, v in r.items() if k not in drop} for r in table.to_pylist()]


def test_every_table_has_its_fixed_schema_even_when_empty(tmp_path):
    result = batch.analyze([str(DATA / "rrweb-packed.json")], workers=1)
    assert list(result) == list(batch.TABLES)
    for name, table in result.items():
        assert table.schema == batch.schema(name), name
        assert table.schema.names == [c for c, _ in batch.COLUMNS[name]]
        assert table.schema.names[:2] == ["recording", "session_id"]
    assert result["errors"].num_rows == 0
    written = batch.analyze([str(DATA / "rrweb-packed.json")], workers=1, out=tmp_path)
    for name in batch.TABLES:
        assert written[name].schema == batch.schema(name)
        if written[name].num_rows:
            assert pq.read_schema(tmp_path / name / "part-0001.parquet").names == batch.schema(name).names


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_rows_equal_the_single_recording_api(path):
    result = batch.analyze([str(path)], workers=1)
    replay = rrweb_py.load(path)
    windows = replay.windows
    want_clicks = [{**c.to_row()} for w in windows.values() for c in w.clicks()]
    want_signals = [s.to_row() for w in windows.values() for s in w.signals("sentry")]
    want_timeline = [e.to_row() for w in windows.values() for e in w.timeline()]
    assert rows(result["clicks"]) == want_clicks
    assert rows(result["signals"]) == want_signals
    assert rows(result["timeline"]) == want_timeline
    assert result["clicks"].column("window").to_pylist() == [wid for wid, w in windows.items() for _ in w.clicks()]
    assert set(result["clicks"].column("recording").to_pylist()) <= {str(path)}

    (s,) = result["sessions"].to_pylist()
    assert s["recording"] == str(path)
    assert s["session_id"] == batch.session_id(replay)
    assert s["windows"] == len(windows)
    assert s["events"] == sum(len(w.events) for w in windows.values())
    assert s["clicks"] == len(want_clicks)
    assert s["signals"] == len(want_signals)
    assert sum(s[f"signals_{k}"] for k in batch.SIGNAL_KINDS) == len(want_signals)
    frame = replay.at(replay.duration_ms)
    assert (s["viewport_width"], s["viewport_height"], s["nodes"]) == (*frame.viewport, frame.node_count)
    assert s["start_timestamp"] == min(w.start_timestamp for w in windows.values())
    assert s["start"].timestamp() * 1000 == int(s["start_timestamp"])
    assert 0 <= s["active_ms"] <= s["duration_ms"]
    if len(windows) == 1:
        assert s["active_ms"] == replay.activity().active_ms
        assert s["duration_ms"] == replay.duration_ms
    assert s["worker_peak_kb"] > 0 and s["elapsed_ms"] > 0 and s["input_bytes"] > 0


def test_session_id_from_the_container():
    result = batch.analyze([str(DATA / "posthog-capture.json"), str(DATA / "sentry-raw")], workers=1)
    ids = dict(zip(result["sessions"].column("recording").to_pylist(),
                   result["sessions"].column("session_id").to_pylist(), strict=True))
    assert ids[str(DATA / "posthog-capture.json")] == "01a2206c-6eb1-7d48-b3ae-fdb98e54ae69"
    assert ids[str(DATA / "sentry-raw")] == "90e0ee9762254b5f86e90f057ac3b951"
    assert set(result["clicks"].column("session_id").to_pylist()) == set(ids.values())


def test_bytes_are_keyed_by_their_sha1_and_analysed_once():
    data = tiny()
    result = batch.analyze([data, data], workers=1)
    key = "bytes:" + hashlib.sha1(data).hexdigest()[:16]
    assert result["sessions"].column("recording").to_pylist() == [key]
    assert result["clicks"].num_rows == 2
    assert result["clicks"].column("tag").to_pylist() == ["button", "a"]
    assert result["sessions"].column("clicks").to_pylist() == [2]


def test_a_junk_file_is_a_row_of_errors_and_the_others_are_fine(tmp_path):
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00not a recording at all")
    missing = tmp_path / "missing.json"
    recs = [str(GOOD[0]), str(junk), str(GOOD[1]), str(missing)]
    result = batch.analyze(recs, workers=1)
    errors = {r["recording"]: r for r in result["errors"].to_pylist()}
    assert set(errors) == {str(junk), str(missing)}
    assert errors[str(missing)]["error_type"] == "FileNotFoundError"
    assert errors[str(junk)]["error_type"] and errors[str(junk)]["message"]
    assert sorted(result["sessions"].column("recording").to_pylist()) == sorted([str(GOOD[0]), str(GOOD[1])])
    alone = batch.analyze([str(GOOD[1])], workers=1)
    assert rows(alone["clicks"]) == [r for r in rows(result["clicks"], drop=("session_id", "window"))
                                     if r.pop("recording") == str(GOOD[1])]


def test_strict_raises_at_the_first_failure(tmp_path):
    junk = tmp_path / "junk.json"
    junk.write_text("{]")
    with pytest.raises(batch.BatchError) as info:
        batch.analyze([str(GOOD[1]), str(junk)], workers=1, strict=True, out=tmp_path / "out")
    assert info.value.recording == str(junk)
    assert isinstance(info.value, rrweb_py.RrwebPyError)
    # what was done before is written and readable
    assert pq.read_table(tmp_path / "out" / "sessions" / "part-0001.parquet").num_rows == 1


def test_resume_after_an_interruption_analyses_each_recording_once(tmp_path):
    recs = [str(p) for p in GOOD] + [str(DATA / "sentry-zlib")]
    out = tmp_path / "out"
    first = batch.analyze(recs[:2], workers=1, out=out)
    assert first["sessions"].num_rows == 2
    # a run killed before it closed its files leaves a part without a footer
    (out / "clicks" / "part-0002.parquet").write_bytes(b"PAR1 cut off")
    seen = []
    second = batch.analyze(recs, workers=1, out=out, resume=True, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2, 2)
    assert sorted(second["sessions"].column("recording").to_pylist()) == sorted(recs)
    assert (out / "clicks" / "part-0002.parquet.incomplete").exists()
    assert (out / "sessions" / "part-0003.parquet").exists()
    fresh = batch.analyze(recs, workers=1)
    by = ("recording", "index")
    assert sorted(rows(second["clicks"], drop=()), key=lambda r: tuple(r[k] for k in by)) == sorted(
        rows(fresh["clicks"], drop=()), key=lambda r: tuple(r[k] for k in by))
    # nothing left to do
    third = batch.analyze(recs, workers=1, out=out, resume=True)
    assert third["sessions"].num_rows == len(recs)


def test_tables_choice_and_bad_arguments():
    result = batch.analyze([str(GOOD[1])], workers=1, tables=["clicks"])
    assert list(result) == ["sessions", "clicks", "errors"]
    with pytest.raises(rrweb_py.InvalidArgument):
        batch.analyze([str(GOOD[1])], tables=["nope"])
    with pytest.raises(rrweb_py.InvalidArgument):
        batch.analyze([str(GOOD[1])], resume=True)
    with pytest.raises(rrweb_py.InvalidArgument):
        batch.analyze([str(GOOD[1])], preset="nope")
    with pytest.raises(rrweb_py.InvalidArgument):
        batch.analyze([42])


def test_an_output_directory_with_tables_needs_resume(tmp_path):
    batch.analyze([str(GOOD[1])], workers=1, out=tmp_path)
    with pytest.raises(rrweb_py.InvalidArgument, match="resume"):
        batch.analyze([str(GOOD[1])], workers=1, out=tmp_path)
    assert batch.analyze([str(GOOD[1])], workers=1, out=tmp_path, resume=True)["sessions"].num_rows == 1


def test_values_that_do_not_fit_their_column_are_null():
    t = batch.to_table("timeline", [{"recording": "r", "status": "n/a", "count": 2.0, "offset_ms": 3,
                                     "summary": 7, "unknown": 1}])
    (row,) = t.to_pylist()
    assert (row["status"], row["count"], row["offset_ms"], row["summary"]) == (None, 2, 3.0, "7")


def test_file_urls_are_read_through_fsspec():
    pytest.importorskip("fsspec", reason="fsspec is in the batch extra")
    url = (DATA / "rrweb-packed.json").as_uri()
    result = batch.analyze([url], workers=1)
    assert result["sessions"].column("recording").to_pylist() == [url]
    assert rows(result["clicks"]) == [c.to_row() for c in rrweb_py.load(DATA / "rrweb-packed.json").clicks()]


def test_command_line(tmp_path, capsys):
    junk = tmp_path / "junk.json"
    junk.write_text("nope")
    listing = tmp_path / "list.txt"
    listing.write_text(f"{GOOD[1]}\n\n# a comment\n{junk}\n")
    out = tmp_path / "out"
    assert main(["batch", str(GOOD[0]), "--from-list", str(listing), "-o", str(out), "--workers", "1",
                 "--json", "--tables", "clicks,signals"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["recordings"] == 3
    assert summary["tables"]["errors"] == 1 and summary["tables"]["sessions"] == 2
    assert set(summary["tables"]) == {"sessions", "clicks", "signals", "errors"}
    assert not (out / "timeline").exists()
    assert main(["batch", str(GOOD[0]), "-o", str(out), "--workers", "1", "--resume", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["recordings"] == 3
    assert main(["batch", str(junk), "-o", str(tmp_path / "o2"), "--workers", "1", "--strict"]) == 1
    assert main(["batch", "-o", str(tmp_path / "o3")]) == 2
    assert main(["batch", str(GOOD[0])]) == 2  # no -o


def test_docs_name_every_column():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "batch.md").read_text()
    schemas = doc.split("## Schemas", 1)[1].split("\n## ", 1)[0]
    for name, cols in batch.COLUMNS.items():
        assert f"**{name}**" in schemas, name
        assert [c for c, _ in cols if f"`{c}`" not in schemas] == [], name


def test_every_table_has_a_file_even_without_rows(tmp_path):
    """A table no recording gave a row (no error, no signal) still has a Parquet file with its columns, so that a
    query over OUT/<table>/*.parquet finds them."""
    batch.analyze([str(GOOD[1])], workers=1, out=tmp_path / "out")
    for name in batch.TABLES:
        files = list((tmp_path / "out" / name).glob("part-*.parquet"))
        assert len(files) == 1, name
        assert pq.read_table(files[0]).schema.names == batch.schema(name).names
    assert pq.read_table(tmp_path / "out" / "errors" / "part-0001.parquet").num_rows == 0
