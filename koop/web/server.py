"""Runs the web app with uvicorn on a socket bound beforehand.

Binding first turns a busy port into a clear error (E050) before anything
starts, lets ``--port 0`` pick a free port, and gives tests a server in a
background thread (``Server.start()``/``stop()``).
"""
from __future__ import annotations

import ipaddress
import socket
import threading

from ..errors import KoopError
from ..store import Store, open_store
from .app import create_app
from .settings import WebSettings


def bind_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host``:``port`` (0: any free port). Raises E050."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, addr = infos[0]
        sock = socket.socket(family, kind, proto)
    except OSError as e:
        raise KoopError("E050", host=host, port=port, reason=e.strerror or e) from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(addr)
        sock.listen(2048)  # listening makes the port ours: a second bind fails
    except OSError as e:
        sock.close()
        reason = "the port is in use; choose another with --port" \
            if e.errno in (98, 48, 10048) else (e.strerror or e)
        raise KoopError("E050", host=host, port=port, reason=reason) from None
    sock.set_inheritable(True)
    return sock


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Server:
    """koop's web app on one bound socket.

    Args:
        settings (WebSettings): database, token, CORS.
        host (str): address to listen on (127.0.0.1: this machine only).
        port (int): TCP port (0: a free one; see ``url``).
        store (Store): an open store (default: open ``settings.db``, which must exist).
        log_level (str): uvicorn's log level.
    """

    def __init__(self, settings: WebSettings, host: str = "127.0.0.1", port: int = 8000,
                 store: Store | None = None, log_level: str = "info") -> None:
        import uvicorn

        self.settings = settings
        self._own_store = store is None
        self.store = store or open_store(settings.db, create=False)
        try:
            self.socket = bind_socket(host, port)
        except KoopError:
            self.close()
            raise
        self.host, self.port = host, self.socket.getsockname()[1]
        self.app = create_app(settings, self.store, listen_host=host)
        self._server = uvicorn.Server(uvicorn.Config(
            self.app, log_level=log_level, server_header=False, proxy_headers=False,
            lifespan="on"))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def run(self) -> None:
        """Serve until interrupted (Ctrl+C), then close the database."""
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self.close()

    def start(self, timeout: float = 30.0) -> "Server":
        """Serve in a background thread; RETURNS once the server accepts requests."""
        self._thread = threading.Thread(target=self._server.run,
                                        kwargs={"sockets": [self.socket]}, daemon=True,
                                        name="koop-web")
        self._thread.start()
        ready = threading.Event()
        for _ in range(int(timeout * 20)):
            if self._server.started or not self._thread.is_alive():
                break
            ready.wait(0.05)
        if not self._server.started:
            self.stop()
            raise RuntimeError("the koop web server did not start")
        return self

    def stop(self) -> None:
        """Stop a server started with ``start()`` and close the database."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=30)
        self.close()

    def close(self) -> None:
        sock = getattr(self, "socket", None)
        if sock is not None:
            sock.close()
        if self._own_store:
            self.store.close()
