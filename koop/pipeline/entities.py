"""Finds organizations, people and places, and links organizations to the KB.

Order matters, and each step only claims tokens no earlier step took:
1. knowledge-base names, aliases, legal names and brands (with German
   inflection, hyphen compounds such as "Leica-Chef", and typos);
2. organizations in no KB: legal forms ("Pain Jacquet S.A."), newswire
   angle brackets ("<Wagner and Brown>"), cue nouns ("der Hersteller X"),
   acronym definitions ("Austrian Institute of Technology (AIT)");
3. people: a known first name followed by capitalised name words, then
   later mentions of the same surname;
4. places from the country list and the KB's headquarters cities;
5. descriptions ("das Wetzlarer Unternehmen", "der US-Konzern") and
   headquarters metonymy ("in Cupertino"), resolved to organizations of the
   article; these are relation-only mentions (kind descriptor/metonym).
"""
from __future__ import annotations

import re
from typing import Iterable

from ..article import Article, Mention, Token
from ..kb import LEGAL_FORMS, KnowledgeBase, default_kb, fold, load_kb, strip_legal
from ..registry import register_stage
from . import lexicon as lx

_WORD = re.compile(r"^[A-ZÄÖÜÀ-Þ][\w&'’.\-+]*$")
_COORD = re.compile(r"^\s*(?:,|und|and|sowie|&|/)\s*$", re.I)
_ANGLE = re.compile(r"<([A-Z][^<>\n]{1,70}?)>")
_ACRONYM = re.compile(r"\(([A-ZÄÖÜ][A-ZÄÖÜ&\-]{1,7})\)")
_LEGAL_ANCHORS = LEGAL_FORMS - {"Group", "Gruppe", "Holding", "Holdings", "AS", "NA", "SA", "AB",
                                "Limited", "Corporation", "Aktiengesellschaft", "Co"}
_CONNECTORS = {"&", "+", "und", "and", "of", "für", "for", "de", "des", "der", "du", "la", "y", "-"}
_PROPER_TAGS = {"NE", "NP0", "XY", "FM"}
_NAME_TAGS = _PROPER_TAGS | {"NN", "NN1", "NN0", "NN2", "ADJ(A)", "ADJ(D)", "AJ0", "VVFIN", "VV(FIN)"}
_CUE_DE = set(lx.ORG_CUE_HEADS_DE)
_CUE_EN = set(lx.ORG_CUE_HEADS_EN)
_DETERMINERS = {"der", "die", "das", "dem", "den", "des", "the", "dieser", "diese", "dieses",
                "diesem", "diesen", "this"}


def _is_cap(t: Token) -> bool:
    return bool(_WORD.match(t.text)) and t.text not in lx.NON_NAME_WORDS


def _slug(name: str) -> str:
    return "x-" + "-".join(fold(name).split())[:60]


def _head(word: str) -> str:
    """Last part of a (hyphenated) compound, lower-cased: 'Handy-Hersteller' -> 'hersteller'."""
    return word.rsplit("-", 1)[-1].lower() if "-" in word.strip("-") else word.lower()


def _is_cue(word: str, lang: str) -> bool:
    w = word.lower()
    cues = _CUE_DE if lang == "de" else _CUE_EN
    if w in cues or _head(word) in cues:
        return True
    if lang == "de":  # German compounds: 'Elektronikkonzern', 'Kamerahersteller'
        return any(w.endswith(c) and len(w) > len(c) + 2 for c in
                   ("konzern", "konzerns", "hersteller", "herstellers", "unternehmen", "firma",
                    "anbieter", "händler", "zulieferer", "versicherer", "magazin", "verlag", "institut"))
    return False


class EntityFinder:
    """Finds mentions in one article; holds the KB and derived tables."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.first_names = lx.first_names()
        self.countries = lx.country_names()
        self.nationalities = lx.nationality_adjectives()
        self.cities: dict[str, list[str]] = kb.by_city
        self.city_adjectives: dict[str, str] = {}
        for city in self.cities:
            for adj in lx.city_adjective(city):
                self.city_adjectives.setdefault(adj, city)

    # -- step 1: knowledge base -----------------------------------------
    def _kb_match(self, toks: list[Token], i: int, end: int):
        """Longest KB name starting at token i: (last token index, entries, start, end)."""
        first = toks[i].text
        if first[:3] not in self.kb.prefixes and first.upper() != first:
            return None
        for n in range(min(8, end - i), 0, -1):
            j = i + n - 1
            key = "".join(t.text for t in toks[i:j + 1])
            entries = self.kb.lookup(key)
            if entries:
                return j, entries, toks[i].start, toks[j].end
            if n == 1 or toks[j].text in ("'s", "’s"):
                continue
            last = toks[j].text
            if len(last) >= 4 and last.endswith("s") and last[-2] not in "s":  # genitive: Panasonics
                entries = self.kb.lookup(key[:-1])
                if entries and not self.kb.lookup(last):
                    return j, entries, toks[i].start, toks[j].end - 1
        return None

    def _compound_match(self, tok: Token):
        """KB name as the first part of a hyphen compound: 'Leica-Chef', 'Lumix-Kameras'."""
        text = tok.text
        if "-" not in text.strip("-") and not text.endswith("-"):
            return None
        parts = text.split("-")
        for k in range(len(parts) - 1, 0, -1):
            head = "-".join(parts[:k])
            entries = self.kb.lookup(head) if head else None
            if entries:
                return entries, tok.start, tok.start + len(head)
        return None

    @staticmethod
    def _pick(entries, seen: set[str]):
        for pref in (lambda e: e.org_id in seen, lambda e: e.primary, lambda e: e.kind == "name",
                     lambda e: True):
            for e in entries:
                if pref(e):
                    return e
        return entries[0]

    # -- the whole article -----------------------------------------------
    def find(self, article: Article) -> list[Mention]:
        toks = article.tokens
        lang = article.lang or "de"
        taken = [False] * len(toks)
        mentions: list[Mention] = []
        pending_ambiguous: list[tuple[Mention, int, int]] = []
        sent_end = [0] * len(toks)
        for s in article.sentences:
            for k in range(s.first_token, s.last_token):
                sent_end[k] = s.last_token
        sent_first = {s.first_token for s in article.sentences}

        def claim(i: int, j: int) -> None:
            for k in range(i, j + 1):
                taken[k] = True

        def extend_legal(j: int) -> int:
            while j + 1 < sent_end[j] and (toks[j + 1].text in LEGAL_FORMS or
                                            (toks[j + 1].text == "&" and j + 2 < sent_end[j] and
                                             toks[j + 2].text in LEGAL_FORMS)):
                j += 1
            return j

        seen_ids: set[str] = set()
        doc_orgs: dict[str, tuple[str, str]] = {}  # folded alias -> (id, canonical)

        def add_unknown(s: int, e: int, i: int, j: int, score: float) -> None:
            text = article.text[s:e]
            canonical = strip_legal(text) or text
            known = self.kb.resolve(canonical) if len(canonical) > 3 else None
            if known is not None and fold(known.name) == fold(canonical):
                oid, name = known.id, known.name
            else:
                oid, name = _slug(canonical), canonical
            mentions.append(Mention(s, e, "ORG", text, oid, name, "name", score, toks[i].sent))
            claim(i, j)
            doc_orgs.setdefault(fold(name), (oid, name))
            first = name.split()[0] if name.split() else ""
            if (len(name.split()) > 1 and len(first) >= 4 and first not in self.countries
                    and first not in self.cities and first not in self.first_names):
                doc_orgs.setdefault(fold(first), (oid, name))

        # 0. newswire marks company names in angle brackets: "<Wagner and Brown>"
        for m in _ANGLE.finditer(article.text):
            inner = m.group(1).strip()
            if not re.search(r"[a-z]", inner):
                continue  # a ticker such as <AFG> or <MITH.T>
            ti = self._tokens_in(toks, m.start(1), m.start(1) + len(inner))
            if ti and not any(taken[k] for k in ti):
                add_unknown(m.start(1), m.start(1) + len(inner), ti[0], ti[-1], 0.9)


        # 1. KB names
        i = 0
        while i < len(toks):
            t = toks[i]
            if not (t.text[:1].isalpha() or t.text[:1] == "@") or (
                    t.text[:1].islower() and not self.kb.lookup(t.text)):
                i += 1
                continue
            m = self._kb_match(toks, i, sent_end[i])
            if m is not None:
                j, entries, s, e = m
                prev = toks[i - 1].text if i > 0 and i not in sent_first else ""
                if j == i and prev in self.first_names and not self.kb.lookup(prev):
                    i += 1  # "Michael Dell", "Ferdinand Porsche": a person
                    continue
                entry = self._pick(entries, seen_ids)
                org = self.kb.orgs[entry.org_id]
                jj = extend_legal(j)
                if jj > j:
                    e = toks[jj].end
                mention = Mention(s, e, "ORG", article.text[s:e], org.id, org.name,
                                  "brand" if entry.kind == "brand" else "name", 1.0, t.sent)
                claim(i, jj)
                if entry.ambiguous and not self._ambiguous_ok(toks, i, jj, lang, sent_first):
                    pending_ambiguous.append((mention, i, jj))
                else:
                    mentions.append(mention)
                    seen_ids.add(org.id)
                i = jj + 1
                continue
            cm = self._compound_match(t)
            if cm is not None:
                entries, s, e = cm
                entry = self._pick(entries, seen_ids)
                org = self.kb.orgs[entry.org_id]
                mention = Mention(s, e, "ORG", article.text[s:e], org.id, org.name,
                                  "brand" if entry.kind == "brand" else "name", 0.95, t.sent)
                if entry.ambiguous:
                    pending_ambiguous.append((mention, i, i))
                else:
                    mentions.append(mention)
                    seen_ids.add(org.id)
                taken[i] = True
            i += 1
        # typos of single-word names ("Huawai"): only for an organization the article
        # names correctly elsewhere, or right after a cue noun ("Handy-Hersteller Huawai")
        for k, t in enumerate(toks):
            if taken[k] or len(t.text) < 5 or not _is_cap(t) or t.pos not in _PROPER_TAGS | {"NN"}:
                continue
            if t.text in self.first_names or t.text in self.countries or t.text in self.cities:
                continue
            oid = self.kb.fuzzy(t.text)
            if oid is None:
                continue
            cue = k > 0 and _is_cue(toks[k - 1].text, lang)
            if oid in seen_ids or cue:
                org = self.kb.orgs[oid]
                mentions.append(Mention(t.start, t.end, "ORG", t.text, oid, org.name, "name", 0.7, t.sent))
                taken[k] = True
        # ambiguous names count when the article names the same org unambiguously
        # or when coordinated with an organization ("Panasonic, Sigma und Leica")
        changed = True
        while changed and pending_ambiguous:
            changed = False
            for item in list(pending_ambiguous):
                mention = item[0]
                if mention.org_id in seen_ids or any(
                        _COORD.match(article.text[min(m.end, mention.end):max(m.start, mention.start)])
                        for m in mentions if m.sent == mention.sent and m.label == "ORG"):
                    mentions.append(mention)
                    seen_ids.add(mention.org_id)
                    pending_ambiguous.remove(item)
                    changed = True
        for mention, i, j in pending_ambiguous:
            for k in range(i, j + 1):
                taken[k] = False

        # 2. organizations in no KB

        for k, t in enumerate(toks):
            if taken[k] or t.text not in _LEGAL_ANCHORS or k in sent_first:
                continue
            i = k - 1
            start_sent = article.sentences[t.sent].first_token
            while i >= start_sent and not taken[i] and k - i <= 6:
                w = toks[i].text
                if _is_cue(w, lang) or w.lower() in _DETERMINERS:
                    break
                if _is_cap(toks[i]) or w[:1].isdigit() or (w in _CONNECTORS and i < k - 1 and i > start_sent
                                                          and _is_cap(toks[i - 1])):
                    i -= 1
                    continue
                break
            i += 1
            while i < k and toks[i].text in _CONNECTORS:
                i += 1
            if i < k and any(_is_cap(x) for x in toks[i:k]):
                j = extend_legal(k)
                add_unknown(toks[i].start, toks[j].end, i, j, 0.85)

        for k, t in enumerate(toks[:-1]):
            if not _is_cue(t.text, lang) or taken[k]:
                continue
            i = k + 1
            if i >= sent_end[k] or taken[i] or not _is_cap(toks[i]) or toks[i].text in self.first_names:
                continue
            if lang == "de" and toks[i].pos not in _PROPER_TAGS and not toks[i].text.isupper() \
                    and (toks[i].pos.startswith("NN") and toks[i].lemma.lower() != toks[i].text.lower()):
                continue  # an inflected common noun, not a name
            j = i
            while j + 1 < sent_end[k] and not taken[j + 1] and j - i < 2 and _is_cap(toks[j + 1]) \
                    and toks[j + 1].pos in _PROPER_TAGS and not _is_cue(toks[j + 1].text, lang):
                j += 1
            j = extend_legal(j)
            if toks[i].text in self.countries or toks[i].text in self.cities:
                continue
            if lang == "en" and toks[i].pos not in _PROPER_TAGS and j == i:
                continue
            add_unknown(toks[i].start, toks[j].end, i, j, 0.75)

        for m in _ACRONYM.finditer(article.text):
            acr = m.group(1)
            ti = self._tokens_in(toks, m.start(1), m.end(1))
            if not ti or taken[ti[0]] or self.kb.lookup(acr):
                continue
            # the words before "(" spell a name with the acronym's first letter
            k = ti[0] - 2
            words = []
            while k >= 0 and len(words) < 8 and (_is_cap(toks[k]) or toks[k].text in _CONNECTORS):
                words.insert(0, k)
                k -= 1
            while words and toks[words[0]].text in _CONNECTORS:
                words.pop(0)
            if not words:
                continue
            first = next((w for w in words if toks[w].text[:1].upper() == acr[0]), None)
            if first is None:
                continue
            words = [w for w in words if w >= first]
            long_text = article.text[toks[words[0]].start:toks[words[-1]].end]
            if not any(_is_cue(toks[w].text, lang) or toks[w].text.lower().endswith(
                    ("amt", "service", "kammer", "gesellschaft", "behörde", "organisation", "zentrum",
                     "stiftung", "fonds", "university", "institute", "technology", "association",
                     "agency", "bureau", "fund", "council", "commission", "authority", "board",
                     "organization", "organisation", "universität", "hochschule", "akademie"))
                       for w in words):
                continue
            if not any(taken[w] for w in words):
                add_unknown(toks[words[0]].start, toks[words[-1]].end, words[0], words[-1], 0.8)
                oid, name = doc_orgs[fold(strip_legal(long_text) or long_text)]
            else:
                ms = [x for x in mentions if x.start <= toks[words[-1]].start < x.end]
                if not ms:
                    continue
                oid, name = ms[0].org_id, ms[0].canonical
            doc_orgs[fold(acr)] = (oid, name)

        # doc-local short forms of organizations found above ("Interstate", "AIT")
        if doc_orgs:
            for k, t in enumerate(toks):
                if taken[k] or not _is_cap(t) and not t.text.isupper():
                    continue
                hit = doc_orgs.get(fold(t.text))
                if hit and (t.text.isupper() or t.text[:1].isupper()):
                    if k in sent_first and lang == "en" and t.pos not in _PROPER_TAGS:
                        continue
                    mentions.append(Mention(t.start, t.end, "ORG", t.text, hit[0], hit[1], "name",
                                            0.7, t.sent))
                    taken[k] = True

        # 3. people
        surnames: dict[str, str] = {}
        for k, t in enumerate(toks):
            if taken[k] or t.text not in self.first_names or t.pos not in _NAME_TAGS:
                continue
            j = k
            while j + 1 < sent_end[k] and not taken[j + 1] and j - k < 4:
                nxt = toks[j + 1]
                if _is_cap(nxt) and not _is_cue(nxt.text, lang) and nxt.text not in self.countries \
                        and nxt.text not in LEGAL_FORMS and nxt.text[-1:] not in ".":
                    j += 1
                elif (nxt.text in lx.NAME_PARTICLES and j + 2 < sent_end[k] and _is_cap(toks[j + 2])
                      and j > k - 1):
                    j += 2
                elif re.fullmatch(r"[A-Z]\.", nxt.text) and j + 2 < sent_end[k] and _is_cap(toks[j + 2]):
                    j += 1
                else:
                    break
            if j == k:
                continue
            i = k
            if k > 0 and toks[k - 1].text in lx.PERSON_TITLES and not taken[k - 1]:
                i = k - 1
            name_toks = toks[k:j + 1]
            full = " ".join(x.text for x in name_toks)
            mentions.append(Mention(toks[i].start, toks[j].end, "PER", article.text[toks[i].start:toks[j].end],
                                    None, full, "name", 0.9, t.sent))
            claim(i, j)
            last = name_toks[-1].text
            if len(last) > 2:
                surnames.setdefault(last, full)
        if surnames:
            for k, t in enumerate(toks):
                if not taken[k] and t.text in surnames:
                    mentions.append(Mention(t.start, t.end, "PER", t.text, None, surnames[t.text],
                                            "name", 0.8, t.sent))
                    taken[k] = True

        # 4. places
        for k, t in enumerate(toks):
            if taken[k] or not t.text[:1].isupper():
                continue
            for n in (3, 2, 1):
                if k + n > sent_end[k]:
                    continue
                text = article.text[t.start:toks[k + n - 1].end]
                if text in self.countries or text in self.cities:
                    if n == 1 and self.kb.lookup(text) and not self.cities.get(text):
                        break
                    mentions.append(Mention(t.start, toks[k + n - 1].end, "LOC", text, None, None,
                                            "name", 0.8, t.sent))
                    claim(k, k + n - 1)
                    break

        mentions.sort(key=lambda m: m.start)
        mentions += self._descriptions(article, mentions, taken, lang)
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    @staticmethod
    def _tokens_in(toks: list[Token], s: int, e: int) -> list[int]:
        return [k for k, t in enumerate(toks) if t.start >= s and t.end <= e]

    def _ambiguous_ok(self, toks: list[Token], i: int, j: int, lang: str, sent_first: set[int]) -> bool:
        """An ambiguous name still counts as an organization in an unmistakable spot."""
        if j + 1 < len(toks) and toks[j + 1].text in LEGAL_FORMS:
            return True
        if i > 0 and _is_cue(toks[i - 1].text, lang):
            return True
        if lang == "en":
            return i not in sent_first and not toks[i].text.isupper() and toks[i].pos in _PROPER_TAGS | {"NN1"}
        if i in sent_first:
            return False
        if toks[i].pos in _PROPER_TAGS:
            return True
        # a German common noun has a determiner or adjective before it; a bare one
        # between a verb and a conjunction ("bringen Bild und B.Z. heraus") is a name
        prev = toks[i - 1]
        return (prev.pos.startswith(("V", "KON", "$,")) and j + 1 < len(toks)
                and toks[j + 1].text in ("und", "sowie", ",", "oder"))

    # -- step 5: descriptions and metonymy -------------------------------
    def _descriptions(self, article: Article, mentions: list[Mention], taken: list[bool],
                      lang: str) -> list[Mention]:
        toks = article.tokens
        orgs = [m for m in mentions if m.label == "ORG" and m.org_id]
        if not orgs:
            return []
        out: list[Mention] = []
        anaphor_heads = lx.ANAPHOR_HEADS_DE if lang == "de" else lx.ANAPHOR_HEADS_EN
        for k, t in enumerate(toks):
            if taken[k]:
                continue
            head = t.text.lower()
            prefix_code = None
            if lang == "de" and "-" in t.text:  # US-Konzern, China-Hersteller
                pre, _, rest = t.text.partition("-")
                code = self.nationalities.get(pre.lower())
                if code and rest.lower() in anaphor_heads | {"unternehmen", "konzern", "firma"}:
                    prefix_code, head = code, rest.lower()
            if head not in anaphor_heads:
                continue
            # an apposition ("der US-Konzern Apple") is already the name's mention
            if k + 1 < len(toks) and any(m.start == toks[k + 1].start for m in orgs):
                continue
            i = k - 1
            code, city = prefix_code, None
            while i >= 0 and toks[i].sent == t.sent and k - i <= 4:
                w = toks[i].text
                low = w.lower()
                if low in _DETERMINERS or low in ("dem", "einem"):
                    break
                stem = re.sub(r"(e|en|er|es|em)$", "", low)
                if self.nationalities.get(stem) or self.nationalities.get(low):
                    code = self.nationalities.get(stem) or self.nationalities.get(low)
                elif w in self.city_adjectives:
                    city = self.city_adjectives[w]
                elif w.endswith("-based") and w[:-6] in self.cities:
                    city = w[:-6]
                i -= 1
            if i < 0 or toks[i].text.lower() not in _DETERMINERS | {"dem"}:
                continue
            target = self._resolve_description(orgs, t.start, code, city)
            if target is None:
                continue
            s = toks[i].start
            out.append(Mention(s, t.end, "ORG", article.text[s:t.end], target.org_id, target.canonical,
                               "descriptor" if (code or city) else "anaphor",
                               0.7 if (code or city) else 0.5, t.sent))
        # headquarters metonymy: "blitzte in Cupertino ab" = Apple, when Apple is in the article
        org_ids = {m.org_id for m in orgs}
        for m in mentions:
            if m.label != "LOC":
                continue
            ids = [o for o in self.cities.get(m.text, ()) if o in org_ids]
            if len(ids) != 1:
                continue
            k = next((x for x, t in enumerate(toks) if t.start == m.start), None)
            if k is None or k == 0 or toks[k - 1].text.lower() not in ("in", "aus", "from", "at"):
                continue
            if k + 1 < len(toks) and toks[k + 1].text == ",":
                continue  # a dateline or an enumeration of places
            org = self.kb.orgs[ids[0]]
            out.append(Mention(m.start, m.end, "ORG", m.text, org.id, org.name, "metonym", 0.6, m.sent))
        return out

    def _resolve_description(self, orgs: list[Mention], offset: int, code: str | None,
                             city: str | None) -> Mention | None:
        """The latest fitting organization before ``offset`` (for a city: anywhere)."""
        before = [m for m in orgs if m.end <= offset]
        if code or city:
            def fits(m: Mention) -> bool:
                org = self.kb.orgs.get(m.org_id or "")
                if org is None:
                    return False
                return (code is None or org.country == code) and (city is None or city in org.cities())
            for m in reversed(before):
                if fits(m):
                    return m
            if city:
                return next((m for m in orgs if fits(m)), None)
            return None
        # plain anaphor: the organization the previous sentences were about
        for m in reversed(before):
            return m
        return None


@register_stage("koop.entities.v1", requires=("sentences", "tokens"), assigns=("mentions",),
                default_config={"kb_paths": ()})
def make_entities(kb_paths: Iterable[str] = ()):
    """Entity stage; ``kb_paths`` adds a user's KB files to the shipped one."""
    kb = load_kb(kb_paths) if kb_paths else default_kb()
    finder = EntityFinder(kb)

    def entities(article: Article) -> Article:
        article.mentions = finder.find(article)
        return article

    return entities
