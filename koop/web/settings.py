"""The web app's settings: one object, filled by ``koop serve`` or by the caller.

| setting | from | default |
|---|---|---|
| database | ``--db`` / ``$KOOP_DB`` | ``./koop.db`` |
| write token | ``--token-file PATH`` or ``$KOOP_API_TOKEN`` | none: read-only |
| CORS origins | ``--cors-origin ORIGIN`` (repeatable) | none: CORS closed |
| graph size | ``graph_limit`` | 2000 cooperations per ``/api/graph`` answer |
| allowed hosts | ``--allow-host NAME`` (repeatable) | the names koop listens on (``koop.web.hosts``) |
| request body size | ``max_body_bytes`` | 10,000,000 bytes; a larger body is refused unread (413) |
| fetching URLs | ``fetch`` (``koop.io.web.FetchOptions``) | koop's network limits |
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KoopError
from ..io.web import FetchOptions

TOKEN_ENV = "KOOP_API_TOKEN"


@dataclass
class WebSettings:
    """How the web app runs.

    Args:
        db (str): the graph database (path or SQLAlchemy URL; None: ``$KOOP_DB``, else ./koop.db).
        token (str): the bearer token that allows POST /api/articles (None: read-only).
        cors_origins (tuple[str]): origins allowed to call the API from other sites.
        graph_limit (int): most cooperations in one /api/graph answer.
        allowed_hosts (tuple[str]): host names answered besides those the server
            listens on (``*``: any; see ``koop.web.hosts``).
        max_body_bytes (int): largest request body; a larger one is refused (413)
            before it is read, and a write's token is checked before its body.
        fetch (FetchOptions): network limits when an article is posted as a URL.
    """

    db: str | None = None
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    graph_limit: int = 2000
    allowed_hosts: tuple[str, ...] = ()
    max_body_bytes: int = 10_000_000
    fetch: FetchOptions = field(default_factory=FetchOptions)

    @property
    def read_only(self) -> bool:
        return not self.token


def read_token(token_file: str | os.PathLike | None = None,
               environ: dict[str, str] | None = None) -> str | None:
    """The write token: the first line of ``token_file``, else ``$KOOP_API_TOKEN``.

    RETURNS (str | None): the token, or None (the server is read-only).
    Raises KoopError E051 when the file cannot be read or holds no token.
    """
    if token_file is not None:
        try:
            lines = Path(token_file).read_text(encoding="utf-8").strip().splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise KoopError("E051", path=token_file,
                            reason=getattr(e, "strerror", None) or e) from None
        token = lines[0].strip() if lines else ""
        if not token:
            raise KoopError("E051", path=token_file, reason="the file is empty")
        return token
    token = (os.environ if environ is None else environ).get(TOKEN_ENV, "").strip()
    return token or None
