"""Print the figures the project quotes, measured side by side in one run on this machine.

    python3 benchmarks/ratios.py [--peer] [--runs N] [NAME | PATH ...]

For each input (a name of benchmarks/inputs.py, or the path of any recording): the floor (gunzip + orjson.loads,
GC paused), load, rebuild (the first FullSnapshot), apply throughput, bytes -> frame at the end in a fresh process
(with its peak RSS), export times, warm random seeks (p50/p99), the same load and seeks with the events kept on
disk (``store="disk"``), and checkpoint memory. With --peer, rrweb's Replayer is timed on the same files in the
same run through ../shared/peer's bench_peer.mjs (JSON.parse + new Replayer + play(end), `total_stats_ms`), and
rrweb_py/rrweb ratios are printed; it is skipped with a message where node, Chromium or the peer harness are
absent.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
import rrweb_py  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inputs import available, floor  # noqa: E402

PEER = Path(os.environ.get("RRWEB_PEER", Path.home() / ".cache" / "rrweb-peer"))

COLD = """
import resource, sys, time


def peak_rss_mib():
    # VmHWM: this program's own high-water mark (ru_maxrss would count the parent it was forked from)
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


t0 = time.perf_counter()
import rrweb_py
t1 = time.perf_counter()
replay = rrweb_py.load(sys.argv[1])
t2 = time.perf_counter()
frame = replay.at(replay.duration_ms)
t3 = time.perf_counter()
peak = peak_rss_mib()
frame.to_rrweb()
t4 = time.perf_counter()
frame.to_html()
t5 = time.perf_counter()
print((t3 - t1) * 1000, (t2 - t1) * 1000, (t4 - t3) * 1000, (t5 - t4) * 1000, peak)
"""


def best(fn, runs):
    times = []
    for _ in range(runs):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return min(times)


def cold(path, runs):
    src = str(Path(__file__).resolve().parents[1] / "src")
    out = []
    for _ in range(runs):
        res = subprocess.run([sys.executable, "-c", COLD, str(path)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": src})
        out.append([float(x) for x in res.stdout.split()])
    return min(out, key=lambda r: r[0])


def peer(path, runs):
    node = shutil.which("node")
    if node is None or not (PEER / "bench_peer.mjs").exists() or not Path("/usr/bin/chromium").exists():
        return None, "peer skipped: needs node, /usr/bin/chromium and the peer harness (sh ../shared/peer/setup.sh)"
    res = subprocess.run([node, "bench_peer.mjs", str(path), "--runs", str(runs)], cwd=PEER, capture_output=True,
                         text=True, timeout=1800)
    if res.returncode != 0:
        return None, "peer failed: " + res.stderr[-300:]
    data = json.loads(res.stdout)
    stats = data.get("total_stats_ms") or {}
    return stats.get("min", stats.get("median")), None


def warm_seeks(replay):
    """(p50, p99, collection) ms of 300 random seeks on a replay whose checkpoints exist (every event applied once:
    the first seek into a page nobody visited yet also builds that page). Before them, a full collection of the
    cyclic garbage collector, timed apart: the first one of a process walks every container alive (long-churn's
    events and checkpoints: about a second, once per process, whenever Python's thresholds call it), and landing
    on one seek or another it made p99 vary from 8 to 20 ms between runs of the same code."""
    t = time.perf_counter()
    gc.collect()
    collection = (time.perf_counter() - t) * 1000
    rnd = random.Random(7)
    seeks = []
    for _ in range(300):
        t = time.perf_counter()
        replay.at(rnd.uniform(0, replay.duration_ms))
        seeks.append((time.perf_counter() - t) * 1000)
    seeks.sort()
    return statistics.median(seeks), seeks[int(len(seeks) * 0.99) - 1], collection


def measure(name, path, runs, with_peer):
    raw = path.read_bytes()
    row = {"input": name}
    row["floor_ms"] = best(lambda: floor(raw), runs)
    row["load_ms"] = best(lambda: rrweb_py.load(raw), runs)
    events = rrweb_py.load(raw).events
    first_snapshot = next(i for i, e in enumerate(events) if e["type"] == 2)
    row["rebuild_ms"] = best(lambda: rrweb_py.Replay(events).at_timestamp(events[first_snapshot]["timestamp"]),
                             runs)
    replay = rrweb_py.Replay(events)
    t = time.perf_counter()
    replay.validate()  # every event applied once (a seek to the end would skip the pages before the last)
    apply_s = time.perf_counter() - t
    row["events"] = len(events)
    row["apply_events_per_s"] = len(events) / apply_s
    total, load_ms, export_rrweb, export_html, peak = cold(path, runs)
    row.update(cold_end_ms=total, cold_load_ms=load_ms, to_rrweb_ms=export_rrweb, to_html_ms=export_html,
               cold_peak_mib=peak)
    row["seek_p50_ms"], row["seek_p99_ms"], row["full_collection_ms"] = warm_seeks(replay)
    row["disk_load_ms"] = best(lambda: rrweb_py.load(raw, store="disk"), runs)
    on_disk = rrweb_py.load(raw, store="disk")
    on_disk.validate()
    row["disk_seek_p50_ms"], row["disk_seek_p99_ms"], _ = warm_seeks(on_disk)
    stats = replay.checkpoint_stats()
    row["checkpoints"] = stats["count"]
    row["checkpoint_mb"] = stats["bytes"] / 1e6
    row["checkpoint_mb_each"] = stats["bytes"] / 1e6 / stats["count"]
    row["live_tree_mb"] = stats["live_tree_bytes"] / 1e6
    frame = replay.at(replay.duration_ms)
    frame.to_lxml()
    row["select_ms"] = best(lambda: frame.select("div > span, li, a[href]"), runs)
    if with_peer:
        row["peer_total_ms"], note = peer(path, runs)
        if note:
            row["peer_note"] = note
    return row


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peer", action="store_true", help="also time rrweb's Replayer through ../shared/peer")
    ap.add_argument("--json", type=Path, help="write the rows here")
    args = ap.parse_args(argv)
    inputs = available()
    if not inputs:
        print("no benchmark inputs: ../shared/corpus is absent", file=sys.stderr)
        return 0
    names = args.names or ["long-churn", "append-70x70x70", "append-1000-reverse", "chalk-prod", "chalk-dev"]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}")
    rows = []
    for name in names:
        path = inputs.get(name) or (Path(name) if Path(name).is_file() else None)
        if path is None:
            print(f"{name}: not found, skipped")
            continue
        row = measure(name, path, args.runs, args.peer)
        rows.append(row)
        peer_ms = row.get("peer_total_ms")
        print(f"\n{name}: {row['events']} events")
        print(f"  load {row['load_ms']:.0f} ms = {row['load_ms'] / row['floor_ms']:.2f}x the floor "
              f"(gunzip+orjson {row['floor_ms']:.0f} ms)")
        print(f"  rebuild (first FullSnapshot) {row['rebuild_ms']:.1f} ms; apply {row['apply_events_per_s']:,.0f} "
              "events/s")
        print(f"  bytes -> frame at end, fresh process: {row['cold_end_ms']:.0f} ms"
              + (f" = {row['cold_end_ms'] / peer_ms:.2f}x rrweb ({peer_ms:.0f} ms)" if peer_ms else "")
              + f", peak RSS {row['cold_peak_mib']:.0f} MiB")
        print(f"  export: to_rrweb {row['to_rrweb_ms']:.1f} ms, to_html {row['to_html_ms']:.1f} ms; "
              f"select {row['select_ms']:.2f} ms")
        print(f"  warm random seeks: p50 {row['seek_p50_ms']:.1f} ms, p99 {row['seek_p99_ms']:.1f} ms"
              f" (after a full collection of the garbage collector: {row['full_collection_ms']:.0f} ms)")
        print(f"  events on disk (store='disk'): load {row['disk_load_ms']:.0f} ms = "
              f"{row['disk_load_ms'] / row['load_ms']:.2f}x in memory; warm seeks p50 {row['disk_seek_p50_ms']:.1f} ms"
              f" ({row['disk_seek_p50_ms'] / row['seek_p50_ms']:.2f}x), p99 {row['disk_seek_p99_ms']:.1f} ms")
        print(f"  checkpoints: {row['checkpoints']}, {row['checkpoint_mb']:.1f} MB in all, "
              f"{row['checkpoint_mb_each']:.2f} MB each; live tree {row['live_tree_mb']:.2f} MB")
        if row.get("peer_note"):
            print("  " + row["peer_note"])
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
