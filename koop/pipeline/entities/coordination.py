"""Organizations found through coordination with another one: a shared head
("die TU Wien und Graz"), a truncated compound ("Wirtschafts- und
Arbeiterkammer") and a lone proper noun next to an organization ("Wired und
Reviewed").
"""
from __future__ import annotations

from ...article import Mention
from ...kb import KnowledgeBase
from .. import lexicon as lx
from ..segment import analyze_word
from .doc_names import add_org, remember
from .kb_lookup import known_org
from .state import ArticleState
from .tables import Tables
from .words import HEAD_ADJECTIVES, is_cap

# plural or inflected heads of coordinated institutions ("die Technischen Unis Wien und Graz")
_PLURAL_HEADS = {"Unis": "Uni", "Universitäten": "Universität", "Hochschulen": "Hochschule",
                 "Fachhochschulen": "Fachhochschule", "Universities": "University",
                 "Kliniken": "Klinik", "Uni": "Uni", "Universität": "Universität"}
_COORD_WORDS = {"und", "and", "sowie", "&"}


def coordinated_ellipsis(tables: Tables, w: ArticleState) -> None:
    """Coordinated institutions sharing one head: "die TU Wien und Graz", "die Technischen
    Unis Wien und Graz", "the Universities of Oxford and Cambridge"."""
    toks = w.toks
    # a known "<head> <place>" followed by "und <place>"
    for m in list(w.mentions):
        if m.label != "ORG" or m.kind != "name" or id(m) not in w.spans:
            continue
        i, j = w.spans[id(m)]
        if j == i:
            continue
        head = w.text[toks[i].start:toks[j - 1].end]
        _coordinated(tables.kb, w, j + 1, [head])
    # a plural head: "die Technischen Unis Wien und Graz"
    for k, t in enumerate(toks):
        sing = _PLURAL_HEADS.get(t.text)
        if sing is None or w.owner[k] is not None:
            continue
        adj = HEAD_ADJECTIVES.get(toks[k - 1].text) if k > 0 else None
        start = k - 1 if adj and w.owner[k - 1] is None else k
        heads = [f"{adj} {sing}"] if adj else [sing]
        first = k + 1
        if first < len(toks) and toks[first].text == "of":
            heads = [f"{h} of" for h in heads]
            first += 1
        if first >= w.sent_end[k]:
            continue
        org = _head_org(tables.kb, heads, toks[first].text)
        if org is None:
            continue
        s, e = toks[start].start, toks[first].end
        m = Mention(s, e, "ORG", w.text[s:e], org.id, org.name, "name", 0.8, t.sent)
        if not w.claim_over(start, first, m):  # "the Universities of Oxford": not just "Oxford"
            continue
        _coordinated(tables.kb, w, first + 1, heads)


# heads of institutions named after their place ("FH Oberösterreich", "Uni Graz",
# "Flughafen Bratislava", "Stadtwerke Linz")
_PLACE_HEADS = {"FH", "Fachhochschule", "TU", "TH", "Uni", "Universität", "Hochschule", "Akademie",
                "MedUni", "Med-Uni", "PH", "Flughafen", "Stadtwerke", "Oper", "Staatsoper", "Landestheater"}


def institution_place_names(tables: Tables, w: ArticleState) -> None:
    """A German institution head and a place or region: "die FH Oberösterreich", "der
    Technischen Universität Freiberg", "dem Flughafen Bratislava"; a KB name of it links
    to the KB."""
    toks = w.toks
    for k, t in enumerate(toks[:-1]):
        if t.text not in _PLACE_HEADS or w.lang != "de" or not w.free(k, k + 1) or not w.same_sentence(k, k + 1):
            continue
        place = toks[k + 1].text
        if place not in tables.places and place not in lx.REGIONS_DE or toks[k + 1].start - t.end != 1:
            continue
        if k + 2 < w.sent_end[k] and toks[k + 2].text[:1] == "-":
            continue  # "Uni Wien-Chef"... a compound goes on
        adj = HEAD_ADJECTIVES.get(toks[k - 1].text) if k > 0 else None
        start = k - 1 if adj and w.owner[k - 1] is None and w.same_sentence(k - 1, k) else k
        name = (adj + w.text[toks[k - 1].end:toks[k + 1].end]) if start < k else None
        add_org(tables, w, start, k + 1, 0.75, name=name, short_forms=False)


def _head_org(kb: KnowledgeBase, heads: list[str], place: str):
    """The KB organization named by one of the heads and the place ("TU" + "Graz")."""
    for h in heads:
        org = known_org(kb, f"{h} {place}")
        if org is not None:
            return org
    return None


def _coordinated(kb: KnowledgeBase, w: ArticleState, k: int, heads: list[str]) -> None:
    """Places after a name's head, joined by ',' / 'und' / 'and': each is one more institution."""
    toks = w.toks
    while k + 1 < len(toks) and w.same_sentence(k - 1, k + 1) and toks[k].text in (",", "und", "and", "sowie"):
        x = k + 1
        if w.owner[x] is not None or not is_cap(toks[x]):
            return
        org = _head_org(kb, heads, toks[x].text)
        if org is None:
            return
        t = toks[x]
        w.add(x, x, Mention(t.start, t.end, "ORG", t.text, org.id, org.name, "name", 0.8, t.sent))
        if toks[k].text != ",":
            return
        k = x + 1


def truncated_compounds(tables: Tables, w: ArticleState) -> None:
    """"Wirtschafts- und Arbeiterkammer": the first part borrows the head of the
    organization it is coordinated with, when the result is a known name."""
    toks = w.toks
    for k in range(len(toks) - 2):
        t = toks[k]
        if not (t.text.endswith("-") and len(t.text) > 3 and is_cap(t)) or w.owner[k] is not None:
            continue
        if toks[k + 1].text.lower() not in _COORD_WORDS | {"oder"} or not w.same_sentence(k, k + 2):
            continue
        other = w.owner[k + 2]
        if other is None or other.label != "ORG" or not other.org_id:
            continue
        word, stem = toks[k + 2].text, t.text[:-1]
        for i in range(1, len(word) - 3):
            entries = [e for e in tables.kb.lookup(stem + word[i:]) if e.org_id != other.org_id]
            if entries:
                org = tables.kb.orgs[entries[0].org_id]
                w.add(k, k, Mention(t.start, t.end, "ORG", t.text, org.id, org.name, "name", 0.7, t.sent))
                remember(tables, w, stem + word[i:], org.id, org.name, False)  # its later mentions
                break


def coordinated_names(tables: Tables, w: ArticleState) -> None:
    """"Wired und Reviewed": a lone proper noun coordinated with an organization is
    one too, when nothing else claims it (no person, place or common noun)."""
    toks = w.toks
    for m in [m for m in w.mentions if m.label == "ORG" and m.kind == "name"]:
        i, j = w.spans[id(m)]
        for conj, k in ((j + 1, j + 2), (i - 1, i - 2)):
            if not (0 <= k < len(toks) and 0 <= conj < len(toks)):
                continue
            if toks[conj].text.lower() not in _COORD_WORDS or not w.same_sentence(k, conj):
                continue
            if w.owner[k] is not None or k in w.sent_first or not _lone_proper(tables, w, k):
                continue
            add_org(tables, w, k, k, 0.6)


def _lone_proper(tables: Tables, w: ArticleState, k: int) -> bool:
    """A proper noun standing alone that is no given name, place or nationality."""
    t = w.toks[k].text
    if not is_cap(w.toks[k]) or len(t) < 3 or t in tables.first_names or t in tables.places:
        return False
    if t in tables.countries or t.lower() in tables.nationalities:
        return False
    for n in (k - 1, k + 1):  # part of a longer name or a noun phrase
        if 0 <= n < len(w.toks) and w.same_sentence(n, k) and is_cap(w.toks[n]) \
                and w.toks[n].text.lower() not in _COORD_WORDS and n not in w.sent_first:
            return False
    return analyze_word(t, w.lang)[1] in ("NE", "FM")
