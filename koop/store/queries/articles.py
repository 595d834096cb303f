"""Articles: listing, detail and the stored key of a URL or text."""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..schema import articles, cooperation_parties, evidence, observations, organizations
from .patterns import like_pattern


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
        q = like_pattern(text.strip())
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
