"""Web archives (.warc, .warc.gz) via warcio: one Article per HTML or text response.

A broken archive keeps what was read before the break. Each record that is
skipped is reported as an Issue of the archive: too large (E015), cut short
(E046), binary (E013) or without text (E014); so is an archive that ends in
the middle of a record or cannot be read on (E046).
"""
from __future__ import annotations

import io
import logging
from contextlib import redirect_stderr
from pathlib import Path
from typing import Iterator

from ..article import Article
from ..errors import Issue, KoopError
from ..limits import value as limit
from .content import SNIFF_BYTES, decode, sniff_binary
from .readers import IssueSink, html_to_article, log_issue
from .web import url_to_id

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _media_type(record) -> str | None:
    """The media type of a usable record (a 200 response or a resource), else None."""
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media = ctype.split(";")[0].strip().lower()
    return media if media in ("text/html", "application/xhtml+xml", "text/plain") else None


def _charset(record) -> str | None:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    ctype = (headers.get_header("Content-Type") if headers else "") or ""
    for part in ctype.split(";")[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset":
            return val.strip().strip("\"'") or None
    return None


def count_warc(path: str | Path) -> int | None:
    """How many articles ``read_warc`` will yield at most (headers only; None if unreadable)."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with Path(path).open("rb") as f, redirect_stderr(io.StringIO()):
            return sum(1 for record in ArchiveIterator(f) if _media_type(record))
    except Exception:
        return None


def _records(f, errors: io.StringIO):
    """warcio's records, with what warcio writes to stderr caught in ``errors``."""
    from warcio.archiveiterator import ArchiveIterator

    with redirect_stderr(errors):
        it = ArchiveIterator(f)
        records = iter(it)
    while True:
        with redirect_stderr(errors):
            try:
                record = next(records)
            except StopIteration:
                return
        yield it, record


def warc_offsets(path: str | Path) -> list[int]:
    """Byte offsets of the records that ``read_warc`` reads (headers only): where a
    WARC file can be cut into shards for several workers (issue 5)."""
    with Path(path).open("rb") as f:
        return [it.get_record_offset() for it, record in _records(f, io.StringIO())
                if _media_type(record)]


def read_warc(path: str | Path, issues: IssueSink | None = None,
              max_bytes: int | None = None, start: int = 0,
              stop: int | None = None) -> Iterator[Article]:
    """Articles from the successful HTML/plain-text responses in a WARC file.

    Args:
        path (Path): a .warc or .warc.gz file.
        issues (callable): gets an Issue for each skipped record and for a broken archive.
        max_bytes (int): largest record body (default: the ``max_document_bytes`` limit).
        start (int): byte offset of the first record to read (a shard; see ``warc_offsets``).
        stop (int): read only records that start before this offset (None: to the end).
    """
    path = Path(path)
    issues = issues or log_issue
    max_bytes = max_bytes or limit("max_document_bytes")
    errors = io.StringIO()
    end, n = 0, 0
    try:
        with path.open("rb") as f:
            f.seek(start)
            for it, record in _records(f, errors):
                n += 1
                if record.format != "warc":  # warcio reads any line as an old ARC header
                    raise ValueError(f"not a WARC record (format {record.format})")
                media = _media_type(record)
                url = record.rec_headers.get_header("WARC-Target-URI")
                what = f"record {n}" + (f" ({url})" if url else "")
                with redirect_stderr(errors):
                    body = record.content_stream().read(max_bytes + 1) if media else b""
                    it.read_to_end(record)
                if stop is not None and it.get_record_offset() >= stop:
                    return  # the next shard's first record
                end = it.get_record_offset() + it.get_record_length()
                if media is None:
                    continue
                if len(body) > max_bytes:
                    issues(Issue.of(path, "E015", what=what, size=record.length,
                                    limit=max_bytes))
                    continue
                if record.raw_stream.limit:  # the archive ended inside this record
                    issues(Issue.of(path, "E046", path=path, reason=f"{what} is cut short "
                                    f"({record.raw_stream.limit} of {record.length} bytes "
                                    f"missing)"))
                    continue
                try:
                    a = _record_article(path, record, media, url, body, what, issues)
                except Exception as e:  # one odd record must not end the archive
                    issues(Issue.of(path, "E046", path=path, reason=f"{what} cannot be read: "
                                    f"{type(e).__name__}: {e}"))
                    continue
                if a is not None:
                    yield a
        size = path.stat().st_size
        if size > end and _tail_is_data(path, end):
            issues(Issue.of(path, "E046", path=path, reason=f"the archive ends inside a record "
                            f"after {n} complete record(s) (truncated at byte {size}?)"))
    except Exception as e:  # a broken archive: keep what was read
        reason = f"unreadable after {n} record(s): {type(e).__name__}: {e}"
        issues(Issue.of(path, "E046", path=path, reason=reason))
    if "Record not followed by newline" in errors.getvalue() or \
            "Content-Length Too Short" in errors.getvalue():
        log.info("%s: warcio: %s", path, errors.getvalue().strip())


def _tail_is_data(path: Path, end: int) -> bool:
    """True if anything but blank lines follows the last complete record."""
    with path.open("rb") as f:
        f.seek(end)
        while True:
            block = f.read(1 << 16)
            if not block:
                return False
            if block.strip():
                return True


def _record_article(path: Path, record, media: str, url: str | None, body: bytes, what: str,
                    issues: IssueSink) -> Article | None:
    kind = sniff_binary(body[:SNIFF_BYTES])
    if kind:
        issues(Issue.from_error(path, KoopError("E013", kind=kind), what))
        return None
    decoded = decode(body, _charset(record))
    if decoded.warning:
        code, kw = decoded.warning
        issues(Issue.from_error(path, KoopError(code, **kw), what))
    aid = url_to_id(url) if url else \
        f"{path.name}:{record.rec_headers.get_header('WARC-Record-ID')}"
    try:
        if media == "text/plain":
            a = Article(id=aid, text=decoded.text, url=url)
        else:
            a = html_to_article(decoded.text, aid, url=url, issues=issues)
            a.url = url or a.url
    except KoopError as e:
        issues(Issue.from_error(path, e, what))
        return None
    if not a.text.strip():
        issues(Issue.of(path, "E014", what=f"{what}: no text"))
        return None
    a.source = str(path)
    return a
