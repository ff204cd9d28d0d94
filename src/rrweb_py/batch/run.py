"""Where the tasks run: in this process, in a process pool, or on a Dask cluster; each yields results as they
come, with at most a few tasks in flight."""

from __future__ import annotations

import concurrent.futures as cf
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ..errors import InvalidArgument, RrwebPyError
from .schema import to_table
from .task import MAX_MESSAGE, Result, analyze_one

#: a process of the pool is replaced after this many recordings (memory a leak or a fragmented heap keeps is
#: given back)
TASKS_PER_WORKER = 32
class BatchError(RrwebPyError):
    """A recording failed and ``strict=True``: ``recording``, ``error_type`` and ``message`` say which and why."""

    def __init__(self, recording: str, error_type: str, message: str) -> None:
        super().__init__(f"{recording}: {error_type}: {message}")
        self.recording = recording
        self.error_type = error_type
        self.message = message


Task = tuple[Any, str]


def run_serial(tasks: Iterable[Task], tables: Sequence[str], preset: Any) -> Iterator[Result]:
    for ref, key in tasks:
        yield analyze_one(ref, key, tables, preset)


def _windowed(tasks: Iterable[Task], submit: Callable[[Task], Any], wait_any: Callable[[set[Any]], set[Any]],
              result_of: Callable[[Any, Task], Result], limit: int) -> Iterator[Result]:
    """Keep at most ``limit`` tasks in flight (the references of the rest are not even handed over), yield each
    result as it comes."""
    it = iter(tasks)
    pending: dict[Any, Task] = {}
    try:
        while True:
            while len(pending) < limit:
                task = next(it, None)
                if task is None:
                    break
                pending[submit(task)] = task
            if not pending:
                return
            for fut in wait_any(set(pending)):
                yield result_of(fut, pending.pop(fut))
    finally:
        for fut in pending:
            fut.cancel()


def _failed(task: Task, exc: BaseException) -> Result:
    """A task that did not come back (its worker died): an errors row."""
    message = (str(exc) or repr(exc))[:MAX_MESSAGE]
    key = task[1]
    return Result(key, {"errors": to_table("errors", [{"recording": key, "session_id": None,
                                                        "error_type": type(exc).__name__, "message": message}])},
                  error=(type(exc).__name__, message))


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1  # pragma: no cover - not Linux


def start_method() -> Any:
    """The pool's multiprocessing context: "forkserver" where there is one, its server having imported the task
    module and pyarrow once, so that a new worker is a fork of a warm process (milliseconds) rather than a fresh
    interpreter importing them again (about a second of CPU each time a worker is replaced); "spawn" elsewhere.
    Never "fork": the parent may run threads (a notebook, Dask, the pool's own)."""
    import multiprocessing as mp

    if "forkserver" not in mp.get_all_start_methods():  # pragma: no cover - Windows
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload([__name__.rpartition(".")[0] + ".task", "pyarrow", "pyarrow.parquet"])
    # Python 3.11's server ignores the parent's sys.path when it preloads: hand it over as PYTHONPATH while the
    # server starts, so that it imports this very rrweb_py (a source tree put on sys.path at run time included)
    from multiprocessing import forkserver

    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before
    return ctx


def run_pool(tasks: Iterable[Task], tables: Sequence[str], preset: Any, workers: int) -> Iterator[Result]:
    def new_pool() -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=workers, mp_context=start_method(),
                                      max_tasks_per_child=TASKS_PER_WORKER)

    pools = [new_pool()]
    broken: list[Task] = []

    def submit(task: Task) -> Any:
        try:
            return pools[-1].submit(analyze_one, task[0], task[1], tables, preset)
        except cf.process.BrokenProcessPool:
            pools.append(new_pool())
            return pools[-1].submit(analyze_one, task[0], task[1], tables, preset)

    def wait_any(fs: set[Any]) -> set[Any]:
        return set(cf.wait(fs, return_when=cf.FIRST_COMPLETED).done)

    def result_of(fut: Any, task: Task) -> Result:
        try:
            return fut.result()  # type: ignore[no-any-return]
        except cf.process.BrokenProcessPool as exc:
            broken.append(task)
            return Result(task[1], error=("BrokenProcessPool", str(exc)))
        except Exception as exc:  # noqa: BLE001 - e.g. a result that does not unpickle
            return _failed(task, exc)

    try:
        for res in _windowed(tasks, submit, wait_any, result_of, workers * 2):
            if res.error is None or res.tables:
                yield res
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)
    # a worker died (killed, out of memory, a crash in native code): the pool is gone and every task in flight
    # with it; each is tried again alone, in a pool of one, so that only the one that kills its worker fails
    for task in broken:
        yield _retry_alone(task, tables, preset)


def _retry_alone(task: Task, tables: Sequence[str], preset: Any) -> Result:
    with cf.ProcessPoolExecutor(max_workers=1, mp_context=start_method()) as one:
        try:
            return one.submit(analyze_one, task[0], task[1], tables, preset).result()
        except Exception as exc:  # noqa: BLE001
            return _failed(task, exc)


def run_dask(tasks: Iterable[Task], tables: Sequence[str], preset: Any, scheduler: Any,
          workers: int | None) -> Iterator[Result]:
    try:
        # typed Any: distributed's annotations are partial (untyped calls under mypy --strict)
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        msg = "scheduler= needs dask.distributed: pip install 'rrweb_py[batch]'"
        raise ImportError(msg) from exc
    import logging

    cluster = None
    own_client = False
    if isinstance(scheduler, distributed.Client):
        client = scheduler
    elif scheduler == "local":
        cluster = distributed.LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
        client = distributed.Client(cluster)
        own_client = True
    elif isinstance(scheduler, str):
        client = distributed.Client(scheduler)
        own_client = True
    else:
        msg = f"scheduler is 'local', a scheduler address or a distributed.Client, got {scheduler!r}"
        raise InvalidArgument(msg)
    try:
        threads = sum(client.nthreads().values()) or 1

        def submit(task: Task) -> Any:
            return client.submit(analyze_one, task[0], task[1], tables, preset, pure=False)

        def wait_any(fs: set[Any]) -> set[Any]:
            return set(distributed.wait(list(fs), return_when="FIRST_COMPLETED").done)

        def result_of(fut: Any, task: Task) -> Result:
            try:
                return fut.result()  # type: ignore[no-any-return]
            except Exception as exc:  # noqa: BLE001 - the worker died (KilledWorker) or the task was lost
                return _failed(task, exc)
            finally:
                fut.release()

        yield from _windowed(tasks, submit, wait_any, result_of, threads * 2)
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
