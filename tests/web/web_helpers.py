"""Shared constants and helpers of the web app tests (imported by conftest.py and
the test modules; it holds no tests itself)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from koop.io.web import FetchOptions

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RESOURCES = TESTS / "resources"
ARTIFACTS = ROOT / "test-artifacts"  # screenshots of the browser tests (git-ignored)
CHROMIUM = os.environ.get("KOOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TOKEN = "s3cret-test-token-0123456789"
# the test pages are served on 127.0.0.1, which koop refuses to fetch unless allowed
OFFLINE = FetchOptions(timeout=5, retries=0, per_host_delay=0, allow_private_urls=True)


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a SQLite graph (the backup API, WAL included)."""
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    return dst


def artifact(name: str) -> Path:
    """Where a browser test saves a screenshot (test-artifacts/, created on demand)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
