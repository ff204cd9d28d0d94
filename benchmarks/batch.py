"""The figures of docs/batch.md, measured in one run on this machine.

    python3 benchmarks/batch.py [--rounds N] [--no-dask] [RECORDING ...]

Recordings per second over the corpus (../shared/corpus/*/*/events.json[.gz], or the recordings given) in this
process (1 worker), in a pool of 2 processes and through a Dask LocalCluster of 2 workers, the modes interleaved
over ``--rounds`` rounds (other work on the machine moves the figures: each line says the load average it started
at); the 2-worker/1-worker ratio of each round; the CPU time the recordings cost in each mode (the pool's own
overhead); the peak memory of each worker; and how the cost grows with the recording's size (1-worker run).
"""

from __future__ import annotations

import argparse
import glob
import gzip
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from rrweb_py import batch

CORPUS = Path(os.environ.get("RRWEB_PY_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "corpus"


def run(files: list[str], mode: str) -> dict[str, object]:
    load = os.getloadavg()[0]
    started = time.perf_counter()
    if mode == "dask":
        tables = batch.analyze(files, scheduler="local", workers=2)
    else:
        tables = batch.analyze(files, workers=int(mode))
    seconds = time.perf_counter() - started
    rows = tables["sessions"].to_pylist()
    peaks: dict[int, int] = {}
    for r in rows:
        peaks[r["worker_pid"]] = max(peaks.get(r["worker_pid"], 0), r["worker_peak_kb"])
    return {"mode": mode, "load": load, "seconds": seconds, "rps": len(files) / seconds, "rows": rows,
            "ok": len(rows), "errors": tables["errors"].num_rows, "cpu_s": sum(r["cpu_ms"] for r in rows) / 1000,
            "peaks_mb": sorted(round(kb / 1024) for kb in peaks.values())}


def raw_size(path: str) -> int:
    if path.endswith(".gz"):
        with gzip.open(path) as f:
            return sum(len(chunk) for chunk in iter(lambda: f.read(1 << 20), b""))
    return os.path.getsize(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("recordings", nargs="*")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    files = args.recordings or sorted(glob.glob(str(CORPUS / "*" / "*" / "events.json*")))
    if not files:
        print(f"no recordings (the corpus is not at {CORPUS})", file=sys.stderr)
        return 1
    modes = ["1", "2"] + ([] if args.no_dask else ["dask"])
    print(f"{len(files)} recordings, {os.cpu_count()} cores, python {sys.version.split()[0]}")
    first: dict[str, object] | None = None
    for k in range(args.rounds):
        results = {}
        for mode in modes:
            r = results[mode] = run(files, mode)
            first = first or r
            print(f"round {k + 1} {mode:>4}: {r['seconds']:6.2f} s, {r['rps']:5.2f} recordings/s, CPU {r['cpu_s']:5.1f} s,"
                  f" {r['ok']} ok, {r['errors']} errors, worker peaks {r['peaks_mb']} MB (load {r['load']:.1f})")
        ratio = results["1"]["seconds"] / results["2"]["seconds"]
        line = f"round {k + 1} ratios: 2 workers / 1 = {ratio:.2f}x"
        if "dask" in results:
            line += f", LocalCluster(2) / 1 = {results['1']['seconds'] / results['dask']['seconds']:.2f}x"
        print(line)
    assert first is not None
    rows = first["rows"]
    total = sum(r["cpu_ms"] for r in rows)
    longest = max(rows, key=lambda r: r["cpu_ms"])
    print(f"the longest recording is {longest['cpu_ms'] / total:.0%} of the CPU time: 2 workers can be at most "
          f"{total / max(longest['cpu_ms'], total / 2):.2f}x one")
    print("cost by size (1 worker; size uncompressed):")
    buckets = [(0, 1e5), (1e5, 1e6), (1e6, 1e7), (1e7, 1e12)]
    for r in rows:
        r["raw"] = raw_size(r["recording"])
    for lo, hi in buckets:
        b = [r for r in rows if lo <= r["raw"] < hi]
        if b:
            mb = sum(r["raw"] for r in b) / 1e6
            cpu = sum(r["cpu_ms"] for r in b)
            med = sorted(r["cpu_ms"] for r in b)[len(b) // 2]
            print(f"  {lo / 1e6:g}-{hi / 1e6:g} MB: {len(b):3} recordings, {mb:6.1f} MB, CPU {cpu / 1000:5.1f} s, "
                  f"{cpu / mb:5.0f} ms/MB, median {med:6.0f} ms")
    for r in sorted(rows, key=lambda r: -r["raw"])[:4]:
        print(f"  {r['recording']}: {r['raw'] / 1e6:.1f} MB, {r['events']} events, CPU {r['cpu_ms']:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
