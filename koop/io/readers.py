"""Reads .txt, .html and .jsonl inputs into Articles.

HTML main text is extracted with trafilatura. JSONL lines are
``{"id", "text", "date"?, "lang"?, "url"?, "title"?}``; a broken line is
reported and skipped, never fatal for the rest of the file.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..article import Article
from ..errors import KoopError

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def html_to_article(html: str, id: str, url: str | None = None) -> Article:
    """Main text and metadata of an HTML page (trafilatura), as an Article."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      favor_precision=True, as_dict=True)
    text = (doc or {}).get("text") or ""
    title = (doc or {}).get("title")
    date = (doc or {}).get("date")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    return Article(id=id, text=text, title=title, date=date, url=url or (doc or {}).get("url"))


def record_to_article(obj: dict, fallback_id: str) -> Article:
    """A JSONL record as an Article (``text`` required; ``html`` accepted instead)."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    if "text" not in obj and "html" in obj:
        a = html_to_article(str(obj["html"]), str(obj.get("id", fallback_id)), obj.get("url"))
    elif isinstance(obj.get("text"), str):
        a = Article(id=str(obj.get("id", fallback_id)), text=obj["text"], url=obj.get("url"),
                    title=obj.get("title"))
    else:
        raise ValueError("missing 'text' field")
    date = obj.get("date")
    a.date = str(date)[:10] if date else a.date
    a.lang = obj.get("lang") or None
    return a


def read_jsonl(lines: Iterable[str], name: str) -> Iterator[Article]:
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            yield record_to_article(json.loads(line), f"{Path(name).stem}:{n}")
        except (ValueError, TypeError) as e:
            log.warning(KoopError("E011", path=name, line=n, reason=e).message)


def read_path(path: Path) -> Iterator[Article]:
    """Articles from one file (by suffix)."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open(encoding="utf-8", errors="replace") as f:
                yield from read_jsonl(f, str(path))
            return
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        raise KoopError("E010", path=path, reason=e.strerror or e) from None
    if suffix in HTML_SUFFIXES:
        yield html_to_article(raw, path.stem, url=None)
    elif suffix in TEXT_SUFFIXES or suffix == "":
        yield Article(id=path.stem, text=raw, source=str(path))
    else:
        raise KoopError("E012", path=path)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted) into readable input files."""
    known = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in known)
        else:
            yield p


def read_inputs(paths: Iterable[str]) -> Iterator[Article]:
    """Articles from paths, folders or ``-`` (JSONL, or plain text, on stdin)."""
    for p in paths:
        if p == "-":
            data = sys.stdin.read()
            if data.lstrip().startswith("{"):
                yield from read_jsonl(data.splitlines(), "<stdin>")
            else:
                yield Article(id="stdin", text=data)
            continue
        for f in iter_files([p]):
            yield from read_path(f)
