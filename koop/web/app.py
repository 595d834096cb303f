"""The app factory: ``create_app(settings)`` builds the FastAPI app of ``koop serve``.

The page (``/``) and its assets (``/static/...``) are files of this package;
the JSON API lives under ``/api``; the OpenAPI description is ``/openapi.json``.
Every answer carries a Content-Security-Policy that allows scripts, styles and
connections only from the server itself. CORS is closed unless the settings
name origins.
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Callable

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..article import Article
from ..errors import KoopError
from ..store import Store, open_store
from .routes import articles, cooperations, graph, organizations, views
from .routes.errors import koop_error_handler
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
               pipeline_factory: Callable[[], Callable[[Article], Article]] | None = None
               ) -> FastAPI:
    """The web app over one graph database.

    Args:
        settings (WebSettings): database, write token, CORS origins, limits.
        store (Store): an open store to serve (default: open ``settings.db``, which
            must exist; the app closes it on shutdown).
        pipeline_factory (callable): returns the extraction pipeline for posted
            articles (default: ``koop.pipeline.runner.default_pipeline``).
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
    for module in (organizations, cooperations, articles, graph, views):
        app.include_router(module.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
