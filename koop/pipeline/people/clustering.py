"""Mentions of one person merged into one cluster ("Andreas Kaufmann" ... "Kaufmann"
... "Kaufmanns"): full names first, then each surname alone joins the latest person so
named before it."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...article import Article, Mention, Person, PersonCluster
from .roles import RoleLexicon, RoleMatch
from .words import PARTICLES, is_full_name


@dataclass
class NameCluster:
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

    clusters: list[NameCluster]
    by_span: dict[tuple[int, int], NameCluster]
    persons: list[Person]

    def name_of(self, m: Mention) -> str | None:
        c = self.by_span.get((m.start, m.end))
        return c.name if c else None

    def article_clusters(self) -> list[PersonCluster]:
        """The clusters as the Article keeps them (``Article.person_clusters``)."""
        return [PersonCluster(c.name, [(m.start, m.end) for m in c.mentions],
                              c.role.role if c.role else None, c.role.org if c.role else None)
                for c in self.clusters]


class Clustering:
    """The name steps of :class:`~koop.pipeline.people.finder.PeopleFinder` (uses its
    ``honorifics``)."""

    # -- names ---------------------------------------------------------------
    def name_tokens(self, text: str, lex: RoleLexicon) -> list[str]:
        """The name proper: without honorifics, leading role words and a possessive ending."""
        toks = [t.lstrip("#@") for t in text.strip(" .,;:!?#@\"'()[]").split()]
        while len(toks) > 1 and (toks[0].lower() in self.honorifics or lex.word_role(toks[0])):
            toks.pop(0)
        for k in range(1, len(toks)):  # a lowercase word that is no name particle ends the name
            w = toks[k]
            if w[:1].islower() and (w not in PARTICLES
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

    def cluster(self, article: Article, lex: RoleLexicon) -> tuple[list[NameCluster], dict]:
        pers = sorted((m for m in article.mentions if m.label == "PER"), key=lambda m: m.start)
        named = [(m, self._mention_name(m, lex)) for m in pers]
        clusters: list[NameCluster] = []
        by_span: dict[tuple[int, int], NameCluster] = {}
        for m, toks in named:  # full names first
            if not is_full_name(toks):
                continue
            for c in clusters:
                if self._same_surname(c.tokens[-1], toks[-1]) and self._same_first(c.tokens, toks):
                    if c.tokens[-1].casefold() == toks[-1].casefold() + "s":  # genitive seen first
                        c.tokens, c.name = toks, " ".join(toks)
                    break
            else:
                c = NameCluster(" ".join(toks), toks)
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
                best = NameCluster(" ".join(toks), list(toks))
                clusters.append(best)
            best.mentions.append(m)
            by_span[(m.start, m.end)] = best
        for c in clusters:
            c.mentions.sort(key=lambda x: x.start)
        return clusters, by_span
