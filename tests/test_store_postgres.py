"""The same store code on PostgreSQL: a real server (tests/postgres_server.py,
started once per session by conftest.py, or ``$KOOP_TEST_POSTGRES_URL``)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

import koop
from koop.store.engine import db_url

from store_helpers import coop, leica_articles, make_article
from test_store import STORY

pytestmark = [pytest.mark.postgres, pytest.mark.issue(5)]
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def pg_graph(pg_url):
    g = koop.open(pg_url)
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


def test_postgresql_urls_use_psycopg():
    assert db_url("postgresql://u:pw@db.example:5432/koop") == \
        "postgresql+psycopg://u:pw@db.example:5432/koop"
    assert db_url("postgres://u@h/koop") == "postgresql+psycopg://u@h/koop"
    assert db_url("postgresql+psycopg2://u@h/koop") == "postgresql+psycopg2://u@h/koop"


def test_plain_postgresql_url_opens_with_pool_and_migrates(pg_url):
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with koop.open(plain) as g:
        assert g.store.dialect == "postgresql"
        assert isinstance(g.store.engine.pool, sa.pool.QueuePool)
        assert g.store.engine.pool.size() == 5
        assert g.stats()["schema_version"] == koop.store.SCHEMA_VERSION
        assert "koop@127.0.0.1" in g.stats()["database"]
    with sa.create_engine(pg_url).connect() as conn:  # columns order bytewise everywhere
        coll = conn.exec_driver_sql(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'organizations' AND column_name = 'name'").scalar()
    assert coll == "C"


def test_unreachable_server_is_a_coded_error():
    from koop.errors import KoopError
    from postgres_server import free_port

    with pytest.raises(KoopError) as e:
        koop.open(f"postgresql://koop:secret@127.0.0.1:{free_port()}/nope")
    assert e.value.code == "E040" and "secret" not in str(e.value)


def test_deadlocked_write_is_run_again(tmp_path):
    """A transaction PostgreSQL aborts as a deadlock (40P01) or serialization failure
    runs again from the start; other errors do not."""
    import psycopg

    from koop.store import open_store

    calls = []

    def flaky(conn):
        calls.append(1)
        if len(calls) < 3:
            raise sa.exc.OperationalError("INSERT ...", {}, psycopg.errors.DeadlockDetected())
        return "done"

    with open_store(tmp_path / "r.db") as store:
        assert store.run_write(flaky) == "done" and len(calls) == 3
        calls.clear()
        with pytest.raises(sa.exc.OperationalError):
            store.run_write(lambda conn: (calls.append(1), flaky_other())[1])
        assert len(calls) == 1


def flaky_other():
    import psycopg

    raise sa.exc.OperationalError("INSERT ...", {}, psycopg.errors.DiskFull())
