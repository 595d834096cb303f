"""Which organization mentions of a sentence are parties, and how they are grouped.

A medium that only reports ("berichtet die Zeitschrift Capital") is no party, nor
a name before a title ("Treasury Secretary"), the subject of the talks ("talks ...
on rescuing X") or a description that stands beside
a name (apposition). Two coordinated names the KB merged are two parties.
Coordinated runs ("Panasonic, Sigma und Leica"), partner slots ("mit X") and
"zwischen X und Y" give the structure pairing.py reads.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...article import Article, Mention
from ...kb import KnowledgeBase
from ...names import fold, unknown_org_id
from .cues import (BETWEEN_HEAD, COORD, MEDIA_WORDS, NAMED_AS, ORIGIN, PARENT_OF_NEXT, PARTNER_SLOT,
                   QUOTED_NAME, REPORTING, TICKER, TITLE_AFTER, TOPIC_BEFORE)


def parties_in(kb: KnowledgeBase, a: Article, sent: int, lang: str) -> list[Mention]:
    """The organization mentions of a sentence that can be parties."""
    s = a.sentences[sent]
    out = []
    topics: set[str] = set()
    for m in a.mentions:
        if m.label != "ORG" or not m.org_id or m.sent != sent:
            continue
        before = a.text[max(s.start, m.start - 60):m.start]
        if _only_reports(kb, m, before, lang):
            continue
        if NAMED_AS.search(before):
            continue  # "das unter dem Namen New European Pipeline AG firmiert": the venture itself
        if PARENT_OF_NEXT.match(a.text, m.end):
            continue  # "die BASF-Tochter Wintershall": Wintershall is the party
        if TITLE_AFTER[lang].match(a.text, m.end):
            continue  # "Treasury Secretary James Baker", "Asahi Shimbun newspaper"
        if TOPIC_BEFORE[lang].search(before):
            topics.add(m.org_id)  # "talks ... on rescuing Nonoc Mining": what the talks are about
            continue
        out.append(m)
    out = [m for m in out if m.org_id not in topics]  # also its acronym: "(NMIC)"
    named = {m.org_id for m in out if m.kind in ("name", "brand")}
    if len(named) >= 2:  # "the group"/"das Unternehmen" only stands in for a missing name
        out = [m for m in out if m.kind != "anaphor"]
    # "The company ... with Holland Systems": a description resolved to a name
    # of the same sentence says nothing new (and is often resolved wrongly)
    out = [m for m in out if m.kind not in ("anaphor", "descriptor") or m.org_id not in named]
    return [m for m in out if not _appositive(a, m, out)]


def _only_reports(kb: KnowledgeBase, m: Mention, before: str, lang: str) -> bool:
    """A medium the sentence cites: a KB medium or agency, or a name the KB does not
    know after a medium's word ("laut der Zeitschrift ...")."""
    org = kb.orgs.get(m.org_id)
    if org is not None:
        return org.type in ("media", "agency") and bool(REPORTING[lang].search(before))
    if REPORTING[lang].search(before) and m.kind == "name":
        cue_before = before.lower()
        return any(w in cue_before for w in MEDIA_WORDS)
    return False


def _appositive(a: Article, m: Mention, ms: list[Mention]) -> bool:
    """A description next to a name ("Die Firma, Cyanogen Inc.", "Lumora, the
    company") is that name, not a second party."""
    if m.kind not in ("anaphor", "descriptor"):
        return False
    for n in ms:
        if n is m or n.kind not in ("name", "brand"):
            continue
        gap = a.text[m.end:n.start] if n.start >= m.end else a.text[n.end:m.start]
        if re.fullmatch(r"\s*[,(–-]?\s*", gap) and gap.strip():
            return True
    return False


def split_coordinated_namesakes(a: Article, ms: list[Mention]) -> list[Mention]:
    """"Bayer und Monsanto": two different names the writer coordinates are two
    organizations, even where the KB has since made one a brand or alias of the
    other (an acquisition after the article). The later one keeps its own name."""
    out = list(ms)
    for k, m in enumerate(out):
        if m.kind not in ("name", "brand"):
            continue
        for prev in out[:k]:
            if (prev.org_id == m.org_id and prev.kind in ("name", "brand") and prev.end <= m.start
                    and COORD.match(TICKER.sub("", a.text[prev.end:m.start]))
                    and not same_name(prev.text, m.text)):
                out[k] = replace(m, org_id=unknown_org_id(m.text), canonical=m.text)  # the id of a non-KB name
                break
    return out


def same_name(a: str, b: str) -> bool:
    """One name contains the other, or one abbreviates the other ("VW", "Volkswagen")."""
    fa, fb = fold(a), fold(b)
    if fa in fb or fb in fa:
        return True
    short, long_ = sorted((a, b), key=len)
    initials = "".join(w[0] for w in re.findall(r"[A-Za-zÄÖÜäöü]+", long_)).lower()
    return short.isupper() and (short.lower() == initials or short.lower()[0] == long_[:1].lower())


def first_per_org(ms: list[Mention]) -> list[Mention]:
    """One mention per organization, the first."""
    seen: set[str] = set()
    out = []
    for m in ms:
        if m.org_id not in seen:
            seen.add(m.org_id)
            out.append(m)
    return out


def coordinated_groups(a: Article, ms: list[Mention]) -> list[list[Mention]]:
    """Coordinated runs of organizations: "Panasonic, Sigma und Leica"."""
    groups: list[list[Mention]] = []
    for m in ms:
        if groups:
            prev = groups[-1][-1]
            between = ORIGIN.sub("", TICKER.sub("", a.text[prev.end:m.start]))
            if prev.end <= m.start and COORD.match(between):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def mask_groups(a: Article, offset: int, text: str, ms: list[Mention]) -> str:
    """``text`` with each coordinated run of several names blanked out, so that the
    commas inside "Panasonic, Sigma und Leica" do not end a clause."""
    masked = list(text)
    for g in coordinated_groups(a, ms):
        if len(g) > 1:
            for k in range(g[0].start - offset, g[-1].end - offset):
                masked[k] = "x"
    return "".join(masked)


def in_partner_slot(a: Article, offset: int, m: Mention, lang: str) -> bool:
    """The mention fills a partner slot: "mit X", "with X", "Partner von X"."""
    return bool(PARTNER_SLOT[lang].search(a.text[max(offset, m.start - 60):m.start]))


def between_group(offset: int, text: str, triggers: list[re.Match],
                  multi: list[list[Mention]]) -> list[Mention] | None:
    """ "a joint venture between X and Y", "Partnerschaft zwischen X und Y": the
    coordination after "between" near a trigger is the whole party list, whatever
    else the sentence names."""
    for g in multi:
        head = text[:g[0].start - offset]
        m = BETWEEN_HEAD.search(head)
        if not m:
            continue
        if any(m.start() - 40 <= t.start() <= m.start() + 1 or t.start() == m.start() for t in triggers):
            return g
    return None


def venture_name(text: str) -> str | None:
    """A quoted proper name in the sentence: the joint brand, venture or alliance
    ("als „L² Technology“ zusammen", "die „L-Mount Alliance“ gegründet")."""
    for m in QUOTED_NAME.finditer(text):
        name = m.group(1).strip()
        if 1 <= len(name.split()) <= 4 and name[:1].isupper():
            return name
    return None


def without_venture(ms: list[Mention], venture: str) -> list[Mention]:
    """The mentions other than the venture itself ("im Gemeinschaftsunternehmen
    „L² Technology“": the venture is no party)."""
    return [m for m in ms if fold(m.text) != fold(venture) and fold(m.canonical or "") != fold(venture)]
