"""The HTTP API over a graph built from the seeds by real ingest: every endpoint's
status codes, filters and pagination, the write token, the OpenAPI document,
and the safety headers."""
from __future__ import annotations

import pytest
from web_helpers import APPLE_EVIDENCE, LOCAL, TOKEN, copy_db
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from koop.web import WebSettings, create_app

LEICA_PARTNERS = {"Huawei", "Apple", "Panasonic", "Xiaomi", "Sigma"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def coop_id(api, *names: str) -> int:
    """The id of the cooperation whose parties are exactly ``names``."""
    items = api.get("/api/cooperations", params={"limit": 500}).json()["items"]
    want = set(names)
    return next(c["id"] for c in items if {p["name"] for p in c["parties"]} == want)


def pairs(page) -> set[frozenset]:
    return {frozenset(p["name"] for p in c["parties"]) for c in page["items"]}


# -- info and organizations ------------------------------------------------------------

def test_info(api):
    r = api.get("/api/info")
    assert r.status_code == 200
    info = r.json()
    assert info["read_only"] is True
    assert (info["articles"], info["cooperations"]) == (2, 5)
    assert info["cooperations_by_status"]["failed"] == 1
    assert info["statuses"] == ["announced", "active", "planned", "talks", "failed", "ended"]


@pytest.mark.parametrize("q", ["Leica", "leica", "LEI", "eic"])
def test_search_organizations(api, q):
    r = api.get("/api/organizations", params={"q": q})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1 and body["items"][0]["id"] == "leica-camera"
    assert body["items"][0]["partners"] == 5


def test_search_falls_back_to_the_linker(api):
    """No name contains "Leika", but it is a typo the linker resolves: a guess."""
    leika = api.get("/api/organizations?q=Leika").json()
    assert [o["name"] for o in leika["items"]] == ["Leica"]
    assert leika["match"] == {"query": "Leika", "kind": "typo", "guess": True,
                              "org": {"id": "leica-camera", "name": "Leica", "linked": True}}
    assert api.get("/api/organizations?q=Nokiazzz").json() == {
        "total": 0, "limit": 50, "offset": 0, "items": [], "match": None}


def test_organizations_pagination(api):
    everything = api.get("/api/organizations", params={"limit": 500}).json()
    assert everything["items"][0]["name"] == "Leica"  # most cooperations first
    coops = [o["cooperations"] for o in everything["items"]]
    assert coops == sorted(coops, reverse=True)
    pages = [api.get("/api/organizations", params={"limit": 3, "offset": o}).json()
             for o in (0, 3, 6)]
    assert all(p["total"] == everything["total"] for p in pages)
    assert [o["id"] for p in pages for o in p["items"]] == [o["id"] for o in everything["items"]]
    assert api.get("/api/organizations", params={"offset": 999}).json()["items"] == []


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1},
                                    {"limit": "many"}])
def test_bad_paging_is_422(api, params):
    for path in ("/api/organizations", "/api/cooperations", "/api/articles"):
        assert api.get(path, params=params).status_code == 422


@pytest.mark.parametrize("name", ["Leica", "leica-camera", "Leica Camera AG", "Leika"])
def test_organization_detail(api, name):
    r = api.get(f"/api/organizations/{name}")
    assert r.status_code == 200
    body = r.json()
    assert body["org"]["id"] == "leica-camera"
    assert body["kb"] == {"type": "company", "domain": "leica-camera.com", "city": "Wetzlar", "country": "DE"}
    assert {p["org"]["name"] for p in body["partners"]} == LEICA_PARTNERS
    assert len(body["cooperations"]) == 5
    apple = next(c for c in body["cooperations"] if {"Apple"} < {p["name"] for p in c["parties"]})
    assert apple["status"] == "failed"


def test_organization_depth_and_errors(api):
    deep = api.get("/api/organizations/Sigma", params={"depth": 2}).json()["partners"]
    assert {(p["org"]["name"], p["depth"]) for p in deep} >= {("Leica", 1), ("Panasonic", 1),
                                                              ("Huawei", 2), ("Apple", 2)}
    assert api.get("/api/organizations/Sigma", params={"depth": 9}).status_code == 422
    r = api.get("/api/organizations/Nokia")
    assert r.status_code == 404 and r.json()["code"] == "E042"
    assert api.get("/api/organizations/Nokia/timeline").status_code == 404


def test_timeline(api):
    r = api.get("/api/organizations/Leica/timeline")
    assert r.status_code == 200
    events = r.json()["events"]
    dated = [e["date"] for e in events if e["date"]]
    assert dated == sorted(dated) and dated[0] == "2000-08"  # L² Technology since August 2000
    undated = [i for i, e in enumerate(events) if not e["date"]]
    assert undated == list(range(len(dated), len(events)))  # undated last
    assert {e["kind"] for e in events} == {"start", "observed"}
    apple = [e for e in events if [p["name"] for p in e["partners"]] == ["Apple"]]
    assert [e["status"] for e in apple] == ["failed"] and apple[0]["evidence"]


# -- cooperations -----------------------------------------------------------------------

def test_cooperations_unfiltered(api):
    body = api.get("/api/cooperations").json()
    assert body["total"] == 5 and len(body["items"]) == 5
    assert pairs(body) == {frozenset(s) for s in (
        {"Leica", "Huawei"}, {"Leica", "Apple"}, {"Leica", "Panasonic"}, {"Leica", "Xiaomi"},
        {"Leica", "Panasonic", "Sigma"})}
    assert all(c["latest_evidence"]["text"] for c in body["items"])


@pytest.mark.parametrize("params,expected", [
    ({"status": "failed"}, [{"Leica", "Apple"}]),
    ({"status": "failed,active"}, [{"Leica", "Apple"}, {"Leica", "Huawei"},
                                   {"Leica", "Panasonic", "Sigma"}]),
    ({"status": ["failed", "active"]}, [{"Leica", "Apple"}, {"Leica", "Huawei"},
                                        {"Leica", "Panasonic", "Sigma"}]),
    ({"status": "ended"}, []),
    ({"party": "Apple"}, [{"Leica", "Apple"}]),
    ({"party": "sigma-corporation"}, [{"Leica", "Panasonic", "Sigma"}]),
    ({"party": "Panasonic", "status": "announced"}, [{"Leica", "Panasonic"}]),
    ({"date_from": "2017"}, [{"Leica", "Panasonic", "Sigma"}]),        # since 2018
    ({"date_to": "2001-12-31"}, [{"Leica", "Panasonic"}]),               # since 2000-08
    ({"date_from": "2016-07-01", "date_to": "2016-07"}, [{"Leica", "Apple"}, {"Leica", "Huawei"}]),
    ({"min_sources": 2}, []),
    ({"min_sources": 1, "status": "announced"}, [{"Leica", "Panasonic"}, {"Leica", "Xiaomi"}]),
])
def test_cooperation_filters(api, params, expected):
    r = api.get("/api/cooperations", params=params)
    assert r.status_code == 200
    assert pairs(r.json()) == {frozenset(e) for e in expected}
    assert r.json()["total"] == len(expected)


@pytest.mark.parametrize("params,status", [
    ({"status": "bogus"}, 422), ({"status": "failed,nope"}, 422), ({"date_from": "July"}, 422),
    ({"date_to": "2016-7-1"}, 422), ({"min_sources": 0}, 422), ({"party": "Nokia"}, 404),
])
def test_cooperation_filter_errors(api, params, status):
    assert api.get("/api/cooperations", params=params).status_code == status
    assert api.get("/api/graph", params=params).status_code == status


def test_unknown_status_names_the_known_ones(api):
    body = api.get("/api/cooperations", params={"status": "failed,nope"}).json()
    assert body["code"] == "E058" and "'nope'" in body["detail"] and "talks" in body["detail"]


def test_cooperations_pagination(api):
    full = [c["id"] for c in api.get("/api/cooperations").json()["items"]]
    paged = []
    for offset in range(0, 6, 2):
        body = api.get("/api/cooperations", params={"limit": 2, "offset": offset}).json()
        assert (body["total"], body["limit"], body["offset"]) == (5, 2, offset)
        paged += [c["id"] for c in body["items"]]
    assert paged == full


def test_cooperation_detail(api):
    cid = coop_id(api, "Leica", "Apple")
    r = api.get(f"/api/cooperations/{cid}")
    assert r.status_code == 200
    c = r.json()
    assert c["status"] == "failed" and c["key"] == "apple|leica-camera"
    assert [h["status"] for h in c["history"]] == ["failed"]
    assert c["history"][0]["article"]["id"] == "leica-capital-2016"
    assert c["evidence_count"] >= 1
    r = api.get("/api/cooperations/99999")
    assert r.status_code == 404 and r.json()["code"] == "E056"
    assert api.get("/api/cooperations/abc").status_code == 422


def test_evidence_with_sources_and_highlights(api):
    cid = coop_id(api, "Leica", "Apple")
    body = api.get(f"/api/cooperations/{cid}/evidence").json()
    assert body["total"] == len(body["items"]) >= 1
    marked = []
    for ev in body["items"]:
        assert ev["article"] == {"id": "leica-capital-2016", "title": None, "url": None,
                                 "date": "2016-07-19"}
        marked.append({(ev["text"][h["start"]:h["end"]], h["org_id"]) for h in ev["highlights"]})
    # the sentence of the failed talks names both
    assert any({("Leica", "leica-camera"), ("Apple", "apple")} <= m for m in marked)
    assert all(org in {"leica-camera", "apple"} for m in marked for _, org in m)
    first = api.get(f"/api/cooperations/{cid}/evidence", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["total"] == body["total"]
    assert first["items"][0] == body["items"][0]
    assert api.get("/api/cooperations/99999/evidence").status_code == 404


# -- the network ------------------------------------------------------------------------

def test_graph(api):
    g = api.get("/api/graph").json()
    nodes = {n["name"]: n for n in g["nodes"]}
    assert set(nodes) == {"Leica"} | LEICA_PARTNERS
    assert nodes["Leica"]["partners"] == 5 and nodes["Apple"]["partners"] == 1
    assert len(g["edges"]) == 4 + 3  # four pairs, and the alliance of three as three edges
    apple = [e for e in g["edges"] if {e["source"], e["target"]} == {"apple", "leica-camera"}]
    assert len(apple) == 1 and apple[0]["status"] == "failed" and apple[0]["sources"] == 1
    assert (g["cooperations"], g["truncated"]) == (5, False)


def test_graph_filters_and_limit(api):
    failed = api.get("/api/graph", params={"status": "failed"}).json()
    assert {n["name"] for n in failed["nodes"]} == {"Leica", "Apple"}
    rest = api.get("/api/graph", params={"status": "announced,active"}).json()
    assert "Apple" not in {n["name"] for n in rest["nodes"]}
    assert rest["cooperations"] == 4
    one = api.get("/api/graph", params={"limit": 1}).json()
    assert one["truncated"] is True and one["cooperations"] == 5
    assert len({e["cooperation_id"] for e in one["edges"]}) == 1
    assert api.get("/api/graph", params={"limit": 0}).status_code == 422


# -- articles -----------------------------------------------------------------------------

def test_articles(api):
    body = api.get("/api/articles").json()
    assert body["total"] == 2
    assert [a["id"] for a in body["items"]] == ["leica-capital-2016", "leica-panasonic-l2"]
    assert body["items"][0]["cooperation_count"] == 2
    page2 = api.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert [a["id"] for a in page2["items"]] == ["leica-panasonic-l2"] and page2["total"] == 2
    assert api.get("/api/articles", params={"q": "capital"}).json()["total"] == 1
    one = api.get("/api/articles/leica-capital-2016").json()
    assert APPLE_EVIDENCE in one["text"]
    assert {frozenset(p["name"] for p in c["parties"]) for c in one["cooperations"]} == {
        frozenset({"Leica", "Huawei"}), frozenset({"Leica", "Apple"})}
    r = api.get("/api/articles/no-such-article")
    assert r.status_code == 404 and r.json()["code"] == "E057"


# -- writing --------------------------------------------------------------------------------

ARTICLE = {"text": "Siemens und Bosch gründen ein Gemeinschaftsunternehmen für Robotik. "
                   "Das teilten beide Unternehmen am Dienstag in München mit.",
           "title": "Siemens und Bosch", "date": "2024-01-09", "lang": "de"}


def test_write_refused_without_configured_token(api, seeds_db):
    for headers in ({}, AUTH):
        r = api.post("/api/articles", json=ARTICLE, headers=headers)
        assert r.status_code == 403 and r.json()["code"] == "E052"
        assert "read-only" in r.json()["detail"] and "KOOP_API_TOKEN" in r.json()["detail"]
    assert api.get("/api/info").json()["articles"] == 2  # nothing written


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": f"Bearer {TOKEN}x"}])
def test_write_needs_the_right_token(write_api, headers):
    r = write_api.post("/api/articles", json=ARTICLE, headers=headers)
    assert r.status_code == 401 and r.json()["code"] == "E053"
    assert r.headers["www-authenticate"] == "Bearer"
    assert write_api.get("/api/info").json()["articles"] == 2


def test_post_text_article(write_api):
    r = write_api.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "new" and body["cooperations"] >= 1
    key = body["article"]["id"]
    assert body["article"]["title"] == "Siemens und Bosch"
    assert body["article"]["date"] == "2024-01-09"
    stored = write_api.get(f"/api/articles/{key}").json()
    assert stored["text"] == ARTICLE["text"]
    siemens = write_api.get("/api/cooperations", params={"party": "Siemens"}).json()
    assert pairs(siemens) == {frozenset({"Siemens", "Bosch"})}
    assert write_api.get("/api/info").json()["articles"] == 3
    # the same text again is a duplicate: 200, the stored article, nothing new
    again = write_api.post("/api/articles", json={**ARTICLE, "title": "Other"}, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate" and again.json()["article"]["id"] == key
    assert write_api.get("/api/info").json()["articles"] == 3


@pytest.mark.parametrize("payload", [
    {}, {"title": "only a title"}, {"text": ""}, {"text": "x", "date": "9 Jan"},
    {"text": "x", "lang": "fr"}, {"url": "ftp://example.com/a"}, {"url": "javascript:alert(1)"},
])
def test_post_rejects_bad_payloads(write_api, payload):
    r = write_api.post("/api/articles", json=payload, headers=AUTH)
    assert r.status_code == 422
    assert write_api.get("/api/info").json()["articles"] == 2


def test_post_url_article(write_api, pages):
    base, hits = pages
    url = f"{base}/wirtschaft/vw-bosch.html"
    r = write_api.post("/api/articles", json={"url": url}, headers=AUTH)
    assert r.status_code == 201, r.text
    art = r.json()["article"]
    assert art["url"] == url and art["date"] == "2023-03-14"
    assert art["title"] == "Volkswagen und Bosch gründen Gemeinschaftsunternehmen"
    assert pairs(write_api.get("/api/cooperations", params={"party": "Volkswagen"}).json()) == {
        frozenset({"Volkswagen", "Bosch"})}
    # posting the URL again answers from the database without fetching it
    again = write_api.post("/api/articles", json={"url": url}, headers=AUTH)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert hits.count("/wirtschaft/vw-bosch.html") == 1


def test_post_url_that_fails(write_api, pages):
    base, _ = pages
    r = write_api.post("/api/articles", json={"url": f"{base}/gone.html"}, headers=AUTH)
    assert r.status_code == 502 and r.json()["code"] == "E045"


def test_post_url_refuses_private_addresses(writable_db, pages):
    """By default the server does not fetch loopback or private addresses for anyone."""
    base, hits = pages
    app = create_app(WebSettings(db=str(writable_db), token=TOKEN))
    with TestClient(app, base_url=LOCAL) as client:
        r = client.post("/api/articles", json={"url": f"{base}/wirtschaft/vw-bosch.html"},
                        headers=AUTH)
    assert r.status_code == 400 and r.json()["code"] == "E017"
    assert hits == []


def test_post_keeps_markup_as_text(write_api):
    """The API stores and returns article text verbatim, as JSON (the page escapes it)."""
    payload = {"text": "Siemens und Bosch gründen ein Gemeinschaftsunternehmen "
                       "<script>alert(1)</script><img src=x onerror=alert(2)>.",
               "title": "<script>alert(3)</script>"}
    key = write_api.post("/api/articles", json=payload, headers=AUTH).json()["article"]["id"]
    r = write_api.get(f"/api/articles/{key}")
    assert r.headers["content-type"] == "application/json"
    assert (r.json()["title"], r.json()["text"]) == (payload["title"], payload["text"])


# -- OpenAPI, page, headers, CORS --------------------------------------------------------

def test_openapi_document_validates(api):
    r = api.get("/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    validate(doc)
    assert {"/api/organizations", "/api/organizations/{org}", "/api/organizations/{org}/timeline",
            "/api/cooperations", "/api/cooperations/{coop_id}",
            "/api/cooperations/{coop_id}/evidence", "/api/graph", "/api/articles",
            "/api/articles/{key}", "/api/info"} <= set(doc["paths"])
    post = doc["paths"]["/api/articles"]["post"]
    assert post["security"] == [{"HTTPBearer": []}]
    assert {"201", "200", "401", "403", "422"} <= set(post["responses"])
    status_param = next(p for p in doc["paths"]["/api/cooperations"]["get"]["parameters"]
                        if p["name"] == "status")
    assert status_param["in"] == "query"


def test_page_and_assets_are_served_locally(api):
    page = api.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "<script>" not in html  # no inline script: CSP allows only files from the server
    for src in ("/static/vendor/koop-graph.js", "/static/app.js", "/static/app.css"):
        assert f'"{src}"' in html
        assert api.get(src).status_code == 200
    assert "http://" not in html and "https://" not in html  # nothing from other hosts
    assert api.get("/docs").status_code == 404  # swagger's page would load a CDN


@pytest.mark.parametrize("path", ["/", "/api/info", "/static/app.js", "/api/organizations/Nokia"])
def test_security_headers(api, path):
    headers = api.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"


def test_cors_closed_by_default(api):
    r = api.get("/api/info", headers={"Origin": "http://evil.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = api.options("/api/articles", headers={"Origin": "http://evil.example",
                                                "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers


def test_cors_opens_for_configured_origins(seeds_db, tmp_path):
    db = copy_db(seeds_db, tmp_path / "cors.db")
    app = create_app(WebSettings(db=str(db), cors_origins=("http://allowed.example",)))
    with TestClient(app, base_url=LOCAL) as client:
        ok = client.get("/api/info", headers={"Origin": "http://allowed.example"})
        assert ok.headers["access-control-allow-origin"] == "http://allowed.example"
        other = client.get("/api/info", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_ambiguous_name_is_409(api, graph):
    """Two organizations with the same name and as many cooperations: the client must
    give an id. (The store is swapped in with ``dependency_overrides``.)"""
    from store_helpers import coop, make_article

    from koop.article import Mention
    from koop.web.deps import get_store

    for key, oid in (("a", "zorbex-one"), ("b", "zorbex-two")):
        graph.add(make_article(key, text=f"Zorbex {key}", coops=[coop([oid, "sap"], "active")],
                               mentions=[Mention(0, 6, "ORG", "Zorbex", oid, "Zorbex"),
                                         Mention(0, 3, "ORG", "SAP", "sap", "SAP")]))
    api.app.dependency_overrides[get_store] = lambda: graph.store
    try:
        r = api.get("/api/organizations/Zorbex")
        assert r.status_code == 409 and r.json()["code"] == "E043"
        assert "zorbex-one" in r.json()["detail"] and "zorbex-two" in r.json()["detail"]
        assert api.get("/api/organizations/zorbex-two").status_code == 200
        assert api.get("/api/cooperations", params={"party": "Zorbex"}).status_code == 409
    finally:
        api.app.dependency_overrides.clear()
    assert api.get("/api/organizations/zorbex-two").status_code == 404  # the seeds again
