"""The store: schema and migrations, one-transaction writes, merging, near-duplicates."""
from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

import koop
from koop.errors import KoopError
from koop.store import SCHEMA_VERSION, open_store, record_from_article
from koop.store.engine import DEFAULT_DB, resolve_db
from koop.store.schema import MIGRATIONS, meta

from store_helpers import coop, leica_articles, make_article, row_counts


def test_new_database_is_migrated_wal_and_foreign_keys(tmp_path):
    store = open_store(tmp_path / "new.db")
    assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()
    # reopening applies nothing and keeps the data
    again = open_store(tmp_path / "new.db")
    assert again.schema_version == SCHEMA_VERSION
    assert again.integrity_check() == "ok"
    again.close()


def test_database_from_a_newer_koop_is_refused(tmp_path):
    store = open_store(tmp_path / "x.db")
    with store.write() as conn:
        conn.execute(sa.update(meta).values(value=str(SCHEMA_VERSION + 1)))
    store.close()
    with pytest.raises(KoopError) as e:
        open_store(tmp_path / "x.db")
    assert e.value.code == "E041"


def test_default_location_and_env(tmp_path, monkeypatch):
    monkeypatch.delenv("KOOP_DB", raising=False)
    assert resolve_db(None) == DEFAULT_DB == "koop.db"
    monkeypatch.setenv("KOOP_DB", str(tmp_path / "env.db"))
    assert resolve_db(None) == str(tmp_path / "env.db")
    assert resolve_db(tmp_path / "explicit.db") == str(tmp_path / "explicit.db")


def test_same_text_or_same_url_is_stored_once(graph):
    a = make_article("a", "Siemens und Bosch arbeiten zusammen.", url="https://x.example/1")
    assert graph.add(a).status == "new"
    assert graph.add(a).status == "duplicate"
    # same text with other whitespace and case, other id
    b = make_article("b", "  SIEMENS und   Bosch arbeiten zusammen. ")
    assert graph.add(b).status == "duplicate"
    # same URL, other text
    c = make_article("c", "Ganz anderer Text.", url="https://x.example/1")
    assert graph.add(c).status == "duplicate"
    assert graph.stats()["articles"] == 1


def test_article_keys_stay_unique(graph):
    graph.add(make_article("same", "Erster Text über Siemens."))
    res = graph.add(make_article("same", "Zweiter Text über Bosch."))
    assert res.status == "new" and res.key.startswith("same~")


def test_write_is_one_transaction(graph):
    """A record that fails half-way leaves nothing behind."""
    before = graph.store.counts()
    rec = record_from_article(make_article("broken", coops=[coop(["siemens", "sap"], "active")]))
    rec["extraction"]["people"] = [{"name": "X", "org": object()}]  # fails after the article row
    with pytest.raises(Exception):
        graph.store.write_record(rec)
    assert graph.store.counts() == before


def test_one_cooperation_per_party_set_with_history(leica_graph):
    coops = {v.key: v for v in leica_graph.cooperations()}
    assert set(coops) == {"huawei|leica-camera", "apple|leica-camera", "leica-camera|panasonic",
                          "leica-camera|xiaomi", "leica-camera|panasonic|sigma-corporation"}
    lp = coops["leica-camera|panasonic"]
    assert [(o.article.date, o.status) for o in lp.history] == [
        ("2000-08-20", "planned"), ("2023-05-04", "announced")]
    assert lp.status == "announced"          # the latest observation
    assert lp.since == "2000-08"
    assert lp.name == "L² Technology"
    assert (lp.first_seen, lp.last_seen) == ("2000-08-20", "2023-05-04")
    assert lp.sources == 2
    ev = {(e.text[:20], e.article.key, e.article.date) for e in lp.evidence}
    assert ("Leica will mit Panas", "panasonic-2000", "2000-08-20") in ev
    latest = lp.latest_evidence
    assert latest.article.url == "https://photo.example/l2"
    assert latest.article.title == "Leica und Panasonic: L² Technology"
    hw = coops["huawei|leica-camera"]
    assert hw.status == "ended" and hw.since == "2016" and hw.sources == 2
    # two readings of one pair in one article: one observation, first status, all evidence
    apple = coops["apple|leica-camera"]
    assert len(apple.history) == 1 and apple.status == "failed" and len(apple.evidence) == 2


def test_organizations_merge_by_id_and_fall_back_to_slugs(graph):
    graph.add(make_article("x1", coops=[coop(["siemens", None], "active",
                                             parties=["Siemens AG", "Acme Robotics GmbH"])]))
    # a later article names the unlinked party slightly differently: same slug key
    graph.add(make_article("x2", coops=[coop([None, "siemens"], "announced",
                                             parties=["ACME Robotics", "Siemens"])]))
    coops = graph.cooperations()
    assert [v.key for v in coops] == ["acme-robotics|siemens"]
    assert len(coops[0].history) == 2
    with graph.reader() as r:
        orgs = {o["id"]: o for o in r.organizations_with_counts()}
    assert orgs["acme-robotics"]["linked"] is False and orgs["siemens"]["linked"] is True


@pytest.mark.issue(13)
def test_only_knowledge_base_ids_are_linked(graph):
    """An organization the article alone names (id x-...) is stored unlinked, whether it
    came as an entity or as a cooperation party."""
    graph.add(make_article("k1", coops=[coop(["siemens", "x-kaltenbach-optik"], "announced",
                                             parties=["Siemens", "Kaltenbach Optik"])]))
    with graph.reader() as r:
        orgs = {o["id"]: o for o in r.organizations_with_counts()}
    assert orgs["siemens"]["linked"] is True
    assert orgs["x-kaltenbach-optik"]["linked"] is False


@pytest.mark.issue(13)
def test_migration_unlinks_organizations_stored_as_linked(tmp_path):
    """A database written before migration 3 said linked for x- ids; opening it fixes them."""
    path = tmp_path / "old.db"
    store = open_store(path)
    store.close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO organizations (id, name, linked) VALUES ('x-acme', 'Acme', 1), "
                "('siemens', 'Siemens', 1)")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    again = open_store(path)
    assert again.schema_version == SCHEMA_VERSION
    again.close()
    con = sqlite3.connect(path)
    assert dict(con.execute("SELECT id, linked FROM organizations")) == {"x-acme": 0, "siemens": 1}
    con.close()


def test_people_merge_by_name_and_organization(graph):
    graph.add(make_article("p1", "Text eins.", people=[("Anna Schmidt", "Siemens", "CEO"),
                                                       ("Max Mustermann", None, None)]))
    graph.add(make_article("p2", "Text zwei.", people=[("Anna Schmidt", "Siemens", "CEO")]))
    graph.add(make_article("p3", "Text drei.", people=[("Anna Schmidt", "Bosch", "CFO")]))
    with graph.reader() as r:
        people = {(p["name"], p["org"]): p["articles"] for p in r.people_list()}
    assert people == {("Anna Schmidt", "Siemens"): 2, ("Anna Schmidt", "Bosch"): 1,
                      ("Max Mustermann", None): 1}


STORY = ("Die Siemens AG und die Deutsche Telekom haben am Dienstag in München eine "
         "Partnerschaft für Rechenzentren vereinbart. Beide Unternehmen wollen gemeinsam "
         "Server mit erneuerbarer Energie betreiben und ab dem kommenden Jahr Kunden in "
         "Deutschland und Österreich bedienen. Siemens liefert die Gebäudetechnik, die Telekom "
         "betreibt die Netze. Finanzielle Details nannten die Partner nicht. Analysten werteten "
         "die Vereinbarung als Zeichen für den wachsenden Bedarf an grüner Rechenleistung in "
         "Europa, wo Unternehmen ihre Daten zunehmend in regionalen Rechenzentren speichern.")


def test_near_duplicates_count_as_one_source(graph):
    c = [coop(["siemens", "telekom"], "announced", evidence=[STORY.split(". ")[0] + "."])]
    graph.add(make_article("agency", STORY, date="2024-01-09", coops=c))
    # the same agency story republished with small edits
    edited = STORY.replace("am Dienstag", "am gestrigen Dienstag").replace(
        "Finanzielle Details nannten die Partner nicht.", "Zu Finanzen schwiegen beide.")
    r = graph.add(make_article("outlet-1", "Exklusiv: " + edited, date="2024-01-10", coops=c))
    assert r.near_duplicate
    r2 = graph.add(make_article("outlet-2", edited + " (dpa)", date="2024-01-10", coops=c))
    assert r2.near_duplicate
    (v,) = graph.cooperations()
    assert len(v.history) == 3 and v.sources == 1
    # an independent report of the same cooperation is a second source
    own = ("Die Telekom bestätigte am Mittwoch die Zusammenarbeit mit Siemens. Der Konzern "
           "erwartet dadurch sinkende Stromkosten und will die Kooperation später ausweiten.")
    assert not graph.add(make_article("own", own, date="2024-01-11", coops=c)).near_duplicate
    (v,) = graph.cooperations()
    assert v.sources == 2
    assert graph.stats()["near_duplicates"] == 2


def test_changed_file_version_replaces_the_old(graph, tmp_path):
    old = make_article("doc", "Siemens und SAP kooperieren.",
                       coops=[coop(["siemens", "sap"], "talks")])
    old.source = str(tmp_path / "doc.txt")
    graph.add(old)
    new = make_article("doc", "Siemens und Bosch kooperieren.",
                       coops=[coop(["siemens", "bosch"], "active")])
    new.source = str(tmp_path / "doc.txt")
    assert graph.add(new).status == "replaced"
    assert [v.key for v in graph.cooperations()] == ["bosch|siemens"]
    assert graph.stats()["articles"] == 1


def test_writing_twice_leaves_row_counts_unchanged(graph, tmp_path):
    for a in leica_articles():
        graph.add(a)
    before = row_counts(tmp_path / "graph.db")
    for a in leica_articles():
        assert graph.add(a).status == "duplicate"
    assert row_counts(tmp_path / "graph.db") == before


def test_python_api_open_returns_a_graph(tmp_path):
    with koop.open(tmp_path / "api.db") as g:
        assert isinstance(g, koop.Graph)
        g.add(leica_articles()[0])
        assert g.stats()["cooperations"] == 2
    con = sqlite3.connect(tmp_path / "api.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_near_duplicate_lookup_searches_the_bucket_index_instead_of_scanning(tmp_path):
    """Issue 14: the per-article near-duplicate lookup must not scan lsh_buckets."""
    import sqlalchemy as sa

    from koop.store.schema import lsh_buckets
    from koop.store.writer import bucket_match

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    lsh_buckets.metadata.create_all(engine, tables=[lsh_buckets.metadata.tables["articles"], lsh_buckets])
    query = (sa.select(lsh_buckets.c.article_id, sa.func.count())
             .where(bucket_match([(band, 1000 + band) for band in range(16)])).group_by(lsh_buckets.c.article_id))
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    assert not any(step.startswith("SCAN lsh_buckets") for step in plan), plan
    assert sum(step.startswith("SEARCH lsh_buckets") for step in plan) == 16, plan
