"""The Dask ingest's parts: the client cuts the planned units into parts of about
``batch_size`` articles (JSONL files in byte ranges, WARC files in record ranges);
a worker reads its part and extracts each article (``extract_part``)."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from ..article import Article
from ..errors import Issue, KoopError
from .extract import article_task, extract_task
from .read import unit_articles

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)


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
