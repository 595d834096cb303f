"""The ingest as a whole: plan, then read, extract and write with one executor."""
from __future__ import annotations

import time
from typing import Callable, Iterable

from ..article import Article
from ..io.web import Fetcher
from ..pipeline.runner import default_pipeline
from ..progress import make_progress
from ..store import Store, WriteResult
from ..store.names import text_hash
from ..store.queries.articles import stored_article_key
from .executors import IngestJob, executor_for
from .options import IngestOptions
from .plan import plan_inputs
from .report import IngestReport


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
        units = plan_inputs(store, list(inputs), fetcher, report, options.max_document_bytes)
        expected = [u.expected for u in units]
        total = sum(expected) if all(e is not None for e in expected) else None
        executor = executor_for(options) if units else None
        if executor is not None:
            executor.start()  # before the progress bar's thread: a fork copies no running thread
        bar = make_progress(total, report, options.progress)
        try:
            if executor is not None:
                executor.run(IngestJob(store, units, fetcher, options, report, bar))
        finally:
            bar.close()
            if executor is not None:
                executor.close()
    report.seconds = time.perf_counter() - t0
    return report


def ingest_article(store: Store, article: Article,
                   pipeline: Callable[[Article], Article] | None = None) -> WriteResult:
    """Extract one Article and write it, unless its URL or normalized text is stored
    (the web app's POST /api/articles).

    Args:
        store (Store): the graph database.
        article (Article): the article's text and metadata (not yet extracted).
        pipeline (callable): Article -> Article (default: ``default_pipeline()``).
    RETURNS (WriteResult): ``status`` new, replaced or duplicate; for a
    duplicate ``key`` is the stored article's key.
    """
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
