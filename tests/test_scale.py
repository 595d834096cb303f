"""Issue 5: ingestion on a Dask cluster and concurrent writers on PostgreSQL.

A real PostgreSQL server (conftest.py) and a real Dask cluster of two worker
processes: the same articles ingested by one process into SQLite, by one
process into PostgreSQL and through Dask into PostgreSQL give identical
graphs, and two ingests writing into one PostgreSQL database at once store
nothing twice.
"""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import koop
from koop.cli import cli

from store_helpers import graph_dump, rule_pipeline

pytestmark = [pytest.mark.issue(5)]
TESTS = Path(__file__).parent
RESOURCES = TESTS / "resources"
EXAMPLES = TESTS.parent / "examples"

COMPANIES = ["Siemens", "SAP", "BASF", "Bosch", "Allianz", "Deutsche Telekom", "Volkswagen",
             "BMW", "Bayer", "Lufthansa", "Microsoft", "Apple", "Samsung", "Sony", "Panasonic",
             "Leica", "Huawei", "Infineon", "Airbus", "Continental"]
CITIES = ["Berlin", "München", "Hamburg", "Stuttgart", "Köln"]
FIELDS_DE = ["Cloud-Software", "Batteriezellen", "Halbleiter", "Wasserstoff", "Logistik"]
FIELDS_EN = ["cloud software", "battery cells", "chips", "hydrogen", "logistics"]


def _story(i: int, rnd: random.Random) -> str:
    a, b = rnd.sample(COMPANIES, 2)
    if i % 2:
        field = rnd.choice(FIELDS_EN)
        return (f"{a} and {b} team up on {field}\n\nLondon, May {i + 1}, 2023. {a} and {b} "
                f"have agreed a partnership in {field}. The two companies will develop new "
                f"products together. \"This is an important step for us,\" said {b} chief "
                f"executive Anna Miller. Financial terms were not disclosed. Report {i}.")
    field = rnd.choice(FIELDS_DE)
    return (f"{a} und {b} vereinbaren Partnerschaft\n\n{rnd.choice(CITIES)}, {i + 1}. März "
            f"2022. {a} und {b} haben eine Partnerschaft im Bereich {field} vereinbart. Die "
            f"beiden Unternehmen wollen gemeinsam neue Produkte entwickeln. {a}-Chef Thomas "
            f"Weber sprach von einem wichtigen Schritt. Finanzielle Details nannten die "
            f"Unternehmen nicht. Bericht {i}.")


def _write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    """A .warc.gz of HTML responses (and one image, which is not an article)."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        for k, (url, text) in enumerate(pages):
            title, _, body = text.partition("\n\n")
            html = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                    f"<p>{body}</p></article></body></html>").encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.0")
            w.write_record(w.create_warc_record(url, "response", payload=BytesIO(html),
                                                http_headers=headers))
            if k == 1:
                img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")],
                                       protocol="HTTP/1.0")
                w.write_record(w.create_warc_record("https://wire.example/logo.png", "response",
                                                    payload=BytesIO(b"\x89PNG...."),
                                                    http_headers=img))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """About 40 articles of every input kind: .txt, .html, two JSONL files (one long
    enough to be cut into shards, with an exact and a near-duplicate, a broken line
    and an empty text) and two WARC files (one cut into shards)."""
    folder = tmp_path_factory.mktemp("scale") / "corpus"
    shutil.copytree(RESOURCES / "articles", folder / "articles")
    if EXAMPLES.is_dir():
        shutil.copytree(EXAMPLES, folder / "examples")
    shutil.copy(RESOURCES / "news.warc.gz", folder / "news.warc.gz")
    rnd = random.Random(5)
    stories = [_story(i, rnd) for i in range(30)]
    lines = [json.dumps({"id": f"wire-{i}", "text": t, "date": "2023-06-01"}, ensure_ascii=False)
             for i, t in enumerate(stories[:18])]
    lines.insert(5, json.dumps({"id": "copy-of-2", "text": stories[2]}))        # exact duplicate
    lines.insert(9, json.dumps({"id": "edited-3", "text": "Exklusiv: " + stories[3]}))
    lines.insert(12, "{broken json")
    lines.insert(14, json.dumps({"id": "empty", "text": "   "}))
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_warc(folder / "crawl.warc.gz",
                [(f"https://wire.example/news/{i}.html", t) for i, t in enumerate(stories[18:])])
    return folder


@pytest.fixture(scope="session")
def dask_scheduler():
    """A local Dask cluster of two single-threaded worker processes (TCP address)."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=":0")
    yield cluster.scheduler_address
    cluster.close()


def _counts(report) -> tuple:
    return (report.new, report.replaced, report.duplicates, report.near_duplicates,
            report.failed, report.cooperations, sorted(i.line() for i in report.issues))


# -- sharding (no cluster needed) ----------------------------------------------------------

def test_shards_read_the_same_articles_as_whole_files(corpus, tmp_path):
    from koop.ingest import IngestOptions, IngestReport
    from koop.ingest.dask_parts import _piece_articles, partition
    from koop.ingest.plan import plan_inputs
    from koop.ingest.read import unit_articles
    from koop.io.web import Fetcher, FetchOptions

    def key(a):
        return (a.id, a.text, a.url, a.date, a.title, a.source)

    options = IngestOptions(batch_size=3)
    whole_issues, shard_issues = [], []
    with koop.open(tmp_path / "plan.db") as g, Fetcher(FetchOptions()) as fetcher:
        units = plan_inputs(g.store, [str(corpus)], fetcher, IngestReport())
        whole = [key(a) for u in units for a in unit_articles(u, fetcher, whole_issues.append)]
        parts = list(partition(units, fetcher, options, IngestReport()))
    pieces = [p for part in parts for p in part]
    assert {p.kind for p in pieces} == {"jsonl", "warc", "file"}
    assert sum(p.kind == "jsonl" for p in pieces) >= 7 and sum(p.kind == "warc" for p in pieces) >= 4
    assert [key(a) for p in pieces for a in _piece_articles(p, shard_issues.append)] == whole
    assert shard_issues == whole_issues and len(whole_issues) == 2  # line 13 and 15 of wire.jsonl
    assert all(sum(p.size for p in part) <= 3 or len(part) == 1 for part in parts)


def test_scheduler_addresses():
    from koop.errors import KoopError
    from koop.ingest.dask_cluster import parse_scheduler

    assert parse_scheduler("local:3") == ("local", 3)
    assert parse_scheduler("local")[0] == "local"
    assert parse_scheduler("tcp://10.0.0.5:8786") == ("address", None)
    for bad in ("local:0", "8786", "http://x:8786", "local:two"):
        with pytest.raises(KoopError) as e:
            parse_scheduler(bad)
        assert e.value.code == "E070"


# -- the same graph three ways -------------------------------------------------------------

@pytest.mark.postgres
@pytest.mark.dask
def test_sqlite_postgres_and_dask_give_identical_graphs(corpus, pg_url, dask_scheduler,
                                                        tmp_path):
    from postgres_server import reset_database

    with koop.open(tmp_path / "single.db") as g:            # (a) SQLite, one process
        single = g.ingest(corpus)
    expected = graph_dump(tmp_path / "single.db")
    assert single.new >= 35 and single.duplicates == 1 and single.near_duplicates >= 1
    assert single.failed == 2 and len(expected["cooperations"]) >= 15

    with koop.open(pg_url) as g:                             # (b) PostgreSQL, one process
        assert _counts(g.ingest(corpus)) == _counts(single)
    assert graph_dump(pg_url) == expected

    reset_database(pg_url)
    with koop.open(pg_url) as g:                             # (c) PostgreSQL through Dask
        report = g.ingest(corpus, scheduler=dask_scheduler, batch_size=3)
        assert _counts(report) == _counts(single)
        assert graph_dump(pg_url) == expected
        again = g.ingest(corpus, scheduler=dask_scheduler, batch_size=3)
    assert (again.new, again.unchanged_files) == (0, single_files(corpus))
    assert graph_dump(pg_url) == expected

    with koop.open(tmp_path / "dask.db") as g:               # and SQLite through Dask
        assert _counts(g.ingest(corpus, scheduler=dask_scheduler)) == _counts(single)
    assert graph_dump(tmp_path / "dask.db") == expected


def single_files(corpus: Path) -> int:
    return sum(1 for p in corpus.rglob("*") if p.is_file())


# -- concurrent writers --------------------------------------------------------------------

SCRIPT = '''
import os, sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
import koop
from store_helpers import rule_stage

def pipeline():
    def stage(article):
        time.sleep(0.005)
        return rule_stage(article)
    return stage

barrier, files = Path(sys.argv[2]), sys.argv[3:]
with koop.open(sys.argv[1]) as g:  # both open (and migrate) an empty database at once
    (barrier / str(os.getpid())).touch()
    deadline = time.monotonic() + 60
    while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    r = g.ingest(files, pipeline_factory=pipeline)
print(r.new, r.duplicates, r.failed)
'''


@pytest.mark.postgres
def test_two_ingests_at_once_store_nothing_twice(pg_url, tmp_path):
    """Both start on an empty database (so both migrate it), one reads the files
    forwards and one backwards: every article, organization, cooperation and person
    is stored once, as one ingest of the files would store them, with the same
    display names although the files spell them differently."""
    from test_ingest import _generate

    folder = tmp_path / "many"
    _generate(folder, 120)
    files = sorted(str(p) for p in folder.iterdir())
    for path in files[1::3]:  # issue 14: spelling variants ("ALPHA" / "Alpha") of one org id
        p = Path(path)
        head, rest = p.read_text(encoding="utf-8").split(" und ", 1)
        p.write_text(head.upper() + " und " + rest, encoding="utf-8")
    script = tmp_path / "run.py"
    script.write_text(SCRIPT.format(tests=str(TESTS)), encoding="utf-8")
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    procs = [subprocess.Popen([sys.executable, str(script), pg_url, str(barrier), *order],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for order in (files, files[::-1])]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    new = [int(out.split()[0]) for out, _ in outs]
    dups = [int(out.split()[1]) for out, _ in outs]
    assert sum(new) == 120 and sum(dups) == 120 and min(new) > 0  # both wrote

    with koop.open(tmp_path / "serial.db") as g:
        g.ingest(files, pipeline_factory=rule_pipeline)
    serial, both = graph_dump(tmp_path / "serial.db"), graph_dump(pg_url)
    for table in ("organizations", "cooperations", "cooperation_parties", "observations",
                  "evidence", "org_mentions", "people", "person_mentions", "quotes"):
        assert both[table] == serial[table], table
    assert [a[:8] for a in both["articles"]] == [a[:8] for a in serial["articles"]]
    # display names do not depend on which writer came first (issue 14)
    assert both["aliases"] == serial["aliases"]
    assert all(name == name.capitalize() for _, name, _ in both["organizations"])
    # copies of a story were grouped as one writer groups them (whoever came first)
    assert _groups(both) == _groups(serial)
    engine = sa.create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM (SELECT text_hash FROM articles "
                                    "GROUP BY text_hash HAVING count(*) > 1) d").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM meta").scalar() == 1
    engine.dispose()


def _groups(dump: dict) -> set:
    groups: dict = {}
    for a in dump["articles"]:
        groups.setdefault(a[9], set()).add(a[0])
    return {frozenset(g) for g in groups.values()}


# -- the command line ----------------------------------------------------------------------

@pytest.mark.postgres
@pytest.mark.dask
def test_cli_ingest_on_a_local_cluster(pg_url):
    res = CliRunner().invoke(cli, ["ingest", str(RESOURCES / "articles"), "--db", pg_url,
                                   "--scheduler", "local:1", "--no-progress"])
    assert res.exit_code == 0, res.output
    assert "4 new" in res.stderr
    res = CliRunner().invoke(cli, ["ingest", str(RESOURCES / "articles"), "--scheduler", "x"])
    assert res.exit_code == 2 and "local:N" in res.output
    res = CliRunner().invoke(cli, ["ingest", str(RESOURCES / "articles"), "-j", "2",
                                   "--scheduler", "local:2"])
    assert res.exit_code == 2 and "either -j" in res.output


# -- resuming and relative paths on a cluster (issue 14) ---------------------------------------

def _wire_lines(n: int) -> list[str]:
    return [json.dumps({"id": f"w{i}", "text": f"Alpha und Beta kooperieren (active).\n"
                                               f"Meldung {i}: {' '.join(['Markt'] * (i % 7))} "
                                               f"Nummer {i * 7919}."}) for i in range(n)]


@pytest.mark.dask
def test_a_dask_resume_extracts_only_what_is_not_stored(tmp_path):
    """The stored texts are skipped before extraction, on the workers too: a file
    whose first 30 articles were stored (a killed ingest) costs 10 extractions."""
    from functools import partial

    from store_helpers import counting_pipeline

    log = tmp_path / "extracted.txt"
    src = tmp_path / "wire.jsonl"
    lines = _wire_lines(40)
    src.write_text("\n".join(lines[:30]) + "\n", encoding="utf-8")
    factory = partial(counting_pipeline, str(log))
    with koop.open(tmp_path / "g.db") as g:
        first = g.ingest(src, scheduler="local:1", batch_size=8, pipeline_factory=factory)
        assert (first.new, len(log.read_text().split())) == (30, 30)
        src.write_text("\n".join(lines) + "\n", encoding="utf-8")  # the whole file this time
        again = g.ingest(src, scheduler="local:1", batch_size=8, pipeline_factory=factory)
    assert (again.new, again.duplicates, again.failed) == (10, 30, 0)
    assert sorted(log.read_text().split()[30:]) == sorted(f"w{i}" for i in range(30, 40))


def test_a_worker_false_match_is_extracted_on_the_client(tmp_path):
    """A text the workers took for stored (a 64-bit prefix match) that is not stored
    is extracted and written by the client: nothing is lost."""
    from koop.ingest import IngestReport
    from koop.ingest.dask_executor import _PartWriter
    from koop.ingest.extract import article_task
    from koop.ingest.plan import Unit
    from koop.article import Article
    from koop.store.names import text_hash

    a = Article(id="x", text="Alpha und Beta kooperieren (active).")
    result = {"issues": [], "failed": {}, "warnings": [], "pieces": [{"unit": 0, "last": True, "items": [
        {"hash": text_hash(a.text), "url": None, "stored": True,
         "task": article_task(a, None, "in.jsonl")}]}]}
    report = IngestReport()
    with koop.open(tmp_path / "g.db") as g:
        _PartWriter(g.store, [Unit("stdin", "-")], report, rule_pipeline).write(result)
        assert [v.key for v in g.cooperations()] == ["alpha|beta"]
    assert (report.new, report.cooperations) == (1, 1)


def test_an_unreadable_input_is_reported_once_not_once_per_piece(tmp_path):
    from koop.errors import Issue
    from koop.ingest import IngestReport
    from koop.ingest.dask_executor import _PartWriter
    from koop.ingest.plan import Unit

    issue = Issue("in/big.jsonl", "E010", "cannot read: No such file or directory")
    report = IngestReport()
    with koop.open(tmp_path / "g.db") as g:
        writer = _PartWriter(g.store, [Unit("file", "in/big.jsonl")], report)
        for last in (False, False, True):  # three parts of one file, each failing
            writer.write({"issues": [], "failed": {0: issue}, "warnings": [],
                          "pieces": [{"unit": 0, "last": last, "items": []}]})
    assert report.issues == [issue] and report.failed == 1


@pytest.mark.dask
def test_relative_paths_work_on_a_tcp_cluster_from_another_folder(tmp_path, dask_scheduler,
                                                                  monkeypatch):
    """The workers started in another folder; the client resolves the paths."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.jsonl").write_text("\n".join(_wire_lines(20)) + "\n", encoding="utf-8")
    (folder / "one.txt").write_text("Gamma und Delta kooperieren (talks).\nText.",
                                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with koop.open(tmp_path / "g.db") as g:
        report = g.ingest(["in/wire.jsonl", "in/one.txt"], scheduler=dask_scheduler,
                          batch_size=6, pipeline_factory=rule_pipeline)
        sources = {s for s in g.store.source_states()}
    assert (report.new, report.failed, report.issues) == (21, 0, [])
    assert sources == {str(folder / "wire.jsonl"), str(folder / "one.txt")}
