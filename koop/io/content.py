"""Raw bytes to safe text: size limits, binary sniffing, decoding, cleaning.

Every reader goes through these functions, so every kind of input follows
the same rules (docs/limits.md):

- a document larger than the size limit is skipped (E015) before it is read;
- binary data (a NUL byte, many control bytes, or a known file signature such
  as PDF, PNG, ZIP) is skipped (E013);
- text is decoded predictably: a byte-order mark wins; then a declared
  charset (HTML ``<meta charset>``, HTTP ``Content-Type``); then UTF-8. Bytes
  that are not valid UTF-8 are read as UTF-8 with the invalid bytes replaced
  by U+FFFD when the rest is UTF-8 (W002), else as Windows-1252 (W001), the
  8-bit encoding of German and English text (a superset of Latin-1);
- the text is cleaned of what no store can hold: NUL characters are dropped
  and lone surrogates (from JSON ``\\ud800`` escapes) become U+FFFD.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import KoopError

SNIFF_BYTES = 8192

# file signatures of binary formats that turn up in crawls, with a readable name
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP, WAV, AVI)"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh9", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"OggS", "Ogg media"),
)

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# control bytes that never occur in text (tab, newlines, form feed and ESC excluded)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
# valid UTF-8 sequences of two or more bytes
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# WHATWG: labels that mean Windows-1252 in practice
_WINDOWS_1252 = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1",
                 "us-ascii", "ascii", "cp819", "ibm819", "windows-1252", "cp1252"}


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how: ``encoding`` used, ``issue`` a W code and its arguments."""

    text: str
    encoding: str
    warning: tuple[str, dict] | None = None


def sniff_binary(head: bytes) -> str | None:
    """What binary format ``head`` (a file's first bytes) is, or None for text."""
    for bom, _ in _BOMS:  # UTF-16/32 text has NUL bytes
        if head.startswith(bom):
            return None
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return "contains NUL bytes"
    if head:
        controls = sum(head.count(c) for c in _CONTROL)
        if controls * 20 > len(head):  # more than 5 %
            return "mostly control bytes"
    return None


def check_size(what: str, size: int, limit: int) -> None:
    """Raise E015 when ``size`` exceeds ``limit``."""
    if size > limit:
        raise KoopError("E015", what=what, size=size, limit=limit)


def read_document(path: Path, limit: int, binary_ok: bool = False) -> bytes:
    """A file's bytes, after checking its size (before reading) and that it is text.

    Raises KoopError: E010 unreadable, E015 too large, E014 empty, E013 binary.
    """
    try:
        size = path.stat().st_size
        check_size("the file", size, limit)
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise KoopError("E010", path=path, reason=e.strerror or e) from None
    check_size("the file", len(data), limit)  # it grew while we looked
    if not data.strip():
        raise KoopError("E014", what="empty file" if not data else "no text (only whitespace)")
    kind = None if binary_ok else sniff_binary(data[:SNIFF_BYTES])
    if kind:
        raise KoopError("E013", kind=kind)
    return data


def iter_lines(f: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line, size) for each line of ``f``. The line is None when it is
    longer than ``limit`` bytes: the rest of it is read and dropped, never kept whole."""
    n = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the over-long line
                rest = f.readline(1 << 20)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None, size
        else:
            yield n, line, len(line)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _cp1252(data: bytes) -> str:
    """Windows-1252, with its five undefined bytes read as Latin-1 (never fails)."""
    return "".join(part.decode("latin-1") if i % 2 else part.decode("cp1252")
                   for i, part in enumerate(re.split(rb"([\x81\x8d\x8f\x90\x9d]+)", data)))


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Text from bytes (see the module docstring for the rules).

    Args:
        data (bytes): the document.
        declared (str): a charset the transport declares (HTTP Content-Type).
    RETURNS (Decoded): the clean text, the encoding used and a warning, if any.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(clean_text(data.decode(enc, errors="replace")), enc)
    codec = _codec(declared) or _codec(declared_charset(data))
    if codec and codec != "utf-8":
        if codec == "cp1252":
            return Decoded(clean_text(_cp1252(data)), codec)
        return Decoded(clean_text(data.decode(codec, errors="replace")), codec)
    try:
        return Decoded(clean_text(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    if codec == "utf-8" or _UTF8_MULTI.search(data):
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        return Decoded(clean_text(text), "utf-8", ("W002", {"count": bad}))
    return Decoded(clean_text(_cp1252(data)), "cp1252",
                   ("W001", {"encoding": "Windows-1252 (Latin-1)"}))


def clean_text(text: str) -> str:
    """``text`` without NUL characters and with lone surrogates replaced by U+FFFD."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return text


_DISPLAY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print to a terminal: control characters (ANSI escapes, bidi
    overrides, ...) are shown as ``\\x1b``-style escapes instead of acting."""
    return _DISPLAY_CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"),
                                text)
