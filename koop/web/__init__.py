"""The web app and HTTP API of the cooperation graph (``koop serve``).

``create_app(settings)`` builds the ASGI app; ``Server`` runs it with uvicorn
on a socket it binds first (so a busy port is a clear error); the page and
its assets are in ``static/``.
"""
from __future__ import annotations

from .app import create_app
from .server import Server
from .settings import TOKEN_ENV, WebSettings, read_token

__all__ = ["create_app", "Server", "WebSettings", "read_token", "TOKEN_ENV"]
