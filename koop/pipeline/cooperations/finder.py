"""Runs the steps over one article: each sentence in order, then the structures
(alliances, co-ownership), then start dates and names, then the merge.

Sentences go in order because a sentence may refer back to the cooperations found
before it (``previous``, the one observed last at the end).
"""
from __future__ import annotations

from ...article import Article, Cooperation, Mention
from ...kb import KnowledgeBase, default_kb
from .cues import EXCLUDE, PLURAL
from .merge import article_names, merge
from .observations import CooperationDraft, Observation
from .pairing import TriggerSentence, pair_parties
from .parties import (first_per_org, mask_groups, parties_in, split_coordinated_namesakes, venture_name,
                      without_venture)
from .references import follow_up
from .status import date_undated, since_date, trigger_status
from .structures import (alliance_observations, co_owner_observations, known_alliances,
                         member_list_observations)
from .triggers import (clean_clauses, find_triggers, labor_talks, negated_trigger, strong_triggers,
                       unnamed_partners)


class CooperationFinder:
    """Finds the cooperations of one article; holds the KB and the alliances it knows."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb if kb is not None else default_kb()
        self.alliances = known_alliances(self.kb)

    def find(self, a: Article) -> list[Cooperation]:
        lang = a.lang or "de"
        focus = main_organization(a)
        drafts: dict[frozenset, CooperationDraft] = {}
        order: list[CooperationDraft] = []
        for sent in range(len(a.sentences)):
            for o in self._observe(a, sent, lang, focus, order):
                if len(frozenset(o.parties)) < 2:
                    continue
                c = _collect(drafts, o)
                if c in order:
                    order.remove(c)
                order.append(c)
        for o in (alliance_observations(self.alliances, a, lang) + co_owner_observations(a, lang, order)
                  + member_list_observations(self.kb, a, lang)):
            _collect(drafts, o)
        date_undated(a, drafts.values(), lang)
        names = article_names(self.kb, a)
        for c in drafts.values():
            c.names.update({i: names[i] for i in c.ids if i in names})
        return [merge(a, c) for c in sorted(drafts.values(), key=lambda c: c.obs[0].sent)]

    def _observe(self, a: Article, sent: int, lang: str, focus: Mention | None,
                 previous: list[CooperationDraft]) -> list[Observation]:
        """What one sentence reports: a sentence without a trigger can only follow up
        the cooperation just found; one with a trigger is checked for exclusions,
        unnamed partners and negation, given a status, and its parties paired."""
        s = a.sentences[sent]
        text = a.text[s.start:s.end]
        triggers = find_triggers(a, sent, text, lang)
        if not triggers:
            return follow_up(a, sent, lang, previous)
        strong = strong_triggers(triggers, lang)
        uniq = first_per_org(split_coordinated_namesakes(a, parties_in(self.kb, a, sent, lang)))
        clean = clean_clauses(text, triggers, lang)
        if not clean and not strong:
            return []
        if clean and EXCLUDE[lang].search(text):  # keep the parties of the clean clauses
            uniq = [m for m in uniq if any(b <= m.start - s.start < e for b, e in clean)]
        named_here = {m.org_id for m in uniq if m.kind in ("name", "brand")}
        if len(named_here) < 2 and unnamed_partners(text, triggers, lang):
            return []  # "in Zusammenarbeit mit verschiedenen Herstellern": no named partner
        if labor_talks(text, triggers, lang):
            return []
        plural = bool(PLURAL.search(text))
        status = trigger_status(text, mask_groups(a, s.start, text, uniq), triggers, lang, plural)
        if negated_trigger(text, triggers, lang) and status not in ("failed", "ended"):
            return []
        venture = venture_name(text)
        return pair_parties(TriggerSentence(
            kb=self.kb, article=a, sent=sent, lang=lang, text=text, triggers=triggers, strong=strong,
            parties=without_venture(uniq, venture) if venture else uniq,
            names={m.org_id: m.canonical for m in uniq}, status=status, plural=plural,
            since=since_date(a, sent, lang), confidence=0.8 if strong else 0.55, venture=venture,
            previous=previous, focus=focus))


def main_organization(a: Article) -> Mention | None:
    """The organization the article names most, at least three times (its first
    mention): the partner of a lone party in a slot ("Partner ist X")."""
    counts: dict[str, int] = {}
    for m in a.mentions:
        if m.label == "ORG" and m.org_id and m.kind in ("name", "brand"):
            counts[m.org_id] = counts.get(m.org_id, 0) + 1
    if counts:
        top = max(counts, key=counts.get)
        if counts[top] >= 3:
            return next(m for m in a.mentions if m.org_id == top)
    return None


def _collect(drafts: dict[frozenset, CooperationDraft], o: Observation) -> CooperationDraft:
    """Adds the observation to the draft of its parties (a new one for new parties)."""
    ids = frozenset(o.parties)
    c = drafts.get(ids)
    if c is None:
        c = drafts[ids] = CooperationDraft(ids, dict(o.names))
    c.obs.append(o)
    return c
