"""Cooperations told by a structure rather than a trigger: co-ownership of a company,
member lists of a consortium, and standing alliances.

"owned 50 pct by A and 50 pct by B" makes A and B a joint venture, and an article
naming "Star Alliance" with two of its members reports them as cooperating, in
sentences that may hold no cooperation word at all.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...article import Article, Mention
from ...kb import KnowledgeBase
from .cues import BOTH, CO_OWNED, CO_OWNER_GAP, GROUP_OF_MEMBERS, MEMBER_LIST, SELL_STAKES, TICKER
from .observations import CooperationDraft, Observation
from .parties import coordinated_groups, first_per_org, parties_in
from .status import cue_status, since_date


@dataclass(frozen=True)
class Alliance:
    """A standing alliance of known members (koop/data/alliances.json)."""

    name: str
    members: frozenset
    pattern: re.Pattern


@lru_cache(maxsize=1)
def standing_alliances() -> tuple[Alliance, ...]:
    """The shipped alliances, read once."""
    data = json.loads(resources.files("koop").joinpath("data/alliances.json").read_text(encoding="utf-8"))
    return tuple(Alliance(al["name"], frozenset(al["members"]),
                          re.compile(r"\b(?:" + "|".join(re.escape(t) for t in al["terms"]) + r")", re.I))
                 for al in data["alliances"])


def known_alliances(kb: KnowledgeBase) -> list[Alliance]:
    """The alliances of which the KB knows at least two members (others could never
    yield a pair)."""
    return [al for al in standing_alliances() if sum(i in kb.orgs for i in al.members) >= 2]


def alliance_observations(alliances: list[Alliance], a: Article, lang: str) -> list[Observation]:
    """A standing alliance the article names ("die Sozialpartner", "Star Alliance"),
    with at least two of its members named in the article: they cooperate."""
    out = []
    for al in alliances:
        sent = next((i for i, s in enumerate(a.sentences) if al.pattern.search(a.text, s.start, s.end)), None)
        if sent is None:
            continue
        seen: dict[str, str] = {}
        for m in a.mentions:
            if m.label == "ORG" and m.org_id in al.members and m.kind in ("name", "brand"):
                seen.setdefault(m.org_id, m.canonical or m.org_id)
        if len(seen) < 2:
            continue
        s = a.sentences[sent]
        status, _ = cue_status(a.text[s.start:s.end], lang, True)
        out.append(Observation(tuple(seen), seen, status if status in ("failed", "ended") else "active",
                               None, sent, 0.6, al.name))
    return out


def member_list_observations(kb: KnowledgeBase, a: Article, lang: str) -> list[Observation]:
    """"Members include A, B and C" / "The partners, A of France, B and C, hold ...":
    the members a sentence lists of a consortium or alliance it or one of the two
    sentences before names are partners, at the stage that sentence reports."""
    out = []
    for sent, s in enumerate(a.sentences):
        context = [k for k in range(sent, max(-1, sent - 3), -1)
                   if GROUP_OF_MEMBERS[lang].search(a.text, a.sentences[k].start, a.sentences[k].end)]
        if not context:
            continue
        for g in coordinated_groups(a, first_per_org(parties_in(kb, a, sent, lang))):
            if len(g) < 2 or not MEMBER_LIST[lang].search(a.text[max(s.start, g[0].start - 60):g[0].start]):
                continue
            k = context[0]
            status, _ = cue_status(a.text[a.sentences[k].start:a.sentences[k].end], lang, True)
            ids = [m.org_id for m in g]
            out.append(Observation(tuple(ids), {m.org_id: m.canonical or m.text for m in g},
                                   status or "active", since_date(a, sent, lang) or since_date(a, k, lang),
                                   sent, 0.6))
    return out


def co_owner_observations(a: Article, lang: str, previous: list[CooperationDraft]) -> list[Observation]:
    """"... which is owned 50 pct by A and 50 pct by B": co-owners of one company
    run a joint venture. "the two Swedish firms" among the owners stands for the
    pair just reported. Selling their stakes ("A and B decided to sell their
    combined stake") ends it."""
    out = []
    for sent, s in enumerate(a.sentences):
        for hit in CO_OWNED[lang].finditer(a.text, s.start, s.end):
            owners = _owners_after(a, sent, hit.end(), lang)
            pos = owners[-1].end if owners else hit.end()
            ids = list(dict.fromkeys(m.org_id for m in owners))
            names = {m.org_id: m.canonical or m.text for m in owners}
            both = BOTH[lang].search(a.text, pos, min(s.end, pos + 60))
            if both and CO_OWNER_GAP[lang].match(TICKER.sub("", a.text[pos:both.start()])) and previous:
                c = next((c for c in reversed(previous) if len(c.ids) == 2 and c.obs and c.obs[0].sent < sent), None)
                if c is not None:
                    ids += [i for i in c.parties() if i not in ids]
                    names.update({i: n for i, n in c.names.items() if i not in names})
            if len(ids) >= 2:
                status, _ = cue_status(a.text[s.start:s.end], lang, True)
                out.append(Observation(tuple(ids), names, status if status in ("failed", "ended") else "active",
                                       since_date(a, sent, lang), sent, 0.6))
    for o in list(out):  # "A and B decided to sell their stakes": ended
        for sent, s in enumerate(a.sentences):
            named = {m.org_id for m in a.mentions if m.sent == sent and m.label == "ORG" and m.org_id}
            if set(o.parties) <= named and SELL_STAKES.search(a.text[s.start:s.end]):
                out.append(Observation(o.parties, o.names, "ended", None, sent, 0.6))
                break
    return out


def _owners_after(a: Article, sent: int, pos: int, lang: str) -> list[Mention]:
    """The named organizations listed right after "owned ... by" (each "N pct by")."""
    owners: list[Mention] = []
    for m in sorted((m for m in a.mentions if m.sent == sent and m.label == "ORG" and m.org_id
                     and m.kind in ("name", "brand") and m.start >= pos), key=lambda m: m.start):
        gap = TICKER.sub("", a.text[pos:m.start])
        if (not owners and gap.strip()) or (owners and not CO_OWNER_GAP[lang].match(gap)):
            break
        owners.append(m)
        pos = m.end
    return owners
