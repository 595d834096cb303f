"""/api/organizations: search, detail with partners, timeline."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Depends, Path, Query

from ...errors import KoopError
from ...kb import org_facts
from ..deps import Paging, Reader, lookup_org, paging
from ..models import (KbFactsOut, MatchOut, OrgDetailOut, OrgOut, OrgPage, OrgSummaryOut,
                      PartnerOut, TimelineEventOut, TimelineOut, cooperation_out)
from .errors import ERRORS, INVALID

OrgName = Annotated[str, Path(max_length=300, description="An id, name or alias (a typo is "
                                              "taken as a guess, see `match`)")]

router = APIRouter(prefix="/api/organizations", tags=["organizations"])


@router.get("", response_model=OrgPage, responses=INVALID, summary="Search organizations")
def search_organizations(
    reader: Reader, page: Annotated[Paging, Depends(paging)],
    q: Annotated[Optional[str], Query(max_length=200, description="Part of a name or alias "
                                      "(case and accents ignored); empty: all")] = None,
) -> OrgPage:
    """Organizations whose name, alias or id contains `q`, those with more
    cooperations first. When nothing contains `q`, the organization it
    means (a typo, a brand the knowledge base knows) is returned, if any,
    and `match` says how it was found (`guess`: a typo)."""
    total, items = reader.search_organizations(q, page.limit, page.offset)
    match = None
    if total == 0 and q and q.strip():
        try:
            match = lookup_org(reader, q)
        except KoopError:  # E042/E043: no single organization meant
            match = None
        if match is not None:
            items = reader.org_summaries([match.org.id]) if page.offset == 0 else []
            total = 1
    return OrgPage(total=total, limit=page.limit, offset=page.offset,
                   items=[OrgSummaryOut(**i) for i in items],
                   match=MatchOut.of(q.strip(), match) if match else None)


@router.get("/{org}", response_model=OrgDetailOut, responses=ERRORS,
            summary="An organization with its partners and cooperations")
def organization_detail(
    reader: Reader, org: OrgName,
    depth: Annotated[int, Query(ge=1, le=3, description="2: partners of partners too")] = 1,
) -> OrgDetailOut:
    """`org` is an id, a name or an alias. A typo is tolerated and `match.guess`
    says so; a name that only shares words with stored ones is 404 with
    `suggestions`."""
    match = lookup_org(reader, org)
    found = match.org
    summary = reader.org_summaries([found.id])[0]
    coops = reader.cooperations_of(found.id)
    names = reader.aliases_of({p.id for c in coops for p in c.parties} | {found.id})
    return OrgDetailOut(
        org=OrgSummaryOut(**summary),
        kb=KbFactsOut(**org_facts(found.id)) if found.linked else None,
        aliases=[a for a in names.get(found.id, []) if a != found.name],
        partners=[PartnerOut.of(h) for h in reader.partners(found.id, depth)],
        cooperations=[cooperation_out(c, names) for c in coops],
        match=MatchOut.of(org.strip(), match))


@router.get("/{org}/timeline", response_model=TimelineOut, responses=ERRORS,
            summary="An organization's cooperations in date order")
def organization_timeline(reader: Reader, org: OrgName) -> TimelineOut:
    """Start dates and every reported status, oldest first, undated last."""
    match = lookup_org(reader, org)
    found = match.org
    return TimelineOut(org=OrgOut.of(found),
                       events=[TimelineEventOut.of(e) for e in reader.timeline(found.id)],
                       match=MatchOut.of(org.strip(), match))
