"""Runs the people steps over one article: cluster the PER mentions, read each
person's role and organization, and list the people to report."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ...article import Article, Person
from .bylines import Bylines
from .clustering import Clustering, PeopleAnalysis
from .orgs import OrgIndex
from .role_context import RoleReading
from .roles import RoleLexicon, RoleMatch, load_role_data, role_lexicon, role_score
from .words import TOKEN, is_full_name


class PeopleFinder(Clustering, RoleReading, Bylines):
    """Clusters PER mentions into people and reads their roles (built once per process)."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.lex = ({"de": role_lexicon("de"), "en": role_lexicon("en")} if data is None  # shared with quotes
                    else {"de": RoleLexicon(data, "de"), "en": RoleLexicon(data, "en")})
        data = data or load_role_data()
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
        orgs = OrgIndex(article)
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
                if found and role_score(found) > role_score(best):
                    best = found
                    if role_score(best) == 3:
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
