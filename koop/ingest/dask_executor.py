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
import os
import re
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ..article import Article
from ..errors import Issue, KoopError
from ..progress import NoProgress
from .extract import article_task, extract_task
from .read import unit_articles
from .write import STORE_DATA_ERRORS, write_record

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 30      # seconds to reach a scheduler
PROBE_TIMEOUT = 5         # seconds for the first TCP connection to its port
DEFAULT_PORT = 8786       # Dask's scheduler port
WORKER_TIMEOUT = 120      # seconds to wait for a first worker
_LOCAL = re.compile(r"^local(?::(\d+))?$")


# -- the cluster ---------------------------------------------------------------------

def parse_scheduler(scheduler: str) -> tuple[str, int | None]:
    """``("local", N)`` for ``local``/``local:N``, else ``("address", None)``.

    Raises KoopError E070 for anything that is neither.
    """
    scheduler = scheduler.strip()
    m = _LOCAL.match(scheduler)
    if m:
        n = int(m.group(1)) if m.group(1) else (os.cpu_count() or 1)
        if n < 1:
            raise KoopError("E070", scheduler=scheduler, reason="local:N needs N >= 1")
        return "local", n
    if re.match(r"^(tcp|tls|ws|wss|ucx)://[^/]+$", scheduler):
        return "address", None
    raise KoopError("E070", scheduler=scheduler,
                    reason="expected tcp://HOST:PORT (a running scheduler) or local:N")


def check_reachable(scheduler: str, timeout: float = PROBE_TIMEOUT) -> None:
    """Fail at once when nothing listens at a ``tcp://HOST:PORT`` scheduler address
    (Dask's client would retry a refused connection for ``CONNECT_TIMEOUT`` seconds).

    Raises KoopError E070 naming the address and the reason.
    """
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(scheduler.strip())
    if parts.scheme != "tcp":
        return  # tls://, ws://, ucx://: left to Dask
    try:
        host, port = parts.hostname, parts.port or DEFAULT_PORT
    except ValueError as e:  # a port that is no number
        raise KoopError("E070", scheduler=scheduler, reason=e) from None
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as e:
        why = e.strerror or type(e).__name__
        if isinstance(e, (TimeoutError, socket.timeout)):
            why = f"no answer within {timeout:g} s"
        raise KoopError("E070", scheduler=scheduler,
                        reason=f"cannot connect to {host} port {port} ({why}); start a "
                               f"scheduler there (dask scheduler --port {port})") from None


def connect(scheduler: str):
    """A Dask client for ``scheduler``. RETURNS (Client, LocalCluster or None)."""
    kind, n = parse_scheduler(scheduler)
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise KoopError("E071", reason=e) from None
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:  # Dask's chatter only with -vv
        logging.getLogger("distributed").setLevel(logging.WARNING)
    cluster = None
    try:
        if kind == "local":
            # (the scheduler's HTTP server, dashboard included, on a free port: never 8787)
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.WARNING)
            return Client(cluster), cluster
        check_reachable(scheduler)
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        return client, None
    except KoopError:
        raise
    except Exception as e:  # OSError, TimeoutError, CommClosedError ...
        if cluster is not None:
            cluster.close()
        raise KoopError("E070", scheduler=scheduler, reason=e or type(e).__name__) from None


# -- partitioning (client) ---------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """The part of one unit (input file, page, feed item, stdin) that one task reads.

    ``kind`` is ``file`` (the whole file), ``jsonl`` (lines in the byte range
    [start, end), the first being line number ``line``), ``warc`` (records
    starting in [start, end)), ``tasks`` (articles the client read) or
    ``failed`` (the client could not read the unit: ``message``). ``path`` is
    absolute for files (the client resolves it: workers run in other folders),
    ``input`` the name the user gave, used in reports.
    """

    unit: int
    kind: str
    path: str | None = None
    start: int = 0
    end: int | None = None
    line: int = 1
    tasks: tuple = ()
    size: int = 1
    last: bool = True
    message: str | None = None
    input: str | None = None

    @property
    def name(self) -> str:
        """The input as the user named it (for issues)."""
        return self.input or self.path or ""


def jsonl_shards(path: Path, size: int) -> list[tuple[int, int | None, int, int]]:
    """Cut a JSONL file into shards of ``size`` non-empty lines.

    RETURNS (list): (start offset, end offset or None, first line number, lines) per shard.
    """
    shards = []
    start, offset, line_no, first_line, n = 0, 0, 0, 1, 0
    with path.open("rb") as f:
        for raw in f:
            line_no += 1
            if raw.strip():
                if n == size:
                    shards.append((start, offset, first_line, n))
                    start, first_line, n = offset, line_no, 0
                n += 1
            offset += len(raw)
    shards.append((start, None, first_line, n))
    return shards


def _file_pieces(i: int, unit, size: int) -> Iterator[Piece]:
    from ..io.readers import JSONL_SUFFIXES
    from ..io.warc import is_warc

    path = Path(unit.ref)
    where = str(path.resolve())  # the workers' working folder is not ours (issue 14)
    expected = unit.expected or 0
    if expected > size and path.suffix.lower() in JSONL_SUFFIXES:
        shards = jsonl_shards(path, size)
        for k, (start, end, line, n) in enumerate(shards):
            yield Piece(i, "jsonl", where, start, end, line, size=n,
                        last=k == len(shards) - 1, input=unit.ref)
    elif expected > size and is_warc(path) and (offsets := _try_offsets(path)):
        cuts = offsets[::size]
        for k, start in enumerate(cuts):
            end = cuts[k + 1] if k + 1 < len(cuts) else None
            yield Piece(i, "warc", where, start, end,
                        size=min(size, len(offsets) - k * size), last=end is None,
                        input=unit.ref)
    else:
        yield Piece(i, "file", where, size=max(1, expected), input=unit.ref)


def _try_offsets(path: Path) -> list[int] | None:
    """The WARC file's record offsets; None if it cannot be scanned (then one worker
    reads it whole and reports what is broken, as a single process would)."""
    from ..io.warc import warc_offsets

    try:
        return warc_offsets(path)
    except Exception as e:  # a broken archive
        log.debug("%s: not cut into shards: %s", path, e)
        return None


def _pieces(i: int, unit, fetcher, options, report) -> Iterator[Piece]:
    size = max(1, options.batch_size)
    if unit.kind == "file":
        try:
            yield from _file_pieces(i, unit, size)
        except OSError as e:
            yield Piece(i, "failed", unit.ref, message=str(e.strerror or e))
        return
    try:  # pages, feed items, stdin: read here, as in one process
        tasks = [article_task(a, options.lang, unit.ref) for a in unit_articles(
            unit, fetcher, report.add, options.max_document_bytes)]
    except KoopError as e:
        report.add(Issue.from_error(unit.ref, e))
        return
    chunks = [tasks[k:k + size] for k in range(0, len(tasks), size)] or [[]]
    for k, chunk in enumerate(chunks):
        yield Piece(i, "tasks", unit.ref, tasks=tuple(chunk), size=len(chunk),
                    last=k == len(chunks) - 1)


def partition(units: list, fetcher, options, report) -> Iterator[list[Piece]]:
    """The units as parts of at most ``options.batch_size`` articles each (a part may
    hold one larger piece), in input order. Issues of what the client reads (pages,
    feed items, stdin) go to ``report``."""
    size = max(1, options.batch_size)
    part: list[Piece] = []
    n = 0
    for i, unit in enumerate(units):
        for piece in _pieces(i, unit, fetcher, options, report):
            if part and n + piece.size > size:
                yield part
                part, n = [], 0
            part.append(piece)
            n += piece.size
    if part:
        yield part


# -- reading and extraction (workers) ------------------------------------------------------

_PIPELINES: dict[str, Callable[[Article], Article]] = {}
_PIPELINES_LOCK = threading.Lock()


def _worker_pipeline(token: str, factory) -> Callable[[Article], Article]:
    """The ingest's pipeline in this worker process, built on first use."""
    with _PIPELINES_LOCK:
        pipeline = _PIPELINES.get(token)
        if pipeline is None:
            _PIPELINES.clear()  # an earlier ingest's
            pipeline = _PIPELINES[token] = factory()
        return pipeline


def _piece_articles(piece: Piece, issues=None, max_bytes: int | None = None
                    ) -> Iterator[Article]:
    """The articles of a piece, read as ``koop.io.files.read_file`` reads whole files.

    Skipped lines or records and repairs go to ``issues``; an unusable file raises
    KoopError.
    """
    from ..io.files import read_file
    from ..io.warc import read_warc

    if piece.kind == "tasks":
        for t in piece.tasks:
            yield Article.from_dict(t["article"])
        return
    path = Path(piece.path)
    if piece.kind == "file":
        yield from read_file(path, issues, max_bytes)
        return
    source = str(path.resolve())
    if piece.kind == "warc":
        articles = read_warc(path, issues, max_bytes, start=piece.start, stop=piece.end)
    else:
        articles = _read_jsonl_shard(path, piece, issues, max_bytes)
    for a in articles:
        a.source = source
        yield a


def _read_jsonl_shard(path: Path, piece: Piece, issues, max_bytes: int | None
                      ) -> Iterator[Article]:
    """The articles of a JSONL shard: its lines, numbered as in the whole file."""
    from ..io.content import iter_lines
    from ..io.readers import _read_numbered, log_issue
    from ..limits import value as limit

    issues = issues or log_issue
    max_bytes = max_bytes or limit("max_document_bytes")

    def numbered(f):
        f.seek(piece.start)
        lines = iter_lines(f, max_bytes)
        while piece.end is None or f.tell() < piece.end:
            item = next(lines, None)
            if item is None:
                return
            n, line, size = item
            yield n + piece.line - 1, line, size

    try:
        with path.open("rb") as f:
            yield from _read_numbered(numbered(f), str(path), issues, max_bytes)
    except OSError as e:
        raise KoopError("E010", path=path, reason=e.strerror or e) from None


def _named(sink, piece: Piece):
    """``sink`` with issues of the piece's absolute path named as the user named the input."""
    if piece.path == piece.name:
        return sink

    def rename(issue):
        if issue.input == piece.path:
            issue = type(issue)(piece.name, issue.code, issue.reason)
        sink(issue)

    return rename


class _Collect(logging.Handler):
    """Keeps koop's warnings of one task, to report them on the client."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def stored_hashes(store) -> "np.ndarray":
    """The first 64 bits of every stored article's text hash, sorted (8 bytes an
    article: a million stored articles are 8 MB on each worker)."""
    import numpy as np

    from ..store.schema import articles

    with store.read() as conn:
        prefixes = [_prefix(h) for h in conn.execute(
            articles.select().with_only_columns(articles.c.text_hash)).scalars()]
    return np.array(sorted(prefixes), dtype=np.uint64)


def _prefix(text_hash: str) -> int:
    return int(text_hash[:16], 16)


def _is_known(stored, text_hash: str) -> bool:
    import numpy as np

    x = np.uint64(_prefix(text_hash))
    i = int(np.searchsorted(stored, x))
    return i < len(stored) and stored[i] == x


def extract_part(pieces: list[Piece], factory, token: str, lang: str | None,
                 max_bytes: int | None = None, stored=None) -> dict:
    """Read and extract one part on a worker.

    Args:
        stored (ndarray): ``stored_hashes`` of the database: an article whose
            text is stored is not extracted (a resumed ingest), as in one process.
    RETURNS (dict): ``pieces``: per piece its ``unit``, ``last`` and ``items``
        (per article ``{"empty", "id"}``, or its ``hash`` and ``url`` with
        ``dup`` (same text earlier in the piece), ``stored`` (and its ``task``,
        in case the client finds it is not stored after all) or the ``record``);
        ``issues``: what was skipped or repaired while reading (Issue objects);
        ``failed``: the pieces' units that could not be read (unit -> Issue);
        ``warnings``: koop's other log warnings meanwhile.
    """
    from ..store.names import text_hash

    pipeline = _worker_pipeline(token, factory)
    handler = _Collect()
    logger = logging.getLogger("koop")
    logger.addHandler(handler)
    out, issues, failed = [], [], {}
    try:
        for piece in pieces:
            items: list[dict] = []
            seen: set[str] = set()
            try:
                if piece.kind == "failed":
                    raise KoopError("E010", path=piece.name, reason=piece.message)
                for a in _piece_articles(piece, _named(issues.append, piece), max_bytes):
                    if not a.text.strip():
                        items.append({"empty": True, "id": a.id})
                        continue
                    h = text_hash(a.text)
                    if h in seen:
                        items.append({"hash": h, "url": a.url, "dup": True})
                        continue
                    seen.add(h)
                    if stored is not None and _is_known(stored, h):  # checked on the client
                        items.append({"hash": h, "url": a.url, "stored": True,
                                      "task": article_task(a, lang, piece.name)})
                        continue
                    record = extract_task(article_task(a, lang, piece.name), pipeline)
                    items.append({"hash": h, "url": a.url, "record": record})
            except KoopError as e:
                failed[piece.unit] = Issue.from_error(piece.name, e)
            out.append({"unit": piece.unit, "last": piece.last, "items": items})
    finally:
        logger.removeHandler(handler)
    return {"pieces": out, "issues": issues, "failed": failed, "warnings": handler.messages}


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
