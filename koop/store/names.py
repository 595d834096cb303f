"""Normalising texts: the text hash and shingle words of duplicate detection.

Name keys and slugs (``norm_name``, ``slugify``, ``fold_accents``) live in
``koop/names.py``, the one home of the name vocabulary.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalize_text(text: str) -> str:
    """Article text for exact-duplicate detection: NFKC, casefolded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def text_hash(text: str) -> str:
    """SHA-256 (hex) of :func:`normalize_text`."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    """Word tokens of normalized text (for shingling)."""
    return _WORD.findall(normalize_text(text))


def name_rank(name: str) -> tuple:
    """Sort key of a display name among the spellings of one organization, alias or
    person (issue 14): the greatest is shown, whatever order the articles came in.

    Mixed case before ALL CAPS (a Reuters headline's "CAMBIOR" -> "Cambior"), then
    the fuller name ("AMR" -> "AMR Corp"), then the bytewise smallest.
    """
    return (name != name.upper(), len(name), [-b for b in name.encode("utf-8")])


def preferred_name(a: str | None, b: str | None) -> str | None:
    """The spelling of the two to show (see :func:`name_rank`); None only if both are."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=name_rank)
