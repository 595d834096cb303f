"""Normalising names and texts: org-name keys, slugs and the text hash.

The same rules serve writing (merging organizations, people and articles) and
reading (looking an organization up by name), so both sides agree.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Legal-form suffixes ignored when comparing organization names.
LEGAL_FORMS = (
    "ag", "gmbh", "se", "kg", "kgaa", "ohg", "mbh", "co", "inc", "incorporated", "corp",
    "corporation", "ltd", "limited", "llc", "plc", "sa", "nv", "bv", "spa", "ab", "as", "oyj",
    "holding", "holdings", "group", "gruppe", "konzern",
)
_LEGAL_RE = re.compile(r"(?:\s+(?:&\s*)?(?:" + "|".join(LEGAL_FORMS) + r"))+$")
_NON_WORD = re.compile(r"[^\w]+")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Casefolded text without accents (München -> munchen, Straße -> strasse)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def norm_name(name: str) -> str:
    """Comparison key of an organization or person name.

    Casefolded, accents and punctuation removed, legal forms (AG, GmbH, Inc.,
    Corp., Ltd. ...) dropped from the end: "Leica Camera AG" -> "leica camera".
    """
    key = _SPACE.sub(" ", _NON_WORD.sub(" ", fold(name))).strip()
    stripped = _LEGAL_RE.sub("", key).strip()
    return stripped or key


def slugify(name: str) -> str:
    """An id-like slug of a name ("Deutsche Telekom AG" -> "deutsche-telekom")."""
    return norm_name(name).replace(" ", "-").replace("_", "-")[:190] or "unnamed"


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
