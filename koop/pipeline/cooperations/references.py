"""Sentences that refer back to what the article said before.

News tells a cooperation over several sentences: "Die Gespräche sind gescheitert"
or "Die beiden Konzerne unterzeichneten ..." report the next stage of the
cooperation just found, "It makes trucks with MHI" continues the subject of the
sentence before, and the lead's news frame gives the status of a sentence without
cues of its own. A reference reaches back only two or three sentences.
"""
from __future__ import annotations

from ...article import Article, Mention
from ...kb import KnowledgeBase
from .cues import ANAPHORIC, BOTH, EXCLUDE, LEAD_NEWS, PRONOUN_START
from .observations import CooperationDraft, Observation
from .parties import parties_in
from .status import cue_status, since_date


def refers_back(text: str, lang: str, uniq: list[Mention], previous: list[CooperationDraft],
                sent: int) -> CooperationDraft | None:
    """The cooperation a sentence refers back to ("Diese Gespräche ...", "die beiden
    Unternehmen ...") when it names no organization outside it."""
    if not previous or not (ANAPHORIC[lang].search(text) or BOTH[lang].search(text)):
        return None
    c = previous[-1]
    if not c.obs or sent - c.obs[-1].sent > 3 or not uniq:
        return None  # (a sentence without any organization: see latest_recent)
    return c if all(m.org_id in c.ids for m in uniq if m.kind in ("name", "brand")) else None


def follow_up(a: Article, sent: int, lang: str, previous: list[CooperationDraft]) -> list[Observation]:
    """"Eine entsprechende Absichtserklärung unterzeichneten die beiden Konzerne":
    a sentence about "the two companies" just after a cooperation of two reports
    its next stage, though it names no cooperation itself."""
    s = a.sentences[sent]
    text = a.text[s.start:s.end]
    if not previous or not BOTH[lang].search(text):
        return []
    c = previous[-1]
    if len(c.ids) != 2 or not c.obs or sent - c.obs[-1].sent > 2:
        return []
    named = {m.org_id for m in a.mentions if m.sent == sent and m.label == "ORG" and m.kind in ("name", "brand")}
    if not named <= c.ids:
        return []
    status, negated = cue_status(text, lang, True)
    if negated or status not in ("announced", "talks", "failed", "ended"):
        return []
    return [Observation(c.parties(), dict(c.names), status, since_date(a, sent, lang), sent, 0.5)]


def latest_with(previous: list[CooperationDraft], org_id: str, sent: int) -> CooperationDraft | None:
    """"Die Kooperation mit X ...": the latest cooperation of X reported in the
    last three sentences."""
    for c in reversed(previous):
        if org_id in c.ids and c.obs and sent - c.obs[-1].sent <= 3:
            return c
    return None


def latest_recent(previous: list[CooperationDraft], sent: int) -> CooperationDraft | None:
    """"Die Kooperation ..." without any organization: the cooperation reported
    last, if within the last three sentences."""
    c = previous[-1] if previous else None
    if c is not None and c.obs and sent - c.obs[-1].sent <= 3:
        return c
    return None


def lead_status(a: Article, lang: str, ids: set[str]) -> str:
    """A sentence without a cue of its own takes the news frame of the lead:
    "Sky bringt seine Apps künftig auf Windows 10" makes the partnership
    praised further down an announcement."""
    for k in range(min(2, len(a.sentences))):
        s = a.sentences[k]
        named = {m.org_id for m in a.mentions
                 if m.sent == k and m.label == "ORG" and m.kind in ("name", "brand")}
        if named & ids and LEAD_NEWS[lang].search(a.text[s.start:s.end]):
            return "announced"  # the lead tells news about one of these parties
    return "active"


def pronoun_subject(kb: KnowledgeBase, a: Article, sent: int, lang: str) -> Mention | None:
    """"It makes trucks in cooperation with MHI": a sentence opened by a
    pronoun continues the subject of the sentence before, its first organization."""
    s = a.sentences[sent]
    if sent == 0 or not PRONOUN_START[lang].match(a.text, s.start):
        return None
    ms = [m for m in parties_in(kb, a, sent - 1, lang) if m.kind in ("name", "brand")]
    if not ms:
        return None
    opening = a.text[a.sentences[sent - 1].start:ms[0].start]
    return ms[0] if len(opening.split()) <= 2 else None  # the subject opens the sentence


def preceding_pair(kb: KnowledgeBase, a: Article, sent: int, lang: str) -> list[str] | None:
    """"Das Ergebnis dieser Kooperation": the two organizations named just before,
    unless that sentence is about an acquisition, stake or lawsuit ("in talks about
    a possible acquisition of X ... The talks were preliminary")."""
    for back in range(sent - 1, max(-1, sent - 3), -1):
        ms = [m for m in parties_in(kb, a, back, lang) if m.kind in ("name", "brand")]
        ids = list(dict.fromkeys(m.org_id for m in ms))
        if len(ids) == 2:
            s = a.sentences[back]
            return None if EXCLUDE[lang].search(a.text, s.start, s.end) else ids
        if ids:
            return None
    return None
