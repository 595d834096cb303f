"""ASGI middleware that guards every request before the routes see it.

- ``SecurityHeaders``: the Content-Security-Policy and friends on every answer;
- ``HostCheck``: only the hosts koop listens on (``koop.web.hosts``), against
  DNS rebinding;
- ``HeadAsGet``: ``HEAD`` is answered wherever ``GET`` is, without a body;
- ``WriteGate``: a write (POST, PUT, PATCH, DELETE under ``/api``) must carry
  the token before its body is read, and no body may be larger than
  ``max_body_bytes``: a larger ``Content-Length`` is refused unread, a
  chunked body as soon as it passes the limit.

They are plain ASGI (not ``BaseHTTPMiddleware``) so a body is never buffered
by them except by ``WriteGate`` up to the limit.
"""
from __future__ import annotations

from typing import Awaitable, Callable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import KoopError
from .deps import token_error
from .hosts import HostPolicy
from .routes.errors import error_response
from .settings import WebSettings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CLOSE = {"Connection": "close"}  # after refusing an unread body, the connection is spent


class SecurityHeaders:
    """Adds ``headers`` to every answer that does not set them itself."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                        for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostCheck:
    """Answers 400 (E060) to a ``Host`` the policy does not allow."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = Headers(scope=scope).get("host")
            if not self.policy.allows(host):
                err = KoopError("E060", host=(host or "")[:100], allowed=self.policy.describe())
                return await error_response(err, headers=CLOSE)(scope, receive, send)
        await self.app(scope, receive, send)


class HeadAsGet:
    """Runs ``HEAD`` as ``GET`` and drops the body (the headers stay, Content-Length too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def send_no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_no_body)


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header ("" for anything else)."""
    scheme, _, given = (authorization or "").strip().partition(" ")
    return given.strip() if scheme.lower() == "bearer" else ""


class WriteGate:
    """Token first, then a bounded body: nothing large is read for anyone."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        write = scope["method"] not in SAFE_METHODS
        if write and scope["path"].startswith("/api/"):
            refused = token_error(self.settings, bearer_token(headers.get("authorization")))
            if refused is not None:
                return await error_response(refused, headers=CLOSE)(scope, receive, send)
        limit = self.settings.max_body_bytes
        too_large = error_response(KoopError("E055", limit=limit), headers=CLOSE)
        # a malformed length (uvicorn refuses those before) counts as too large
        length = (headers.get("content-length") or "0").strip()
        if not (length.isascii() and length.isdigit()) or int(length) > limit:
            return await too_large(scope, receive, send)
        if not write:
            return await self.app(scope, receive, send)
        body = await read_body(receive, limit)
        if body is None:
            return await too_large(scope, receive, send)
        await self.app(scope, replay(body, receive), send)


async def read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None as soon as it passes ``limit`` bytes."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def replay(body: bytes, receive: Receive) -> Callable[[], Awaitable[Message]]:
    """A ``receive`` that hands the app the body read already, then waits as before."""
    sent = False

    async def receive_again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return receive_again
