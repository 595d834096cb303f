"""Dependencies the routes share: the store, the settings, the write token,
the cooperation filter and pagination. Tests swap them with
``app.dependency_overrides``."""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Iterator, Optional

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.engine import Connection

from ..statuses import STATUSES
from ..errors import KoopError
from ..store import Store, queries
from .models import ISO_DATE
from .settings import WebSettings

MAX_PAGE = 500


def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


def read_conn(store: Annotated[Store, Depends(get_store)]) -> Iterator[Connection]:
    """A read transaction for one request."""
    with store.read() as conn:
        yield conn


Conn = Annotated[Connection, Depends(read_conn)]

_bearer = HTTPBearer(auto_error=False, description="The operator's API token "
                     "(KOOP_API_TOKEN or --token-file); required for writes.")


def require_token(settings: Annotated[WebSettings, Depends(get_settings)],
                  credentials: Annotated[Optional[HTTPAuthorizationCredentials],
                                         Depends(_bearer)]) -> None:
    """Allow the request only with the configured bearer token.

    No token configured: 403 (the server is read-only). A missing or wrong
    token: 401. The comparison takes the same time for every wrong token.
    """
    if settings.read_only:
        raise KoopError("E052")
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode("utf-8"), settings.token.encode("utf-8")):
        raise KoopError("E053")


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size")] = 50,
           offset: Annotated[int, Query(ge=0, description="Items to skip")] = 0) -> Paging:
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
                raise KoopError("E058", status=s, known=", ".join(STATUSES))
            if s not in out:
                out.append(s)
    return tuple(out)


def cooperation_filter(
    conn: Conn,
    status: Annotated[list[str], Query(description="Current status to keep; repeat it or "
                                       "separate with commas (default: all)")] = [],  # noqa: B006
    party: Annotated[Optional[str], Query(description="Only cooperations of this "
                                          "organization (id, name or alias)")] = None,
    date_from: Annotated[Optional[str], Query(pattern=ISO_DATE, description="Keep "
                         "cooperations whose time span (since .. last report) reaches this "
                         "date (YYYY, YYYY-MM or YYYY-MM-DD)")] = None,
    date_to: Annotated[Optional[str], Query(pattern=ISO_DATE, description="Keep "
                       "cooperations whose time span starts by this date")] = None,
    min_sources: Annotated[int, Query(ge=1, description="At least this many independent "
                                      "reports")] = 1,
) -> queries.CooperationFilter:
    party_id = queries.find_org(conn, party).id if party else None
    return queries.CooperationFilter(statuses=parse_statuses(status), party=party_id,
                                     date_from=date_from, date_to=date_to,
                                     min_sources=min_sources)
