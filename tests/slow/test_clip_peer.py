"""Clips played in rrweb's own Replayer (the peer harness in Chromium) show what our frames show.

For each case a clip from 40 % of the recording to its end is written into a temporary case folder inside the
peer harness, rrweb 2.2.2's Replayer is paused at the corpus reference timestamps after the cut, and its states are
compared with our frames of the *original* recording through the shared comparator. rrweb's Replayer has its own
known differences (e.g. ``value="on"`` on checkboxes); the test asserts the clip adds none: every difference the
Replayer shows on the clip it also shows on the original recording (the corpus ``peer.json``).
Skipped where node, chromium or the harness ($RRWEB_PEER, default ~/.cache/rrweb-peer) are absent.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import rrweb_py
from rrweb_py.analysis import clip
from tests.conftest import SHARED, corpus_or_skip

PEER = Path(os.environ.get("RRWEB_PEER", Path.home() / ".cache" / "rrweb-peer"))
CASES = ["live/rrweb-form", "live/rrweb-dialog", "live/rrweb-shadow-dom", "live/rrweb-mutation-observer",
         "live/rrweb-masking", "live/pydoc-css-dynamic", "live/rrweb-react-styled", "real/chalk-ci-25131bfa",
         "real/rrweb-player-demoit", "real/posthog-2windows-w0"]

pytestmark = pytest.mark.slow


def _peer_or_skip() -> Path:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")).exists():
        pytest.skip("chromium is not installed (CHROMIUM)")
    if not (PEER / "replay_peer.mjs").exists() or not (PEER / "node_modules").is_dir():
        pytest.skip(f"the peer harness is not set up at {PEER} (sh ../shared/peer/setup.sh)")
    return PEER


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _read(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def _reference(folder: Path) -> list[dict]:
    for name in ("peer.json", "peer.json.gz"):
        if (folder / name).exists():
            return _read(folder / name)
    pytest.skip(f"{folder} has no peer.json")
    return []


def _diff_keys(result: dict) -> list[set]:
    return [{(d["kind"], d.get("id"), d.get("attr")) for d in p["diffs"]} for p in result["probes"]]


def play_clip(peer: Path, events: list[dict], timestamps: list[float]) -> list[dict]:
    """rrweb's Replayer states of a clip at the given timestamps."""
    work = Path(tempfile.mkdtemp(prefix=".rrweb-py-clip-", dir=peer))
    try:
        (work / "events.json").write_text(json.dumps(events))
        (work / "probes.json").write_text(json.dumps([{"timestamp": t} for t in timestamps]))
        env = dict(os.environ, ORACLE_PORT=str(_free_port()))
        run = subprocess.run(["node", "replay_peer.mjs", str(work), "--timestamps", "probes", "--no-cold"],
                             cwd=peer, env=env, capture_output=True, text=True, timeout=600, check=False)
        assert run.returncode == 0, run.stderr[-2000:]
        return json.loads((work / "peer.json").read_text())
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.parametrize("case", CASES)
def test_clip_in_rrweb_replayer_adds_no_difference(case):
    """The Replayer on the clip differs from our frames only where it differs on the original too."""
    peer = _peer_or_skip()
    folder = corpus_or_skip() / case
    sys.path.insert(0, str(SHARED / "conformance"))
    import compare

    replay = rrweb_py.load(next(folder.glob("events.json*")))
    start = replay.duration_ms * 0.4
    events = clip(replay, start)
    cut = events[0]["timestamp"]
    original = [p for p in _reference(folder) if p["timestamp"] > cut]
    if not original:
        pytest.skip("no reference state after the cut")
    stamps = [p["timestamp"] for p in original]
    ours = []
    for t in stamps:
        frame = replay.at_timestamp(t)
        ours.append({"timestamp": t, "node": frame.to_rrweb(), "scroll": {"x": frame.scroll.x, "y": frame.scroll.y}})
    played = play_clip(peer, events, stamps)
    on_clip = compare.compare(ours, played, 50, ignore_window=True)
    on_original = compare.compare(ours, original, 50, ignore_window=True)
    report = {"case": case, "states": len(stamps), "clip_exact": on_clip["total"]["probes_exact"],
              "original_exact": on_original["total"]["probes_exact"],
              "clip_accuracy": on_clip["total"]["node_accuracy"],
              "original_accuracy": on_original["total"]["node_accuracy"]}
    print(json.dumps(report))
    for t, mine, theirs in zip(stamps, _diff_keys(on_clip), _diff_keys(on_original)):
        assert mine <= theirs, (t, sorted(mine - theirs, key=str)[:10])
