"""How errors become HTTP answers: one JSON shape (``ErrorOut``) for all of them.

koop's coded errors keep their code; invalid parameters are 422 ``E059`` with
the list of what is wrong but never the input itself (a 2 MB text is not sent
back); anything unexpected is a JSON 500 ``E061`` with the security headers,
and its traceback goes to the log.
"""
from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...errors import KoopError
from ..models import ErrorOut, OrgOut

log = logging.getLogger("koop.web")

# error code -> HTTP status
STATUS_OF = {
    "E042": 404, "E043": 409,               # organization lookup
    "E052": 403, "E053": 401,               # writes: read-only server, missing/wrong token
    "E054": 422, "E058": 422, "E059": 422,  # bad article payload, unknown status, bad parameters
    "E055": 413,                            # request body too large
    "E056": 404, "E057": 404,               # unknown cooperation, unknown article
    "E017": 400, "E045": 502,               # posted URL: refused address, fetch failed
    "E013": 422, "E014": 422,               # posted URL: binary, no text
    "E060": 400,                            # Host header not answered
    "E061": 500,                            # internal error
}
MAX_ERRORS = 10     # field errors listed in one answer
MAX_TEXT = 200      # characters of a location part or message

_ERROR = {"model": ErrorOut}
INVALID = {422: {**_ERROR, "description": "Invalid parameters (E059) or filter (E058)"}}
ERRORS = {404: {**_ERROR, "description": "Not found (E042 also lists suggestions)"},
          409: {**_ERROR, "description": "The name matches several organizations"},
          **INVALID}


def error_body(code: str | None, detail: str, **extra) -> dict:
    """The JSON of an error answer (``ErrorOut``): fields that are None are left out."""
    body = {"detail": detail, "code": code}
    body.update({k: v for k, v in extra.items() if v is not None})
    return body


def error_response(exc: KoopError, headers: dict | None = None) -> JSONResponse:
    suggestions = exc.kwargs.get("suggestions")
    extra = {}
    if suggestions is not None:
        extra["suggestions"] = [OrgOut.of(o).model_dump() for o in suggestions]
    if exc.kwargs.get("errors_list") is not None:
        extra["errors"] = exc.kwargs["errors_list"]
    if exc.code == "E053":
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(error_body(exc.code, exc.message, **extra),
                        status_code=STATUS_OF.get(exc.code, 500), headers=headers)


async def koop_error_handler(request: Request, exc: KoopError) -> JSONResponse:
    return error_response(exc)


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def field_errors(errors: list[dict]) -> list[dict]:
    """Location, message and type of each error, without the input (and shortened)."""
    out = []
    for e in errors[:MAX_ERRORS]:
        loc = [p if isinstance(p, int) else _short(p) for p in e.get("loc", ())]
        out.append({"loc": loc, "msg": _short(e.get("msg", "")), "type": _short(e.get("type", ""))})
    return out


async def validation_error_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = field_errors(list(exc.errors()))
    summary = "; ".join(".".join(str(p) for p in e["loc"]) + ": " + e["msg"] for e in errors)
    return error_response(KoopError("E059", errors=summary, errors_list=errors))


async def http_error_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Starlette's own errors (404 no route, 405 method) in the same shape."""
    return JSONResponse(error_body(None, _short(exc.detail)), status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


def internal_error_handler(security_headers: dict[str, str]):
    """The handler of unexpected exceptions: logs them and answers a JSON 500 that
    carries the security headers (it runs outside the middleware that adds them)."""

    async def handler(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error_response(KoopError("E061"),
                              headers=dict(security_headers))

    return handler
