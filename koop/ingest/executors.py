"""Where extraction runs: one interface, three executors.

An executor gets the planned units (``IngestJob``) and must leave every article
extracted and written, in input order, through ``write.write_record`` or the
store's writer, counted in the job's one ``IngestReport``:

- ``InlineExecutor``: in this process (``jobs=1``);
- ``PoolExecutor``: in ``jobs`` worker processes that send back plain records;
- ``DaskExecutor`` (``dask_executor.py``): workers of a Dask cluster read and
  extract, this process writes one transaction per batch.

``start()`` runs before the progress bar's thread exists (a pool forks there),
``run(job)`` does the work, ``close()`` releases what ``start`` took.
"""
from __future__ import annotations

import multiprocessing as mp
import sys
from collections import deque
from dataclasses import dataclass
from typing import Protocol

from ..io.web import Fetcher
from ..store import Store
from .extract import error_record, extract_in_worker, extract_task, init_worker
from .options import IngestOptions
from .plan import Unit
from .read import read_tasks
from .report import IngestReport
from .write import write_record


@dataclass
class IngestJob:
    """Everything an executor needs: the planned units and where results go."""

    store: Store
    units: list[Unit]
    fetcher: Fetcher
    options: IngestOptions
    report: IngestReport
    bar: object  # progress (update(n), close())

    def tasks(self):
        """The units read into tasks (``read.read_tasks``), in input order."""
        return read_tasks(self.store, self.units, self.fetcher, self.options, self.report,
                          self.bar)


class Executor(Protocol):
    def start(self) -> None: ...

    def run(self, job: IngestJob) -> None: ...

    def close(self) -> None: ...


class InlineExecutor:
    """Extract and write in this process, one article after the other."""

    def __init__(self, options: IngestOptions) -> None:
        self.options = options

    def start(self) -> None:
        pass

    def run(self, job: IngestJob) -> None:
        pipeline = self.options.pipeline_factory()
        for task, source in job.tasks():
            record = extract_task(task, pipeline) if task else None
            write_record(job.store, record, source, job.report, job.bar)

    def close(self) -> None:
        pass


class PoolExecutor:
    """Extract in ``jobs`` worker processes, each with its own pipeline; write here.

    Linux forks (fast, and a script without ``if __name__ == "__main__":``
    works); elsewhere workers are spawned, so the pipeline factory must be
    importable and the calling script guarded.
    """

    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self.pool = None

    def start(self) -> None:
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self.pool = mp.get_context(method).Pool(self.options.jobs, initializer=init_worker,
                                                initargs=(self.options.pipeline_factory,))

    def run(self, job: IngestJob) -> None:
        window = max(1, self.options.window) * self.options.jobs
        pending: deque = deque()

        def drain(limit: int) -> None:
            while pending and (len(pending) > limit or pending[0][0] is None):
                res, source, task = pending.popleft()
                write_record(job.store, _result(res, task) if res is not None else None,
                             source, job.report, job.bar)

        for task, source in job.tasks():
            pending.append((self.pool.apply_async(extract_in_worker, (task,)) if task else None,
                            source, task))
            drain(window)
        drain(0)
        self.pool.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def _result(res, task: dict) -> dict:
    """A worker's record; an error record when the result cannot come back (unpicklable)."""
    try:
        return res.get()
    except Exception as e:
        return error_record(task, e)


def executor_for(options: IngestOptions) -> Executor:
    """The executor ``options`` ask for: Dask with ``scheduler``, a pool with ``jobs`` > 1."""
    if options.scheduler:
        from .dask_executor import DaskExecutor  # needs koop[scale] only when asked for

        return DaskExecutor(options)
    return PoolExecutor(options) if options.jobs > 1 else InlineExecutor(options)
