"""Descriptions ("das Wetzlarer Unternehmen", "der US-Konzern") and
headquarters metonymy ("in Cupertino"), resolved to the organizations the
article names. These mentions take part in relations only (kind descriptor,
anaphor or metonym), so they run last and claim no tokens.
"""
from __future__ import annotations

import re

from ...article import Article, Mention
from ...kb import KnowledgeBase
from ...names import fold
from .. import lexicon as lx
from .tables import Tables
from .words import DETERMINERS, is_cap, tokens_in

_METONYMY_CUES = re.compile(
    r"abgeblitzt|abblitzen|blitzt\w*|abfuhr|absage|abgewiesen|angeklopft|anklopfen|klopft\w*|"
    r"vorstellig|verhandel\w*|gespräch\w*|anfrage|rebuffed|turned down|knock\w*|talks|negotiat\w*",
    re.I)


def descriptions(tables: Tables, article: Article, mentions: list[Mention], taken: list[bool],
                 lang: str) -> list[Mention]:
    """Descriptor, anaphor and metonym mentions of the organizations among ``mentions``."""
    orgs = [m for m in mentions if m.label == "ORG" and m.org_id]
    out: list[Mention] = []
    if orgs:
        out += _anaphors(tables, article, orgs, taken, lang)
    out += _metonyms(tables, article, mentions, orgs)
    return out


def _anaphors(tables: Tables, article: Article, orgs: list[Mention], taken: list[bool],
              lang: str) -> list[Mention]:
    """"der US-Konzern", "das Wetzlarer Unternehmen", "the company": a determiner, modifiers, a head noun."""
    toks = article.tokens
    out: list[Mention] = []
    anaphor_heads = lx.ANAPHOR_HEADS_DE if lang == "de" else lx.ANAPHOR_HEADS_EN
    for k, t in enumerate(toks):
        if taken[k]:
            continue
        head = t.text.lower()
        prefix_code = None
        if lang == "de" and "-" in t.text:  # US-Konzern, China-Hersteller
            pre, _, rest = t.text.partition("-")
            code = tables.nationalities.get(pre.lower())
            if code and rest.lower() in anaphor_heads | {"unternehmen", "konzern", "firma"}:
                prefix_code, head = code, rest.lower()
        head_noun = None  # "die Akademie" after "Österreichische Akademie der Wissenschaften"
        plural = _plural_nationality(tables, toks, k, lang)
        if plural:
            prefix_code = plural
        elif head not in anaphor_heads:
            if lang == "de" and _compound_head(head):
                pass  # "der Schweizer Uhrenhersteller": only with a country or city, see below
            elif head in _NAME_HEADS and k > 0 and toks[k - 1].sent == t.sent \
                    and toks[k - 1].text.lower() in _DEFINITE:
                head_noun = head
            else:
                continue
        # an apposition ("der US-Konzern Apple") is already the name's mention
        if k + 1 < len(toks) and any(m.start == toks[k + 1].start for m in orgs):
            continue
        # a head that starts a longer name ("the Development Bank of the Philippines")
        if k + 1 < len(toks) and toks[k + 1].sent == t.sent and (
                toks[k + 1].text in ("of", "für", "for") or is_cap(toks[k + 1]) and lang == "en"):
            continue
        i = k - 1
        code, city = prefix_code, None
        while i >= 0 and toks[i].sent == t.sent and k - i <= 4:
            w = toks[i].text
            low = w.lower()
            if low in DETERMINERS or low in ("dem", "einem"):
                break
            stem = re.sub(r"(e|en|er|es|em)$", "", low)
            if tables.nationalities.get(stem) or tables.nationalities.get(low):
                code = tables.nationalities.get(stem) or tables.nationalities.get(low)
            elif w in tables.city_adjectives:
                city = tables.city_adjectives[w]
            elif w.endswith("-based") and w[:-6] in tables.cities:
                city = w[:-6]
            elif lang == "en" and is_cap(toks[i]):
                break  # "the Philippine National Bank" is a name, not a description
            i -= 1
        if i < 0 or toks[i].text.lower() not in DETERMINERS | {"dem"}:
            continue
        if plural and k - i != 1:
            continue  # "den Franzosen" only right after its determiner
        if code or city:
            target = _resolve_description(tables.kb, orgs, t.start, code, city)
        elif head_noun:
            target = _named_head_target(orgs, t.start, t.text)
        elif head not in anaphor_heads:
            continue
        else:
            target = _anaphor_target(tables, toks, orgs, k)
        if target is None:
            continue
        s = toks[i].start
        out.append(Mention(s, t.end, "ORG", article.text[s:t.end], target.org_id, target.canonical,
                           "descriptor" if (code or city) else "anaphor",
                           0.7 if (code or city) else 0.5, t.sent))
    return out


_DEFINITE = {"der", "die", "das", "dem", "den", "des", "the"}
# heads of organization names that a later "die Akademie" / "the University" takes up
_NAME_HEADS = {h for h in lx.ORG_COMPOUND_HEADS if not h.endswith("s") or h.endswith("ss")} | {
    "bank", "universität", "university", "institute", "academy", "foundation", "kammer", "behörde",
    "agentur", "agency", "fachhochschule", "sparkasse", "versicherung", "gewerkschaft"}
# plural nouns of nationalities that stand for an organization of that country named before
# ("Red Bull und die Franzosen" after Renault); English uses the adjective ("the French")
_PLURAL_NATIONALITIES = {
    "franzosen": "FR", "japaner": "JP", "amerikaner": "US", "us-amerikaner": "US", "italiener": "IT",
    "chinesen": "CN", "koreaner": "KR", "südkoreaner": "KR", "schweden": "SE", "briten": "GB",
    "engländer": "GB", "österreicher": "AT", "schweizer": "CH", "niederländer": "NL",
    "holländer": "NL", "spanier": "ES", "finnen": "FI", "dänen": "DK", "norweger": "NO",
    "inder": "IN", "russen": "RU", "kanadier": "CA", "taiwaner": "TW", "belgier": "BE",
    "tschechen": "CZ", "deutschen": "DE", "americans": "US", "germans": "DE", "italians": "IT",
    "koreans": "KR", "swedes": "SE", "finns": "FI", "danes": "DK", "canadians": "CA",
    "indians": "IN", "russians": "RU", "austrians": "AT", "chinese": "CN", "japanese": "JP",
    "french": "FR", "swiss": "CH", "dutch": "NL", "british": "GB",
}


def _plural_nationality(tables: Tables, toks, k: int, lang: str) -> str | None:
    """The country of a plural nationality noun at token k after a definite determiner
    ("den Franzosen", "the Japanese"), not followed by the noun it modifies."""
    code = _PLURAL_NATIONALITIES.get(toks[k].text.lower())
    if code is None or k == 0 or toks[k - 1].text.lower() not in _DEFINITE or toks[k - 1].sent != toks[k].sent:
        return None
    nxt = toks[k + 1] if k + 1 < len(toks) and toks[k + 1].sent == toks[k].sent else None
    if nxt is not None and (nxt.text[:1].isupper() if lang == "de" else nxt.pos.startswith(("NN", "NP", "AJ"))):
        return None  # "die Schweizer Bahn", "the French government"
    if lang == "de" and toks[k].text.lower() == "deutschen":
        return None  # "die Deutschen" is too often the people
    return code


def _compound_head(word: str) -> bool:
    """A German compound ending in an anaphor head: "uhrenhersteller", "anlagenbauer"."""
    if not word.endswith(_LONG_HEADS_DE):  # one C-level test for the common case
        return False
    return any(word.endswith(h) and len(word) > len(h) + 2 for h in _LONG_HEADS_DE)


_LONG_HEADS_DE = tuple(h for h in lx.ANAPHOR_HEADS_DE if len(h) >= 6)


def _named_head_target(orgs: list[Mention], offset: int, word: str) -> Mention | None:
    """The latest organization before ``offset`` whose name has ``word`` as a word of a
    longer name ("die Akademie": "Österreichische Akademie der Wissenschaften")."""
    low = word.lower()
    for m in reversed([m for m in orgs if m.end <= offset]):
        words = m.text.lower().replace("-", " ").split()
        if low in words and len(words) > 1:
            return m
    return None


def _metonyms(tables: Tables, article: Article, mentions: list[Mention],
              orgs: list[Mention]) -> list[Mention]:
    """Headquarters metonymy: "blitzte in Cupertino ab" = Apple. The city must be the seat
    of exactly one organization: one the article names, or, when the sentence is about
    organizations dealing with each other, the only KB organization based there."""
    toks = article.tokens
    out: list[Mention] = []
    org_ids = {m.org_id for m in orgs}
    for m in mentions:
        if m.label != "LOC" or m.text not in tables.cities:
            continue
        ti = tokens_in(toks, m.start, m.end)
        k = ti[0] if ti else None
        if k is None or k == 0 or toks[k - 1].text.lower() not in ("in", "aus", "from", "at", "nach", "to"):
            continue
        if k + 1 < len(toks) and toks[k + 1].text == ",":
            continue  # a dateline or an enumeration of places
        seated = tables.cities.get(m.text, ())
        ids = [o for o in seated if o in org_ids]
        if len(ids) != 1:
            sentence = article.sentence_text(m.sent)
            here = [o for o in orgs if o.sent == m.sent]
            if ids or len(set(seated)) != 1 or not here or not _METONYMY_CUES.search(sentence):
                continue
            if any(o.org_id == seated[0] for o in here):
                continue
            ids = [seated[0]]
        org = tables.kb.orgs[ids[0]]
        out.append(Mention(m.start, m.end, "ORG", m.text, org.id, org.name, "metonym", 0.6, m.sent))
    return out


def _resolve_description(kb: KnowledgeBase, orgs: list[Mention], offset: int, code: str | None,
                         city: str | None) -> Mention | None:
    """The latest organization before ``offset`` of the country or city a descriptor
    gives (for a city: anywhere)."""
    def fits(m: Mention) -> bool:
        org = kb.orgs.get(m.org_id or "")
        if org is None:
            return False
        return (code is None or org.country == code) and (city is None or city in org.cities())
    for m in reversed([m for m in orgs if m.end <= offset]):
        if fits(m):
            return m
    return next((m for m in orgs if fits(m)), None) if city else None


def _anaphor_target(tables: Tables, toks, orgs: list[Mention], k: int) -> Mention | None:
    """The organization a plain anaphor ("the company" at token k) stands for: the
    latest one its own sentence names before it, also inside a role compound ("Quillmoor
    president John Smith said the company ...", "Leica-Chef"), else the latest one
    the previous sentences name."""
    t = toks[k]
    before = [m for m in orgs if m.end <= t.start]
    if before and before[-1].sent == t.sent:
        return before[-1]
    for i in range(k - 1, -1, -1):
        if toks[i].sent != t.sent:
            break
        pre, _, head = toks[i].text.partition("-")
        if not head:  # "Quillmoor president", in English also "Leica - Chef"
            n = i + 2 if toks[i + 1].text == "-" else i + 1
            head = toks[n].text if n < k else ""
        if not (pre[:1].isupper() and head.lower() in tables.role_words) or pre in tables.places:
            continue
        named = [m for m in orgs if fold(pre) in fold(m.text).split()[:1] + fold(m.canonical).split()[:1]]
        if named:
            earlier = [m for m in named if m.end <= t.start]
            return earlier[-1] if earlier else named[0]
    return before[-1] if before else None
