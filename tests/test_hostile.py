"""Issue 6: hostile content is stored and shown as text; exports stay inside the chosen
path; URL ingest refuses private and loopback addresses unless allowed."""
from __future__ import annotations

import csv
import io
import ipaddress
import json
import re
import socket
import sqlite3

import networkx as nx
import pytest
from click.testing import CliRunner

import koop
from koop.article import Article, Cooperation, Mention, Person
from koop.cli import EXIT_SKIPPED, cli
from koop.errors import KoopError
from koop.export import safe_child
from koop.io.content import printable
from koop.io.web import Fetcher, FetchOptions, address_kind

from http_helpers import HTML, LocalServer

HOSTILE = [
    "Robert'); DROP TABLE articles;-- GmbH",
    "<script>alert('x')</script><img src=x onerror=alert(1)> AG",
    "$(rm -rf ~) & `reboot` | tee /etc/passwd Ltd",
    "[bold red]Markup[/] :thumbs_up: [link=https://evil.example]SE[/link]",
    "../../etc/passwd Holding",
    "ANSI \x1b[2J\x1b[31mRot\x1b[0m\r Corp",
    "%s %d {0} {name} \\N \\x00 Inc",
    "Ω≈ç√ 田中さん \u202eRTL override\u202c KG",
]
FRAGMENT = {  # a search text that finds each name
    HOSTILE[0]: "DROP TABLE", HOSTILE[1]: "script", HOSTILE[2]: "reboot",
    HOSTILE[3]: "Markup", HOSTILE[4]: "passwd Holding", HOSTILE[5]: "ANSI",
    HOSTILE[6]: "name", HOSTILE[7]: "田中",
}
PARTNER = re.compile(r"^PARTNER: (.+)$", re.M)


def hostile_pipeline():
    """Extraction for the test: each pair of "PARTNER: name" lines cooperates."""
    def stage(article: Article) -> Article:
        found = list(PARTNER.finditer(article.text))
        for a, b in zip(found[::2], found[1::2]):
            article.cooperations.append(Cooperation(
                [a[1], b[1]], "active", evidence=[f"{a[0]} / {b[0]}"], party_ids=[None, None]))
            for m in (a, b):
                article.mentions.append(Mention(m.start(1), m.end(1), "ORG", m[1]))
        article.people.append(Person(f"{found[0][1]} Sprecher", org=found[0][1], role="CEO"))
        return article
    return stage


@pytest.fixture
def hostile_db(tmp_path):
    text = "Hostile names\n" + "".join(f"PARTNER: {n}\n" for n in HOSTILE)
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps({"id": "hostile; rm -rf /", "title": "<b>title</b>",
                                "url": "https://x.example/?q=';--", "text": text}) + "\n",
                    encoding="utf-8")
    db = tmp_path / "hostile.db"
    with koop.open(db) as g:
        report = g.ingest(path, pipeline_factory=hostile_pipeline)
    assert report.new == 1 and report.failed == 0
    return db


def _cli(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.issue(6)
def test_hostile_names_are_stored_verbatim(hostile_db):
    con = sqlite3.connect(hostile_db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "organizations", "cooperations"} <= tables
    names = {n for (n,) in con.execute("SELECT name FROM organizations")}
    assert names == set(HOSTILE)
    key, url, title = con.execute("SELECT key, url, title FROM articles").fetchone()
    assert (key, url, title) == ("hostile; rm -rf /", "https://x.example/?q=';--", "<b>title</b>")
    evidence = {t for (t,) in con.execute("SELECT text FROM evidence")}
    assert f"PARTNER: {HOSTILE[0]} / PARTNER: {HOSTILE[1]}" in evidence


@pytest.mark.issue(6)
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_shown_as_text(hostile_db, name):
    res = _cli("search", FRAGMENT[name], "--db", hostile_db)
    assert res.exit_code == 0, res.output
    shown = printable(name)
    assert shown in res.output  # markup, emoji codes and links are not interpreted
    assert "\x1b" not in res.output and "\u202e" not in res.output and "\r" not in res.output
    res = _cli("show", name, "--db", hostile_db, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["org"]["name"] == name  # JSON carries the name exactly, escaped as JSON does
    res = _cli("show", name, "--db", hostile_db)
    assert res.exit_code == 0 and "\x1b" not in res.output
    assert "cooperation" in res.output


def test_markup_in_a_name_is_not_rendered(hostile_db):
    res = _cli("partners", HOSTILE[2], "--db", hostile_db)
    assert res.exit_code == 0
    assert "[bold red]Markup[/]" in res.output and ":thumbs_up:" in res.output
    assert "\N{THUMBS UP SIGN}" not in res.output


def test_pretty_output_escapes_control_characters():
    from koop.render import render_pretty

    a = Article(id="a\x1b[2J", text="x", lang="de", title="\x1b]8;;https://evil.example\x07Klick")
    a.cooperations = [Cooperation(["Siemens", "Bosch\u202e"], "active",
                                  evidence=["Siemens \x1b[31mund\x1b[0m Bosch\r kooperieren."])]
    out = render_pretty(a)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", out)
    assert "Siemens \\x1b[31mund\\x1b[0m Bosch\\r kooperieren." in out
    assert "== a\\x1b[2J" in out and "Bosch\\u202e" in out


def test_exports_carry_hostile_names(hostile_db, tmp_path):
    with koop.open(hostile_db) as g:
        data = json.loads(g.export("json"))
        assert {o["name"] for o in data["organizations"]} == set(HOSTILE)
        rows = list(csv.DictReader(io.StringIO(g.export("csv"))))
        assert {r["source_name"] for r in rows} | {r["target_name"] for r in rows} == set(HOSTILE)
        ld = json.loads(g.export("jsonld"))
        assert {n["name"] for n in ld["@graph"] if n.get("@type") == "Organization"} == \
            set(HOSTILE)
        g.export("graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")  # control characters would break XML
    names = {d["name"] for _, d in graph.nodes(data=True)}
    assert names == {re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", n) for n in HOSTILE}


# -- exports stay inside the chosen path -------------------------------------------------

@pytest.mark.parametrize("name", ["../nodes.csv", "a/b.csv", "/etc/passwd", "..", ".", "",
                                  "x\x00.csv", "..\\x.csv"])
def test_safe_child_refuses_names_that_leave_the_folder(tmp_path, name):
    with pytest.raises(KoopError) as e:
        safe_child(tmp_path, name)
    assert e.value.code == "E018"


def test_csv_folder_with_a_symlink_out_is_refused(leica_graph, tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "nodes.csv").symlink_to(outside)
    res = _cli("export", "--db", tmp_path / "graph.db", "--format", "csv", "-o", f"{folder}/")
    assert res.exit_code == 1 and "E018" in res.output and "symlink" in res.output
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_a_symlink_at_the_output_path_is_replaced_not_followed(leica_graph, tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    target = tmp_path / "graph.json"
    target.symlink_to(outside)
    leica_graph.export("json", target)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not target.is_symlink() and json.loads(target.read_text(encoding="utf-8"))
    inside = tmp_path / "out"
    inside.mkdir()
    (inside / "edges.csv").symlink_to(inside / "old.csv")  # a link inside the folder is replaced
    leica_graph.export("csv", f"{inside}/")
    assert not (inside / "edges.csv").is_symlink() and not (inside / "old.csv").exists()


def test_a_failed_export_leaves_the_old_file_and_no_partial_one(leica_graph, tmp_path,
                                                               monkeypatch):
    from koop import export

    path = tmp_path / "graph.json"
    path.write_text("old export", encoding="utf-8")

    def broken(data, out):
        out.write('{"half": ')
        raise RuntimeError("disk full")

    monkeypatch.setitem(export.EXPORTERS, "json", broken)
    with pytest.raises(RuntimeError):
        leica_graph.export("json", path)
    assert path.read_text(encoding="utf-8") == "old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.db", "graph.db-shm",
                                                          "graph.db-wal", "graph.json"]


def test_export_to_a_folder_is_refused_for_single_file_formats(leica_graph, tmp_path):
    with pytest.raises(KoopError) as e:
        leica_graph.export("graphml", tmp_path)
    assert e.value.code == "E018"


# -- private addresses --------------------------------------------------------------------

@pytest.mark.parametrize("address,kind", [
    ("127.0.0.1", "loopback"), ("127.1.2.3", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
    ("fc00::1", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"), ("ff02::1", "multicast"), ("0.0.0.0", "unspecified"),
    ("240.0.0.1", "reserved"), ("100.64.0.1", "non-public"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
    ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
    ("8.8.8.8", None), ("93.184.216.34", None), ("2001:4860:4860::8888", None),
])
def test_address_kind(address, kind):
    assert address_kind(ipaddress.ip_address(address)) == kind


@pytest.fixture
def web():
    with LocalServer() as server:
        page = (b"<html><head><title>Alpha und Beta kooperieren</title></head><body><article>"
                b"<p>" + b"Alpha und Beta wollen gemeinsam Software entwickeln. " * 5 +
                b"</p></article></body></html>")
        server.routes.update({
            "/page": (200, HTML, page, {}),
            "/to-127-0-0-2": (302, "text/plain", b"", {
                "Location": f"http://127.0.0.2:{server.httpd.server_address[1]}/page"}),
            "/to-metadata": (301, "text/plain", b"", {
                "Location": "http://169.254.169.254/latest/meta-data/"}),
        })
        yield server


def _get(url, **options):
    opts = FetchOptions(timeout=5, retries=0, per_host_delay=0, **options)
    with Fetcher(opts) as f:
        return f.get(url)


@pytest.mark.issue(6)
def test_loopback_is_refused_by_default(web, monkeypatch):
    monkeypatch.delenv("KOOP_ALLOW_PRIVATE_URLS", raising=False)
    monkeypatch.delenv("KOOP_ALLOWED_NETWORKS", raising=False)
    with pytest.raises(KoopError) as e:
        _get(f"{web.base}/page")
    assert e.value.code == "E017" and "127.0.0.1" in e.value.reason
    with pytest.raises(KoopError) as e:
        _get(f"http://localhost:{web.httpd.server_address[1]}/page")
    assert e.value.code == "E017" and "loopback" in e.value.reason
    assert web.hits == {}  # nothing reached the server


def test_loopback_when_allowed(web):
    assert _get(f"{web.base}/page", allow_private_urls=True).status == 200
    assert _get(f"{web.base}/page", allowed_networks=("127.0.0.1/32",)).status == 200
    assert web.hits["/page"] == 2


@pytest.mark.parametrize("path,refused", [("/to-127-0-0-2", "127.0.0.2"),
                                          ("/to-metadata", "169.254.169.254")])
def test_every_redirect_is_checked(web, path, refused):
    with pytest.raises(KoopError) as e:
        _get(f"{web.base}{path}", allowed_networks=("127.0.0.1/32",))
    assert e.value.code == "E017" and refused in e.value.reason
    assert web.hits == {path: 1}


def test_a_host_that_changes_its_address_after_the_check_is_refused(web, monkeypatch):
    """DNS rebinding: public for the check, loopback for the connection."""
    real = socket.getaddrinfo
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(KoopError) as e:
        _get(f"http://rebind.test:{web.httpd.server_address[1]}/page")
    assert e.value.code == "E017" and "127.0.0.1" in e.value.reason
    assert web.hits == {}


def test_cli_refuses_loopback_unless_allowed(web, tmp_path, monkeypatch):
    monkeypatch.delenv("KOOP_ALLOW_PRIVATE_URLS", raising=False)
    url = f"{web.base}/page"
    common = ["--db", tmp_path / "a.db", "--retries", "0", "--delay", "0", "--timeout", "5"]
    res = _cli("ingest", url, *common)
    assert res.exit_code == EXIT_SKIPPED
    assert res.stderr.splitlines()[0] == (
        f"{url}: refused to connect to 127.0.0.1 (127.0.0.1, a loopback address); allow it "
        "with --allow-private-urls or --allow-network (E017)")
    res = _cli("ingest", url, *common, "--allow-private-urls")
    assert res.exit_code == 0 and res.stderr.startswith("1 new")
    monkeypatch.setenv("KOOP_ALLOW_PRIVATE_URLS", "1")
    common[1] = tmp_path / "b.db"
    res = _cli("ingest", url, *common, "--refuse-private-urls")
    assert res.exit_code == EXIT_SKIPPED and "(E017)" in res.stderr
    res = _cli("ingest", url, *common)
    assert res.exit_code == 0 and res.stderr.startswith("1 new")
    assert web.hits["/page"] == 2


def test_feed_items_pointing_inside_are_refused(web, tmp_path, monkeypatch):
    monkeypatch.delenv("KOOP_ALLOW_PRIVATE_URLS", raising=False)
    feed = tmp_path / "inside.rss"
    feed.write_text(f'<rss version="2.0"><channel><item><title>t</title><link>{web.base}/page'
                    "</link></item><item><title>u</title><link>http://[::1]:9/x</link>"
                    "<description>Die Kopie im Feed: Alpha und Beta kooperieren.</description>"
                    "</item></channel></rss>", encoding="utf-8")
    with koop.open(tmp_path / "f.db") as g:
        report = g.ingest(feed, fetch=FetchOptions(retries=0, per_host_delay=0))
    # the first item is refused; the second falls back to the feed's own copy
    assert [(i.input, i.code) for i in report.issues] == [(f"{web.base}/page", "E017")]
    assert report.new == 1 and web.hits == {}
