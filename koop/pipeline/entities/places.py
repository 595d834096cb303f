"""Places: the countries of the lexicon and the KB's headquarters cities."""
from __future__ import annotations

from ...article import Mention
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
