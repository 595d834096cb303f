"""The knowledge base and the word tables the steps consult.

Built once per KB and shared by every article: given names, countries,
nationality adjectives, headquarters cities and role nouns.
"""
from __future__ import annotations

import re

from ...kb import KnowledgeBase
from ...names import fold
from .. import lexicon as lx


class Tables:
    """The KB with the lexicon's tables, some derived from the KB's cities."""

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
        self.places = set(self.countries) | set(self.cities) | lx.GEO_NAMES
        self._folded_first: dict[str, str] | None = None
        self._sector_words: dict[str, frozenset[str]] = {}

    def is_strong_first(self, word: str) -> bool:
        """A common given name, in any letter case and with or without accents ("zoe" for "Zoë")."""
        if len(word) < 4:
            return False
        if self._folded_first is None:
            self._folded_first = {fold(n): n for n in self.first_names if n not in self.weak_first}
        return fold(word) in self._folded_first

    def sector_words(self, org_id: str) -> frozenset[str]:
        """The words of an organization's sector ("automotive, motorcycles")."""
        words = self._sector_words.get(org_id)
        if words is None:
            org = self.kb.orgs.get(org_id)
            found = re.findall(r"[a-z]{4,}", org.sector.lower()) if org else ()
            stems = {x[:-1] if x.endswith("s") and len(x) > 4 else x for x in found}  # "ports": "port"
            words = frozenset(stems - _GENERIC_SECTOR)
            self._sector_words[org_id] = words
        return words


# sector words too general to tie two organizations together
_GENERIC_SECTOR = {"service", "product", "good", "industrial", "industry", "holding", "group",
                   "company", "other", "historic", "defunct", "consumer", "technology", "equipment"}
