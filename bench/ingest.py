"""Ingest benchmark: articles per second with -j 1 and -j 2, database size per 1,000 articles.

Generates N German and English news articles (about 1,600 characters each,
every one stating a cooperation between well-known companies, one in ten a
lightly edited copy of another) into a temporary folder, then ingests the
folder into fresh databases with the default extraction pipeline.

    python bench/ingest.py            # N = 400, about a minute on 2 cores
    python bench/ingest.py --n 1000
    python bench/ingest.py --grow     # does ingest slow down as the database grows?
    python bench/ingest.py --resume 4000   # stored articles again, with and without Dask

``--grow`` (issue 14) reads Reuters-21578 TRAIN articles from the mirror
(``corpus/tools/sources.py``; reserved ids left out), ingests 5,000 of them,
then 1,000 more into the same database, and the same 1,000 into an empty
one (models already loaded for both), three times each way, best run
counted: the per-article queries must stay index searches, so the two
rates of the last 1,000 should be close (acceptance: grown >= 0.8 x empty).

Figures include process start-up and model loading, like a real
``koop ingest`` run. "store only" runs the same ingest without extraction,
to show what the database itself costs.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import koop  # noqa: E402

COMPANIES = ["Siemens", "SAP", "BASF", "Bosch", "Allianz", "Deutsche Telekom", "Volkswagen",
             "BMW", "Bayer", "Lufthansa", "Microsoft", "Apple", "Google", "Amazon", "Samsung",
             "Sony", "Panasonic", "Leica", "Huawei", "Xiaomi", "Intel", "IBM", "Oracle",
             "Daimler", "Continental", "Infineon", "Deutsche Bank", "Commerzbank", "Airbus",
             "Thyssenkrupp"]
CITIES = ["Berlin", "München", "Frankfurt", "Hamburg", "Stuttgart", "Köln", "Düsseldorf"]
FIELDS_DE = ["Cloud-Software", "Batteriezellen", "Halbleiter", "Wasserstoff", "Logistik",
             "künstliche Intelligenz", "Mobilfunk", "Zahlungsverkehr"]
FIELDS_EN = ["cloud software", "battery cells", "chips", "hydrogen", "logistics",
             "artificial intelligence", "mobile networks", "payments"]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]

FILLER_DE = [
    "Finanzielle Details nannten die Unternehmen nicht.",
    "Analysten werteten den Schritt als Zeichen für den wachsenden Wettbewerb in der Branche.",
    "Die Aktie legte am Nachmittag um {p} Prozent zu.",
    "Der Konzern beschäftigt weltweit rund {n}.000 Mitarbeiter.",
    "Die Kartellbehörden müssen dem Vorhaben noch zustimmen.",
    "Im vergangenen Geschäftsjahr stieg der Umsatz um {p} Prozent.",
    "Ein Sprecher sagte, man sei mit dem Verlauf der Gespräche zufrieden.",
    "Die ersten Produkte sollen im kommenden Jahr auf den Markt kommen.",
    "Gewerkschaften begrüßten die Pläne, forderten aber Zusagen für die Standorte.",
    "Beide Seiten wollen zunächst {n} Millionen Euro investieren.",
    "Der Vorstand hatte die Strategie bereits im Frühjahr angekündigt.",
    "Branchenkenner erwarten weitere Partnerschaften dieser Art.",
]
FILLER_EN = [
    "Financial terms were not disclosed.",
    "Analysts said the move showed growing competition in the industry.",
    "Shares rose {p} percent in afternoon trading.",
    "The group employs about {n},000 people worldwide.",
    "The deal still needs approval from competition authorities.",
    "Revenue grew {p} percent in the last fiscal year.",
    "A spokesman said the company was pleased with the progress of the talks.",
    "The first products are due to reach the market next year.",
    "Unions welcomed the plans but asked for guarantees for jobs.",
    "Both sides plan to invest {n} million dollars at first.",
    "The board had announced the strategy in the spring.",
    "Industry experts expect more partnerships of this kind.",
]


def make_article(i: int, rnd: random.Random) -> str:
    a, b = rnd.sample(COMPANIES, 2)
    day, month, year = rnd.randint(1, 28), rnd.randint(0, 11), rnd.randint(2015, 2024)
    if i % 2:
        field = rnd.choice(FIELDS_EN)
        head = (f"{a} and {b} team up on {field}\n\n"
                f"{rnd.choice(['London', 'New York', 'Seattle', 'Tokyo'])}, "
                f"{MONTHS_EN[month]} {day}, {year}. {a} and {b} have agreed a partnership in "
                f"{field}. The two companies will develop new products together.")
        filler = FILLER_EN
    else:
        field = rnd.choice(FIELDS_DE)
        head = (f"{a} und {b} vereinbaren Partnerschaft\n\n{rnd.choice(CITIES)}, {day}. "
                f"{MONTHS_DE[month]} {year}. {a} und {b} haben eine Partnerschaft im Bereich "
                f"{field} vereinbart. Die beiden Unternehmen wollen gemeinsam neue Produkte "
                f"entwickeln.")
        filler = FILLER_DE
    body = " ".join(s.format(p=rnd.randint(1, 9), n=rnd.randint(2, 90))
                    for s in rnd.sample(filler, 5))
    # a paragraph of its own, so that different stories share few word 3-grams
    vocab = " ".join(filler).replace(".", "").replace(",", "").split()
    own = " ".join(rnd.choice(vocab) for _ in range(90))
    return f"{head}\n\n{body}\n\n{own[:1].upper()}{own[1:]}.\n\nBericht Nr. {i}."


def generate(folder: Path, n: int, seed: int = 3) -> None:
    rnd = random.Random(seed)
    originals: list[str] = []
    for i in range(n):
        if originals and i % 10 == 9:  # an agency story republished with small edits
            text = rnd.choice(originals).replace(".\n\n", ". (dpa)\n\n", 1) + " Mit Material von Reuters."
        else:
            text = make_article(i, rnd)
            originals.append(text)
        (folder / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")


def no_extraction():
    return lambda article: article


def db_bytes(path: Path) -> int:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def run(folder: Path, db: Path, jobs: int, factory=None):
    with koop.open(db) as g:
        report = g.ingest(folder, jobs=jobs, pipeline_factory=factory)
        stats = g.stats()
    return report, stats


REUTERS = Path("/work/.mirror/jakecyr+TextClassification/repo")
RESERVED = Path("/work/shared/data/reserved-ids.txt")


def reuters_train(n: int, mirror: Path = REUTERS) -> list[dict]:
    """The first ``n`` Reuters TRAIN articles of the mirror, reserved ids left out."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus" / "tools"))
    from sources import read_reuters

    reserved = set(RESERVED.read_text().split()) if RESERVED.exists() else set()
    out = []
    for r in read_reuters(mirror, "TRAIN"):
        if r["id"] not in reserved:
            out.append({k: r[k] for k in ("id", "lang", "date", "title", "text")})
            if len(out) == n:
                break
    return out


def write_jsonl(path: Path, records: list[dict]) -> Path:
    import json

    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def grow(first: int, more: int, jobs: int, mirror: Path, repeat: int = 3) -> None:
    """Rate of ``more`` articles into a database holding ``first``, and into an empty one.

    The last ``more`` go ``repeat`` times into a copy of the grown database and
    into an empty one, alternately, and the best run of each counts: on a shared
    machine a single run of 15-30 s is at the mercy of the other processes.
    """
    import shutil

    records = reuters_train(first + more, mirror)
    if len(records) < first + more:
        sys.exit(f"only {len(records)} Reuters TRAIN articles in {mirror}")
    with tempfile.TemporaryDirectory(prefix="koop-bench-grow-") as tmp:
        tmp = Path(tmp)
        base = write_jsonl(tmp / "first.jsonl", records[:first])
        last = write_jsonl(tmp / "last.jsonl", records[first:])
        print(f"koop {koop.__version__}: Reuters TRAIN, {first:,} then {more:,} articles, "
              f"-j {jobs}, best of {repeat}")
        with koop.open(tmp / "base.db") as g:
            r0 = g.ingest(base, jobs=jobs)
            stored = g.stats()["articles"]
        db_bytes(tmp / "base.db")  # checkpoint: the copies are whole
        print(f"  first {first:,} into an empty database  {r0.articles_per_second:7.1f} "
              f"articles/s ({r0.seconds:6.1f} s, {r0.new} new)")
        rates: dict[str, list[float]] = {"grown": [], "empty": []}
        for k in range(repeat):
            for kind in ("grown", "empty"):
                db = tmp / f"{kind}-{k}.db"
                if kind == "grown":
                    shutil.copy(tmp / "base.db", db)
                with koop.open(db) as g:
                    r = g.ingest(last, jobs=jobs)
                rates[kind].append(r.articles_per_second)
                db.unlink()
        grown, empty = max(rates["grown"]), max(rates["empty"])
        runs = {kind: ", ".join(f"{x:.1f}" for x in v) for kind, v in rates.items()}
        print(f"  next {more:,} into a database of {stored:,}  {grown:7.1f} articles/s "
              f"(runs: {runs['grown']})")
        print(f"  same {more:,} into an empty database   {empty:7.1f} articles/s "
              f"(runs: {runs['empty']})")
        ratio = grown / empty if empty else 0.0
        print(f"ratio grown/empty: {ratio:.2f} (acceptance: >= 0.80)")


def resume(n: int, mirror: Path) -> None:
    """Seconds to ingest ``n`` already-stored articles (from another file) with and
    without Dask: stored texts must be skipped before extraction on both paths."""
    records = reuters_train(n, mirror)
    with tempfile.TemporaryDirectory(prefix="koop-bench-resume-") as tmp:
        tmp = Path(tmp)
        first = write_jsonl(tmp / "first.jsonl", records)
        print(f"koop {koop.__version__}: {len(records):,} Reuters TRAIN articles, stored, "
              f"then read again from another file")
        with koop.open(tmp / "g.db") as g:
            r = g.ingest(first)
            print(f"  first ingest                {r.seconds:6.1f} s ({r.new} new)")
            for label, scheduler in (("again, one process", None), ("again, --scheduler local:2",
                                                                    "local:2")):
                again = write_jsonl(tmp / f"again-{bool(scheduler)}.jsonl", records)
                r = g.ingest(again, scheduler=scheduler)
                print(f"  {label:<27} {r.seconds:6.1f} s ({r.new} new, {r.duplicates} duplicates)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="articles to generate (default 400)")
    ap.add_argument("--grow", action="store_true",
                    help="Reuters TRAIN: rate of 1,000 articles into a database of 5,000 vs. empty")
    ap.add_argument("--resume", type=int, metavar="N", default=0,
                    help="Reuters TRAIN: N stored articles read again, with and without Dask")
    ap.add_argument("--first", type=int, default=5000, help="with --grow: articles first (5000)")
    ap.add_argument("--more", type=int, default=1000, help="with --grow: articles then (1000)")
    ap.add_argument("--jobs", type=int, default=1, help="with --grow: extraction processes (1)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="with --grow: runs of the last articles each way; the best counts (3)")
    ap.add_argument("--mirror", type=Path, default=REUTERS,
                    help="with --grow: the Reuters git mirror (jakecyr/TextClassification)")
    args = ap.parse_args()
    if args.grow:
        grow(args.first, args.more, args.jobs, args.mirror, args.repeat)
        return
    if args.resume:
        resume(args.resume, args.mirror)
        return
    with tempfile.TemporaryDirectory(prefix="koop-bench-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "articles"
        folder.mkdir()
        generate(folder, args.n)
        print(f"koop {koop.__version__}: ingesting {args.n} generated articles "
              f"(de/en, ~1.6k chars, 10% near-duplicates)")
        rows = []
        for label, jobs, factory in (("-j 1", 1, None), ("-j 2", 2, None),
                                     ("store only, no extraction", 1, no_extraction)):
            db = tmp / f"bench-{len(rows)}.db"
            report, stats = run(folder, db, jobs, factory)
            stored, size = stats["articles"], db_bytes(db)
            rows.append((stored, size))
            print(f"  {label:<27} {report.articles_per_second:7.1f} articles/s  "
                  f"({report.seconds:5.1f} s; {stored} stored, {report.near_duplicates} "
                  f"near-duplicates, {stats['cooperations']} cooperations)")
        stored, size = rows[0]
        print(f"database size: {size / stored * 1000 / 1e6:.2f} MB per 1,000 articles "
              f"({size / 1e6:.2f} MB for {stored}, text included)")


if __name__ == "__main__":
    main()
