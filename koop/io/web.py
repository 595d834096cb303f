"""Fetches web pages defensively: timeouts, a size cap while streaming, a
redirect limit, retries with back-off, a minimum delay per host, and no
requests to private addresses.

Every limit comes from ``FetchOptions`` (defaults: ``koop/limits.py``).
``Fetcher.get`` raises a coded ``KoopError`` (E045 the fetch failed, E017
the address is refused); ``Fetcher.fetch`` logs it and returns ``None``, so
that a failure never escapes this boundary unasked.

Private addresses: before each request, and again after every redirect, the
host is resolved and the request refused (E017) when any of its addresses is
private, loopback, link-local, multicast, reserved or otherwise not public,
unless ``allow_private_urls`` is set or the address is in
``allowed_networks``. Without a proxy the connection itself goes to an
address that was checked, so a host cannot resolve to a public address for
the check and to a private one for the connection (DNS rebinding). With a
proxy (``HTTP(S)_PROXY``) the check uses this machine's resolver.
"""
from __future__ import annotations

import hashlib
import ipaddress
import logging
import re
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .. import limits
from ..article import Article
from ..errors import Issue, KoopError
from .content import SNIFF_BYTES, decode, sniff_binary
from .readers import html_to_article

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json")


@dataclass
class FetchOptions:
    """How to fetch: every network limit in one place (the CLI maps onto it).

    The defaults come from ``koop/limits.py`` (``defaults.toml``, overridden
    by the ``KOOP_...`` environment variables listed in docs/limits.md).
    """

    timeout: float = field(default_factory=limits.factory("fetch_timeout"))
    max_bytes: int = field(default_factory=limits.factory("max_response_bytes"))
    max_redirects: int = field(default_factory=limits.factory("max_redirects"))
    retries: int = field(default_factory=limits.factory("fetch_retries"))
    backoff: float = 1.0           # seconds before the first retry, doubled each time
    per_host_delay: float = field(default_factory=limits.factory("per_host_delay"))
    user_agent: str = "koop/0.1 (business news cooperation graph)"
    allow_private_urls: bool = field(default_factory=limits.factory("allow_private_urls"))
    allowed_networks: tuple[str, ...] = field(default_factory=limits.factory("allowed_networks"))


@dataclass
class Fetched:
    url: str            # the final URL, after redirects
    status: int
    content_type: str   # lowercased media type without parameters
    charset: str | None
    body: bytes

    def text(self) -> str:
        """The body decoded: declared charset, else the page's own, else UTF-8, else
        Windows-1252 (see ``koop.io.content.decode``)."""
        return decode(self.body, self.charset).text


def is_http_url(s: str) -> bool:
    return bool(re.match(r"(?i)^https?://", s))


def url_to_id(url: str) -> str:
    """A readable, stable article id for a URL (host/path slug plus a short hash)."""
    try:
        parts = urlsplit(url)
        where = parts.netloc + parts.path
    except ValueError:  # "http://[bad": an id all the same
        where = url
    tail = re.sub(r"[^\w.-]+", "-", where.strip("/")).strip("-")
    return f"{tail[-80:]}-{hashlib.sha1(url.encode('utf-8', 'replace')).hexdigest()[:8]}"


# -- private addresses ---------------------------------------------------------------

def address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` is not a public address ("loopback", "private", ...), or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return address_kind(embedded)
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


class _Refused(Exception):
    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(host, address, kind)
        self.error = KoopError("E017", host=host, address=address, kind=kind)


class AddressPolicy:
    """Which addresses may be fetched from (see the module docstring)."""

    def __init__(self, allow_private: bool = False, allowed_networks=()) -> None:
        self.allow_private = allow_private
        self.networks = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]

    def check_ip(self, host: str, address: str) -> None:
        """Raise _Refused if ``address`` (of ``host``) may not be fetched from."""
        if self.allow_private:
            return
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if any(ip in net for net in self.networks if net.version == ip.version):
            return
        kind = address_kind(ip)
        if kind:
            raise _Refused(host, str(ip), kind)

    def resolve(self, host: str, port: int) -> list[tuple]:
        """getaddrinfo results for ``host``, all checked. Raises _Refused or OSError."""
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        for info in infos:
            self.check_ip(host, info[4][0])
        return infos

    def check_url(self, url) -> None:
        """Resolve the URL's host and check every address (unresolvable: left to connect)."""
        if self.allow_private:
            return
        host = url.host
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            self.resolve(host, port)
        except OSError:
            pass  # the connection will fail and say why


def _guarded_transport(policy: AddressPolicy):
    """An httpx transport whose connections go only to checked addresses, or None when
    this httpx/httpcore does not allow it (the per-request check still applies)."""
    import httpcore
    import httpx

    class GuardedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            try:
                infos = policy.resolve(host, port)
            except OSError as e:
                raise httpcore.ConnectError(str(e)) from None
            error: Exception | None = None
            for family, _, _, _, sockaddr in infos:
                try:
                    return super().connect_tcp(sockaddr[0], port, timeout, local_address,
                                               socket_options)
                except httpcore.ConnectError as e:
                    error = e
            raise error or httpcore.ConnectError(f"no address for {host}")

    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    if type(pool) is httpcore.ConnectionPool and hasattr(pool, "_network_backend"):
        pool._network_backend = GuardedBackend()
        return transport
    transport.close()
    return None


def _uses_proxy() -> bool:
    proxies = urllib.request.getproxies()
    return any(k in proxies for k in ("http", "https", "all"))


# -- fetching ------------------------------------------------------------------------

class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


class Fetcher:
    """A reusable HTTP client (httpx) with koop's limits; use as a context manager."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        import httpx

        self.options = options or FetchOptions()
        o = self.options
        self._httpx = httpx
        self.policy = AddressPolicy(o.allow_private_urls, o.allowed_networks)
        transport = None
        if not o.allow_private_urls and not _uses_proxy():
            transport = _guarded_transport(self.policy)
        self._client = httpx.Client(follow_redirects=False, transport=transport,
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
        try:
            host = urlsplit(url).netloc
        except ValueError:  # a broken URL: httpx will say why
            return
        with self._lock:
            wait = self._last.get(host, 0.0) + self.options.per_host_delay - time.monotonic()
            self._last[host] = time.monotonic() + max(0.0, wait)
        if wait > 0:
            time.sleep(wait)

    def _open(self, url: str):
        """The final response (streaming; the caller closes it), following redirects by
        hand: each hop is checked, and a redirect's own body is never read."""
        o, httpx = self.options, self._httpx
        request = self._client.build_request("GET", url)
        seen: set[str] = set()
        loop = False
        for _ in range(o.max_redirects + 1):
            self.policy.check_url(request.url)
            loop = loop or str(request.url) in seen
            seen.add(str(request.url))
            r = self._client.send(request, stream=True, follow_redirects=False)
            if r.next_request is None:
                return r
            r.close()
            request = r.next_request
        raise httpx.TooManyRedirects("redirect loop" if loop or str(request.url) in seen
                                     else "too many redirects", request=request)

    def _read(self, r, deadline: float) -> bytes:
        o = self.options
        try:
            declared = int(r.headers.get("content-length") or 0)
        except ValueError:
            declared = 0
        if declared > o.max_bytes:
            raise _TooLarge()
        chunks, size = [], 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > o.max_bytes:
                raise _TooLarge()
            if time.monotonic() > deadline:
                raise _TooSlow()
            chunks.append(chunk)
        return b"".join(chunks)

    def get(self, url: str) -> Fetched:
        """GET ``url``. RETURNS (Fetched). Raises KoopError E045 (failed) or E017 (refused)."""
        o, httpx = self.options, self._httpx
        reason: object = "unknown error"
        for attempt in range(o.retries + 1):
            if attempt:
                time.sleep(o.backoff * 2 ** (attempt - 1))
            self._wait_for_host(url)
            deadline = time.monotonic() + o.timeout
            try:
                r = self._open(url)
                try:
                    if r.status_code == 429 or r.status_code >= 500:
                        reason = f"HTTP {r.status_code}"
                        continue
                    if r.status_code >= 400:
                        reason = f"HTTP {r.status_code}"
                        break
                    body = self._read(r, deadline)
                    ctype = r.headers.get("content-type", "")
                    media = ctype.split(";")[0].strip().lower()
                    m = re.search(r"charset=[\"']?([\w.:-]+)", ctype, re.I)
                    return Fetched(str(r.url), r.status_code, media, m.group(1) if m else None,
                                   body)
                finally:
                    r.close()
            except _Refused as e:
                raise e.error from None
            except _TooLarge:
                reason = f"the response is larger than {o.max_bytes} bytes (see --max-bytes)"
                break
            except _TooSlow:
                reason = f"the response took longer than {o.timeout:g}s (see --timeout)"
                continue
            except httpx.TooManyRedirects as e:
                reason = f"more than {o.max_redirects} redirects" + \
                    (" (a redirect loop)" if "loop" in str(e) else " (see --max-redirects)")
                break
            except httpx.TimeoutException as e:
                reason = f"timed out after {o.timeout:g}s ({type(e).__name__}; see --timeout)"
                continue
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as e:
                reason = f"{type(e).__name__}: {e}"
                break
            except (httpx.TransportError, httpx.StreamError) as e:
                reason = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
                continue
            except httpx.HTTPError as e:  # a broken response (bad headers, decoding, ...)
                reason = f"{type(e).__name__}: {e}"
                break
        raise KoopError("E045", url=url, reason=reason)

    def fetch(self, url: str) -> Fetched | None:
        """GET ``url``. RETURNS (Fetched | None): None after logging why it failed."""
        try:
            return self.get(url)
        except KoopError as e:
            log.warning(Issue.from_error(url, e).line())
            return None


def page_to_article(fetched: Fetched, id: str | None = None) -> Article:
    """The Article in a fetched page (HTML main text via trafilatura, or plain text).

    Raises KoopError: E045 unsupported content type, E013 binary, E014 no text.
    """
    id = id or url_to_id(fetched.url)
    if fetched.content_type not in TEXT_TYPES + HTML_TYPES and fetched.content_type:
        raise KoopError("E045", url=fetched.url,
                        reason=f"unsupported content type {fetched.content_type}")
    kind = sniff_binary(fetched.body[:SNIFF_BYTES])
    if kind:
        raise KoopError("E013", kind=kind)
    if fetched.content_type in TEXT_TYPES:
        a = Article(id=id, text=fetched.text(), url=fetched.url)
    else:
        a = html_to_article(fetched.text(), id, url=fetched.url)
        a.url = fetched.url
    if not a.text.strip():
        raise KoopError("E014", what="no main text in the page")
    return a


def fetched_to_article(fetched: Fetched, id: str | None = None) -> Article | None:
    """Like :func:`page_to_article`, but logs a failure and returns None."""
    try:
        return page_to_article(fetched, id)
    except KoopError as e:
        log.warning(Issue.from_error(fetched.url, e).line())
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
