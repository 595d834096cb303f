"""The same store code on PostgreSQL (issue 5 adds the full backend).

Runs only when KOOP_TEST_POSTGRES_URL names an empty scratch database, e.g.
``postgresql+psycopg://koop@/koop?host=/tmp/koop-pg&port=55432``; its tables
are dropped first.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

import koop

from store_helpers import coop, leica_articles, make_article
from test_store import STORY

URL = os.environ.get("KOOP_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="KOOP_TEST_POSTGRES_URL not set")
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def pg_graph():
    from koop.store.schema import metadata

    engine = sa.create_engine(URL)
    metadata.drop_all(engine)
    engine.dispose()
    g = koop.open(URL)
    yield g
    g.close()


def test_postgres_same_graph_as_sqlite(pg_graph, tmp_path):
    with koop.open(tmp_path / "lite.db") as lite:
        for g in (pg_graph, lite):
            for a in leica_articles():
                assert g.add(a).status == "new"
            for a in leica_articles():
                assert g.add(a).status == "duplicate"
            c = [coop(["siemens", "telekom"], "announced")]
            g.add(make_article("agency", STORY, coops=c))
            assert g.add(make_article("copy", "Exklusiv: " + STORY, coops=c)).near_duplicate
        # surrogate ids differ (PostgreSQL sequences also advance on skipped inserts)
        assert [{**v.to_dict(), "id": 0} for v in pg_graph.cooperations()] == \
            [{**v.to_dict(), "id": 0} for v in lite.cooperations()]
        assert pg_graph.org("Leika").id == "leica-camera"
        assert [(h.org.id, h.depth) for h in pg_graph.partners("Huawei", 2)] == \
            [(h.org.id, h.depth) for h in lite.partners("Huawei", 2)]
        assert pg_graph.search("gesprache").evidence == lite.search("gesprache").evidence
        pg_json, lite_json = json.loads(pg_graph.export("json")), json.loads(lite.export("json"))
        for data in (pg_json, lite_json):
            for row in data["cooperations"] + data["people"]:
                row["id"] = 0
        assert pg_json == lite_json
        for fmt in ("graphml", "jsonld", "csv"):
            assert len(pg_graph.export(fmt)) > 1000


@pytest.mark.skipif(not any(EXAMPLES.glob("*")), reason="no examples")
def test_postgres_ingest_is_idempotent(pg_graph):
    assert pg_graph.ingest(EXAMPLES).new >= 3
    before = pg_graph.store.counts()
    report = pg_graph.ingest(EXAMPLES)
    assert report.new == 0 and pg_graph.store.counts() == before
