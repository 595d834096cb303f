"""Database location and connection setup.

The default database is ``./koop.db`` (SQLite) in the working directory; the
environment variable ``KOOP_DB`` or an explicit argument (``--db``) overrides
it. A plain path means SQLite; a SQLAlchemy URL (``sqlite:///x.db``,
``postgresql://user@host/db``) is used as given, except that ``postgresql://``
and ``postgres://`` select the psycopg 3 driver (``postgresql+psycopg://``,
installed by ``pip install 'koop[postgres]'``).

SQLite is opened in WAL mode with foreign keys on and ``synchronous=NORMAL``:
a killed process never corrupts the file and loses at most the transaction
in flight. Write transactions start with ``BEGIN IMMEDIATE`` (pass the
execution option ``koop_write=True``) so that two writers queue on the busy
timeout instead of failing half-way.

PostgreSQL connections come from a SQLAlchemy ``QueuePool``: ``POOL_SIZE``
connections are kept open, up to ``MAX_OVERFLOW`` more are opened under load,
a caller waits at most ``POOL_TIMEOUT`` seconds for one, connections are
checked with a ping before use (a restarted server costs no failed write) and
replaced after ``POOL_RECYCLE`` seconds. ``KOOP_DB_POOL_SIZE`` and
``KOOP_DB_MAX_OVERFLOW`` override the two sizes (see docs/scaling.md).
Transactions run at PostgreSQL's default READ COMMITTED isolation; the writer
relies on unique constraints and ``INSERT ... ON CONFLICT`` for correctness
under concurrent writers (``koop.store.writer``).
"""
from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

DEFAULT_DB = "koop.db"
DB_ENV = "KOOP_DB"
BUSY_TIMEOUT_MS = 60_000

# PostgreSQL connection pool (per process; an ingest writes through one connection)
POOL_SIZE = 5
MAX_OVERFLOW = 10
POOL_TIMEOUT = 30
POOL_RECYCLE = 1800
CONNECT_TIMEOUT = 10
POOL_SIZE_ENV = "KOOP_DB_POOL_SIZE"
MAX_OVERFLOW_ENV = "KOOP_DB_MAX_OVERFLOW"


def resolve_db(db: str | os.PathLike | None = None) -> str:
    """The database to use: ``db``, else ``$KOOP_DB``, else ``./koop.db``."""
    if db is None or str(db) == "":
        db = os.environ.get(DB_ENV) or DEFAULT_DB
    return str(db)


def db_url(db: str | os.PathLike | None = None) -> str:
    """A SQLAlchemy URL for a path or URL (see :func:`resolve_db`)."""
    db = resolve_db(db)
    if "://" in db:
        return _with_driver(db)
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def _with_driver(url: str) -> str:
    """``postgresql://`` and ``postgres://`` URLs with the psycopg 3 driver named."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL: a path
        return url


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (None for other databases or in-memory)."""
    u = sa.engine.make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def create_engine(url: str) -> sa.Engine:
    """An Engine with koop's connection settings for the URL's dialect."""
    u = sa.engine.make_url(url)
    if u.get_backend_name() == "postgresql":
        return _postgres_engine(url)
    if u.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        write = conn.get_execution_options().get("koop_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _postgres_engine(url: str) -> sa.Engine:
    """A pooled PostgreSQL engine (see the module docstring for the settings)."""
    connect_args = {}
    if sa.engine.make_url(url).get_driver_name() in ("psycopg", "psycopg2"):
        connect_args = {"connect_timeout": CONNECT_TIMEOUT, "application_name": "koop"}
    return sa.create_engine(
        url, poolclass=sa.pool.QueuePool,
        pool_size=int(os.environ.get(POOL_SIZE_ENV) or POOL_SIZE),
        max_overflow=int(os.environ.get(MAX_OVERFLOW_ENV) or MAX_OVERFLOW),
        pool_timeout=POOL_TIMEOUT, pool_recycle=POOL_RECYCLE, pool_pre_ping=True,
        connect_args=connect_args)
