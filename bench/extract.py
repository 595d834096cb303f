#!/usr/bin/env python
"""Throughput and memory of the default extraction pipeline.

Runs koop's default pipeline over the dev sets in ../shared/data
(gnad-dev, reuters-dev, smartdata-dev; the bundled examples/ when that folder
is missing) on one CPU core, after a warm-up on examples/ that loads the
models and the knowledge base. Prints, per set and overall: documents/second,
characters/second, documents/second normalised to 2,500-character articles,
and the process's peak resident memory (RSS) so far.

Usage:

    python bench/extract.py                  # all dev sets
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
    from koop.io.readers import read_inputs

    sets = [(name.removesuffix(".jsonl"), data_dir / name) for name in DEV_SETS
            if (data_dir / name).exists()]
    if not sets:
        print(f"no dev sets in {data_dir}; using examples/", file=sys.stderr)
        sets = [("examples", ROOT / "examples")]
    return [(name, list(read_inputs([str(path)]))) for name, path in sets]


def fresh(articles):
    from koop.article import Article

    return [Article(id=a.id, text=a.text, lang=a.lang, date=a.date, title=a.title, url=a.url)
            for a in articles]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                    help="folder with the dev sets (default: ../shared/data)")
    ap.add_argument("--repeat", type=int, default=1, help="passes over each set (best pass is reported)")
    args = ap.parse_args()

    where = pin_one_core()
    from koop.pipeline.runner import default_pipeline
    from koop.io.readers import read_inputs

    t0 = time.perf_counter()
    pipeline = default_pipeline()
    warm = list(read_inputs([str(ROOT / "examples")]))
    for a in fresh(warm):
        pipeline(a)
    print(f"warm-up: {time.perf_counter() - t0:.2f} s (models, knowledge base, {len(warm)} examples); {where}")

    sets = load_sets(args.data)
    header = f"{'set':<16}{'docs':>7}{'chars/doc':>11}{'docs/s':>9}{'chars/s':>11}{'docs/s@2500':>13}{'peak RSS MB':>13}"
    print(header)
    print("-" * len(header))
    total_docs = total_chars = 0
    total_time = 0.0
    for name, articles in sets:
        chars = sum(len(a.text) for a in articles)
        best = None
        for _ in range(max(1, args.repeat)):
            batch = fresh(articles)
            start = time.perf_counter()
            for a in batch:
                pipeline(a)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        total_docs += len(articles)
        total_chars += chars
        total_time += best
        print(_row(name, len(articles), chars, best))
    print("-" * len(header))
    print(_row("overall", total_docs, total_chars, total_time))


def _row(name: str, docs: int, chars: int, seconds: float) -> str:
    seconds = max(seconds, 1e-9)
    return (f"{name:<16}{docs:>7}{chars / max(docs, 1):>11.0f}{docs / seconds:>9.1f}"
            f"{chars / seconds:>11.0f}{chars / seconds / NORM_CHARS:>13.1f}{peak_rss_mb():>13.0f}")


if __name__ == "__main__":
    main()
