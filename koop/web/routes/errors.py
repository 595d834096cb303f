"""How koop's coded errors become HTTP answers."""
from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from ...errors import KoopError
from ..models import ErrorOut

# error code -> HTTP status
STATUS_OF = {
    "E042": 404, "E043": 409,               # organization lookup
    "E052": 403, "E053": 401,               # writes: read-only server, missing/wrong token
    "E054": 422, "E058": 422,               # bad article payload, unknown status
    "E056": 404, "E057": 404,               # unknown cooperation, unknown article
    "E017": 400, "E045": 502,               # posted URL: refused address, fetch failed
    "E013": 422, "E014": 422,               # posted URL: binary, no text
}

ERRORS = {404: {"model": ErrorOut, "description": "Not found"},
          409: {"model": ErrorOut, "description": "The name matches several organizations"}}


async def koop_error_handler(request: Request, exc: KoopError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.code == "E053" else None
    return JSONResponse({"detail": exc.message, "code": exc.code},
                        status_code=STATUS_OF.get(exc.code, 500), headers=headers)
