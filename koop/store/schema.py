"""Tables of the cooperation graph and the versioned migrations that build them.

All tables live here and nowhere else. The SQL is portable (SQLAlchemy Core,
no SQLite-only types) so that the PostgreSQL backend of issue 5 runs the same
schema and queries. Uniqueness that concurrent writers rely on is declared as
constraints, and writes use dialect-aware upserts (see ``koop.store.writer``).

Migrations are numbered steps; ``meta.schema_version`` records the last one
applied. Each step runs in its own transaction, so an interrupted migration
leaves the database at the previous version. Add a step by appending a
function to ``MIGRATIONS`` and never edit a released one. On PostgreSQL every
step first takes a transaction-scoped advisory lock, so several processes
opening a new database at once migrate it once (the others wait, then find
it current); on SQLite ``BEGIN IMMEDIATE`` does the same.

Text columns compare and sort bytewise on both backends (SQLite's BINARY
collation; on PostgreSQL the columns use the "C" collation, whatever the
database's locale), so queries return rows in the same order everywhere.
"""
from __future__ import annotations

from typing import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import KoopError

# pg_advisory_xact_lock(LOCK_SPACE, n) keys of koop's short critical sections
LOCK_SPACE = 0x6B6F6F70  # "koop"
LOCK_MIGRATE = 1
LOCK_DUP_GROUP = 2


def _str(length: int | None = None) -> sa.types.TypeEngine:
    """A string column (VARCHAR(length), or TEXT) with bytewise order on PostgreSQL too."""
    from sqlalchemy.dialects import postgresql

    if length is None:
        return sa.Text().with_variant(postgresql.TEXT(collation="C"), "postgresql")
    return sa.String(length).with_variant(postgresql.VARCHAR(length, collation="C"), "postgresql")


metadata = sa.MetaData()

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", _str(64), primary_key=True),
    sa.Column("value", _str(), nullable=False),
)

# One row per stored article. ``key`` is the Article.id (made unique), ``url``
# and ``text_hash`` (of the normalized text) make re-ingesting a no-op.
articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", _str(300), nullable=False, unique=True),
    sa.Column("url", _str(2000), unique=True),
    sa.Column("text_hash", _str(64), nullable=False, unique=True),
    sa.Column("title", _str()),
    sa.Column("date", _str(32)),
    sa.Column("lang", _str(8)),
    sa.Column("source_path", _str(2000)),
    sa.Column("text", _str(), nullable=False),
    sa.Column("minhash", sa.LargeBinary),
    # id of the first article of its near-duplicate group (itself when it is the first)
    sa.Column("dup_group", sa.Integer, index=True),
    sa.Column("dup_similarity", sa.Float),
    sa.Column("ingested_at", _str(32), nullable=False),
)
sa.Index("ix_articles_source_path", articles.c.source_path)

# LSH buckets of each article's MinHash signature, one row per band: candidate
# near-duplicates are the articles sharing a (band, bucket).
lsh_buckets = sa.Table(
    "lsh_buckets", metadata,
    sa.Column("band", sa.SmallInteger, primary_key=True),
    sa.Column("bucket", sa.BigInteger, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
              primary_key=True),
)
sa.Index("ix_lsh_buckets_article", lsh_buckets.c.article_id)

# Input files already ingested, for incremental re-runs.
sources = sa.Table(
    "sources", metadata,
    sa.Column("path", _str(2000), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("mtime_ns", sa.BigInteger, nullable=False),
    sa.Column("content_hash", _str(64), nullable=False),
    sa.Column("ingested_at", _str(32), nullable=False),
)

organizations = sa.Table(
    "organizations", metadata,
    sa.Column("id", _str(200), primary_key=True),  # KB id, or "~" + slug of the name
    sa.Column("name", _str(), nullable=False),
    sa.Column("linked", sa.Boolean, nullable=False, default=True),  # has a KB id
)

org_aliases = sa.Table(
    "org_aliases", metadata,
    sa.Column("org_id", _str(200), sa.ForeignKey("organizations.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("norm", _str(300), primary_key=True),  # normalized alias (see names.py)
    sa.Column("alias", _str(), nullable=False),
)
sa.Index("ix_org_aliases_norm", org_aliases.c.norm)

# ORG mentions per article (count), for search and stats.
org_mentions = sa.Table(
    "org_mentions", metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("org_id", _str(200), sa.ForeignKey("organizations.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)
sa.Index("ix_org_mentions_org", org_mentions.c.org_id)

# One row per set of parties.
cooperations = sa.Table(
    "cooperations", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("party_key", _str(2000), nullable=False, unique=True),  # sorted ids joined by "|"
    sa.Column("n_parties", sa.SmallInteger, nullable=False),
)

cooperation_parties = sa.Table(
    "cooperation_parties", metadata,
    sa.Column("cooperation_id", sa.Integer,
              sa.ForeignKey("cooperations.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("org_id", _str(200), sa.ForeignKey("organizations.id", ondelete="CASCADE"),
              primary_key=True),
)
sa.Index("ix_cooperation_parties_org", cooperation_parties.c.org_id)

# What one article says about one cooperation.
observations = sa.Table(
    "observations", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("cooperation_id", sa.Integer,
              sa.ForeignKey("cooperations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("status", _str(16), nullable=False),
    sa.Column("since", _str(32)),
    sa.Column("name", _str()),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.UniqueConstraint("cooperation_id", "article_id", name="uq_observation"),
)
sa.Index("ix_observations_article", observations.c.article_id)

evidence = sa.Table(
    "evidence", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("observation_id", sa.Integer,
              sa.ForeignKey("observations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.SmallInteger, nullable=False),
    sa.Column("text", _str(), nullable=False),
    sa.Column("norm", _str(), nullable=False),  # casefolded, for portable search
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.UniqueConstraint("observation_id", "position", name="uq_evidence"),
)

# People merge by (normalized name, organization key).
people = sa.Table(
    "people", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", _str(), nullable=False),
    sa.Column("norm", _str(300), nullable=False),
    sa.Column("org_key", _str(200), nullable=False),  # org id, "~slug" of the org name, or ""
    sa.Column("org_name", _str()),
    sa.UniqueConstraint("norm", "org_key", name="uq_person"),
)

person_mentions = sa.Table(
    "person_mentions", metadata,
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("role", _str()),
    sa.Column("surface_role", _str()),
)
sa.Index("ix_person_mentions_article", person_mentions.c.article_id)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("position", sa.SmallInteger, nullable=False),
    sa.Column("speaker", _str()),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="SET NULL")),
    sa.Column("text", _str(), nullable=False),
    sa.UniqueConstraint("article_id", "position", name="uq_quote"),
)
# deleting a person sets its quotes' person_id to NULL: without this index SQLite scans quotes
ix_quotes_person = sa.Index("ix_quotes_person", quotes.c.person_id)


# -- migrations --------------------------------------------------------------

V1_TABLES = [meta, articles, lsh_buckets, sources, organizations, org_aliases, org_mentions,
             cooperations, cooperation_parties, observations, evidence, people,
             person_mentions, quotes]


def _v1(conn: Connection) -> None:
    """The initial schema."""
    metadata.create_all(conn, tables=V1_TABLES)


def _v2(conn: Connection) -> None:
    """An index on quotes.person_id (issue 14: replacing an article scanned quotes)."""
    ix_quotes_person.create(conn, checkfirst=True)


def _v3(conn: Connection) -> None:
    """``linked`` is true only for knowledge-base ids (issue 13): organizations named
    by an article alone (ids ``x-...``) were stored as linked."""
    conn.execute(sa.update(organizations).where(organizations.c.id.like("x-%"))
                 .values(linked=False))


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    """The schema version recorded in the database (0 for an empty database)."""
    if not sa.inspect(conn).has_table("meta"):
        return 0
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    return int(value) if value is not None else 0


def migrate(engine: sa.Engine, url: str = "") -> int:
    """Apply every pending migration, each in its own transaction.

    Args:
        engine (Engine): the database.
        url (str): shown in the error when the database is newer than this koop.
    RETURNS (int): the schema version after migrating.
    """
    while True:
        with engine.connect() as conn:
            conn = conn.execution_options(koop_write=True)
            with conn.begin():
                lock(conn, LOCK_MIGRATE)
                version = current_version(conn)
                if version > SCHEMA_VERSION:
                    raise KoopError("E041", db=url, found=version, supported=SCHEMA_VERSION)
                if version == SCHEMA_VERSION:
                    return version
                MIGRATIONS[version](conn)
                _set_version(conn, version + 1)


def lock(conn: Connection, key: int) -> None:
    """Take koop's advisory lock ``key`` until the transaction ends (PostgreSQL only;
    SQLite's single writer needs none)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:space, :key)"),
                     {"space": LOCK_SPACE, "key": key})


def _set_version(conn: Connection, version: int) -> None:
    updated = conn.execute(sa.update(meta).where(meta.c.key == "schema_version")
                           .values(value=str(version))).rowcount
    if not updated:
        conn.execute(sa.insert(meta).values(key="schema_version", value=str(version)))
