"""Organizations this article names, and their other mentions in it.

A name found once (with its legal form, after a cue noun, in an acronym
definition ...) is remembered for the article, with a short form, so that
"Kaltenbach Optik GmbH" also finds the later "Kaltenbach Optik" and
"Kaltenbach".
"""
from __future__ import annotations

from ...article import Mention
from ...names import fold, squash, strip_legal, unknown_org_id
from .. import lexicon as lx
from ..segment import analyze_word, known_word
from .kb_lookup import known_org
from .state import ArticleState
from .tables import Tables
from .words import PROPER_TAGS, is_cap

# legal forms written before the name (Indonesia, Russia, ...)
_LEGAL_PREFIXES = {"PT", "CV", "OOO", "OAO", "ZAO", "PAO", "PJSC", "JSC", "AO", "TOO"}


def add_org(tables: Tables, w: ArticleState, i: int, j: int, score: float, name: str | None = None,
            short_forms: bool = True) -> Mention | None:
    """An organization over tokens i..j: the KB's when it knows the name, else a new one."""
    s, e = w.toks[i].start, w.toks[j].end
    text = w.text[s:e]
    canonical = name or strip_legal(text) or text
    known = known_org(tables.kb, name or text)  # with its legal form: "Bayer AG" is settled
    if known is not None:
        oid, cname = known.id, known.name
    else:
        oid, cname = unknown_org_id(canonical), canonical
    m = Mention(s, e, "ORG", text, oid, cname, "name", score, w.toks[i].sent)
    if not w.claim_over(i, j, m):
        return None
    remember(tables, w, canonical, oid, cname, short_forms)
    if canonical != text:
        remember(tables, w, text, oid, cname, False)
    return m


def remember(tables: Tables, w: ArticleState, name: str, oid: str, cname: str, short_forms: bool) -> None:
    """Record a name found in this article so that its later mentions are found too."""
    key = squash(name)
    if len(key) >= 3:
        w.doc_names.setdefault(key, (oid, cname))
    words = name.split()
    w.doc_orgs.setdefault(fold(name), (oid, cname))
    if len(words) >= 3 and words[0].upper().replace(".", "") in _LEGAL_PREFIXES:
        words = words[1:]  # "PT Triguna Utama ...": the name starts after the legal form
    if not short_forms or len(words) < 2:
        return
    first = words[0]
    if (len(first) < 4 or first in tables.places or first in tables.first_names
            or first.lower() in tables.nationalities or not first[:1].isupper()
            or tables.kb.lookup(first) or first in lx.ORG_DESIGNATORS or first in lx.DATE_WORDS):
        return
    tag = analyze_word(first, w.lang)[1]
    if tag in PROPER_TAGS or first.isupper() or (w.lang == "en" and not known_word(first, "en")):
        w.doc_orgs.setdefault(fold(first), (oid, cname))  # "Kaltenbach", "Quillmoor"
    elif w.lang == "en" and tag.startswith(("AJ", "NN", "VVN")) and fold(first) not in w.doc_orgs:
        w.doc_orgs[fold(first)] = (oid, cname)  # "Consolidated" of "Consolidated Widget Corp"
        w.weak_short.add(fold(first))


def relink(w: ArticleState, m: Mention, oid: str, name: str) -> None:
    """Point a mention (and the names remembered for it) at another organization."""
    old = m.org_id
    m.org_id, m.canonical = oid, name
    for table in (w.doc_orgs, w.doc_names):
        for key, (o, _) in list(table.items()):
            if o == old:
                table[key] = (oid, name)


def later_mentions(tables: Tables, w: ArticleState) -> None:
    """Later (and earlier) mentions of the organizations found so far: whole names,
    acronyms and short forms ("Kaltenbach Optik", "AIT", "Kaltenbach")."""
    toks = w.toks
    if w.doc_names:
        lengths = sorted({len(k) for k in w.doc_names}, reverse=True)
        prefixes = {k[:3] for k in w.doc_names}
        for i, t in enumerate(toks):
            if not t.text[:1].isalnum() or squash(t.text)[:3] not in prefixes and len(t.text) >= 3:
                continue
            acc, j = "", i
            spans = []
            while j < len(toks) and j - i < 8 and w.same_sentence(i, j):
                part = squash(toks[j].text)
                if not part:
                    break
                acc += part
                spans.append((j, acc))
                if len(acc) >= lengths[0]:
                    break
                j += 1
            for j, key in reversed(spans):
                hit = w.doc_names.get(key)
                if hit is None and key.endswith("s") and toks[j].text.endswith("s"):
                    hit = w.doc_names.get(key[:-1])  # genitive
                if hit is None or (j == i and not is_cap(t) and not t.text.isupper()):
                    continue
                if not w.free(i, j):
                    owner = w.owner[i]
                    if owner is not None and w.spans.get(id(owner)) == (i, j):
                        break
                s, e = toks[i].start, toks[j].end
                m = Mention(s, e, "ORG", w.text[s:e], hit[0], hit[1], "name", 0.75, t.sent)
                if w.free(i, j):
                    w.add(i, j, m)
                else:
                    w.claim_over(i, j, m)
                break
    if w.doc_orgs:
        for k, t in enumerate(toks):
            if w.owner[k] is not None or not is_cap(t) and not t.text.isupper():
                continue
            if "-" in t.text.strip("-"):  # "BGH-Chef": the name before the hyphen
                pre = t.text.split("-", 1)[0]
                hit = w.doc_orgs.get(fold(pre)) if len(pre) >= 2 and pre[:1].isupper() else None
                if hit:
                    w.add(k, k, Mention(t.start, t.start + len(pre), "ORG", pre, hit[0], hit[1], "name",
                                        0.7, t.sent))
                continue
            hit = w.doc_orgs.get(fold(t.text))
            if hit and (t.text.isupper() or t.text[:1].isupper()):
                if w.lang == "en" and not _bare_short_form(tables, w, k):
                    continue
                w.add(k, k, Mention(t.start, t.end, "ORG", t.text, hit[0], hit[1], "name", 0.7, t.sent))


def _bare_short_form(tables: Tables, w: ArticleState, k: int) -> bool:
    """Whether an English word the article uses as an organization's one-word name
    stands for it here. At a sentence start, where every word is capitalised, it must
    be a proper noun or a word English does not know ("Quillmoor said"); a common
    word ("Consolidated" of "Consolidated Widget Corp") must be used as a name anywhere: followed
    by a verb, "'s" or a role noun ("Consolidated said", "Consolidated chairman Frank Miller"),
    not by a noun it qualifies ("Consolidated accounts")."""
    t = w.toks[k]
    weak = fold(t.text) in w.weak_short
    if not weak and (k not in w.sent_first or t.pos in PROPER_TAGS or not known_word(t.text, "en")):
        return True
    nxt = w.toks[k + 1] if k + 1 < w.sent_end[k] else None
    if nxt is None:
        return k not in w.sent_first
    if nxt.text == ",":
        after = w.toks[k + 2].text.lower() if k + 2 < w.sent_end[k] else ""
        return k not in w.sent_first or after in ("which", "whose", "based", "headquartered")
    return (nxt.pos.startswith("V") or nxt.pos == "POS" or nxt.text.lower() in tables.role_words
            or k not in w.sent_first and not is_cap(nxt) and not nxt.pos.startswith(("NN", "AJ")))
