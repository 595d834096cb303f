"""Cooperations: their views (parties, history, status, since, sources, evidence),
timelines, summaries and filtered listings.

Derived facts are computed from observations:

- a cooperation's *history* is its observations ordered by article date
  (undated articles count as older than dated ones, then in ingest order);
- its *status* is the status of the latest observation;
- *since* is the earliest start date any article gives;
- *first/last seen* are the earliest/latest article dates;
- *sources* is the number of distinct near-duplicate groups among the
  observing articles: independent reports, not copies.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ...names import norm_name
from ..schema import articles, cooperation_parties, evidence, observations, organizations
from .organizations import Org, PartnerHit


@dataclass(frozen=True)
class ArticleRef:
    key: str
    title: str | None
    url: str | None
    date: str | None


@dataclass(frozen=True)
class Evidence:
    """An evidence sentence; ``surfaces`` maps a party's org id to the name the
    sentence uses for it when that is not the canonical name ("Daimler" for
    Mercedes-Benz), filled by ``koop.Graph`` reads (:func:`surfaces_in`)."""

    text: str
    article: ArticleRef
    surfaces: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def surfaces_in(text: str, parties: list[Org], names: dict[str, list[str]]) -> dict[str, str]:
    """Per party, the first of its stored names (``aliases_of``, longest first) that
    ``text`` contains as a whole word, as written there, unless it is the canonical name."""
    import re

    out = {}
    for p in parties:
        for alias in names.get(p.id, []):
            m = re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text, re.IGNORECASE)
            if m:
                if norm_name(m.group(0)) != norm_name(p.name):
                    out[p.id] = m.group(0)
                break
    return out


@dataclass(frozen=True)
class Observation:
    status: str
    since: str | None
    name: str | None
    confidence: float
    article: ArticleRef
    dup_group: int
    order: tuple = field(compare=False, repr=False, default=())


@dataclass
class CooperationView:
    """A merged cooperation with its history and evidence."""

    id: int
    parties: list[Org]
    status: str
    since: str | None
    name: str | None
    first_seen: str | None
    last_seen: str | None
    sources: int
    history: list[Observation]
    evidence: list[Evidence]

    @property
    def key(self) -> str:
        """The party set: sorted organization ids joined by "|"."""
        return "|".join(sorted(p.id for p in self.parties))

    @property
    def latest_evidence(self) -> Evidence | None:
        """The first (key) evidence sentence of the latest observation that has one."""
        for o in reversed(self.history):
            for e in self.evidence:
                if e.article == o.article:
                    return e
        return None

    def partners_of(self, org_id: str) -> list[Org]:
        return [p for p in self.parties if p.id != org_id]

    def to_dict(self) -> dict:
        ref = lambda a: {"id": a.key, "title": a.title, "url": a.url, "date": a.date}  # noqa: E731
        return {
            "id": self.id, "key": self.key,
            "parties": [{"id": p.id, "name": p.name} for p in self.parties],
            "name": self.name, "status": self.status, "since": self.since,
            "first_seen": self.first_seen, "last_seen": self.last_seen, "sources": self.sources,
            "history": [{"date": o.article.date, "status": o.status, "since": o.since,
                         "name": o.name, "confidence": o.confidence, "article": ref(o.article)}
                        for o in self.history],
            "evidence": [{"text": e.text, "article": ref(e.article),
                          **({"surfaces": e.surfaces} if e.surfaces else {})} for e in self.evidence],
        }


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event of an organization's cooperations.

    ``kind`` is ``start`` (a cooperation's since date) or ``observed`` (an
    article reporting a status on its date).
    """

    date: str | None
    kind: str
    status: str
    partners: list[Org]
    cooperation_id: int
    name: str | None
    article: ArticleRef | None
    evidence: str | None


def _since(values: Iterable[str | None]) -> str | None:
    """The earliest start date; of "2016" and "2016-04" the more precise one."""
    vals = sorted({v for v in values if v})
    if not vals:
        return None
    best = vals[0]
    for v in vals[1:]:
        if v.startswith(best):
            best = v
    return best


def _restrict(coop_ids: Iterable[int] | None):
    """(sorted ids or None, a filter for an id column): all cooperations when None."""
    ids = None if coop_ids is None else sorted(set(coop_ids))

    def only(col):
        return sa.true() if ids is None else col.in_(ids)

    return ids, only


def cooperation_views(conn: Connection, coop_ids: Iterable[int] | None = None
                      ) -> list[CooperationView]:
    """Merged views of the given cooperations (all when None), by id."""
    coop_ids, only = _restrict(coop_ids)
    if coop_ids == []:
        return []

    parties: dict[int, list[Org]] = defaultdict(list)
    for cid, oid, oname, linked in conn.execute(
            sa.select(cooperation_parties.c.cooperation_id, organizations.c.id,
                      organizations.c.name, organizations.c.linked)
            .join(organizations, organizations.c.id == cooperation_parties.c.org_id)
            .where(only(cooperation_parties.c.cooperation_id))
            .order_by(cooperation_parties.c.cooperation_id, organizations.c.name)):
        parties[cid].append(Org(oid, oname, bool(linked)))
    obs_rows = conn.execute(
        sa.select(observations.c.id, observations.c.cooperation_id, observations.c.status,
                  observations.c.since, observations.c.name, observations.c.confidence,
                  articles.c.id.label("aid"), articles.c.key, articles.c.title, articles.c.url,
                  articles.c.date, articles.c.dup_group)
        .join(articles, articles.c.id == observations.c.article_id)
        .where(only(observations.c.cooperation_id))).all()
    obs_ids = [r.id for r in obs_rows]
    ev: dict[int, list[str]] = defaultdict(list)
    for i in range(0, len(obs_ids), 500):
        for oid, text in conn.execute(
                sa.select(evidence.c.observation_id, evidence.c.text)
                .where(evidence.c.observation_id.in_(obs_ids[i:i + 500]))
                .order_by(evidence.c.observation_id, evidence.c.position)):
            ev[oid].append(text)
    history: dict[int, list[tuple[Observation, list[str]]]] = defaultdict(list)
    for r in obs_rows:
        ref = ArticleRef(r.key, r.title, r.url, r.date)
        o = Observation(r.status, r.since, r.name, r.confidence, ref,
                        r.dup_group if r.dup_group is not None else r.aid,
                        order=(r.date or "", r.key))  # not the row id: input order must not matter
        history[r.cooperation_id].append((o, ev.get(r.id, [])))
    views = []
    for cid in sorted(history):
        items = sorted(history[cid], key=lambda x: x[0].order)
        obs = [o for o, _ in items]
        dates = sorted(o.article.date for o in obs if o.article.date)
        names = [o.name for o in obs if o.name]
        views.append(CooperationView(
            id=cid, parties=parties.get(cid, []), status=obs[-1].status,
            since=_since(o.since for o in obs), name=names[-1] if names else None,
            first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
            sources=len({o.dup_group for o in obs}), history=obs,
            evidence=[Evidence(t, o.article) for o, texts in items for t in texts]))
    return views


def cooperation_ids_of(conn: Connection, org_id: str) -> list[int]:
    return conn.execute(sa.select(cooperation_parties.c.cooperation_id)
                        .where(cooperation_parties.c.org_id == org_id)
                        .order_by(cooperation_parties.c.cooperation_id)).scalars().all()


def cooperations_of(conn: Connection, org_id: str) -> list[CooperationView]:
    """Cooperations an organization is party to, latest-seen first."""
    views = cooperation_views(conn, cooperation_ids_of(conn, org_id))
    return sorted(views, key=lambda v: (v.last_seen or "", v.since or "", -v.id), reverse=True)


def timeline(conn: Connection, org_id: str) -> list[TimelineEvent]:
    """Dated events of an organization's cooperations, oldest first, undated last.

    Each cooperation contributes a ``start`` event at its since date and one
    ``observed`` event per article reporting on it.
    """
    events = []
    for v in cooperation_views(conn, cooperation_ids_of(conn, org_id)):
        partners = v.partners_of(org_id)
        if v.since:
            first = next((o for o in v.history if o.since == v.since), v.history[0])
            ev = next((e.text for e in v.evidence if e.article == first.article), None)
            events.append(TimelineEvent(v.since, "start", "started", partners, v.id, v.name,
                                        first.article, ev))
        for o in v.history:
            ev = next((e.text for e in v.evidence if e.article == o.article), None)
            events.append(TimelineEvent(o.article.date, "observed", o.status, partners, v.id,
                                        o.name or v.name, o.article, ev))
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.kind != "start",
                                         e.cooperation_id))


# -- filtered listings, the graph, articles (the web app, issue 4) ----------------

@dataclass(frozen=True)
class CooperationSummary:
    """A cooperation's derived facts without its evidence (cheap to compute for all).

    The fields mean what they mean in :class:`CooperationView`.
    """

    id: int
    party_ids: tuple[str, ...]
    status: str
    since: str | None
    name: str | None
    first_seen: str | None
    last_seen: str | None
    sources: int
    observations: int


def cooperation_summaries(conn: Connection, coop_ids: Iterable[int] | None = None
                          ) -> list[CooperationSummary]:
    """Status, since, name, first/last seen and sources of cooperations (all when None).

    The same rules as :func:`cooperation_views`, without loading evidence.
    RETURNS (list[CooperationSummary]): by id.
    """
    coop_ids, only = _restrict(coop_ids)
    if coop_ids == []:
        return []

    party_ids: dict[int, list[str]] = defaultdict(list)
    for cid, oid in conn.execute(
            sa.select(cooperation_parties.c.cooperation_id, cooperation_parties.c.org_id)
            .where(only(cooperation_parties.c.cooperation_id))
            .order_by(cooperation_parties.c.cooperation_id, cooperation_parties.c.org_id)):
        party_ids[cid].append(oid)
    obs: dict[int, list] = defaultdict(list)
    for r in conn.execute(
            sa.select(observations.c.cooperation_id, observations.c.status, observations.c.since,
                      observations.c.name, articles.c.id.label("aid"), articles.c.key,
                      articles.c.date, articles.c.dup_group)
            .join(articles, articles.c.id == observations.c.article_id)
            .where(only(observations.c.cooperation_id))):
        obs[r.cooperation_id].append(r)
    out = []
    for cid in sorted(obs):
        rows = sorted(obs[cid], key=lambda r: (r.date or "", r.key))
        dates = sorted(r.date for r in rows if r.date)
        names = [r.name for r in rows if r.name]
        out.append(CooperationSummary(
            id=cid, party_ids=tuple(party_ids.get(cid, ())), status=rows[-1].status,
            since=_since(r.since for r in rows), name=names[-1] if names else None,
            first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
            sources=len({r.dup_group if r.dup_group is not None else r.aid for r in rows}),
            observations=len(rows)))
    return out


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a full or partial ISO date covers, as comparable strings.

    "2016" -> ("2016-01-01", "2016-12-31"); "2016-07" -> ("2016-07-01", "2016-07-31").
    (Every month is given 31 days: only the order of the strings matters.)
    """
    parts = value[:10].split("-")
    lo = parts + ["01"] * (3 - len(parts))
    hi = parts + ["12", "31"][len(parts) - 1:]
    return "-".join(lo[:3]), "-".join(hi[:3])


@dataclass(frozen=True)
class CooperationFilter:
    """Which cooperations to list.

    Args:
        statuses (tuple[str]): current statuses to keep (empty: all).
        party (str): an organization id the cooperation must include.
        date_from (str): ISO date (or partial: "2016", "2016-07"); keep cooperations
            whose known time span reaches at least this date.
        date_to (str): keep cooperations whose known time span starts by this date.
        min_sources (int): at least this many independent reports.

    A cooperation's *time span* runs from the earliest to the latest of its since
    date and the dates of the articles that report it. With a date bound set,
    cooperations without any date are left out.
    """

    statuses: tuple[str, ...] = ()
    party: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_sources: int = 1

    def matches(self, s: CooperationSummary) -> bool:
        if self.statuses and s.status not in self.statuses:
            return False
        if self.party and self.party not in s.party_ids:
            return False
        if s.sources < self.min_sources:
            return False
        if self.date_from or self.date_to:
            dates = [d for d in (s.since, s.first_seen, s.last_seen) if d]
            if not dates:
                return False
            start = min(date_bounds(d)[0] for d in dates)
            end = max(date_bounds(d)[1] for d in dates)
            if self.date_from and end < date_bounds(self.date_from)[0]:
                return False
            if self.date_to and start > date_bounds(self.date_to)[1]:
                return False
        return True


def _latest_first(s) -> tuple:
    return (s.last_seen or "", s.since or "", -s.id)


def filter_cooperations(conn: Connection, flt: CooperationFilter) -> list[CooperationSummary]:
    """Summaries of the cooperations ``flt`` keeps, most recently reported first."""
    ids = cooperation_ids_of(conn, flt.party) if flt.party else None
    return sorted((s for s in cooperation_summaries(conn, ids) if flt.matches(s)),
                  key=_latest_first, reverse=True)


def list_cooperations(conn: Connection, flt: CooperationFilter, limit: int = 50,
                      offset: int = 0) -> tuple[int, list[CooperationView]]:
    """One page of the cooperations ``flt`` keeps, most recently reported first.

    RETURNS (tuple[int, list[CooperationView]]): the number of matches and the page.
    """
    hits = filter_cooperations(conn, flt)
    page = [s.id for s in hits[offset:offset + limit]]
    views = {v.id: v for v in cooperation_views(conn, page)}
    return len(hits), [views[i] for i in page]


def partners(conn: Connection, org_id: str, depth: int = 1) -> list[PartnerHit]:
    """Partners up to ``depth`` steps away (breadth first; each organization once)."""
    seen = {org_id}
    frontier: dict[str, list[Org]] = {org_id: []}
    hits: list[PartnerHit] = []
    for level in range(1, max(1, depth) + 1):
        if not frontier:
            break
        cp1, cp2 = cooperation_parties.alias("cp1"), cooperation_parties.alias("cp2")
        rows = conn.execute(
            sa.select(cp1.c.org_id.label("src"), cp2.c.org_id.label("dst"), cp1.c.cooperation_id)
            .join(cp2, sa.and_(cp1.c.cooperation_id == cp2.c.cooperation_id,
                               cp1.c.org_id != cp2.c.org_id))
            .where(cp1.c.org_id.in_(list(frontier)))
            .order_by(cp1.c.org_id, cp2.c.org_id, cp1.c.cooperation_id)).all()
        views = {v.id: v for v in cooperation_views(conn, {r.cooperation_id for r in rows})}
        nxt: dict[str, list[Org]] = {}
        best: dict[str, tuple] = {}
        for r in rows:
            if r.dst in seen:
                continue
            v = views[r.cooperation_id]
            cand = (-v.sources, r.src, r.cooperation_id)
            if r.dst not in best or cand < best[r.dst][0]:
                best[r.dst] = (cand, r, v)
        for dst in sorted(best, key=lambda d: (best[d][0], d)):
            _, r, v = best[dst]
            org = next(p for p in v.parties if p.id == dst)
            src_org = next(p for p in v.parties if p.id == r.src)
            via = frontier[r.src] + ([src_org] if r.src != org_id else [])
            hits.append(PartnerHit(org, level, via, v.id, v.status, v.sources))
            nxt[dst] = via
            seen.add(dst)
        frontier = nxt
    return hits
