"""Read: turn planned units into articles, lazily, and drop the ones already stored.

An article whose URL or normalized text is stored (or already seen in this run)
is skipped before extraction; what is left becomes a task (``extract.article_task``).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

from ..article import Article
from ..errors import Issue, KoopError
from ..io.feeds import item_text
from ..io.content import clean_text
from ..io.files import SourceFile, read_file
from ..io.readers import read_stdin
from ..io.web import Fetcher, page_to_article, url_to_id
from ..store import Store
from ..store.names import text_hash
from .extract import article_task
from .options import IngestOptions
from .plan import Unit
from .report import IngestReport

log = logging.getLogger("koop.ingest")


def unit_articles(unit: Unit, fetcher: Fetcher, issues=None,
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


def read_tasks(store: Store, units: list[Unit], fetcher: Fetcher, options: IngestOptions,
               report: IngestReport, bar) -> Iterator[tuple[dict | None, SourceFile | None]]:
    """(task, source-to-mark) in input order; task None means: only mark the source
    (a file is marked done with its last article)."""
    seen: set[str] = set()
    for unit in units:
        empty = True
        try:
            for a, is_last in _lookahead(unit_articles(unit, fetcher, report.add,
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
                yield article_task(a, options.lang, unit.ref), mark
        except KoopError as e:
            report.add(Issue.from_error(unit.ref, e))
            continue
        if empty and unit.source is not None:  # a file without articles
            yield None, unit.source
