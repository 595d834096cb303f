"""/api/view: the part of the network the page shows (its overview of the most
connected organizations) and its download as CSV, GraphML or JSON."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import Field

from ...graph import CooperationFilter
from ..deps import Reader, cooperation_filter
from ..models import GraphOut
from ..view import DEFAULT_TOP, MAX_TOP, export_view, select_view, view_graph
from .errors import ERRORS

router = APIRouter(prefix="/api/view", tags=["graph"])

Top = Annotated[int, Query(ge=1, le=MAX_TOP, description="How many of the most connected "
                           "organizations to show")]
Focus = Annotated[Optional[str], Query(max_length=200, description="An organization (id, "
                                       "name or alias) to show with all its partners")]


class ViewOut(GraphOut):
    total_nodes: int = Field(description="Organizations in the whole filtered network")
    total_edges: int = Field(description="Edges in the whole filtered network")
    shown_cooperations: int = Field(description="Cooperations with an edge in this view")


def _focus_id(reader, focus: str | None) -> str | None:
    return reader.find_org(focus).id if focus else None


def _filter(flt) -> CooperationFilter:
    """The store's filter (the shared dependency may wrap it with the party's match)."""
    return getattr(flt, "flt", flt)


@router.get("", response_model=ViewOut, responses=ERRORS,
            summary="The most connected part of the network")
def view(reader: Reader, flt: Annotated[CooperationFilter, Depends(cooperation_filter)],
         top: Top = DEFAULT_TOP, focus: Focus = None) -> ViewOut:
    """The `top` organizations with the most distinct partners in the filtered
    network (and `focus` with its partners), with the edges between them.
    Takes the filters of /api/cooperations."""
    return ViewOut(**view_graph(reader, select_view(reader, _filter(flt), top,
                                                 _focus_id(reader, focus))))


@router.get("/export", responses={**ERRORS, 200: {"content": {
    "text/csv": {}, "application/graphml+xml": {}, "application/json": {}}}},
    summary="Download the shown view as CSV, GraphML or JSON")
def export(reader: Reader, flt: Annotated[CooperationFilter, Depends(cooperation_filter)],
           format: Annotated[Literal["csv", "graphml", "json"], Query(
               description="csv: one row per edge; graphml: for Gephi, yEd, networkx; "
                           "json: cooperations with history and evidence")] = "csv",
           top: Top = DEFAULT_TOP, focus: Focus = None) -> Response:
    """The cooperations of the view (those with two parties shown) in the formats
    of `koop export`."""
    view = select_view(reader, _filter(flt), top, _focus_id(reader, focus))
    text, media_type = export_view(reader, view, format)
    return Response(text, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="koop-view.{format}"'})
