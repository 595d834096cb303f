"""Database location and connection setup.

The default database is ``./koop.db`` (SQLite) in the working directory; the
environment variable ``KOOP_DB`` or an explicit argument (``--db``) overrides
it. A plain path means SQLite; a SQLAlchemy URL (``sqlite:///x.db``, later
``postgresql://...``) is used as given.

SQLite is opened in WAL mode with foreign keys on and ``synchronous=NORMAL``:
a killed process never corrupts the file and loses at most the transaction
in flight. Write transactions start with ``BEGIN IMMEDIATE`` (pass the
execution option ``koop_write=True``) so that two writers queue on the busy
timeout instead of failing half-way.
"""
from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

DEFAULT_DB = "koop.db"
DB_ENV = "KOOP_DB"
BUSY_TIMEOUT_MS = 60_000


def resolve_db(db: str | os.PathLike | None = None) -> str:
    """The database to use: ``db``, else ``$KOOP_DB``, else ``./koop.db``."""
    if db is None or str(db) == "":
        db = os.environ.get(DB_ENV) or DEFAULT_DB
    return str(db)


def db_url(db: str | os.PathLike | None = None) -> str:
    """A SQLAlchemy URL for a path or URL (see :func:`resolve_db`)."""
    db = resolve_db(db)
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (None for other databases or in-memory)."""
    u = sa.engine.make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def create_engine(url: str) -> sa.Engine:
    """An Engine with koop's connection settings for the URL's dialect."""
    u = sa.engine.make_url(url)
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
