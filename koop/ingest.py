"""Ingest: read inputs, extract in N processes, write each article in one transaction.

Three steps, in order:

1. *plan*: expand inputs into units (files, fetched pages, feed items);
   files whose size and mtime (or content hash) are unchanged since the last
   run, and URLs already stored, are skipped here;
2. *read*: turn each unit into Articles, lazily; an article whose URL or
   normalized text is already stored (or already seen in this run) is
   skipped before extraction;
3. *extract and write*: the pipeline runs in this process (``jobs=1``) or in
   ``jobs`` worker processes that send back plain records; only this process
   writes, in input order, one transaction per article (with the source file
   marked done in the transaction of its last article).

With ``scheduler`` (issue 5) steps 2 and 3 run on a Dask cluster instead:
workers read and extract, this process writes in input order, one
transaction per batch (``koop.scale.dask_ingest``); the graph is the same.

A killed ingest loses at most the articles in flight; running it again
resumes where it stopped.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import sys
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import exc as sa_exc

from . import limits
from .article import Article
from .errors import Issue, KoopError
from .io.content import clean_text, read_document
from .io.feeds import FeedItem, item_text, looks_like_feed, parse_feed
from .io.files import (check_file, count_articles, describe_file, file_hash, is_feed_file,
                       is_input_file, iter_input_files, read_file)
from .io.readers import read_stdin
from .io.web import Fetched, Fetcher, FetchOptions, is_http_url, page_to_article, url_to_id
from .pipeline.runner import default_pipeline
from .progress import make_progress
from .store import Store
from .store.names import text_hash
from .store.records import SourceFile, record_from_article

log = logging.getLogger(__name__)

PipelineFactory = Callable[[], Callable[[Article], Article]]

# a write that fails on these is rolled back and the article skipped (E019); an
# OperationalError (disk full, database locked, connection lost) stops the ingest
STORE_DATA_ERRORS = (sa_exc.StatementError, ValueError, TypeError, UnicodeError, OverflowError)


@dataclass
class IngestOptions:
    """How to ingest.

    Args:
        jobs (int): extraction processes (1: in this process).
        lang (str): force 'de' or 'en' instead of detecting it.
        progress (bool): progress on stderr (``koop.progress``). None: a bar on
            a terminal, else a status line every 10 s; True: always a bar; False: none.
        fetch (FetchOptions): network limits for URLs and feed items.
        pipeline_factory (callable): builds the Article -> Article pipeline
            (once per process; must be picklable, i.e. a module-level
            function, when jobs > 1). Default: ``default_pipeline``.
        window (int): articles in flight per job before the writer waits.
        scheduler (str): extract on a Dask cluster instead: ``tcp://HOST:PORT``
            or ``local:N`` (see ``koop.scale.dask_ingest``; ``jobs`` is unused).
        batch_size (int): with ``scheduler``, articles per Dask task and per
            write transaction.
        max_document_bytes (int): largest document (file, JSONL line, WARC
            record); larger ones are skipped (default: ``koop/limits.py``).
    """

    jobs: int = 1
    lang: str | None = None
    progress: bool | None = None
    fetch: FetchOptions = field(default_factory=FetchOptions)
    pipeline_factory: PipelineFactory = default_pipeline
    window: int = 8
    scheduler: str | None = None
    batch_size: int = 32
    max_document_bytes: int = field(default_factory=limits.factory("max_document_bytes"))


@dataclass
class IngestReport:
    """What an ingest did. ``issues`` says what was skipped (E codes, counted in
    ``failed``) or read with a repair (W codes), one :class:`~koop.errors.Issue` each."""

    new: int = 0               # articles stored
    replaced: int = 0          # changed versions of a file's article
    duplicates: int = 0        # same URL or normalized text as a stored article
    near_duplicates: int = 0   # stored, grouped with an earlier report of the same story
    unchanged_files: int = 0   # files skipped because they did not change
    failed: int = 0            # unreadable inputs, failed fetches or extractions
    cooperations: int = 0      # cooperation observations written
    seconds: float = 0.0
    issues: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue) -> None:
        """Record an issue (an error counts as failed) and log it (shown with ``-v``)."""
        self.issues.append(issue)
        if issue.skipped:
            self.failed += 1
        log.info(issue.line())

    @property
    def skipped(self) -> list[Issue]:
        """The inputs (files, lines, records, URLs, articles) that were skipped, and why."""
        return [i for i in self.issues if i.skipped]

    @property
    def processed(self) -> int:
        """Articles read and stored or found stored (failed inputs are not counted)."""
        return self.new + self.replaced + self.duplicates

    @property
    def articles_per_second(self) -> float:
        """``processed`` per second (failures are fast and would flatter the rate)."""
        return self.processed / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "articles_per_second": round(self.articles_per_second, 2)}

    def summary(self) -> str:
        return (f"{self.new} new, {self.replaced} replaced, {self.duplicates} duplicates, "
                f"{self.near_duplicates} near-duplicates, {self.unchanged_files} unchanged files, "
                f"{self.failed} failed; {self.cooperations} cooperation observations; "
                f"{self.seconds:.1f}s" + (f" ({self.articles_per_second:.1f} articles/s)"
                                          if self.processed else ""))


@dataclass
class _Unit:
    kind: str                        # file | page | item | stdin
    ref: str
    source: SourceFile | None = None
    expected: int | None = 1
    fetched: Fetched | None = None
    item: FeedItem | None = None


# -- plan ---------------------------------------------------------------------

def _plan(store: Store, inputs: Iterable[str], fetcher: Fetcher, report: IngestReport,
          max_bytes: int | None = None) -> list[_Unit]:
    units: list[_Unit] = []
    known = store.source_states()
    for inp in inputs:
        inp = str(inp)
        if inp == "-":
            units.append(_Unit("stdin", "-", expected=None))
        elif is_http_url(inp):
            units.extend(_plan_url(store, inp, fetcher, report))
        elif Path(inp).exists():
            files = list(iter_input_files([inp]))
            if not files:  # a folder without input files: say so, never nothing at all
                report.add(Issue.of(inp, "E062", path=inp))
            for f in files:
                units.extend(_plan_file(store, f, known, report, max_bytes))
        else:
            report.add(Issue.of(inp, "E047", input=inp))
    return units


def _plan_items(store: Store, items: list[FeedItem], ref: str, report: IngestReport
                ) -> list[_Unit]:
    if not items:
        report.add(Issue.of(ref, "E048", url=ref))
    out = []
    for it in items:
        if store.has_url(it.link):
            report.duplicates += 1
        else:
            out.append(_Unit("item", it.link, item=it))
    return out


def _plan_url(store: Store, url: str, fetcher: Fetcher, report: IngestReport) -> list[_Unit]:
    if store.has_url(url):
        report.duplicates += 1
        return []
    try:
        fetched = fetcher.get(url)
        if looks_like_feed(fetched.body, fetched.content_type):
            return _plan_items(store, parse_feed(fetched.body, fetched.url, report.add, url),
                               url, report)
    except KoopError as e:
        report.add(Issue.from_error(url, e))
        return []
    if fetched.url != url and store.has_url(fetched.url):
        report.duplicates += 1
        return []
    return [_Unit("page", url, fetched=fetched)]


def _plan_file(store: Store, path: Path, sources: dict[str, SourceFile],
               report: IngestReport, max_bytes: int | None = None) -> list[_Unit]:
    if not is_input_file(path):
        report.add(Issue.of(path, "E012", path=path))
        return []
    try:
        if is_feed_file(path):
            data = read_document(path, max_bytes or limits.value("max_document_bytes"))
            return _plan_items(store, parse_feed(data, None, report.add, str(path)), str(path),
                               report)
        st = path.stat()
        resolved = str(path.resolve())
        known = sources.get(resolved)
        if known and (known.size, known.mtime_ns) == (st.st_size, st.st_mtime_ns):
            report.unchanged_files += 1
            return []
        check_file(path, max_bytes)  # before hashing: a 50 MB file is not read at all
        source = describe_file(path, file_hash(path))
        if known and known.content_hash == source.content_hash:
            store.mark_source(source)  # touched, not changed: remember the new mtime
            report.unchanged_files += 1
            return []
        return [_Unit("file", str(path), source=source, expected=count_articles(path))]
    except (OSError, KoopError) as e:
        report.add(Issue.from_error(path, e if isinstance(e, KoopError) else
                                    KoopError("E010", path=path, reason=e.strerror or e)))
        return []


# -- read ---------------------------------------------------------------------

def _unit_articles(unit: _Unit, fetcher: Fetcher, issues=None,
                   max_bytes: int | None = None) -> Iterator[Article]:
    """The unit's Articles. Skipped parts and repairs go to ``issues`` (default:
    logged); a unit that gives nothing at all raises KoopError."""
    if unit.kind == "file":
        yield from read_file(Path(unit.ref), issues, max_bytes)
    elif unit.kind == "stdin":
        yield from read_stdin(issues, max_bytes)
    elif unit.kind == "page":
        yield page_to_article(unit.fetched)
    elif unit.kind == "item":
        it = unit.item
        try:
            a = page_to_article(fetcher.get(it.link))
        except KoopError as e:
            a = None
            if not it.content:
                raise
            log.info("%s: %s; using the feed's copy", it.link, e.reason)
        if a is None and it.content:  # the feed's own copy of the item
            text = clean_text(item_text(it.content))
            if it.title and not text.startswith(it.title):
                text = f"{it.title}\n\n{text}"
            a = Article(id=url_to_id(it.link), text=text, url=it.link)
        if a is not None:
            a.url = a.url or it.link
            a.date = a.date or it.date
            a.title = a.title or it.title
            yield a


def _lookahead(it: Iterator[Article]) -> Iterator[tuple[Article, bool]]:
    prev = None
    for x in it:
        if prev is not None:
            yield prev, False
        prev = x
    if prev is not None:
        yield prev, True


def _tasks(store: Store, units: list[_Unit], fetcher: Fetcher, options: IngestOptions,
           report: IngestReport, bar) -> Iterator[tuple[dict | None, SourceFile | None]]:
    """(task, source-to-mark) in input order; task None means: only mark the source."""
    seen: set[str] = set()
    for unit in units:
        empty = True
        try:
            for a, is_last in _lookahead(_unit_articles(unit, fetcher, report.add,
                                                        options.max_document_bytes)):
                empty = False
                mark = unit.source if is_last else None
                h = text_hash(a.text)
                if not a.text.strip() or h in seen or (a.url and store.has_url(a.url)) \
                        or store.has_text_hash(h):
                    if a.text.strip():
                        report.duplicates += 1
                    else:
                        report.add(Issue.of(unit.ref, "E014", what=f"article '{a.id}': no text"))
                    bar.update(1)
                    if mark:
                        yield None, mark
                    continue
                seen.add(h)
                yield {"id": a.id, "text": a.text, "lang": options.lang or a.lang,
                       "date": a.date, "title": a.title, "url": a.url,
                       "source": a.source, "input": unit.ref}, mark
        except KoopError as e:
            report.add(Issue.from_error(unit.ref, e))
            continue
        if empty and unit.source is not None:  # a file without articles
            yield None, unit.source


# -- extract (in this process or a worker) --------------------------------------

_PIPELINE: Callable[[Article], Article] | None = None


def _init_worker(factory: PipelineFactory) -> None:
    global _PIPELINE
    logging.basicConfig(level=logging.WARNING, format="koop: %(levelname)s: %(message)s")
    _PIPELINE = factory()


def _extract(task: dict) -> dict:
    """Run the pipeline over one task; RETURNS a store record or {'error', 'key'}."""
    try:
        a = Article(id=task["id"], text=task["text"], lang=task.get("lang"),
                    date=task.get("date"), title=task.get("title"), url=task.get("url"),
                    source=task.get("source"))
        a = _PIPELINE(a)
        return record_from_article(a, task.get("source"))
    except Exception as e:  # one bad article must not stop the ingest
        return {"error": f"{type(e).__name__}: {e}", "key": task.get("id"),
                "input": task.get("input") or task.get("url") or task.get("source")}


# -- write ----------------------------------------------------------------------

def _write(store: Store, record: dict | None, source: SourceFile | None,
           report: IngestReport, bar) -> None:
    if record is None:
        store.mark_source(source)
        return
    bar.update(1)
    where = record.get("input") or record.get("url") or record.get("source_path") or record["key"]
    if "error" in record:
        report.add(Issue.of(where, "E049", key=record["key"], reason=record["error"]))
        return
    try:
        res = store.write_record(record, source)
    except STORE_DATA_ERRORS as e:  # this article's data, not the database: skip it
        if isinstance(e, sa_exc.OperationalError):
            raise
        reason = getattr(e, "orig", None) or e
        report.add(Issue.of(where, "E019", key=record["key"],
                            reason=f"{type(reason).__name__}: {reason}"))
        return
    if res.status == "duplicate":
        report.duplicates += 1
        return
    if res.status == "replaced":
        report.replaced += 1
    else:
        report.new += 1
    report.near_duplicates += int(res.near_duplicate)
    report.cooperations += res.cooperations


def ingest(store: Store, inputs: Iterable[str], options: IngestOptions | None = None
           ) -> IngestReport:
    """Ingest files, folders, URLs, feeds or ``-`` (stdin) into ``store``.

    Args:
        store (Store): the graph database.
        inputs (list[str]): paths, folders, http(s) URLs of pages or feeds.
        options (IngestOptions): jobs, language, progress, network limits.
    RETURNS (IngestReport): counts and timing.
    """
    options = options or IngestOptions()
    report = IngestReport()
    t0 = time.perf_counter()
    with Fetcher(options.fetch) as fetcher:
        units = _plan(store, list(inputs), fetcher, report, options.max_document_bytes)
        expected = [u.expected for u in units]
        total = sum(expected) if all(e is not None for e in expected) else None
        # workers start before the progress bar's thread, so forking copies no running thread
        pool = _start_pool(options) if options.jobs > 1 and units and not options.scheduler \
            else None
        bar = make_progress(total, report, options.progress)
        try:
            tasks = _tasks(store, units, fetcher, options, report, bar)
            if options.scheduler and units:  # issue 5: read and extract on a Dask cluster
                from .scale.dask_ingest import run_dask

                run_dask(store, units, fetcher, options, report, bar)
            elif pool is None:
                _run_here(store, tasks, options, report, bar)
            else:
                _run_pool(store, tasks, pool, options, report, bar)
        finally:
            bar.close()
            if pool is not None:
                pool.terminate()
                pool.join()
    report.seconds = time.perf_counter() - t0
    return report


def _run_here(store, tasks, options, report, bar) -> None:
    global _PIPELINE
    _PIPELINE = options.pipeline_factory()
    for task, source in tasks:
        _write(store, _extract(task) if task else None, source, report, bar)


def _start_pool(options: IngestOptions):
    """``jobs`` worker processes, each with its own pipeline.

    Linux forks (fast, and a script without ``if __name__ == "__main__":``
    works); elsewhere workers are spawned, so the pipeline factory must be
    importable and the calling script guarded.
    """
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    ctx = mp.get_context(method)
    return ctx.Pool(options.jobs, initializer=_init_worker, initargs=(options.pipeline_factory,))


def _result(res, task: dict) -> dict:
    """A worker's record; an error record when the result cannot come back (unpicklable)."""
    try:
        return res.get()
    except Exception as e:
        return {"error": f"{type(e).__name__}: {e}", "key": task.get("id"),
                "input": task.get("input")}


def _run_pool(store, tasks, pool, options, report, bar) -> None:
    window = max(1, options.window) * options.jobs
    pending: deque = deque()

    def drain(limit: int) -> None:
        while pending and (len(pending) > limit or pending[0][0] is None):
            res, source, task = pending.popleft()
            _write(store, _result(res, task) if res is not None else None, source, report, bar)

    for task, source in tasks:
        pending.append((pool.apply_async(_extract, (task,)) if task else None, source, task))
        drain(window)
    drain(0)
    pool.close()


# -- one article at a time (the web app's POST /api/articles) --------------------------

def ingest_article(store: Store, article: Article,
                   pipeline: Callable[[Article], Article] | None = None):
    """Extract one Article and write it, unless its URL or normalized text is stored.

    Args:
        store (Store): the graph database.
        article (Article): the article's text and metadata (not yet extracted).
        pipeline (callable): Article -> Article (default: ``default_pipeline()``).
    RETURNS (WriteResult): ``status`` new, replaced or duplicate; for a
    duplicate ``key`` is the stored article's key.
    """
    from .store import WriteResult
    from .store.queries import stored_article_key

    with store.read() as conn:
        known = stored_article_key(conn, url=article.url, text_hash=text_hash(article.text))
    if known is not None:
        return WriteResult("duplicate", known)
    article = (pipeline or default_pipeline())(article)
    result = store.write_article(article)
    if result.status == "duplicate":  # stored by a concurrent writer meanwhile
        with store.read() as conn:
            known = stored_article_key(conn, url=article.url, text_hash=text_hash(article.text))
        return WriteResult("duplicate", known or result.key)
    return result
