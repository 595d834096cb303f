"""Dependencies the routes share: the store, the settings, the write token,
the cooperation filter and pagination. Tests swap them with
``app.dependency_overrides``."""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Iterator, Optional

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..statuses import STATUSES
from ..errors import KoopError
from ..graph import CooperationFilter, GraphReader, OrgMatch, read_graph
from ..store import Store
from .models import IsoDate
from .settings import WebSettings

MAX_PAGE = 500
MAX_OFFSET = 1_000_000_000   # far beyond any graph; keeps numbers within SQL's integers
MAX_ID = 2**63 - 1           # the largest id a database integer holds
MAX_COUNT = 1_000_000_000    # bound of counts in filters (min_sources)


def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


def graph_reader(store: Annotated[Store, Depends(get_store)]) -> Iterator[GraphReader]:
    """The read API over one read transaction, for one request."""
    with read_graph(store) as reader:
        yield reader


Reader = Annotated[GraphReader, Depends(graph_reader)]

_bearer = HTTPBearer(auto_error=False, description="The operator's API token "
                     "(KOOP_API_TOKEN or --token-file); required for writes.")


def require_token(settings: Annotated[WebSettings, Depends(get_settings)],
                  credentials: Annotated[Optional[HTTPAuthorizationCredentials],
                                         Depends(_bearer)]) -> None:
    """Allow the request only with the configured bearer token.

    No token configured: 403 (the server is read-only). A missing or wrong
    token: 401. The comparison takes the same time for every wrong token.
    """
    refused = token_error(settings, credentials.credentials if credentials else "")
    if refused is not None:
        raise refused


def token_error(settings: WebSettings, given: str) -> KoopError | None:
    """E052 (read-only server) or E053 (missing or wrong token), or None when allowed.

    The token is compared in constant time. ``koop.web.guards.WriteGate`` asks
    this before a write's body is read; the route asks it again."""
    if settings.read_only:
        return KoopError("E052")
    if not hmac.compare_digest(given.encode("utf-8"), settings.token.encode("utf-8")):
        return KoopError("E053")
    return None


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size")] = 50,
           offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip")] = 0
           ) -> Paging:
    return Paging(limit, offset)


def parse_statuses(values: list[str]) -> tuple[str, ...]:
    """Statuses from repeated and/or comma-separated query values; 422 for unknown ones."""
    out: list[str] = []
    for v in values:
        for s in v.split(","):
            s = s.strip().lower()
            if not s:
                continue
            if s not in STATUSES:
                raise KoopError("E058", status=s[:50], known=", ".join(STATUSES), errors_list=[
                    {"loc": ["query", "status"], "msg": f"unknown status '{s[:50]}'",
                     "type": "enum"}])
            if s not in out:
                out.append(s)
    return tuple(out)


def lookup_org(reader: GraphReader, name: str) -> OrgMatch:
    """The organization ``name`` means, for a path or a filter.

    A name that only shares words with stored names ("the company") is not
    taken: 404 E042 with those organizations as suggestions. A typo is taken,
    and the answer says it was a guess (``match.guess``).
    """
    m = reader.match_org(name)
    if m.kind == "partial":
        orgs = [o for o in (reader.get_org(i) for i in m.candidates[:5]) if o]
        raise KoopError("E042", name=name.strip(), suggestions=orgs,
                        hint=" Did you mean: " + ", ".join(o.name for o in orgs) + "?")
    return m


@dataclass(frozen=True)
class Filter:
    """The cooperation filter of a request, and how its ``party`` was matched."""

    flt: CooperationFilter
    party: OrgMatch | None = None
    party_query: str | None = None


def cooperation_filter(
    reader: Reader,
    status: Annotated[list[str], Query(
        description="Current status to keep; repeat it or separate with commas "
                    "(default: all)",
        json_schema_extra={"items": {"type": "string", "enum": list(STATUSES)}})
    ] = [],  # noqa: B006
    party: Annotated[Optional[str], Query(max_length=300, description="Only cooperations "
                                          "of this organization (id, name or alias)")] = None,
    date_from: Annotated[Optional[IsoDate], Query(description="Keep cooperations whose time "
                         "span (since .. last report) reaches this date (YYYY, YYYY-MM or "
                         "YYYY-MM-DD)")] = None,
    date_to: Annotated[Optional[IsoDate], Query(description="Keep cooperations whose time "
                       "span starts by this date")] = None,
    min_sources: Annotated[int, Query(ge=1, le=MAX_COUNT, description="At least this many "
                                      "independent reports")] = 1,
) -> Filter:
    match = lookup_org(reader, party) if party else None
    return Filter(CooperationFilter(
        statuses=parse_statuses(status), party=match.org.id if match else None,
        date_from=date_from, date_to=date_to, min_sources=min_sources), match, party)
