"""The HTTP API's request and response shapes (pydantic), and the mapping from
the store's dataclasses onto them. These classes are the OpenAPI schemas."""
from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from ..statuses import STATUSES
from ..graph import (ArticleRef, CooperationView, Evidence, Org, OrgMatch, PartnerHit,
                     TimelineEvent)

Status = Literal[STATUSES]  # koop/data/statuses.toml
# YYYY, YYYY-MM or YYYY-MM-DD with a month 01-12 and a day 01-31 (ASCII digits only);
# check_date refuses the days a month does not have
ISO_DATE = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def check_date(value: str) -> str:
    """``value`` if it is a calendar date ("2024-02-30" and year 0000 are not)."""
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        _dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None
    return value


IsoDate = Annotated[str, StringConstraints(pattern=ISO_DATE), AfterValidator(check_date)]


class OrgOut(BaseModel):
    id: str = Field(description="Knowledge-base id, or a slug for organizations not in it")
    name: str
    linked: bool = Field(True, description="Whether the organization is in the knowledge base")

    @classmethod
    def of(cls, org: Org) -> "OrgOut":
        return cls(id=org.id, name=org.name, linked=org.linked)


class OrgSummaryOut(OrgOut):
    cooperations: int = Field(description="Cooperations the organization is party to")
    partners: int = Field(description="Distinct partner organizations")


MatchKind = Literal["id", "name", "knowledge-base", "typo", "partial"]


class MatchOut(BaseModel):
    """How the name in the request was taken to mean an organization."""

    query: str = Field(description="The name as given")
    org: OrgOut = Field(description="The organization it was taken to mean")
    kind: MatchKind = Field(description="id, a stored name or alias, a name the knowledge "
                            "base knows, a typo of a name, or a name sharing words")
    guess: bool = Field(description="True when this is a guess (a typo, or one of several "
                        "equal matches): show it as 'did you mean'")

    @classmethod
    def of(cls, query: str, m: OrgMatch) -> "MatchOut":
        return cls(query=query, org=OrgOut.of(m.org), kind=m.kind, guess=m.guess)


class OrgPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[OrgSummaryOut]
    match: Optional[MatchOut] = Field(None, description="Set when no name contains `q` and "
                                      "the items are the organization `q` was taken to mean")


class ArticleRefOut(BaseModel):
    id: str = Field(description="The article's key: use it with /api/articles/{key}")
    title: Optional[str] = None
    url: Optional[str] = None
    date: Optional[str] = None

    @classmethod
    def of(cls, ref: ArticleRef) -> "ArticleRefOut":
        return cls(id=ref.key, title=ref.title, url=ref.url, date=ref.date)


class HighlightOut(BaseModel):
    start: int = Field(description="Character offset into the evidence text")
    end: int
    org_id: str = Field(description="The party named there")


class EvidenceOut(BaseModel):
    text: str = Field(description="The sentence, verbatim from the article (plain text)")
    article: ArticleRefOut = Field(description="The source")
    highlights: list[HighlightOut] = Field(default_factory=list,
                                           description="Where the parties are named")


class ObservationOut(BaseModel):
    date: Optional[str] = Field(None, description="The reporting article's date")
    status: Status
    since: Optional[str] = None
    name: Optional[str] = None
    confidence: float
    article: ArticleRefOut


class CooperationOut(BaseModel):
    id: int
    key: str = Field(description="The party set: sorted organization ids joined by '|'")
    parties: list[OrgOut]
    status: Status = Field(description="The status of the latest report")
    since: Optional[str] = Field(None, description="The earliest start date an article gives")
    name: Optional[str] = Field(None, description="Joint venture or alliance name")
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    sources: int = Field(description="Independent reports (near-duplicates count once)")
    latest_evidence: Optional[EvidenceOut] = None


class CooperationDetailOut(CooperationOut):
    history: list[ObservationOut] = Field(description="Every report, in date order")
    evidence_count: int


class CooperationPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[CooperationOut]
    party: Optional[MatchOut] = Field(None, description="The organization the `party` "
                                      "filter was taken to mean")


class EvidencePage(BaseModel):
    cooperation_id: int
    total: int
    limit: int
    offset: int
    items: list[EvidenceOut]


class PartnerOut(BaseModel):
    org: OrgOut
    depth: int
    via: list[OrgOut] = Field(description="Organizations between the one asked about and this one")
    cooperation_id: int
    status: Status
    sources: int

    @classmethod
    def of(cls, hit: PartnerHit) -> "PartnerOut":
        return cls(org=OrgOut.of(hit.org), depth=hit.depth, via=[OrgOut.of(o) for o in hit.via],
                   cooperation_id=hit.cooperation_id, status=hit.status, sources=hit.sources)


class KbFactsOut(BaseModel):
    """What the knowledge base tells of the organization (empty strings: not known)."""

    type: str
    domain: str = Field(description="Main web domain, to join with other data")
    city: str = Field(description="Headquarters city")
    country: str = Field(description="ISO 3166-1 alpha-2 code of the headquarters")


class OrgDetailOut(BaseModel):
    org: OrgSummaryOut
    kb: Optional[KbFactsOut] = Field(None, description="Only for organizations in the knowledge base")
    aliases: list[str]
    partners: list[PartnerOut]
    cooperations: list[CooperationOut] = Field(description="Most recently reported first")
    match: Optional[MatchOut] = Field(None, description="How the name in the path was "
                                      "matched (`guess`: it was not exact)")


class TimelineEventOut(BaseModel):
    date: Optional[str] = None
    kind: Literal["start", "observed"]
    status: str = Field(description="'started' for a start event, else the reported status")
    partners: list[OrgOut]
    cooperation_id: int
    name: Optional[str] = None
    article: Optional[ArticleRefOut] = None
    evidence: Optional[str] = None

    @classmethod
    def of(cls, e: TimelineEvent) -> "TimelineEventOut":
        return cls(date=e.date, kind=e.kind, status=e.status,
                   partners=[OrgOut.of(p) for p in e.partners], cooperation_id=e.cooperation_id,
                   name=e.name, article=ArticleRefOut.of(e.article) if e.article else None,
                   evidence=e.evidence)


class TimelineOut(BaseModel):
    org: OrgOut
    events: list[TimelineEventOut] = Field(description="Oldest first, undated last")
    match: Optional[MatchOut] = Field(None, description="How the name in the path was "
                                      "matched (`guess`: it was not exact)")


class GraphNodeOut(BaseModel):
    id: str
    name: str
    linked: bool
    partners: int = Field(description="Distinct partners in this network")
    cooperations: int = Field(description="Cooperations in this network")


class GraphEdgeOut(BaseModel):
    id: str
    cooperation_id: int
    source: str
    target: str
    status: Status
    sources: int
    since: Optional[str] = None
    name: Optional[str] = None
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    parties: list[str] = Field(description="All parties of the cooperation (an alliance has more)")


class GraphOut(BaseModel):
    nodes: list[GraphNodeOut]
    edges: list[GraphEdgeOut] = Field(description="One per pair of parties of each cooperation")
    cooperations: int = Field(description="Cooperations that match the filters")
    truncated: bool = Field(description="True when only the most recent ones are shown")
    party: Optional[MatchOut] = Field(None, description="The organization the `party` "
                                      "filter was taken to mean")


class ArticleOut(BaseModel):
    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    date: Optional[str] = None
    lang: Optional[str] = None
    cooperation_count: int


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleOut]


class ArticleCooperationOut(BaseModel):
    id: int
    status: Status
    since: Optional[str] = None
    name: Optional[str] = None
    parties: list[OrgOut]
    evidence: list[str]


class ArticleDetailOut(ArticleOut):
    text: str = Field(description="The article's main text (plain text)")
    cooperations: list[ArticleCooperationOut]


class ArticleIn(BaseModel):
    """An article to ingest: its text, or a URL to fetch it from."""

    text: Optional[str] = Field(None, min_length=1, max_length=2_000_000)
    url: Optional[str] = Field(None, pattern=r"(?i)^https?://\S+$", max_length=2000,
                               description="With text: the article's address; alone: fetched")
    title: Optional[str] = Field(None, max_length=2000)
    date: Optional[IsoDate] = Field(None, description="Publication date (ISO: YYYY, "
                                    "YYYY-MM or YYYY-MM-DD)")
    lang: Optional[Literal["de", "en"]] = None
    id: Optional[str] = Field(None, min_length=1, max_length=200,
                              description="The article's key (default: from the URL or the text)")

    model_config = {"json_schema_extra": {"examples": [
        {"text": "Siemens und Bosch gründen ein Gemeinschaftsunternehmen.",
         "title": "Siemens und Bosch", "date": "2024-01-09"},
        {"url": "https://example.com/news/siemens-bosch.html"}]}}


class IngestOut(BaseModel):
    status: Literal["new", "replaced", "duplicate"]
    article: ArticleOut = Field(description="The stored article (the earlier one for a duplicate)")
    cooperations: int = Field(description="Cooperation observations written")
    near_duplicate: bool = False


class StatusOut(BaseModel):
    name: Status
    meaning: str
    rank: int = Field(description="The higher rank wins when a pair is reported several times")
    colour: str = Field(description="CSS colour of the status")


class InfoOut(BaseModel):
    version: str
    read_only: bool = Field(description="True when no write token is configured")
    schema_version: int
    statuses: list[Status]
    status_table: list[StatusOut] = Field(description="Every status: name, meaning, rank, colour")
    articles: int
    organizations: int
    cooperations: int
    cooperations_by_status: dict[str, int]
    first_article_date: Optional[str] = None
    last_article_date: Optional[str] = None


class FieldErrorOut(BaseModel):
    loc: list[Union[str, int]] = Field(description="Where: query, path or body, then the name")
    msg: str
    type: str


class ErrorOut(BaseModel):
    """Every error answer (4xx and 5xx) has this shape."""

    detail: str = Field(description="What went wrong, for people")
    code: Optional[str] = Field(None, description="koop's error code, e.g. E042")
    errors: Optional[list[FieldErrorOut]] = Field(None, description="Invalid parameters "
                                                  "(422 E059; the input is not echoed)")
    suggestions: Optional[list[OrgOut]] = Field(None, description="Organizations with a "
                                                "similar name (404 E042)")


# -- mapping store views onto the API shapes ---------------------------------------

def evidence_out(ev: Evidence, names: dict[str, list[str]], parties: list[Org]) -> EvidenceOut:
    """The sentence with the spans that name one of ``parties`` (only they are looked for)."""
    from .highlight import party_spans

    spans = party_spans(ev.text, names, [p.id for p in parties])
    return EvidenceOut(text=ev.text, article=ArticleRefOut.of(ev.article),
                       highlights=[HighlightOut(**s) for s in spans])


def cooperation_out(v: CooperationView, names: dict[str, list[str]]) -> CooperationOut:
    latest = v.latest_evidence
    return CooperationOut(
        id=v.id, key=v.key, parties=[OrgOut.of(p) for p in v.parties], status=v.status,
        since=v.since, name=v.name, first_seen=v.first_seen, last_seen=v.last_seen,
        sources=v.sources,
        latest_evidence=evidence_out(latest, names, v.parties) if latest else None)


def cooperation_detail_out(v: CooperationView, names: dict[str, list[str]]
                           ) -> CooperationDetailOut:
    base = cooperation_out(v, names).model_dump()
    history = [ObservationOut(date=o.article.date, status=o.status, since=o.since, name=o.name,
                              confidence=o.confidence, article=ArticleRefOut.of(o.article))
               for o in v.history]
    return CooperationDetailOut(**base, history=history, evidence_count=len(v.evidence))
