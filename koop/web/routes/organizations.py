"""/api/organizations: search, detail with partners, timeline."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Depends, Query

from ...errors import KoopError
from ...kb import org_facts
from ...store import queries
from ..deps import Conn, Paging, paging
from ..models import (KbFactsOut, OrgDetailOut, OrgOut, OrgPage, OrgSummaryOut, PartnerOut,
                      TimelineEventOut, TimelineOut, cooperation_out)
from .errors import ERRORS

router = APIRouter(prefix="/api/organizations", tags=["organizations"])


@router.get("", response_model=OrgPage, summary="Search organizations")
def search_organizations(
    conn: Conn, page: Annotated[Paging, Depends(paging)],
    q: Annotated[Optional[str], Query(max_length=200, description="Part of a name or alias "
                                      "(case and accents ignored); empty: all")] = None,
) -> OrgPage:
    """Organizations whose name, alias or id contains `q`, those with more
    cooperations first. When nothing contains `q`, the organization it
    means (a typo, a brand the knowledge base knows) is returned, if any."""
    total, items = queries.search_organizations(conn, q, page.limit, page.offset)
    if total == 0 and q and q.strip():
        try:
            org = queries.find_org(conn, q)
        except KoopError:  # E042/E043: no single organization meant
            org = None
        if org is not None:
            items = queries.org_summaries(conn, [org.id]) if page.offset == 0 else []
            total = 1
    return OrgPage(total=total, limit=page.limit, offset=page.offset,
                   items=[OrgSummaryOut(**i) for i in items])


@router.get("/{org}", response_model=OrgDetailOut, responses=ERRORS,
            summary="An organization with its partners and cooperations")
def organization_detail(
    conn: Conn, org: str,
    depth: Annotated[int, Query(ge=1, le=3, description="2: partners of partners too")] = 1,
) -> OrgDetailOut:
    """`org` is an id, a name or an alias (typos are tolerated)."""
    found = queries.find_org(conn, org)
    summary = queries.org_summaries(conn, [found.id])[0]
    coops = queries.cooperations_of(conn, found.id)
    names = queries.aliases_of(conn, {p.id for c in coops for p in c.parties} | {found.id})
    return OrgDetailOut(
        org=OrgSummaryOut(**summary),
        kb=KbFactsOut(**org_facts(found.id)) if found.linked else None,
        aliases=[a for a in names.get(found.id, []) if a != found.name],
        partners=[PartnerOut.of(h) for h in queries.partners(conn, found.id, depth)],
        cooperations=[cooperation_out(c, names) for c in coops])


@router.get("/{org}/timeline", response_model=TimelineOut, responses=ERRORS,
            summary="An organization's cooperations in date order")
def organization_timeline(conn: Conn, org: str) -> TimelineOut:
    """Start dates and every reported status, oldest first, undated last."""
    found = queries.find_org(conn, org)
    return TimelineOut(org=OrgOut.of(found),
                       events=[TimelineEventOut.of(e) for e in queries.timeline(conn, found.id)])
