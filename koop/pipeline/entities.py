"""Finds organizations, people and places, and links organizations to the KB.

Order matters, and each step only claims tokens no earlier step took (a few
steps may replace a shorter mention inside a longer name):
0. newswire angle brackets ("<Wagner and Brown>") and social-media handles
   and hashtags ("@Siemens_Presse", "#Bosch");
1. organizations named with a legal form that the KB does not know as a whole
   ("Müller Feinmechanik GmbH" although the KB has "Müller");
2. knowledge-base names, aliases, legal names and brands (with German
   inflection and genitive, hyphen compounds such as "Leica-Chef", units such
   as "Bosch Deutschland", and typos); ambiguous names need evidence;
3. organizations in no KB: names ending in a designator ("Harlow Times"), cue
   nouns ("der Hersteller X"), name compounds ("Helmut-Berger-Institut"),
   firm names ("Hallmann+Weiss"), acronym definitions ("Austrian Institute of
   Technology (AIT)", also defining an alias of a known organization),
   coordinated ellipsis ("die TU Wien und Graz"), and later mentions of all of
   these, short forms included;
4. people: a known first name followed by name words, or name words after a
   role noun ("Sprecher Tarek Ozdil"), then later mentions of the same
   surname; a party in brackets after a person ("(SPD)") is an organization;
5. places from the country list and the KB's headquarters cities;
6. descriptions ("das Wetzlarer Unternehmen", "der US-Konzern") and
   headquarters metonymy ("in Cupertino"), resolved to organizations; these
   are relation-only mentions (kind descriptor/metonym/anaphor).

Spans follow the SmartData conventions: a legal form belongs to the name
("Miller Bros. Logistics GmbH"), a genitive "s" too ("Deutschen
Banks"), a handle keeps its "@", and of a hyphen compound ("Lufthansa-Chef")
only the name is marked.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..article import Article, Mention, Token
from ..kb import (LEGAL_FORMS, LEGAL_FORMS_CI, KnowledgeBase, default_kb, fold, load_kb, squash,
                  strip_legal)
from ..registry import register_stage
from . import lexicon as lx
from .segment import analyze_word

_WORD = re.compile(r"^[A-ZÄÖÜÀ-Þ][\w&'’.\-+]*$")
_COORD = re.compile(r"^\s*(?:,|und|and|sowie|&|/)\s*$", re.I)
_ANGLE = re.compile(r"<([A-Z][^<>\n]{1,70}?)>")
_ACRONYM = re.compile(r"\(\s*([A-ZÄÖÜ][A-Za-zÄÖÜäöü&\-]{1,9})\s*\)")
_HANDLE = re.compile(r"^[@#]([A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß0-9_]+)$")
_HANDLE_PARTS = re.compile(r"[A-ZÄÖÜ]+(?=[A-ZÄÖÜ][a-zäöüß])|[A-ZÄÖÜ]?[a-zäöüß]+|[A-ZÄÖÜ]+|\d+")
# legal forms that make an organization name by themselves; the weak ones also
# abbreviate other things (SA: South Africa) or are designators (Group)
_WEAK_ANCHORS = {"SA", "AB", "AS", "Co", "Co.", "Group", "Gruppe", "Holding", "Holdings", "N.A.",
                 "Cie", "Cie."}
_STRONG_ANCHORS = LEGAL_FORMS - _WEAK_ANCHORS - {"NA", "Co.,", "LP", "SpA."}
_CONNECTORS = {"&", "+", "und", "and", "of", "für", "for", "de", "des", "der", "du", "la", "y", "-"}
_PROPER_TAGS = {"NE", "NP0", "XY", "FM"}
_NAME_TAGS = _PROPER_TAGS | {"NN", "NN1", "NN0", "NN2", "ADJ(A)", "ADJ(D)", "AJ0", "VVFIN", "VV(FIN)"}
_CUE_DE = set(lx.ORG_CUE_HEADS_DE)
_CUE_EN = set(lx.ORG_CUE_HEADS_EN)
_CUE_COMPOUND_ENDINGS = (
    "konzern", "konzerns", "hersteller", "herstellers", "unternehmen", "firma", "anbieter",
    "händler", "zulieferer", "versicherer", "magazin", "verlag", "institut", "agentur", "zeitung",
    "zeitschrift", "gewerkschaft", "kanzlei", "sender", "senders", "dienst", "bank", "kette",
    "airline", "fluggesellschaft", "reederei", "brauerei", "studio", "blog", "portal", "plattform",
    "startup", "start-up",
)
_DETERMINERS = {"der", "die", "das", "dem", "den", "des", "the", "dieser", "diese", "dieses",
                "diesem", "diesen", "this"}
_PRODUCT_DETERMINERS = {"ein", "einen", "einem", "eines", "seinem", "seinen", "seines", "sein",
                        "ihrem", "ihren", "ihres", "ihr", "a", "an", "his", "her", "their"}
_ROMANCE_PARTICLES = {"de", "da", "di", "del", "della", "dos", "das", "du", "y"}
_ABBREV_WORD = re.compile(r"^(?:[A-Z]|[A-Z][a-z]{1,3})$")
_ABBREV_END = re.compile(r"^(?:[A-Z]|[A-Z][a-z]{1,3})\.$")
_ROAD = re.compile(r"^[A-Z]{1,2}\s?\d{1,3}$")
_INSTITUTION_CUES = {"Universität", "Hochschule", "Fachhochschule", "Akademie", "Institut", "Stiftung",
                     "Klinik", "Klinikum", "Museum", "Theater", "Gymnasium", "University", "Institute"}
# plural or inflected heads of coordinated institutions ("die Technischen Unis Wien und Graz")
_PLURAL_HEADS = {"Unis": "Uni", "Universitäten": "Universität", "Hochschulen": "Hochschule",
                 "Fachhochschulen": "Fachhochschule", "Universities": "University",
                 "Kliniken": "Klinik", "Uni": "Uni", "Universität": "Universität"}
_HEAD_ADJECTIVES = {"Technischen": "Technische", "Technische": "Technische",
                    "Medizinischen": "Medizinische", "Medizinische": "Medizinische"}
_METONYMY_CUES = re.compile(
    r"abgeblitzt|abblitzen|blitzt\w*|abfuhr|absage|abgewiesen|angeklopft|anklopfen|klopft\w*|"
    r"vorstellig|verhandel\w*|gespräch\w*|anfrage|rebuffed|turned down|knock\w*|talks|negotiat\w*",
    re.I)
_GENITIVE_HEADS = {"instituts": "institut", "verbands": "verband", "zentrums": "zentrum",
                   "klinikums": "klinikum", "museums": "museum", "verlags": "verlag",
                   "konzerns": "konzern", "krankenhauses": "krankenhaus"}


def _is_cap(t: Token) -> bool:
    return bool(_WORD.match(t.text)) and t.text not in lx.NON_NAME_WORDS


def _slug(name: str) -> str:
    return "x-" + "-".join(fold(name).split())[:60]


def _head(word: str) -> str:
    """Last part of a (hyphenated) compound, lower-cased: 'Handy-Hersteller' -> 'hersteller'."""
    return word.rsplit("-", 1)[-1].lower() if "-" in word.strip("-") else word.lower()


@lru_cache(maxsize=100_000)
def _is_cue(word: str, lang: str) -> bool:
    w = word.lower()
    cues = _CUE_DE if lang == "de" else _CUE_EN
    if w in cues or _head(word) in cues:
        return True
    if lang == "de":  # German compounds: 'Elektronikkonzern', 'Kamerahersteller'
        return any(w.endswith(c) and len(w) > len(c) + 2 for c in _CUE_COMPOUND_ENDINGS)
    return False


def _odd_legal(text: str) -> bool:
    """A legal form in unusual letter case ("LTd", "INC.")."""
    return len(text) >= 2 and text[:1].isupper() and text.lower().rstrip(".") in LEGAL_FORMS_CI


def _proper(t: Token) -> bool:
    """Tagged as a proper noun, or all capitals (an acronym)."""
    return t.pos in _PROPER_TAGS or (t.text.isupper() and len(t.text) >= 2)


_COORD_WORDS = {"und", "and", "sowie", "&"}
# legal forms written before the name (Indonesia, Russia, ...)
_LEGAL_PREFIXES = {"PT", "CV", "OOO", "OAO", "ZAO", "PAO", "PJSC", "JSC", "AO", "TOO"}


class _Work:
    """The working state of one article: tokens, claimed tokens and mentions."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.toks = article.tokens
        self.lang = article.lang or "de"
        n = len(self.toks)
        self.owner: list[Mention | None] = [None] * n
        self.spans: dict[int, tuple[int, int]] = {}  # id(mention) -> token span
        self.mentions: list[Mention] = []
        self.sent_end = [0] * n
        self.sent_start = [0] * n
        for s in article.sentences:
            for k in range(s.first_token, s.last_token):
                self.sent_end[k] = s.last_token
                self.sent_start[k] = s.first_token
        self.sent_first = {s.first_token for s in article.sentences}
        self.seen_ids: set[str] = set()
        self.doc_orgs: dict[str, tuple[str, str]] = {}  # folded one-word alias -> (id, name)
        self.doc_names: dict[str, tuple[str, str]] = {}  # squashed multi-token name -> (id, name)
        self.pending: list[tuple[Mention, int, int]] = []
        self.speakers: set[str] = set()  # one-word KB names used as a speaker's name

    def free(self, i: int, j: int) -> bool:
        return all(self.owner[k] is None for k in range(i, j + 1))

    def add(self, i: int, j: int, m: Mention) -> Mention:
        self.mentions.append(m)
        self.spans[id(m)] = (i, j)
        for k in range(i, j + 1):
            self.owner[k] = m
        if m.label == "ORG" and m.org_id and m.kind in ("name", "brand"):
            self.seen_ids.add(m.org_id)
        return m

    def remove(self, m: Mention) -> None:
        i, j = self.spans.pop(id(m))
        self.mentions.remove(m)
        for k in range(i, j + 1):
            if self.owner[k] is m:
                self.owner[k] = None

    def claim_over(self, i: int, j: int, m: Mention) -> bool:
        """Add ``m`` over tokens i..j, replacing shorter ORG mentions lying inside it."""
        inside = {id(o): o for o in self.owner[i:j + 1] if o is not None}
        for o in inside.values():
            a, b = self.spans[id(o)]
            if a < i or b > j or o.label != "ORG" or (a, b) == (i, j):
                return False
        for o in inside.values():
            self.remove(o)
        self.add(i, j, m)
        return True

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) and self.toks[i].sent == self.toks[j].sent


class EntityFinder:
    """Finds mentions in one article; holds the KB and derived tables."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.first_names = lx.first_names()
        self.weak_first = lx.weak_first_names()
        self.countries = lx.country_names()
        self.nationalities = lx.nationality_adjectives()
        self.cities: dict[str, list[str]] = kb.by_city
        self.city_adjectives: dict[str, str] = {}
        for city in self.cities:
            for adj in lx.city_adjective(city):
                self.city_adjectives.setdefault(adj, city)
        self.role_words, self.role_heads, self.credit_words, self.byline_words = lx.role_words()
        self.places = set(self.countries) | set(self.cities)
        self._folded_first: dict[str, str] | None = None

    # -- helpers ----------------------------------------------------------
    def _kb_match(self, toks: list[Token], i: int, end: int, lang: str = "en"):
        """Longest KB name starting at token i: (last token index, entries, start, end, genitive)."""
        first = toks[i].text
        if first[:3] not in self.kb.prefixes and first.upper() != first:
            return None
        for n in range(min(8, end - i), 0, -1):
            j = i + n - 1
            if n > 1 and toks[j].start - toks[j - 1].end > 1:
                continue  # a name does not run over a gap ("Audi\nAG" is joined elsewhere)
            key = "".join(t.text for t in toks[i:j + 1])
            entries = self.kb.lookup(key)
            if entries and (n == 1 or self.kb.spaced_as_named(self._span_text(toks, i, j))):
                return j, entries, toks[i].start, toks[j].end, False
            last = toks[j].text
            if (n == 1 and lang != "de") or last in ("'s", "’s"):
                continue
            if len(last) >= 4 and last.endswith("s") and last[-2] not in "sß" and last[-2].islower():
                entries = self.kb.lookup(key[:-1])  # genitive: "Panasonics", "Deutschen Banks"
                if entries and not self.kb.lookup(last) and len(key) > 4 and (
                        n == 1 or self.kb.spaced_as_named(self._span_text(toks, i, j)[:-1])):
                    return j, entries, toks[i].start, toks[j].end, True
        return None

    @staticmethod
    def _span_text(toks: list[Token], i: int, j: int) -> str:
        """Tokens i..j as written, with one space wherever the text has any."""
        out = [toks[i].text]
        for k in range(i + 1, j + 1):
            if toks[k].start > toks[k - 1].end:
                out.append(" ")
            out.append(toks[k].text)
        return "".join(out)

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

    def _known(self, name: str):
        """The KB organization whose name or alias is exactly ``name`` (case, accents and
        legal form aside), unless that name is ambiguous."""
        bare = strip_legal(name)
        for key in (name, bare):
            if len(key) < 2:
                continue
            # "Bayer AG": a legal form settles an ambiguous name
            settled = bare != name and key == bare
            entries = [e for e in self.kb.lookup(key) or self.kb.folded.get(fold(key), [])
                       if settled or not e.ambiguous]
            if entries:
                return self.kb.orgs[entries[0].org_id]
        return None

    def _legal_len(self, w: _Work, j: int) -> int:
        """Number of tokens of a legal form starting at token j (0 if none)."""
        toks = w.toks
        if j >= len(toks):
            return 0
        t = toks[j].text
        nxt = toks[j + 1].text if j + 1 < len(toks) and w.same_sentence(j, j + 1) else ""
        if t in LEGAL_FORMS or _odd_legal(t):
            return 1
        if t == "e." and nxt in ("V.", "V"):
            return 2
        if t in ("&", "+", "und") and nxt in ("Co", "Co.", "Cie", "Cie."):
            return 2
        if t == "," and j > 0 and toks[j - 1].text in LEGAL_FORMS and (
                nxt in _STRONG_ANCHORS or _odd_legal(nxt)):
            return 2
        if t == "Gesellschaft" and [x.text for x in toks[j + 1:j + 4]] == ["mit", "beschränkter", "Haftung"]:
            return 4
        return 0

    def _extend_legal(self, w: _Work, j: int) -> int:
        """Last token of the name ending at j with the legal forms that follow it."""
        toks = w.toks
        while j + 1 < len(toks) and w.owner[j + 1] is None:
            nxt = j + 1
            if not w.same_sentence(j, nxt):
                # a line break inside a name: "die Audi\nAG" (hard-wrapped text)
                if not (toks[nxt].text in _STRONG_ANCHORS and "\n\n" not in w.text[toks[j].end:toks[nxt].start]
                        and w.text[toks[j].end:toks[nxt].start].isspace()):
                    break
            n = self._legal_len(w, nxt)
            if n == 0 or not w.free(nxt, nxt + n - 1):
                break
            j = nxt + n - 1
        return j

    def _kb_ends_at(self, toks: list[Token], i: int) -> bool:
        """Whether a KB name ends at token i ("Bosch" in "Bosch and Acme Widgets Inc.")."""
        if i < 0:
            return False
        if any(not e.ambiguous for e in self.kb.lookup(toks[i].text)):
            return True
        return i > 0 and bool(self.kb.lookup(toks[i - 1].text + toks[i].text))

    def _add_org(self, w: _Work, i: int, j: int, score: float, name: str | None = None,
                 short_forms: bool = True) -> Mention | None:
        """An organization over tokens i..j: the KB's when it knows the name, else a new one."""
        s, e = w.toks[i].start, w.toks[j].end
        text = w.text[s:e]
        canonical = name or strip_legal(text) or text
        known = self._known(name or text)  # with its legal form: "Bayer AG" is settled
        if known is not None:
            oid, cname = known.id, known.name
        else:
            oid, cname = _slug(canonical), canonical
        m = Mention(s, e, "ORG", text, oid, cname, "name", score, w.toks[i].sent)
        if not w.claim_over(i, j, m):
            return None
        self._remember(w, canonical, oid, cname, short_forms)
        if canonical != text:
            self._remember(w, text, oid, cname, False)
        return m

    def _remember(self, w: _Work, name: str, oid: str, cname: str, short_forms: bool) -> None:
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
        lemma, tag = analyze_word(first, w.lang)
        if (len(first) >= 4 and first not in self.places and first not in self.first_names
                and first.lower() not in self.nationalities and first[:1].isupper()
                and (tag in _PROPER_TAGS or first.isupper()) and not self.kb.lookup(first)
                and first not in lx.ORG_DESIGNATORS):
            w.doc_orgs.setdefault(fold(first), (oid, cname))

    # -- step 0: angle brackets, handles and hashtags ---------------------
    def _angle(self, w: _Work) -> None:
        """Newswire marks company names in angle brackets: "<Wagner and Brown>" is one name."""
        for m in _ANGLE.finditer(w.text):
            inner = m.group(1).strip()
            if not re.search(r"[a-z]", inner):
                continue  # a ticker such as <AFG> or <MITH.T>
            ti = self._tokens_in(w.toks, m.start(1), m.start(1) + len(inner))
            if ti and w.free(ti[0], ti[-1]):
                self._add_org(w, ti[0], ti[-1], 0.9)

    def _social(self, w: _Work) -> None:
        """"@handle" and "#hashtag" of an organization (or a person's handle)."""
        for k, t in enumerate(w.toks):
            if t.text[:1] not in "@#" or w.owner[k] is not None:
                continue
            m = _HANDLE.match(t.text)
            if not m:
                continue
            body = m.group(1)
            if t.text[0] == "#":
                found = self._hashtag_org(w, body)
            else:
                found = self._handle(body)
            if found is None:
                continue
            label, oid, name = found
            if label == "PER":
                w.add(k, k, Mention(t.start, t.end, "PER", t.text, None, name, "name", 0.7, t.sent))
            else:
                w.add(k, k, Mention(t.start, t.end, "ORG", t.text, oid, name, "name", 0.8, t.sent))

    def _kb_squashed(self, key: str, names_only: bool = False):
        entries = self.kb.squashed.get(key, ())
        if names_only:
            entries = [e for e in entries if e.kind == "name"]
        if not entries:
            return None
        org = self.kb.orgs[self._pick(entries, set()).org_id]
        return "ORG", org.id, org.name

    def _hashtag_org(self, w: _Work, body: str):
        if len(body) < 3 or body in self.places or body.lower() in self.nationalities:
            return None
        return self._kb_squashed(squash(body), names_only=True)

    def _handle(self, body: str):
        """(label, org id, name) of a social-media handle, or None for a private account."""
        sq = squash(body)
        found = self._kb_squashed(sq)
        if found:
            return found
        parts = _HANDLE_PARTS.findall(body)
        low = [p.lower() for p in parts]
        if len(parts) > 1 and (len(parts[0]) >= 3 or parts[0].isupper()):
            found = self._kb_squashed(low[0])
            if found:  # "@Siemens_Presse", "@BoschPresse"
                return found
        for n in range(len(sq) - 2, 2, -1):  # "@siemensnews", "@BOSCHINFO": a known name and a suffix
            rest = sq[n:]
            if sq[:n] in self.kb.squashed and (rest.isdigit() or rest in lx.HANDLE_ORG_WORDS):
                return self._kb_squashed(sq[:n])
        if len(parts) > 1 and any(p in lx.HANDLE_ORG_WORDS for p in low):
            return "ORG", _slug(body), body  # "@PolizeiMusterstadt"
        if any(ch.isdigit() for ch in body):
            return None
        def surname(p: str) -> bool:
            return len(p) >= 3 and p.isalpha() and bool(re.search(r"[aeiouyäöü]", p.lower()))

        if len(parts) >= 2 and self._strong_first(parts[0]) and surname(parts[1]):
            return "PER", None, " ".join(p.capitalize() for p in parts)  # "@Heinrich_Krug"
        if len(parts) == 1 and body[:1].isupper() and body[1:].islower():
            for n in range(len(body) - 4, 3, -1):  # "@Thomasmeyer"
                if self._strong_first(body[:n]) and surname(body[n:]):
                    return "PER", None, body[:n] + " " + body[n:].capitalize()
        return None

    def _strong_first(self, word: str) -> bool:
        """A common given name, in any letter case and with or without accents ("zoe" for "Zoë")."""
        if len(word) < 4:
            return False
        if self._folded_first is None:
            self._folded_first = {fold(n): n for n in self.first_names if n not in self.weak_first}
        return fold(word) in self._folded_first

    # -- step 1: legal forms ---------------------------------------------
    @staticmethod
    def _abbrev_before(w: _Work, start: int) -> bool:
        """Whether the sentence before ``start`` ends in an abbreviation or initial inside
        a name ("Miller Bros. Logistics GmbH", "C. Itoh and Co Ltd")."""
        toks = w.toks
        prev = toks[start - 1]
        if w.text[prev.end:toks[start].start] != " ":
            return False
        if _ABBREV_END.match(prev.text):
            return True
        return (prev.text == "." and start > 1 and toks[start - 2].end == prev.start
                and bool(_ABBREV_WORD.match(toks[start - 2].text)))

    def _name_start(self, w: _Work, k: int) -> int | None:
        """First token of a capitalised name ending right before token k."""
        toks = w.toks
        start = w.sent_start[k]
        if start > 0 and self._abbrev_before(w, start):
            start = w.sent_start[start - 1]  # the splitter cut after "Bros." or an initial "C."
        i = k - 1
        while i >= start and w.owner[i] is None and k - i <= 7:
            word = toks[i].text
            if word == "." and i > start and toks[i - 1].end == toks[i].start and _ABBREV_WORD.match(toks[i - 1].text):
                i -= 1  # the dot of "Bros." or of an initial
                continue
            if _is_cue(word, w.lang) or word.lower() in _DETERMINERS:
                break
            if _is_cap(toks[i]) or word[:1].isdigit():
                i -= 1
                continue
            if word in _CONNECTORS and start < i < k - 1 and _is_cap(toks[i - 1]):
                if word.lower() in ("und", "and") and self._kb_ends_at(toks, i - 1):
                    break  # "Bosch and Acme Widgets Inc.": two organizations
                i -= 1
                continue
            break
        i += 1
        while i < k and (toks[i].text in _CONNECTORS or (
                i in w.sent_first and w.lang == "en" and toks[i].pos.startswith("NN"))):
            i += 1  # "Shares of ...": a common noun opening the sentence is no name
        if i >= k or not any(_is_cap(x) for x in toks[i:k]):
            return None
        return i

    def _kb_covers(self, w: _Work, i: int, k: int, weak: bool) -> bool:
        """Whether a KB name takes the end of the name i..k-1 before a legal form at k
        ("Shares of Sony Group Corporation"); for a designator, the start is enough."""
        for p in range(i, k):
            m = self._kb_match(w.toks, p, min(w.sent_end[k], k + 3), w.lang)
            if m is None:
                continue
            if p == i and (m[0] >= k - 1 or weak and any(not e.ambiguous for e in m[1])):
                return True
            # a later KB name ends the name ("Shares of Sony Group Corporation"), unless it
            # is a word that needs evidence ("Eastern Telephone and Telegraph Co")
            if m[0] >= k - 1 and any(not e.ambiguous for e in m[1]):
                return True
        return False

    def _legal_names(self, w: _Work) -> None:
        """Names ending in a legal form, unless the KB knows the whole name before it."""
        toks = w.toks
        for k, t in enumerate(toks):
            if w.owner[k] is not None or k in w.sent_first:
                continue
            text = t.text
            strong = text in _STRONG_ANCHORS or _odd_legal(text) or (
                text in ("e.", "Gesellschaft") and self._legal_len(w, k) > 1)
            weak = text in _WEAK_ANCHORS
            if not (strong or weak):
                continue
            i = self._name_start(w, k)
            if i is None:
                continue
            prev = toks[k - 1]
            if weak and not (_proper(prev) or prev.text[:1].isdigit() or (
                    w.lang == "en" and _is_cap(prev) and k - 1 not in w.sent_first) or (
                    text in ("Group", "Gruppe", "Holding", "Holdings") and _is_cap(prev)
                    and (text != "Gruppe" or not (prev.pos.startswith("NN")
                                                  and prev.lemma.lower() != prev.text.lower())))):
                continue  # "die Gruppe", "Co" after a common noun
            if self._kb_covers(w, i, k, weak):
                continue  # the KB knows the name; step 2 adds the legal form to it
            j = self._extend_legal(w, k + max(self._legal_len(w, k), 1) - 1)
            self._add_org(w, i, j, 0.85)

    # -- step 2: knowledge base ------------------------------------------
    def _kb_names(self, w: _Work) -> None:
        toks, lang = w.toks, w.lang
        i = 0
        while i < len(toks):
            t = toks[i]
            if w.owner[i] is not None or not (t.text[:1].isalpha()) or (
                    t.text[:1].islower() and not self.kb.lookup(t.text)):
                i += 1
                continue
            end, limit = i, min(w.sent_end[i], i + 8)
            while end < limit and w.owner[end] is None:
                end += 1
            m = self._kb_match(toks, i, end, lang)
            if m is not None:
                j, entries, s, e, genitive = m
                if j > i and _is_cue(t.text, lang) and self.kb.lookup(w.text[toks[i + 1].start:toks[j].end]):
                    i += 1  # "Pilotengewerkschaft Cockpit": the name is "Cockpit"
                    continue
                if j == i and self._person_not_org(w, i):
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
                entry = self._pick(entries, w.seen_ids)
                org = self.kb.orgs[entry.org_id]
                unit = self._extend_unit(w, j)
                jj = self._extend_legal(w, unit)
                e = toks[jj].end
                # a genitive or a unit ("Bosch Deutschland") is no surface to report the name by
                mention = Mention(s, e, "ORG", w.text[s:e], org.id, org.name,
                                  "brand" if entry.kind == "brand" else "name",
                                  0.85 if (genitive and jj == j) or unit > j else 1.0, t.sent)
                if entry.ambiguous and not self._ambiguous_ok(w, i, jj):
                    w.pending.append((mention, i, jj))
                    w.spans[id(mention)] = (i, jj)
                    for k in range(i, jj + 1):
                        w.owner[k] = mention
                else:
                    w.add(i, jj, mention)
                i = jj + 1
                continue
            cm = self._compound_match(t)
            if cm is not None:
                entries, s, e = cm
                entry = self._pick(entries, w.seen_ids)
                org = self.kb.orgs[entry.org_id]
                mention = Mention(s, e, "ORG", w.text[s:e], org.id, org.name,
                                  "brand" if entry.kind == "brand" else "name", 0.95, t.sent)
                if entry.ambiguous:
                    w.pending.append((mention, i, i))
                    w.spans[id(mention)] = (i, i)
                    w.owner[i] = mention
                else:
                    w.add(i, i, mention)
            i += 1

    def _person_not_org(self, w: _Work, i: int) -> bool:
        """A one-word KB name that is part of a person's name ("Michael Dell", "Mila Kunis")."""
        toks = w.toks
        prev = toks[i - 1].text if i > 0 and i not in w.sent_first else ""
        if prev in self.first_names and prev not in self.weak_first and not self.kb.lookup(prev):
            return True
        word = toks[i].text
        if word in self.first_names and word not in self.weak_first and i + 1 < w.sent_end[i]:
            nxt = toks[i + 1]
            if (_is_cap(nxt) and nxt.pos in ("NE", "NP0") and not self.kb.lookup(nxt.text)
                    and nxt.text not in LEGAL_FORMS and nxt.text not in lx.ORG_DESIGNATORS
                    and nxt.text not in self.places and not _is_cue(nxt.text, w.lang)
                    and nxt.start - toks[i].end == 1):
                return True
        return False

    def _extend_unit(self, w: _Work, j: int) -> int:
        """A known name followed by a unit designator: "Bosch Deutschland", "Siemens Content Group"."""
        toks = w.toks
        for n in (1, 2):
            last = j + n
            if last >= w.sent_end[j] or not w.free(j + 1, last):
                break
            if not all(_is_cap(x) and x.start - toks[k - 1].end <= 1
                       for k, x in zip(range(j + 1, last + 1), toks[j + 1:last + 1])):
                break
            if toks[last].text in lx.UNIT_DESIGNATORS:
                if last + 1 < w.sent_end[j] and toks[last + 1].text[:1] == "-":
                    break
                return last
            if self.kb.lookup(toks[last].text):
                break
        return j

    def _ambiguous_ok(self, w: _Work, i: int, j: int) -> bool:
        """An ambiguous name still counts as an organization in an unmistakable spot."""
        toks, lang = w.toks, w.lang
        if j + 1 < len(toks) and (toks[j + 1].text in LEGAL_FORMS or _odd_legal(toks[j + 1].text)):
            return True
        if i > 0 and _is_cue(toks[i - 1].text, lang):
            nxt = toks[j + 1] if j + 1 < w.sent_end[i] else None
            # "Werbeagentur Conrad Lindholm": the cue names a longer, unknown name
            return not (nxt is not None and _is_cap(nxt) and nxt.pos in _PROPER_TAGS
                        and not self.kb.lookup(nxt.text) and nxt.start - toks[j].end == 1)
        if len(toks[i].text) < 2:
            return False
        if lang == "en":
            return (i not in w.sent_first and not toks[i].text.isupper()
                    and toks[i].pos in _PROPER_TAGS | {"NN1"})
        if i in w.sent_first:
            return False
        if toks[i].pos in _PROPER_TAGS and self._bare_name(w, i, j):
            return True
        # a German common noun has a determiner or adjective before it; a bare one
        # between a verb and a conjunction ("bringen Bild und B.Z. heraus") is a name
        prev = toks[i - 1]
        return (prev.pos.startswith(("V", "KON", "$,")) and j + 1 < len(toks)
                and toks[j + 1].text in ("und", "sowie", ",", "oder"))

    def _bare_name(self, w: _Work, i: int, j: int) -> bool:
        """A name tagged as proper noun that stands alone: not a road ("A1"), not a place,
        not part of a longer name ("Jupiter Ascending", "Harlow Times")."""
        toks = w.toks
        text = w.text[toks[i].start:toks[j].end]
        if _ROAD.match(text) or text in self.places:
            return False
        prev = toks[i - 1] if i > w.sent_start[i] else None
        nxt = toks[j + 1] if j + 1 < w.sent_end[i] else None
        for x, gap in ((prev, toks[i].start - prev.end if prev else 9),
                       (nxt, nxt.start - toks[j].end if nxt else 9)):
            if x is not None and gap <= 1 and _is_cap(x) \
                    and x.text not in LEGAL_FORMS and not _is_cue(x.text, w.lang):
                return False
        return True

    def _typos(self, w: _Work) -> None:
        """Typos of single-word names ("Huawai"): only for an organization the article
        names correctly elsewhere, or right after a cue noun ("Handy-Hersteller Huawai")."""
        for k, t in enumerate(w.toks):
            if w.owner[k] is not None or len(t.text) < 5 or not _is_cap(t):
                continue
            if t.text in self.first_names or t.text in self.places:
                continue
            oid = self.kb.fuzzy(t.text)
            if oid is None or t.pos not in _PROPER_TAGS | {"NN"}:  # tag only the few candidates
                continue
            cue = k > 0 and _is_cue(w.toks[k - 1].text, w.lang)
            if oid in w.seen_ids or cue:
                org = self.kb.orgs[oid]
                w.add(k, k, Mention(t.start, t.end, "ORG", t.text, oid, org.name, "name", 0.7, t.sent))

    def _resolve_pending(self, w: _Work) -> None:
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
                    partner = next((b for b in pending if b is not a_item and self._coordinated_pair(w, a_item, b)), None)
                    if partner is not None:
                        for mention, i, j in (a_item, partner):
                            if w.free(i, j):
                                w.add(i, j, mention)
                        pending.remove(a_item)
                        pending.remove(partner)
                        changed = True
                        break
        w.pending = []

    def _coordinated_pair(self, w: _Work, a_item, b_item) -> bool:
        a, b = a_item[0], b_item[0]
        if a.sent != b.sent or a.org_id == b.org_id:
            return False
        for m in (a, b):
            org = self.kb.orgs.get(m.org_id)
            if org is None or fold(m.text) != fold(org.name):
                return False  # only an organization's own canonical name
        first, second = (a, b) if a.start < b.start else (b, a)
        return bool(_COORD.match(w.text[first.end:second.start]))

    # -- step 3: organizations in no KB -----------------------------------
    def _designated(self, w: _Work) -> None:
        """Capitalised names ending in a designator: "Harlow Times", "Redwood Venture Capital"."""
        toks = w.toks
        for k, t in enumerate(toks):
            if t.text not in lx.ORG_DESIGNATORS or w.owner[k] is not None or k in w.sent_first:
                continue
            i = k
            while (i - 1 >= w.sent_start[k] and k - i < 3 and w.owner[i - 1] is None
                   and _is_cap(toks[i - 1]) and toks[i - 1].text not in lx.ORG_DESIGNATORS
                   and not _is_cue(toks[i - 1].text, w.lang)
                   and toks[i].start - toks[i - 1].end == 1):
                i -= 1
            if i == k or not any(_proper(x) for x in toks[i:k]):
                continue
            if any(x.text in self.places or x.text in self.first_names for x in toks[i:k]) and k - i == 1:
                continue
            if w.lang == "de" and toks[i].pos.startswith("ADJ") and toks[i].text not in self.city_adjectives:
                continue
            if k + 1 < len(toks) and toks[k + 1].text[:1] == "-":
                continue
            j = self._extend_legal(w, k)
            self._add_org(w, i, j, 0.75, short_forms=False)

    def _cue_names(self, w: _Work) -> None:
        """Names right after a cue noun: "der Hersteller Kaltenbach", "die Agentur Zappzoom"."""
        toks, lang = w.toks, w.lang
        for k, t in enumerate(toks[:-1]):
            if not _is_cue(t.text, lang) or w.owner[k] is not None:
                continue
            i = k + 1
            if i >= w.sent_end[k] or not _is_cap(toks[i]):
                continue
            if w.owner[i] is not None:
                # "Werbeagentur Conrad Lindholm": a one-word KB name opening a longer name
                o = w.owner[i]
                if not (o.label == "ORG" and w.spans[id(o)] == (i, i) and i + 1 < w.sent_end[k]
                        and w.owner[i + 1] is None and _is_cap(toks[i + 1]) and self._namey(w, i + 1)
                        and toks[i + 1].start - toks[i].end == 1 and not self.kb.lookup(toks[i + 1].text)
                        and toks[i + 1].text not in self.places and toks[i + 1].text not in lx.UNIT_DESIGNATORS):
                    continue
            person_like = t.text.lower() in lx.PERSON_LIKE_CUES or _head(t.text) in lx.PERSON_LIKE_CUES
            if toks[i].text in self.first_names and (person_like or lang == "en"):
                continue
            if lang == "de" and toks[i].pos not in _PROPER_TAGS and not toks[i].text.isupper() \
                    and (toks[i].pos.startswith("NN") and toks[i].lemma.lower() != toks[i].text.lower()):
                continue  # an inflected common noun, not a name
            j = i
            while j + 1 < w.sent_end[k] and w.owner[j + 1] is None and j - i < 2 and _is_cap(toks[j + 1]) \
                    and self._namey(w, j + 1) and not _is_cue(toks[j + 1].text, lang) \
                    and toks[j + 1].text not in self.places:
                j += 1
            j = self._extend_legal(w, j)
            if toks[i].text in self.places and j == i:
                continue
            if lang == "en" and toks[i].pos not in _PROPER_TAGS and j == i:
                continue
            start, name = i, None
            if t.text in _INSTITUTION_CUES and w.owner[k] is None:
                # "der Technischen Universität Nanyang": the head belongs to the name
                start = k
                adj = _HEAD_ADJECTIVES.get(toks[k - 1].text) if k > 0 else None
                if adj and w.owner[k - 1] is None and w.same_sentence(k - 1, k):
                    start = k - 1
                    name = adj + w.text[toks[k - 1].end:toks[j].end]
            self._add_org(w, start, j, 0.75, name=name)

    @staticmethod
    def _namey(w: _Work, k: int) -> bool:
        """Tagged as a proper noun; in German also a capitalised adjective or verb inside a
        sentence, which only a name has ("Kanzlei Stahl Frommer")."""
        t = w.toks[k]
        if t.pos in _PROPER_TAGS:
            return True
        return (w.lang == "de" and k not in w.sent_first and t.text[:1].isupper()
                and t.pos.startswith(("ADJ", "VV", "ADV")))

    def _compound_names(self, w: _Work) -> None:
        """Name compounds with an institution head: "Helmut-Berger-Institut", "Sankt-Lukas-Kliniken"."""
        toks = w.toks
        for k, t in enumerate(toks):
            if w.owner[k] is not None or "-" not in t.text.strip("-") or not t.text[:1].isupper():
                continue
            parts = t.text.split("-")
            head = parts[-1].lower()
            if head not in lx.ORG_COMPOUND_HEADS or len(parts) < 2:
                continue
            ok = True
            for p in parts[:-1]:
                if len(p) < 2 or not p[:1].isupper():
                    ok = False
                    break
                if p in self.places or p.lower() in self.nationalities:
                    ok = False
                    break
                if p.isupper() or p in self.first_names or self.kb.lookup(p):
                    continue
                if analyze_word(p, w.lang)[1] not in _PROPER_TAGS:
                    ok = False
                    break
            if not ok:
                continue
            j = k
            # "Krisennavigator-Institut für Krisenforschung"
            if (head.startswith(("institut", "zentrum", "gesellschaft", "akademie", "stiftung", "verband"))
                    and k + 2 < w.sent_end[k] and toks[k + 1].text == "für" and _is_cap(toks[k + 2])
                    and w.free(k + 1, k + 2)):
                j = k + 2
            base = _GENITIVE_HEADS.get(head)
            name = t.text[:-len(head)] + parts[-1][:len(base)] if base else t.text
            if j > k:
                name += w.text[t.end:toks[j].end]
            self._add_org(w, k, j, 0.75, name=name, short_forms=False)

    def _firm_names(self, w: _Work) -> None:
        """Partnership firms: "Hallmann+Weiss", "Carlton & Wells" (two names joined by + or &)."""
        toks = w.toks
        for k in range(1, len(toks) - 1):
            if toks[k].text not in ("+", "&") or not w.free(k - 1, k + 1):
                continue
            a, b = toks[k - 1], toks[k + 1]
            if not (w.same_sentence(k - 1, k + 1) and _is_cap(a) and _is_cap(b)) or min(len(a.text), len(b.text)) < 2:
                continue
            tight = a.end == toks[k].start and toks[k].end == b.start  # "Hallmann+Weiss"
            if not tight and not (a.pos in ("NE", "NP0") and b.pos in ("NE", "NP0")):
                continue
            if a.text in self.first_names or b.text in self.first_names or a.text in self.places:
                continue
            j = self._extend_legal(w, k + 1)
            self._add_org(w, k - 1, j, 0.75, short_forms=False)

    def _acronyms(self, w: _Work) -> None:
        """"Long Name (ACR)": the long form is an organization and ACR an alias of it."""
        toks = w.toks
        for m in _ACRONYM.finditer(w.text):
            acr = m.group(1)
            if sum(ch.isupper() for ch in acr) < 2 or acr.lower() == acr:
                continue
            ti = self._tokens_in(toks, m.start(1), m.end(1))
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
                    org = self._acronym_org(acr, target.text, known_acr)
                    if org is not None:
                        self._relink(w, target, org.id, org.name)
                oid, name = target.org_id, target.canonical
            elif target is not None:
                continue
            else:
                words = self._long_form(w, k, acr)
                if words is None:
                    continue
                i, j = words
                long_text = w.text[toks[i].start:toks[j].end]
                org = self._known(long_text) or self._acronym_org(acr, long_text, known_acr)
                found = self._add_org(w, i, j, 0.8, name=org.name if org else None)
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
                    self._relink(w, other, oid, name)

    @staticmethod
    def _relink(w: _Work, m: Mention, oid: str, name: str) -> None:
        """Point a mention (and the names remembered for it) at another organization."""
        old = m.org_id
        m.org_id, m.canonical = oid, name
        for table in (w.doc_orgs, w.doc_names):
            for key, (o, _) in list(table.items()):
                if o == old:
                    table[key] = (oid, name)

    def _acronym_org(self, acr: str, long_text: str, acr_mention: Mention | None = None):
        """The KB organization with alias ``acr`` whose names share a word with the long
        form ("Technische Universität Nanyang (NTU)" -> Nanyang Technological University)."""
        words = {x for x in fold(long_text).split() if len(x) > 3}
        ids = [e.org_id for e in self.kb.lookup(acr)]
        if acr_mention is not None and acr_mention.org_id in self.kb.orgs:
            ids.insert(0, acr_mention.org_id)
        for oid in ids:
            org = self.kb.orgs[oid]
            names = " ".join([org.name, *org.aliases, *org.legal_names])
            if words & set(fold(names).split()):
                return org
        return None

    def _long_form(self, w: _Work, k: int, acr: str) -> tuple[int, int] | None:
        """Tokens of the organization name that ``acr`` abbreviates, ending at token k."""
        toks = w.toks
        words: list[int] = []
        i = k
        while i >= w.sent_start[k] and len(words) < 8 and w.owner[i] is None:
            tx = toks[i].text
            if _is_cap(toks[i]) and not _is_cue(tx, w.lang) or tx in _CONNECTORS or tx.lower() in (
                    "the", "der", "des", "of"):
                words.insert(0, i)
                i -= 1
                continue
            if _is_cap(toks[i]) and _is_cue(tx, w.lang) and tx.lower().endswith(lx.ACRONYM_HEAD_ENDINGS):
                words.insert(0, i)
                i -= 1
                continue
            break
        while words and (toks[words[0]].text in _CONNECTORS or toks[words[0]].text.lower() in
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

    def _ellipsis(self, w: _Work) -> None:
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
            self._coordinated(w, j + 1, [head])
        # a plural head: "die Technischen Unis Wien und Graz"
        for k, t in enumerate(toks):
            sing = _PLURAL_HEADS.get(t.text)
            if sing is None or w.owner[k] is not None:
                continue
            adj = _HEAD_ADJECTIVES.get(toks[k - 1].text) if k > 0 else None
            start = k - 1 if adj and w.owner[k - 1] is None else k
            heads = [f"{adj} {sing}"] if adj else [sing]
            first = k + 1
            if first < len(toks) and toks[first].text == "of":
                heads = [f"{h} of" for h in heads]
                first += 1
            if first >= w.sent_end[k]:
                continue
            org = self._head_org(heads, toks[first].text)
            if org is None:
                continue
            s, e = toks[start].start, toks[first].end
            m = Mention(s, e, "ORG", w.text[s:e], org.id, org.name, "name", 0.8, t.sent)
            if not w.claim_over(start, first, m):  # "the Universities of Oxford": not just "Oxford"
                continue
            self._coordinated(w, first + 1, heads)

    def _head_org(self, heads: list[str], place: str):
        for h in heads:
            org = self._known(f"{h} {place}")
            if org is not None:
                return org
        return None

    def _coordinated(self, w: _Work, k: int, heads: list[str]) -> None:
        """Places after a name's head, joined by ',' / 'und' / 'and': each is one more institution."""
        toks = w.toks
        while k + 1 < len(toks) and w.same_sentence(k - 1, k + 1) and toks[k].text in (",", "und", "and", "sowie"):
            x = k + 1
            if w.owner[x] is not None or not _is_cap(toks[x]):
                return
            org = self._head_org(heads, toks[x].text)
            if org is None:
                return
            t = toks[x]
            w.add(x, x, Mention(t.start, t.end, "ORG", t.text, org.id, org.name, "name", 0.8, t.sent))
            if toks[k].text != ",":
                return
            k = x + 1

    def _truncated_compounds(self, w: _Work) -> None:
        """"Wirtschafts- und Arbeiterkammer": the first part borrows the head of the
        organization it is coordinated with, when the result is a known name."""
        toks = w.toks
        for k in range(len(toks) - 2):
            t = toks[k]
            if not (t.text.endswith("-") and len(t.text) > 3 and _is_cap(t)) or w.owner[k] is not None:
                continue
            if toks[k + 1].text.lower() not in _COORD_WORDS | {"oder"} or not w.same_sentence(k, k + 2):
                continue
            other = w.owner[k + 2]
            if other is None or other.label != "ORG" or not other.org_id:
                continue
            word, stem = toks[k + 2].text, t.text[:-1]
            for i in range(1, len(word) - 3):
                entries = [e for e in self.kb.lookup(stem + word[i:]) if e.org_id != other.org_id]
                if entries:
                    org = self.kb.orgs[entries[0].org_id]
                    w.add(k, k, Mention(t.start, t.end, "ORG", t.text, org.id, org.name, "name", 0.7, t.sent))
                    self._remember(w, stem + word[i:], org.id, org.name, False)  # its later mentions
                    break

    def _coordinated_names(self, w: _Work) -> None:
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
                if w.owner[k] is not None or k in w.sent_first or not self._lone_proper(w, k):
                    continue
                self._add_org(w, k, k, 0.6)

    def _lone_proper(self, w: _Work, k: int) -> bool:
        t = w.toks[k].text
        if not _is_cap(w.toks[k]) or len(t) < 3 or t in self.first_names or t in self.places:
            return False
        if t in self.countries or t.lower() in self.nationalities:
            return False
        for n in (k - 1, k + 1):  # part of a longer name or a noun phrase
            if 0 <= n < len(w.toks) and w.same_sentence(n, k) and _is_cap(w.toks[n]) \
                    and w.toks[n].text.lower() not in _COORD_WORDS and n not in w.sent_first:
                return False
        return analyze_word(t, w.lang)[1] in ("NE", "FM")

    def _doc_local(self, w: _Work) -> None:
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
                    if hit is None or (j == i and not _is_cap(t) and not t.text.isupper()):
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
                if w.owner[k] is not None or not _is_cap(t) and not t.text.isupper():
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
                    if k in w.sent_first and w.lang == "en" and t.pos not in _PROPER_TAGS:
                        continue
                    w.add(k, k, Mention(t.start, t.end, "ORG", t.text, hit[0], hit[1], "name", 0.7, t.sent))

    # -- step 4: people ----------------------------------------------------
    def _surname_ok(self, w: _Work, tok: Token, first: bool, weak: bool) -> bool:
        if not _is_cap(tok) or _is_cue(tok.text, w.lang) or tok.text in self.countries:
            return False
        if tok.text in LEGAL_FORMS or tok.text[-1:] == "." or tok.text in lx.ORG_DESIGNATORS:
            return False
        if tok.text.lower() in self.credit_words or tok.text.lower() in self.role_words:
            return False
        if len(tok.text) < 2 or tok.text in lx.NON_NAME_WORDS:
            return False
        if first:
            if weak and (tok.pos not in ("NE", "NP0") or tok.lemma.lower() != tok.text.lower()
                         or analyze_word(tok.text, "en")[1] != "NP0"):
                return False  # a common word: "German Pellets", "Asset Manager", "Song Contest"
            return True
        return tok.pos in ("NE", "NP0", "XY") and tok.text not in self.first_names

    def _people(self, w: _Work) -> None:
        toks = w.toks
        surnames: dict[str, str] = {}
        for k, t in enumerate(toks):
            if w.owner[k] is not None or t.text not in self.first_names or t.pos not in _NAME_TAGS \
                    or t.text in lx.NON_NAME_WORDS:
                continue
            end = w.sent_end[k]
            weak = (t.text in self.weak_first or t.text in self.places
                    or t.text.lower() in self.nationalities)
            j = k
            # more given names ("Johann Wolfgang"), then particles ("von der")
            while (j + 2 < end and w.owner[j + 1] is None and toks[j + 1].text in self.first_names
                   and toks[j + 1].text not in self.weak_first and _is_cap(toks[j + 2])
                   and w.owner[j + 2] is None and j - k < 2):
                j += 1
            given_end = j
            if j + 2 < end and toks[j + 1].text in lx.NAME_PARTICLES and w.free(j + 1, j + 2):
                p = j + 1
                if p + 2 < end and toks[p + 1].text in lx.NAME_PARTICLES_SECOND and _is_cap(toks[p + 2]):
                    p += 1
                if _is_cap(toks[p + 1]) and toks[p + 1].text not in self.places:
                    j = p
            particles_end = j
            nxt_first = True
            while j + 1 < end and w.owner[j + 1] is None and j - given_end < 3:
                nxt = toks[j + 1]
                if nxt.start - toks[j].end > 2:
                    break
                if self._surname_ok(w, nxt, nxt_first, weak):
                    j += 1
                    nxt_first = False
                elif (not nxt_first and nxt.text in _ROMANCE_PARTICLES and j + 2 < end
                      and w.owner[j + 2] is None and toks[j + 2].pos not in ("ART", "AT0")
                      and _is_cap(toks[j + 2]) and not self.kb.lookup(toks[j + 2].text)
                      and toks[j + 2].text not in self.places):
                    j += 2  # "Maria Lopez de Vega"
                elif re.fullmatch(r"[A-Z]\.", nxt.text) and j + 2 < end and _is_cap(toks[j + 2]):
                    j += 1
                else:
                    break
            if j == particles_end:
                j = given_end  # particles without a surname after them: "Foto von der ..."
            if j == given_end:
                # "Ludger und Heike Brandt": a given name sharing the next person's surname
                if (k + 3 < end and toks[k + 1].text in ("und", "and") and toks[k + 2].text in self.first_names
                        and not weak and self._surname_ok(w, toks[k + 3], True, False)):
                    w.add(k, k, Mention(t.start, t.end, "PER", t.text, None, t.text, "name", 0.7, t.sent))
                continue
            full_text = w.text[t.start:toks[j].end]
            if full_text in self.places:
                continue
            i = k
            if k > 0 and toks[k - 1].text in lx.PERSON_TITLES and w.owner[k - 1] is None:
                i = k - 1
            self._add_person(w, i, j, k, surnames)
        self._cued_people(w, surnames)
        for k, t in enumerate(toks):  # "sagte Müller ... später ging Müller"
            if t.text not in w.speakers:
                continue
            o = w.owner[k]
            if o is not None and not (o.label == "ORG" and w.spans[id(o)] == (k, k)):
                continue
            if o is not None:
                w.remove(o)
            w.add(k, k, Mention(t.start, t.end, "PER", t.text, None, surnames.get(t.text, t.text), "name",
                                0.7, t.sent))
        if surnames:
            for k, t in enumerate(toks):
                if w.owner[k] is not None or t.text not in surnames:
                    continue
                if k + 1 < len(toks) and toks[k + 1].text in ("+", "&") and toks[k + 1].start == t.end:
                    continue  # "Hallmann+Weiss" is a firm
                w.add(k, k, Mention(t.start, t.end, "PER", t.text, None, surnames[t.text], "name", 0.8, t.sent))

    def _add_person(self, w: _Work, i: int, j: int, k: int, surnames: dict[str, str]) -> None:
        toks = w.toks
        full = " ".join(x.text for x in toks[k:j + 1])
        w.add(i, j, Mention(toks[i].start, toks[j].end, "PER", w.text[toks[i].start:toks[j].end],
                            None, full, "name", 0.9, toks[k].sent))
        last = toks[j].text
        if len(last) > 2 and last not in self.first_names:
            surnames.setdefault(last, full)

    def _cued_people(self, w: _Work, surnames: dict[str, str]) -> None:
        """Names with an unknown given name after a role noun, a picture credit or a
        byline: "Sprecher Tarek Ozdil", "Foto: Helmi Varkonen", "Von Jorunn Meskel"."""
        toks = w.toks
        for k, t in enumerate(toks[:-1]):
            low = t.text.lower()
            cue = None
            if low in self.role_words or (t.text[:1].isupper() and low.endswith(self.role_heads)
                                          and w.lang == "de"):
                cue = "role"
            elif low in self.credit_words and toks[k + 1].text == ":":
                cue = "credit"
            elif low in self.byline_words and (k in w.sent_first and t.text[:1].isupper() or (
                    k + 2 < len(toks) and w.sent_end[k] == k + 3)):
                cue = "byline"  # "Von Jorunn Meskel", "aktualisiert um 14:27 von Jorunn Meskel"
            if cue is None:
                continue
            i = k + 2 if cue == "credit" else k + 1
            if i >= w.sent_end[k] or w.owner[i] is not None:
                continue
            j = i
            while (j < w.sent_end[k] and j - i < 2 and w.owner[j] is None and _is_cap(toks[j])
                   and not toks[j].text.isupper()
                   and (toks[j].pos in ("NE", "NP0", "FM") or cue != "role")
                   and not _is_cue(toks[j].text, w.lang) and toks[j].text.lower() not in self.role_words
                   and not self.kb.lookup(toks[j].text)
                   and toks[j].text not in self.places and toks[j].text[-1:] != "."
                   and toks[j].text.lower() not in self.credit_words
                   and (j == i or toks[j].start - toks[j - 1].end <= 2)):
                j += 1
            j -= 1
            if j < i:
                continue
            if j == i and (cue == "byline" or toks[i].text in self.first_names or toks[i].pos not in _PROPER_TAGS):
                continue
            if cue != "role" and any(x.pos not in _PROPER_TAGS for x in toks[i:j + 1]) and not (
                    j + 1 == w.sent_end[k] or toks[j + 1].text in (",", "/", "|") or
                    toks[j + 1].text.lower() in self.credit_words):
                continue  # a credit's name ends its line: "Foto: Helmi Varkonen"
            self._add_person(w, i, j, i, surnames)

    def _party_affiliation(self, w: _Work) -> None:
        """A party or organization in brackets after a person: "Petra Kowalski (SPD)"."""
        toks = w.toks
        for m in list(w.mentions):
            if m.label != "PER" or id(m) not in w.spans:
                continue
            j = w.spans[id(m)][1]
            if j + 3 >= len(toks) or toks[j + 1].text != "(" or toks[j + 3].text != ")":
                continue
            a = toks[j + 2]
            if w.owner[j + 2] is not None or not (2 <= len(a.text) <= 6) or sum(
                    ch.isupper() for ch in a.text) < 2 or not a.text[:1].isupper():
                continue
            self._add_org(w, j + 2, j + 2, 0.7, short_forms=False)

    # -- step 5: places -----------------------------------------------------
    def _places(self, w: _Work) -> None:
        toks = w.toks
        for k, t in enumerate(toks):
            if w.owner[k] is not None or not t.text[:1].isupper():
                continue
            for n in (3, 2, 1):
                if k + n > w.sent_end[k] or not w.free(k, k + n - 1):
                    continue
                text = w.text[t.start:toks[k + n - 1].end]
                if text in self.places:
                    if n == 1 and self.kb.lookup(text) and not self.cities.get(text):
                        break
                    w.add(k, k + n - 1, Mention(t.start, toks[k + n - 1].end, "LOC", text, None, None,
                                                "name", 0.8, t.sent))
                    break

    # -- the whole article -----------------------------------------------
    def find(self, article: Article) -> list[Mention]:
        w = _Work(article)
        self._angle(w)
        self._social(w)
        self._legal_names(w)
        self._kb_names(w)
        self._typos(w)
        self._resolve_pending(w)
        self._acronyms(w)
        self._designated(w)
        self._cue_names(w)
        self._compound_names(w)
        self._firm_names(w)
        self._ellipsis(w)
        self._coordinated_names(w)
        self._truncated_compounds(w)
        self._doc_local(w)
        self._people(w)
        self._party_affiliation(w)
        self._places(w)
        mentions = sorted(w.mentions, key=lambda m: m.start)
        taken = [o is not None for o in w.owner]
        mentions += self._descriptions(article, mentions, taken, w.lang)
        mentions.sort(key=lambda m: (m.start, m.end))
        for m in mentions:  # token texts lack control and format characters; the span has them
            if m.label == "PER":  # "Oliver Kaltner' sagte": a stray quote is not part of a name
                while m.end - m.start > 1 and article.text[m.end - 1] in "'’":
                    m.end -= 1
            m.text = article.text[m.start:m.end]
        return mentions

    @staticmethod
    def _tokens_in(toks: list[Token], s: int, e: int) -> list[int]:
        lo, hi = 0, len(toks)
        while lo < hi:  # first token starting at or after s
            mid = (lo + hi) // 2
            if toks[mid].start < s:
                lo = mid + 1
            else:
                hi = mid
        out = []
        while lo < len(toks) and toks[lo].end <= e:
            out.append(lo)
            lo += 1
        return out

    # -- step 6: descriptions and metonymy -------------------------------
    def _descriptions(self, article: Article, mentions: list[Mention], taken: list[bool],
                      lang: str) -> list[Mention]:
        orgs = [m for m in mentions if m.label == "ORG" and m.org_id]
        out: list[Mention] = []
        if orgs:
            out += self._anaphors(article, orgs, taken, lang)
        out += self._metonyms(article, mentions, orgs, lang)
        return out

    def _anaphors(self, article: Article, orgs: list[Mention], taken: list[bool],
                  lang: str) -> list[Mention]:
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
                code = self.nationalities.get(pre.lower())
                if code and rest.lower() in anaphor_heads | {"unternehmen", "konzern", "firma"}:
                    prefix_code, head = code, rest.lower()
            if head not in anaphor_heads:
                continue
            # an apposition ("der US-Konzern Apple") is already the name's mention
            if k + 1 < len(toks) and any(m.start == toks[k + 1].start for m in orgs):
                continue
            # a head that starts a longer name ("the Development Bank of the Philippines")
            if k + 1 < len(toks) and toks[k + 1].sent == t.sent and (
                    toks[k + 1].text in ("of", "für", "for") or _is_cap(toks[k + 1]) and lang == "en"):
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
                elif lang == "en" and _is_cap(toks[i]):
                    break  # "the Philippine National Bank" is a name, not a description
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
        return out

    def _metonyms(self, article: Article, mentions: list[Mention], orgs: list[Mention],
                  lang: str) -> list[Mention]:
        """Headquarters metonymy: "blitzte in Cupertino ab" = Apple. The city must be the seat
        of exactly one organization: one the article names, or, when the sentence is about
        organizations dealing with each other, the only KB organization based there."""
        toks = article.tokens
        out: list[Mention] = []
        org_ids = {m.org_id for m in orgs}
        for m in mentions:
            if m.label != "LOC" or m.text not in self.cities:
                continue
            ti = self._tokens_in(toks, m.start, m.end)
            k = ti[0] if ti else None
            if k is None or k == 0 or toks[k - 1].text.lower() not in ("in", "aus", "from", "at", "nach", "to"):
                continue
            if k + 1 < len(toks) and toks[k + 1].text == ",":
                continue  # a dateline or an enumeration of places
            seated = self.cities.get(m.text, ())
            ids = [o for o in seated if o in org_ids]
            if len(ids) != 1:
                sentence = article.sentence_text(m.sent)
                here = [o for o in orgs if o.sent == m.sent]
                if ids or len(set(seated)) != 1 or not here or not _METONYMY_CUES.search(sentence):
                    continue
                if any(o.org_id == seated[0] for o in here):
                    continue
                ids = [seated[0]]
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
