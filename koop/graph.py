"""The cooperation graph as a Python object: ``koop.open(db)``.

A ``Graph`` wraps one store and offers everything the CLI does::

    import koop

    with koop.open("news.db") as g:
        g.ingest(["articles/", "https://example.com/feed.xml"], jobs=2)
        for coop in g.show("Leica").cooperations:
            print(coop.partners_of(g.org("Leica").id), coop.status, coop.since, coop.sources)
        g.export("graphml", "graph.graphml")
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from .article import Article
from .ingest import IngestOptions, IngestReport, PipelineFactory, ingest
from .io.web import FetchOptions
from .store import Store, WriteResult
from .store.queries import (CooperationView, Org, PartnerHit, SearchResult, TimelineEvent,
                            aliases_of, surfaces_in)


@dataclass
class OrgReport:
    """An organization and the cooperations it is party to (latest-seen first)."""

    org: Org
    cooperations: list[CooperationView]

    def to_dict(self) -> dict:
        return {"org": {"id": self.org.id, "name": self.org.name},
                "cooperations": [c.to_dict() for c in self.cooperations]}


class Graph:
    """The merged cooperation graph in one database.

    Args:
        db (str): path or SQLAlchemy URL; None for ``$KOOP_DB`` or ``./koop.db``.
        create (bool): create a missing database (False: raise KoopError E040).
    """

    def __init__(self, db: str | os.PathLike | None = None, create: bool = True) -> None:
        self.store = Store(db, create)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        from .store.engine import redact

        return f"<koop.Graph {redact(self.store.url)}>"

    # -- writing -------------------------------------------------------------------
    def ingest(self, inputs: str | os.PathLike | Iterable[str | os.PathLike], *, jobs: int = 1,
               lang: str | None = None, progress: bool | None = False,
               fetch: FetchOptions | None = None,
               pipeline_factory: PipelineFactory | None = None,
               scheduler: str | None = None, batch_size: int | None = None,
               max_document_bytes: int | None = None) -> IngestReport:
        """Ingest files, folders, URLs and feeds (see ``koop ingest``).

        Args:
            inputs (str | list): one input or several.
            jobs (int): extraction processes.
            lang (str): force 'de' or 'en'.
            progress (bool): progress bar on stderr.
            fetch (FetchOptions): network limits.
            pipeline_factory (callable): builds the extraction pipeline
                (default: ``koop.pipeline.runner.default_pipeline``).
            scheduler (str): read and extract on a Dask cluster:
                ``tcp://HOST:8786`` or ``local:N`` (docs/scaling.md).
            batch_size (int): with ``scheduler``, articles per task and per
                write transaction (default 32).
            max_document_bytes (int): largest document; larger ones are skipped
                (default: ``$KOOP_MAX_DOCUMENT_BYTES``, else 5,000,000; docs/limits.md).
        RETURNS (IngestReport): counts, timing and ``issues`` (what was skipped, and why).
        """
        if isinstance(inputs, (str, os.PathLike)):
            inputs = [inputs]
        options = IngestOptions(jobs=jobs, lang=lang, progress=progress,
                                fetch=fetch or FetchOptions(), scheduler=scheduler)
        if batch_size is not None:
            options.batch_size = batch_size
        if max_document_bytes is not None:
            options.max_document_bytes = max_document_bytes
        if pipeline_factory is not None:
            options.pipeline_factory = pipeline_factory
        return ingest(self.store, [str(i) for i in inputs], options)

    def add(self, article: Article) -> WriteResult:
        """Write one extracted (or hand-built) Article, in one transaction."""
        return self.store.write_article(article)

    # -- reading -------------------------------------------------------------------
    def org(self, name: str) -> Org:
        """The organization meant by ``name`` (id, name, alias or typo of one)."""
        return self.store.find_org(name)

    def show(self, name: str) -> OrgReport:
        """An organization's cooperations with status, since, sources and evidence."""
        org = self.org(name)
        return OrgReport(org, self._with_surfaces(self.store.cooperations_of(org.id)))

    def _with_surfaces(self, views: list[CooperationView]) -> list[CooperationView]:
        """Each evidence sentence with the names it uses for the parties where they
        differ from the canonical ones (``Evidence.surfaces``)."""
        ids = sorted({p.id for v in views for p in v.parties})
        names: dict[str, list[str]] = {}
        with self.store.read() as conn:
            for i in range(0, len(ids), 500):  # bounded IN lists on every backend
                names.update(aliases_of(conn, ids[i:i + 500]))
        for v in views:
            v.evidence = [replace(e, surfaces=surfaces_in(e.text, v.parties, names))
                          for e in v.evidence]
        return views

    def timeline(self, name: str) -> list[TimelineEvent]:
        """Start dates and status observations of an organization's cooperations, by date."""
        return self.store.timeline(self.org(name).id)

    def partners(self, name: str, depth: int = 1) -> list[PartnerHit]:
        """Partners, and with ``depth`` 2 partners of partners, of an organization."""
        return self.store.partners(self.org(name).id, depth)

    def cooperations(self, name: str | None = None) -> list[CooperationView]:
        """All cooperations, or those of one organization."""
        if name is None:
            return self._with_surfaces(self.store.cooperations())
        return self._with_surfaces(self.store.cooperations_of(self.org(name).id))

    def search(self, text: str, limit: int = 20) -> SearchResult:
        """Organizations, people and evidence sentences containing ``text``."""
        return self.store.search(text, limit)

    def stats(self) -> dict:
        """Counts: articles, independent reports, organizations, cooperations, ..."""
        return self.store.stats()

    def export(self, fmt: str, path: str | Path | None = None) -> str | None:
        """Export as graphml, csv, json or jsonld to ``path`` (or return the text)."""
        from .export import export

        return export(self.store, fmt, path)


def open_graph(db: str | os.PathLike | None = None, create: bool = True) -> Graph:
    """Open (creating or migrating) the graph database ``db``: ``koop.open(db)``."""
    return Graph(db, create)
