"""The network as a whole: counts, stats, the graph version and the filtered
graph of nodes and edges (the web app's /api/graph)."""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..schema import (articles, cooperation_parties, cooperations, evidence, lsh_buckets,
                      observations, org_aliases, org_mentions, organizations,
                      people, person_mentions, quotes, sources)
from .cooperations import (CooperationFilter, cooperation_summaries, cooperation_views,
                           filter_cooperations)


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
