"""The Dask executor: workers of a cluster read and extract, the client writes.

``koop ingest --scheduler tcp://HOST:8786`` (an existing cluster) or
``--scheduler local:N`` (a local cluster of N single-threaded worker
processes, started and stopped by the ingest) runs the same ingest as one
process does (``koop.ingest``), with reading and extraction on the workers.
It uses the ingest's own steps: ``plan`` on the client, ``read.unit_articles``
and ``extract.extract_task`` (tasks in ``Article.to_dict`` form) on the
workers, the store's writer and the one ``IngestReport`` on the client:

1. *plan* (client): as in one process: inputs expand into units, files
   unchanged since the last run are skipped, pages and feeds are fetched;
2. *partition* (client): the units are cut, in input order, into *parts* of
   about ``batch_size`` articles: several small files; a large JSONL file in
   shards of lines (byte ranges); a large WARC file in shards of records
   (record offsets); articles the client already read (web pages, feed
   items, stdin) as plain tasks;
3. *extract* (workers): a worker reads its part and runs the pipeline
   (built once per worker process from ``pipeline_factory``, the same one a
   single process uses) over each article, returning plain records
   (``koop.store.records``) and its log warnings;
4. *write* (client): the progress bar advances as parts complete on the
   cluster; parts are written in input order, one transaction per part
   (a batch), with the duplicate checks of a single-process ingest. Workers
   get the hashes of the stored texts, so a resumed ingest does not extract
   again what it stored before it stopped. So the
   graph is the one a single-process ingest of the same inputs builds.

Workers must see the input files under the same absolute paths (a shared
file system or the same copy on every machine; the client resolves relative
paths, as the workers run in other folders) and have koop installed; they never open
the database. A worker that dies has its parts run again elsewhere (Dask's
``allowed-failures``); an ingest that stops keeps every part it wrote, and
running it again resumes.
"""
from __future__ import annotations

import logging
import uuid
from typing import Any

from ..errors import Issue
from ..progress import NoProgress
from .dask_cluster import connect
from .dask_parts import extract_part, partition, stored_hashes
from .extract import extract_task
from .write import STORE_DATA_ERRORS, write_record

log = logging.getLogger(__name__)


# -- writing (client) -------------------------------------------------------------------

class _PartWriter:
    """Writes parts in input order, as a single-process ingest writes their articles.

    A part is one transaction (a batch). If an article's data makes the batch
    fail (what ``koop.ingest`` skips as E019), the part is written again one
    article per transaction through ``write.write_record``, which skips just
    that article.
    """

    def __init__(self, store, units: list, report, factory=None) -> None:
        self.store, self.units, self.report = store, units, report
        self.factory, self.pipeline = factory, None  # for an article thought stored
        self.seen: set[str] = set()          # text hashes of this run
        self.failed_units: set[int] = set()  # units with a read error: source not marked

    def write(self, result: dict) -> None:
        for issue in result["issues"]:
            self.report.add(issue)
        try:
            outcomes, seen = self.store.run_write(lambda conn: self._batch(conn, result))
        except STORE_DATA_ERRORS as e:
            import sqlalchemy.exc as sa_exc

            if isinstance(e, sa_exc.OperationalError):
                raise
            outcomes, seen = self._one_by_one(result)
        self.seen |= seen
        self.failed_units |= set(result["failed"])
        self._account(outcomes)

    def _batch(self, conn, result: dict) -> tuple[list, set]:
        """The part in the caller's transaction (it may run again: no effects outside conn)."""
        from ..store import writer

        def write(record, mark):
            if "error" in record:
                return ("extraction_failed", record)
            return ("written", writer.write_record(conn, record, mark))

        return self._walk(result, lambda url, h: writer.is_stored(conn, url, h), write,
                          lambda source: writer.mark_source(conn, source))

    def _one_by_one(self, result: dict) -> tuple[list, set]:
        from ..store import writer

        def is_stored(url, h):
            return self.store.run_write(lambda conn: writer.is_stored(conn, url, h))

        def write(record, mark):
            write_record(self.store, record, mark, self.report, NoProgress())  # counts it too
            return None

        return self._walk(result, is_stored, write, self.store.mark_source)

    def _walk(self, result: dict, is_stored, write, mark_source) -> tuple[list, set]:
        """Decide, in input order, what becomes of each article: the checks of
        ``read.read_tasks``. RETURNS (outcomes to count, new text hashes)."""

        seen: set[str] = set()
        out: list[tuple[str, Any]] = []
        for p in result["pieces"]:
            unit = self.units[p["unit"]]
            ok = p["unit"] not in self.failed_units and p["unit"] not in result["failed"]
            source = unit.source if p["last"] and ok else None
            items = p["items"]
            if source is not None and not items:  # nothing (more) in the file: it is done
                mark_source(source)
            for k, item in enumerate(items):
                mark = source if k == len(items) - 1 else None
                if item.get("empty"):
                    out.append(("issue", Issue.of(unit.ref, "E014",
                                                  what=f"article '{item['id']}': no text")))
                elif (item.get("dup") or item["hash"] in self.seen or item["hash"] in seen
                      or is_stored(item["url"], item["hash"])):
                    out.append(("duplicate", None))
                else:
                    seen.add(item["hash"])
                    outcome = write(item.get("record") or self._extract_here(item["task"]), mark)
                    if outcome is not None:
                        out.append(outcome)
                    continue
                if mark is not None:
                    mark_source(mark)
        for unit, issue in result["failed"].items():
            if unit not in self.failed_units:  # once per input, not once per piece of it
                out.append(("issue", issue))
        return out, seen

    def _extract_here(self, task: dict) -> dict:
        """Extract, in this process, an article the workers took for stored that is not
        (its 64-bit hash prefix matched another's, or it was deleted meanwhile)."""
        if self.pipeline is None:
            self.pipeline = self.factory()
        return extract_task(task, self.pipeline)

    def _account(self, outcomes: list) -> None:
        report = self.report
        for kind, x in outcomes:
            if kind == "issue":
                report.add(x)
            elif kind == "duplicate":
                report.duplicates += 1
            elif kind == "extraction_failed":
                report.extraction_failed(x)
            else:
                report.count_written(x)


class DaskExecutor:
    """Read and extract on the Dask cluster ``options.scheduler``; write here.

    ``run`` connects (or starts ``local:N``), extracts the job's units on the
    workers and writes them to the job's store (this process is the only writer).
    """

    def __init__(self, options) -> None:
        self.options = options

    def start(self) -> None:
        pass  # the cluster is reached in run(), after the progress bar shows

    def run(self, job) -> None:
        client, cluster = connect(self.options.scheduler)
        try:
            _run(client, job.store, job.units, job.fetcher, self.options, job.report, job.bar)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def close(self) -> None:
        pass


def _run(client, store, units, fetcher, options, report, bar) -> None:
    from distributed import as_completed

    token = uuid.uuid4().hex
    threads = sum(client.nthreads().values()) or 1
    window = max(4, 3 * threads)  # parts submitted and not yet written
    parts = partition(units, fetcher, options, report)
    writer = _PartWriter(store, units, report, options.pipeline_factory)
    stored = stored_hashes(store)  # a resumed ingest extracts only what is not stored
    stored = client.scatter(stored, broadcast=True) if len(stored) else None
    index: dict = {}           # future -> part number
    done: dict[int, dict] = {}  # finished, not yet written (they wait for an earlier part)
    submitted = written = 0
    running = as_completed()

    def submit() -> None:
        nonlocal submitted
        while submitted - written < window:
            part = next(parts, None)
            if part is None:
                return
            fut = client.submit(extract_part, part, options.pipeline_factory, token, options.lang,
                                options.max_document_bytes, stored,
                                key=f"koop-extract-{token}-{submitted}")
            index[fut] = submitted
            running.add(fut)
            submitted += 1

    submit()
    for fut in running:
        result = fut.result()  # a task that failed on every try stops the ingest here
        n = index.pop(fut)
        fut.release()
        for message in result["warnings"]:
            log.warning(message)
        bar.update(sum(len(p["items"]) for p in result["pieces"]))
        done[n] = result
        while written in done:
            writer.write(done.pop(written))
            written += 1
        submit()
