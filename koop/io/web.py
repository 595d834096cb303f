"""Fetches web pages defensively: timeouts, a size cap while streaming, a
redirect limit, retries with back-off and a minimum delay per host.

A failure is logged (E045) and returned as ``None`` at this boundary, never
raised into the ingest loop.
"""
from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..article import Article
from ..errors import KoopError
from ..store import messages  # noqa: F401  (E04x codes)
from .readers import html_to_article

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json")


@dataclass
class FetchOptions:
    """How to fetch: every network limit in one place (the CLI maps onto it)."""

    timeout: float = 20.0          # seconds, per connect/read
    max_bytes: int = 5_000_000     # a larger body is abandoned
    max_redirects: int = 5
    retries: int = 2               # extra tries on connection errors, 429 and 5xx
    backoff: float = 1.0           # seconds before the first retry, doubled each time
    per_host_delay: float = 0.5    # minimum seconds between two requests to one host
    user_agent: str = "koop/0.1 (business news cooperation graph)"


@dataclass
class Fetched:
    url: str            # the final URL, after redirects
    status: int
    content_type: str   # lowercased media type without parameters
    charset: str | None
    body: bytes

    def text(self) -> str:
        """The body decoded (declared charset, else UTF-8, else Windows-1252)."""
        for enc in filter(None, (self.charset, "utf-8")):
            try:
                return self.body.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue
        return self.body.decode("cp1252", errors="replace")


def is_http_url(s: str) -> bool:
    return bool(re.match(r"(?i)^https?://", s))


def url_to_id(url: str) -> str:
    """A readable, stable article id for a URL (host/path slug plus a short hash)."""
    parts = urlsplit(url)
    tail = re.sub(r"[^\w.-]+", "-", (parts.netloc + parts.path).strip("/")).strip("-")
    return f"{tail[-80:]}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"


class Fetcher:
    """A reusable HTTP client (httpx) with koop's limits; use as a context manager."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        import httpx

        self.options = options or FetchOptions()
        o = self.options
        self._httpx = httpx
        self._client = httpx.Client(follow_redirects=True, max_redirects=o.max_redirects,
                                    timeout=httpx.Timeout(o.timeout),
                                    headers={"User-Agent": o.user_agent})
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            wait = self._last.get(host, 0.0) + self.options.per_host_delay - time.monotonic()
            self._last[host] = time.monotonic() + max(0.0, wait)
        if wait > 0:
            time.sleep(wait)

    def fetch(self, url: str) -> Fetched | None:
        """GET ``url``. RETURNS (Fetched | None): None after logging why it failed."""
        o, httpx = self.options, self._httpx
        reason: object = "unknown error"
        for attempt in range(o.retries + 1):
            if attempt:
                time.sleep(o.backoff * 2 ** (attempt - 1))
            self._wait_for_host(url)
            try:
                with self._client.stream("GET", url) as r:
                    if r.status_code == 429 or r.status_code >= 500:
                        reason = f"HTTP {r.status_code}"
                        continue
                    if r.status_code >= 400:
                        reason = f"HTTP {r.status_code}"
                        break
                    declared = int(r.headers.get("content-length") or 0)
                    if declared > o.max_bytes:
                        reason = f"larger than {o.max_bytes} bytes"
                        break
                    chunks, size = [], 0
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if size > o.max_bytes:
                            raise _TooLarge()
                        chunks.append(chunk)
                    ctype = r.headers.get("content-type", "")
                    media = ctype.split(";")[0].strip().lower()
                    m = re.search(r"charset=[\"']?([\w.:-]+)", ctype, re.I)
                    return Fetched(str(r.url), r.status_code, media, m.group(1) if m else None,
                                   b"".join(chunks))
            except _TooLarge:
                reason = f"larger than {o.max_bytes} bytes"
                break
            except httpx.TooManyRedirects:
                reason = f"more than {o.max_redirects} redirects"
                break
            except (httpx.TransportError, httpx.StreamError) as e:
                reason = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
                continue
            except httpx.InvalidURL as e:
                reason = e
                break
        log.warning(KoopError("E045", url=url, reason=reason).message)
        return None


class _TooLarge(Exception):
    pass


def fetched_to_article(fetched: Fetched, id: str | None = None) -> Article | None:
    """The Article in a fetched page (HTML main text via trafilatura, or plain text)."""
    id = id or url_to_id(fetched.url)
    if fetched.content_type in TEXT_TYPES:
        return Article(id=id, text=fetched.text(), url=fetched.url)
    if fetched.content_type in HTML_TYPES or not fetched.content_type:
        a = html_to_article(fetched.text(), id, url=fetched.url)
        a.url = fetched.url
        return a if a.text.strip() else None
    log.warning(KoopError("E045", url=fetched.url,
                          reason=f"unsupported content type {fetched.content_type}").message)
    return None


def fetch_url(url: str, options: FetchOptions | None = None) -> Fetched | None:
    """Fetch one URL with a temporary client (see :class:`Fetcher`)."""
    with Fetcher(options) as f:
        return f.fetch(url)


def fetch_article(url: str, fetcher: Fetcher | None = None) -> Article | None:
    """Fetch a page and extract its main text as an Article (None on failure)."""
    if fetcher is None:
        with Fetcher() as f:
            return fetch_article(url, f)
    fetched = fetcher.fetch(url)
    return fetched_to_article(fetched) if fetched else None
