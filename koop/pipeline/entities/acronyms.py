"""Acronym definitions: "Austrian Institute of Technology (AIT)" names an
organization and makes "AIT" its alias for the rest of the article, also when
the KB reads the acronym otherwise or knows the long form by another name. An
acronym defined as a thing ("adenosine triphosphate, or ATP") names no organization.
"""
from __future__ import annotations

import re

from ...article import Mention
from ...kb import KnowledgeBase
from ...names import fold, squash
from .. import lexicon as lx
from .doc_names import add_org, relink
from .kb_lookup import known_org
from .state import ArticleState
from .tables import Tables
from .words import CONNECTORS, is_cap, is_cue, tokens_in

_ACRONYM = re.compile(r"\(\s*([A-ZÄÖÜ][A-Za-zÄÖÜäöü&\-]{1,9})\s*\)")


def acronym_definitions(tables: Tables, w: ArticleState) -> None:
    """"Long Name (ACR)": the long form is an organization and ACR an alias of it."""
    toks = w.toks
    for m in _ACRONYM.finditer(w.text):
        acr = m.group(1)
        if sum(ch.isupper() for ch in acr) < 2 or acr.lower() == acr:
            continue
        ti = tokens_in(toks, m.start(1), m.end(1))
        if len(ti) != 1:
            continue
        a = ti[0]
        known_acr = w.owner[a]
        if known_acr is not None and (known_acr.label != "ORG" or w.spans[id(known_acr)] != (a, a)):
            continue
        k = a - 2  # the token before "("
        if k < 0 or toks[k + 1].text != "(" or not w.same_sentence(k, a):
            continue
        target = w.owner[k]
        if target is not None and target.label == "ORG" and target.org_id:
            if target.org_id.startswith("x-"):  # an unknown name whose acronym the KB knows
                org = _acronym_org(tables.kb, acr, target.text, known_acr)
                if org is not None:
                    relink(w, target, org.id, org.name)
            oid, name = target.org_id, target.canonical
        elif target is not None:
            continue
        else:
            words = _long_form(w, k, acr)
            if words is None:
                continue
            i, j = words
            long_text = w.text[toks[i].start:toks[j].end]
            org = known_org(tables.kb, long_text) or _acronym_org(tables.kb, acr, long_text, known_acr)
            found = add_org(tables, w, i, j, 0.8, name=org.name if org else None)
            if found is None:
                continue
            oid, name = found.org_id, found.canonical
        t = toks[a]
        if known_acr is not None:
            if known_acr.org_id == oid:
                continue
            w.remove(known_acr)  # in this article the acronym stands for the long form
        w.add(a, a, Mention(t.start, t.end, "ORG", t.text, oid, name, "name", 0.8, t.sent))
        w.doc_orgs[fold(acr)] = (oid, name)
        w.doc_names.pop(squash(acr), None)
        for other in list(w.mentions):  # the KB's reading of the same acronym elsewhere
            if other.text == acr and other.org_id != oid and other.label == "ORG":
                relink(w, other, oid, name)


def _acronym_org(kb: KnowledgeBase, acr: str, long_text: str, acr_mention: Mention | None = None):
    """The KB organization with alias ``acr`` whose names share a word with the long
    form ("Technische Universität Nanyang (NTU)" -> Nanyang Technological University)."""
    words = {x for x in fold(long_text).split() if len(x) > 3}
    ids = [e.org_id for e in kb.lookup(acr)]
    if acr_mention is not None and acr_mention.org_id in kb.orgs:
        ids.insert(0, acr_mention.org_id)
    for oid in ids:
        org = kb.orgs[oid]
        names = " ".join([org.name, *org.aliases, *org.legal_names])
        if words & set(fold(names).split()):
            return org
    return None


def _long_form(w: ArticleState, k: int, acr: str) -> tuple[int, int] | None:
    """Tokens of the organization name that ``acr`` abbreviates, ending at token k."""
    toks = w.toks
    words: list[int] = []
    i = k
    while i >= w.sent_start[k] and len(words) < 8 and w.owner[i] is None:
        tx = toks[i].text
        if is_cap(toks[i]) and not is_cue(tx, w.lang) or tx in CONNECTORS or tx.lower() in (
                "the", "der", "des", "of"):
            words.insert(0, i)
            i -= 1
            continue
        if is_cap(toks[i]) and is_cue(tx, w.lang) and tx.lower().endswith(lx.ACRONYM_HEAD_ENDINGS):
            words.insert(0, i)
            i -= 1
            continue
        break
    while words and (toks[words[0]].text in CONNECTORS or toks[words[0]].text.lower() in
                     ("the", "der", "des", "of")):
        words.pop(0)
    if not words:
        return None
    heads = [x for x in words if toks[x].text.lower().rstrip("-").endswith(lx.ACRONYM_HEAD_ENDINGS)]
    if not heads:
        return None
    def covers(ws: list[int]) -> bool:
        initials = "".join(ch for x in ws for ch in toks[x].text if ch.isupper())
        return all(initials.count(ch) >= acr.upper().count(ch) for ch in set(acr.upper()) if ch.isalpha())

    first = next((x for x in words if toks[x].text[:1].upper() == acr[0].upper()), None)
    if first is not None and covers([x for x in words if x >= first]):
        return first, words[-1]  # "Bund der Gartenfreunde (BdG)"
    if covers(words):
        return words[0], words[-1]  # "Technische Universität Nanyang (NTU)"
    if first is not None:
        return first, words[-1]
    if heads[0] == words[0]:
        return words[0], words[-1]  # "Gewerkschaft der Lehrer Attikas (OLME)"
    return None


# "adenosine triphosphate, or ATP", "tissue plasminogen activator (TPA)"
_THING_ACRONYM = re.compile(r"\b([a-z][a-z\-]{2,})(?:,\s+or\s+|\s*\(\s*)([A-Z][A-Z0-9]{1,5})(?=\s*[).,;:]|\s*$)")


def acronyms_defined_otherwise(w: ArticleState) -> None:
    """An English acronym the article defines as a thing ("adenosine triphosphate, or ATP",
    "tissue plasminogen activator (TPA)") names no organization in it, whatever the KB
    reads it as ("ATP": the tennis tour). A long form that is an organization's
    head ("the space agency (ESA)") does not count."""
    if w.lang != "en":
        return
    things = set()
    for m in _THING_ACRONYM.finditer(w.text):
        word = m.group(1)
        if is_cue(word, "en") or word.endswith(lx.ACRONYM_HEAD_ENDINGS):
            continue
        ti = tokens_in(w.toks, m.start(1), m.end(1))
        if ti and w.owner[ti[0]] is None:
            things.add(m.group(2))
    if not things:
        return
    for other in list(w.mentions):
        if other.label == "ORG" and other.text in things and id(other) in w.spans:
            w.remove(other)
    for acr in things:
        w.doc_orgs.pop(fold(acr), None)
        w.doc_names.pop(squash(acr), None)
    w.seen_ids = {m.org_id for m in w.mentions if m.label == "ORG" and m.org_id and m.kind in ("name", "brand")}
