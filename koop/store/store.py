"""The data-access layer: one ``Store`` object over one database.

Every read and write of the graph goes through a Store. It owns the engine,
runs migrations when opened, and gives each write its own transaction.
The SQL lives in ``writer.py`` (writes) and ``queries/`` (reads, one module per
resource) and is the same for every backend (SQLite, PostgreSQL).

On PostgreSQL a write transaction that the server aborts because it
deadlocked with, or could not be serialized against, another writer's is
run again from the start (up to ``WRITE_RETRIES`` times, with a short random
back-off); a record is plain data, so running it again is safe.
"""
from __future__ import annotations

import logging
import os
import random
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..article import Article
from ..errors import KoopError
from . import queries, writer
from .engine import create_engine, db_url, redact, sqlite_path
from .records import SourceFile, record_from_article
from .schema import articles, migrate, sources

log = logging.getLogger(__name__)
T = TypeVar("T")

WRITE_RETRIES = 8
# deadlock_detected, serialization_failure; unique_violation and
# foreign_key_violation can only come from a race with another writer (one
# replacing a changed file's article deletes what only that article supported),
# and the next attempt sees that writer's committed rows
RETRY_SQLSTATES = {"40P01", "40001", "23505", "23503"}


def is_transient(error: BaseException) -> bool:
    """Whether a failed write transaction may succeed when run again."""
    orig = getattr(error, "orig", None)
    return getattr(orig, "sqlstate", None) in RETRY_SQLSTATES


class Store:
    """A graph database (SQLite by default).

    Args:
        db (str): a path, a SQLAlchemy URL, or None for ``$KOOP_DB`` / ``./koop.db``.
        create (bool): create a missing SQLite file (False: raise E040 instead).
    """

    def __init__(self, db: str | os.PathLike | None = None, create: bool = True) -> None:
        self.url = db_url(db)
        path = sqlite_path(self.url)
        if not create and path is not None and not path.exists():
            raise KoopError("E040", db=path, reason="no such file; build it with koop ingest")
        try:
            self.engine = create_engine(self.url)
            self.schema_version = migrate(self.engine, redact(self.url))
        except KoopError:
            raise
        except ImportError as e:  # the database driver is an optional extra
            extra = " (pip install 'koop[postgres]')" if "postgres" in self.url else ""
            raise KoopError("E040", db=redact(self.url), reason=f"{e}{extra}") from None
        except (sa.exc.SQLAlchemyError, OSError) as e:
            raise KoopError("E040", db=path or redact(self.url),
                            reason=getattr(e, "orig", None) or e) from None

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for server databases)."""
        return sqlite_path(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction (committed on success, rolled back on error)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(koop_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    def run_write(self, fn: Callable[[Connection], T]) -> T:
        """``fn(conn)`` in one write transaction, run again after a deadlock or
        serialization failure (see the module docstring). RETURNS what fn returns."""
        for attempt in range(WRITE_RETRIES):
            try:
                with self.write() as conn:
                    return fn(conn)
            except sa.exc.DBAPIError as e:
                if not is_transient(e) or attempt == WRITE_RETRIES - 1:
                    raise
                log.debug("write transaction retried (%s)", getattr(e.orig, "sqlstate", e))
                time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    # -- writes ----------------------------------------------------------------
    def write_record(self, record: dict[str, Any],
                     source: SourceFile | None = None) -> writer.WriteResult:
        """Store one article record in one transaction (see ``writer.write_record``)."""
        return self.run_write(lambda conn: writer.write_record(conn, record, source))

    def write_article(self, article: Article, source: SourceFile | None = None
                      ) -> writer.WriteResult:
        """Store an extracted (or hand-built) Article in one transaction."""
        return self.write_record(record_from_article(article), source)

    def mark_source(self, source: SourceFile) -> None:
        self.run_write(lambda conn: writer.mark_source(conn, source))

    # -- lookups used by ingest ------------------------------------------------
    def source_state(self, path: str) -> SourceFile | None:
        with self.read() as conn:
            r = conn.execute(sa.select(sources).where(sources.c.path == path)).first()
        return SourceFile(r.path, r.size, r.mtime_ns, r.content_hash) if r else None

    def source_states(self) -> dict[str, SourceFile]:
        """Every ingested input file by path."""
        with self.read() as conn:
            return {r.path: SourceFile(r.path, r.size, r.mtime_ns, r.content_hash)
                    for r in conn.execute(sa.select(sources))}

    def has_url(self, url: str) -> bool:
        with self.read() as conn:
            return conn.execute(sa.select(articles.c.id).where(articles.c.url == url)
                                ).first() is not None

    def has_text_hash(self, text_hash: str) -> bool:
        with self.read() as conn:
            return conn.execute(sa.select(articles.c.id).where(articles.c.text_hash == text_hash)
                                ).first() is not None

    # -- reads -----------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.read() as conn:
            return queries.count_rows(conn)

    def stats(self) -> dict:
        with self.read() as conn:
            out = queries.stats(conn)
        out["database"] = str(self.path or redact(self.url))
        if self.path and self.path.exists():
            out["database_bytes"] = sum(p.stat().st_size for p in self.path.parent.glob(
                self.path.name + "*") if p.name in {self.path.name, self.path.name + "-wal"})
        out["schema_version"] = self.schema_version
        return out

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` ("ok" when sound; "ok" elsewhere)."""
        if self.engine.dialect.name != "sqlite":
            return "ok"
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar()


def open_store(db: str | os.PathLike | None = None, create: bool = True) -> Store:
    """Open (and create or migrate) the graph database ``db``."""
    return Store(db, create)
