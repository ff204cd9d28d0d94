"""rrweb_py.batch across processes: a pool of 2 and a Dask LocalCluster of 2 workers give the tables of the
in-process run (rows sorted by recording then fields; the run columns of ``sessions`` left out)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="rrweb_py.batch needs pyarrow: pip install 'rrweb_py[batch]'")

from rrweb_py import batch

DATA = Path(__file__).resolve().parents[1] / "data" / "containers"
RECORDINGS = [str(DATA / n) for n in ("sentry-raw", "sentry-zlib", "rrweb-packed.json", "posthog-capture.json",
                                      "posthog-2tabs.jsonl", "posthog-requests.json")]
RUN_COLUMNS = {"input_bytes", "elapsed_ms", "cpu_ms", "worker_pid", "worker_peak_kb"}


def canonical(tables):
    out = {}
    for name, table in tables.items():
        rows = [{k: v for k, v in r.items() if k not in RUN_COLUMNS} for r in table.to_pylist()]
        out[name] = sorted(rows, key=lambda r: (r["recording"], repr(sorted(r.items()))))
    return out


@pytest.fixture(scope="module")
def local():
    return batch.analyze(RECORDINGS, workers=1)


def test_the_local_result_has_every_table(local):
    assert local["sessions"].num_rows == 5
    assert local["errors"].column("recording").to_pylist() == [str(DATA / "posthog-requests.json")]
    assert local["clicks"].num_rows > 0 and local["signals"].num_rows > 0 and local["timeline"].num_rows > 0


def test_a_pool_of_two_processes_equals_the_local_result(local, tmp_path):
    seen = []
    pooled = batch.analyze(RECORDINGS, workers=2, out=tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert canonical(pooled) == canonical(local)
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)
    pids = set(pooled["sessions"].column("worker_pid").to_pylist())
    assert 1 <= len(pids) <= 2  # in worker processes (two, unless one was quick enough to do all)
    assert all(kb > 0 for kb in pooled["sessions"].column("worker_peak_kb").to_pylist())


def test_a_dask_local_cluster_of_two_workers_equals_the_local_result(local, tmp_path):
    if importlib.util.find_spec("distributed") is None:
        pytest.skip("Dask is optional: pip install 'rrweb_py[batch]' (dask[distributed])")
    on_dask = batch.analyze(RECORDINGS, scheduler="local", workers=2, out=tmp_path)
    assert canonical(on_dask) == canonical(local)
    assert sorted(p.name for p in (tmp_path / "sessions").iterdir()) == ["part-0001.parquet"]


def test_an_existing_cluster_by_client_or_address_equals_the_local_result(local):
    if importlib.util.find_spec("distributed") is None:
        pytest.skip("Dask is optional: pip install 'rrweb_py[batch]' (dask[distributed])")
    import logging

    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
        by_client = batch.analyze(RECORDINGS[:3], scheduler=client)
        by_address = batch.analyze(RECORDINGS[3:], scheduler=cluster.scheduler_address)
        assert client.status == "running"  # a client given is left open
    for name in batch.TABLES:
        both = canonical({name: by_client[name]})[name] + canonical({name: by_address[name]})[name]
        assert sorted(both, key=repr) == sorted(canonical(local)[name], key=repr), name
