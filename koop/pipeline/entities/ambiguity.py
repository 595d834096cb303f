"""Ambiguous KB names ("Bild", "Shell", "Capital" are also common words): they
count as organizations only with evidence: an unmistakable spot, the same
organization named unambiguously in the article, or coordination with an
organization.
"""
from __future__ import annotations

import re

from ...kb import LEGAL_FORMS, KnowledgeBase, fold
from .state import ArticleState
from .tables import Tables
from .words import PROPER_TAGS, is_cap, is_cue, is_odd_legal_form

_COORD = re.compile(r"^\s*(?:,|und|and|sowie|&|/)\s*$", re.I)
_ROAD = re.compile(r"^[A-Z]{1,2}\s?\d{1,3}$")


def ambiguous_ok(tables: Tables, w: ArticleState, i: int, j: int) -> bool:
    """An ambiguous name still counts as an organization in an unmistakable spot."""
    toks, lang = w.toks, w.lang
    if j + 1 < len(toks) and (toks[j + 1].text in LEGAL_FORMS or is_odd_legal_form(toks[j + 1].text)):
        return True
    if i > 0 and is_cue(toks[i - 1].text, lang):
        nxt = toks[j + 1] if j + 1 < w.sent_end[i] else None
        # "Werbeagentur Conrad Lindholm": the cue names a longer, unknown name
        return not (nxt is not None and is_cap(nxt) and nxt.pos in PROPER_TAGS
                    and not tables.kb.lookup(nxt.text) and nxt.start - toks[j].end == 1)
    if len(toks[i].text) < 2:
        return False
    if lang == "en":
        return (i not in w.sent_first and not toks[i].text.isupper()
                and toks[i].pos in PROPER_TAGS | {"NN1"})
    if i in w.sent_first:
        return False
    if toks[i].pos in PROPER_TAGS and _bare_name(tables, w, i, j):
        return True
    # a German common noun has a determiner or adjective before it; a bare one
    # between a verb and a conjunction ("bringen Bild und B.Z. heraus") is a name
    prev = toks[i - 1]
    return (prev.pos.startswith(("V", "KON", "$,")) and j + 1 < len(toks)
            and toks[j + 1].text in ("und", "sowie", ",", "oder"))


def _bare_name(tables: Tables, w: ArticleState, i: int, j: int) -> bool:
    """A name tagged as proper noun that stands alone: not a road ("A1"), not a place,
    not part of a longer name ("Jupiter Ascending", "Harlow Times")."""
    toks = w.toks
    text = w.text[toks[i].start:toks[j].end]
    if _ROAD.match(text) or text in tables.places:
        return False
    prev = toks[i - 1] if i > w.sent_start[i] else None
    nxt = toks[j + 1] if j + 1 < w.sent_end[i] else None
    for x, gap in ((prev, toks[i].start - prev.end if prev else 9),
                   (nxt, nxt.start - toks[j].end if nxt else 9)):
        if x is not None and gap <= 1 and is_cap(x) \
                and x.text not in LEGAL_FORMS and not is_cue(x.text, w.lang):
            return False
    return True


def resolve_ambiguous_names(tables: Tables, w: ArticleState) -> None:
    """Ambiguous names count when the article names the same organization unambiguously,
    or when coordinated with an organization ("Panasonic, Sigma und Leica")."""
    for mention, i, j in w.pending:  # release the tokens; confirmed ones claim them again
        w.spans.pop(id(mention), None)
        for k in range(i, j + 1):
            if w.owner[k] is mention:
                w.owner[k] = None
    pending = list(w.pending)
    changed = True
    while changed and pending:
        changed = False
        for item in list(pending):
            mention, i, j = item
            if not w.free(i, j):
                pending.remove(item)
                continue
            if mention.org_id in w.seen_ids or any(
                    _COORD.match(w.text[min(m.end, mention.end):max(m.start, mention.start)])
                    for m in w.mentions if m.sent == mention.sent and m.label == "ORG"):
                w.add(i, j, mention)
                pending.remove(item)
                changed = True
        if not changed:
            # "Shell and BP": two organizations' own names coordinated vouch for each other
            for a_item in pending:
                partner = next((b for b in pending
                                if b is not a_item and _coordinated_pair(tables.kb, w, a_item, b)), None)
                if partner is not None:
                    for mention, i, j in (a_item, partner):
                        if w.free(i, j):
                            w.add(i, j, mention)
                    pending.remove(a_item)
                    pending.remove(partner)
                    changed = True
                    break
    w.pending = []


def _coordinated_pair(kb: KnowledgeBase, w: ArticleState, a_item, b_item) -> bool:
    """Two held-back names, each its organization's own name, joined by a comma or conjunction."""
    a, b = a_item[0], b_item[0]
    if a.sent != b.sent or a.org_id == b.org_id:
        return False
    for m in (a, b):
        org = kb.orgs.get(m.org_id)
        if org is None or fold(m.text) != fold(org.name):
            return False  # only an organization's own canonical name
    first, second = (a, b) if a.start < b.start else (b, a)
    return bool(_COORD.match(w.text[first.end:second.start]))
