"""Places: the countries, seas and regions of the lexicon and the KB's headquarters
cities; and the tests whether a name stands for a place there ("in Nokia", "North
Sea")."""
from __future__ import annotations

from ...article import Mention
from .. import lexicon as lx
from .state import ArticleState
from .tables import Tables


def place_names(tables: Tables, w: ArticleState) -> None:
    """Free spans of up to three tokens that name a place; a one-word KB name that is no seat stays free."""
    toks = w.toks
    for k, t in enumerate(toks):
        if w.owner[k] is not None or not t.text[:1].isupper():
            continue
        for n in (3, 2, 1):
            if k + n > w.sent_end[k] or not w.free(k, k + n - 1):
                continue
            text = w.text[t.start:toks[k + n - 1].end]
            if text in tables.places:
                if n == 1 and tables.kb.lookup(text) and not tables.cities.get(text):
                    break
                w.add(k, k + n - 1, Mention(t.start, toks[k + n - 1].end, "LOC", text, None, None,
                                            "name", 0.8, t.sent))
                break


def local_context(tables: Tables, w: ArticleState, i: int, j: int) -> bool:
    """Whether tokens i..j stand where a town is meant: after a place noun ("die Stadt
    Nokia", "the town of Nokia"), after a locative preposition, adjectives aside ("in
    Nokia", "im finnischen Nokia", but "a stake in Nokia"), or before a country ("Nokia,
    Finland")."""
    toks, first = w.toks, w.sent_start[i]
    k = i - 1
    if k > first and toks[k].text in ("of", "von"):
        k -= 1
    if k >= first and toks[k].text.lower() in lx.PLACE_NOUNS:
        return True
    k = i - 1
    while k >= first and i - k <= 2 and toks[k].text[:1].islower() and toks[k].pos.startswith(("ADJ", "AJ")):
        k -= 1
    if k >= first and toks[k].text.lower() in lx.LOCAL_PREPOSITIONS:
        return not (k > first and toks[k - 1].text.lower() in lx.STAKE_WORDS)
    return (j + 2 < w.sent_end[i] and toks[j + 1].text == ","
            and toks[j + 2].text in tables.countries)


def inside_place_name(tables: Tables, w: ArticleState, i: int, j: int) -> bool:
    """Whether tokens i..j are part of a longer place name ("Sea" of "North Sea")."""
    toks = w.toks
    for a in range(max(w.sent_start[i], i - 2), i + 1):
        for b in range(j, min(w.sent_end[i], j + 3)):
            if (a, b) != (i, j) and w.text[toks[a].start:toks[b].end] in tables.places:
                return True
    return False
