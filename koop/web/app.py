"""The app factory: ``create_app(settings)`` builds the FastAPI app of ``koop serve``.

The page (``/``) and its assets (``/static/...``) are files of this package;
the JSON API lives under ``/api``; the OpenAPI description is ``/openapi.json``.
Every answer carries a Content-Security-Policy that allows scripts, styles and
connections only from the server itself. CORS is closed unless the settings
name origins. Only the hosts the server listens on are answered, writes show
their token before their body is read, and bodies are bounded
(``koop.web.guards``). Every error is JSON of one shape (``routes/errors.py``).
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Callable

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..article import Article
from ..errors import KoopError
from ..store import Store, open_store
from .guards import HeadAsGet, HostCheck, SecurityHeaders, WriteGate
from .hosts import host_policy
from .routes import articles, cooperations, graph, organizations, views
from .routes.errors import (http_error_handler, internal_error_handler, koop_error_handler,
                            validation_error_handler)
from .settings import WebSettings

STATIC = Path(__file__).parent / "static"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def create_app(settings: WebSettings | None = None, store: Store | None = None,
               pipeline_factory: Callable[[], Callable[[Article], Article]] | None = None,
               listen_host: str = "127.0.0.1") -> FastAPI:
    """The web app over one graph database.

    Args:
        settings (WebSettings): database, write token, CORS origins, limits.
        store (Store): an open store to serve (default: open ``settings.db``, which
            must exist; the app closes it on shutdown).
        pipeline_factory (callable): returns the extraction pipeline for posted
            articles (default: ``koop.pipeline.runner.default_pipeline``).
        listen_host (str): the address the server listens on; the ``Host`` headers
            answered follow from it and ``settings.allowed_hosts`` (``koop.web.hosts``).
    RETURNS (FastAPI): the ASGI app.
    """
    settings = settings or WebSettings()
    own_store = store is None
    if store is None:
        store = open_store(settings.db, create=False)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if own_store:
            store.close()

    app = FastAPI(
        title="koop", version=__version__, lifespan=lifespan,
        summary="The cooperation graph koop builds from business news.",
        description="Read endpoints need no authentication. `POST /api/articles` needs the "
                    "operator's token (`Authorization: Bearer ...`); without a configured "
                    "token the server is read-only.",
        docs_url=None, redoc_url=None,  # their pages load assets from a CDN
    )
    app.state.settings = settings
    app.state.store = store
    app.state.write_lock = threading.Lock()
    if pipeline_factory is None:
        from ..pipeline.runner import default_pipeline as pipeline_factory
    app.state.pipeline_factory = pipeline_factory

    app.add_exception_handler(KoopError, koop_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(Exception, internal_error_handler(SECURITY_HEADERS))
    for module in (organizations, cooperations, articles, graph, views):
        app.include_router(module.router)

    # the last added runs first: headers, host, CORS, HEAD, then the write gate
    app.add_middleware(WriteGate, settings=settings)
    app.add_middleware(HeadAsGet)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(HostCheck, policy=host_policy(listen_host, settings.allowed_hosts))
    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
