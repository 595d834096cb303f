"""Shared helpers for the store, ingest, query and export tests: hand-built
Articles, a hand-made pipeline stage and a comparable snapshot of a graph.

(Imported by the other test modules; it holds no tests itself.)
"""
from __future__ import annotations

import re
import sqlite3

from koop.article import Article, Cooperation, Mention, Person, Quote

ORGS = {
    "siemens": "Siemens", "telekom": "Deutsche Telekom", "sap": "SAP", "bosch": "Bosch",
    "basf": "BASF", "allianz": "Allianz", "leica-camera": "Leica", "panasonic": "Panasonic",
    "sigma-corporation": "Sigma", "huawei": "Huawei", "apple": "Apple", "xiaomi": "Xiaomi",
}


def coop(ids, status, since=None, evidence=(), name=None, parties=None, confidence=0.8):
    """A Cooperation between KB ids (names from ORGS unless given)."""
    return Cooperation(parties=list(parties or [ORGS.get(i, i) for i in ids]), status=status,
                       since=since, evidence=list(evidence), confidence=confidence,
                       party_ids=list(ids), name=name)


def make_article(key, text=None, date=None, coops=(), people=(), quotes=(), url=None,
                 title=None, mentions=None, lang="de"):
    """An extracted Article built by hand: ORG mentions for every party with an id."""
    text = text or f"Artikel {key}: " + " ".join(
        " ".join(c.evidence) or " und ".join(c.parties) for c in coops)
    a = Article(id=key, text=text, date=date, url=url, title=title, lang=lang)
    if mentions is None:
        mentions = []
        for c in coops:
            for pid, name in zip(c.party_ids, c.parties):
                if pid:
                    mentions.append(Mention(0, len(name), "ORG", name, pid, ORGS.get(pid, name)))
    a.mentions = list(mentions)
    a.cooperations = list(coops)
    a.people = [Person(*p) if isinstance(p, tuple) else p for p in people]
    a.quotes = [Quote(*q) if isinstance(q, tuple) else q for q in quotes]
    return a


def leica_articles():
    """The seed story as four hand-built articles from different dates."""
    return [
        make_article("capital-2016", date="2016-07-19", coops=[
            coop(["leica-camera", "huawei"], "active", "2016",
                 ["Seit einigen Monaten gibt es bereits ein Smartphone von Huawei mit Leica-Optik."]),
            coop(["leica-camera", "apple"], "failed", None,
                 ["Diese Gespräche seien aber gescheitert, so Kaufmann."]),
            coop(["leica-camera", "apple"], "talks", None, ["Leica sprach mit Apple."]),
        ], people=[("Oliver Kaltner", "Leica", "CEO"), ("Andreas Kaufmann", "Leica", "owner")],
            quotes=[("Kaufmann", "Aus meiner Sicht ist Apple keine Firma, die gern Kooperationen "
                                 "macht", 0, 10)]),
        make_article("l2-2023", date="2023-05-04", title="Leica und Panasonic: L² Technology",
                     url="https://photo.example/l2", coops=[
            coop(["panasonic", "leica-camera"], "announced", "2000-08",
                 ["Als „L² Technology“ wollen nämlich Leica und Panasonic in Zukunft gemeinsame "
                  "Sache machen."], name="L² Technology"),
            coop(["leica-camera", "xiaomi"], "active", None,
                 ["Das Wetzlarer Unternehmen will die nächsten Jahre an der Seite von Xiaomi "
                  "verbringen."]),
            coop(["panasonic", "sigma-corporation", "leica-camera"], "active", "2018",
                 ["Schließlich haben Panasonic, Sigma und Leica 2018 die „L-Mount Alliance“ "
                  "gegründet, die immer noch besteht."], name="L-Mount Alliance"),
        ]),
        make_article("panasonic-2000", date="2000-08-20", coops=[
            coop(["leica-camera", "panasonic"], "planned", None,
                 ["Leica will mit Panasonic bei Objektiven zusammenarbeiten."])]),
        make_article("huawei-2022", date="2022-06-01", coops=[
            coop(["huawei", "leica-camera"], "ended", "2016",
                 ["Huawei und Leica beenden ihre Zusammenarbeit."])]),
    ]


# -- a hand-made pipeline: finds "A und B kooperieren (status)" lines -------------

LINE = re.compile(r"^(\w[\w ]*?) und (\w[\w ]*?) kooperieren \((\w+)\)\.", re.M)


def rule_stage(article: Article) -> Article:
    for m in LINE.finditer(article.text):
        a, b, status = m.group(1), m.group(2), m.group(3)
        article.cooperations.append(Cooperation(
            [a, b], status, evidence=[m.group(0)], party_ids=[a.lower(), b.lower()]))
        for name in (a, b):
            article.mentions.append(Mention(m.start(), m.start() + len(name), "ORG", name,
                                            name.lower(), name))
    return article


def rule_pipeline():
    """A pipeline factory (module-level, so worker processes can import it)."""
    return rule_stage


# -- comparing graphs -------------------------------------------------------------

def snapshot(db_path) -> dict:
    """The graph's content without surrogate ids or timestamps, for equality checks."""
    con = sqlite3.connect(str(db_path))
    try:
        keys = dict(con.execute("SELECT id, key FROM articles"))
        arts = {k: (h, u, d, keys.get(g)) for k, h, u, d, g in con.execute(
            "SELECT key, text_hash, url, date, dup_group FROM articles")}
        coops = {}
        for cid, pkey in con.execute("SELECT id, party_key FROM cooperations"):
            obs = sorted(con.execute(
                "SELECT a.key, o.status, o.since, o.name FROM observations o "
                "JOIN articles a ON a.id = o.article_id WHERE o.cooperation_id = ?", (cid,)))
            ev = sorted(r[0] for r in con.execute(
                "SELECT e.text FROM evidence e JOIN observations o ON o.id = e.observation_id "
                "WHERE o.cooperation_id = ?", (cid,)))
            coops[pkey] = (obs, ev)
        return {
            "articles": arts, "cooperations": coops,
            "organizations": sorted(con.execute("SELECT id, name, linked FROM organizations")),
            "aliases": sorted(con.execute("SELECT org_id, norm FROM org_aliases")),
            "people": sorted(con.execute("SELECT name, org_key FROM people")),
            "sources": sorted(r[0] for r in con.execute("SELECT path FROM sources")),
        }
    finally:
        con.close()


def row_counts(db_path) -> dict:
    con = sqlite3.connect(str(db_path))
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def graph_dump(db) -> dict:
    """Everything in a graph database by natural keys, on any backend (SQLite or
    PostgreSQL): no surrogate ids, timestamps or row order. Two ingests of the
    same inputs give equal dumps."""
    import sqlalchemy as sa

    from koop.store import schema as t
    from koop.store.engine import db_url

    engine = sa.create_engine(db_url(str(db)))
    try:
        with engine.connect() as c:
            rows = lambda table: c.execute(sa.select(table)).all()  # noqa: E731
            art = {r.id: r.key for r in rows(t.articles)}
            coop = {r.id: r.party_key for r in rows(t.cooperations)}
            obs = {r.id: (coop[r.cooperation_id], art[r.article_id]) for r in rows(t.observations)}
            person = {r.id: (r.name, r.norm, r.org_key, r.org_name) for r in rows(t.people)}
            return {
                "articles": sorted(
                    (r.key, r.url, r.text_hash, r.title, r.date, r.lang, r.source_path, r.text,
                     bytes(r.minhash) if r.minhash is not None else None, art.get(r.dup_group),
                     None if r.dup_similarity is None else round(r.dup_similarity, 6))
                    for r in rows(t.articles)),
                "lsh_buckets": sorted((art[r.article_id], r.band, r.bucket)
                                      for r in rows(t.lsh_buckets)),
                "sources": sorted((r.path, r.size, r.mtime_ns, r.content_hash)
                                  for r in rows(t.sources)),
                "organizations": sorted((r.id, r.name, bool(r.linked))
                                        for r in rows(t.organizations)),
                "aliases": sorted((r.org_id, r.norm, r.alias) for r in rows(t.org_aliases)),
                "org_mentions": sorted((art[r.article_id], r.org_id, r.count)
                                       for r in rows(t.org_mentions)),
                "cooperations": sorted((r.party_key, r.n_parties) for r in rows(t.cooperations)),
                "cooperation_parties": sorted((coop[r.cooperation_id], r.org_id)
                                              for r in rows(t.cooperation_parties)),
                "observations": sorted((*obs[r.id], r.status, r.since, r.name,
                                        round(r.confidence, 6)) for r in rows(t.observations)),
                "evidence": sorted((obs[r.observation_id], r.position, r.text, r.norm, r.start,
                                    r.end) for r in rows(t.evidence)),
                "people": sorted(person.values()),
                "person_mentions": sorted((person[r.person_id], art[r.article_id], r.role or "",
                                           r.surface_role or "")
                                          for r in rows(t.person_mentions)),
                "quotes": sorted((art[r.article_id], r.position, r.speaker or "",
                                  person.get(r.person_id, ()), r.text) for r in rows(t.quotes)),
            }
    finally:
        engine.dispose()


def counting_pipeline(log_path: str):
    """``rule_stage`` that appends each extracted article's id to ``log_path`` (a
    pipeline factory for ``functools.partial``: counts extractions in any process)."""
    def stage(article: Article) -> Article:
        with open(log_path, "a", encoding="utf-8") as f:
            f.write(f"{article.id}\n")
        return rule_stage(article)

    return stage
