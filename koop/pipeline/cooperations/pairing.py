"""Which parties of a trigger sentence cooperate with which.

Tried in this order: the coordination after "between"; a reference back to the
cooperation just found; with two or more parties, the coordinated group nearest a
trigger (with a partner slot outside it), else a subject paired with each partner
slot, else the two parties of a strong trigger; with one party, a pronoun subject
from the sentence before, the article's main organization, or the latest
cooperation of that party; with none, the cooperation just reported or the two
organizations named just before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...article import Article, Mention
from ...kb import KnowledgeBase
from .cues import (ANAPHORIC, BETWEEN_BEFORE, CO_SPONSORS_BEFORE, DEFINITE_BEFORE, SLOT_TRIGGER,
                   WITH_BEFORE)
from .merge import party_name
from .observations import CooperationDraft, Observation
from .parties import between_group, coordinated_groups, in_partner_slot
from .references import (latest_recent, latest_with, lead_status, preceding_pair, pronoun_subject,
                         refers_back)
from .status import slot_status


@dataclass
class TriggerSentence:
    """A sentence with a cooperation trigger, as the finder read it."""

    kb: KnowledgeBase
    article: Article
    sent: int
    lang: str
    text: str
    triggers: list[re.Match]
    strong: list[re.Match]
    parties: list[Mention]  # one mention per organization
    names: dict[str, str]  # org id -> canonical name, the venture's own included
    status: str | None  # None: the lead's news frame decides (references.lead_status)
    plural: bool
    since: str | None
    confidence: float
    venture: str | None
    previous: list[CooperationDraft]  # the article's cooperations so far, latest last
    focus: Mention | None  # the article's main organization

    @property
    def start(self) -> int:
        return self.article.sentences[self.sent].start

    def observation(self, ids: list[str], confidence: float, status: str | None = None) -> Observation:
        """These parties cooperate; ``status`` (a clause's own) before the sentence's."""
        st = status or self.status
        return Observation(tuple(ids), {i: self.names.get(i) or party_name(self.kb, i, self.previous) for i in ids},
                           st or lead_status(self.article, self.lang, set(ids)), self.since, self.sent,
                           confidence, self.venture)


def pair_parties(f: TriggerSentence) -> list[Observation]:
    """The observations of one trigger sentence (see the module docstring)."""
    multi = [g for g in coordinated_groups(f.article, f.parties) if len(g) >= 2]
    bound = between_group(f.start, f.text, f.triggers, multi)
    if bound:
        return [f.observation([m.org_id for m in bound], f.confidence)]
    back = refers_back(f.text, f.lang, f.parties, f.previous, f.sent)
    if back is not None:  # "Diese Gespräche sind gescheitert, sagte Leica-Chef ..."
        return [back.continued(f.status, f.since, f.sent, max(0.5, f.confidence - 0.2), f.venture)]
    slot = [m for m in f.parties if in_partner_slot(f.article, f.start, m, f.lang)]
    if len(f.parties) >= 2:
        return _several(f, slot, multi)
    if len(f.parties) == 1:
        return _one(f, slot)
    if ANAPHORIC[f.lang].search(f.text):
        return _none(f)
    return []


def _several(f: TriggerSentence, slot: list[Mention], multi: list[list[Mention]]) -> list[Observation]:
    """Two or more parties: a coordinated group, a subject with partner slots, or a pair."""
    a, offset = f.article, f.start
    if multi:
        multi.sort(key=lambda g: min(min(abs(t.start() - (m.start - offset)) for m in g) for t in f.triggers))
    if multi and (not slot or all(m in multi[0] for m in slot)
                  or BETWEEN_BEFORE.search(a.text[offset:multi[0][0].start][-40:])):
        g = multi[0]
        if CO_SPONSORS_BEFORE.search(a.text[max(offset, g[0].start - 40):g[0].start]):
            return []  # "Die Sponsoren Red Bull und Puma zogen sich zurück"
        slot = [m for m in slot if m in g or not any(m in x for x in multi)]
        # "Leica und Panasonic ... mit X" adds X to the group
        extra = [m for m in slot if m not in g]
        if g[0] in slot and not extra and WITH_BEFORE.search(a.text[max(offset, g[0].start - 40):g[0].start]):
            # "A in joint venture with B, C": the subject before the slot joins
            extra = [m for m in f.parties if m not in g and m.end <= g[0].start
                     and not any(m in x for x in multi)][:1]
            if not extra and g[0] in slot:
                # "Gespräche mit Mercedes und Ferrari scheiterten": talks of the unnamed
                # subject (the sentence before, else the article's main organization)
                # with each of them, not of the two with each other
                subject = pronoun_subject(f.kb, a, f.sent, f.lang) or f.focus
                if subject is None or subject.org_id in {m.org_id for m in g}:
                    return []
                f.names.setdefault(subject.org_id, subject.canonical)
                return [f.observation([subject.org_id, m.org_id], f.confidence - 0.2) for m in g]
        return [f.observation([m.org_id for m in g + extra], f.confidence)]
    if slot:
        return _subject_and_slots(f, slot)
    if len(f.parties) == 2 and any(not DEFINITE_BEFORE.search(f.text[:t.start()]) for t in f.strong):
        return [f.observation([m.org_id for m in f.parties], f.confidence - 0.15)]
    return []  # "the consortium now holds 20 pct, against 55 pct for Boeing": it names one of them


def _subject_and_slots(f: TriggerSentence, slot: list[Mention]) -> list[Observation]:
    """"A arbeitet mit B und mit C": the first party outside a slot (else the article's
    main organization) with each partner; several partners take their clause's status."""
    subjects = [m for m in f.parties if m not in slot]
    if not subjects and f.focus is not None and f.focus.org_id not in {m.org_id for m in slot}:
        subjects = [f.focus]
    out: list[Observation] = []
    if subjects:
        subj = subjects[0]
        for p in slot:
            if p.org_id != subj.org_id:
                local = (slot_status(f.text, p, f.start, f.lang, f.plural)
                         if len(f.parties) > 2 or len(slot) > 1 else None)
                out.append(f.observation([subj.org_id, p.org_id], f.confidence, local))
    return out


def _one(f: TriggerSentence, slot: list[Mention]) -> list[Observation]:
    """One party: its partner is the subject of the sentence before, the article's
    main organization, or (no slot) it continues its latest cooperation."""
    if not (f.strong or (slot and any(SLOT_TRIGGER.match(t.group()) for t in f.triggers))):
        return []
    only = f.parties[0]
    subject = pronoun_subject(f.kb, f.article, f.sent, f.lang) if slot else None
    if subject is not None and subject.org_id != only.org_id:
        f.names.setdefault(subject.org_id, subject.canonical)
        return [f.observation([subject.org_id, only.org_id], f.confidence - 0.1)]
    if slot and f.focus is not None and f.focus.org_id != only.org_id:
        return [f.observation([f.focus.org_id, only.org_id], f.confidence - 0.2)]
    # refers back: "Die Kooperation ..." updates the latest cooperation with this org
    c = latest_with(f.previous, only.org_id, f.sent)
    return [c.continued(f.status, f.since, f.sent, f.confidence - 0.2)] if c is not None else []


def _none(f: TriggerSentence) -> list[Observation]:
    """No party, but "Die Kooperation ...": the cooperation just reported, else the
    two organizations named just before."""
    c = latest_recent(f.previous, f.sent)
    if c is not None:
        return [c.continued(f.status, f.since, f.sent, max(0.5, f.confidence - 0.25))]
    ids = preceding_pair(f.kb, f.article, f.sent, f.lang)
    return [f.observation(ids, 0.5)] if ids else []
