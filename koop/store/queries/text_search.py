"""Search: organizations, people and evidence sentences containing a text."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ...errors import KoopError
from ...names import fold_accents, norm_name
from ..schema import (articles, cooperation_parties, evidence, observations, org_aliases,
                      organizations, people, person_mentions)
from .organizations import Org, get_org
from .patterns import like_pattern



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


def _count(conn: Connection, query) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()


def search(conn: Connection, text: str, limit: int = 20) -> SearchResult:
    """Organizations (names, aliases), people and evidence sentences containing ``text``.

    Matching ignores case and accents. Raises KoopError E063 for an empty ``text``.
    """
    if not text or not text.strip():
        raise KoopError("E063")
    q_name, q_text = like_pattern(norm_name(text) or fold_accents(text)), like_pattern(fold_accents(text))
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
