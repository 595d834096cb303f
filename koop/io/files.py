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
from pathlib import Path
from typing import Iterable, Iterator

from ..article import Article
from ..errors import KoopError
from ..store.records import SourceFile
from .feeds import looks_like_feed
from .readers import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, read_path
from .warc import count_warc, is_warc, read_warc

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | {".warc", ".gz"}


def is_input_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return is_warc(path)
    return suffix in KNOWN_SUFFIXES


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted; hidden files skipped) into input files."""
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
    suffix = path.suffix.lower()
    if suffix not in FEED_SUFFIXES:
        return False
    with path.open("rb") as f:
        return looks_like_feed(f.read(2048))


def count_articles(path: Path) -> int | None:
    """How many articles a file holds, at most (None when unknown)."""
    if is_warc(path):
        return count_warc(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    return 1


def read_file(path: Path) -> Iterator[Article]:
    """Articles in one local file (not feeds: their items are fetched by the ingest)."""
    source = str(path.resolve())
    articles = read_warc(path) if is_warc(path) else read_path(path)
    for a in articles:
        a.source = source
        yield a
