"""RSS and Atom feeds (feedparser): the items' links, titles and dates.

A feed that cannot be parsed at all is error E016. A feed that breaks off
after some items keeps those items (warning W003). Items whose link is not
an http(s) URL (``javascript:``, ``file:``, a relative link in a feed file)
are skipped and reported (E016), so that a feed can never make koop fetch
anything but web pages.
"""
from __future__ import annotations

import datetime as _dt
import logging
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit

from ..errors import Issue, KoopError

log = logging.getLogger(__name__)

_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None = None
    date: str | None = None       # ISO date of publication (or update)
    content: str | None = None    # item HTML (content or summary), a fallback for the page


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """True if a response body is an RSS/Atom/RDF feed."""
    if any(t in content_type for t in ("rss", "atom", "rdf")):
        return True
    head = body[:2048].lstrip()
    return bool(_FEED_START.search(head)) and (head.startswith(b"<?xml") or head.startswith(b"<"))


def _iso_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = dict.get(entry, key)  # (FeedParserDict.get maps missing keys, with a warning)
        if t:
            try:
                return _dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
            except (ValueError, TypeError, AttributeError):  # "00 Jan 0000" and the like
                continue
    return None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def parse_feed(data: bytes | str, base_url: str | None = None,
               issues: Callable[[Issue], None] | None = None,
               name: str | None = None) -> list[FeedItem]:
    """The items of a feed that have an http(s) link, in feed order (links made absolute).

    Args:
        data (bytes): the feed document.
        base_url (str): the feed's URL, for relative links.
        issues (callable): gets an Issue for each item skipped and for a feed that breaks off.
        name (str): the feed's name in issues (default: ``base_url``).
    Raises KoopError E016 when the document is no readable feed.
    """
    import feedparser

    name = name or base_url or "<feed>"
    issues = issues or (lambda issue: log.warning(issue.line()))
    try:
        feed = feedparser.parse(data)
    except Exception as e:  # feedparser is lenient, but hostile XML can still break it
        raise KoopError("E016", what=f"not a readable RSS/Atom feed: {type(e).__name__}: {e}"
                        ) from None
    items = []
    for n, e in enumerate(feed.entries, 1):
        link = _str(e.get("link"))
        if not link:
            continue
        try:
            link = urljoin(base_url or "", link.strip())
            parts = urlsplit(link)
            ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        except ValueError:  # "http://[::1" and other broken URLs
            ok = False
        if not ok:
            issues(Issue.of(name, "E016", what=f"item {n}: the link {link[:200]!r} is not an "
                                               f"absolute http(s) URL"))
            continue
        content = None
        if e.get("content"):
            content = _str(e["content"][0].get("value"))
        content = content or _str(e.get("summary"))
        items.append(FeedItem(link, _str(e.get("title")), _iso_date(e), content))
    if feed.get("bozo") and not items:
        raise KoopError("E016", what="not a readable RSS/Atom feed: "
                                     f"{feed.get('bozo_exception') or 'unknown format'}")
    if feed.get("bozo"):
        issues(Issue.of(name, "W003", reason=feed.get("bozo_exception"), n=len(items)))
    return items


def item_text(content: str) -> str:
    """Plain text of a feed item's HTML content or summary (paragraphs kept apart)."""
    import lxml.html

    try:
        parts = lxml.html.fragments_fromstring(content)
    except Exception:  # lxml refuses empty or odd input
        return content.strip()
    texts = [p.strip() if isinstance(p, str) else p.text_content().strip() for p in parts]
    return "\n\n".join(t for t in texts if t)
