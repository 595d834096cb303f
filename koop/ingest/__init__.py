"""Ingest: read inputs, extract, write each article in one transaction.

Four steps, each a module:

1. ``plan``: expand inputs into units (files, fetched pages, feed items,
   stdin); files unchanged since the last run and URLs already stored are
   skipped here;
2. ``read``: turn each unit into Articles, lazily; an article whose URL or
   normalized text is already stored (or seen in this run) is skipped before
   extraction; the others become tasks (their ``Article.to_dict`` data);
3. ``extract``: the pipeline runs over a task wherever the executor puts it
   and returns the store's plain record;
4. ``write``: only this process writes, in input order, one transaction per
   article (or per batch on Dask), counted in one ``IngestReport``.

Where extraction runs is the executor's business (``executors``): in this
process, in ``jobs`` worker processes, or on a Dask cluster
(``dask_executor``, issue 5); the graph is the same. A killed ingest loses at
most the articles in flight; running it again resumes where it stopped.
"""
from __future__ import annotations

from .options import IngestOptions, PipelineFactory
from .report import IngestReport
from .runner import ingest, ingest_article
from .write import STORE_DATA_ERRORS

__all__ = ["IngestOptions", "IngestReport", "PipelineFactory", "STORE_DATA_ERRORS", "ingest",
           "ingest_article"]
