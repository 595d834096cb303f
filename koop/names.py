"""One home for the vocabulary of names: folding, legal forms, name keys and ids.

Two folds with different rules, both kept exactly (the pipeline's KB keys and the
store's stored keys depend on them):

- :func:`fold` makes a *matching key*: ASCII only, lower case, every run of
  punctuation a single space ("Nestlé S.A." -> "nestle s a"). The knowledge base,
  the entity and the cooperation stages compare names with it.
- :func:`fold_accents` makes a *search key*: case-folded, accents dropped,
  punctuation kept ("Straße" -> "strasse"). The store keys names and evidence
  texts with it, and :func:`norm_name` builds on it.

Two lists of legal forms, for the same two sides: :data:`LEGAL_FORMS` (tokens as
text writes them, which extend a mention's span) with :func:`strip_legal`, and
:data:`LEGAL_SUFFIXES` (lower-case words that :func:`norm_name` drops from the end
of a stored name's key).

Two kinds of id made of a name: :func:`unknown_org_id` ("x-acme-feinwerk", an
organization the knowledge base does not know) and :func:`slugify` (the store's id
of a person or an organization without one, "deutsche-telekom").
"""
from __future__ import annotations

import re
import unicodedata

# -- legal forms as text writes them (the pipeline's side) ------------------------
# Legal-form tokens: they extend a name's span and are ignored when comparing names.
LEGAL_FORMS = {
    "AG", "GmbH", "SE", "KG", "KGaA", "OHG", "UG", "mbH", "eG", "e.V.", "e. V.", "Co.", "Co", "Corp",
    "Corp.", "Corporation", "Inc", "Inc.", "Incorporated", "Ltd", "Ltd.", "Limited", "LLC", "L.L.C.",
    "LLP", "LP", "L.P.", "plc", "PLC", "Plc", "S.A.", "SA", "S.A", "N.V.", "NV", "B.V.", "BV", "S.p.A.",
    "SpA", "S.p.A", "AB", "ASA", "A/S", "Oy", "Oyj", "S.A.S.", "SAS", "SARL", "S.à r.l.", "Pty", "Pte",
    "K.K.", "Co.,", "Holding", "Holdings", "Group", "Gruppe", "Aktiengesellschaft", "GesmbH",
    "Ges.m.b.H.", "AS", "SpA.", "NA", "N.A.", "Kommanditgesellschaft", "GbR", "Cie", "Cie.", "e.K.",
    "Ltda", "Ltda.", "S.L.", "S.r.l.", "Srl", "ApS",
}
# Legal forms in any letter case ("LTd", "INC"), compared lower-cased and without a final dot.
LEGAL_FORMS_CI = {"ag", "gmbh", "kgaa", "ltd", "inc", "corp", "llc", "plc", "corporation",
                  "incorporated", "limited", "aktiengesellschaft", "kommanditgesellschaft"}
_LEGAL_RE = re.compile(
    r"(?:\bgesellschaft mit beschränkter haftung|\bkommanditgesellschaft auf aktien|"
    r"\baktiengesellschaft|\bkommanditgesellschaft|\be\.\s?v\b|"
    r"\b(?:ag|gmbh|se|kg|kgaa|ohg|ug|mbh|co|corp|corporation|inc|incorporated|ltd|limited|llc|plc|"
    r"sa|s\.a|nv|bv|spa|ab|asa|oy|holding|holdings|group|gruppe|konzern)\b)\.?", re.I)
_TRAILING_CONNECTOR = re.compile(r"(?:\s*(?:[,&+]|\band\b|\bund\b))+\s*$", re.I)

# -- legal forms in stored name keys (the store's side) ---------------------------
# Legal-form suffixes ignored when comparing organization names.
LEGAL_SUFFIXES = (
    "ag", "gmbh", "se", "kg", "kgaa", "ohg", "mbh", "co", "inc", "incorporated", "corp",
    "corporation", "ltd", "limited", "llc", "plc", "sa", "nv", "bv", "spa", "ab", "as", "oyj",
    "holding", "holdings", "group", "gruppe", "konzern",
)
_LEGAL_SUFFIX_RE = re.compile(r"(?:\s+(?:&\s*)?(?:" + "|".join(LEGAL_SUFFIXES) + r"))+$")
_NON_WORD = re.compile(r"[^\w]+")
_SPACE = re.compile(r"\s+")


def fold(s: str) -> str:
    """Case- and accent-insensitive matching key ("Nestlé SA" -> "nestle sa")."""
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", s).split())


def fold_accents(text: str) -> str:
    """Casefolded text without accents (München -> munchen, Straße -> strasse)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def squash(s: str) -> str:
    """Lower case, letters and digits only: "Siemens_Presse" -> "siemenspresse", "Wizz Air" -> "wizzair"."""
    return re.sub(r"[\W_]+", "", s.lower())


def strip_legal(name: str) -> str:
    """The name without legal-form words ("Leica Camera AG" -> "Leica Camera")."""
    out = _LEGAL_RE.sub(" ", name)
    out = _TRAILING_CONNECTOR.sub("", " ".join(out.split()))
    return out.strip(" ,")


def norm_name(name: str) -> str:
    """Comparison key of an organization or person name.

    Casefolded, accents and punctuation removed, legal forms (AG, GmbH, Inc.,
    Corp., Ltd. ...) dropped from the end: "Leica Camera AG" -> "leica camera".
    """
    key = _SPACE.sub(" ", _NON_WORD.sub(" ", fold_accents(name))).strip()
    stripped = _LEGAL_SUFFIX_RE.sub("", key).strip()
    return stripped or key


UNKNOWN_ORG_PREFIX = "x-"


def unknown_org_id(name: str) -> str:
    """The id of an organization that is in no KB ("Acme Feinwerk" -> "x-acme-feinwerk")."""
    return UNKNOWN_ORG_PREFIX + "-".join(fold(name).split())[:60]


def is_kb_id(org_id: str) -> bool:
    """Whether an organization id is a knowledge-base id (not one made from a name)."""
    return not org_id.startswith(UNKNOWN_ORG_PREFIX)


def slugify(name: str) -> str:
    """An id-like slug of a name ("Deutsche Telekom AG" -> "deutsche-telekom")."""
    return norm_name(name).replace(" ", "-").replace("_", "-")[:190] or "unnamed"
