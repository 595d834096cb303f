"""Plan: expand inputs into units (files, fetched pages, feed items, stdin).

Files whose size and mtime (or content hash) are unchanged since the last run,
and URLs already stored, are skipped here, before anything is read.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .. import limits
from ..errors import Issue, KoopError
from ..io.feeds import FeedItem, looks_like_feed, parse_feed
from ..io.files import (SourceFile, check_file, count_articles, describe_file, file_hash,
                        is_feed_file, is_input_file, iter_input_files)
from ..io.content import read_document
from ..io.web import Fetched, Fetcher, is_http_url
from ..store import Store
from .report import IngestReport


@dataclass
class Unit:
    """One thing to read: a file, a fetched page, a feed item or stdin."""

    kind: str                        # file | page | item | stdin
    ref: str
    source: SourceFile | None = None
    expected: int | None = 1
    fetched: Fetched | None = None
    item: FeedItem | None = None


def plan_inputs(store: Store, inputs: Iterable[str], fetcher: Fetcher, report: IngestReport,
                max_bytes: int | None = None) -> list[Unit]:
    """The units of ``inputs`` in input order; what is skipped goes to ``report``."""
    units: list[Unit] = []
    known = store.source_states()
    for inp in inputs:
        inp = str(inp)
        if inp == "-":
            units.append(Unit("stdin", "-", expected=None))
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
                ) -> list[Unit]:
    if not items:
        report.add(Issue.of(ref, "E048", url=ref))
    out = []
    for it in items:
        if store.has_url(it.link):
            report.duplicates += 1
        else:
            out.append(Unit("item", it.link, item=it))
    return out


def _plan_url(store: Store, url: str, fetcher: Fetcher, report: IngestReport) -> list[Unit]:
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
    return [Unit("page", url, fetched=fetched)]


def _plan_file(store: Store, path: Path, sources: dict[str, SourceFile],
               report: IngestReport, max_bytes: int | None = None) -> list[Unit]:
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
        return [Unit("file", str(path), source=source, expected=count_articles(path))]
    except (OSError, KoopError) as e:
        report.add(Issue.from_error(path, e if isinstance(e, KoopError) else
                                    KoopError("E010", path=path, reason=e.strerror or e)))
        return []
