"""Finds the people an article names, with their role and organization.

Works from the PER and ORG mentions of ``koop.entities.v1``. Mentions of one
person are merged ("Andreas Kaufmann" ... "Kaufmann" ... "Kaufmanns"); the
role and organization come from the words around a mention, read with the role
lexicon ``koop/data/roles.json`` (German and English, with feminine and
Austrian/Swiss forms):

- ``ORG-ROLE PER``          Leica-Chef Oliver Kaltner
- ``ORG ROLE PER``          Apple CEO Tim Cook, Apple's chief executive Tim Cook
- ``ROLE PER``              Vorstandschef Oliver Kaltner (org None, or "... vom Bankhaus X")
- ``ROLE of ORG, PER``      der Vorstandschef der Deutschen Bank, John Cryan
- ``PER, ROLE of ORG``      Tim Cook, Chef von Apple; Staffan Paues, President of X
- ``PER, ORG's ROLE``       Tim Cook, Apple's chief executive
- a name alone on its line (optionally "Von"/"By" before it) is the author.

Every person named with first and last name is listed, with or without a role;
a surname alone is listed only when it comes with a role ("Facebook-Gründer
Zuckerberg").
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..article import Article, Mention, Person
from ..registry import register_stage

# words (keeping hyphens, apostrophes and inner dots: "Leica-Chef", "Apple's") and punctuation
TOKEN = re.compile(r"\w(?:[\w&+'’.-]*\w)?|[^\w\s]")
_POSSESSIVE = ("", "'s", "’s", "s", "'", "’")
_VOWELS = set("aeiouäöüy")
_ACRONYM = re.compile(r"[A-ZÄÖÜ0-9&]{2,7}|[A-ZÄÖÜ][a-zäöüß]+[A-Z][\w]*")

Tok = tuple[int, int, str]
# name particles: "De Groote" alone is a surname, not a first and a last name
_PARTICLES = {"de", "von", "van", "der", "den", "del", "della", "di", "da", "du", "le", "la", "al",
              "el", "ten", "ter", "zu", "bin", "ibn", "dos"}


def is_full_name(tokens: list[str]) -> bool:
    """First and last name ("Andreas Kaufmann"), not a surname alone ("Kaufmann", "de Groote")."""
    return len(tokens) >= 2 and tokens[0].lower() not in _PARTICLES


@lru_cache(maxsize=1)
def load_role_data() -> dict[str, Any]:
    """The role lexicon shipped as ``koop/data/roles.json``."""
    with resources.files("koop").joinpath("data/roles.json").open(encoding="utf-8") as f:
        return json.load(f)


def _german_variants(entry: str) -> set[str]:
    """The entry plus its feminine and weak forms (Chef -> Chefin, Vorsitzender -> Vorsitzende)."""
    words = entry.split()
    out = {entry}
    if any(w.endswith("ender") for w in words):
        for suffix in ("", "n"):
            out.add(" ".join(w[:-1] + suffix if w.endswith("ender") else w for w in words))
    for form in list(out):  # the head noun is the last word, or the one before "des/der/von"
        ws = form.split()
        h = next((k - 1 for k, w in enumerate(ws) if k and w in ("des", "der", "von", "vom")), len(ws) - 1)
        head = ws[h]
        if head[-1:].isalpha() and head[-1].lower() not in _VOWELS and not head.endswith(("ender", "enden")):
            out.add(" ".join(ws[:h] + [head + "in"] + ws[h + 1:]))
    return out


def _inflections(word: str) -> list[str]:
    """A lowercased word and its base forms without a case or feminine ending
    (Chefs, Präsidenten, Projektchefin)."""
    out = [word]
    if word.endswith("en") and len(word) > 4:
        out.append(word[:-2])
    if word.endswith(("s", "n")) and len(word) > 3:
        out.append(word[:-1])
    if word.endswith("in") and len(word) > 5:
        out.append(word[:-2])
    return out


class RoleLexicon:
    """Role words and phrases of one article language, mapped to normalized roles.

    Args:
        data (dict): the parsed ``roles.json``.
        lang (str): 'de' (uses German and English entries) or 'en'.
    """

    def __init__(self, data: dict[str, Any], lang: str) -> None:
        self.lang = lang
        langs = ("de", "en") if lang == "de" else ("en",)
        self.words: dict[str, tuple[str, bool]] = {}
        self.phrases: dict[tuple[str, ...], tuple[str, bool]] = {}
        for role, by_lang in data["roles"].items():
            for lg in langs:
                for entry in by_lang.get(lg, []):
                    german = lg == "de"
                    for variant in (_german_variants(entry) if german else {entry}):
                        toks = tuple(t.lower() for t in TOKEN.findall(variant))
                        if len(toks) == 1:
                            self.words.setdefault(toks[0], (role, german))
                        elif toks:
                            self.phrases.setdefault(toks, (role, german))
        self.maxlen = max((len(k) for k in self.phrases), default=1)
        heads = data.get("heads", {}) if lang == "de" else {}
        self.heads = sorted(((h, r) for h, r in heads.items() if not h.startswith("_")),
                            key=lambda hr: -len(hr[0]))
        self.head_roles = dict(self.heads)
        self.modifiers = {m.lower() for lg in ("de", "en") for m in data["modifiers"].get(lg, [])}

    def word_role(self, word: str) -> tuple[str, str] | None:
        """(role, org prefix) of one word: 'Leica-Chef' -> ('CEO', 'Leica'); None if no role."""
        hit = self.words.get(word.lower())
        if hit and (not hit[1] or word[:1].isupper()):
            return hit[0], ""
        pre, _, head = word.rpartition("-")
        if not head or not head[0].isalpha():
            return None
        forms = _inflections(head.lower())
        for form in forms:
            hit = self.words.get(form)
            if hit and (not hit[1] or head[0].isupper()):
                return hit[0], pre
        if self.heads and head[0].isupper():
            for form in forms:
                for h, role in self.heads:
                    if form.endswith(h) and len(form) > len(h) + 1:
                        return role, pre
        return None

    def head_role(self, head: str) -> str | None:
        """The role of a generic head noun as the tail of a compound ('Sparten-Chef' -> head)."""
        for form in _inflections(head.lower()):
            if form in self.head_roles:
                return self.head_roles[form]
        return None

    def _phrase(self, toks: list[Tok]) -> str | None:
        hit = self.phrases.get(tuple(t[2].lower() for t in toks))
        if hit and (not hit[1] or toks[-1][2][:1].isupper()):
            return hit[0]
        return None

    def match_end(self, toks: list[Tok], end: int) -> tuple[int, str, str] | None:
        """A role phrase ending just before token ``end``: (first token, role, org prefix)."""
        for k in range(min(self.maxlen, end), 1, -1):
            role = self._phrase(toks[end - k:end])
            if role:
                return end - k, role, ""
        if end >= 1:
            hit = self.word_role(toks[end - 1][2])
            if hit:
                return end - 1, hit[0], hit[1]
        return None

    def match_start(self, toks: list[Tok], i: int) -> tuple[int, str, str] | None:
        """A role phrase starting at token ``i``: (end token, exclusive; role; org prefix)."""
        for k in range(min(self.maxlen, len(toks) - i), 1, -1):
            role = self._phrase(toks[i:i + k])
            if role:
                return i + k, role, ""
        if i < len(toks):
            hit = self.word_role(toks[i][2])
            if hit:
                return i + 1, hit[0], hit[1]
        return None


@dataclass(slots=True)
class RoleMatch:
    role: str | None
    surface: str | None
    org: str | None = None


def _score(r: RoleMatch | None) -> int:
    """Role and org (3) beat a role alone (2), which beats an org alone (1)."""
    return 0 if r is None else 2 * (r.role is not None) + (r.org is not None)


@dataclass
class PersonCluster:
    """All PER mentions of one person; ``name`` is the full name as first written."""

    name: str
    tokens: list[str]
    mentions: list[Mention] = field(default_factory=list)
    role: RoleMatch | None = None

    @property
    def full(self) -> bool:
        return is_full_name(self.tokens)


@dataclass
class PeopleAnalysis:
    """The people of one article: clusters (every named person) and the reported Persons."""

    clusters: list[PersonCluster]
    by_span: dict[tuple[int, int], PersonCluster]
    persons: list[Person]

    def name_of(self, m: Mention) -> str | None:
        c = self.by_span.get((m.start, m.end))
        return c.name if c else None


class _OrgIndex:
    """ORG mentions of an article, looked up by start, end and containment."""

    def __init__(self, article: Article) -> None:
        self.orgs = sorted((m for m in article.mentions if m.label == "ORG"), key=lambda m: m.start)
        self.starts = [m.start for m in self.orgs]
        self.by_end = {m.end: m for m in self.orgs}
        self.by_start = {m.start: m for m in self.orgs}
        self.locs = [(m.start, m.end) for m in article.mentions if m.label == "LOC"]
        self.names: dict[str, str] = {}
        for m in self.orgs:
            for key in (m.text, m.canonical):
                if key:
                    self.names.setdefault(key.casefold(), org_name(m))

    def ending_in_token(self, text: str, tok: Tok) -> Mention | None:
        """The ORG mention ending this token, possibly before a possessive ('Apple's', 'Leicas')."""
        for end in (tok[1], tok[1] - 1, tok[1] - 2):
            m = self.by_end.get(end)
            if m is not None and text[end:tok[1]] in _POSSESSIVE:
                return m
        return None

    def inside(self, start: int, end: int) -> Mention | None:
        """The last ORG mention lying within [start, end)."""
        i = bisect_left(self.starts, start)
        found = None
        while i < len(self.orgs) and self.orgs[i].start < end:
            if self.orgs[i].end <= end:
                found = self.orgs[i]
            i += 1
        return found

    def is_loc(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.locs)


def org_name(m: Mention) -> str:
    return m.canonical or m.text


class PeopleFinder:
    """Clusters PER mentions into people and reads their roles (built once per process)."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or load_role_data()
        self.lex = {"de": RoleLexicon(data, "de"), "en": RoleLexicon(data, "en")}
        self.articles = {w.lower() for w in data["articles"]}
        self.connectors = {w.lower() for w in data["connectors"]}
        self.honorifics = {w.lower() for w in data["honorifics"]}
        self.org_stop = {w.lower() for w in data["org_prefix_stop"]}
        self.copulas = {w.lower() for w in data["copulas"]}
        self.org_connectors = {"von", "vom", "bei", "beim", "of", "at", "from"}
        self.copula_skip = {w.lower() for w in data["copula_skip"]}
        prefixes = sorted(data["byline_prefixes"], key=len, reverse=True)
        self.byline = re.compile(
            r"^(?:(?:%s)\b\s*:?\s*)?(?P<name>.+?)[\s.,;|]*$" % "|".join(re.escape(p) for p in prefixes),
            re.IGNORECASE)
        self.credit = re.compile(r"(?<![\w-])(?:%s)\b[^:\n.]{0,40}:[ \t]*\Z" % "|".join(
            re.escape(p) for p in data["credit_prefixes"]), re.IGNORECASE)

    # -- names ---------------------------------------------------------------
    def name_tokens(self, text: str, lex: RoleLexicon) -> list[str]:
        """The name proper: without honorifics, leading role words and a possessive ending."""
        toks = [t.lstrip("#@") for t in text.strip(" .,;:!?#@\"'()[]").split()]
        while len(toks) > 1 and (toks[0].lower() in self.honorifics or lex.word_role(toks[0])):
            toks.pop(0)
        for k in range(1, len(toks)):  # a lowercase word that is no name particle ends the name
            w = toks[k]
            if w[:1].islower() and (w not in _PARTICLES
                                    or (w in ("der", "den") and toks[k - 1].lower() not in ("von", "van"))):
                del toks[k:]
                break
        if toks:
            for suffix in ("'s", "’s", "'", "’"):
                if toks[-1].endswith(suffix) and len(toks[-1]) > len(suffix) + 1:
                    toks[-1] = toks[-1][: -len(suffix)]
                    break
        return toks

    def _mention_name(self, m: Mention, lex: RoleLexicon) -> list[str]:
        """Name tokens of a PER mention; a full name the entity stage resolved it to wins
        when it has the same surname ("Kaufmann" -> canonical "Andreas Kaufmann")."""
        toks = self.name_tokens(m.text, lex)
        if m.canonical and toks:
            canon = self.name_tokens(m.canonical, lex)
            if len(canon) > len(toks) and self._same_surname(canon[-1], toks[-1]):
                return canon
        return toks

    @staticmethod
    def _same_surname(a: str, b: str) -> bool:
        a, b = a.casefold(), b.casefold()
        return a == b or a == b + "s" or b == a + "s"

    @staticmethod
    def _same_first(a: list[str], b: list[str]) -> bool:
        x, y = a[0].casefold().rstrip("."), b[0].casefold().rstrip(".")
        if x == y:
            return True
        short, long_ = (x, y) if len(x) <= len(y) else (y, x)
        return len(short) == 1 and long_.startswith(short)

    def cluster(self, article: Article, lex: RoleLexicon) -> tuple[list[PersonCluster], dict]:
        pers = sorted((m for m in article.mentions if m.label == "PER"), key=lambda m: m.start)
        named = [(m, self._mention_name(m, lex)) for m in pers]
        clusters: list[PersonCluster] = []
        by_span: dict[tuple[int, int], PersonCluster] = {}
        for m, toks in named:  # full names first
            if not is_full_name(toks):
                continue
            for c in clusters:
                if self._same_surname(c.tokens[-1], toks[-1]) and self._same_first(c.tokens, toks):
                    if c.tokens[-1].casefold() == toks[-1].casefold() + "s":  # genitive seen first
                        c.tokens, c.name = toks, " ".join(toks)
                    break
            else:
                c = PersonCluster(" ".join(toks), toks)
                clusters.append(c)
            c.mentions.append(m)
            by_span[(m.start, m.end)] = c
        for m, toks in named:  # then surnames alone: the latest person so named before
            if not toks or is_full_name(toks):
                continue
            word = toks[-1]
            best, best_pos = None, None
            for c in clusters:
                if not self._same_surname(c.tokens[-1], word):
                    continue
                before = [x.start for x in c.mentions if x.start < m.start]
                pos = max(before) if before else -min(x.start for x in c.mentions) - 1
                if best_pos is None or pos > best_pos:
                    best, best_pos = c, pos
            if best is None:
                best = PersonCluster(" ".join(toks), list(toks))
                clusters.append(best)
            best.mentions.append(m)
            by_span[(m.start, m.end)] = best
        for c in clusters:
            c.mentions.sort(key=lambda x: x.start)
        return clusters, by_span

    # -- roles ---------------------------------------------------------------
    def _compound(self, orgs: _OrgIndex, tok: Tok, pre: str, role: str,
                  lex: RoleLexicon) -> tuple[str, str | None]:
        """(role, org) of a hyphenated compound: 'Leica-Chef' -> (CEO, Leica); a prefix that is
        no organization makes it a compound like any other ('Sparten-Chef' -> head)."""
        org = self._compound_org(orgs, tok, pre)
        if org is None and pre.rpartition("-")[2].lower() not in self.org_stop:
            role = lex.head_role(tok[2].rpartition("-")[2]) or role
        return role, org

    def _compound_org(self, orgs: _OrgIndex, tok: Tok, pre: str) -> str | None:
        m = orgs.inside(tok[0], tok[0] + len(pre))
        if m is not None:
            return org_name(m)
        seg = pre.rpartition("-")[2]
        for key in (pre, seg):  # named as an organization elsewhere in the article
            if key.casefold() in orgs.names:
                return orgs.names[key.casefold()]
        start = tok[0] + len(pre) - len(seg)
        if (_ACRONYM.fullmatch(seg) and sum(ch.isupper() for ch in seg) >= 2
                and seg.lower() not in self.org_stop and not orgs.is_loc(start, start + len(seg))):
            return seg
        return None

    def _org_after(self, text: str, toks: list[Tok], i: int, orgs: _OrgIndex,
                   pers_starts: set[int], max_skip: int = 6) -> str | None:
        """ORG mention starting at token i or after up to ``max_skip`` plain words."""
        for k in range(i, min(len(toks), i + max_skip + 1)):
            m = orgs.by_start.get(toks[k][0])
            if m is not None:
                return org_name(m)
            if not toks[k][2][0].isalnum() or toks[k][0] in pers_starts:
                return None
        return None

    def role_left(self, text: str, start: int, lo: int, lex: RoleLexicon, orgs: _OrgIndex,
                  right_toks: list[Tok], pers_starts: set[int]) -> RoleMatch | None:
        toks = [(x.start(), x.end(), x.group()) for x in TOKEN.finditer(text, max(lo, start - 160), start)]
        if not toks:
            return None
        comma = toks[-1][2] == ","  # "Apple's chief executive, Tim Cook": only with an org
        last = len(toks) - 1 if comma else len(toks)
        hit = lex.match_end(toks, last) if last else None
        if hit:
            j, role, pre = hit
            if toks[j][0] in orgs.by_start and not pre and orgs.by_start[toks[j][0]].end >= toks[last - 1][1]:
                return None  # the "role" is an organization's name
            surface = text[toks[j][0]:toks[last - 1][1]]
            org = None
            if pre:
                role, org = self._compound(orgs, toks[j], pre, role, lex)
            if org is None and not pre:
                k = j - 1
                while k >= 0 and toks[k][2].lower() in lex.modifiers:
                    k -= 1
                if k >= 0:
                    m = orgs.ending_in_token(text, toks[k])
                    if m is not None:
                        org = org_name(m)
            if org is None and right_toks and right_toks[0][2].lower() in self.org_connectors:
                org = self._org_after(text, right_toks, 1, orgs, pers_starts, max_skip=3)
            if org is not None or not comma:
                return RoleMatch(role, surface, org)
        # ROLE connector [words] ORG [,] PER
        end = len(toks) - 1 if toks[-1][2] == "," else len(toks)
        if end >= 3 and toks[end - 1][2] == ")":  # "... Hessen (BSBD), Birgit Kannegießer"
            opener = next((k for k in range(end - 2, max(end - 6, 0), -1) if toks[k][2] == "("), None)
            end = opener if opener is not None else end
        if end < 3:
            return None
        om = orgs.by_end.get(toks[end - 1][1])
        if om is None:
            return None
        q = end - 1
        while q > 0 and toks[q - 1][0] >= om.start:
            q -= 1
        for skip in range(0, 4):
            c = q - 1 - skip
            if c < 1 or not toks[c + 1][2][0].isalnum():
                break
            if toks[c][2].lower() in self.connectors:
                hit = lex.match_end(toks, c)
                if hit:
                    j, role, _pre = hit
                    return RoleMatch(role, text[toks[j][0]:toks[c - 1][1]], org_name(om))
        return None

    def role_right(self, text: str, toks: list[Tok], lex: RoleLexicon, orgs: _OrgIndex,
                   pers_starts: set[int]) -> RoleMatch | None:
        i = 0
        if len(toks) > 3 and toks[0][2] == "(" and toks[2][2] == ")":
            i = 3  # an age: "Tim Cook (56), Chef von Apple"
        elif len(toks) > 3 and toks[0][2] == "," and toks[1][2].isdigit() and toks[2][2] == ",":
            i = 2  # "Tim Cook, 56, chief executive of Apple"
        if i >= len(toks):
            return None
        if toks[i][2] in (",", ":"):
            i += 1
        elif toks[i][2].lower() in self.copulas:  # "Frank Roselieb ist seit 2013 Direktor des ..."
            i += 1
            for _ in range(3):
                if i < len(toks) and (toks[i][2].lower() in self.copula_skip or toks[i][2].isdigit()):
                    i += 1
        else:
            return None
        while i < len(toks) and (toks[i][2].lower() in self.articles
                                 or toks[i][2].lower() in lex.modifiers):
            i += 1
        if i >= len(toks):
            return None
        hit = lex.match_start(toks, i)
        if hit:
            k, role, pre = hit
            if k < len(toks) and toks[k][0] in pers_starts:
                return None  # the role belongs to the next person
            surface = text[toks[i][0]:toks[k - 1][1]]
            org = None
            if pre:
                role, org = self._compound(orgs, toks[i], pre, role, lex)
            if org is None and k < len(toks) and toks[k][2].lower() in self.connectors:
                org = self._org_after(text, toks, k + 1, orgs, pers_starts)
            return RoleMatch(role, surface, org)
        om = orgs.by_start.get(toks[i][0])
        if om is None:
            return None
        q = i
        while q < len(toks) and toks[q][0] < om.end:
            q += 1
        if toks[q - 1][1] > om.end and text[om.end:toks[q - 1][1]] not in _POSSESSIVE:
            return None  # the mention ends inside a word that is not "Apple's"
        hit = lex.match_start(toks, q)
        if hit:
            k, role, _pre = hit
            if k < len(toks) and toks[k][0] in pers_starts:
                return None
            return RoleMatch(role, text[toks[q][0]:toks[k - 1][1]], org_name(om))
        return None

    @staticmethod
    def _line(text: str, m: Mention) -> str:
        ls = text.rfind("\n", max(0, m.start - 60), m.start) + 1
        if m.start - ls >= 40:  # far from the line start: not a byline
            return text[m.start - 40:m.end + 40]
        le = text.find("\n", m.end, m.end + 60)
        return text[ls:le if le >= 0 else m.end + 60].strip()

    def is_byline(self, text: str, m: Mention) -> bool:
        """The mention is the whole line, maybe after "Von"/"By": the article's author."""
        line = self._line(text, m)
        if len(line) > len(m.text) + 30:
            return False
        got = self.byline.match(line)
        return bool(got) and got.group("name") == m.text

    def is_credit(self, text: str, m: Mention) -> bool:
        """The mention is in a picture credit ("Foto: ...", "Beitragsbild (Montage): ...")."""
        ls = text.rfind("\n", 0, m.start) + 1
        return bool(self.credit.search(text, max(ls, m.start - 60), m.start))

    def analyze(self, article: Article) -> PeopleAnalysis:
        """Cluster the PER mentions and read each person's role and organization.

        Args:
            article (Article): with sentences and mentions.
        RETURNS (PeopleAnalysis): clusters, mention lookup and the Persons to report.
        """
        lex = self.lex["en" if article.lang == "en" else "de"]
        clusters, by_span = self.cluster(article, lex)
        if not clusters:
            return PeopleAnalysis([], {}, [])
        text = article.text
        orgs = _OrgIndex(article)
        pers_starts = {m.start for c in clusters for m in c.mentions}
        persons: list[Person] = []
        for c in clusters:
            best: RoleMatch | None = None
            for m in c.mentions:
                sent = article.sentences[article.sentence_at(m.start)] if article.sentences else None
                lo = sent.start if sent and sent.start <= m.start else 0
                hi = sent.end if sent and sent.end >= m.end else len(text)
                nl = text.find("\n", m.end, hi)
                right = [(x.start(), x.end(), x.group())
                         for x in TOKEN.finditer(text, m.end, min(hi if nl < 0 else nl, m.end + 200))]
                found = (self.role_left(text, m.start, lo, lex, orgs, right, pers_starts)
                         or self.role_right(text, right, lex, orgs, pers_starts))
                if found is None and right and right[0][2].lower() in self.org_connectors:
                    org = self._org_after(text, right, 1, orgs, pers_starts, max_skip=2)
                    found = RoleMatch(None, None, org) if org else None  # "James Parker of Robinson"
                if found and _score(found) > _score(best):
                    best = found
                    if _score(best) == 3:
                        break
            if best is None and c.full and any(self.is_byline(text, m) for m in c.mentions):
                best = RoleMatch("author", None)
            c.role = best
            if (not c.full and (best is None or best.role is None)) or all(
                    self.is_credit(text, m) for m in c.mentions):
                continue
            first = next((m for m in c.mentions if is_full_name(self.name_tokens(m.text, lex))),
                         c.mentions[0])
            persons.append(Person(name=c.name, org=best.org if best else None,
                                  role=best.role if best else None,
                                  surface_role=best.surface if best else None,
                                  start=first.start, end=first.end))
        persons.sort(key=lambda p: p.start)
        return PeopleAnalysis(clusters, by_span, persons)


@lru_cache(maxsize=1)
def default_finder() -> PeopleFinder:
    """The process-wide PeopleFinder over the shipped lexicon."""
    return PeopleFinder()


def analyze_people(article: Article) -> PeopleAnalysis:
    """People of ``article`` (see :class:`PeopleFinder`); used by the people and quotes stages."""
    return default_finder().analyze(article)


@register_stage("koop.people.v1", requires=("mentions",), assigns=("people",))
def make_people():
    """Stage: fill ``article.people`` from the PER/ORG mentions.

    RETURNS (Callable[[Article], Article]): the stage.
    """
    finder = default_finder()

    def people(article: Article) -> Article:
        article.people = finder.analyze(article).persons
        return article

    return people
