"""/api/graph (the network the page draws) and /api/info."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ... import __version__
from ...statuses import STATUS_TABLE, STATUSES
from ...store import Store, queries
from ..deps import Conn, cooperation_filter, get_settings, get_store
from ..models import GraphOut, InfoOut, StatusOut
from ..settings import WebSettings
from .errors import ERRORS

router = APIRouter(prefix="/api", tags=["graph"])


@router.get("/graph", response_model=GraphOut, responses=ERRORS,
            summary="The cooperation network: organizations and edges")
def graph(conn: Conn, flt: Annotated[queries.CooperationFilter, Depends(cooperation_filter)],
          settings: Annotated[WebSettings, Depends(get_settings)],
          limit: Annotated[int | None, Query(ge=1, description="Most cooperations to include "
                                             "(the most recently reported; default and "
                                             "maximum: the server's graph limit)")] = None,
          ) -> GraphOut:
    """Each cooperation gives one edge per pair of its parties (an alliance of
    three gives three). Takes the same filters as /api/cooperations."""
    limit = min(limit or settings.graph_limit, settings.graph_limit)
    return GraphOut(**queries.cooperation_graph(conn, flt, limit))


@router.get("/info", response_model=InfoOut, summary="Server and database facts")
def info(store: Annotated[Store, Depends(get_store)],
         settings: Annotated[WebSettings, Depends(get_settings)]) -> InfoOut:
    """Version, whether writes are allowed, and the database's main counts."""
    s = store.stats()
    return InfoOut(version=__version__, read_only=settings.read_only,
                   schema_version=s["schema_version"], statuses=list(STATUSES),
                   status_table=[StatusOut(**st.public()) for st in STATUS_TABLE],
                   **{k: s[k] for k in ("articles", "organizations", "cooperations",
                                        "cooperations_by_status", "first_article_date",
                                        "last_article_date")})
