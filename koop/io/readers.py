"""Reads .txt, .html and .jsonl inputs into Articles.

HTML main text is extracted with trafilatura. JSONL lines are
``{"id", "text", "date"?, "lang"?, "url"?, "title"?}``. Every input goes
through the checks of ``content.py`` first (size limit, binary data,
decoding). A bad file raises a coded ``KoopError``; a bad line of a JSONL
file is reported as an :class:`~koop.errors.Issue` to the ``issues``
callback (default: logged as a warning) and skipped, never fatal for the
rest of the file.
"""
from __future__ import annotations

import itertools
import json
import logging
import sys
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from ..article import Article
from ..errors import Issue, KoopError
from ..limits import value as limit
from .content import check_size, clean_text, decode, iter_lines, read_document, sniff_binary
from .pubdate import check_date, today

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

IssueSink = Callable[[Issue], None]
STDIN = "<stdin>"

MAX_ID_CHARS = 200     # article keys are at most 300 characters in the store
MAX_URL_CHARS = 2000   # and URLs at most 2000


def log_issue(issue: Issue) -> None:
    """The default ``issues`` callback: log the issue's line as a warning."""
    log.warning(issue.line())


def plausible_date(value: object, where: str, issues: IssueSink | None = None,
                   part: str | None = None) -> str | None:
    """``value`` as an ISO date if it is a plausible publication date (``pubdate.py``);
    else None, and a W004 warning to ``issues`` (default: logged)."""
    if value is None:
        return None
    iso, why = check_date(str(value))
    if why:
        issue = Issue.from_error(where, KoopError("W004", date=str(value)[:40], reason=why), part)
        (issues or log_issue)(issue)
    return iso


def html_to_article(html: str, id: str, url: str | None = None,
                    issues: IssueSink | None = None) -> Article:
    """Main text and metadata of an HTML page (trafilatura), as an Article.

    The date comes from the page's markup only (meta tags, ``<time>``, the
    URL), never from a year in the text ("soll 2025 starten"), and must be
    plausible (W004 to ``issues`` otherwise).
    Raises KoopError E014 when trafilatura cannot parse the page at all.
    """
    import trafilatura

    # htmldate's "extensive search" guesses from any year in the text: off
    date_params = {"extensive_search": False, "original_date": True,
                   "max_date": today().isoformat()}
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          include_comments=False, favor_precision=True,
                                          date_extraction_params=date_params)
    except Exception as e:  # trafilatura or lxml on hostile markup
        raise KoopError("E014", what=f"no main text: the HTML could not be parsed "
                                     f"({type(e).__name__}: {e})") from None
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict()
    doc = doc or {}
    text = clean_text(doc.get("text") or "")
    title = clean_text(doc["title"]) if isinstance(doc.get("title"), str) else None
    date = doc.get("date") if isinstance(doc.get("date"), str) else None
    date = plausible_date(date, url or id, issues)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    return Article(id=id, text=text, title=title, date=date, url=url or doc.get("url"))


def _optional_str(obj: dict, key: str, max_chars: int | None = None) -> str | None:
    v = obj.get(key)
    if not isinstance(v, str) or not v.strip():
        return None
    v = clean_text(v.strip())
    return v if max_chars is None or len(v) <= max_chars else None


def _date(v: object) -> str | None:
    """A record's ``date`` as text (checked by ``plausible_date``); None when it is no
    string or number."""
    if isinstance(v, bool) or not isinstance(v, (str, int)):
        return None
    return clean_text(str(v)).strip()[:64] or None


def record_to_article(obj: object, fallback_id: str, issues: IssueSink | None = None,
                      where: str = "", part: str | None = None) -> Article:
    """A JSONL record as an Article (``text`` required; ``html`` accepted instead).

    Optional fields of the wrong type (a number as ``url``, an unknown
    ``lang``) are dropped, not fatal; so is a ``date`` that is no plausible
    publication date (W004 to ``issues``, named ``where``, ``part``).
    Raises ValueError when the record has no text.
    """
    if not isinstance(obj, dict):
        raise ValueError(f"not a JSON object but {type(obj).__name__}")
    rid = obj.get("id")
    rid = clean_text(str(rid)).strip()[:MAX_ID_CHARS] if rid not in (None, "") and \
        not isinstance(rid, (dict, list)) else ""
    rid = rid or fallback_id
    url = _optional_str(obj, "url", MAX_URL_CHARS)
    if "text" not in obj and "html" in obj:
        if not isinstance(obj["html"], str):
            raise ValueError("'html' is not a string")
        a = html_to_article(clean_text(obj["html"]), rid, url, issues)
    elif "text" not in obj:
        raise ValueError("missing 'text' field")
    elif not isinstance(obj["text"], str):
        raise ValueError(f"'text' is not a string but {type(obj['text']).__name__}")
    else:
        a = Article(id=rid, text=clean_text(obj["text"]), url=url,
                    title=_optional_str(obj, "title"))
    given = _date(obj.get("date"))
    a.date = plausible_date(given, where or rid, issues, part) if given else a.date
    lang = _optional_str(obj, "lang")
    a.lang = lang.lower() if lang and lang.lower() in ("de", "en") else None
    return a


def _line_article(raw: bytes | str, n: int, name: str, max_bytes: int,
                  issues: IssueSink, notes: list) -> Article | None:
    """One JSONL line as an Article, or None (an issue reported) if it is bad."""
    try:
        if isinstance(raw, bytes):
            check_size(f"line {n}", len(raw), max_bytes)
            if b"\x00" in raw:
                raise KoopError("E013", kind=sniff_binary(raw) or "contains NUL bytes")
            decoded = decode(raw)
            if decoded.warning:
                notes.append(decoded.warning)
            text = decoded.text.strip()
        else:
            text = clean_text(raw).strip()
        if not text:
            return None
        try:
            obj = json.loads(text)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None
        except ValueError as e:
            raise ValueError(f"not valid JSON: {e}") from None
        a = record_to_article(obj, f"{Path(name).stem}:{n}", issues, name, f"line {n}")
    except KoopError as e:
        issues(Issue.from_error(name, e, f"line {n}" if e.code != "E015" else None))
        return None
    except (ValueError, TypeError) as e:
        issues(Issue.of(name, "E011", path=name, line=n, reason=e))
        return None
    if not a.text.strip():
        issues(Issue(name, "E014", f"line {n}: empty text"))
        return None
    return a


def _report_notes(name: str, notes: list, issues: IssueSink) -> None:
    """One warning per file for the lines that were not valid UTF-8."""
    if notes:
        code, kw = notes[0]
        issues(Issue.of(name, code, **kw))


def read_jsonl(lines: Iterable[str | bytes], name: str, issues: IssueSink | None = None,
               max_bytes: int | None = None) -> Iterator[Article]:
    """Articles from JSONL lines (str, or bytes decoded line by line)."""
    issues = issues or log_issue
    max_bytes = max_bytes or limit("max_document_bytes")
    notes: list = []
    for n, line in enumerate(lines, 1):
        a = _line_article(line, n, name, max_bytes, issues, notes)
        if a is not None:
            yield a
    _report_notes(name, notes, issues)


def _read_numbered(numbered: Iterable[tuple[int, bytes | None, int]], name: str,
                   issues: IssueSink, max_bytes: int) -> Iterator[Article]:
    notes: list = []
    for n, line, size in numbered:
        if line is None:
            issues(Issue.of(name, "E015", what=f"line {n}", size=size, limit=max_bytes))
            continue
        a = _line_article(line, n, name, max_bytes, issues, notes)
        if a is not None:
            yield a
    _report_notes(name, notes, issues)


def read_jsonl_file(path: Path, issues: IssueSink | None = None,
                    max_bytes: int | None = None) -> Iterator[Article]:
    """Articles from a JSONL file, line by line (an over-long line is never kept whole)."""
    issues = issues or log_issue
    max_bytes = max_bytes or limit("max_document_bytes")
    try:
        with path.open("rb") as f:
            yield from _read_numbered(iter_lines(f, max_bytes), str(path), issues, max_bytes)
    except OSError as e:
        raise KoopError("E010", path=path, reason=e.strerror or e) from None


def text_to_article(data: bytes, path: Path, issues: IssueSink, name: str | None = None,
                    check: bool = False) -> Article:
    """A .txt or .html document's bytes as an Article (``check``: look for binary data
    first; files are checked by ``read_document``). Raises KoopError E013/E014."""
    if check:
        kind = sniff_binary(data[:8192])
        if kind:
            raise KoopError("E013", kind=kind)
    decoded = decode(data)
    if decoded.warning:
        code, kw = decoded.warning
        issues(Issue.of(name or path, code, **kw))
    if path.suffix.lower() in HTML_SUFFIXES:
        a = html_to_article(decoded.text, path.stem, url=None, issues=issues)
        if not a.text.strip():
            raise KoopError("E014", what="no main text in the HTML (only scripts, frames, "
                                         "navigation or markup?)")
        return a
    if not decoded.text.strip():
        raise KoopError("E014", what="no text")
    return Article(id=path.stem, text=decoded.text, source=str(path))


def read_path(path: Path, issues: IssueSink | None = None,
              max_bytes: int | None = None) -> Iterator[Article]:
    """Articles from one file (by suffix).

    Args:
        path (Path): a .txt/.md, .html/.htm or .jsonl file.
        issues (callable): gets an Issue for each skipped line and each repair.
        max_bytes (int): the document size limit (default: the ``max_document_bytes`` limit).
    Raises KoopError when the whole file is unusable (E010 unreadable, E012
    unsupported, E013 binary, E014 empty, E015 too large).
    """
    issues = issues or log_issue
    max_bytes = max_bytes or limit("max_document_bytes")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open("rb") as f:
                kind = sniff_binary(f.read(4096))
        except OSError as e:
            raise KoopError("E010", path=path, reason=e.strerror or e) from None
        if kind:
            raise KoopError("E013", kind=kind)
        yield from read_jsonl_file(path, issues, max_bytes)
        return
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES and suffix != "":
        if not path.exists():
            raise KoopError("E010", path=path, reason="No such file or directory")
        raise KoopError("E012", path=path)
    yield text_to_article(read_document(path, max_bytes), path, issues)


def read_stdin(issues: IssueSink | None = None, max_bytes: int | None = None,
               stream: BinaryIO | None = None) -> Iterator[Article]:
    """Articles from standard input: JSONL (when it starts with ``{``) or one plain text.

    Problems are reported to ``issues`` under the name ``<stdin>``.
    """
    issues = issues or log_issue
    max_bytes = max_bytes or limit("max_document_bytes")
    stream = stream or sys.stdin.buffer
    lines = iter_lines(stream, max_bytes)
    head: list[tuple[int, bytes | None, int]] = []
    for n, line, size in lines:  # up to the first line with something on it
        head.append((n, line, size))
        if line is None or line.strip():
            break
    first = head[-1][1] if head else None
    if first is not None and first.lstrip().startswith(b"{"):
        yield from _read_numbered(itertools.chain(head, lines), STDIN, issues, max_bytes)
        return
    data = bytearray()
    size = 0
    for _, line, n_bytes in itertools.chain(head, lines):
        size += n_bytes
        if line is not None and size <= max_bytes:
            data += line
    if size > max_bytes:
        issues(Issue.of(STDIN, "E015", what="the text", size=size, limit=max_bytes))
        return
    try:
        a = text_to_article(bytes(data), Path("stdin"), issues, name=STDIN, check=True)
    except KoopError as e:
        issues(Issue.from_error(STDIN, e))
        return
    a.source = None
    yield a
