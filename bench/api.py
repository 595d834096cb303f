"""HTTP API benchmark (issue 14): answer times of the heavy reads, and memory under a
large POST.

Runs ``koop serve``'s server (uvicorn, a real socket on a free port) over a graph
database and times, with a real HTTP client:

- ``GET /api/cooperations?limit=500`` and ``limit=250`` (evidence highlighting);
- ``GET /api/info`` (counts; recounted only after the graph changed);
- ``GET /api/organizations/<name>`` for a few names;

then streams a 300 MB POST without a token and a 50 MB POST with one, and prints
the server's answer and how much the process's resident memory grew.

Build a database of about 2,000 articles from the project's corpus first:

    koop ingest --db /tmp/api2000.db corpus/texts/en.jsonl corpus/texts/de.jsonl
    python bench/api.py --db /tmp/api2000.db            # about half a minute
"""
from __future__ import annotations

import argparse
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from koop.web import Server, WebSettings  # noqa: E402

TOKEN = "bench-token-0123456789"
NAMES = ["Siemens", "Deutsche Telekom", "Leika", "<img src=x>", "the company"]


def rss_mb() -> float:
    """Resident memory of this process (server and client) in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(client: httpx.Client, path: str, repeat: int) -> tuple[list[float], httpx.Response]:
    times, r = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.get(path)
        times.append((time.perf_counter() - t) * 1000)
    return times, r


def big_post(server: Server, size: int, auth: bool) -> tuple[str, float]:
    """Stream ``size`` bytes of body (or until the server answers); RETURNS (status line,
    seconds to the answer)."""
    head = ("POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + (f"Authorization: Bearer {TOKEN}\r\n" if auth else "")
            + f"Content-Length: {size}\r\n\r\n").encode()
    chunk = b"x" * (1 << 20)
    started = time.perf_counter()
    with socket.create_connection((server.host, server.port), timeout=60) as sock:
        sock.sendall(head + b'{"text": "')
        sock.settimeout(0.001)
        sent, answer = 0, b""
        while sent < size and not answer:
            try:
                sock.sendall(chunk)
                sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                pass
            try:
                answer = sock.recv(4096)
            except (socket.timeout, BlockingIOError):
                pass
            except ConnectionResetError:
                break
        sock.settimeout(60)
        if not answer:
            answer = sock.recv(4096)
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace")
    return f"{status} after {sent / 1e6:.1f} MB sent", time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="graph database (build it with koop ingest)")
    ap.add_argument("--repeat", type=int, default=7, help="requests per measured path")
    ap.add_argument("--no-posts", action="store_true", help="skip the large POSTs")
    args = ap.parse_args()

    server = Server(WebSettings(db=args.db, token=TOKEN), port=0, log_level="warning").start()
    try:
        with httpx.Client(base_url=server.url, timeout=300) as client:
            info = client.get("/api/info").json()
            print(f"database: {args.db}: {info['articles']} articles, "
                  f"{info['organizations']} organizations, {info['cooperations']} cooperations")
            print(f"{'request':48} {'first':>9} {'p50':>9} {'max':>9}")
            paths = ["/api/cooperations?limit=500", "/api/cooperations?limit=250", "/api/info",
                     *[f"/api/organizations/{n}" for n in NAMES]]
            for path in paths:
                times, r = timed(client, path, args.repeat)
                print(f"{path:48} {times[0]:7.1f}ms {statistics.median(times):7.1f}ms "
                      f"{max(times):7.1f}ms  -> {r.status_code}")
            for size, auth in () if args.no_posts else ((300_000_000, False), (50_000_000, True)):
                before = rss_mb()
                status, seconds = big_post(server, size, auth)
                print(f"POST {size / 1e6:.0f} MB {'with' if auth else 'without'} token: {status}, "
                      f"{seconds * 1000:.0f} ms; memory {before:.0f} -> {rss_mb():.0f} MB")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
