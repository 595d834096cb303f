"""The Dask cluster of an ingest: the scheduler address, a quick reachability
probe, and the client (or a ``local:N`` cluster started for the ingest)."""
from __future__ import annotations

import logging
import os
import re

from ..errors import KoopError

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 30      # seconds to reach a scheduler
PROBE_TIMEOUT = 5         # seconds for the first TCP connection to its port
DEFAULT_PORT = 8786       # Dask's scheduler port
WORKER_TIMEOUT = 120      # seconds to wait for a first worker
_LOCAL = re.compile(r"^local(?::(\d+))?$")


# -- the cluster ---------------------------------------------------------------------

def parse_scheduler(scheduler: str) -> tuple[str, int | None]:
    """``("local", N)`` for ``local``/``local:N``, else ``("address", None)``.

    Raises KoopError E070 for anything that is neither.
    """
    scheduler = scheduler.strip()
    m = _LOCAL.match(scheduler)
    if m:
        n = int(m.group(1)) if m.group(1) else (os.cpu_count() or 1)
        if n < 1:
            raise KoopError("E070", scheduler=scheduler, reason="local:N needs N >= 1")
        return "local", n
    if re.match(r"^(tcp|tls|ws|wss|ucx)://[^/]+$", scheduler):
        return "address", None
    raise KoopError("E070", scheduler=scheduler,
                    reason="expected tcp://HOST:PORT (a running scheduler) or local:N")


def check_reachable(scheduler: str, timeout: float = PROBE_TIMEOUT) -> None:
    """Fail at once when nothing listens at a ``tcp://HOST:PORT`` scheduler address
    (Dask's client would retry a refused connection for ``CONNECT_TIMEOUT`` seconds).

    Raises KoopError E070 naming the address and the reason.
    """
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(scheduler.strip())
    if parts.scheme != "tcp":
        return  # tls://, ws://, ucx://: left to Dask
    try:
        host, port = parts.hostname, parts.port or DEFAULT_PORT
    except ValueError as e:  # a port that is no number
        raise KoopError("E070", scheduler=scheduler, reason=e) from None
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as e:
        why = e.strerror or type(e).__name__
        if isinstance(e, (TimeoutError, socket.timeout)):
            why = f"no answer within {timeout:g} s"
        raise KoopError("E070", scheduler=scheduler,
                        reason=f"cannot connect to {host} port {port} ({why}); start a "
                               f"scheduler there (dask scheduler --port {port})") from None


def connect(scheduler: str):
    """A Dask client for ``scheduler``. RETURNS (Client, LocalCluster or None)."""
    kind, n = parse_scheduler(scheduler)
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise KoopError("E071", reason=e) from None
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:  # Dask's chatter only with -vv
        logging.getLogger("distributed").setLevel(logging.WARNING)
    cluster = None
    try:
        if kind == "local":
            # (the scheduler's HTTP server, dashboard included, on a free port: never 8787)
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.WARNING)
            return Client(cluster), cluster
        check_reachable(scheduler)
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        return client, None
    except KoopError:
        raise
    except Exception as e:  # OSError, TimeoutError, CommClosedError ...
        if cluster is not None:
            cluster.close()
        raise KoopError("E070", scheduler=scheduler, reason=e or type(e).__name__) from None
