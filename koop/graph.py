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
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from sqlalchemy.engine import Connection

from .article import Article
from .ingest import IngestOptions, IngestReport, PipelineFactory, ingest
from .io.web import FetchOptions
from .store import Store, WriteResult
from .store.queries import articles as _articles
from .store.queries import cooperations as _cooperations
from .store.queries import network as _network
from .store.queries import organizations as _organizations
from .store.queries import text_search as _search
from .store.queries.cooperations import (ArticleRef, CooperationFilter, CooperationSummary,
                                         CooperationView, Evidence, Observation, TimelineEvent,
                                         surfaces_in)
from .store.queries.organizations import Org, OrgMatch, PartnerHit, aliases_of
from .store.queries.text_search import SearchResult

# the read models the read API returns (importers of koop.graph need no store module)
__all__ = ["ArticleRef", "CooperationFilter", "CooperationSummary", "CooperationView",
           "Evidence", "Graph", "GraphReader", "Observation", "Org", "OrgMatch", "OrgReport",
           "PartnerHit", "SearchResult", "TimelineEvent", "open_graph", "read_graph"]


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
    # (each call one read transaction: a GraphReader, the web app's read API too)
    def org(self, name: str) -> Org:
        """The organization meant by ``name`` (id, name, alias or typo of one)."""
        with self.reader() as r:
            return r.find_org(name)

    def show(self, name: str) -> OrgReport:
        """An organization's cooperations with status, since, sources and evidence."""
        with self.reader() as r:
            org = r.find_org(name)
            return OrgReport(org, r.with_surfaces(r.cooperations_of(org.id)))

    def timeline(self, name: str) -> list[TimelineEvent]:
        """Start dates and status observations of an organization's cooperations, by date."""
        with self.reader() as r:
            return r.timeline(r.find_org(name).id)

    def partners(self, name: str, depth: int = 1) -> list[PartnerHit]:
        """Partners, and with ``depth`` 2 partners of partners, of an organization."""
        with self.reader() as r:
            return r.partners(r.find_org(name).id, depth)

    def cooperations(self, name: str | None = None) -> list[CooperationView]:
        """All cooperations, or those of one organization."""
        with self.reader() as r:
            if name is None:
                return r.with_surfaces(r.cooperation_views())
            return r.with_surfaces(r.cooperations_of(r.find_org(name).id))

    def search(self, text: str, limit: int = 20) -> SearchResult:
        """Organizations, people and evidence sentences containing ``text``."""
        with self.reader() as r:
            return r.search(text, limit)

    def stats(self) -> dict:
        """Counts: articles, independent reports, organizations, cooperations, ..."""
        return self.store.stats()

    def reader(self):
        """One read transaction (``GraphReader``): ``with g.reader() as r: r.get_article(k)``."""
        return read_graph(self.store)

    def export(self, fmt: str, path: str | Path | None = None) -> str | None:
        """Export as graphml, csv, json or jsonld to ``path`` (or return the text)."""
        from .export import export

        return export(self.store, fmt, path)


class GraphReader:
    """One read transaction over the graph: every call sees the same snapshot.

    The web app opens one per request (``read_graph(store)``); ``Graph.reader()``
    opens one for a script. Each method is one query of ``koop.store.queries``.

    Args:
        conn (Connection): an open read transaction (``Store.read()``).
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- organizations ---------------------------------------------------------------
    def match_org(self, name: str) -> OrgMatch:
        """The organization ``name`` means, and how it was matched (id, name, typo ...)."""
        return _organizations.match_org(self.conn, name)

    def find_org(self, name: str) -> Org:
        """The organization ``name`` means; KoopError E042/E043 when none or several."""
        return _organizations.find_org(self.conn, name)

    def get_org(self, org_id: str) -> Org | None:
        return _organizations.get_org(self.conn, org_id)

    def org_summaries(self, org_ids: Iterable[str]) -> list[dict]:
        """Id, name, linked and counts of each organization."""
        return _organizations.org_summaries(self.conn, org_ids)

    def search_organizations(self, text: str | None = None, limit: int = 20,
                             offset: int = 0) -> tuple[int, list[dict]]:
        """(total, a page of summaries) of organizations whose names contain ``text``."""
        return _organizations.search_organizations(self.conn, text, limit, offset)

    def aliases_of(self, org_ids: Iterable[str]) -> dict[str, list[str]]:
        """Every stored name of each organization, longest first."""
        return _organizations.aliases_of(self.conn, org_ids)

    def organizations_with_counts(self) -> list[dict]:
        return _organizations.organizations_with_counts(self.conn)

    def people_list(self) -> list[dict]:
        """Every person with their organization and the articles naming them."""
        return _organizations.people_list(self.conn)

    # -- cooperations ----------------------------------------------------------------
    def cooperation_views(self, coop_ids: Iterable[int] | None = None
                          ) -> list[CooperationView]:
        """Cooperations (all, or these ids) with history, status, since and evidence."""
        return _cooperations.cooperation_views(self.conn, coop_ids)

    def cooperations_of(self, org_id: str) -> list[CooperationView]:
        return _cooperations.cooperations_of(self.conn, org_id)

    def partners(self, org_id: str, depth: int = 1) -> list[PartnerHit]:
        return _cooperations.partners(self.conn, org_id, depth)

    def timeline(self, org_id: str) -> list[TimelineEvent]:
        return _cooperations.timeline(self.conn, org_id)

    def with_surfaces(self, views: list[CooperationView]) -> list[CooperationView]:
        """Each evidence sentence with the names it uses for the parties where they
        differ from the canonical ones (``Evidence.surfaces``)."""
        ids = sorted({p.id for v in views for p in v.parties})
        names: dict[str, list[str]] = {}
        for i in range(0, len(ids), 500):  # bounded IN lists on every backend
            names.update(aliases_of(self.conn, ids[i:i + 500]))
        for v in views:
            v.evidence = [replace(e, surfaces=surfaces_in(e.text, v.parties, names))
                          for e in v.evidence]
        return views

    def filter_cooperations(self, flt: CooperationFilter) -> list[CooperationSummary]:
        """Summaries of every cooperation the filter keeps, latest reported first."""
        return _cooperations.filter_cooperations(self.conn, flt)

    def list_cooperations(self, flt: CooperationFilter, limit: int = 50, offset: int = 0
                          ) -> tuple[int, list[CooperationView]]:
        """(total, a page of views) of the cooperations the filter keeps."""
        return _cooperations.list_cooperations(self.conn, flt, limit, offset)

    # -- the network as a whole ----------------------------------------------------------
    def cooperation_graph(self, flt: CooperationFilter, limit: int | None = None) -> dict:
        """Nodes and pairwise edges of the cooperations the filter keeps."""
        return _network.cooperation_graph(self.conn, flt, limit)

    def graph_version(self) -> tuple:
        """Changes whenever the graph changes (for caches)."""
        return _network.graph_version(self.conn)

    def info_counts(self) -> dict:
        return _network.info_counts(self.conn)

    def search(self, text: str, limit: int = 20) -> SearchResult:
        """Organizations, people and evidence sentences containing ``text`` (E063: empty)."""
        return _search.search(self.conn, text, limit)

    # -- articles ------------------------------------------------------------------------
    def list_articles(self, text: str | None = None, limit: int = 50, offset: int = 0
                      ) -> tuple[int, list[dict]]:
        return _articles.list_articles(self.conn, text, limit, offset)

    def get_article(self, key: str) -> dict | None:
        """An article with its text and the cooperations it reports; None if unknown."""
        return _articles.get_article(self.conn, key)

    def stored_article_key(self, url: str | None = None, text_hash: str | None = None
                           ) -> str | None:
        """The key of the stored article with this URL or text hash, if any."""
        return _articles.stored_article_key(self.conn, url=url, text_hash=text_hash)


@contextmanager
def read_graph(store: Store) -> Iterator[GraphReader]:
    """A ``GraphReader`` over one read transaction of ``store``."""
    with store.read() as conn:
        yield GraphReader(conn)


def open_graph(db: str | os.PathLike | None = None, create: bool = True) -> Graph:
    """Open (creating or migrating) the graph database ``db``: ``koop.open(db)``."""
    return Graph(db, create)
