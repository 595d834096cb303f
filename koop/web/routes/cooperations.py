"""/api/cooperations: filtered listing, detail with history, evidence with sources."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from ...errors import KoopError
from ...graph import CooperationView
from ..deps import MAX_ID, Filter, Paging, cooperation_filter, paging, Reader
from ..models import (CooperationDetailOut, CooperationPage, EvidencePage, MatchOut,
                      cooperation_detail_out, cooperation_out, evidence_out)
from .errors import ERRORS

router = APIRouter(prefix="/api/cooperations", tags=["cooperations"])

Filters = Annotated[Filter, Depends(cooperation_filter)]
CoopId = Annotated[int, Path(ge=1, le=MAX_ID, description="The cooperation's id")]


def _view(reader, coop_id: int) -> CooperationView:
    views = reader.cooperation_views([coop_id])
    if not views:
        raise KoopError("E056", id=coop_id)
    return views[0]


@router.get("", response_model=CooperationPage, responses=ERRORS,
            summary="Cooperations, filtered and paginated")
def list_cooperations(reader: Reader, flt: Filters,
                      page: Annotated[Paging, Depends(paging)]) -> CooperationPage:
    """Most recently reported first. Filters combine: status (current), party,
    date range (overlapping the cooperation's time span) and minimum sources.
    `party` in the answer says which organization the filter was taken to mean."""
    total, views = reader.list_cooperations(flt.flt, page.limit, page.offset)
    names = reader.aliases_of({p.id for v in views for p in v.parties})
    return CooperationPage(total=total, limit=page.limit, offset=page.offset,
                           items=[cooperation_out(v, names) for v in views],
                           party=MatchOut.of(flt.party_query, flt.party) if flt.party else None)


@router.get("/{coop_id}", response_model=CooperationDetailOut, responses=ERRORS,
            summary="A cooperation with its history")
def cooperation_detail(reader: Reader, coop_id: CoopId) -> CooperationDetailOut:
    """Parties, status, since, sources and every report in date order."""
    v = _view(reader, coop_id)
    return cooperation_detail_out(v, reader.aliases_of([p.id for p in v.parties]))


@router.get("/{coop_id}/evidence", response_model=EvidencePage, responses=ERRORS,
            summary="A cooperation's evidence sentences with their sources")
def cooperation_evidence(reader: Reader, coop_id: CoopId,
                         page: Annotated[Paging, Depends(paging)]) -> EvidencePage:
    """Every supporting sentence, verbatim, with its article (title, URL, date)
    and where the parties are named in it. Oldest report first."""
    v = _view(reader, coop_id)
    names = reader.aliases_of([p.id for p in v.parties])
    chunk = v.evidence[page.offset:page.offset + page.limit]
    return EvidencePage(cooperation_id=v.id, total=len(v.evidence), limit=page.limit,
                        offset=page.offset,
                        items=[evidence_out(e, names, v.parties) for e in chunk])
