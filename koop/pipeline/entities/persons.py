"""People: a known given name followed by name words ("Johann Wolfgang von
Goethe"), or name words after a role noun, picture credit or byline ("Sprecher
Tarek Ozdil"), then later mentions of the same surname; a party in brackets
after a person ("(SPD)") is an organization.
"""
from __future__ import annotations

import re

from ...article import Mention, Token
from ...names import LEGAL_FORMS
from .. import lexicon as lx
from ..segment import analyze_word
from .doc_names import add_org
from .state import ArticleState
from .tables import Tables
from .words import PROPER_TAGS, is_cap, is_cue

_NAME_TAGS = PROPER_TAGS | {"NN", "NN1", "NN0", "NN2", "ADJ(A)", "ADJ(D)", "AJ0", "VVFIN", "VV(FIN)"}
_ROMANCE_PARTICLES = {"de", "da", "di", "del", "della", "dos", "das", "du", "y"}


def _surname_ok(tables: Tables, w: ArticleState, tok: Token, first: bool, weak: bool) -> bool:
    """Whether ``tok`` can be a surname word (``first``: right after the given names)."""
    if not is_cap(tok) or is_cue(tok.text, w.lang) or tok.text in tables.countries:
        return False
    if tok.text in LEGAL_FORMS or tok.text[-1:] == "." or tok.text in lx.ORG_DESIGNATORS:
        return False
    if tok.text.lower() in tables.credit_words or tok.text.lower() in tables.role_words:
        return False
    if len(tok.text) < 2 or tok.text in lx.NON_NAME_WORDS:
        return False
    if first:
        if weak and (tok.pos not in ("NE", "NP0") or tok.lemma.lower() != tok.text.lower()
                     or analyze_word(tok.text, "en")[1] != "NP0"):
            return False  # a common word: "German Pellets", "Asset Manager", "Song Contest"
        return True
    return tok.pos in ("NE", "NP0", "XY") and tok.text not in tables.first_names


def person_names(tables: Tables, w: ArticleState) -> None:
    """People with a known given name, then cued ones and speakers ("sagte Müller"), then their surnames again."""
    toks = w.toks
    surnames: dict[str, str] = {}
    for k, t in enumerate(toks):
        if w.owner[k] is not None or t.text not in tables.first_names or t.pos not in _NAME_TAGS \
                or t.text in lx.NON_NAME_WORDS:
            continue
        end = w.sent_end[k]
        weak = (t.text in tables.weak_first or t.text in tables.places
                or t.text.lower() in tables.nationalities)
        j = k
        # more given names ("Johann Wolfgang"), then particles ("von der")
        while (j + 2 < end and w.owner[j + 1] is None and toks[j + 1].text in tables.first_names
               and toks[j + 1].text not in tables.weak_first and is_cap(toks[j + 2])
               and w.owner[j + 2] is None and j - k < 2):
            j += 1
        given_end = j
        if j + 2 < end and toks[j + 1].text in lx.NAME_PARTICLES and w.free(j + 1, j + 2):
            p = j + 1
            if p + 2 < end and toks[p + 1].text in lx.NAME_PARTICLES_SECOND and is_cap(toks[p + 2]):
                p += 1
            if is_cap(toks[p + 1]) and toks[p + 1].text not in tables.places:
                j = p
        particles_end = j
        nxt_first = True
        while j + 1 < end and w.owner[j + 1] is None and j - given_end < 3:
            nxt = toks[j + 1]
            if nxt.start - toks[j].end > 2:
                break
            if _surname_ok(tables, w, nxt, nxt_first, weak):
                j += 1
                nxt_first = False
            elif (not nxt_first and nxt.text in _ROMANCE_PARTICLES and j + 2 < end
                  and w.owner[j + 2] is None and toks[j + 2].pos not in ("ART", "AT0")
                  and is_cap(toks[j + 2]) and not tables.kb.lookup(toks[j + 2].text)
                  and toks[j + 2].text not in tables.places):
                j += 2  # "Maria Lopez de Vega"
            elif re.fullmatch(r"[A-Z]\.", nxt.text) and j + 2 < end and is_cap(toks[j + 2]):
                j += 1
            else:
                break
        if j == particles_end:
            j = given_end  # particles without a surname after them: "Foto von der ..."
        if j == given_end:
            # "Ludger und Heike Brandt": a given name sharing the next person's surname
            if (k + 3 < end and toks[k + 1].text in ("und", "and") and toks[k + 2].text in tables.first_names
                    and not weak and _surname_ok(tables, w, toks[k + 3], True, False)):
                w.add(k, k, Mention(t.start, t.end, "PER", t.text, None, t.text, "name", 0.7, t.sent))
            continue
        full_text = w.text[t.start:toks[j].end]
        if full_text in tables.places:
            continue
        i = k
        if k > 0 and toks[k - 1].text in lx.PERSON_TITLES and w.owner[k - 1] is None:
            i = k - 1
        _add_person(tables, w, i, j, k, surnames)
    _cued_people(tables, w, surnames)
    for k, t in enumerate(toks):  # "sagte Müller ... später ging Müller"
        if t.text not in w.speakers:
            continue
        o = w.owner[k]
        if o is not None and not (o.label == "ORG" and w.spans[id(o)] == (k, k)):
            continue
        if o is not None:
            w.remove(o)
        w.add(k, k, Mention(t.start, t.end, "PER", t.text, None, surnames.get(t.text, t.text), "name",
                            0.7, t.sent))
    if surnames:
        for k, t in enumerate(toks):
            if w.owner[k] is not None or t.text not in surnames:
                continue
            if k + 1 < len(toks) and toks[k + 1].text in ("+", "&") and toks[k + 1].start == t.end:
                continue  # "Hallmann+Weiss" is a firm
            w.add(k, k, Mention(t.start, t.end, "PER", t.text, None, surnames[t.text], "name", 0.8, t.sent))


def _add_person(tables: Tables, w: ArticleState, i: int, j: int, k: int, surnames: dict[str, str]) -> None:
    """A person over tokens i..j (name from token k), remembering the surname."""
    toks = w.toks
    full = " ".join(x.text for x in toks[k:j + 1])
    w.add(i, j, Mention(toks[i].start, toks[j].end, "PER", w.text[toks[i].start:toks[j].end],
                        None, full, "name", 0.9, toks[k].sent))
    last = toks[j].text
    if len(last) > 2 and last not in tables.first_names:
        surnames.setdefault(last, full)


def _cued_people(tables: Tables, w: ArticleState, surnames: dict[str, str]) -> None:
    """Names with an unknown given name after a role noun, a picture credit or a
    byline: "Sprecher Tarek Ozdil", "Foto: Helmi Varkonen", "Von Jorunn Meskel"."""
    toks = w.toks
    for k, t in enumerate(toks[:-1]):
        low = t.text.lower()
        cue = None
        if low in tables.role_words or (t.text[:1].isupper() and low.endswith(tables.role_heads)
                                        and w.lang == "de"):
            cue = "role"
        elif low in tables.credit_words and toks[k + 1].text == ":":
            cue = "credit"
        elif low in tables.byline_words and (k in w.sent_first and t.text[:1].isupper() or (
                k + 2 < len(toks) and w.sent_end[k] == k + 3)):
            cue = "byline"  # "Von Jorunn Meskel", "aktualisiert um 14:27 von Jorunn Meskel"
        if cue is None:
            continue
        i = k + 2 if cue == "credit" else k + 1
        if i >= w.sent_end[k] or w.owner[i] is not None:
            continue
        j = i
        while (j < w.sent_end[k] and j - i < 2 and w.owner[j] is None and is_cap(toks[j])
               and not toks[j].text.isupper()
               and (toks[j].pos in ("NE", "NP0", "FM") or cue != "role")
               and not is_cue(toks[j].text, w.lang) and toks[j].text.lower() not in tables.role_words
               and not tables.kb.lookup(toks[j].text)
               and toks[j].text not in tables.places and toks[j].text[-1:] != "."
               and toks[j].text.lower() not in tables.credit_words
               and (j == i or toks[j].start - toks[j - 1].end <= 2)):
            j += 1
        j -= 1
        if j < i:
            continue
        if j == i and (cue == "byline" or toks[i].text in tables.first_names or toks[i].pos not in PROPER_TAGS):
            continue
        if cue != "role" and any(x.pos not in PROPER_TAGS for x in toks[i:j + 1]) and not (
                j + 1 == w.sent_end[k] or toks[j + 1].text in (",", "/", "|") or
                toks[j + 1].text.lower() in tables.credit_words):
            continue  # a credit's name ends its line: "Foto: Helmi Varkonen"
        _add_person(tables, w, i, j, i, surnames)


def party_affiliations(tables: Tables, w: ArticleState) -> None:
    """A party or organization in brackets after a person: "Petra Kowalski (SPD)"."""
    toks = w.toks
    for m in list(w.mentions):
        if m.label != "PER" or id(m) not in w.spans:
            continue
        j = w.spans[id(m)][1]
        if j + 3 >= len(toks) or toks[j + 1].text != "(" or toks[j + 3].text != ")":
            continue
        a = toks[j + 2]
        if w.owner[j + 2] is not None or not (2 <= len(a.text) <= 6) or sum(
                ch.isupper() for ch in a.text) < 2 or not a.text[:1].isupper():
            continue
        add_org(tables, w, j + 2, j + 2, 0.7, short_forms=False)
