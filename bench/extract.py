#!/usr/bin/env python
"""Throughput and memory of the default extraction pipeline.

Runs koop's default pipeline on one CPU core over the dev sets in
../shared/data (gnad-dev, reuters-dev, smartdata-dev; the bundled examples/
when that folder is missing) and over "articles-2500": the gnad-dev and
reuters-dev articles of at least 2,500 characters, cut to 2,500 at the last
sentence end. A warm-up on examples/ first loads the models (tokenizer,
tagger, language detector) and the knowledge base; the per-word caches (tagger analyses) are emptied before each set, so
every set is measured as the first input of a fresh `koop extract` would be
(``--warm-caches`` keeps them).

Prints, per set and overall: documents/second, characters/second,
documents/second normalised to 2,500-character articles (wall clock and CPU
time: on a busy machine the CPU figure is the steadier one) and the process's
peak resident memory (RSS) so far.

Usage:

    python bench/extract.py                  # all sets
    python bench/extract.py --data DIR --repeat 3
"""
from __future__ import annotations

import argparse
import os
import sys

# one core: pin the process and keep numeric libraries single-threaded
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import resource  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = ("gnad-dev.jsonl", "reuters-dev.jsonl", "smartdata-dev.jsonl")
LONG_SOURCES = ("gnad-dev", "reuters-dev")
NORM_CHARS = 2500


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this platform)"


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux


def load_sets(data_dir: Path) -> list[tuple[str, list]]:
    from koop.io.files import read_inputs

    sets = [(name.removesuffix(".jsonl"), data_dir / name) for name in DEV_SETS
            if (data_dir / name).exists()]
    if not sets:
        print(f"no dev sets in {data_dir}; using examples/", file=sys.stderr)
        sets = [("examples", ROOT / "examples")]
    loaded = [(name, list(read_inputs([str(path)]))) for name, path in sets]
    long = [cut(a) for name, articles in loaded if name in LONG_SOURCES
            for a in articles if len(a.text) >= NORM_CHARS]
    if long:
        loaded.append((f"articles-{NORM_CHARS}", long))
    return loaded


def cut(article):
    """The article cut to NORM_CHARS characters at the last sentence end before."""
    from koop.article import Article

    text = article.text[:NORM_CHARS]
    end = max(text.rfind(". "), text.rfind(".\n"), text.rfind("\n"))
    if end > NORM_CHARS // 2:
        text = text[:end + 1]
    return Article(id=article.id, text=text, lang=article.lang, date=article.date,
                   title=article.title, url=article.url)


def fresh(articles):
    from koop.article import Article

    return [Article(id=a.id, text=a.text, lang=a.lang, date=a.date, title=a.title, url=a.url)
            for a in articles]


def reset_word_caches() -> None:
    """Empty the per-word caches that fill up as a process reads text."""
    from koop.pipeline import segment

    segment.analyze_word.cache_clear()
    folded = getattr(segment, "_FOLDED", None)
    if folded is not None:
        folded.clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                    help="folder with the dev sets (default: ../shared/data)")
    ap.add_argument("--repeat", type=int, default=1, help="passes over each set (best pass is reported)")
    ap.add_argument("--warm-caches", action="store_true",
                    help="keep per-word caches from set to set (and pass to pass)")
    args = ap.parse_args()

    where = pin_one_core()
    from koop.article import Article
    from koop.io.files import read_inputs
    from koop.pipeline.runner import default_pipeline

    t0 = time.perf_counter()
    pipeline = default_pipeline()
    warm = list(read_inputs([str(ROOT / "examples")]))
    for a in fresh(warm):
        pipeline(a)
    # without a language, a long and a short text: loads the language detector's models
    # (lingua loads those for short texts only when it first sees one)
    for text in (warm[0].text, warm[0].text[:80]):
        pipeline(Article(id="warm-up", text=text))
    print(f"warm-up: {time.perf_counter() - t0:.2f} s (models, knowledge base, {len(warm)} examples); {where}")

    sets = load_sets(args.data)
    header = (f"{'set':<16}{'docs':>6}{'chars/doc':>10}{'docs/s':>8}{'chars/s':>9}"
              f"{'docs/s@2500':>13}{'cpu docs/s@2500':>17}{'peak RSS MB':>13}")
    print(header)
    print("-" * len(header))
    total_docs = total_chars = 0
    total_time = total_cpu = 0.0
    for name, articles in sets:
        chars = sum(len(a.text) for a in articles)
        best = best_cpu = None
        for _ in range(max(1, args.repeat)):
            if not args.warm_caches:
                reset_word_caches()
            batch = fresh(articles)
            start, start_cpu = time.perf_counter(), time.process_time()
            for a in batch:
                pipeline(a)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            best = elapsed if best is None else min(best, elapsed)
            best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        if not name.startswith("articles-"):  # (a re-cut of the others)
            total_docs += len(articles)
            total_chars += chars
            total_time += best
            total_cpu += best_cpu
        print(_row(name, len(articles), chars, best, best_cpu))
    print("-" * len(header))
    print(_row("overall (dev)", total_docs, total_chars, total_time, total_cpu))


def _row(name: str, docs: int, chars: int, seconds: float, cpu: float) -> str:
    seconds = max(seconds, 1e-9)
    cpu = max(cpu, 1e-9)
    return (f"{name:<16}{docs:>6}{chars / max(docs, 1):>10.0f}{docs / seconds:>8.1f}"
            f"{chars / seconds:>9.0f}{chars / seconds / NORM_CHARS:>13.1f}"
            f"{chars / cpu / NORM_CHARS:>17.1f}{peak_rss_mb():>13.0f}")


if __name__ == "__main__":
    main()
