"""Shared fixtures: a segmenting pipeline and hand-built mentions on real text."""
from __future__ import annotations

import re

import pytest

from koop.article import Article, Mention
from koop.pipeline.runner import Pipeline


@pytest.fixture(scope="session")
def segment():
    """Language detection and segmentation only: stages under test add the rest."""
    return Pipeline(["koop.language.v1", "koop.segment.v1"])


@pytest.fixture(scope="session")
def annotate(segment):
    """Segment ``text`` and add a mention for every occurrence of the given names.

    ORG names also match inside compounds and before a possessive ("Nordwerk-Chef",
    "Auroras"); PER names match whole words only, never inside a longer PER mention.
    """

    def build(text: str, lang: str, orgs=(), pers=(), locs=()) -> Article:
        a = segment(Article(id="t", text=text, lang=lang))
        taken: list[tuple[int, int]] = []
        for label, names in (("ORG", orgs), ("LOC", locs), ("PER", sorted(pers, key=len, reverse=True))):
            for name in names:
                tail = "" if label == "ORG" else r"(?!\w)"
                for m in re.finditer(r"(?<!\w)" + re.escape(name) + tail, text):
                    s, e = m.start(), m.end()
                    if label == "PER":
                        if any(x <= s and e <= y for x, y in taken):
                            continue
                        taken.append((s, e))
                    a.mentions.append(Mention(
                        s, e, label, name,
                        org_id=name.lower().replace(" ", "-") if label == "ORG" else None,
                        canonical=name if label == "ORG" else None, sent=a.sentence_at(s)))
        a.mentions.sort(key=lambda m: m.start)
        return a

    return build


@pytest.fixture
def graph(tmp_path):
    """An empty cooperation graph in a real SQLite file."""
    import koop

    g = koop.open(tmp_path / "graph.db")
    yield g
    g.close()


@pytest.fixture
def leica_graph(graph):
    """The graph holding the hand-built Leica articles of store_helpers."""
    from store_helpers import leica_articles

    for a in leica_articles():
        graph.add(a)
    return graph


# -- PostgreSQL (issue 5): a real server, started once per test session ----------------

@pytest.fixture(scope="session")
def postgres_server_url():
    """URL of a scratch PostgreSQL database.

    ``$KOOP_TEST_POSTGRES_URL`` when set (its koop tables are dropped before
    each test); else a server started here from Debian's binaries
    (tests/postgres_server.py) and stopped at the end. The tests fail, not
    skip, when no server can be had, unless ``KOOP_TEST_SKIP_POSTGRES=1``.
    """
    import os

    from postgres_server import SKIP_ENV, URL_ENV, PostgresServer

    if os.environ.get(URL_ENV):
        yield os.environ[URL_ENV]
        return
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"PostgreSQL tests skipped ({SKIP_ENV}=1)")
    server = PostgresServer().start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def pg_url(postgres_server_url):
    """An empty PostgreSQL graph database for one test."""
    from postgres_server import reset_database

    reset_database(postgres_server_url)
    return postgres_server_url
