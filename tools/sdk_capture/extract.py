"""Decode what capture.mjs saved into the fixtures the SDK-signal test reads.

    python3 extract.py CAPTURE_DIR FIXTURE_DIR [--raw]

CAPTURE_DIR is capture.mjs's OUTDIR (sentry/envelope-NNN.bin, posthog/body-NNN.bin + .json, *-steps.json, meta.json).
FIXTURE_DIR gets (for each SDK that has data):
  sentry-events.json.gz      rrweb events of the Sentry replay, all segments in segment order
  sentry-detections.json     Sentry's own click breadcrumbs (ui.click, ui.multiClick, ui.slowClickDetected)
  posthog-events.json.gz     rrweb events from the $snapshot events ($snapshot_data, cv 2024-10 fields gunzipped)
  posthog-detections.json    the $dead_click and $rageclick events posthog-js sent
  steps.json                 the scripted steps with wall-clock times, for humans
  capture-meta.json          SDK / browser versions and what the capture served
With --raw the raw request bodies are copied too (raw/sentry/*.bin, raw/posthog/*.bin with .json sidecars).

Only the standard library and orjson.
"""

from __future__ import annotations

import base64
import gzip
import itertools
import shutil
import sys
import urllib.parse
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

SENTRY_CATEGORIES = ("ui.slowClickDetected", "ui.multiClick", "ui.click")
POSTHOG_SIGNALS = ("$dead_click", "$rageclick")


# ----------------------------------------------------------------------------------------------------------- Sentry
def sentry_items(raw: bytes) -> list[tuple[dict[str, Any], bytes]]:
    """Split one envelope into (item header, payload) pairs. Header line first; an item with "length" has exactly that
    many payload bytes (which may contain newlines: compressed replay recordings), otherwise the payload is one line."""
    pos = raw.find(b"\n")
    if pos < 0:
        return []
    pos += 1
    items = []
    while pos < len(raw):
        end = raw.find(b"\n", pos)
        if end < 0:
            end = len(raw)
        line = raw[pos:end].strip()
        pos = end + 1
        if not line:
            continue
        header = orjson.loads(line)
        if "length" in header:
            n = int(header["length"])
            payload = raw[pos : pos + n]
            pos += n
            if raw[pos : pos + 1] == b"\n":
                pos += 1
        else:
            end = raw.find(b"\n", pos)
            if end < 0:
                end = len(raw)
            payload = raw[pos:end]
            pos = end + 1
        items.append((header, payload))
    return items


def sentry_recording(payload: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """replay_recording payload: `{"segment_id":N}\\n` then the events, zlib-compressed or plain JSON."""
    nl = payload.index(b"\n")
    meta = orjson.loads(payload[:nl])
    body = payload[nl + 1 :]
    if body[:1] not in (b"[", b"{"):
        body = zlib.decompress(body)
    events = orjson.loads(body)
    return meta, events


def extract_sentry(cap: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]] | None:
    files = sorted((cap / "sentry").glob("envelope-*.bin"))
    if not files:
        return None
    segments: dict[int, list[dict[str, Any]]] = {}
    replay_ids = set()
    item_types: dict[str, int] = {}
    for f in files:
        for header, payload in sentry_items(f.read_bytes()):
            t = header.get("type", "?")
            item_types[t] = item_types.get(t, 0) + 1
            if t == "replay_event":
                replay_ids.add(orjson.loads(payload).get("replay_id"))
            if t != "replay_recording":
                continue
            meta, events = sentry_recording(payload)
            seg = int(meta["segment_id"])
            if seg in segments:
                raise SystemExit(f"{f.name}: segment {seg} seen twice")
            segments[seg] = events
    events = [e for seg in sorted(segments) for e in segments[seg]]
    detections = []
    for e in events:
        if e.get("type") != 5 or not isinstance(e.get("data"), dict) or e["data"].get("tag") != "breadcrumb":
            continue
        p = e["data"].get("payload") or {}
        if p.get("category") not in SENTRY_CATEGORIES:
            continue
        data = p.get("data") or {}
        ts = p.get("timestamp")
        detections.append(
            {
                "category": p["category"],
                "timestamp": ts * 1000
                if isinstance(ts, (int, float)) and ts < 1e11
                else ts,  # breadcrumbs are in s
                "event_timestamp": e.get("timestamp"),
                "node_id": data.get("nodeId"),
                "message": p.get("message"),
                "data": data,
            }
        )
    info = {
        "envelopes": len(files),
        "segments": sorted(segments),
        "item_types": item_types,
        "replay_ids": sorted(x for x in replay_ids if x),
    }
    return events, detections, info


# ----------------------------------------------------------------------------------------------------------- PostHog
def posthog_body(raw: bytes, url: str, headers: dict[str, str]) -> Any:
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    compression = (q.get("compression") or [""])[0]
    enc = (headers.get("content-encoding") or "").lower()
    if raw[:2] == b"\x1f\x8b" or enc == "gzip" or compression in ("gzip", "gzip-js"):
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8")
    if text.startswith("data="):
        text = urllib.parse.unquote_plus(text[5:].split("&", 1)[0])
        if compression == "base64" or not text.lstrip().startswith(("{", "[")):
            text = base64.b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
    elif compression == "base64":
        text = base64.b64decode(text).decode("utf-8")
    if compression == "lz64":
        raise SystemExit("lz64 bodies are not handled (the capture server does not offer lz64)")
    return orjson.loads(text)


def posthog_events_of(body: Any) -> list[dict[str, Any]]:
    if isinstance(body, dict) and isinstance(body.get("batch"), list):
        return body["batch"]
    if isinstance(body, list):
        return body
    return [body]


def _gunzip_latin1(s: Any) -> Any:
    if not isinstance(s, str):
        return s
    return orjson.loads(gzip.decompress(s.encode("latin-1")))


def uncompress_rrweb(ev: dict[str, Any]) -> dict[str, Any]:
    """posthog-js compresses FullSnapshot data and Mutation/StyleSheetRule fields as gzip strings (latin-1, one char
    per byte) and marks such events with cv: '2024-10'."""
    if ev.get("cv") != "2024-10":
        return ev
    ev = dict(ev)
    del ev["cv"]
    if ev.get("type") == 2:
        ev["data"] = _gunzip_latin1(ev["data"])
    elif ev.get("type") == 3:
        d = dict(ev["data"])
        for k in ("texts", "attributes", "removes", "adds"):
            if k in d and isinstance(d[k], str):
                d[k] = _gunzip_latin1(d[k])
        ev["data"] = d
    return ev


def iso_ms(ts: Any) -> float | None:
    if isinstance(ts, (int, float)):
        return float(ts)
    if isinstance(ts, str):
        return datetime.fromisoformat(ts).timestamp() * 1000
    return None


def extract_posthog(cap: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]] | None:
    files = sorted((cap / "posthog").glob("body-*.bin"))
    if not files:
        return None
    rr: list[dict[str, Any]] = []
    detections = []
    names: dict[str, int] = {}
    endpoints: dict[str, int] = {}
    sessions = set()
    for f in files:
        side = orjson.loads(f.with_suffix(".json").read_bytes())
        path = urllib.parse.urlsplit(side["url"]).path
        endpoints[path] = endpoints.get(path, 0) + 1
        for ev in posthog_events_of(posthog_body(f.read_bytes(), side["url"], side.get("headers") or {})):
            name = ev.get("event")
            names[name] = names.get(name, 0) + 1
            props = ev.get("properties") or {}
            if name == "$snapshot":
                sessions.add(props.get("$session_id"))
                data = props.get("$snapshot_data")
                for e in data if isinstance(data, list) else [data]:
                    rr.append(uncompress_rrweb(e))
            elif name in POSTHOG_SIGNALS:
                detections.append(
                    {
                        "event": name,
                        "timestamp": iso_ms(ev.get("timestamp")),
                        "timestamp_raw": ev.get("timestamp"),
                        "uuid": ev.get("uuid"),
                        "properties": props,
                    }
                )
    detections.sort(key=lambda d: d["timestamp"] or 0)
    ts = [e.get("timestamp", 0) for e in rr]
    info = {
        "bodies": len(files),
        "endpoints": endpoints,
        "event_names": names,
        "session_ids": sorted(x for x in sessions if x),
        "rrweb_in_timestamp_order": all(a <= b for a, b in itertools.pairwise(ts)),
    }
    return rr, detections, info


# ----------------------------------------------------------------------------------------------------------- main
def write_json(path: Path, value: Any) -> None:
    path.write_bytes(orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n")


def write_gz(path: Path, value: Any) -> None:
    # mtime=0 keeps the file byte-stable for the same content
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f,
    ):
        f.write(orjson.dumps(value))


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        raise SystemExit(__doc__)
    cap, out = Path(args[0]), Path(args[1])
    out.mkdir(parents=True, exist_ok=True)
    summary: dict[str, Any] = {}
    steps: dict[str, Any] = {}
    for sdk, fn in (("sentry", extract_sentry), ("posthog", extract_posthog)):
        r = fn(cap)
        if r is None:
            print(f"{sdk}: nothing captured")
            continue
        events, detections, info = r
        write_gz(out / f"{sdk}-events.json.gz", events)
        write_json(out / f"{sdk}-detections.json", detections)
        kinds: dict[str, int] = {}
        for d in detections:
            k = d.get("category") or d.get("event")
            kinds[k] = kinds.get(k, 0) + 1
        info.update(
            rrweb_events=len(events),
            detections=kinds,
            first_event_ms=events[0]["timestamp"] if events else None,
        )
        summary[sdk] = info
        sp = cap / f"{sdk}-steps.json"
        if sp.exists():
            st = orjson.loads(sp.read_bytes())
            t0 = info["first_event_ms"]
            for step in st["steps"]:
                for c in step["clicks"]:
                    if t0 is not None and c.get("page_ms") is not None:
                        c["offset_ms"] = c["page_ms"] - t0  # from the recording's first rrweb event
            steps[sdk] = st
        if "--raw" in argv:
            dst = out / "raw" / sdk
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(cap / sdk, dst)
        print(f"{sdk}: {len(events)} rrweb events, detections {kinds}")
    if steps:
        write_json(
            out / "steps.json",
            {
                "note": "click times: node_ms = driver clock just before page.mouse.click; page_ms = the page's capture-phase "
                "click listener (Date.now()); offset_ms = page_ms minus that SDK recording's first rrweb event",
                **steps,
            },
        )
    meta_p = cap / "meta.json"
    meta = orjson.loads(meta_p.read_bytes()) if meta_p.exists() else {}
    meta.pop("requests", None)
    for run in (meta.get("runs") or {}).values():
        if not run.get("blocked"):
            run.pop("blocked", None)
    write_json(out / "capture-meta.json", {"capture": meta, "decoded": summary})


if __name__ == "__main__":
    main(sys.argv[1:])
