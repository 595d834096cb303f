"""Ambiguous KB names ("Bild", "Shell", "Capital" are also common words): they
count as organizations only with evidence: an unmistakable spot, the same
organization named unambiguously in the article, or coordination with an
organization. Some spots rule an organization out: a weekday or month without a
legal form ("on Monday"), a German everyday abbreviation ("die WM"), a town's name where a place is meant ("in Nokia"), a
word of a longer place name ("North Sea"), the head of an English "of" name ("News of
the World"). A place's name that is only a brand ("Paris", the stores of Cencosud)
needs the article to name its organization. A name several organizations bear
("PSA") stands for the one the article's context points to.
"""
from __future__ import annotations

import re

from ...kb import KnowledgeBase
from ...names import LEGAL_FORMS, fold
from .. import lexicon as lx
from .kb_lookup import initials
from .places import inside_place_name, local_context
from .state import ArticleState
from .tables import Tables
from .words import PROPER_TAGS, is_cap, is_cue, is_odd_legal_form

_COORD = re.compile(r"^\s*(?:,|und|and|sowie|&|/)\s*$", re.I)
_ROAD = re.compile(r"^[A-Z]{1,2}\s?\d{1,3}$")
_ACRONYM_TYPES = {"company", "bank", "insurer"}


def ambiguous_ok(tables: Tables, w: ArticleState, i: int, j: int) -> bool:
    """An ambiguous name still counts as an organization in an unmistakable spot."""
    toks, lang = w.toks, w.lang
    if any(k < len(toks) and (toks[k].text in LEGAL_FORMS or is_odd_legal_form(toks[k].text))
           for k in ((j, j + 1) if j > i else (j + 1,))):
        return True
    if _ruled_out(tables, w, i, j):
        return False
    if tables.kb.is_place_name(w.text[toks[i].start:toks[j].end]):
        return True  # "Audi verhandelt mit Nokia": a company's name beats a town's
    if i > 0 and is_cue(toks[i - 1].text, lang):
        nxt = toks[j + 1] if j + 1 < w.sent_end[i] else None
        # "Werbeagentur Conrad Lindholm": the cue names a longer, unknown name
        return not (nxt is not None and is_cap(nxt) and nxt.pos in PROPER_TAGS
                    and not tables.kb.lookup(nxt.text) and nxt.start - toks[j].end == 1)
    if len(toks[i].text) < 2:
        return False
    if lang == "en":
        if toks[i].text.isupper():
            return i == j and _known_acronym(tables, w, i)
        return (i not in w.sent_first and toks[i].pos in PROPER_TAGS | {"NN1"}
                and not _place_meant(tables, w, i, j) and not _starts_longer_name(tables, w, j))
    if i in w.sent_first:
        return False
    if toks[i].pos in PROPER_TAGS and _bare_name(tables, w, i, j):
        return True
    # a German common noun has a determiner or adjective before it; a bare one
    # between a verb and a conjunction ("bringen Bild und B.Z. heraus") is a name
    prev = toks[i - 1]
    return (prev.pos.startswith(("V", "KON", "$,")) and j + 1 < len(toks)
            and toks[j + 1].text in ("und", "sowie", ",", "oder")
            and w.text[toks[i].start:toks[j].end] not in tables.places)


def _place_meant(tables: Tables, w: ArticleState, i: int, j: int) -> bool:
    """Whether an ambiguous English name is rather a place: a country or sea ("Austria"),
    or a city that is only a brand's name ("Paris", the stores of Cencosud)."""
    text = w.text[w.toks[i].start:w.toks[j].end]
    return text in tables.countries or text in lx.GEO_NAMES or _place_brand(tables, text)


def _place_brand(tables: Tables, text: str) -> bool:
    """A place's name that is only a brand in the KB ("Paris", the stores of Cencosud):
    it stands for the brand only where the article names its organization."""
    return text in tables.places and all(e.kind == "brand" for e in tables.kb.lookup(text))


def _starts_longer_name(tables: Tables, w: ArticleState, j: int) -> bool:
    """Whether a capitalised word follows an ambiguous English name right away: it
    is then the start of a longer, other name ("Central Bank", "Capital Markets"),
    unless that word is a legal form, a date or a role ("Shell Chairman Peter Holmes")."""
    k = j + 1
    if k >= w.sent_end[j] or w.toks[k].start - w.toks[j].end > 1:
        return False
    nxt = w.toks[k]
    return (is_cap(nxt) and nxt.text not in LEGAL_FORMS and not is_odd_legal_form(nxt.text)
            and nxt.text not in lx.DATE_WORDS and nxt.text.lower() not in tables.role_words)


def _ruled_out(tables: Tables, w: ArticleState, i: int, j: int) -> bool:
    """Spots where an ambiguous name is no organization, whatever else the article
    says: a weekday or month ("on Monday"), a town ("in Nokia"), a word of a longer
    place name ("North Sea"), the head of an "of" name ("News of the World"), in
    English a word right after a capitalised name word ("Tasman Sea")."""
    toks = w.toks
    text = w.text[toks[i].start:toks[j].end]
    if text in lx.DATE_WORDS or inside_place_name(tables, w, i, j) or _heads_of_name(tables, w, j):
        return True
    if w.lang == "de" and text in lx.COMMON_ABBREVIATIONS_DE:
        return True  # "die WM in Katar"
    if (tables.kb.is_place_name(text) or text in tables.kb.by_city or text in tables.places) \
            and local_context(tables, w, i, j):
        return True  # "the laboratory in Kawasaki": an ambiguous name that is also a city
    if w.lang != "en" or i == w.sent_start[i] or w.owner[i - 1] is not None:
        return False
    prev = toks[i - 1]
    return (is_cap(prev) and toks[i].start - prev.end <= 1 and not toks[i].text.isupper()
            and prev.text not in LEGAL_FORMS and not is_cue(prev.text, w.lang))


def _heads_of_name(tables: Tables, w: ArticleState, j: int) -> bool:
    """Whether the name opens an English name with "of" that is no place's ("News of
    the World"; not "Shell of Canada")."""
    toks, end = w.toks, w.sent_end[j]
    k = j + 1
    if k + 1 >= end or toks[k].text != "of":
        return False
    k += 1
    if toks[k].text.lower() == "the" and k + 1 < end:
        k += 1
    return is_cap(toks[k]) and toks[k].text not in tables.places


def _known_acronym(tables: Tables, w: ArticleState, i: int) -> bool:
    """An English all-caps short name of one company in the KB, its name or the
    initials of its name ("GM" for General Motors), standing alone: not an
    abbreviation of everyday use ("a CD"), not beside a number ("DM 500") or in a
    headline in capitals."""
    toks, text = w.toks, w.toks[i].text
    if not (2 <= len(text) <= 5 and text.isalpha()) or text in lx.COMMON_ABBREVIATIONS:
        return False
    entries = tables.kb.lookup(text)
    if len({e.org_id for e in entries}) != 1 or entries[0].kind != "name":
        return False
    org = tables.kb.orgs[entries[0].org_id]
    if org.type not in _ACRONYM_TYPES or text not in (org.name, initials(org.name)):
        return False
    for k in (i - 1, i + 1):
        if w.sent_start[i] <= k < w.sent_end[i]:
            x = toks[k].text
            if x[:1].isdigit() or (len(x) > 1 and x.isalpha() and x.isupper()):
                return False
    return not (i > w.sent_start[i] and toks[i - 1].text.lower() in ("a", "an"))


def _bare_name(tables: Tables, w: ArticleState, i: int, j: int) -> bool:
    """A name tagged as proper noun that stands alone: not a road ("A1"), not a place,
    not part of a longer name ("Jupiter Ascending", "Harlow Times", "Central Bank"; a
    cue noun before it is no part: "Hersteller Leica")."""
    toks = w.toks
    text = w.text[toks[i].start:toks[j].end]
    if _ROAD.match(text) or text in tables.places:
        return False
    prev = toks[i - 1] if i > w.sent_start[i] else None
    nxt = toks[j + 1] if j + 1 < w.sent_end[i] else None
    for x, gap in ((prev, toks[i].start - prev.end if prev else 9),
                   (nxt, nxt.start - toks[j].end if nxt else 9)):
        if x is not None and gap <= 1 and is_cap(x) \
                and x.text not in LEGAL_FORMS and not (x is prev and is_cue(x.text, w.lang)):
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
    pending = [p for p in w.pending if not _ruled_out(tables, w, p[1], p[2])]
    changed = True
    while changed and pending:
        changed = False
        for item in list(pending):
            mention, i, j = item
            if not w.free(i, j):
                pending.remove(item)
                continue
            if any(o in w.seen_ids for o in _candidates(w, mention)) or (
                    not _place_brand(tables, mention.text) and any(
                        _COORD.match(w.text[min(m.end, mention.end):max(m.start, mention.start)])
                        for m in w.mentions if m.sent == mention.sent and m.label == "ORG")):
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
    _choose_by_context(tables, w)


def _candidates(w: ArticleState, mention) -> list[str]:
    """The organizations a mention may stand for."""
    alt = w.alternatives.get(id(mention))
    return alt[1] if alt is not None and alt[0] is mention else [mention.org_id]


def _choose_by_context(tables: Tables, w: ArticleState) -> None:
    """A name several organizations bear ("PSA": a carmaker and a port operator)
    stands for the one the article names otherwise, else for the one whose sector
    the other organizations share, those of its sentence first ("Opel und PSA")."""
    orgs = [m for m in w.mentions if m.label == "ORG" and m.org_id]
    shared = {id(m): _candidates(w, m) for m in orgs if len(_candidates(w, m)) > 1}
    named = {m.org_id for m in orgs if id(m) not in shared}
    for m in orgs:
        ids = shared.get(id(m))
        if ids is None:
            continue
        others = [o for o in orgs if o.org_id not in ids]

        def score(oid: str, m=m, others=others) -> tuple[bool, int, bool]:
            near = sum(2 if o.sent == m.sent else 1 for o in others
                       if tables.sector_words(oid) & tables.sector_words(o.org_id))
            return oid in named, near, oid == m.org_id

        best = max(ids, key=score)
        if best != m.org_id:
            m.org_id, m.canonical = best, tables.kb.orgs[best].name
    if shared:
        w.seen_ids = {m.org_id for m in orgs if m.kind in ("name", "brand")}


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
