"""``koop serve``: errors before starting, and a real server process."""
from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading

import httpx
import pytest
from click.testing import CliRunner
from web_helpers import TOKEN

from koop.cli import cli
from koop.errors import KoopError
from koop.web import TOKEN_ENV, read_token
from koop.web.server import bind_socket, is_loopback


def test_missing_database(tmp_path):
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "E040" in res.output and "koop ingest" in res.output
    assert not (tmp_path / "none.db").exists()


def test_port_in_use(seeds_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = CliRunner().invoke(cli, ["serve", "--db", str(seeds_db), "--port", str(port)])
    assert res.exit_code == 1
    assert "E050" in res.output and "in use" in res.output and "--port" in res.output


def test_bad_token_file(seeds_db, tmp_path):
    empty = tmp_path / "token"
    empty.write_text("\n")
    for path in (empty, tmp_path / "missing"):
        res = CliRunner().invoke(cli, ["serve", "--db", str(seeds_db), "--token-file", str(path)])
        assert res.exit_code == 1 and "E051" in res.output


def test_read_token(tmp_path):
    f = tmp_path / "token"
    f.write_text("  from-file  \nsecond line\n")
    assert read_token(f, {TOKEN_ENV: "from-env"}) == "from-file"  # the file wins
    assert read_token(None, {TOKEN_ENV: " from-env "}) == "from-env"
    assert read_token(None, {TOKEN_ENV: "  "}) is None
    assert read_token(None, {}) is None
    with pytest.raises(KoopError) as e:
        read_token(tmp_path / "nope", {})
    assert e.value.code == "E051"


def test_bind_socket_and_loopback():
    sock = bind_socket("127.0.0.1", 0)
    try:
        port = sock.getsockname()[1]
        with pytest.raises(KoopError) as e:
            bind_socket("127.0.0.1", port)
        assert e.value.code == "E050"
    finally:
        sock.close()
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def _lines(stream, out: queue.Queue) -> None:
    for line in stream:
        out.put(line)
    out.put(None)


def test_serve_runs_until_interrupted(seeds_db):
    """The real command: binds 127.0.0.1 on a free port, serves, stops on SIGINT."""
    env = {**os.environ, TOKEN_ENV: TOKEN, "KOOP_DB": str(seeds_db)}
    proc = subprocess.Popen([sys.executable, "-m", "koop", "serve", "--port", "0"], env=env,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stderr, lines), daemon=True).start()
    try:
        first = lines.get(timeout=120)
        assert first and "koop: serving" in first and "writes allowed" in first, first
        url = first.split(" at ")[1].split(" ")[0]
        assert url.startswith("http://127.0.0.1:")
        info = httpx.get(url + "api/info", timeout=30).json()
        assert info["read_only"] is False and info["articles"] == 2
        assert httpx.post(url + "api/articles", json={"text": "x"}, timeout=30).status_code == 401
        assert "<title>koop" in httpx.get(url, timeout=30).text
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    assert proc.returncode == 0
