"""How to ingest: one options object for every executor."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .. import limits
from ..article import Article
from ..io.web import FetchOptions
from ..pipeline.runner import default_pipeline

PipelineFactory = Callable[[], Callable[[Article], Article]]


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
            or ``local:N`` (see ``koop.ingest.dask_executor``; ``jobs`` is unused).
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
