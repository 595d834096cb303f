"""Issue 14, items 7-11: the HTTP API under hostile or careless requests.

7 evidence highlighting: only a cooperation's own parties, word boundaries and
  case rules ("mit" is never MIT), one compiled pattern per organization;
8 request bodies: bounded, refused unread, the token checked first, 422s that
  do not echo the input;
9 odd input: huge integers, impossible dates, unknown statuses, unexpected
  failures: all JSON of the documented shape with the security headers; HEAD;
10 the Host header (DNS rebinding);
11 names that are guesses, and /api/info that does not recount every time.
"""
from __future__ import annotations

import json
import socket

import jsonschema
import pytest
from fastapi.testclient import TestClient
from store_helpers import coop, make_article
from web_helpers import LOCAL, TOKEN, copy_db

from koop.article import STATUSES, Mention
from koop.store import queries
from koop.store.queries import network
from koop.web import WebSettings, create_app
from koop.web.deps import get_store
from koop.web.highlight import names_pattern, party_spans
from koop.web.hosts import host_policy

AUTH = {"Authorization": f"Bearer {TOKEN}"}
pytestmark = pytest.mark.issue(14)


def mentions(text: str, *orgs: tuple[str, str]) -> list[Mention]:
    """ORG mentions of (surface, org id) at their first place in ``text``."""
    out = []
    for surface, oid in orgs:
        start = text.index(surface)
        out.append(Mention(start, start + len(surface), "ORG", surface, oid, surface))
    return out


MIT_TEXT = "Siemens arbeitet künftig mit dem MIT zusammen, Mit Blick auf die Robotik."
APPLE_TEXT = "Apple und Bosch bauen mit Siemens-Technik ein Werk in Dresden."


@pytest.fixture
def hand_api(graph):
    """An API over a hand-built graph: Siemens-MIT (German evidence with "mit") and
    Apple-Bosch (evidence that also names Siemens, a party of the other cooperation)."""
    graph.add(make_article("mit", text=MIT_TEXT, date="2024-03-01", coops=[
        coop(["siemens", "mit"], "active", evidence=[MIT_TEXT], parties=["Siemens", "MIT"])],
        mentions=mentions(MIT_TEXT, ("Siemens", "siemens"), ("MIT", "mit"))))
    graph.add(make_article("apple", text=APPLE_TEXT, date="2024-02-01", coops=[
        coop(["apple", "bosch"], "announced", evidence=[APPLE_TEXT])],
        mentions=mentions(APPLE_TEXT, ("Apple", "apple"), ("Bosch", "bosch"),
                          ("Siemens", "siemens"))))
    with TestClient(create_app(WebSettings(), store=graph.store), base_url=LOCAL) as client:
        yield client


def marked(evidence: dict) -> list[tuple[str, str]]:
    return [(evidence["text"][h["start"]:h["end"]], h["org_id"]) for h in evidence["highlights"]]


# -- 7: highlighting ---------------------------------------------------------------------

def test_highlights_only_the_cooperations_own_parties(hand_api):
    items = hand_api.get("/api/cooperations", params={"limit": 500}).json()["items"]
    by_key = {c["key"]: c for c in items}
    # Siemens is on the page, but not a party of Apple-Bosch: not marked there
    assert marked(by_key["apple|bosch"]["latest_evidence"]) == [("Apple", "apple"),
                                                                ("Bosch", "bosch")]
    mit = by_key["mit|siemens"]["latest_evidence"]
    assert marked(mit) == [("Siemens", "siemens"), ("MIT", "mit")]  # not "mit", not "Mit"
    assert mit["highlights"][1]["start"] == MIT_TEXT.index("MIT")
    cid = by_key["mit|siemens"]["id"]
    evidence = hand_api.get(f"/api/cooperations/{cid}/evidence").json()["items"]
    assert [marked(e) for e in evidence] == [[("Siemens", "siemens"), ("MIT", "mit")]]


def test_highlighting_compiles_one_pattern_per_organization(hand_api):
    """Bounded work: a page compiles at most one pattern per party organization, and
    the next page none (the issue's 48 s came from one regex per alias of every
    organization on the page, overflowing Python's regex cache)."""
    names_pattern.cache_clear()
    page = hand_api.get("/api/cooperations", params={"limit": 500}).json()["items"]
    parties = {p["id"] for c in page for p in c["parties"]}
    assert names_pattern.cache_info().misses <= len(parties) == 4
    hand_api.get("/api/cooperations", params={"limit": 500})
    assert names_pattern.cache_info().misses <= len(parties)


@pytest.mark.parametrize("text,names,expected", [
    ("Das Projekt mit dem MIT startet.", {"mit": ["MIT"]}, ["MIT"]),
    ("Mit dem Institut, mit Partnern.", {"mit": ["MIT"]}, []),            # acronyms: exact case
    ("apple pie and APPLE news from Apple's lab", {"apple": ["Apple"]}, ["APPLE", "Apple"]),
    ("Appleton and Pineapple are not Apple", {"apple": ["Apple"]}, ["Apple"]),  # word boundaries
    ("Leica-Optik und LEICA", {"leica-camera": ["Leica"]}, ["Leica", "LEICA"]),
    ("Die Deutsche bank und die Deutsche Bank", {"db": ["Deutsche Bank"]}, ["Deutsche Bank"]),
    ("X und Y kooperieren", {"x": ["X"]}, []),                               # too short to mark
])
def test_case_rules_and_word_boundaries(text, names, expected):
    assert [text[s["start"]:s["end"]] for s in party_spans(text, names)] == expected


def test_party_spans_looks_only_for_the_given_parties():
    names = {"siemens": ["Siemens"], "apple": ["Apple"]}
    assert [s["org_id"] for s in party_spans(APPLE_TEXT, names, ["apple"])] == ["apple"]


# -- 8: request bodies ---------------------------------------------------------------------

def raw_request(server, head: str, body: bytes = b"") -> tuple[int, dict]:
    """Send a request's head (and the first bytes of its body) to a live server; RETURNS
    (status, JSON body). The rest of the body is never sent."""
    with socket.create_connection((server.host, server.port), timeout=30) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        data = b""
        while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < _length(data):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    head_part, _, payload = data.partition(b"\r\n\r\n")
    return int(head_part.split()[1]), json.loads(payload or b"null")


def _length(data: bytes) -> int:
    for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0


def _post_head(size: int, auth: bool) -> str:
    return ("POST /api/articles HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\n"
            + (f"Authorization: Bearer {TOKEN}\n" if auth else "")
            + f"Content-Length: {size}\n")


@pytest.mark.parametrize("auth,status,code", [(True, 413, "E055"), (False, 401, "E053")])
def test_a_50_mb_post_is_refused_before_it_is_read(live_server, auth, status, code):
    """Only the head and 1 KB of a 50 MB body are sent: the answer comes anyway, so the
    server did not wait for (or read) the body; without the token, the token is what
    it refuses first."""
    start_of_body = b'{"text": "' + b"x" * 1000
    answer, body = raw_request(live_server, _post_head(50_000_000, auth), start_of_body)
    assert (answer, body["code"]) == (status, code)


def test_a_chunked_body_is_cut_at_the_limit(writable_db):
    settings = WebSettings(db=str(writable_db), token=TOKEN, max_body_bytes=10_000)
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        chunks = (b'{"text": "' + b"x" * 5000, b"x" * 5000, b'y"}')
        r = client.post("/api/articles", content=iter(chunks), headers=AUTH)
        assert r.status_code == 413 and r.json()["code"] == "E055"
        assert client.get("/api/info").json()["articles"] == 2
        text = "Siemens und Bosch gründen ein Gemeinschaftsunternehmen."
        small = client.post("/api/articles", headers=AUTH, json={"text": text})
        assert small.status_code == 201


def test_422_does_not_echo_the_input(write_api):
    huge = "Ä" * 300_000
    r = write_api.post("/api/articles", json={"text": huge, "lang": "fr", "date": "2024-13-45"},
                       headers=AUTH)
    assert r.status_code == 422 and r.json()["code"] == "E059"
    assert len(r.content) < 2000 and "ÄÄÄ" not in r.text
    assert {tuple(e["loc"]) for e in r.json()["errors"]} == {("body", "lang"), ("body", "date")}


# -- 9: odd input ---------------------------------------------------------------------------

def error_schema(api) -> dict:
    doc = api.get("/openapi.json").json()
    return {"$ref": "#/components/schemas/ErrorOut", "components": doc["components"]}


@pytest.mark.parametrize("path,status", [
    ("/api/cooperations?offset=9223372036854775808", 422),
    ("/api/organizations?offset=9223372036854775808", 422),
    ("/api/articles?offset=99999999999999999999999", 422),
    ("/api/cooperations/99999999999999999999", 422),
    ("/api/cooperations/99999999999999999999/evidence", 422),
    ("/api/cooperations/9223372036854775807", 404),
    ("/api/cooperations?min_sources=99999999999999999999", 422),
    ("/api/graph?limit=99999999999999999999", 422),
])
def test_huge_integers_are_refused_as_json(api, path, status):
    r = api.get(path)
    assert r.status_code == status and r.headers["content-type"] == "application/json"
    jsonschema.validate(r.json(), error_schema(api))
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_an_unexpected_failure_is_a_json_500_with_security_headers(seeds_db, caplog):
    app = create_app(WebSettings(db=str(seeds_db)))

    def broken_store():
        raise RuntimeError("secret detail of the failure")

    app.dependency_overrides[get_store] = broken_store
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as client:
        r = client.get("/api/info")
    assert r.status_code == 500 and r.json()["code"] == "E061"
    assert "secret detail" not in r.text and "secret detail" in caplog.text  # logged only
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_status_is_an_enum_in_the_openapi_document(api):
    params = api.get("/openapi.json").json()["paths"]["/api/cooperations"]["get"]["parameters"]
    status = next(p for p in params if p["name"] == "status")
    assert status["schema"]["items"]["enum"] == list(STATUSES)


@pytest.mark.parametrize("params", [{"date_from": "2016-13"}, {"date_to": "2016-02-30"},
                                    {"date_from": "0000"}, {"date_to": "2016-00"},
                                    {"date_from": "２０１６"}])
def test_impossible_dates_are_422(api, params):
    r = api.get("/api/cooperations", params=params)
    assert r.status_code == 422 and r.json()["code"] == "E059"
    assert r.json()["errors"][0]["loc"] == ["query", next(iter(params))]


def test_possible_dates_pass(api):
    assert api.get("/api/cooperations", params={"date_from": "2016-02-29"}).status_code == 200


@pytest.mark.parametrize("date", ["2024-13-45", "2023-02-29", "2024-00"])
def test_a_posted_date_must_exist(write_api, date):
    r = write_api.post("/api/articles", json={"text": "Siemens und Bosch.", "date": date},
                       headers=AUTH)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "date"]


def test_unknown_status_answers_the_documented_schema(api):
    doc = api.get("/openapi.json").json()
    documented = doc["paths"]["/api/cooperations"]["get"]["responses"]["422"]
    assert documented["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"}
    r = api.get("/api/cooperations", params={"status": "failed,nope"})
    assert r.status_code == 422 and r.json()["code"] == "E058"
    jsonschema.validate(r.json(), error_schema(api))
    assert r.json()["errors"] == [{"loc": ["query", "status"], "msg": "unknown status 'nope'",
                                   "type": "enum"}]


@pytest.mark.parametrize("path", ["/", "/api/info", "/static/app.js"])
def test_head_is_answered_where_get_is(api, path):
    get, head = api.get(path), api.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert "content-security-policy" in head.headers


# -- 10: the Host header -------------------------------------------------------------------

@pytest.mark.parametrize("host,status", [
    ("127.0.0.1", 200), ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200),
    ("LOCALHOST", 200), ("rebind.attacker.example", 400), ("rebind.attacker.example:8000", 400),
    ("127.0.0.1.attacker.example", 400), ("", 400),
])
def test_only_the_listening_hosts_are_answered(api, host, status):
    r = api.get("/api/info", headers={"Host": host})
    assert r.status_code == status
    if status == 400:
        assert r.json()["code"] == "E060" and "--allow-host" in r.json()["detail"]
        assert "content-security-policy" in r.headers


def test_a_live_server_refuses_a_rebound_name(live_server):
    status, body = raw_request(live_server, "GET /api/info HTTP/1.1\nHost: evil.example:8000\n")
    assert (status, body["code"]) == (400, "E060")
    own = f"localhost:{live_server.port}"
    status, body = raw_request(live_server, f"GET /api/info HTTP/1.1\nHost: {own}\n")
    assert status == 200 and body["articles"] >= 2


def test_allowed_hosts_add_names(seeds_db):
    app = create_app(WebSettings(db=str(seeds_db), allowed_hosts=("koop.example.org",)))
    with TestClient(app, base_url="http://koop.example.org") as client:
        assert client.get("/api/info").status_code == 200
        assert client.get("/api/info", headers={"Host": "other.example.org"}).status_code == 400


def test_host_policy():
    loop = host_policy("127.0.0.1")
    assert loop.allows("localhost") and loop.allows("[::1]:80") and not loop.allows("10.0.0.1")
    wild = host_policy("0.0.0.0")
    assert wild.allows("192.168.1.20:8000") and wild.allows("[fe80::1]")
    assert wild.allows("localhost")
    assert not wild.allows("attacker.example")
    one = host_policy("192.168.1.20", ("koop.lan",))
    assert one.allows("192.168.1.20") and one.allows("koop.lan:8000")
    assert not one.allows("localhost") and not one.allows("192.168.1.21")
    assert host_policy("127.0.0.1", ("*",)).allows("anything.example")


# -- 11: guesses and /api/info ---------------------------------------------------------------

@pytest.fixture
def guess_api(graph):
    """X (a one-letter name) and Southern Company ("the company" is 81 % like it for
    rapidfuzz, the cutoff of typos is 80), each with a partner."""
    for key, oid, name, text in (
            ("x", "x-corp", "X", "X und Siemens arbeiten zusammen."),
            ("so", "southern-company", "Southern Company",
             "Southern Company und Siemens arbeiten zusammen.")):
        graph.add(make_article(key, text=text, coops=[
            coop([oid, "siemens"], "active", parties=[name, "Siemens"], evidence=[text])],
            mentions=mentions(text, (name, oid), ("Siemens", "siemens"))))
    with TestClient(create_app(WebSettings(), store=graph.store), base_url=LOCAL) as client:
        yield client


@pytest.mark.parametrize("name", ["<img src=x>", "the company"])
def test_a_name_sharing_words_is_not_taken(guess_api, name):
    for path in (f"/api/organizations/{name}", f"/api/organizations/{name}/timeline"):
        r = guess_api.get(path)
        assert r.status_code == 404 and r.json()["code"] == "E042", r.text
    assert guess_api.get("/api/cooperations", params={"party": name}).status_code == 404
    assert guess_api.get("/api/organizations", params={"q": name}).json()["items"] == []


def test_the_company_suggests_southern_company(guess_api):
    body = guess_api.get("/api/organizations/the company").json()
    assert "southern-company" in [o["id"] for o in body["suggestions"]]
    assert "Did you mean" in body["detail"]


def test_exact_names_are_not_guesses(guess_api):
    for name, kind in (("X", "name"), ("x-corp", "id"), ("southern company", "name")):
        match = guess_api.get(f"/api/organizations/{name}").json()["match"]
        assert (match["kind"], match["guess"]) == (kind, False)


def test_a_typo_of_a_stored_name_is_a_guess(guess_api):
    body = guess_api.get("/api/organizations/Southern Compnay").json()
    assert body["org"]["id"] == "southern-company"
    assert (body["match"]["kind"], body["match"]["guess"]) == ("typo", True)


def test_a_typo_is_answered_as_a_guess(api):
    body = api.get("/api/organizations/Leika").json()
    assert body["org"]["id"] == "leica-camera"
    assert body["match"] == {"query": "Leika", "kind": "typo", "guess": True,
                             "org": {"id": "leica-camera", "name": "Leica", "linked": True}}
    assert api.get("/api/organizations/Leika/timeline").json()["match"]["guess"] is True
    page = api.get("/api/cooperations", params={"party": "Leika"}).json()
    assert page["party"]["guess"] is True and page["total"] == 5
    exact = api.get("/api/graph", params={"party": "Leica"}).json()["party"]
    assert (exact["kind"], exact["guess"]) == ("name", False)


def test_info_counts_again_only_after_a_change(write_api, monkeypatch):
    calls = []
    real = network.info_counts

    def counting(conn):
        calls.append(1)
        return real(conn)

    monkeypatch.setattr(network, "info_counts", counting)  # what GraphReader.info_counts asks
    first = write_api.get("/api/info").json()
    for _ in range(5):
        assert write_api.get("/api/info").json() == first
    assert len(calls) == 1
    r = write_api.post("/api/articles", headers=AUTH, json={
        "text": "Siemens und Bosch gründen ein Gemeinschaftsunternehmen für Robotik."})
    assert r.status_code == 201
    after = write_api.get("/api/info").json()
    assert after["articles"] == first["articles"] + 1 and len(calls) == 2
    assert after["cooperations"] == first["cooperations"] + 1


def test_info_counts_match_the_full_stats(seeds_db, tmp_path):
    """The lean counts of /api/info agree with the store's full statistics."""
    from koop.store import open_store

    store = open_store(copy_db(seeds_db, tmp_path / "s.db"), create=False)
    try:
        full = store.stats()
        with store.read() as conn:
            lean = queries.info_counts(conn)
    finally:
        store.close()
    assert lean == {k: full[k] for k in lean}
