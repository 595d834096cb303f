"""Shared constants and helpers of the web app tests (imported by conftest.py and
the test modules; it holds no tests itself)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from koop.io.web import FetchOptions

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
RESOURCES = TESTS / "resources"
# the two seed articles of ../shared/seeds when the checkout has them beside it (the
# acceptance case); else two articles written for the project that state the same
# cooperations (Huawei, Apple failed, Xiaomi, Panasonic, Sigma), so the web tests
# run on any clean clone
_SHARED_SEEDS = Path(os.environ.get("KOOP_SHARED_DIR", ROOT.parent / "shared")) / "seeds"
SEEDS = _SHARED_SEEDS if _SHARED_SEEDS.is_dir() else RESOURCES / "web_graph"
# the sentence of the failed Leica-Apple talks in each of the two article sets
APPLE_EVIDENCE = ("Demzufolge wollte Leica zunächst mit Apple kooperieren, blitzte in Cupertino aber ab."
                  if SEEDS == _SHARED_SEEDS else
                  "Zuvor hatte Leica mit Apple über eine Kooperation verhandelt, die Gespräche sind aber "
                  "gescheitert.")
ARTIFACTS = ROOT / "test-artifacts"  # screenshots of the browser tests (git-ignored)
CHROMIUM = os.environ.get("KOOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TOKEN = "s3cret-test-token-0123456789"
# the in-process clients call the app as http://127.0.0.1 (the app answers only the hosts
# it listens on; TestClient's default "testserver" is refused like any other name)
LOCAL = "http://127.0.0.1"
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
