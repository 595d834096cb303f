"""Plain-data records: what a worker sends to the writer for one article.

A record is a dict of JSON-like values (plus the signature bytes): the
article's metadata and text, its text hash and MinHash signature, and its
extraction results in the public ``Article.to_dict()`` shape. Workers build
records; only the parent process writes them (``Store.write_record``).
"""
from __future__ import annotations

from typing import Any

from ..article import Article
from ..io.files import SourceFile  # noqa: F401  (re-exported: the store keeps it)
from . import dedup
from .names import text_hash


def record_from_article(article: Article, source_path: str | None = None) -> dict[str, Any]:
    """The storable record of an extracted Article.

    Args:
        article (Article): an article after extraction (or built by hand).
        source_path (str): the input file it came from, if any.
    RETURNS (dict): plain data for ``Store.write_record``.
    """
    return {
        "key": str(article.id),
        "url": article.url or None,
        "title": article.title or None,
        "date": str(article.date)[:32] if article.date else None,
        "lang": article.lang,
        "source_path": source_path or article.source or None,
        "text": article.text,
        "text_hash": text_hash(article.text),
        "minhash": dedup.encode(dedup.signature(article.text)),
        "extraction": article.to_dict(full=False),
    }
