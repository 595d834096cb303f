"""Linking the knowledge base's names, aliases, legal names and brands: with
German inflection and genitive, hyphen compounds ("Leica-Chef"), units ("Bosch
Deutschland") and typos ("Huawai").

An ambiguous name is only held back here (``w.pending``); ambiguity.py
decides on it once the article's other names are known.
"""
from __future__ import annotations

from ...article import Mention
from ...kb import KnowledgeBase
from ...names import LEGAL_FORMS
from .. import lexicon as lx
from .ambiguity import ambiguous_ok
from .doc_names import add_org
from .kb_lookup import compound_match, kb_match, known_org, org_ids, pick
from .legal_forms import extend_with_legal_form, generic_name_end
from .state import ArticleState
from .tables import Tables
from .words import PROPER_TAGS, is_cap, is_cue

_PRODUCT_DETERMINERS = {"ein", "einen", "einem", "eines", "seinem", "seinen", "seines", "sein",
                        "ihrem", "ihren", "ihres", "ihr", "a", "an", "his", "her", "their"}


def link_kb_names(tables: Tables, w: ArticleState) -> None:
    """KB names at every free token, longest first; ambiguous ones wait for evidence."""
    toks, lang = w.toks, w.lang
    i = 0
    while i < len(toks):
        t = toks[i]
        if w.owner[i] is not None or not (t.text[:1].isalpha()) or (
                t.text[:1].islower() and not tables.kb.lookup(t.text)):
            i += 1
            continue
        end, limit = i, min(w.sent_end[i], i + 8)
        while end < limit and w.owner[end] is None:
            end += 1
        m = kb_match(tables.kb, toks, i, end, lang)
        if m is not None:
            j, entries, s, e, genitive = m
            if j > i and is_cue(t.text, lang) and tables.kb.lookup(w.text[toks[i + 1].start:toks[j].end]):
                i += 1  # "Pilotengewerkschaft Cockpit": the name is "Cockpit"
                continue
            if j == i and _person_not_org(tables, w, i):
                i += 1
                continue
            if (j == i and i > w.sent_start[i] and toks[i - 1].text.lower() in lx.SPEECH_VERBS
                    and not t.text.isupper()):
                w.speakers.add(t.text)  # "sagte Müller": a person, whatever the KB knows
                i += 1
                continue
            prev = toks[i - 1].text.lower() if i > 0 and i not in w.sent_first else ""
            if j == i and prev in _PRODUCT_DETERMINERS and not t.text.isupper():
                i += 1  # "mit seinem Audi": a car, not the company
                continue
            entry = pick(entries, w.seen_ids)
            org = tables.kb.orgs[entry.org_id]
            unit = _extend_unit(tables.kb, w, j)
            if unit == j:  # "Carlsberg Brewery Ltd"
                unit = generic_name_end(tables.kb, w, j, entries)
            jj = extend_with_legal_form(w, unit)
            e = toks[jj].end
            # a genitive or a unit ("Bosch Deutschland") is no surface to report the name by
            mention = Mention(s, e, "ORG", w.text[s:e], org.id, org.name,
                              "brand" if entry.kind == "brand" else "name",
                              0.85 if (genitive and jj == j) or unit > j else 1.0, t.sent)
            _note_alternatives(w, mention, entries)
            # a weekday or month needs evidence whatever the KB says ("Monday")
            if (entry.ambiguous or t.text in lx.DATE_WORDS) and not ambiguous_ok(tables, w, i, jj):
                w.pending.append((mention, i, jj))
                w.spans[id(mention)] = (i, jj)
                for k in range(i, jj + 1):
                    w.owner[k] = mention
            else:
                w.add(i, jj, mention)
            i = jj + 1
            continue
        cm = compound_match(tables.kb, t)
        if cm is not None:
            entries, s, e = cm
            entry = pick(entries, w.seen_ids)
            org = tables.kb.orgs[entry.org_id]
            mention = Mention(s, e, "ORG", w.text[s:e], org.id, org.name,
                              "brand" if entry.kind == "brand" else "name", 0.95, t.sent)
            _note_alternatives(w, mention, entries)
            if entry.ambiguous:
                w.pending.append((mention, i, i))
                w.spans[id(mention)] = (i, i)
                w.owner[i] = mention
            else:
                w.add(i, i, mention)
        i += 1


_INSTITUTE_HEADS = ("institut", "instituts", "zentrum", "zentrums", "center", "labor", "einrichtung")


def institute_acronyms(tables: Tables, w: ArticleState) -> None:
    """An institute's name followed by its acronym is one name: "Quellberg-Institut QIT"
    is the KB's "Quellberg QIT" when it knows that, else one new organization, not the
    parent "Quellberg" and the acronym apart."""
    toks = w.toks
    for k, t in enumerate(toks[:-1]):
        pre, _, head = t.text.rpartition("-")
        acr = toks[k + 1].text
        if not (pre[:1].isupper() and head.lower() in _INSTITUTE_HEADS and acr.isupper()
                and acr.isalpha() and 2 <= len(acr) <= 7 and w.free(k, k + 1)
                and w.same_sentence(k, k + 1) and toks[k + 1].start - t.end == 1):
            continue
        org = known_org(tables.kb, f"{pre} {acr}") or known_org(tables.kb, f"{pre}-{acr}")
        s, e = t.start, toks[k + 1].end
        if org is not None:
            w.add(k, k + 1, Mention(s, e, "ORG", w.text[s:e], org.id, org.name, "name", 0.95, t.sent))
        elif tables.kb.lookup(pre) and not tables.kb.lookup(acr):
            add_org(tables, w, k, k + 1, 0.8, short_forms=False)


def _note_alternatives(w: ArticleState, mention: Mention, entries) -> None:
    """Remember the organizations a name shared by several stands for; ambiguity.py
    picks one by the article's context."""
    ids = org_ids(entries)
    if len(ids) > 1:
        w.alternatives[id(mention)] = (mention, ids)


def _person_not_org(tables: Tables, w: ArticleState, i: int) -> bool:
    """A one-word KB name that is part of a person's name ("Michael Dell", "Mila Kunis")."""
    toks = w.toks
    prev = toks[i - 1].text if i > 0 and i not in w.sent_first else ""
    if prev in tables.first_names and prev not in tables.weak_first and not tables.kb.lookup(prev):
        return True
    word = toks[i].text
    if word in tables.first_names and word not in tables.weak_first and i + 1 < w.sent_end[i]:
        nxt = toks[i + 1]
        if (is_cap(nxt) and nxt.pos in ("NE", "NP0") and not tables.kb.lookup(nxt.text)
                and nxt.text not in LEGAL_FORMS and nxt.text not in lx.ORG_DESIGNATORS
                and nxt.text not in tables.places and not is_cue(nxt.text, w.lang)
                and nxt.start - toks[i].end == 1):
            return True
    return False


def _extend_unit(kb: KnowledgeBase, w: ArticleState, j: int) -> int:
    """A known name followed by a unit designator: "Bosch Deutschland", "Siemens Content Group"."""
    toks = w.toks
    for n in (1, 2):
        last = j + n
        if last >= w.sent_end[j] or not w.free(j + 1, last):
            break
        if not all(is_cap(x) and x.start - toks[k - 1].end <= 1
                   for k, x in zip(range(j + 1, last + 1), toks[j + 1:last + 1])):
            break
        if toks[last].text in lx.UNIT_DESIGNATORS:
            if last + 1 < w.sent_end[j] and toks[last + 1].text[:1] == "-":
                break
            return last
        if kb.lookup(toks[last].text):
            break
    return j


def link_typos(tables: Tables, w: ArticleState) -> None:
    """Typos of single-word names ("Huawai"): only for an organization the article
    names correctly elsewhere, or right after a cue noun ("Handy-Hersteller Huawai")."""
    for k, t in enumerate(w.toks):
        if w.owner[k] is not None or len(t.text) < 5 or not is_cap(t):
            continue
        if t.text in tables.first_names or t.text in tables.places:
            continue
        oid = tables.kb.fuzzy(t.text)
        if oid is None or t.pos not in PROPER_TAGS | {"NN"}:  # tag only the few candidates
            continue
        cue = k > 0 and is_cue(w.toks[k - 1].text, w.lang)
        if oid in w.seen_ids or cue:
            org = tables.kb.orgs[oid]
            w.add(k, k, Mention(t.start, t.end, "ORG", t.text, oid, org.name, "name", 0.7, t.sent))
