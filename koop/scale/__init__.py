"""Scaling out: ingestion on a Dask cluster (``koop ingest --scheduler ...``).

Needs the ``scale`` extra (``pip install 'koop[scale]'``: dask and
distributed). The server database for several machines is PostgreSQL
(``koop[postgres]``, ``--db postgresql://...``); see docs/scaling.md.
"""
from __future__ import annotations

from ..errors import register_messages

SCALE_MESSAGES = {
    "E070": "Cannot use Dask scheduler '{scheduler}': {reason}.",
    "E071": "Ingesting on a Dask cluster needs dask and distributed: "
            "pip install 'koop[scale]' ({reason}).",
}

register_messages(SCALE_MESSAGES)
