"""Which words make a sentence a candidate, and which make it no cooperation after all.

A trigger inside an organization's name ("Star Alliance") or opening a joint
statement does not count; a weak one ("gemeinsam", "talks") needs a clear party
structure; one whose clause reports an acquisition, stake or lawsuit is excluded;
a negated one drops the sentence.
"""
from __future__ import annotations

import re

from ...article import Article
from .cues import (EXCLUDE, JOINT_STATEMENT, LABOR, NEGATION, NOT_ONLY, TALKS_TRIGGER, RULED_OUT, THAT_CLAUSE, TRIGGERS, UNNAMED_SLOT,
                   WEAK)


def find_triggers(a: Article, sent: int, text: str, lang: str) -> list[re.Match]:
    """The triggers in ``text`` (sentence ``sent``), outside organization names and
    joint statements ("gemeinsame Erklärung" is no working relationship)."""
    start = a.sentences[sent].start
    spans = [(m.start - start, m.end - start) for m in a.mentions
             if m.sent == sent and m.label == "ORG" and m.kind == "name"]
    return [t for t in TRIGGERS[lang].finditer(text)
            if not any(b <= t.start() < e for b, e in spans)
            and not JOINT_STATEMENT[lang].match(text, t.start())]


def strong_triggers(triggers: list[re.Match], lang: str) -> list[re.Match]:
    """The triggers that count on their own, without a clear party structure."""
    return [t for t in triggers if not WEAK[lang].search(t.group().lower())]


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]; a "dass/that" clause keeps its frame."""
    seps = (",", ";", " / ", " – ", " - ", ":")
    b = max([text.rfind(x, 0, start) for x in seps] + [0])
    ends = [i for i in (text.find(x, end) for x in seps) if i != -1]
    e = min(ends) if ends else len(text)
    if THAT_CLAUSE.match(text[b:e]) and b > 0:
        b = max([text.rfind(x, 0, b) for x in seps] + [0])
    return b, e


def clean_clauses(text: str, triggers: list[re.Match], lang: str) -> list[tuple[int, int]]:
    """The triggers' clauses without an acquisition, stake or lawsuit: "Apple sued
    Samsung, while Google partnered with HTC" keeps Google and HTC."""
    return [(b, e) for b, e in (clause_around(text, t.start(), t.end()) for t in triggers)
            if not EXCLUDE[lang].search(text[b:e])]


def unnamed_partners(text: str, triggers: list[re.Match], lang: str) -> bool:
    """A trigger followed by unnamed partners: "in Zusammenarbeit mit verschiedenen
    Herstellern" names no partner."""
    return any(UNNAMED_SLOT[lang].search(text[t.end():t.end() + 40]) for t in triggers)


def labor_talks(text: str, triggers: list[re.Match], lang: str) -> bool:
    """Talks of unions or about wages ("die Gewerkschaften brachen die Gespräche mit
    dem Fachverband ab"): collective bargaining, no cooperation."""
    return all(TALKS_TRIGGER.match(t.group()) for t in triggers) and bool(LABOR[lang].search(text))


def negated_trigger(text: str, triggers: list[re.Match], lang: str) -> bool:
    """A negation just before a trigger or inside it ("keine Kooperation"), except
    "nicht nur"; or the trigger's clause rules the cooperation out ("kein Thema")."""
    return any(NEGATION[lang].search(text[max(0, t.start() - 25):t.start()])
               or NEGATION[lang].search(NOT_ONLY.sub(" ", t.group()[1:]))
               or RULED_OUT[lang].search(text, *clause_around(text, t.start(), t.end())) for t in triggers)
