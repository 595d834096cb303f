"""Extract: run the pipeline over one article, in whichever process holds it.

An article crosses a process boundary (to a pool worker or a Dask worker) as a
*task*: its ``Article.to_dict(full=True)`` data and the input it came from.
The worker rebuilds it with ``Article.from_dict``, runs the pipeline and sends
back the store's plain record (``koop.store.records``), or an error record
``{"error", "key", "input"}``: one bad article never stops the ingest.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from ..article import Article
from ..store.records import record_from_article
from .options import PipelineFactory

Pipeline = Callable[[Article], Article]


def article_task(article: Article, lang: str | None, input: str) -> dict[str, Any]:
    """The task of an article read but not yet extracted (``lang`` forces the language)."""
    data = article.to_dict(full=True)
    data["lang"] = lang or article.lang
    return {"article": data, "input": input}


def task_key(task: dict) -> str:
    return task["article"]["id"]


def error_record(task: dict, error: BaseException) -> dict[str, Any]:
    """The record of an article that could not be extracted (or sent back)."""
    a = task["article"]
    return {"error": f"{type(error).__name__}: {error}", "key": a["id"],
            "input": task.get("input") or a.get("url") or a.get("source")}


def extract_task(task: dict, pipeline: Pipeline) -> dict[str, Any]:
    """Run ``pipeline`` over one task. RETURNS a store record or an error record."""
    try:
        article = pipeline(Article.from_dict(task["article"]))
        return record_from_article(article, task["article"].get("source"))
    except Exception as e:  # one bad article must not stop the ingest
        return error_record(task, e)


# -- a pool worker's pipeline ----------------------------------------------------------------

_WORKER_PIPELINE: Pipeline | None = None


def init_worker(factory: PipelineFactory) -> None:
    """Build this worker process's pipeline (a process pool's initializer)."""
    global _WORKER_PIPELINE
    logging.basicConfig(level=logging.WARNING, format="koop: %(levelname)s: %(message)s")
    _WORKER_PIPELINE = factory()


def extract_in_worker(task: dict) -> dict[str, Any]:
    """``extract_task`` with the pipeline ``init_worker`` built in this process."""
    return extract_task(task, _WORKER_PIPELINE)
