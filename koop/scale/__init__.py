"""Scaling out: ingestion on a Dask cluster (``koop ingest --scheduler ...``).

Needs the ``scale`` extra (``pip install 'koop[scale]'``: dask and
distributed). The server database for several machines is PostgreSQL
(``koop[postgres]``, ``--db postgresql://...``); see docs/scaling.md.
"""
from __future__ import annotations
