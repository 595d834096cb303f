"""The graph store: schema, migrations and the one data-access layer.

``open_store(db)`` opens a database (``./koop.db`` by default, ``$KOOP_DB``
or an explicit path/URL); ``Store`` reads and writes it.
"""
from __future__ import annotations

from .engine import DB_ENV, DEFAULT_DB, db_url, resolve_db
from .records import SourceFile, record_from_article
from .schema import SCHEMA_VERSION
from .store import Store, open_store
from .writer import WriteResult

__all__ = ["Store", "open_store", "SourceFile", "record_from_article", "WriteResult",
           "SCHEMA_VERSION", "DEFAULT_DB", "DB_ENV", "db_url", "resolve_db"]
