"""Ingest: files, folders, WARC, URLs and feeds; idempotence, incremental re-runs,
near-duplicates, worker processes and crash safety (SIGKILL)."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import koop
from koop.statuses import STATUSES
from koop.cli import cli
from koop.io.web import FetchOptions

from http_helpers import LocalServer
from store_helpers import row_counts, rule_pipeline, snapshot
TESTS = Path(__file__).parent
RESOURCES = TESTS / "resources"
EXAMPLES = TESTS.parent / "examples"
SEEDS = TESTS.parent.parent / "shared" / "seeds"
# the test server listens on 127.0.0.1: loopback must be allowed explicitly (issue 6)
OFFLINE = FetchOptions(timeout=5, retries=0, per_host_delay=0, allow_private_urls=True)


@pytest.fixture
def corpus(tmp_path):
    """A folder with a .txt, an .html, a .jsonl (2 articles) and a .warc.gz (2 articles)."""
    folder = tmp_path / "corpus"
    shutil.copytree(RESOURCES / "articles", folder)
    shutil.copy(RESOURCES / "news.warc.gz", folder / "news.warc.gz")
    return folder


def test_ingest_folder_of_every_file_kind(corpus, tmp_path):
    with koop.open(tmp_path / "g.db") as g:
        report = g.ingest(corpus)
        assert (report.new, report.failed, report.duplicates) == (6, 0, 0)
        con = sqlite3.connect(tmp_path / "g.db")
        rows = dict(con.execute("SELECT key, url FROM articles"))
        assert set(rows) >= {"siemens-telekom.de", "bosch-basf.en", "sap-allianz",
                             "huawei-leica-ende"}
        assert "https://news.example/wirtschaft/bosch-basf.html" in rows.values()
        assert not any(u and ("logo.png" in u or "gone.html" in u) for u in rows.values())
        date, title = con.execute("SELECT date, title FROM articles WHERE key = 'bosch-basf.en'"
                                  ).fetchone()
        assert (date, title) == ("2023-11-02", "Bosch and BASF team up on battery recycling")


def test_ingesting_twice_leaves_row_counts_unchanged(corpus, tmp_path):
    db = tmp_path / "g.db"
    with koop.open(db) as g:
        g.ingest(corpus)
        before = row_counts(db)
        report = g.ingest(corpus)
    assert (report.new, report.unchanged_files) == (0, 4)
    assert row_counts(db) == before
    # the same inputs again under other names: stored once (same normalized text)
    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)
    with koop.open(db) as g:
        report = g.ingest(copy)
    assert (report.new, report.duplicates) == (0, 6)
    counts = row_counts(db)
    assert {k: v for k, v in counts.items() if k != "sources"} == \
        {k: v for k, v in before.items() if k != "sources"}


def test_rerun_processes_only_new_or_changed_files(corpus, tmp_path):
    db = tmp_path / "g.db"
    with koop.open(db) as g:
        g.ingest(corpus)
        (corpus / "new.de.txt").write_text("Allianz und BASF kooperieren bei Versicherungen für "
                                           "Chemieanlagen.", encoding="utf-8")
        changed = corpus / "siemens-telekom.de.txt"
        changed.write_text(changed.read_text(encoding="utf-8").replace("Partnerschaft",
                                                                       "Kooperation"))
        touched = corpus / "bosch-basf.en.html"
        os.utime(touched, ns=(time.time_ns(), time.time_ns() + 10**9))
        report = g.ingest(corpus)
        assert (report.new, report.replaced, report.unchanged_files) == (1, 1, 3)
        assert g.stats()["articles"] == 7
        # the touched file was remembered with its new mtime
        assert g.ingest(corpus).unchanged_files == 5


def test_near_duplicates_are_grouped_on_ingest(tmp_path):
    folder = tmp_path / "wire"
    folder.mkdir()
    story = ("Alpha und Beta kooperieren (announced).\nDie beiden Unternehmen aus Hamburg wollen "
             "gemeinsam Software für Häfen entwickeln und ab dem Sommer Kunden in ganz Europa "
             "beliefern. Ein Sprecher nannte keine finanziellen Details, sagte aber, dass die "
             "Zusammenarbeit zunächst auf drei Jahre angelegt sei und weitere Partner folgen "
             "könnten. Die Aktie von Alpha stieg am Nachmittag um zwei Prozent.")
    (folder / "agency.txt").write_text(story, encoding="utf-8")
    (folder / "outlet-a.txt").write_text("Hamburg (dpa)\n" + story.replace("am Nachmittag",
                                         "am Dienstagnachmittag"), encoding="utf-8")
    (folder / "outlet-b.txt").write_text(story.replace("zwei Prozent", "2 Prozent") + " Mehr "
                                         "dazu im Wirtschaftsteil.", encoding="utf-8")
    (folder / "own.txt").write_text("Alpha und Beta kooperieren (active).\nIm Gespräch erklärte "
                                    "die Chefin von Beta, wie die neue Partnerschaft mit Alpha "
                                    "im Alltag funktioniert.", encoding="utf-8")
    with koop.open(tmp_path / "g.db") as g:
        report = g.ingest(folder, pipeline_factory=rule_pipeline)
        assert (report.new, report.near_duplicates) == (4, 2)
        (v,) = g.cooperations()
        assert len(v.history) == 4 and v.sources == 2


def test_two_jobs_give_the_same_graph_as_one(corpus, tmp_path):
    with koop.open(tmp_path / "one.db") as g:
        g.ingest(corpus, jobs=1)
    with koop.open(tmp_path / "two.db") as g:
        report = g.ingest(corpus, jobs=2)
    assert report.new == 6
    assert snapshot(tmp_path / "one.db") == snapshot(tmp_path / "two.db")


def test_cli_ingest_with_progress_bar(corpus, tmp_path):
    res = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "c.db"),
                                   "--progress"])
    assert res.exit_code == 0, res.output
    assert "6 new" in res.stderr
    assert "6/6" in res.stderr and "article/s" in res.stderr
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope"), "--db",
                                   str(tmp_path / "c.db")])
    assert res.exit_code == 2 and "neither a file" in res.output


# -- HTTP: a local server started by the test ------------------------------------------

@pytest.fixture
def server():
    web = RESOURCES / "web"
    html = "text/html; charset=utf-8"
    with LocalServer() as local:
        base = local.base
        local.routes.update({
            "/wirtschaft/vw-bosch.html": (200, html, (web / "article.html").read_bytes(), {}),
            "/news/item-1.html": (200, html, (web / "item-1.html").read_bytes(), {}),
            "/news/item-2.html": (200, html, (web / "item-2.html").read_bytes(), {}),
            "/feed.rss": (200, "application/rss+xml",
                          (web / "feed.rss").read_text().replace("{base}", base).encode(), {}),
            "/big.html": (200, html, b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>", {}),
            "/loop": (302, "text/plain", b"", {"Location": "/loop"}),
            "/moved": (301, "text/plain", b"", {"Location": "/wirtschaft/vw-bosch.html"}),
        })
        yield base, local.hits


def test_ingest_url_from_local_server(server, tmp_path):
    base, hits = server
    url = f"{base}/wirtschaft/vw-bosch.html"
    with koop.open(tmp_path / "w.db") as g:
        report = g.ingest(url, fetch=OFFLINE)
        assert report.new == 1
        con = sqlite3.connect(tmp_path / "w.db")
        key, stored_url, title, date, text = con.execute(
            "SELECT key, url, title, date, text FROM articles").fetchone()
        assert (stored_url, date) == (url, "2023-03-14")
        assert title == "Volkswagen und Bosch gründen Gemeinschaftsunternehmen"
        assert "Gemeinschaftsunternehmen für die Ausrüstung" in text and "Impressum" not in text
        # stored once: neither the URL again nor a redirect to it adds anything
        again = g.ingest([url, f"{base}/moved"], fetch=OFFLINE)
        assert (again.new, again.duplicates) == (0, 2)
        assert hits["/wirtschaft/vw-bosch.html"] == 2  # the redirect's target, not the URL itself


def test_ingest_rss_feed_from_local_server(server, tmp_path):
    base, hits = server
    with koop.open(tmp_path / "f.db") as g:
        report = g.ingest(f"{base}/feed.rss", fetch=OFFLINE)
        assert (report.new, report.failed) == (3, 0)
        con = sqlite3.connect(tmp_path / "f.db")
        rows = {u: (t, d) for u, t, d in con.execute("SELECT url, title, date FROM articles")}
        assert rows[f"{base}/news/item-1.html"] == ("Sony and Honda form joint venture",
                                                    "2022-03-04")
        assert rows[f"{base}/news/item-2.html"][1] == "2023-06-06"   # relative link resolved
        assert rows[f"{base}/news/missing.html"][0] == "An item whose page is gone"
        assert "Renault" in con.execute("SELECT text FROM articles WHERE url LIKE '%missing%'"
                                        ).fetchone()[0]              # the feed's own copy
        before = dict(hits)
        again = g.ingest(f"{base}/feed.rss", fetch=OFFLINE)
        assert (again.new, again.duplicates) == (0, 3)
        new_hits = {k: v - before.get(k, 0) for k, v in hits.items()}
        assert {k: v for k, v in new_hits.items() if v} == {"/feed.rss": 1}  # no page refetched


def test_fetch_limits_size_and_redirects(server, tmp_path):
    base, _ = server
    opts = FetchOptions(timeout=5, retries=0, per_host_delay=0, max_bytes=100_000,
                        max_redirects=3, allow_private_urls=True)
    with koop.open(tmp_path / "l.db") as g:
        report = g.ingest([f"{base}/big.html", f"{base}/loop", f"{base}/nothing-here"],
                          fetch=opts)
    assert (report.new, report.failed) == (0, 3)


# -- crash safety --------------------------------------------------------------------

SCRIPT = '''
import sys, time
sys.path.insert(0, {tests!r})
import koop
from store_helpers import rule_stage
def slow():
    def stage(article):
        time.sleep(0.02)
        return rule_stage(article)
    return stage

koop.open(sys.argv[1]).ingest(sys.argv[2], pipeline_factory=slow)
'''

NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa",
         "Lambda", "Omikron"]
WORDS = ("Markt Kunde Strom Netz Werk Fabrik Software Daten Hafen Bahn Chip Sensor Kamera Akku "
         "Motor Lager Bank Fonds Preis Plan Ziel Jahr Woche Region Stadt Land Team Idee").split()


def _generate(folder: Path, n: int) -> None:
    import random

    rnd = random.Random(7)
    folder.mkdir()
    prev = None
    for i in range(n):
        if prev and i % 15 == 0:  # a lightly edited copy of the previous story
            text = prev + " Ergänzt um eine Zeile."
        else:
            a, b = rnd.sample(NAMES, 2)
            filler = " ".join(rnd.choice(WORDS) for _ in range(60))
            text = f"{a} und {b} kooperieren ({STATUSES[i % len(STATUSES)]}).\nBericht {i}: {filler}."
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
        prev = text


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_sigkill_mid_ingest_then_resume_equals_uninterrupted_run(tmp_path):
    n = 300
    folder = tmp_path / "many"
    _generate(folder, n)
    script = tmp_path / "run.py"
    script.write_text(SCRIPT.format(tests=str(TESTS)), encoding="utf-8")
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, str(script), str(db), str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _count(db) < 60 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "ingest finished before it could be killed: " + \
            proc.stderr.read().decode()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    committed = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 60 <= committed < n
    # every committed article is complete: its source file is marked done in the same commit
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == committed
    con.close()

    with koop.open(db) as g:  # resume
        report = g.ingest(folder, pipeline_factory=rule_pipeline)
    assert (report.unchanged_files, report.new) == (committed, n - committed)
    with koop.open(tmp_path / "clean.db") as g:  # uninterrupted
        clean = g.ingest(folder, pipeline_factory=rule_pipeline)
    assert clean.new == n and clean.near_duplicates == 19
    assert snapshot(db) == snapshot(tmp_path / "clean.db")


# -- end to end with the real extraction ------------------------------------------------

def test_end_to_end_examples(tmp_path):
    folder = EXAMPLES if EXAMPLES.is_dir() and any(EXAMPLES.iterdir()) else RESOURCES / "articles"
    with koop.open(tmp_path / "e2e.db") as g:
        report = g.ingest(folder)
        assert report.failed == 0 and report.new >= 3
        coops = g.cooperations()
        assert coops, "the examples state cooperations plainly"
        for v in coops:
            assert v.evidence and v.history and v.sources >= 1
            for party in v.parties:
                assert v.id in {c.id for c in g.show(party.name).cooperations}
        assert g.ingest(folder).new == 0


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not beside the project")
def test_ingest_seeds_acceptance(tmp_path):
    """Issue 3: after `koop ingest ../shared/seeds/`, `koop show Leica` lists its partners."""
    with koop.open(tmp_path / "seeds.db") as g:
        g.ingest(SEEDS)
        rows = {}
        for c in g.show("Leica").cooperations:
            rows[tuple(sorted(p.name for p in c.partners_of("leica-camera")))] = c
    assert rows[("Huawei",)].status == "active" and rows[("Huawei",)].since == "2016"
    assert rows[("Apple",)].status == "failed"
    assert rows[("Panasonic",)].since == "2000-08"
    assert ("Xiaomi",) in rows
    assert rows[("Panasonic", "Sigma")].since == "2018"
    assert all(c.evidence for c in rows.values())


@pytest.mark.issue(16)
def test_extract_and_ingest_read_the_same_files_of_a_folder(corpus, tmp_path):
    """One walk of the inputs (koop.io.files.iter_input_files): hidden files are passed
    over, WARC files read, and a feed is named by extract (E064), not silently dropped."""
    from koop.extraction import extract_paths

    hidden = corpus / ".drafts"
    hidden.mkdir()
    (hidden / "draft.txt").write_text("Alpha und Beta kooperieren (talks).", encoding="utf-8")
    (corpus / "notes.xml").write_text("<notes><n>no feed</n></notes>", encoding="utf-8")
    issues = []
    extracted = sorted(a.id for a in extract_paths([str(corpus)], issues=issues.append))
    with koop.open(tmp_path / "g.db") as g:
        report = g.ingest(corpus, pipeline_factory=rule_pipeline)
        with g.reader() as r:
            total, rows = r.list_articles(limit=100)
    assert report.issues == [] and issues == []
    assert sorted(row["id"] for row in rows) == extracted and total == len(extracted) == 6
    (corpus / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>t'
        '</title><link>https://news.example/a</link></item></channel></rss>', encoding="utf-8")
    issues = []
    assert sorted(a.id for a in extract_paths([str(corpus)], issues=issues.append)) == extracted
    assert [(i.input, i.code) for i in issues] == [(str(corpus / "feed.rss"), "E064")]
