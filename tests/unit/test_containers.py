"""Containers: every real-world wrapping of rrweb events, from fixtures the real SDKs produced.

The fixtures in tests/data/containers were made by tools/fixtures/generate.mjs (@sentry/browser with replay,
posthog-js and @rrweb/packer in headless Chromium, captured at a local endpoint) and tools/fixtures/derive.py (the
stored forms their backends write); manifest.json there has the versions and steps.
"""

from __future__ import annotations

import base64
import copy
import gzip
import io
import json
import sys
import zlib
from pathlib import Path

import orjson
import pytest

import rrweb_py
from rrweb_py._formats import decode, posthog, transport
from tests.builders import T0, add, el, meta, mutation, page, snapshot
from tests.conftest import CORPUS, corpus_or_skip

DATA = Path(__file__).resolve().parents[1] / "data" / "containers"
EVENTS = [meta(0), snapshot(page(el(10, "ul")), 1), mutation(100, adds=[add(10, el(11, "li"))])]

POSTHOG_FORMS = ["posthog-2tabs.jsonl", "posthog-2tabs-legacy.jsonl", "posthog-2tabs-windowid.jsonl",
                 "posthog-capture.json"]
POSTHOG_EXPORTS = ["posthog-export-2022-12-02.json", "posthog-export-2023-04-28.json", "posthog-form-base64",
                   "posthog-form-lz64"]
SENTRY_FORMS = ["sentry-zlib", "sentry-segments-zlib"]
SENTRY_RAW_FORMS = ["sentry-raw", "sentry-segments-raw", "sentry-api-segments.json", "sentry-api-pages"]


def windows_of(source):
    return {wid: list(r.events) for wid, r in rrweb_py.load(source).windows.items()}


def has_cramjam() -> bool:
    try:
        import cramjam  # noqa: F401
    except ImportError:
        return False
    return True


# ------------------------------------------------------------------------------------------ real SDK fixtures


@pytest.mark.parametrize("name", [*POSTHOG_FORMS, *POSTHOG_EXPORTS, *SENTRY_FORMS, *SENTRY_RAW_FORMS,
                                  "rrweb-packed.json", "posthog-2tabs.snappy"])
def test_fixture_loads_and_replays_cleanly(name):
    """Each real container loads, and every window replays to its end without an anomaly."""
    if name.endswith(".snappy") and not has_cramjam():
        pytest.skip("snappy needs the optional cramjam package")
    replay = rrweb_py.load(DATA / name, on_anomaly="raise")
    for window in replay.windows.values():
        frame = window.at(window.duration_ms)
        assert frame.to_rrweb()["type"] == 0
        assert frame.href.startswith("http://127.0.0.1:")
        assert any(ev["type"] == 2 for ev in window.events)


def test_posthog_forms_agree():
    """The SDK's capture events and the three stored line shapes give the same two windows."""
    reference = windows_of(DATA / "posthog-capture.json")
    assert len(reference) == 2
    for name in POSTHOG_FORMS[:-1]:
        got = windows_of(DATA / name)
        assert got.keys() == reference.keys(), name
        for wid in got:
            assert [_strip_wid(e) for e in got[wid]] == [_strip_wid(e) for e in reference[wid]], name
    if has_cramjam():
        assert windows_of(DATA / "posthog-2tabs.snappy") == windows_of(DATA / "posthog-2tabs.jsonl")


def _strip_wid(ev):
    return {k: v for k, v in ev.items() if k != "windowId"}


def test_posthog_exports_and_form_bodies_agree_with_the_capture():
    """PostHog's export files (both versions) and the form-encoded capture bodies (base64, lz64) give the windows
    the captured $snapshot events give, each recognised by content and named in source_info."""
    reference = windows_of(DATA / "posthog-capture.json")
    formats = {
        "posthog-export-2022-12-02.json": "PostHog export file (2022-12-02)",
        "posthog-export-2023-04-28.json": "PostHog export file (2023-04-28)",
        "posthog-form-base64": "PostHog capture body (form-encoded data=)",
        "posthog-form-lz64": "PostHog lz64 (LZString base64)",
    }
    for name, fmt in formats.items():
        replay = rrweb_py.load(DATA / name, on_anomaly="raise")
        assert fmt in replay.source_info.formats, name
        got = {wid: [_strip_wid(e) for e in w.events] for wid, w in replay.windows.items()}
        assert got == {wid: [_strip_wid(e) for e in evs] for wid, evs in reference.items()}, name
    v2 = rrweb_py.load(DATA / "posthog-export-2023-04-28.json")
    assert v2.source_info.meta["session_ids"] == json.loads(
        (DATA / "posthog-export-2023-04-28.json").read_text())["data"]["id"].split()
    body = (DATA / "posthog-form-base64" / "1.body").read_bytes()
    assert windows_of(body) == windows_of(body.decode().replace("%2B", "+").replace("%2F", "/").replace(
        "%3D", "=").encode())  # a body whose URL encoding was undone once already


def test_posthog_export_shapes_and_errors():
    """An unknown export version is read and reported; a form body that does not decode says what it is."""
    export = json.loads((DATA / "posthog-export-2023-04-28.json").read_text())
    export["version"] = "2099-01-01"
    r = rrweb_py.load(export)
    assert [a.kind for a in r.anomalies] == ["unknown-version"] and "2099-01-01" in r.anomalies[0].detail
    with pytest.raises(rrweb_py.DecodeError, match=r"data= field of a PostHog capture body is not base64"):
        rrweb_py.load(b"data=%%%not-base64")
    lz = (DATA / "posthog-form-lz64" / "1.body").read_text()
    with pytest.raises(rrweb_py.DecodeError, match="lz64 data ends without its end mark"):
        rrweb_py.load(lz[:len(lz) // 2].rsplit("%", 1)[0] + "&compression=lz64")


def test_lz_decompress_base64_matches_lz_string():
    """The LZString decoder reads what the lz-string npm package wrote (the fixture), including characters
    outside the BMP."""
    assert posthog.lz_decompress_base64("NobwRAhmBcYBYEuA2SD2ACQvBuAA9sBfAXSA") == '[{"a":"héllo 😀"}]'
    assert posthog.lz_decompress_base64("") == ""


def test_sentry_api_pages_and_metadata_only_answer():
    """The paginated recording-segments download (a directory of pages, a missing segment as []) gives the one
    download's events; the older metadata-only answer says what to download instead."""
    assert windows_of(DATA / "sentry-api-pages") == windows_of(DATA / "sentry-api-segments.json")
    meta_only = {"data": [{"replayId": "a" * 32, "segmentId": 0, "projectId": "1", "dateAdded": "2026-11-27"}]}
    with pytest.raises(rrweb_py.DecodeError, match=r"without their events .*\?download"):
        rrweb_py.load(meta_only)


def test_posthog_cv_events_are_inflated():
    """posthog-js's cv 2024-10 events (gzip latin-1 strings) come out as plain rrweb events, the input unchanged."""
    raw = json.loads((DATA / "posthog-capture.json").read_text())
    assert any(ev.get("cv") == "2024-10" for snap in raw for ev in snap["properties"]["$snapshot_data"])
    before = copy.deepcopy(raw)
    replay = rrweb_py.load(raw)
    assert raw == before
    for window in replay.windows.values():
        for ev in window.events:
            assert "cv" not in ev
            if ev["type"] == 2:
                assert isinstance(ev["data"], dict) and ev["data"]["node"]["type"] == 0
            if ev["type"] == 3 and ev["data"]["source"] == 0:
                assert all(isinstance(ev["data"][k], list) for k in ("adds", "removes", "texts", "attributes"))


def test_posthog_cv_base64_variant():
    """The base64 spelling of a cv field (H4sI...) decodes the same as the latin-1 one."""
    raw = json.loads((DATA / "posthog-capture.json").read_text())
    b64 = copy.deepcopy(raw)
    for snap in b64:
        for ev in snap["properties"]["$snapshot_data"]:
            if ev.get("cv") and isinstance(ev["data"], str):
                ev["data"] = base64.b64encode(ev["data"].encode("latin-1")).decode()
    assert windows_of(b64) == windows_of(raw)


def test_posthog_windows_and_front_tab():
    """Two tabs give two replays reachable from each other, and a front-tab timeline that follows the user."""
    replay = rrweb_py.load(DATA / "posthog-2tabs.jsonl")
    windows = replay.windows
    assert len(windows) == 2
    first, second = windows
    assert replay is windows[first] and replay.window_id == first
    assert windows[second].windows.keys() == windows.keys()
    assert windows[first].start_timestamp < windows[second].start_timestamp
    # tab 1 in front, then tab 2 (opened and used), then tab 1 again (brought to front and used)
    assert [w for _, w in replay.front_tab] == [first, second, first]
    times = [t for t, _ in replay.front_tab]
    assert times == sorted(times)
    assert replay.front_tab is windows[second].front_tab
    captured = rrweb_py.load(DATA / "posthog-capture.json")
    assert len(captured.source_info.meta["session_ids"]) == 1  # two tabs of one session
    assert captured.front_tab == replay.front_tab


def test_posthog_gzip_and_bytes_and_text():
    """The same lines as a gzip file, as bytes and as text."""
    text = (DATA / "posthog-2tabs.jsonl").read_text()
    expect = windows_of(DATA / "posthog-2tabs.jsonl")
    assert windows_of(gzip.compress(text.encode())) == expect
    assert windows_of(text) == expect


def test_sentry_envelopes_segments_and_api_agree():
    """Envelopes, bare segments and the API's segment list give the same events; zlib and raw SDK runs match in
    shape."""
    raw = windows_of(DATA / "sentry-raw")
    assert windows_of(DATA / "sentry-segments-raw") == raw
    assert windows_of(DATA / "sentry-api-segments.json") == raw
    zl = windows_of(DATA / "sentry-zlib")
    assert windows_of(DATA / "sentry-segments-zlib") == zl
    assert list(raw) == list(zl) == [""]
    kinds = lambda evs: sorted({(e["type"], (e.get("data") or {}).get("tag")) for e in evs})
    assert kinds(raw[""]) == kinds(zl[""])


def test_sentry_custom_events_kept_with_ms_timestamps():
    """options / breadcrumb / performanceSpan custom events are kept; performanceSpan's seconds become ms."""
    replay = rrweb_py.load(DATA / "sentry-zlib")
    tags = {ev["data"]["tag"] for ev in replay.events if ev["type"] == 5}
    assert {"options", "breadcrumb", "performanceSpan"} <= tags
    rrweb_ts = [ev["timestamp"] for ev in replay.events if ev["type"] != 5]
    for ev in replay.events:
        assert ev["timestamp"] > 1e12
        if ev["type"] == 5 and ev["data"]["tag"] == "performanceSpan":
            assert abs(ev["timestamp"] - ev["data"]["payload"]["startTimestamp"] * 1000) < 1
    assert min(rrweb_ts) - 60_000 < replay.start_timestamp
    assert replay.source_info.meta["segment_ids"] == [0, 1, 2]
    assert len(replay.source_info.meta["replay_ids"]) == 1


def test_sentry_parts_stitched_by_segment_id(tmp_path):
    """A list of segment files in any order is stitched by segment id; a segment given twice counts once."""
    parts = sorted((DATA / "sentry-segments-zlib").iterdir())
    expect = windows_of(DATA / "sentry-segments-zlib")
    assert windows_of(list(reversed(parts))) == expect
    assert windows_of([str(p) for p in parts]) == expect
    assert windows_of([p.read_bytes() for p in reversed(parts)]) == expect  # parts in memory (e.g. from a blob store)
    replay = rrweb_py.load([parts[0], *parts])
    assert [ev for ev in replay.events] == expect[""]
    assert [a.kind for a in replay.anomalies] == ["duplicate-segment"]


def test_sentry_video_packed_blob():
    """Sentry's stored blob with a video (type byte 1 + 4-byte length + video + rrweb JSON) yields the rrweb
    part."""
    body = orjson.dumps(EVENTS)
    video = b"\x00\x01fake-mp4"
    blob = zlib.compress(b"\x01" + len(video).to_bytes(4, "big") + video + body)
    assert len(rrweb_py.load(b'{"segment_id":3}\n' + blob)) == 3
    assert len(rrweb_py.load(b'{"segment_id":3}\n' + zlib.compress(b"\x00" + body))) == 3


def test_rrweb_packer():
    """@rrweb/packer v1 strings unpack (the 'v' mark dropped), as a file and as a Python list; a bad one is
    skipped and reported."""
    packed = json.loads((DATA / "rrweb-packed.json").read_text())
    assert all(isinstance(p, str) for p in packed)
    replay = rrweb_py.load(packed)
    assert len(replay) == len(packed)
    assert all("v" not in ev for ev in replay.events)
    assert {0, 2, 3, 4} <= {ev["type"] for ev in replay.events}
    broken = [*packed[:5], packed[5][:20], *packed[6:]]
    r = rrweb_py.load(broken)
    assert len(r) == len(packed) - 1
    assert [a.kind for a in r.anomalies] == ["undecodable-event"]


def test_real_posthog_legacy_file_matches_its_plain_windows():
    """The real PostHog legacy JSONL gives the two windows that corpus/real/posthog-2windows-w0/-w1 hold as plain
    arrays, with the same frames."""
    corpus = corpus_or_skip()
    raw = corpus / "real" / "raw" / "posthog-recording-snapshots-2windows.jsonl"
    replay = rrweb_py.load(raw)
    assert len(replay.windows) == 2
    for (wid, window), name in zip(replay.windows.items(), ["posthog-2windows-w0", "posthog-2windows-w1"]):
        case = json.loads((corpus / "real" / name / "case.json").read_text())
        assert case["wrapper_without_events"]["window_id"] == wid
        plain = rrweb_py.load(corpus / "real" / name / "events.json")
        assert window.events == plain.events
        for t in sorted({0, plain.duration_ms / 2, plain.duration_ms, *[ev["timestamp"] - plain.start_timestamp
                                                                        for ev in plain.events[::5]]}):
            assert window.at(t).to_rrweb() == plain.at(t).to_rrweb()
    assert [w for _, w in replay.front_tab] == list(replay.windows)


# ------------------------------------------------------------------------------------------ plain shapes


@pytest.mark.parametrize("wrap", [
    lambda ev: {"events": ev},
    lambda ev: {"rrweb_data": ev},
    lambda ev: {"session": {"id": "s1"}, "events": ev},
    lambda ev: {"session": {"events": ev}},
    lambda ev: [ev],
    lambda ev: {"snapshot_data_by_window_id": {"w": ev}},
    lambda ev: json.dumps(ev),
], ids=["events", "rrweb_data", "session-events", "session.events", "segment-list", "by-window", "json-string"])
def test_wrapper_shapes(wrap):
    """Wrapper objects, a segment list and JSON-in-a-string all load."""
    r = rrweb_py.load(orjson.dumps(wrap(EVENTS)))
    assert len(r) == 3 and r.start_timestamp == T0


def test_jsonl_shapes(tmp_path):
    """JSON Lines of events, of [windowId, event] pairs, and a pretty-printed array stream from a file alike."""
    lines = b"\n".join(orjson.dumps(ev) for ev in EVENTS) + b"\n"
    pairs = b"\n".join(orjson.dumps(["w1", ev]) for ev in EVENTS)
    pretty = json.dumps(EVENTS, indent=2).encode()
    for name, raw in (("a.jsonl", lines), ("b.jsonl", pairs), ("c.json", pretty)):
        (tmp_path / name).write_bytes(raw)
        for source in (raw, tmp_path / name):
            r = rrweb_py.load(source)
            assert len(r) == 3
    assert list(rrweb_py.load(pairs).windows) == ["w1"]
    assert list(rrweb_py.load(lines).windows) == [""]


def test_single_window_defaults():
    """A single-window recording maps its window to itself and has a one-entry front-tab timeline."""
    r = rrweb_py.load(EVENTS)
    assert r.windows == {"": r}
    assert r.front_tab == ((T0, ""),)
    assert r.source_info.formats


@pytest.mark.parametrize("streamed", [False, True])
def test_every_fixture_same_streamed_or_in_memory(monkeypatch, tmp_path, streamed):
    """Files streamed in chunks (plain or gzip) decode exactly as the same bytes in memory."""
    monkeypatch.setattr(transport, "CHUNK_BYTES", 4096)
    files = [p for p in DATA.rglob("*") if p.is_file() and p.suffix in (".json", ".jsonl", "")
             and p.name not in ("manifest.json", "posthog-requests.json") and p.parent.name.startswith("sentry-seg")
             or p.name in ("posthog-2tabs.jsonl", "posthog-capture.json", "rrweb-packed.json",
                           "sentry-api-segments.json", "posthog-2tabs-legacy.jsonl")]
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("real/*/events.json")) + [CORPUS / "real/raw/posthog-recording-snapshots-2windows.jsonl"]
    assert files
    for path in files:
        raw = path.read_bytes()
        monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 64 * 1024**2)
        expect = decode(raw).windows  # parsed whole
        if streamed:
            monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
            assert decode(raw).windows == expect, path  # big bytes in memory are streamed too
        assert decode(path).windows == expect, path
        gz = tmp_path / (path.name + ".gz")
        gz.write_bytes(gzip.compress(raw))
        assert decode(gz).windows == expect, path


# ------------------------------------------------------------------------------------------ broken input


@pytest.mark.parametrize("streamed", [False, True])
def test_truncated_array_keeps_complete_events(monkeypatch, tmp_path, streamed):
    """A plain JSON array cut inside an element keeps the complete events before the cut and reports it."""
    if streamed:
        monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
    raw = orjson.dumps(EVENTS)
    cut = raw[: raw.index(b'"timestamp"', raw.index(b'"type":3')) + 5]
    (tmp_path / "cut.json").write_bytes(cut)
    for source in (cut, tmp_path / "cut.json"):
        r = rrweb_py.load(source)
        assert len(r) == 2
        assert [a.kind for a in r.anomalies] == ["truncated-input"]
        assert r.anomalies[0].event_index == -1


def test_broken_jsonl_line_skipped_and_reported(tmp_path):
    """A garbled line of JSON Lines is skipped (the others kept); on_anomaly='raise' raises it."""
    lines = [orjson.dumps(ev) for ev in EVENTS]
    lines.insert(2, b'{"type": 3, "timest')
    raw = b"\n".join(lines)
    r = rrweb_py.load(raw)
    assert len(r) == 3
    assert [a.kind for a in r.anomalies] == ["skipped-line"]
    assert r.anomalies[0].path == "$:3"
    with pytest.raises(rrweb_py.AnomalyError):
        rrweb_py.load(raw, on_anomaly="raise")


@pytest.mark.parametrize("streamed", [False, True])
def test_truncated_gzip_keeps_events_before_the_cut(monkeypatch, tmp_path, streamed):
    """A .jsonl.gz or .json.gz cut short keeps the complete lines or elements inflated before the cut, and says
    where the text ends; on_anomaly='raise' makes it an error."""
    if streamed:
        monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
    lines = b"\n".join(orjson.dumps(ev) for ev in EVENTS * 200)
    array = orjson.dumps(EVENTS * 200)
    for name, text, unit in (("cut.jsonl.gz", lines, "inside line"), ("cut.json.gz", array, "inside element")):
        path = tmp_path / name
        path.write_bytes(gzip.compress(text)[:-300])
        r = rrweb_py.load(path)
        assert 0 < len(r) < 600
        (cut,) = r.anomalies
        assert cut.kind == "truncated-input" and cut.event_index == -1
        assert cut.detail.startswith("truncated gzip data: its text ends at byte ") and unit in cut.detail
        assert f"the {len(r)} " in cut.detail
        with pytest.raises(rrweb_py.AnomalyError, match="truncated gzip data"):
            rrweb_py.load(path, on_anomaly="raise")
    # only the gzip trailer missing: every event is there, and the cut is still said
    r = rrweb_py.load(gzip.compress(orjson.dumps(EVENTS))[:-8])
    assert len(r) == 3 and [a.kind for a in r.anomalies] == ["truncated-input"]


def test_truncated_jsonl_last_line_is_a_cut_not_a_bad_line():
    """JSON Lines whose last line is cut by the end of the input report a cut (the lines before kept), where a
    garbled line in the middle is a skipped line."""
    raw = b"\n".join(orjson.dumps(ev) for ev in EVENTS)
    r = rrweb_py.load(raw[:-20])
    assert len(r) == 2
    (cut,) = r.anomalies
    assert cut.kind == "truncated-input" and cut.path == "$:3"
    assert cut.detail == f"the input ends at byte {len(raw) - 20:,}, inside line 3; the 2 lines before it are kept"


def test_cut_wrapper_object_says_why_nothing_is_kept():
    """A cut-off wrapper object cannot keep events: the error says so, and where the input ends."""
    raw = orjson.dumps({"events": EVENTS})
    with pytest.raises(rrweb_py.DecodeError, match=r"ends at byte 30, inside its one JSON document"):
        rrweb_py.load(raw[:30])
    with pytest.raises(rrweb_py.DecodeError, match="truncated gzip data, inside its one JSON document"):
        rrweb_py.load(gzip.compress(raw)[:-12])


def test_corrupt_cv_field_skips_only_that_event():
    """A PostHog event whose compressed field is garbage is skipped and reported; the others load."""
    raw = json.loads((DATA / "posthog-capture.json").read_text())
    total = sum(len(w.events) for w in rrweb_py.load(raw).windows.values())
    for snap in raw:
        for ev in snap["properties"]["$snapshot_data"]:
            if ev.get("cv") and ev["type"] == 3:
                ev["data"]["adds"] = "\x1f\x8bgarbage"
                break
        else:
            continue
        break
    r = rrweb_py.load(raw)
    assert sum(len(w.events) for w in r.windows.values()) == total - 1
    assert [a.kind for a in r.anomalies] == ["undecodable-event"]


def test_unknown_cv_version_reported():
    ev = {**EVENTS[2], "cv": "2099-01"}
    r = rrweb_py.load([*EVENTS[:2], ev])
    assert [a.kind for a in r.anomalies] == ["unknown-version"]


def test_unknown_input_names_formats_tried():
    """Input in no known container fails with a DecodeError that names what was tried."""
    for raw in (b"\x00\x01\x02garbage", b"hello", b'{"foo": 1}'):
        with pytest.raises(rrweb_py.DecodeError) as info:
            rrweb_py.load(raw)
        text = str(info.value)
        for name in ("JSON Lines", "Sentry envelope", "PostHog", "rrweb packer", "gzip"):
            assert name in text


def test_multi_window_decode_error_names_window():
    raw = b"\n".join([orjson.dumps(["a", EVENTS[0]]), orjson.dumps(["b", {"type": "x", "timestamp": 1}])])
    with pytest.raises(rrweb_py.DecodeError, match="window 'b'") as info:
        rrweb_py.load(raw)
    assert info.value.path == "$[0].type"


def test_empty_and_missing_sources(tmp_path):
    with pytest.raises(rrweb_py.DecodeError, match="holds no files"):
        rrweb_py.load(tmp_path)  # an empty directory
    (tmp_path / "empty.json").write_bytes(b"")
    with pytest.raises(rrweb_py.DecodeError, match=r"empty\.json is empty \(0 bytes\)"):
        rrweb_py.load(tmp_path / "empty.json")
    for missing in (tmp_path / "nope.json", str(tmp_path / "nope.json"), [tmp_path / "nope.json"], "nope.json"):
        with pytest.raises(FileNotFoundError) as info:
            rrweb_py.load(missing)
        assert info.value.filename.endswith("nope.json")


def test_directory_skips_and_names_files_that_are_not_parts(tmp_path):
    """A capture folder with a manifest, a README, a hidden file and a broken part loads its parts; every file
    skipped is named with its own reason, and on_anomaly='raise' makes the first one an error."""
    folder = tmp_path / "capture"
    folder.mkdir()
    for seg in sorted((DATA / "sentry-segments-zlib").iterdir()):
        (folder / f"segment-{seg.name}").write_bytes(seg.read_bytes())
    (folder / "manifest.json").write_text('{"generator": "capture.mjs", "steps": ["open /"]}')
    (folder / "README").write_text("Captured on a Tuesday.\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "extra.json.gz").write_bytes(gzip.compress(b'{"note": 1}'))
    r = rrweb_py.load(folder)
    assert r.windows.keys() == windows_of(DATA / "sentry-segments-zlib").keys()
    assert list(r.events) == windows_of(DATA / "sentry-segments-zlib")[""]
    skipped = {Path(a.path).name: a.detail for a in r.anomalies if a.kind == "skipped-file"}
    assert skipped == {
        ".DS_Store": "a hidden file; not read",
        "extra.json.gz": "a JSON object with keys 'note' is not a recording: expected a JSON array of rrweb events",
        "manifest.json": ("a JSON object with keys 'generator', 'steps' is not a recording: expected a JSON array "
                          "of rrweb events"),
        "README": "README is text that is not JSON (it starts with 'Captured on a Tuesday.'), not a recording",
    }
    assert all(a.event_index == -1 for a in r.anomalies)
    with pytest.raises(rrweb_py.AnomalyError, match="skipped-file"):
        rrweb_py.load(folder, on_anomaly="raise")
    # nothing to load at all: one error naming every file and why
    for seg in folder.glob("segment-*"):
        seg.unlink()
    with pytest.raises(rrweb_py.DecodeError, match=r"no file in the directory .* holds a recording \(.*README: "
                       r"README is text .*manifest.json: a JSON object"):
        rrweb_py.load(folder)


def test_named_files_in_a_list_fail_with_their_name(tmp_path):
    """A list of files given by the caller is not a directory listing: a part that fails raises, naming it."""
    good = tmp_path / "0.json"
    good.write_bytes(orjson.dumps(EVENTS))
    bad = tmp_path / "1.json"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(rrweb_py.DecodeError, match=rf"{bad} holds binary data that is not a recording"):
        rrweb_py.load([good, bad])
    with pytest.raises(rrweb_py.DecodeError, match=r"part 1 holds binary data"):
        rrweb_py.load([good.read_bytes(), bad.read_bytes()])


@pytest.mark.parametrize(("content", "message"), [
    (b"", r"x\.json is empty \(0 bytes\): there is no recording in it"),
    (b" \n\t\n", r"x\.json holds only whitespace: there is no recording in it"),
    (bytes(range(256)), r"x\.json holds binary data that is not a recording in any format rrweb_py reads"),
    (b"PK\x03\x04\x14\x00\x00\x00", r"x\.json holds binary data"),
    (b"Hello, this is not a recording", r"x\.json is text that is not JSON \(it starts with 'Hello, this"),
    (b"42", r"x\.json: a JSON number \(42\) is not a recording"),
    (b'"just text"', r"x\.json: a JSON string \('just text'\) is not a recording"),
    (b"null", r"x\.json: JSON null is not a recording"),
    (b"{}", r"x\.json: an empty JSON object is not a recording"),
    (b'{"foo": 1}', r"x\.json: a JSON object with keys 'foo' is not a recording"),
    (b"[]", r"x\.json: the recording has no events"),
    (b"[1, 2]", r"x\.json: expected an event object, got int"),
])
@pytest.mark.parametrize("streamed", [False, True])
def test_unusable_files_get_one_sentence_naming_them(monkeypatch, tmp_path, content, message, streamed):
    if streamed:
        monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(rrweb_py.DecodeError, match=message) as info:
        rrweb_py.load(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_text_load(monkeypatch, tmp_path, encoding, streamed):
    """UTF-16 (with or without a byte-order mark) and UTF-8 with a BOM load like UTF-8: arrays, JSON Lines,
    wrappers, plain and gzip."""
    if streamed:
        monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
        monkeypatch.setattr(transport, "CHUNK_BYTES", 64)
    events = [*EVENTS[:2], mutation(100, adds=[add(10, el(11, "li", {"title": "héllo 😀"}))])]
    texts = {
        "array": json.dumps(events, ensure_ascii=False),
        "lines": "\n".join(json.dumps(ev, ensure_ascii=False) for ev in events) + "\n",
        "wrapper": json.dumps({"events": events}, ensure_ascii=False, indent=1),
    }
    for shape, text in texts.items():
        raw = text.encode(encoding)
        for name, data in ((f"{shape}.json", raw), (f"{shape}.json.gz", gzip.compress(raw))):
            (tmp_path / name).write_bytes(data)
            r = rrweb_py.load(tmp_path / name, on_anomaly="raise")
            assert list(r.events) == events, (shape, name)
        assert list(rrweb_py.load(raw).events) == events, shape


# ------------------------------------------------------------------------------------------ depth


DEEP = 100_000
_NEST = b"[" * DEEP + b"]" * DEEP


def _with_deep(value: dict, **extra: object) -> bytes:
    """``value`` as JSON with ``"deep"`` in its ``data``: a list nested DEEP levels (an unknown key the engine
    keeps; a deep document must only load). Built as text: nothing here may recurse."""
    return orjson.dumps({**value, **extra, "data": {**value["data"], "deep": "@@"}}).replace(b'"@@"', _NEST)


@pytest.fixture
def orjson_depth_limit(monkeypatch):
    """orjson.loads as orjson 3.9.15+ behaves (documents deeper than 1,024 levels refused), whatever orjson is
    installed: the fallback parser runs under the old orjson too."""
    real = orjson.loads

    def limited(raw):
        value = real(raw)
        stack = [(value, 1)]
        while stack:
            v, d = stack.pop()
            if d > 1024:
                raise orjson.JSONDecodeError("depth limit exceeded", "", 0)
            if isinstance(v, dict):
                stack.extend((x, d + 1) for x in v.values())
            elif isinstance(v, list):
                stack.extend((x, d + 1) for x in v)
        return value

    monkeypatch.setattr(orjson, "loads", limited)


def _deep_containers() -> dict[str, bytes]:
    deep_mutation = _with_deep(EVENTS[2])
    array = b"[" + orjson.dumps(EVENTS[0]) + b"," + orjson.dumps(EVENTS[1]) + b"," + deep_mutation + b"]"
    lines = b"\n".join([orjson.dumps(EVENTS[0]), orjson.dumps(EVENTS[1]), deep_mutation])
    snapshot_data = gzip.compress(orjson.dumps({**EVENTS[1]["data"], "deep": "@@"}).replace(b'"@@"', _NEST))
    cv = orjson.dumps({**EVENTS[1], "cv": "2024-10", "data": snapshot_data.decode("latin-1")})
    packed = zlib.compress(_with_deep(EVENTS[2], v="v1")).decode("latin-1")
    capture = b'[{"event":"$snapshot","properties":{"$window_id":"w","$snapshot_data":[' + (
        orjson.dumps(EVENTS[0]) + b"," + cv + b"," + orjson.dumps(EVENTS[2])) + b"]}}]"
    return {
        "array": array,
        "json lines": lines,
        "wrapper": b'{"events":' + array + b"}",
        "gzip array": gzip.compress(array),
        "PostHog legacy line": b'{"window_id":"w","data":' + array + b"}\n",
        "PostHog [windowId, event] lines": b"\n".join(b'["w",' + ln + b"]" for ln in lines.split(b"\n")),
        "PostHog capture, cv-compressed snapshot": capture,
        "PostHog form body": b"data=" + base64.b64encode(capture),
        "rrweb packer": orjson.dumps([EVENTS[0], EVENTS[1], packed]),
        "Sentry segment (zlib)": b'{"segment_id":0}\n' + zlib.compress(array),
        "Sentry API download": b"[" + array + b"]",
    }


@pytest.mark.parametrize("limit", [False, True], ids=["installed-orjson", "orjson-depth-limit"])
@pytest.mark.parametrize("streamed", [False, True])
def test_any_depth_loads_in_every_container(request, monkeypatch, limit, streamed):
    """A 100,000-deep document loads however it is wrapped (array, JSON Lines, wrappers, gzip, PostHog lines,
    capture bodies and cv fields, rrweb's packer, Sentry segments), with orjson's depth limit or without, with the
    default recursion limit."""
    inputs = _deep_containers()
    if limit:
        request.getfixturevalue("orjson_depth_limit")
    if streamed:
        monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        for name, raw in inputs.items():
            # streamed, the events also go through the on-disk store (written and read back at any depth)
            r = rrweb_py.load(raw, store="disk" if streamed else "memory")
            assert len(r) == 3, name
            (deep,) = [ev["data"]["deep"] for ev in r.events if "deep" in ev["data"]]
            depth = 0
            while deep:
                (deep,) = deep
                depth += 1
            assert depth + 1 == DEEP, name  # DEEP lists, the innermost empty
            assert not r.anomalies, name
    finally:
        sys.setrecursionlimit(old)


# ------------------------------------------------------------------------------------------ caps


def test_decompression_bomb_refused(monkeypatch, tmp_path):
    """Inflating past the cap is refused, in memory and streamed from a file."""
    monkeypatch.setattr(transport, "MAX_TEXT_BYTES", 1_000_000)
    bomb = gzip.compress(b"[" + b" " * 5_000_000 + b"]")
    with pytest.raises(rrweb_py.DecodeError, match="bomb"):
        rrweb_py.load(bomb)
    (tmp_path / "bomb.gz").write_bytes(bomb)
    with pytest.raises(rrweb_py.DecodeError, match="bomb"):
        rrweb_py.load(tmp_path / "bomb.gz")
    zbomb = zlib.compress(b"\n" * 5_000_000)
    with pytest.raises(rrweb_py.DecodeError, match="bomb"):
        rrweb_py.load(b'{"segment_id":0}\n' + zbomb)  # a Sentry segment body


def test_packed_and_cv_field_bombs(monkeypatch):
    """A packed event or cv field inflating past the per-event cap is skipped and reported."""
    monkeypatch.setattr(transport, "MAX_EVENT_BYTES", 10_000)
    big = {**EVENTS[2], "pad": "x" * 50_000}
    packed = zlib.compress(orjson.dumps({**big, "v": "v1"})).decode("latin-1")
    r = rrweb_py.load([*EVENTS, packed])
    assert len(r) == 3 and [a.kind for a in r.anomalies] == ["undecodable-event"]
    cv = {**EVENTS[1], "cv": "2024-10", "data": gzip.compress(orjson.dumps({"x": "y" * 50_000})).decode("latin-1")}
    r = rrweb_py.load([EVENTS[0], EVENTS[1], cv])
    assert len(r) == 2 and [a.kind for a in r.anomalies] == ["undecodable-event"]


def test_huge_line_and_element_refused(monkeypatch, tmp_path):
    """One line or one array element over the per-event cap is refused with a clear error."""
    monkeypatch.setattr(transport, "MAX_EVENT_BYTES", 10_000)
    monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
    monkeypatch.setattr(transport, "CHUNK_BYTES", 1024)
    big = {**EVENTS[2], "pad": "x" * 50_000}
    (tmp_path / "a.jsonl").write_bytes(orjson.dumps(EVENTS[0]) + b"\n" + orjson.dumps(big) + b"\n")
    with pytest.raises(rrweb_py.DecodeError, match="longer than 10000 bytes"):
        rrweb_py.load(tmp_path / "a.jsonl")
    (tmp_path / "a.json").write_bytes(orjson.dumps([EVENTS[0], big]))
    with pytest.raises(rrweb_py.DecodeError, match="larger than 10000 bytes") as info:
        rrweb_py.load(tmp_path / "a.json")
    assert info.value.path == "$[1]"


@pytest.mark.parametrize("streamed", [False, True])
def test_absurd_nesting(monkeypatch, tmp_path, streamed):
    """100,000 levels of JSON nesting load (past orjson's depth limit where it has one) and replay without a
    RecursionError."""
    if streamed:
        monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
    deep = b'[{"type":3,"timestamp":1,"data":' + b"[" * 100_000 + b"]" * 100_000 + b"}]"
    (tmp_path / "deep.json").write_bytes(deep)
    r = rrweb_py.load(tmp_path / "deep.json")
    r.at(0).to_html()
    assert r.anomalies


def test_nan_literal_refused_when_streamed(monkeypatch, tmp_path):
    monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
    (tmp_path / "nan.json").write_bytes(b'[{"type":4,"timestamp":NaN,"data":{}}]')
    with pytest.raises(rrweb_py.DecodeError, match="not valid JSON") as info:
        rrweb_py.load(tmp_path / "nan.json")
    assert info.value.path == "$[0]"


def test_snappy_without_cramjam_says_so(monkeypatch):
    """Without the optional cramjam package, snappy input fails with a message that says what to install."""
    raw = (DATA / "posthog-2tabs.snappy").read_bytes()
    monkeypatch.setitem(sys.modules, "cramjam", None)
    with pytest.raises(rrweb_py.DecodeError, match="cramjam"):
        rrweb_py.load(raw)


def test_snappy_bomb_refused(monkeypatch):
    if not has_cramjam():
        pytest.skip("snappy needs the optional cramjam package")
    import cramjam

    monkeypatch.setattr(transport, "MAX_TEXT_BYTES", 100_000)
    block = bytes(cramjam.snappy.compress_raw(b"[" + b" " * 500_000 + b"]"))
    with pytest.raises(rrweb_py.DecodeError, match="bomb"):
        rrweb_py.load(len(block).to_bytes(4, "big") + block)


def test_stream_reads_in_chunks(monkeypatch, tmp_path):
    """A streamed array never reads the file whole: the largest single read stays near the chunk size."""
    monkeypatch.setattr(transport, "STREAM_ABOVE_BYTES", 0)
    monkeypatch.setattr(transport, "CHUNK_BYTES", 4096)
    events = [meta(0), snapshot(page(el(10, "ul")), 1)] + [
        mutation(2 + i, adds=[add(10, el(100 + i, "li"))]) for i in range(3000)]
    path = tmp_path / "big.json"
    path.write_bytes(orjson.dumps(events))
    sizes = []
    real = transport._Reader._read

    def spy(self, n):
        data = real(self, n)
        sizes.append(len(data))
        return data

    monkeypatch.setattr(transport._Reader, "_read", spy)
    r = rrweb_py.load(path)
    assert len(r) == len(events)
    assert max(sizes) <= 8192 < path.stat().st_size
    assert io  # keep the import used


def test_nested_containers_do_not_recurse():
    """Containers nested thousands deep (legacy lines in legacy lines, wrappers in wrappers, gzip in gzip) end in
    a DecodeError, never a RecursionError."""
    value: object = EVENTS
    for _ in range(5000):
        value = {"window_id": "w", "data": [value]}
    wrapped: object = EVENTS
    for _ in range(5000):
        wrapped = {"events": [wrapped]}
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(30_000)
    try:
        texts = [json.dumps(value), json.dumps(wrapped)]
    finally:
        sys.setrecursionlimit(old)
    for text in texts:
        with pytest.raises(rrweb_py.DecodeError):
            rrweb_py.load(text)
    raw = orjson.dumps(EVENTS)
    for _ in range(3):
        raw = gzip.compress(raw)
    assert len(rrweb_py.load(raw)) == 3
    for _ in range(200):
        raw = gzip.compress(raw)
    with pytest.raises(rrweb_py.DecodeError, match="compressed more than"):
        rrweb_py.load(raw)
