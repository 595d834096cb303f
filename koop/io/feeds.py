"""RSS and Atom feeds (feedparser): the items' links, titles and dates."""
from __future__ import annotations

import datetime as _dt
import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin

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
        t = entry.get(key)
        if t:
            return _dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
    return None


def parse_feed(data: bytes | str, base_url: str | None = None) -> list[FeedItem]:
    """The items of a feed that have a link, in feed order (links made absolute)."""
    import feedparser

    feed = feedparser.parse(data)
    if feed.get("bozo") and not feed.entries:
        log.warning("feed %s could not be parsed: %s", base_url or "<data>",
                    feed.get("bozo_exception"))
    items = []
    for e in feed.entries:
        link = e.get("link")
        if not link:
            continue
        content = None
        if e.get("content"):
            content = e["content"][0].get("value")
        content = content or e.get("summary")
        items.append(FeedItem(urljoin(base_url or "", link.strip()), e.get("title"),
                              _iso_date(e), content))
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
