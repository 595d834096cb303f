"""A small HTTP server on 127.0.0.1 for the tests of bad and hostile URLs.

(Imported by the test modules; it holds no tests itself.)
"""
from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

HTML = "text/html; charset=utf-8"


class LocalServer:
    """Serves ``routes`` (path -> (status, content type, body, headers), or a function
    that answers the request itself) and counts the requests per path in ``hits``."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple | Callable] = {}
        self.hits: Counter = Counter()
        self.release = threading.Event()  # ends slow answers when the test is done
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.hits[self.path] += 1
                route = server.routes.get(self.path, (404, "text/plain", b"not found", {}))
                try:
                    if callable(route):
                        route(self)
                        return
                    status, ctype, body, headers = route
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- answers that misbehave ------------------------------------------------------
    def slow(self, handler: BaseHTTPRequestHandler) -> None:
        """Sends nothing until the test ends (at most 30 s): a request that times out."""
        self.release.wait(30)

    @staticmethod
    def endless(handler: BaseHTTPRequestHandler, chunk: int = 65536, total: int = 50_000_000
                ) -> None:
        """A body of ``total`` bytes without Content-Length, sent until the client stops."""
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        handler.end_headers()
        block = b"<p>" + b"x" * (chunk - 7) + b"</p>\n"
        sent = 0
        while sent < total:
            handler.wfile.write(block)
            sent += len(block)
