"""/api/graph (the network the page draws) and /api/info."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from ... import __version__
from ...statuses import STATUS_TABLE, STATUSES
from ...store import Store
from ..deps import MAX_COUNT, Filter, cooperation_filter, get_settings, get_store, Reader
from ..models import GraphOut, InfoOut, MatchOut, StatusOut
from ..settings import WebSettings
from .errors import ERRORS

router = APIRouter(prefix="/api", tags=["graph"])


@router.get("/graph", response_model=GraphOut, responses=ERRORS,
            summary="The cooperation network: organizations and edges")
def graph(reader: Reader, flt: Annotated[Filter, Depends(cooperation_filter)],
          settings: Annotated[WebSettings, Depends(get_settings)],
          limit: Annotated[int | None, Query(
              ge=1, le=MAX_COUNT, description="Most cooperations to include (the most "
              "recently reported; default and maximum: the server's graph limit)")] = None,
          ) -> GraphOut:
    """Each cooperation gives one edge per pair of its parties (an alliance of
    three gives three). Takes the same filters as /api/cooperations."""
    limit = min(limit or settings.graph_limit, settings.graph_limit)
    party = MatchOut.of(flt.party_query, flt.party) if flt.party else None
    return GraphOut(**reader.cooperation_graph(flt.flt, limit), party=party)


@router.get("/info", response_model=InfoOut, summary="Server and database facts")
def info(request: Request, reader: Reader, store: Annotated[Store, Depends(get_store)],
         settings: Annotated[WebSettings, Depends(get_settings)]) -> InfoOut:
    """Version, whether writes are allowed, and the database's main counts
    (counted again only after the graph changed)."""
    version = reader.graph_version()
    cached = getattr(request.app.state, "info_cache", None)
    if cached is None or cached[:2] != (id(store), version):
        cached = (id(store), version, reader.info_counts())
        request.app.state.info_cache = cached
    return InfoOut(version=__version__, read_only=settings.read_only,
                   schema_version=store.schema_version, statuses=list(STATUSES),
                   status_table=[StatusOut(**st.public()) for st in STATUS_TABLE], **cached[2])
