"""Writes one article with everything extracted from it, in one transaction.

``write_record`` is the only way facts enter the graph: the ingest command,
the Python API and the tests all call it. Inside one transaction it stores
the article (unless the same URL or normalized text is already stored),
assigns its near-duplicate group, merges its organizations, cooperations,
observations, evidence, people and quotes, and marks its source file as
done. Uniqueness is enforced by constraints and all inserts are
dialect-aware upserts, so concurrent writers (issue 5) cannot create
duplicates.

Concurrent writers (several ingests into one PostgreSQL database):

- every shared row (organization, alias, cooperation, its parties, person,
  source file, the article itself) is written with ``INSERT ... ON CONFLICT``
  against a unique constraint; never check-then-insert. The shown spelling of
  an organization, alias or person is the preferred one of all it was given
  (``names.preferred_name``), set by compare-and-set, so neither the order of
  the articles nor that of concurrent writers changes it. Rows that hang off
  the new article's own id (mentions, observations, evidence, quotes, LSH
  buckets) cannot collide;
- shared rows are written table by table, each in sorted key order, so two
  transactions wait for each other's new rows in one consistent order and
  do not deadlock; existing rows are not locked (``DO NOTHING``), except
  when their shown spelling changes;
- near-duplicate grouping reads what other writers committed, so it runs
  last, under a short advisory lock held until commit: concurrent writers
  group copies of a story as one writer would;
- ``Store`` retries a transaction that PostgreSQL aborts with a deadlock or
  serialization failure.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..statuses import STATUSES
from . import dedup
from ..names import fold_accents, is_kb_id, norm_name, slugify
from .names import preferred_name
from .records import SourceFile
from .schema import (LOCK_DUP_GROUP, articles, cooperation_parties, cooperations, evidence,
                     lock, lsh_buckets, observations, org_aliases, org_mentions, organizations,
                     people, person_mentions, quotes, sources)


@dataclass(frozen=True)
class WriteResult:
    """What happened to one record.

    ``status`` is ``new``, ``replaced`` (a changed version of a file's
    article) or ``duplicate`` (same URL or normalized text already stored).
    """

    status: str
    key: str
    article_id: int | None = None
    dup_group: int | None = None
    near_duplicate: bool = False
    cooperations: int = 0


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def dialect_insert(conn: Connection, table: sa.Table):
    """An INSERT that supports ``on_conflict_do_nothing/do_update`` on this dialect."""
    name = conn.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(f"no upsert support for dialect {name!r}")
    return insert(table)


def insert_ignore(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping any that violate a unique constraint."""
    if rows:
        conn.execute(dialect_insert(conn, table).on_conflict_do_nothing(), rows)


def write_record(conn: Connection, record: dict[str, Any],
                 source: SourceFile | None = None) -> WriteResult:
    """Store one article record (see ``records.py``) inside the caller's transaction.

    Args:
        conn (Connection): a connection inside an open write transaction.
        record (dict): from ``record_from_article``.
        source (SourceFile): the input file to mark as done with this record.
    RETURNS (WriteResult): what was stored.
    """
    replaced = _drop_old_version(conn, record)
    article_id, key = _insert_article(conn, record)
    if article_id is None:
        if source is not None:
            mark_source(conn, source)
        return WriteResult("duplicate", key)
    ex = record.get("extraction") or {}
    entity_orgs, aliases, counts, linked = _entity_orgs(ex.get("entities", []))
    merged, party_orgs, party_aliases = _merge_cooperations(
        conn, ex.get("cooperations", []), linked)
    orgs = dict(entity_orgs)
    for oid, (name, is_linked) in party_orgs.items():
        if oid not in orgs or (is_linked and not orgs[oid][1]):
            orgs[oid] = (name, is_linked)
    _upsert_orgs(conn, orgs, aliases | party_aliases)
    if counts:
        conn.execute(sa.insert(org_mentions), [{"article_id": article_id, "org_id": o, "count": c}
                                               for o, c in sorted(counts.items())])
    n_coops = _write_cooperations(conn, article_id, merged)
    _write_people_and_quotes(conn, article_id, ex.get("people", []), ex.get("quotes", []), linked)
    lock(conn, LOCK_DUP_GROUP)  # until commit: see the module docstring
    group, sim = _assign_group(conn, article_id, record.get("minhash"))
    if source is not None:
        mark_source(conn, source)
    return WriteResult("replaced" if replaced else "new", key, article_id, group,
                       group != article_id, n_coops)


def mark_source(conn: Connection, source: SourceFile) -> None:
    """Record an input file as ingested (upsert by path)."""
    values = {"path": source.path, "size": source.size, "mtime_ns": source.mtime_ns,
              "content_hash": source.content_hash, "ingested_at": now()}
    stmt = dialect_insert(conn, sources).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[sources.c.path],
        set_={k: stmt.excluded[k] for k in ("size", "mtime_ns", "content_hash", "ingested_at")})
    conn.execute(stmt)


# -- articles ---------------------------------------------------------------

def _drop_old_version(conn: Connection, record: dict) -> bool:
    """Delete an earlier version of the same file's article (same source and key)."""
    path = record.get("source_path")
    if not path:
        return False
    old = conn.execute(sa.select(articles.c.id).where(
        articles.c.source_path == path, articles.c.key == record["key"],
        articles.c.text_hash != record["text_hash"])).scalars().all()
    if not old:
        return False
    delete_articles(conn, old)
    return True


def delete_articles(conn: Connection, ids: Iterable[int]) -> None:
    """Delete articles and everything that only they supported."""
    ids = list(ids)
    coop_ids = conn.execute(sa.select(observations.c.cooperation_id).distinct()
                            .where(observations.c.article_id.in_(ids))).scalars().all()
    person_ids = conn.execute(sa.select(person_mentions.c.person_id).distinct()
                              .where(person_mentions.c.article_id.in_(ids))).scalars().all()
    conn.execute(sa.delete(articles).where(articles.c.id.in_(ids)))
    if coop_ids:
        orphan = ~sa.exists().where(observations.c.cooperation_id == cooperations.c.id)
        conn.execute(sa.delete(cooperations).where(cooperations.c.id.in_(coop_ids), orphan))
    if person_ids:
        orphan = ~sa.exists().where(person_mentions.c.person_id == people.c.id)
        conn.execute(sa.delete(people).where(people.c.id.in_(person_ids), orphan))


def _insert_article(conn: Connection, record: dict) -> tuple[int | None, str]:
    """Insert the article row. RETURNS (its id, key), or (None, key) for a duplicate.

    The key is the record's, or ``key~<hash>`` when another article uses it.
    A conflict on the key alone (another writer stored a different text under
    it meanwhile) is not a duplicate: the next key is tried.
    """
    thash = record["text_hash"]
    first = _unique_key(conn, record["key"], thash)
    keys = list(dict.fromkeys([first, f"{record['key']}~{thash[:10]}", f"{record['key']}~{thash}"]))
    row = {
        "url": record.get("url"), "text_hash": thash,
        "title": record.get("title"), "date": record.get("date"), "lang": record.get("lang"),
        "source_path": record.get("source_path"), "text": record["text"],
        "minhash": record.get("minhash"), "ingested_at": now(),
    }
    for key in keys:
        stmt = dialect_insert(conn, articles).values(key=key, **row).on_conflict_do_nothing()
        article_id = conn.execute(stmt.returning(articles.c.id)).scalar()
        if article_id is not None or is_stored(conn, row["url"], thash):
            return article_id, key
    raise RuntimeError(f"no free article key for {record['key']!r}")  # pragma: no cover


def is_stored(conn: Connection, url: str | None, thash: str) -> bool:
    """Whether an article with this URL or normalized-text hash is stored."""
    cond = articles.c.text_hash == thash
    if url:
        cond = sa.or_(cond, articles.c.url == url)
    return conn.execute(sa.select(articles.c.id).where(cond).limit(1)).first() is not None


def _unique_key(conn: Connection, key: str, thash: str) -> str:
    """``key``, or ``key~<hash>`` when another article already uses ``key``."""
    other = conn.execute(sa.select(articles.c.text_hash).where(articles.c.key == key)).scalar()
    if other is None or other == thash:
        return key
    return f"{key}~{thash[:10]}"


def bucket_match(bands: list[tuple[int, int]]):
    """Rows of any of the (band, bucket) pairs, written as OR-ed equalities: SQLite
    searches the primary key for each, where a row-value IN list made it scan the
    whole table (84 ms an article at 400,000 rows)."""
    return sa.or_(*[sa.and_(lsh_buckets.c.band == b, lsh_buckets.c.bucket == h) for b, h in bands])


def _assign_group(conn: Connection, article_id: int, blob: bytes | None) -> tuple[int, float | None]:
    """Put the article into the near-duplicate group of its most similar candidate."""
    if not blob:
        conn.execute(sa.update(articles).where(articles.c.id == article_id)
                     .values(dup_group=article_id))
        return article_id, None
    sig = dedup.decode(blob)
    bands = dedup.buckets(sig)
    shared = sa.func.count().label("shared")
    cand = (sa.select(lsh_buckets.c.article_id, shared).where(bucket_match(bands))
            .group_by(lsh_buckets.c.article_id)
            .order_by(shared.desc(), lsh_buckets.c.article_id).limit(50).subquery())
    best: tuple[float, int, int] | None = None  # (similarity, -id, group)
    for aid, group, mh in conn.execute(
            sa.select(articles.c.id, articles.c.dup_group, articles.c.minhash)
            .join(cand, cand.c.article_id == articles.c.id)):
        if not mh:
            continue
        s = dedup.similarity(sig, dedup.decode(mh))
        if s >= dedup.THRESHOLD and (best is None or (s, -aid) > best[:2]):
            best = (s, -aid, group if group is not None else aid)
    group, sim = (best[2], best[0]) if best else (article_id, None)
    conn.execute(sa.update(articles).where(articles.c.id == article_id)
                 .values(dup_group=group, dup_similarity=sim))
    conn.execute(sa.insert(lsh_buckets).values(  # one statement (not one per row)
        [{"band": b, "bucket": h, "article_id": article_id} for b, h in bands]))
    return group, sim


# -- organizations ----------------------------------------------------------

def _upsert_orgs(conn: Connection, orgs: dict[str, tuple[str, bool]],
                 aliases: set[tuple[str, str]]) -> None:
    """Insert organizations (id -> (name, linked)) and their aliases, in id order.

    A stored row keeps the preferred spelling of all it was given
    (``names.preferred_name``), so the graph does not depend on the order of the
    articles; a linked name (from the knowledge base) beats every unlinked one.
    Rows change only when the shown spelling changes (rarely, once the graph holds
    a name), by compare-and-set.
    """
    if orgs:
        rows = [{"id": i, "name": n, "linked": lk} for i, (n, lk) in sorted(orgs.items())]
        insert_ignore(conn, organizations, rows)
        stored = {r.id: (r.name, bool(r.linked)) for r in conn.execute(
            sa.select(organizations.c.id, organizations.c.name, organizations.c.linked)
            .where(organizations.c.id.in_(list(orgs))))}
        for oid in sorted(orgs):
            if oid in stored:
                _prefer_org_name(conn, oid, orgs[oid], stored[oid])
    best: dict[tuple[str, str], str] = {}
    for org_id, alias in aliases:
        norm = norm_name(alias)
        if norm:
            best[(org_id, norm)] = preferred_name(best.get((org_id, norm)), alias)
    insert_ignore(conn, org_aliases, [{"org_id": k[0], "norm": k[1], "alias": best[k]}
                                      for k in sorted(best)])
    if best:
        ids = sorted({k[0] for k in best})
        stored_alias = {(r.org_id, r.norm): r.alias for r in conn.execute(
            sa.select(org_aliases.c.org_id, org_aliases.c.norm, org_aliases.c.alias)
            .where(org_aliases.c.org_id.in_(ids), org_aliases.c.norm.in_(
                sorted({k[1] for k in best}))))}
        for (org_id, norm) in sorted(best):
            if (org_id, norm) in stored_alias:
                _improve(conn, org_aliases, [org_aliases.c.org_id == org_id,
                                             org_aliases.c.norm == norm],
                         {"alias": stored_alias[(org_id, norm)]}, {"alias": best[(org_id, norm)]})


def _prefer_org_name(conn: Connection, oid: str, given: tuple[str, bool],
                     stored: tuple[str, bool]) -> None:
    name, linked = given
    while True:
        s_name, s_linked = stored
        if s_linked and not linked:
            return
        want = name if linked and not s_linked else preferred_name(s_name, name)
        if want == s_name and s_linked == (s_linked or linked):
            return
        if conn.execute(sa.update(organizations).where(
                organizations.c.id == oid, organizations.c.name == s_name,
                organizations.c.linked == s_linked).values(name=want, linked=s_linked or linked)
        ).rowcount:
            return
        row = conn.execute(sa.select(organizations.c.name, organizations.c.linked)
                           .where(organizations.c.id == oid)).one()  # changed by another writer
        stored = (row.name, bool(row.linked))


def _improve(conn: Connection, table: sa.Table, match: list, stored: dict[str, str | None],
             given: dict[str, str | None]) -> None:
    """Set the text columns of one shared row to the preferred spelling of what is stored
    and what is ``given`` (compare-and-set: a concurrent writer's change is read again)."""
    while True:
        want = {c: preferred_name(stored[c], v) for c, v in given.items()}
        if want == stored:
            return
        same = [table.c[c].is_(None) if v is None else table.c[c] == v for c, v in stored.items()]
        if conn.execute(sa.update(table).where(*match, *same).values(**want)).rowcount:
            return
        row = conn.execute(sa.select(*[table.c[c] for c in stored]).where(*match)).one()
        stored = dict(row._mapping)


def _entity_orgs(entities: list[dict]) -> tuple[dict, set, dict, dict[str, str]]:
    """The article's linked ORG mentions.

    RETURNS (tuple): orgs (id -> (name, linked)), aliases {(id, alias)},
        mention counts (id -> n) and norm(name) -> org id.
    """
    orgs: dict[str, tuple[str, bool]] = {}
    aliases: set[tuple[str, str]] = set()
    counts: dict[str, int] = {}
    by_name: dict[str, str] = {}
    for e in entities:
        if e.get("label") != "ORG" or not e.get("id"):
            continue
        oid, name = str(e["id"]), e.get("name") or e.get("text") or str(e["id"])
        orgs.setdefault(oid, (name, is_kb_id(oid)))
        aliases.update({(oid, name), (oid, e.get("text") or name)})
        counts[oid] = counts.get(oid, 0) + 1
        by_name.setdefault(norm_name(name), oid)
        by_name.setdefault(norm_name(e.get("text") or name), oid)
    return orgs, aliases, counts, by_name


def resolve_party(conn: Connection, name: str, linked: dict[str, str]) -> tuple[str, bool]:
    """Org id for a party name without an id: the article's own link, a stored
    alias, or a slug of the name. RETURNS (id, linked)."""
    norm = norm_name(name)
    if norm in linked:
        return linked[norm], is_kb_id(linked[norm])
    known = conn.execute(sa.select(org_aliases.c.org_id, organizations.c.linked)
                         .join(organizations, organizations.c.id == org_aliases.c.org_id)
                         .where(org_aliases.c.norm == norm)
                         .order_by(organizations.c.linked.desc(), org_aliases.c.org_id)
                         .limit(1)).first()
    if known:
        return known[0], bool(known[1])
    return slugify(name), False


def _earliest(values: Iterable[str | None]) -> str | None:
    vals = sorted(v for v in values if v)
    return vals[0] if vals else None


def _merge_cooperations(conn: Connection, coops: list[dict], linked: dict[str, str]
                        ) -> tuple[dict[str, dict], dict[str, tuple[str, bool]], set]:
    """The article's cooperations merged by party set (reads only).

    RETURNS (tuple): party key -> merged cooperation, the parties' organizations
        (id -> (name, linked)) and their aliases {(id, name)}.
    """
    merged: dict[str, dict] = {}
    orgs: dict[str, tuple[str, bool]] = {}
    aliases: set[tuple[str, str]] = set()
    for c in coops:
        names = list(c.get("parties") or [])
        ids = list(c.get("party_ids") or [])
        party_ids = []
        for i, name in enumerate(names):
            pid = ids[i] if i < len(ids) and ids[i] else None
            if pid:
                oid, is_linked = str(pid), is_kb_id(str(pid))
            else:
                oid, is_linked = resolve_party(conn, str(name), linked)
            if oid not in orgs or (is_linked and not orgs[oid][1]):
                orgs[oid] = (str(name), is_linked)
            aliases.add((oid, str(name)))
            party_ids.append(oid)
        parties = sorted(set(party_ids))
        if len(parties) < 2:
            continue
        pkey = "|".join(parties)
        status = c.get("status") if c.get("status") in STATUSES else "active"
        ev = [str(x) for x in (c.get("evidence") or []) if x]
        spans = [tuple(s) for s in (c.get("evidence_spans") or [])]
        if pkey not in merged:  # the first reading of a party set in an article wins
            merged[pkey] = {"parties": parties, "status": status, "since": c.get("since"),
                            "name": c.get("name"), "confidence": float(c.get("confidence", 0.5)),
                            "evidence": [], "spans": []}
        m = merged[pkey]
        m["since"] = _earliest([m["since"], c.get("since")])
        m["name"] = m["name"] or c.get("name")
        for i, text in enumerate(ev):
            if text not in m["evidence"]:
                m["evidence"].append(text)
                m["spans"].append(spans[i] if i < len(spans) else (None, None))
    return merged, orgs, aliases


def _write_cooperations(conn: Connection, article_id: int, merged: dict[str, dict]) -> int:
    """Merge the article's cooperations into the graph. RETURNS how many were stored."""
    coop_ids: dict[str, int] = {}
    for pkey in sorted(merged):  # shared rows in key order (see the module docstring)
        stmt = (dialect_insert(conn, cooperations)
                .values(party_key=pkey, n_parties=len(merged[pkey]["parties"]))
                .on_conflict_do_nothing().returning(cooperations.c.id))
        coop_id = conn.execute(stmt).scalar()
        if coop_id is None:
            coop_id = conn.execute(sa.select(cooperations.c.id)
                                   .where(cooperations.c.party_key == pkey)).scalar_one()
            # (a concurrent writer inserted it and committed: READ COMMITTED sees it now)
        insert_ignore(conn, cooperation_parties,
                      [{"cooperation_id": coop_id, "org_id": p} for p in merged[pkey]["parties"]])
        coop_ids[pkey] = coop_id
    for pkey, m in merged.items():
        coop_id = coop_ids[pkey]
        obs_id = conn.execute(sa.insert(observations).values(
            cooperation_id=coop_id, article_id=article_id, status=m["status"],
            since=m["since"], name=m["name"], confidence=m["confidence"])).inserted_primary_key[0]
        if m["evidence"]:
            conn.execute(sa.insert(evidence), [
                {"observation_id": obs_id, "position": i, "text": t, "norm": fold_accents(t),
                 "start": s[0] if len(s) > 1 else None, "end": s[1] if len(s) > 1 else None}
                for i, (t, s) in enumerate(zip(m["evidence"], m["spans"]))])
    return len(merged)


# -- people and quotes ------------------------------------------------------

def _write_people_and_quotes(conn: Connection, article_id: int, persons: list[dict],
                             quote_list: list[dict], linked: dict[str, str]) -> None:
    by_norm: dict[str, int] = {}
    seen: set[int] = set()
    found: list[tuple[dict, str, str]] = []  # (person, norm, org_key) in article order
    first: dict[tuple[str, str], tuple[str, Any]] = {}  # (norm, org_key) -> (name, org)
    for p in persons:
        name = (p.get("name") or "").strip()
        if not name:
            continue
        org = p.get("org")
        org_key = ""
        if org:
            org_key = resolve_party(conn, str(org), linked)[0]
        norm = norm_name(name)
        found.append((p, norm, org_key))
        seen_name, seen_org = first.get((norm, org_key), (None, None))
        first[(norm, org_key)] = (preferred_name(seen_name, name), preferred_name(seen_org, org))
    ids: dict[tuple[str, str], int] = {}
    for (norm, org_key), (name, org) in sorted(first.items()):  # key order
        stmt = (dialect_insert(conn, people)
                .values(name=name, norm=norm, org_key=org_key, org_name=org)
                .on_conflict_do_nothing().returning(people.c.id))
        pid = conn.execute(stmt).scalar()
        if pid is None:  # a known person: keep the preferred spellings (order-independent)
            match = [people.c.norm == norm, people.c.org_key == org_key]
            row = conn.execute(sa.select(people.c.id, people.c.name, people.c.org_name)
                               .where(*match)).one()
            pid = row.id
            _improve(conn, people, match, {"name": row.name, "org_name": row.org_name},
                     {"name": name, "org_name": org})
        ids[(norm, org_key)] = pid
    for p, norm, org_key in found:
        pid = ids[(norm, org_key)]
        by_norm.setdefault(norm, pid)
        if pid not in seen:
            seen.add(pid)
            conn.execute(sa.insert(person_mentions).values(
                person_id=pid, article_id=article_id, role=p.get("role"),
                surface_role=p.get("surface_role")))
    rows = []
    for i, q in enumerate(quote_list):
        text = q.get("text")
        if not text:
            continue
        speaker = q.get("speaker")
        pid = None
        if speaker:
            s = norm_name(speaker)
            pid = by_norm.get(s) or next(
                (v for k, v in by_norm.items() if k.endswith(" " + s) or s.endswith(" " + k)), None)
        rows.append({"article_id": article_id, "position": i, "speaker": speaker,
                     "person_id": pid, "text": text})
    if rows:
        conn.execute(sa.insert(quotes), rows)
