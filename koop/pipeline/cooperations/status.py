"""The status a sentence reports, and since when a cooperation exists, from cue words.

The spec's table maps cue words to stages; a sentence often has cues of several
stages ("Die 2018 gegründete Allianz besteht immer noch"), so cue_status settles
which one it reports, with negation and modality. The clause of the trigger
decides first, the whole sentence can overrule it.
"""
from __future__ import annotations

import re
from typing import Iterable

from ...article import Article, Mention
from .cues import (DATE_IN, EXPANSION, FOUNDED, NEGATION, NOW, SEEKING, SETTLED_NEWS,
                   SINCE_CUE, STATUS_CUES, TALKS_GO_ON)
from .observations import CooperationDraft, Observation
from .triggers import clause_around


def cue_status(text: str, lang: str, plural_subject: bool) -> tuple[str | None, bool]:
    """(status, negated) from the cue words of one sentence or clause."""
    found = [st for st, rx in STATUS_CUES[lang] if rx.search(text) and not _all_negated(rx, text, st, lang)]
    negated = bool(NEGATION[lang].search(text))
    if not found:
        return None, negated
    if "failed" in found:
        return "failed", False
    if "ended" in found:
        return "ended", False
    if EXPANSION[lang].search(text) and ({"active", "announced", "planned"} & set(found)):
        return "active", negated  # an expansion, even a planned one, is of an existing cooperation
    if "talks" in found and "active" in found and not dict(STATUS_CUES[lang])["active"].search(
            TALKS_GO_ON[lang].sub(" ", text)):
        return "talks", negated  # "talks continued", "weiterhin Gespräche": still talks
    if "active" in found and "announced" in found:
        # "2018 gegründet, die immer noch besteht" vs "jetzt ... zusammen": the
        # continuation cue wins unless the sentence is about something new now
        return ("announced" if NOW.search(text) else "active"), negated
    if "announced" in found:
        if "planned" in found and not plural_subject and not SETTLED_NEWS.search(text):
            return "planned", negated
        return "announced", negated
    if "active" in found:
        return "active", negated
    if "talks" in found:
        if "planned" in found and SEEKING.search(text):
            return "planned", negated
        return "talks", negated
    return "planned", negated


def _all_negated(rx: re.Pattern, text: str, status: str, lang: str) -> bool:
    """"no agreement had been reached", "noch nicht unterzeichnet": an agreement cue
    whose every occurrence is negated reports no agreement."""
    if status != "announced":
        return False
    return all(NEGATION[lang].search(text[max(0, m.start() - 20):m.start()]) for m in rx.finditer(text))


def trigger_status(text: str, masked: str, triggers: list[re.Match], lang: str, plural: bool) -> str | None:
    """The status of the first trigger clause with a cue (clauses cut in ``masked``,
    where coordinated names hide their commas); a failure or end anywhere in the
    sentence wins, and so does "active" over "announced". None: no cue the lead
    could not overrule (see references.lead_status)."""
    status = None
    for t in triggers:
        b, e = clause_around(masked, t.start(), t.end())
        status, _ = cue_status(text[b:e], lang, plural)
        if status:
            break
    whole, _ = cue_status(text, lang, plural)
    if status is None:
        status = whole if whole in ("failed", "ended", "talks", "announced") else None
    elif whole in ("failed", "ended") or (status == "announced" and whole == "active"):
        status = whole
    return status


def slot_status(text: str, p: Mention, offset: int, lang: str, plural: bool) -> str | None:
    """Status from the clause around one partner slot (several triggers in one sentence)."""
    b, e = clause_around(text, p.start - offset, p.end - offset)
    st, _ = cue_status(text[b:e], lang, plural)
    return st


def since_date(a: Article, sent: int, lang: str) -> str | None:
    """The earliest date the sentence gives as a start: after "seit"/"since", or any
    year in a sentence about founding ("2018 gegründet")."""
    s = a.sentences[sent]
    text = a.text[s.start:s.end]
    values = []
    for d in a.dates:
        if d.sent != sent or not d.value:
            continue
        before = a.text[max(s.start, d.start - 12):d.start]
        inside = d.text.lower()
        if SINCE_CUE[lang].search(before) or inside.startswith(("seit", "since")):
            if DATE_IN[lang].search(before) and not FOUNDED[lang].search(text):
                continue  # "im Mai": a date, not a start
            values.append(d.value)
        elif FOUNDED[lang].search(text) and re.fullmatch(r"\d{4}(-\d\d)?", d.value):
            values.append(d.value)
    return min(values) if values else None


def date_undated(a: Article, drafts: Iterable[CooperationDraft], lang: str) -> None:
    """A cooperation without a start date takes one from the first sentence that
    names both parties with "seit ..." (it dates an existing cooperation)."""
    for c in drafts:
        if any(o.since for o in c.obs):
            continue
        for sent in range(len(a.sentences)):
            ids = {m.org_id for m in a.mentions if m.sent == sent and m.label == "ORG"}
            if c.ids <= ids:
                since = since_date(a, sent, lang)
                if since:
                    c.obs.append(Observation(c.parties(), c.names, "active", since, sent, 0.4))
                    break
