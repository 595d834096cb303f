"""Merges the observations of one set of parties into one Cooperation, and picks
the names to report.

An article reports a cooperation in several sentences and stages; the result
keeps the latest stage (PRIORITY), the earliest start, every evidence sentence,
and the names the article itself uses.
"""
from __future__ import annotations

from ...article import Article, Cooperation
from ...kb import KnowledgeBase
from ...names import fold, strip_legal
from .cues import NOW, PRIORITY
from .observations import CooperationDraft


def party_name(kb: KnowledgeBase, org_id: str, previous: list[CooperationDraft]) -> str:
    """The name an earlier cooperation of the article gave the organization, else
    the KB's name."""
    for c in previous:
        if org_id in c.names:
            return c.names[org_id]
    org = kb.orgs.get(org_id)
    return org.name if org else org_id


def article_names(kb: KnowledgeBase, a: Article) -> dict[str, str]:
    """Per organization, the name to report: the KB's canonical name when the
    article uses it, else the article's own most frequent exact name (legal
    form stripped): a 1987 story about "Matsushita" reports Matsushita."""
    surfaces: dict[str, dict[str, int]] = {}
    for m in a.mentions:
        if m.label == "ORG" and m.org_id and m.kind == "name" and m.score >= 0.9:
            name = strip_legal(m.text) or m.text
            d = surfaces.setdefault(m.org_id, {})
            d[name] = d.get(name, 0) + 1
    out = {}
    for oid, d in surfaces.items():
        org = kb.orgs.get(oid)
        if org is None or any(fold(n) == fold(org.name) for n in d):
            continue
        best = max(d, key=lambda n: (d[n], n[:1].isupper() and not n.isupper(), len(n)))
        out[oid] = best if not best.isupper() or len(best) <= 5 else best.title()
    return out


def canonical_parties(kb: KnowledgeBase, coops: list[Cooperation]) -> list[Cooperation]:
    """Report each party by its canonical (knowledge-base) name, the name entities
    carry, and keep the article's wording beside it in ``surfaces``. Which
    cooperations and parties were found does not change."""
    for c in coops:
        if not c.surfaces:
            c.surfaces = list(c.parties)
        ids = c.party_ids + [None] * (len(c.parties) - len(c.party_ids))
        c.parties = [kb.orgs[i].name if i in kb.orgs else name for i, name in zip(ids, c.surfaces)]
    return coops


def long_before(since: str | None, date: str | None) -> bool:
    """True when ``since`` lies more than a year before the article's date."""
    if not since or not date or not since[:4].isdigit() or not date[:4].isdigit():
        return False
    months = lambda d: int(d[:4]) * 12 + (int(d[5:7]) if len(d) >= 7 and d[5:7].isdigit() else 6)
    return months(date) - months(since) > 12


def merge(a: Article, c: CooperationDraft) -> Cooperation:
    """One Cooperation from all observations of one set of parties."""
    status = max((o.status for o in c.obs if o.confidence >= 0.4),
                 key=lambda st: PRIORITY[st], default=c.obs[0].status)
    sinces = [o.since for o in c.obs if o.since]
    ordered = sorted(c.obs, key=lambda o: o.sent)
    ids = [i for i in ordered[0].parties]
    for o in ordered[1:]:
        ids += [i for i in o.parties if i not in ids]
    sents = sorted({o.sent for o in c.obs})
    spans = [a.sentences[i].span() for i in sents]
    confidence = min(0.99, max(o.confidence for o in c.obs) + 0.05 * (len(sents) - 1))
    named = [o.name for o in ordered if o.name]
    since = min(sinces) if sinces else None
    if status == "announced" and long_before(since, a.date) and not any(
            NOW.search(a.text[s:e]) for s, e in spans):
        status = "active"  # "set up by A and B in 1984", told in 1987: it exists, it is not news
    return Cooperation(
        name=named[-1] if named else None,
        parties=[c.names.get(i) or i for i in ids], status=status,
        since=since,
        evidence=[a.text[s:e] for s, e in spans], evidence_spans=spans,
        confidence=round(confidence, 3), party_ids=ids,
    )
