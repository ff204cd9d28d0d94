"""The signal presets against what the browser SDKs themselves detected on one scripted session
(tests/data/sdk/click-signals, made by tools/sdk_capture): every detection matched (same kind, same node, within
1 s), nothing extra. Sentry's own detection breadcrumbs are taken out of the recording first, so the preset finds
them from the page alone."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

import rrweb_py

DATA = Path(__file__).resolve().parents[1] / "data" / "sdk" / "click-signals"
_DETECTIONS = {"ui.slowClickDetected", "ui.multiClick"}


def _events(name):
    return json.loads(gzip.decompress((DATA / name).read_bytes()))


def _sentry_truth():
    """Sentry's breadcrumbs as the kinds its product shows: a slow click that timed out (7 s) is dead, and rage
    when clicked 5 times or more (the server rule); one the page answered late is slow; ui.multiClick is multi."""
    out = []
    for d in json.loads((DATA / "sentry-detections.json").read_text()):
        data = d["data"]
        if d["category"] == "ui.multiClick":
            kind = "multi"
        elif d["category"] != "ui.slowClickDetected":
            continue
        elif data["endReason"] == "timeout" and data["timeAfterClickMs"] >= 7000:
            kind = "rage" if data["clickCount"] >= 5 else "dead"
        else:
            kind = "slow"
        out.append((kind, d["node_id"], d["timestamp"]))
    return out


def _posthog_truth(replay):
    """posthog-js's $dead_click (at the click it judged) and $rageclick events, their element found by its id in
    the page at that moment."""
    out = []
    for d in json.loads((DATA / "posthog-detections.json").read_text()):
        props = d["properties"]
        when = props.get("$dead_click_event_timestamp", d["timestamp"])
        element_id = re.search(r'attr__id="([^"]+)"', props["$elements_chain"]).group(1)
        node = replay.at_timestamp(when).select_one(f"#{element_id}")
        kind = {"$dead_click": "dead", "$rageclick": "rage"}[d["event"]]
        out.append((kind, node.id, when))
    return out


def _score(found, truth):
    """(missed, extra): truth items no signal matches, and signals that match no truth item."""
    left = list(found)
    missed = []
    for kind, node, when in truth:
        match = next((s for s in left if s[0] == kind and s[1] == node and abs(s[2] - when) <= 1000), None)
        if match is None:
            missed.append((kind, node, when))
        else:
            left.remove(match)
    return missed, left


def _found(replay, preset):
    return [(s.kind, s.node_id, s.timestamp) for s in replay.signals(preset) if s.kind != "error"]


@pytest.mark.skipif(not DATA.is_dir(), reason="the SDK fixtures are absent")
def test_sentry_preset_finds_what_sentry_found():
    events = [e for e in _events("sentry-events.json.gz")
              if not (e["type"] == 5 and e["data"].get("tag") == "breadcrumb"
                      and e["data"]["payload"].get("category") in _DETECTIONS)]
    replay = rrweb_py.load(events)
    missed, extra = _score(_found(replay, "sentry"), _sentry_truth())
    assert (missed, extra) == ([], [])


@pytest.mark.skipif(not DATA.is_dir(), reason="the SDK fixtures are absent")
def test_posthog_preset_finds_what_posthog_js_found():
    replay = rrweb_py.load(_events("posthog-events.json.gz"))
    missed, extra = _score(_found(replay, "posthog"), _posthog_truth(replay))
    assert (missed, extra) == ([], [])


def test_clicks_resolve_to_the_node_sentry_named():
    """Each ui.click breadcrumb's nodeId is the element the click at that moment resolves to (Sentry writes one
    breadcrumb for a series of quick clicks on one element)."""
    replay = rrweb_py.load(_events("sentry-events.json.gz"))
    crumbs = [d for d in json.loads((DATA / "sentry-detections.json").read_text()) if d["category"] == "ui.click"]
    clicks = [c for c in replay.clicks() if c.kind == "click"]
    assert len(crumbs) == 17
    for crumb in crumbs:
        click = min(clicks, key=lambda c: abs(c.timestamp - crumb["timestamp"]))
        assert abs(click.timestamp - crumb["timestamp"]) < 100
        assert click.target.node_id == crumb["node_id"], crumb["message"]
