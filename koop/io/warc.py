"""Web archives (.warc, .warc.gz) via warcio: one Article per HTML or text response."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

from ..article import Article
from ..errors import KoopError
from ..store import messages  # noqa: F401  (E04x codes)
from .readers import html_to_article
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


def count_warc(path: str | Path) -> int | None:
    """How many articles ``read_warc`` will yield at most (headers only; None if unreadable)."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with Path(path).open("rb") as f:
            return sum(1 for record in ArchiveIterator(f) if _media_type(record))
    except Exception:
        return None


def read_warc(path: str | Path) -> Iterator[Article]:
    """Articles from the successful HTML/plain-text responses in a WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    path = Path(path)
    try:
        with path.open("rb") as f:
            for record in ArchiveIterator(f):
                media = _media_type(record)
                if media is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read()
                text = body.decode("utf-8", errors="replace")
                aid = url_to_id(url) if url else f"{path.name}:{record.rec_headers.get_header('WARC-Record-ID')}"
                if media == "text/plain":
                    a = Article(id=aid, text=text, url=url)
                else:
                    a = html_to_article(text, aid, url=url)
                    a.url = url or a.url
                if a.text.strip():
                    a.source = str(path)
                    yield a
    except Exception as e:  # a truncated or broken archive: keep what was read
        log.warning(KoopError("E046", path=path, reason=e).message)
