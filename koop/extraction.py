"""Library functions behind ``koop extract`` and ``koop eval``."""
from __future__ import annotations

import logging
import sys
import time
from typing import Iterable, Iterator

from .article import Article
from .evaluate import check_gold, read_jsonl, score_coop, score_ner, texts_for_gold
from .errors import Issue, KoopError
from .io.files import read_inputs
from .io.readers import IssueSink, log_issue, record_to_article
from .pipeline.runner import default_pipeline

log = logging.getLogger(__name__)


def _progress(items: Iterable[Article], enabled: bool | None) -> Iterable[Article]:
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="doc", file=sys.stderr, desc="extract")


def extract_paths(paths: Iterable[str], lang: str | None = None,
                  progress: bool | None = None, issues: IssueSink | None = None,
                  max_bytes: int | None = None, kb_paths: Iterable[str] = ()) -> Iterator[Article]:
    """Read and extract every article under ``paths`` (lazily).

    Args:
        paths (list[str]): files, folders or ``-`` for stdin.
        lang (str): force 'de' or 'en'.
        progress (bool): progress bar on stderr (None: when stderr is a terminal).
        issues (callable): gets an Issue for every input, line or article that is
            skipped (and why) or read with a repair; default: logged as warnings.
        max_bytes (int): the document size limit (default: ``max_document_bytes``).
        kb_paths (list[str]): the user's KB files, added to the shipped KB.
    """
    sink = issues or log_issue
    paths = list(paths)
    skipped = 0

    def issues(issue: Issue) -> None:
        nonlocal skipped
        skipped += issue.skipped
        log.info("skipped %s", issue.line()) if issue.skipped else log.info("%s", issue.line())
        sink(issue)

    log.info("reading %d input%s: %s", len(paths), "" if len(paths) == 1 else "s", ", ".join(paths))
    pipeline = default_pipeline(kb_paths)
    started, n = time.perf_counter(), 0
    for article in _progress(read_inputs(paths, issues, max_bytes), progress):
        if lang:
            article.lang = lang
        try:
            yield pipeline(article)
            n += 1
        except Exception as e:  # one article that breaks the pipeline must not stop the rest
            issues(Issue(article.source or article.id, "E049",
                         f"article '{article.id}': extraction failed: {type(e).__name__}: {e}"))
    took = time.perf_counter() - started
    log.info("extracted %d article%s in %.1f s (%.1f/s); %d skipped", n, "" if n == 1 else "s",
             took, n / took if took else 0.0, skipped)


def evaluate_gold(gold_path: str, task: str | None = None, labels: Iterable[str] = ("ORG", "PER"),
                  errors: bool = False, kb_paths: Iterable[str] = ()) -> dict:
    """Extract the gold documents' texts (``kb_paths``: the user's KB files) and score
    the result."""
    gold = read_jsonl(gold_path)
    if task is None:
        task = "ner" if any("entities" in g for g in gold.values()) else "coop"
    check_gold(gold, gold_path, task)
    texts_path = texts_for_gold(gold_path)
    if texts_path is not None:
        records = read_jsonl(texts_path)
        if not gold.keys() & records.keys():
            raise KoopError("E034", n=len(gold), path=gold_path, texts=texts_path)
    elif all("text" in g for g in gold.values()):
        records = gold
    else:
        raise KoopError("E031", path=gold_path, texts=str(gold_path).replace(".gold", ""))
    log.info("gold file %s: %d documents, task %s; texts from %s", gold_path, len(gold), task,
             texts_path or "the gold lines")
    pipeline = default_pipeline(kb_paths)
    pred = {}
    started = time.perf_counter()
    for did, rec in records.items():
        if did not in gold:
            continue
        pred[did] = pipeline(record_to_article(rec, did)).to_dict()
    if len(pred) < len(gold):
        log.warning("%d of %d gold documents have no text; scored as predicting nothing",
                    len(gold) - len(pred), len(gold))
    log.info("extracted %d documents in %.1f s", len(pred), time.perf_counter() - started)
    if task == "ner":
        return score_ner(gold, pred, labels, errors)
    return score_coop(gold, pred, errors)
