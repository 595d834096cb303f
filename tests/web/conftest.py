"""Fixtures of the web app tests: a graph database built by real ingest of the
seeds, API clients over it (FastAPI's TestClient), a live server on a free
port and Debian's chromium driven by Playwright."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from web_helpers import CHROMIUM, CHROMIUM_ARGS, LOCAL, OFFLINE, RESOURCES, SEEDS, TOKEN, copy_db

import koop
from koop.web import Server, WebSettings, create_app


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """The graph of the two seed articles, built by ``koop ingest`` (real extraction)."""
    path = tmp_path_factory.mktemp("web") / "seeds.db"
    with koop.open(path) as g:
        report = g.ingest(SEEDS)
    assert (report.new, report.failed) == (2, 0)
    return path


@pytest.fixture(scope="session")
def api(seeds_db):
    """A read-only API client (no token configured) over the seeds graph."""
    from fastapi.testclient import TestClient

    with TestClient(create_app(WebSettings(db=str(seeds_db))), base_url=LOCAL) as client:
        yield client


@pytest.fixture
def writable_db(seeds_db, tmp_path) -> Path:
    return copy_db(seeds_db, tmp_path / "graph.db")


@pytest.fixture
def write_api(writable_db):
    """An API client whose server has a write token (``TOKEN``), over a copy of the seeds."""
    from fastapi.testclient import TestClient

    settings = WebSettings(db=str(writable_db), token=TOKEN, fetch=OFFLINE)
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        yield client


@pytest.fixture
def pages():
    """A local web server with saved article pages: (base URL, {path: (status, type, body)})."""
    routes = {"/wirtschaft/vw-bosch.html": (200, "text/html; charset=utf-8",
                                            (RESOURCES / "web" / "article.html").read_bytes())}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            status, ctype, body = routes.get(self.path, (404, "text/plain", b"not here"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()
    httpd.server_close()


# -- live server and browser ------------------------------------------------------------

@pytest.fixture(scope="session")
def live_server(seeds_db, tmp_path_factory):
    """``koop serve`` over a copy of the seeds graph, on a free port, with a write token."""
    db = copy_db(seeds_db, tmp_path_factory.mktemp("live") / "live.db")
    server = Server(WebSettings(db=str(db), token=TOKEN), port=0, log_level="warning").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, headless, driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian's chromium "
                    "(./run-tests.sh installs it; or deselect them with -m 'not browser')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:  # each launch gets a fresh, temporary user-data dir
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, request):
    """A fresh browser page that records console errors and uncaught exceptions."""
    context = chromium.new_context(viewport={"width": 1500, "height": 900},
                                   bypass_csp=getattr(request, "param", False))
    pg = context.new_page()
    pg.context_kind = "csp-bypassed" if getattr(request, "param", False) else "csp"
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(f"uncaught: {e}"))
    yield pg
    context.close()
