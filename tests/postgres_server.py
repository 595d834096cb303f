"""A throw-away PostgreSQL server for the tests and the benchmark.

``PostgresServer`` finds the server binaries of Debian's ``postgresql``
package (``/usr/lib/postgresql/*/bin``; run-tests.sh installs it), runs
``initdb`` in a temporary folder and ``pg_ctl start`` on a free port of
127.0.0.1, with its unix socket in that folder too. PostgreSQL refuses to
run as root, so as root the folder belongs to the ``postgres`` user (which
the Debian package creates) and the server commands run through ``runuser``.
``stop()`` shuts the server down and deletes the folder.

The cluster uses the "C" locale, trust authentication for local
connections, and (``fast=True``, for tests) no fsync.

(Imported by conftest.py and bench/scale.py; it holds no tests itself.)
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

URL_ENV = "KOOP_TEST_POSTGRES_URL"
SKIP_ENV = "KOOP_TEST_SKIP_POSTGRES"
SERVER_USER = "postgres"


def find_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` with initdb, else the one on PATH."""
    def version(p: str) -> tuple:
        return tuple(int(x) for x in Path(p).parent.parent.name.split(".") if x.isdigit())

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb") or shutil.which("pg_ctl")
    return Path(which).resolve().parent if which else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, started on a free local port.

    Args:
        fast (bool): fsync and synchronous commit off (tests; never for real data).
    """

    def __init__(self, fast: bool = True) -> None:
        self.fast = fast
        self.bindir = find_bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL server binaries not found: install Debian's "
                               "'postgresql' package (./run-tests.sh does), or set "
                               f"{URL_ENV} to a scratch database")
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="koop-pg-"))  # short: the socket path is limited
        self.data = self.root / "data"
        self.user = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise RuntimeError(f"running as root, but there is no '{SERVER_USER}' user to "
                                   "run PostgreSQL as (Debian's postgresql package creates it)")
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self.url = f"postgresql+psycopg://koop@127.0.0.1:{self.port}/koop"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.user is not None:
            cmd = ["runuser", "-u", SERVER_USER, "--", *cmd]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                             cwd=self.root, env={**os.environ, "LC_ALL": "C"})
        if res.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stdout}"
                               f"\n{res.stderr}\n{self.log_tail()}")
        return res

    def log_tail(self, n: int = 30) -> str:
        log = self.root / "server.log"
        try:
            return "\n".join(log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def start(self) -> "PostgresServer":
        self._run("initdb", "-D", str(self.data), "-U", "koop", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        opts = [f"-p {self.port}", f"-k {self.root}", "-c listen_addresses=127.0.0.1",
                "-c max_connections=100", "-c shared_buffers=64MB"]
        if self.fast:
            opts += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", " ".join(opts), "-w", "-t", "60", "start")
        self.create_database("koop")
        return self

    def create_database(self, name: str) -> str:
        """Create database ``name``. RETURNS its URL."""
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(host="127.0.0.1", port=self.port, user="koop",
                                     dbname="postgres", autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{name}"')
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        return f"postgresql+psycopg://koop@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=60)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "PostgresServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def reset_database(url: str) -> None:
    """Drop koop's tables from a scratch database (a fresh graph for the next test)."""
    import sqlalchemy as sa

    from koop.store.engine import db_url
    from koop.store.schema import metadata

    engine = sa.create_engine(db_url(url))
    try:
        metadata.drop_all(engine)
    finally:
        engine.dispose()
