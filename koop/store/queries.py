"""Read queries over the graph: organizations, cooperations, history, search, stats.

Every function takes a Connection and returns plain dataclasses; the SQL is
portable Core. Derived facts are computed from observations:

- a cooperation's *history* is its observations ordered by article date
  (undated articles count as older than dated ones, then in ingest order);
- its *status* is the status of the latest observation;
- *since* is the earliest start date any article gives;
- *first/last seen* are the earliest/latest article dates;
- *sources* is the number of distinct near-duplicate groups among the
  observing articles: independent reports, not copies.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import KoopError
from ..names import fold_accents, norm_name
from .schema import (articles, cooperation_parties, cooperations, evidence, lsh_buckets,
                     observations, org_aliases, org_mentions, organizations, people,
                     person_mentions, quotes, sources)

log = logging.getLogger(__name__)

FUZZY_CUTOFF = 80  # rapidfuzz ratio (0-100) for typo matches of organization names


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    linked: bool = True


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


@dataclass(frozen=True)
class PartnerHit:
    org: Org
    depth: int
    via: list[Org]  # the path from the queried organization (exclusive) to this one
    cooperation_id: int
    status: str
    sources: int


# -- organization lookup ----------------------------------------------------

@lru_cache(maxsize=1)
def _kb_resolver() -> Callable[[str], tuple[str, bool] | None] | None:
    """The knowledge base's name -> (org id, exact) linker (``koop.kb``), if it loads.

    ``exact`` is False when the knowledge base corrected a typo."""
    try:
        from ..kb import default_kb, fold as kb_fold, strip_legal

        kb = default_kb()
    except Exception as e:  # no usable KB: fall back to the graph's own names
        log.debug("knowledge base unavailable: %s", e)
        return None

    def resolve(name: str) -> tuple[str, bool] | None:
        try:
            org = kb.resolve(name)
            if org is None:
                return None
            exact = bool(kb.lookup(name) or kb.folded.get(kb_fold(name))
                         or kb.folded.get(kb_fold(strip_legal(name))))
        except Exception as e:  # a KB problem must not break queries
            log.debug("kb lookup failed for %r: %s", name, e)
            return None
        oid = getattr(org, "id", None)
        return (oid, exact) if oid else None

    return resolve


def get_org(conn: Connection, org_id: str) -> Org | None:
    row = conn.execute(sa.select(organizations).where(organizations.c.id == org_id)).first()
    return Org(row.id, row.name, bool(row.linked)) if row else None


def _weight(conn: Connection, ids: Iterable[str]) -> dict[str, int]:
    """Number of cooperations per org (to prefer the organization people mean)."""
    ids = list(ids)
    rows = conn.execute(sa.select(cooperation_parties.c.org_id, sa.func.count())
                        .where(cooperation_parties.c.org_id.in_(ids))
                        .group_by(cooperation_parties.c.org_id)).all()
    return {**{i: 0 for i in ids}, **dict(rows)}


# how an organization was found from a name, and whether that is a guess
MATCH_KINDS = {"id": False, "name": False, "knowledge-base": False, "typo": True,
               "partial": True}
_HOW = {"id": "its id", "name": "a stored name or alias", "knowledge-base": "linked by the knowledge base",
        "typo": "a typo of a stored name", "partial": "shares its words with a stored name"}


@dataclass(frozen=True)
class OrgMatch:
    """The organization a name was taken to mean, and how.

    ``kind``: ``id`` (the exact id), ``name`` (a stored name or alias, ignoring
    case, accents and legal forms), ``knowledge-base`` (a name or brand the
    knowledge base knows), ``typo`` (a name one or two letters off) or
    ``partial`` (a name sharing words with a stored one, or only like one:
    "the company" and "southern company"). ``guess`` is true for
    the last two, and when several organizations matched equally well but one
    has more cooperations. ``candidates`` are the ids that matched.
    """

    org: Org
    kind: str
    guess: bool
    candidates: tuple[str, ...] = ()


def find_org(conn: Connection, name: str) -> Org:
    """The organization meant by ``name``, matched as extraction links names.

    Order: exact id; the one organization with that stored name or alias
    (case, accents and legal forms ignored); the knowledge base linker
    (``koop.kb``: aliases, legal names, brands, typos); several stored
    aliases; a typo of a stored alias (rapidfuzz); a name whose words
    contain, or are contained in, a stored alias ("Leica Camera" -> "Leica").
    Among several equal matches the organization with more cooperations
    wins; a tie raises E043.
    RETURNS (Org): the organization. Raises KoopError E042 when none matches.
    """
    found = match_org(conn, name)
    log.info("'%s' is %s (%s): %s", name.strip(), found.org.name, found.org.id, _HOW[found.kind]
             + (", the one with most cooperations" if len(found.candidates) > 1 else ""))
    return found.org


def match_org(conn: Connection, name: str) -> OrgMatch:
    """Like :func:`find_org`, and says how the organization was found (see OrgMatch).

    Raises KoopError E042 (with ``suggestions``, a list of Org) when none
    matches, E043 on a tie.
    """
    name = name.strip()
    org = get_org(conn, name)
    if org:
        return OrgMatch(org, "id", False, (org.id,))
    norm = norm_name(name)
    ids = conn.execute(sa.select(org_aliases.c.org_id).distinct()
                       .where(org_aliases.c.norm == norm)).scalars().all()
    if len(ids) == 1:
        return OrgMatch(get_org(conn, ids[0]), "name", False, tuple(ids))
    kind = "name"
    resolver = _kb_resolver()
    if resolver:
        hit = resolver(name)
        if hit and (org := get_org(conn, hit[0])):
            return OrgMatch(org, "knowledge-base" if hit[1] else "typo", not hit[1], (org.id,))
    if not ids:
        ids, close = _fuzzy_ids(conn, norm)
        kind = "typo" if close else "partial"
    if not ids:
        ids, kind = _word_subset_ids(conn, norm), "partial"
    if not ids:
        suggestions = _suggestions(conn, norm)
        raise KoopError("E042", name=name, hint=_hint(name, suggestions), suggestions=suggestions)
    guess = MATCH_KINDS[kind]
    if len(ids) > 1:
        weights = _weight(conn, ids)
        ranked = sorted(ids, key=lambda i: (-weights[i], i))
        if weights[ranked[0]] == weights[ranked[1]]:
            raise KoopError("E043", name=name, candidates=", ".join(
                f"{o.name} ({o.id})" for o in (get_org(conn, i) for i in ranked[:5]) if o))
        ids, guess = ranked, True
    return OrgMatch(get_org(conn, ids[0]), kind, guess, tuple(ids))


def _fuzzy_ids(conn: Connection, norm: str) -> tuple[list[str], bool]:
    """Organizations with the stored alias most like ``norm`` (rapidfuzz ratio >= 80),
    and whether that alias is a typo away: one or two letters (OSA distance; two
    from 10 characters), not a word ("the company" is not "southern company")."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    choices: dict[str, list[str]] = defaultdict(list)
    for org_id, alias_norm in conn.execute(sa.select(org_aliases.c.org_id, org_aliases.c.norm)):
        choices[alias_norm].append(org_id)
    hits = process.extract(norm, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                           limit=10)
    if not hits:
        return [], False
    top = hits[0][1]
    best = [alias for alias, score, _ in hits if score == top]
    limit = 1 if len(norm) < 10 else 2
    close = any(OSA.distance(norm, alias, score_cutoff=limit) <= limit for alias in best)
    return sorted({oid for alias in best for oid in choices[alias]}), close


def _word_subset_ids(conn: Connection, norm: str) -> list[str]:
    """Organizations with an alias whose words contain, or are contained in, the name's
    (words of one character do not count: "<img src=x>" is not X)."""
    words = {w for w in norm.split() if len(w) > 1}
    if not words:
        return []
    ids = set()
    for org_id, alias_norm in conn.execute(sa.select(org_aliases.c.org_id, org_aliases.c.norm)):
        alias_words = {w for w in alias_norm.split() if len(w) > 1}
        if alias_words and (alias_words <= words or words <= alias_words):
            ids.add(org_id)
    return sorted(ids)


SUGGEST_CUTOFF = 75  # rapidfuzz ratio (0-100) of a "Did you mean" suggestion


def _suggestions(conn: Connection, norm: str, limit: int = 3) -> list[Org]:
    """Up to ``limit`` organizations with a stored name or alias close to ``norm``
    (a typo, not a shared word or letter)."""
    from rapidfuzz import fuzz, process

    if not norm:
        return []
    by_norm: dict[str, Org] = {}
    for alias, oid, org_name, linked in conn.execute(
            sa.select(org_aliases.c.norm, organizations.c.id, organizations.c.name, organizations.c.linked)
            .join(organizations, organizations.c.id == org_aliases.c.org_id)
            .order_by(organizations.c.name)):
        by_norm.setdefault(alias, Org(oid, org_name, bool(linked)))
    close = process.extract(norm, list(by_norm), scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF,
                            limit=10)
    return list({by_norm[c[0]].id: by_norm[c[0]] for c in close}.values())[:limit]


def _hint(name: str, suggestions: list[Org]) -> str:
    """The hint of E042: a knowledge-base organization the graph has no cooperations of
    yet, else the close names, else nothing."""
    known = _kb_org(name)
    if known is not None:
        return (f" {known[1]} ({known[0]}) is a known organization, but the graph has no "
                "cooperations of it yet.")
    return (" Did you mean: " + ", ".join(o.name for o in suggestions) + "?") if suggestions else ""


def _kb_org(name: str) -> tuple[str, str] | None:
    """(id, name) of the knowledge-base organization ``name`` denotes, if any."""
    try:
        from ..kb import default_kb

        kb = default_kb()
        org = kb.resolve(name)
    except Exception as e:  # a KB problem must not break queries
        log.debug("kb lookup failed for %r: %s", name, e)
        return None
    return (org.id, org.name) if org is not None and getattr(org, "id", None) else None


# -- cooperations -----------------------------------------------------------

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


# -- search and stats -------------------------------------------------------

@dataclass
class SearchResult:
    """What a search found, at most ``limit`` of each kind; ``totals`` counts all
    matches per kind (``organizations``, ``people``, ``evidence``), so a caller
    can say how many more there are. Each evidence sentence names its
    cooperation (``cooperation_id``, ``parties``)."""

    organizations: list[Org]
    people: list[dict]
    evidence: list[dict]
    totals: dict[str, int] = field(default_factory=dict)


def _like(text: str) -> str:
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def _count(conn: Connection, query) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()


def search(conn: Connection, text: str, limit: int = 20) -> SearchResult:
    """Organizations (names, aliases), people and evidence sentences containing ``text``.

    Matching ignores case and accents. Raises KoopError E063 for an empty ``text``.
    """
    if not text or not text.strip():
        raise KoopError("E063")
    q_name, q_text = _like(norm_name(text) or fold_accents(text)), _like(fold_accents(text))
    org_q = (sa.select(org_aliases.c.org_id).where(org_aliases.c.norm.like(q_name, escape="\\"))
             .group_by(org_aliases.c.org_id))
    org_ids = conn.execute(org_q.order_by(org_aliases.c.org_id).limit(limit)).scalars().all()
    orgs = [o for o in (get_org(conn, i) for i in org_ids) if o]
    people_q = (sa.select(people.c.name, people.c.org_name,
                          sa.func.max(person_mentions.c.role).label("role"),
                          sa.func.count(person_mentions.c.article_id).label("n"))
                .join(person_mentions, person_mentions.c.person_id == people.c.id)
                .where(people.c.norm.like(q_name, escape="\\"))
                .group_by(people.c.id, people.c.name, people.c.org_name))
    ppl = [{"name": r.name, "org": r.org_name, "role": r.role, "articles": r.n}
           for r in conn.execute(people_q.order_by(people.c.name).limit(limit))]
    ev_q = (sa.select(evidence.c.id, evidence.c.text, observations.c.cooperation_id,
                      observations.c.status, articles.c.key, articles.c.title, articles.c.url,
                      articles.c.date)
            .join(observations, observations.c.id == evidence.c.observation_id)
            .join(articles, articles.c.id == observations.c.article_id)
            .where(evidence.c.norm.like(q_text, escape="\\")))
    rows = conn.execute(ev_q.order_by(articles.c.date.desc().nulls_last(), evidence.c.id)
                        .limit(limit)).all()
    parties: dict[int, list[dict]] = defaultdict(list)
    for cid, oid, oname in conn.execute(
            sa.select(cooperation_parties.c.cooperation_id, organizations.c.id, organizations.c.name)
            .join(organizations, organizations.c.id == cooperation_parties.c.org_id)
            .where(cooperation_parties.c.cooperation_id.in_({r.cooperation_id for r in rows}))
            .order_by(cooperation_parties.c.cooperation_id, organizations.c.name)):
        parties[cid].append({"id": oid, "name": oname})
    evs = [{"text": r.text, "cooperation_id": r.cooperation_id, "parties": parties[r.cooperation_id],
            "status": r.status,
            "article": {"id": r.key, "title": r.title, "url": r.url, "date": r.date}} for r in rows]
    totals = {"organizations": _count(conn, org_q), "people": _count(conn, people_q),
              "evidence": _count(conn, ev_q)}
    return SearchResult(orgs, ppl, evs, totals)


def count_rows(conn: Connection) -> dict[str, int]:
    """Row counts of every table that holds graph data."""
    tables = {"articles": articles, "sources": sources, "organizations": organizations,
              "aliases": org_aliases, "org_mentions": org_mentions,
              "cooperations": cooperations, "cooperation_parties": cooperation_parties,
              "observations": observations, "evidence": evidence, "people": people,
              "person_mentions": person_mentions, "quotes": quotes, "lsh_buckets": lsh_buckets}
    return {k: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for k, t in tables.items()}


def stats(conn: Connection) -> dict:
    """Counts of articles, independent reports, organizations, cooperations and more."""
    c = count_rows(conn)
    groups = conn.execute(sa.select(sa.func.count(sa.distinct(articles.c.dup_group)))).scalar_one()
    dated = conn.execute(sa.select(sa.func.min(articles.c.date), sa.func.max(articles.c.date))
                         .where(articles.c.date.is_not(None))).first()
    status = defaultdict(int)
    for v in cooperation_views(conn):
        status[v.status] += 1
    top = conn.execute(
        sa.select(organizations.c.id, organizations.c.name,
                  sa.func.count(cooperation_parties.c.cooperation_id).label("n"))
        .join(cooperation_parties, cooperation_parties.c.org_id == organizations.c.id)
        .group_by(organizations.c.id, organizations.c.name)
        .order_by(sa.desc("n"), organizations.c.id).limit(10)).all()
    return {
        "articles": c["articles"],
        "independent_reports": groups,
        "near_duplicates": c["articles"] - groups,
        "source_files": c["sources"],
        "organizations": c["organizations"],
        "cooperations": c["cooperations"],
        "observations": c["observations"],
        "evidence": c["evidence"],
        "people": c["people"],
        "quotes": c["quotes"],
        "first_article_date": dated[0] if dated else None,
        "last_article_date": dated[1] if dated else None,
        "cooperations_by_status": dict(sorted(status.items())),
        "top_organizations": [{"id": r.id, "name": r.name, "cooperations": r.n} for r in top],
    }


def graph_version(conn: Connection) -> tuple:
    """A cheap fingerprint that changes whenever an article is added, replaced or deleted.

    The number of articles, and the id and text hash of the newest one (a
    replacement has another text hash even where the id is reused). Every
    change to the graph comes with an article, so equal fingerprints mean
    equal counts: ``/api/info`` recounts only when this changes.
    """
    n = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()
    newest = conn.execute(sa.select(articles.c.id, articles.c.text_hash)
                          .order_by(articles.c.id.desc()).limit(1)).first()
    return (n, *(tuple(newest) if newest else (None, None)))


def status_counts(conn: Connection) -> dict[str, int]:
    """Cooperations per current status (the latest report's), without loading evidence."""
    counts: dict[str, int] = defaultdict(int)
    for s in cooperation_summaries(conn):
        counts[s.status] += 1
    return dict(sorted(counts.items()))


def info_counts(conn: Connection) -> dict:
    """The counts ``/api/info`` shows: articles, organizations, cooperations (all and
    by status) and the article date range; far less work than :func:`stats`."""
    def count(table: sa.Table) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()

    dated = conn.execute(sa.select(sa.func.min(articles.c.date), sa.func.max(articles.c.date))
                         .where(articles.c.date.is_not(None))).first()
    return {"articles": count(articles), "organizations": count(organizations),
            "cooperations": count(cooperations), "cooperations_by_status": status_counts(conn),
            "first_article_date": dated[0] if dated else None,
            "last_article_date": dated[1] if dated else None}


def organizations_with_counts(conn: Connection) -> list[dict]:
    """Every organization with its aliases, article and cooperation counts."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for oid, alias in conn.execute(sa.select(org_aliases.c.org_id, org_aliases.c.alias)
                                   .order_by(org_aliases.c.org_id, org_aliases.c.alias)):
        aliases[oid].append(alias)
    n_art = dict(conn.execute(sa.select(org_mentions.c.org_id, sa.func.count())
                              .group_by(org_mentions.c.org_id)).all())
    n_coop = dict(conn.execute(sa.select(cooperation_parties.c.org_id, sa.func.count())
                               .group_by(cooperation_parties.c.org_id)).all())
    return [{"id": r.id, "name": r.name, "linked": bool(r.linked),
             "aliases": sorted({a for a in aliases.get(r.id, []) if a != r.name}),
             "articles": n_art.get(r.id, 0), "cooperations": n_coop.get(r.id, 0)}
            for r in conn.execute(sa.select(organizations).order_by(organizations.c.id))]


def people_list(conn: Connection) -> list[dict]:
    return [{"id": r.id, "name": r.name, "org": r.org_name, "org_id": r.org_key or None,
             "articles": r.n}
            for r in conn.execute(
                sa.select(people.c.id, people.c.name, people.c.org_name, people.c.org_key,
                          sa.func.count(person_mentions.c.article_id).label("n"))
                .join(person_mentions, person_mentions.c.person_id == people.c.id, isouter=True)
                .group_by(people.c.id, people.c.name, people.c.org_name, people.c.org_key)
                .order_by(people.c.name, people.c.id))]


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


def cooperation_graph(conn: Connection, flt: CooperationFilter, limit: int | None = None
                      ) -> dict:
    """The network of the cooperations ``flt`` keeps: organizations and pairwise edges.

    A cooperation of n parties gives n(n-1)/2 edges that share its id. A node's
    ``partners`` is its number of distinct partners in this network.
    Args:
        limit (int): at most this many cooperations (the most recently reported).
    RETURNS (dict): ``nodes``, ``edges``, ``cooperations`` (matches) and ``truncated``.
    """
    hits = filter_cooperations(conn, flt)
    shown = hits if limit is None else hits[:limit]
    edges, partners_of = [], defaultdict(set)
    for s in shown:
        ids = s.party_ids
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                partners_of[a].add(b)
                partners_of[b].add(a)
                edges.append({"id": f"{s.id}:{a}:{b}", "cooperation_id": s.id, "source": a,
                              "target": b, "status": s.status, "sources": s.sources,
                              "since": s.since, "name": s.name, "first_seen": s.first_seen,
                              "last_seen": s.last_seen, "parties": list(ids)})
    coop_count = defaultdict(int)
    for s in shown:
        for oid in s.party_ids:
            coop_count[oid] += 1
    node_ids = sorted(coop_count)
    rows = conn.execute(sa.select(organizations).where(organizations.c.id.in_(node_ids))
                        ).all() if node_ids else []
    nodes = [{"id": r.id, "name": r.name, "linked": bool(r.linked),
              "partners": len(partners_of[r.id]), "cooperations": coop_count[r.id]}
             for r in sorted(rows, key=lambda r: r.id)]
    return {"nodes": nodes, "edges": edges, "cooperations": len(hits),
            "truncated": len(shown) < len(hits)}


def _org_counts(conn: Connection, ids: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Cooperations and distinct partners per organization."""
    if not ids:
        return {}, {}
    n_coop = dict(conn.execute(sa.select(cooperation_parties.c.org_id, sa.func.count())
                               .where(cooperation_parties.c.org_id.in_(ids))
                               .group_by(cooperation_parties.c.org_id)).all())
    cp1, cp2 = cooperation_parties.alias("cp1"), cooperation_parties.alias("cp2")
    n_partners = dict(conn.execute(
        sa.select(cp1.c.org_id, sa.func.count(sa.distinct(cp2.c.org_id)))
        .join(cp2, sa.and_(cp1.c.cooperation_id == cp2.c.cooperation_id,
                           cp1.c.org_id != cp2.c.org_id))
        .where(cp1.c.org_id.in_(ids)).group_by(cp1.c.org_id)).all())
    return n_coop, n_partners


def org_summaries(conn: Connection, org_ids: Iterable[str]) -> list[dict]:
    """Organizations with their cooperation and distinct-partner counts, in the given order."""
    org_ids = list(dict.fromkeys(org_ids))
    rows = {r.id: r for r in conn.execute(
        sa.select(organizations).where(organizations.c.id.in_(org_ids)))} if org_ids else {}
    n_coop, n_partners = _org_counts(conn, list(rows))
    return [{"id": i, "name": rows[i].name, "linked": bool(rows[i].linked),
             "cooperations": n_coop.get(i, 0), "partners": n_partners.get(i, 0)}
            for i in org_ids if i in rows]


def search_organizations(conn: Connection, text: str | None = None, limit: int = 20,
                         offset: int = 0) -> tuple[int, list[dict]]:
    """Organizations whose id, name or an alias contains ``text`` (all when empty).

    Case and accents are ignored. Organizations with more cooperations come
    first, then by name.
    RETURNS (tuple[int, list[dict]]): the number of matches and one page of
    ``{id, name, linked, cooperations, partners}``.
    """
    n_coop = (sa.select(sa.func.count()).select_from(cooperation_parties)
              .where(cooperation_parties.c.org_id == organizations.c.id)
              .correlate(organizations).scalar_subquery())
    query = sa.select(organizations.c.id)
    if text and text.strip():
        q_name, q_id = _like(norm_name(text) or fold_accents(text)), _like(fold_accents(text.strip()))
        alias_hit = (sa.select(org_aliases.c.org_id)
                     .where(org_aliases.c.norm.like(q_name, escape="\\")))
        query = query.where(sa.or_(organizations.c.id.in_(alias_hit),
                                   organizations.c.id.like(q_id, escape="\\")))
    total = conn.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    ids = conn.execute(query.order_by(n_coop.desc(), organizations.c.name, organizations.c.id)
                       .limit(limit).offset(offset)).scalars().all()
    return total, org_summaries(conn, ids)


def aliases_of(conn: Connection, org_ids: Iterable[str]) -> dict[str, list[str]]:
    """Every stored name and alias of the given organizations, longest first."""
    org_ids = list(org_ids)
    out: dict[str, set[str]] = {i: set() for i in org_ids}
    if not org_ids:
        return {}
    for oid, name in conn.execute(sa.select(organizations.c.id, organizations.c.name)
                                  .where(organizations.c.id.in_(org_ids))):
        out[oid].add(name)
    for oid, alias in conn.execute(sa.select(org_aliases.c.org_id, org_aliases.c.alias)
                                   .where(org_aliases.c.org_id.in_(org_ids))):
        out[oid].add(alias)
    return {i: sorted(names, key=lambda n: (-len(n), n)) for i, names in out.items()}


def _article_row(r, n_coops: int) -> dict:
    return {"id": r.key, "title": r.title, "url": r.url, "date": r.date, "lang": r.lang,
            "cooperation_count": n_coops}


def list_articles(conn: Connection, text: str | None = None, limit: int = 50,
                  offset: int = 0) -> tuple[int, list[dict]]:
    """Stored articles, newest first (undated last); ``text`` filters on title or id.

    RETURNS (tuple[int, list[dict]]): the number of matches and one page of
    ``{id, title, url, date, lang, cooperation_count}``.
    """
    cond = sa.true()
    if text and text.strip():
        q = _like(text.strip())
        cond = sa.or_(articles.c.title.ilike(q, escape="\\"), articles.c.key.ilike(q, escape="\\"))
    total = conn.execute(sa.select(sa.func.count()).select_from(articles).where(cond)).scalar_one()
    n_coop = (sa.select(sa.func.count()).select_from(observations)
              .where(observations.c.article_id == articles.c.id)
              .correlate(articles).scalar_subquery())
    rows = conn.execute(
        sa.select(articles.c.key, articles.c.title, articles.c.url, articles.c.date,
                  articles.c.lang, n_coop.label("n")).where(cond)
        .order_by(articles.c.date.is_(None), articles.c.date.desc(), articles.c.id.desc())
        .limit(limit).offset(offset)).all()
    return total, [_article_row(r, r.n) for r in rows]


def get_article(conn: Connection, key: str) -> dict | None:
    """One stored article with its text and the cooperations it reports (None if unknown).

    RETURNS (dict): ``{id, title, url, date, lang, cooperation_count, text,
    cooperations: [{id, status, since, name, parties, evidence}]}``.
    """
    r = conn.execute(sa.select(articles).where(articles.c.key == key)).first()
    if r is None:
        return None
    obs = conn.execute(sa.select(observations).where(observations.c.article_id == r.id)
                       .order_by(observations.c.cooperation_id)).all()
    parties: dict[int, list[dict]] = defaultdict(list)
    ev: dict[int, list[str]] = defaultdict(list)
    if obs:
        for cid, oid, name in conn.execute(
                sa.select(cooperation_parties.c.cooperation_id, organizations.c.id,
                          organizations.c.name)
                .join(organizations, organizations.c.id == cooperation_parties.c.org_id)
                .where(cooperation_parties.c.cooperation_id.in_([o.cooperation_id for o in obs]))
                .order_by(organizations.c.name)):
            parties[cid].append({"id": oid, "name": name})
        for oid, text in conn.execute(
                sa.select(evidence.c.observation_id, evidence.c.text)
                .where(evidence.c.observation_id.in_([o.id for o in obs]))
                .order_by(evidence.c.observation_id, evidence.c.position)):
            ev[oid].append(text)
    out = _article_row(r, len(obs))
    out["text"] = r.text
    out["cooperations"] = [{"id": o.cooperation_id, "status": o.status, "since": o.since,
                            "name": o.name, "parties": parties[o.cooperation_id],
                            "evidence": ev[o.id]} for o in obs]
    return out


def stored_article_key(conn: Connection, url: str | None = None,
                       text_hash: str | None = None) -> str | None:
    """The key of the stored article with this URL or normalized-text hash (None if none)."""
    conds = [c for c in (articles.c.url == url if url else None,
                         articles.c.text_hash == text_hash if text_hash else None)
             if c is not None]
    if not conds:
        return None
    return conn.execute(sa.select(articles.c.key).where(sa.or_(*conds))
                        .order_by(articles.c.id).limit(1)).scalar()
