"""Scale-out benchmark: articles/s of one process and of 1 and 2 Dask workers, and
what one article costs to extract and to write.

Generates N German and English news articles (bench/ingest.py's generator:
~1,600 characters each, every one stating a cooperation, one in ten a lightly
edited copy of another) as JSONL files of 100 lines, then in one run:

1. ingests them with one process into SQLite and into PostgreSQL;
2. ingests them through a local Dask cluster of 1 and then 2 worker
   processes (one thread each) into PostgreSQL; the cluster is started
   before the clock starts (a cluster normally runs already), the workers'
   pipelines are built inside the timed run (as a single process builds its own);
3. splits the cost of one article: extraction (the default pipeline, one
   core, in this process) and writing (``write_record`` of the extracted
   records into fresh SQLite and PostgreSQL databases, one transaction each,
   and in batches of 32 as the Dask client writes).

PostgreSQL is a throw-away server started from Debian's binaries (as the tests
do; fsync on) unless ``--db-url`` names a scratch database (its koop tables are
dropped). Every database is checked to hold the same graph.

    python bench/scale.py            # N = 300, about 3 minutes on 2 cores
    python bench/scale.py --n 1000
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import koop  # noqa: E402


def _bench_ingest():
    spec = importlib.util.spec_from_file_location("bench_ingest", ROOT / "bench" / "ingest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def generate_jsonl(folder: Path, n: int) -> int:
    """N generated articles as JSONL files of 100 lines. RETURNS the number of files."""
    txt = folder / "txt"
    txt.mkdir()
    _bench_ingest().generate(txt, n)
    files = sorted(txt.iterdir())
    out = folder / "articles"
    out.mkdir()
    for k in range(0, len(files), 100):
        with (out / f"shard-{k // 100:04d}.jsonl").open("w", encoding="utf-8") as f:
            for p in files[k:k + 100]:
                f.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")},
                                   ensure_ascii=False) + "\n")
    return (len(files) + 99) // 100


def fresh_pg(url: str) -> str:
    from postgres_server import reset_database

    reset_database(url)
    return url


def run_ingest(db, folder: Path, scheduler: str | None = None):
    with koop.open(db) as g:
        report = g.ingest(folder, scheduler=scheduler)
    return report


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _per_article(start: tuple[float, float], n: int) -> tuple[float, float]:
    """(wall, CPU of this process) milliseconds per article since ``start``."""
    wall, cpu = _clock()
    return (wall - start[0]) / n * 1000, (cpu - start[1]) / n * 1000


def cost_split(folder: Path, pg_url: str | None, tmp: Path) -> dict:
    """Milliseconds per article (wall, CPU): extraction, and writing to SQLite / PostgreSQL
    one transaction per article and in batches of 32 (as the Dask client writes)."""
    from koop.io.files import iter_input_files, read_file
    from koop.pipeline.runner import default_pipeline
    from koop.store import open_store, record_from_article
    from koop.store.writer import write_record

    articles = [a for f in iter_input_files([folder]) for a in read_file(f)]
    pipeline = default_pipeline()
    pipeline(koop.Article(id="warm-up", text=articles[0].text))  # load models and the KB
    start = _clock()
    records = [record_from_article(pipeline(a), a.source) for a in articles]
    out = {"articles": len(records), "extraction": _per_article(start, len(records))}
    targets = [("SQLite", tmp / "write-1.db", tmp / "write-32.db")]
    if pg_url:
        targets.append(("PostgreSQL", pg_url, pg_url))
    for name, one_db, batch_db in targets:
        for label, db, batch in ((f"write {name}, 1 per transaction", one_db, 1),
                                 (f"write {name}, 32 per transaction", batch_db, 32)):
            if name == "PostgreSQL":
                fresh_pg(pg_url)
            with open_store(db) as store:
                backend = _backend_pid(store)
                server0 = _cpu_seconds(backend)
                start = _clock()
                for k in range(0, len(records), batch):
                    store.run_write(lambda conn: [write_record(conn, r)
                                                  for r in records[k:k + batch]])
                out[label] = _per_article(start, len(records))
                if server0 is not None and _backend_pid(store) == backend:
                    server = (_cpu_seconds(backend) - server0) / len(records) * 1000
                    out[f"  its PostgreSQL server process ({batch} per transaction)"] = \
                        (float("nan"), server)
    return out


def _backend_pid(store) -> int | None:
    """The server process behind the pooled connection (PostgreSQL only)."""
    if store.dialect != "postgresql":
        return None
    with store.read() as conn:
        return conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()


def _cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU seconds of a local process (None if not readable here)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles to generate (default 300)")
    ap.add_argument("--db-url", default=None,
                    help="a scratch PostgreSQL database (default: start a throw-away server)")
    args = ap.parse_args()

    import logging

    from distributed import LocalCluster
    from store_helpers import graph_dump

    logging.getLogger("distributed").setLevel(logging.ERROR)
    server = None
    pg_url = args.db_url
    if pg_url is None:
        from postgres_server import PostgresServer, find_bindir

        if find_bindir() is not None:
            server = PostgresServer(fast=False).start()
            pg_url = server.url
        else:
            print("PostgreSQL server binaries not found: SQLite only", file=sys.stderr)
    try:
        with tempfile.TemporaryDirectory(prefix="koop-scale-") as tmp:
            tmp = Path(tmp)
            n_files = generate_jsonl(tmp, args.n)
            folder = tmp / "articles"
            print(f"koop {koop.__version__}: {args.n} generated articles (de/en, ~1.6k chars, "
                  f"10% near-duplicates) in {n_files} JSONL files; {os.cpu_count()} cores, "
                  f"load average {os.getloadavg()[0]:.1f} at the start")
            rows, dumps = [], []

            def record(label, db, report):
                rows.append((label, report))
                dumps.append(graph_dump(db))

            r = run_ingest(tmp / "single.db", folder)
            record("single process -> SQLite", tmp / "single.db", r)
            if pg_url:
                r = run_ingest(fresh_pg(pg_url), folder)
                record("single process -> PostgreSQL", pg_url, r)
            target = pg_url or None
            for workers in (1, 2):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=logging.ERROR)
                try:
                    db = fresh_pg(pg_url) if target else tmp / f"dask-{workers}.db"
                    r = run_ingest(db, folder, scheduler=cluster.scheduler_address)
                    record(f"Dask, {workers} worker{'s' if workers > 1 else ''} -> "
                           f"{'PostgreSQL' if target else 'SQLite'}", db, r)
                finally:
                    cluster.close()
            same = all(d == dumps[0] for d in dumps[1:])
            print(f"\n{'run':<32} {'articles/s':>10} {'seconds':>8} {'stored':>7} "
                  f"{'near-dup':>8} {'coops':>6}")
            for label, rep in rows:
                print(f"{label:<32} {rep.articles_per_second:>10.1f} {rep.seconds:>8.1f} "
                      f"{rep.new:>7} {rep.near_duplicates:>8} {rep.cooperations:>6}")
            print(f"identical graphs in all runs: {'yes' if same else 'NO'}")

            split = cost_split(folder, pg_url, tmp)
            print(f"\nper-article cost ({split['articles']} articles, after model loading; "
                  f"CPU = this process only, not the database server):")
            print(f"  {'':<40} {'wall ms':>8} {'CPU ms':>7}")
            costs = {k: v for k, v in split.items() if k != "articles"}
            for key, (wall, cpu) in costs.items():
                wall_text = "" if wall != wall else f"{wall:8.1f}"  # NaN: no wall time
                print(f"  {key:<40} {wall_text:>8} {cpu:7.1f}")
            ex = split["extraction"][1]
            for key, (wall, cpu) in costs.items():
                if key.startswith("write"):  # the client's wall time bounds one writer
                    print(f"  {key:<40} one writer keeps up with {ex / wall:4.1f} extraction "
                          f"cores ({wall / (wall + ex) * 100:2.0f}% of an article's cost)")
            print(f"load average {os.getloadavg()[0]:.1f} at the end (other work on the machine "
                  f"skews every figure)")
            if not same:
                sys.exit(1)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
