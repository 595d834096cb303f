"""The store queries behind the web app: summaries, filters, the network, articles."""
from __future__ import annotations

import pytest

from koop.store import queries as q


@pytest.fixture
def conn(leica_graph):
    with leica_graph.store.read() as c:
        yield c


def test_summaries_agree_with_views(conn):
    views = {v.id: v for v in q.cooperation_views(conn)}
    sums = q.cooperation_summaries(conn)
    assert [s.id for s in sums] == sorted(views)
    for s in sums:
        v = views[s.id]
        assert (s.status, s.since, s.name, s.first_seen, s.last_seen, s.sources) == \
            (v.status, v.since, v.name, v.first_seen, v.last_seen, v.sources)
        assert s.party_ids == tuple(sorted(p.id for p in v.parties))
        assert s.observations == len(v.history)
    assert q.cooperation_summaries(conn, []) == []


@pytest.mark.parametrize("value,bounds", [
    ("2016", ("2016-01-01", "2016-12-31")),
    ("2016-07", ("2016-07-01", "2016-07-31")),
    ("2016-07-19", ("2016-07-19", "2016-07-19")),
])
def test_date_bounds(value, bounds):
    assert q.date_bounds(value) == bounds


def _pairs(summaries):
    return {tuple(s.party_ids) for s in summaries}


def test_filter_by_status_party_sources_and_dates(conn):
    every = q.filter_cooperations(conn, q.CooperationFilter())
    assert len(every) == 5
    # latest reported first; among equals the later start first
    assert [s.party_ids for s in every] == [
        ("leica-camera", "panasonic", "sigma-corporation"), ("leica-camera", "panasonic"),
        ("leica-camera", "xiaomi"), ("huawei", "leica-camera"), ("apple", "leica-camera")]
    failed = q.filter_cooperations(conn, q.CooperationFilter(statuses=("failed",)))
    assert _pairs(failed) == {("apple", "leica-camera")}
    assert len(q.filter_cooperations(conn, q.CooperationFilter(statuses=("active", "ended")))) == 3
    assert _pairs(q.filter_cooperations(conn, q.CooperationFilter(party="sigma-corporation"))) == \
        {("leica-camera", "panasonic", "sigma-corporation")}
    # Leica+Panasonic and Leica+Huawei are each reported by two articles, the rest by one
    assert _pairs(q.filter_cooperations(conn, q.CooperationFilter(min_sources=2))) == \
        {("leica-camera", "panasonic"), ("huawei", "leica-camera")}
    # time spans: Huawei 2016..2022, Leica+Panasonic 2000-08..2023, the alliance 2018..2023,
    # Xiaomi 2023, Apple 2016
    spans = q.CooperationFilter(date_from="2020", date_to="2021")
    assert _pairs(q.filter_cooperations(conn, spans)) == {
        ("huawei", "leica-camera"), ("leica-camera", "panasonic"),
        ("leica-camera", "panasonic", "sigma-corporation")}
    assert _pairs(q.filter_cooperations(conn, q.CooperationFilter(date_to="2000-08"))) == \
        {("leica-camera", "panasonic")}
    assert q.filter_cooperations(conn, q.CooperationFilter(date_from="2024")) == []


def test_list_cooperations_pages(conn):
    flt = q.CooperationFilter()
    total, first = q.list_cooperations(conn, flt, limit=2, offset=0)
    _, second = q.list_cooperations(conn, flt, limit=2, offset=2)
    _, rest = q.list_cooperations(conn, flt, limit=2, offset=4)
    assert total == 5 and [len(first), len(second), len(rest)] == [2, 2, 1]
    ids = [v.id for v in first + second + rest]
    assert ids == [s.id for s in q.filter_cooperations(conn, flt)]
    assert all(v.evidence for v in first)


def test_cooperation_graph(conn):
    g = q.cooperation_graph(conn, q.CooperationFilter())
    nodes = {n["id"]: n for n in g["nodes"]}
    assert nodes["leica-camera"]["partners"] == 5 and nodes["leica-camera"]["cooperations"] == 5
    assert nodes["sigma-corporation"]["partners"] == 2  # Leica and Panasonic, via the alliance
    alliance = [e for e in g["edges"] if len(e["parties"]) == 3]
    assert len(alliance) == 3 and len({e["cooperation_id"] for e in alliance}) == 1
    assert len(g["edges"]) == 4 + 3 and g["cooperations"] == 5 and not g["truncated"]
    failed = q.cooperation_graph(conn, q.CooperationFilter(statuses=("failed",)))
    assert {n["id"] for n in failed["nodes"]} == {"apple", "leica-camera"}
    assert failed["nodes"][0]["partners"] == 1
    one = q.cooperation_graph(conn, q.CooperationFilter(), limit=1)
    assert one["truncated"] and one["cooperations"] == 5
    assert {e["cooperation_id"] for e in one["edges"]} == {every_first(conn)}
    assert len(one["edges"]) == 3 and len(one["nodes"]) == 3  # the alliance of three


def every_first(conn):
    return q.filter_cooperations(conn, q.CooperationFilter())[0].id


def test_search_organizations(conn):
    total, hits = q.search_organizations(conn, "leic")
    assert total == 1 and hits[0]["id"] == "leica-camera" and hits[0]["partners"] == 5
    assert q.search_organizations(conn, "LEICA")[1][0]["id"] == "leica-camera"
    assert q.search_organizations(conn, "no such org") == (0, [])
    total, page1 = q.search_organizations(conn, None, limit=3)
    _, page2 = q.search_organizations(conn, "", limit=3, offset=3)
    assert page1[0]["id"] == "leica-camera"  # most cooperations first
    assert not {o["id"] for o in page1} & {o["id"] for o in page2}
    assert total == len(q.organizations_with_counts(conn))


def test_aliases_and_articles(conn, leica_graph):
    names = q.aliases_of(conn, ["leica-camera", "huawei"])
    assert "Leica" in names["leica-camera"] and "Huawei" in names["huawei"]
    total, arts = q.list_articles(conn)
    assert total == 4 and [a["id"] for a in arts][0] == "l2-2023"  # newest first
    assert q.list_articles(conn, "L² Tech")[1][0]["id"] == "l2-2023"
    one = q.get_article(conn, "l2-2023")
    assert one["url"] == "https://photo.example/l2" and one["cooperation_count"] == 3
    assert {tuple(p["id"] for p in c["parties"]) for c in one["cooperations"]} >= \
        {("leica-camera", "xiaomi")}
    assert q.get_article(conn, "nope") is None
    assert q.stored_article_key(conn, url="https://photo.example/l2") == "l2-2023"
    assert q.stored_article_key(conn) is None


# -- one article at a time, and where parties are named -----------------------------

def test_ingest_article_extracts_once(graph):
    from store_helpers import rule_stage

    from koop.article import Article
    from koop.ingest import ingest_article

    text = "Alpha und Beta kooperieren (active)."
    first = ingest_article(graph.store, Article(id="a1", text=text, url="https://x.example/1"),
                           rule_stage)
    assert (first.status, first.key, first.cooperations) == ("new", "a1", 1)

    def must_not_run(article):
        raise AssertionError("a stored article was extracted again")

    same_text = ingest_article(graph.store, Article(id="a2", text=text.upper()), must_not_run)
    same_url = ingest_article(graph.store, Article(id="a3", text="other",
                                                   url="https://x.example/1"), must_not_run)
    assert (same_text.status, same_text.key) == ("duplicate", "a1")
    assert (same_url.status, same_url.key) == ("duplicate", "a1")
    assert graph.stats()["articles"] == 1


def test_party_spans():
    from koop.web.highlight import party_spans

    text = "Leica-Optik für Huawei; Panasonics Marke LUMIX, nicht Applets von Apple's Partnern."
    names = {"leica-camera": ["Leica"], "huawei": ["Huawei"],
             "panasonic": ["Panasonic", "Lumix"], "apple": ["Apple"]}
    spans = [(text[s["start"]:s["end"]], s["org_id"]) for s in party_spans(text, names)]
    assert spans == [("Leica", "leica-camera"), ("Huawei", "huawei"), ("Panasonic", "panasonic"),
                     ("LUMIX", "panasonic"), ("Apple", "apple")]
    # the longer name wins where two start at the same place; no overlaps
    both = party_spans("Deutsche Telekom und Deutsche Bank", {
        "telekom": ["Deutsche Telekom"], "db": ["Deutsche Bank"], "x": ["Deutsche"]})
    assert [(s["start"], s["end"], s["org_id"]) for s in both] == [(0, 16, "telekom"),
                                                                   (21, 34, "db")]
    assert party_spans("nothing here", names) == []
