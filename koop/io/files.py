"""Local inputs: folders and files of every supported kind.

``.txt``/``.md`` (one article), ``.html`` (main text via trafilatura),
``.jsonl`` (one article per line), ``.warc``/``.warc.gz`` (one article per
response) and feed files (``.rss``, ``.atom``, or ``.xml`` holding a feed,
whose items' links are fetched by the ingest). Each file is described by a
``SourceFile`` (path, size, mtime, content hash) so that re-runs skip files
that did not change.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..article import Article
from ..errors import Issue, KoopError
from ..limits import value as limit
from .content import SNIFF_BYTES, check_size, iter_lines, sniff_binary
from .feeds import looks_like_feed
from .readers import (HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, IssueSink, log_issue,
                      read_path, read_stdin)
from .warc import count_warc, is_warc, read_warc


@dataclass(frozen=True)
class SourceFile:
    """An input file as last seen: identifies unchanged files on re-runs."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str


FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | {".warc", ".gz"}


def is_input_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return is_warc(path)
    return suffix in KNOWN_SUFFIXES


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted; hidden files skipped) into input files.

    The one walk of ``koop extract`` (``read_inputs``) and ``koop ingest``
    (``koop.ingest.plan``): both read the same files from the same folder. A
    path that is no folder is yielded as it is (and fails when read if it must)."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*")
                              if f.is_file() and is_input_file(f)
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)
                              and (f.suffix.lower() != ".xml" or is_feed_file(f)))
        else:
            yield p


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (streamed)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def describe_file(path: Path, content_hash: str | None = None) -> SourceFile:
    """A SourceFile for ``path`` (hashing its content unless given)."""
    try:
        st = path.stat()
    except OSError as e:
        raise KoopError("E010", path=path, reason=e.strerror or e) from None
    return SourceFile(str(path.resolve()), st.st_size, st.st_mtime_ns,
                      content_hash or file_hash(path))


def is_feed_file(path: Path) -> bool:
    """.rss and .atom files, and .xml files that start like a feed."""
    suffix = path.suffix.lower()
    if suffix in (".rss", ".atom"):
        return True
    if suffix not in FEED_SUFFIXES:
        return False
    try:
        with path.open("rb") as f:
            return looks_like_feed(f.read(2048))
    except OSError:  # unreadable: not taken for a feed (and reported when named explicitly)
        return False


def check_file(path: Path, max_bytes: int | None = None) -> None:
    """Cheap checks before a file is hashed or read: size, emptiness, binary data.

    The size limit applies to the whole file for one-document files (text,
    HTML, feeds), to each line of a JSONL file and to each record of a WARC
    file (checked while reading). Raises KoopError E010, E013, E014 or E015.
    """
    max_bytes = max_bytes or limit("max_document_bytes")
    try:
        size = path.stat().st_size
        if size == 0:
            raise KoopError("E014", what="empty file")
        if is_warc(path):
            return
        if path.suffix.lower() not in JSONL_SUFFIXES:
            check_size("the file", size, max_bytes)
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError as e:
        raise KoopError("E010", path=path, reason=e.strerror or e) from None
    kind = sniff_binary(head)
    if kind:
        raise KoopError("E013", kind=kind)


def count_articles(path: Path) -> int | None:
    """How many articles a file holds, at most (None when unknown)."""
    if is_warc(path):
        return count_warc(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        with path.open("rb") as f:  # an over-long line is counted, never held whole
            return sum(1 for _, line, _ in iter_lines(f, 1 << 20) if line is None or line.strip())
    return 1


def read_file(path: Path, issues: IssueSink | None = None,
              max_bytes: int | None = None) -> Iterator[Article]:
    """Articles in one local file (not feeds: their items are fetched by the ingest).

    Skipped parts (JSONL lines, WARC records) and repairs are reported to
    ``issues``; a file that cannot be used at all raises KoopError.
    """
    source = str(path.resolve())
    issues = issues or log_issue
    articles = read_warc(path, issues, max_bytes) if is_warc(path) else \
        read_path(path, issues, max_bytes)
    for a in articles:
        a.source = source
        yield a


def read_inputs(paths: Iterable[str], issues: IssueSink | None = None,
                max_bytes: int | None = None) -> Iterator[Article]:
    """Articles from paths, folders or ``-`` (JSONL, or plain text, on stdin): the
    inputs of ``koop extract``, walked as ``koop ingest`` walks them.

    A file that cannot be used is reported to ``issues`` (default: logged) and
    skipped; so is a folder without input files (E062) and a feed file (E064:
    its items are pages only ``koop ingest`` fetches). The other inputs are read.
    """
    issues = issues or log_issue
    for p in paths:
        if p == "-":
            yield from read_stdin(issues, max_bytes)
            continue
        files = list(iter_input_files([p]))
        if not files:
            issues(Issue.of(p, "E062", path=p))
        for f in files:
            try:
                if is_feed_file(f):
                    raise KoopError("E064", path=f)
                yield from read_warc(f, issues, max_bytes) if is_warc(f) else \
                    read_path(f, issues, max_bytes)
            except KoopError as e:
                issues(Issue.from_error(f, e))
