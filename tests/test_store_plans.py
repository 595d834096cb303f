"""Issue 14: every per-article query of the ingest path is an index search.

Ingest must not slow down as the database grows, so no statement that runs
once per article may scan a table whose size grows with the graph. The test
records every statement the write path and ingest's lookups send to SQLite
(new articles with cooperations, people and quotes, a near-duplicate, an
exact duplicate, a changed file version that deletes the old one) and reads
each one's ``EXPLAIN QUERY PLAN``.
"""
from __future__ import annotations

import re

import sqlalchemy as sa

from koop.store import open_store, record_from_article
from koop.store.queries import stored_article_key
from koop.store.records import SourceFile
from koop.store.writer import is_stored

from store_helpers import coop, leica_articles, make_article

# a scan is fine only over what the statement itself produced: the (at most 50)
# candidates of the near-duplicate subquery, or the VALUES rows of an insert
HARMLESS_SCAN = re.compile(r"^SCAN (anon_\d+|\d+ CONSTANT ROWS)\b")


def _story(i: int) -> str:
    return (f"Bericht {i}: Siemens und Bosch bauen gemeinsam ein Werk in Ulm. Die Partner "
            f"investieren {i} Millionen Euro und wollen ab Herbst Batterien fertigen. "
            f"Finanzielle Details nannten die Unternehmen nicht. Nummer {i * 7919}.")


def _write_path(store) -> None:
    """One of each kind of write and lookup that ingest does per article."""
    for a in leica_articles():
        store.write_article(a)
    for i in range(20):  # enough rows that a scan would read more than a search
        store.write_article(make_article(f"s{i}", _story(i), date="2020-01-01", coops=[
            coop(["siemens", "bosch"], "active", evidence=[_story(i)[:60]])]))
    near = make_article("near", _story(3) + " (dpa)", coops=[coop(["siemens", "bosch"], "active")])
    assert store.write_article(near).near_duplicate
    assert store.write_article(make_article("dup", _story(4))).status == "duplicate"
    source = SourceFile("/in/a.txt", 10, 1, "h1")
    first = make_article("file-a", "Erste Fassung: Acme Robotics und Siemens kooperieren.",
                         coops=[coop([None, "siemens"], "active",
                                     parties=["Acme Robotics", "Siemens"])],
                         people=[("Erika Muster", "Acme Robotics", "CEO")],
                         quotes=[("Erika Muster", "Wir freuen uns auf die Arbeit.", 0, 10)])
    store.write_record(record_from_article(first, "/in/a.txt"), source)
    second = make_article("file-a", "Zweite Fassung: Acme Robotics und SAP kooperieren.",
                          coops=[coop([None, "sap"], "talks", parties=["ACME Robotics", "SAP"])],
                          people=[("Max Beispiel", "SAP", "CTO")])
    assert store.write_record(record_from_article(second, "/in/a.txt"),
                              SourceFile("/in/a.txt", 11, 2, "h2")).status == "replaced"
    store.mark_source(SourceFile("/in/b.txt", 5, 3, "h3"))
    assert store.source_state("/in/b.txt") is not None
    assert store.has_url("https://photo.example/l2") and not store.has_url("https://nope.example")
    assert not store.has_text_hash("0" * 64)
    with store.read() as conn:
        assert is_stored(conn, "https://nope.example", "0" * 64) is False
        assert stored_article_key(conn, url="https://photo.example/l2") == "l2-2023"


def test_no_per_article_statement_scans_a_table(tmp_path):
    store = open_store(tmp_path / "plans.db")
    statements: dict[str, tuple] = {}

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
            statements.setdefault(statement, parameters[0] if executemany else parameters)

    _write_path(store)
    sa.event.remove(store.engine, "before_cursor_execute", record)
    assert any("DELETE FROM articles" in s for s in statements)  # the replace path ran
    assert any("lsh_buckets" in s and s.startswith("SELECT") for s in statements)
    scans = {}
    with store.engine.connect() as conn:
        for sql, params in statements.items():
            plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
            bad = [step for step in plan if step.startswith("SCAN") and not HARMLESS_SCAN.match(step)]
            if bad:
                scans[" ".join(sql.split())[:160]] = bad
    store.close()
    assert not scans, scans


def test_deleting_a_person_searches_quotes_by_index(tmp_path):
    """The old version's people go with it; their quotes' person_id is set NULL by index."""
    store = open_store(tmp_path / "p.db")
    with store.engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN DELETE FROM people WHERE id = 1")]
    store.close()
    assert "SEARCH quotes USING COVERING INDEX ix_quotes_person (person_id=?)" in plan, plan
