"""Word and token tests that several steps share, and the word sets behind them.

Only what more than one step needs lives here; a step's own word lists stay in
its module.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...article import Token
from ...names import LEGAL_FORMS_CI
from .. import lexicon as lx

_WORD = re.compile(r"^[A-ZÄÖÜÀ-Þ][\w&'’.\-+]*$")
CONNECTORS = {"&", "+", "und", "and", "of", "für", "for", "de", "des", "der", "du", "la", "y", "-"}
PROPER_TAGS = {"NE", "NP0", "XY", "FM"}
_CUE_DE = set(lx.ORG_CUE_HEADS_DE)
_CUE_EN = set(lx.ORG_CUE_HEADS_EN)
_CUE_COMPOUND_ENDINGS = (
    "konzern", "konzerns", "hersteller", "herstellers", "unternehmen", "firma", "anbieter",
    "händler", "zulieferer", "versicherer", "magazin", "verlag", "institut", "agentur", "zeitung",
    "zeitschrift", "gewerkschaft", "kanzlei", "sender", "senders", "dienst", "bank", "kette",
    "airline", "fluggesellschaft", "reederei", "brauerei", "studio", "blog", "portal", "plattform",
    "startup", "start-up", "betreiber", "entsorger", "entsorgers", "spezialist", "spezialisten",
    "anlagenbauer", "fahrzeugbauer", "motorenbauer", "schiffbauer",
)
DETERMINERS = {"der", "die", "das", "dem", "den", "des", "the", "dieser", "diese", "dieses",
               "diesem", "diesen", "this"}
HEAD_ADJECTIVES = {"Technischen": "Technische", "Technische": "Technische",
                   "Medizinischen": "Medizinische", "Medizinische": "Medizinische"}


def is_cap(t: Token) -> bool:
    """A capitalised word that can be part of a name."""
    return bool(_WORD.match(t.text)) and t.text not in lx.NON_NAME_WORDS


def compound_head(word: str) -> str:
    """Last part of a (hyphenated) compound, lower-cased: 'Handy-Hersteller' -> 'hersteller'."""
    return word.rsplit("-", 1)[-1].lower() if "-" in word.strip("-") else word.lower()


@lru_cache(maxsize=100_000)
def is_cue(word: str, lang: str) -> bool:
    """A noun that announces an organization's name: 'Hersteller', 'Elektronikkonzern'."""
    w = word.lower()
    cues = _CUE_DE if lang == "de" else _CUE_EN
    if w in cues or compound_head(word) in cues:
        return True
    if lang == "de":  # German compounds: 'Elektronikkonzern', 'Kamerahersteller'
        return any(w.endswith(c) and len(w) > len(c) + 2 for c in _CUE_COMPOUND_ENDINGS)
    return False


def is_odd_legal_form(text: str) -> bool:
    """A legal form in unusual letter case ("LTd", "INC.")."""
    return len(text) >= 2 and text[:1].isupper() and text.lower().rstrip(".") in LEGAL_FORMS_CI


def is_proper(t: Token) -> bool:
    """Tagged as a proper noun, or all capitals (an acronym)."""
    return t.pos in PROPER_TAGS or (t.text.isupper() and len(t.text) >= 2)


def tokens_in(toks: list[Token], s: int, e: int) -> list[int]:
    """Indexes of the tokens lying within characters s..e."""
    lo, hi = 0, len(toks)
    while lo < hi:  # first token starting at or after s
        mid = (lo + hi) // 2
        if toks[mid].start < s:
            lo = mid + 1
        else:
            hi = mid
    out = []
    while lo < len(toks) and toks[lo].end <= e:
        out.append(lo)
        lo += 1
    return out
