"""Writes tests/resources/reuters_train_10k.jsonl.gz: the first 10,000 Reuters-21578
TRAIN articles (LEWISSPLIT="TRAIN", in file order, reserved ids left out), the
data the web app's scale tests ingest (test_web_scale.py).

Reuters-21578 is free to redistribute for research (Distribution 1.0). Needs the
corpus snapshot (a bare git dir, corpus/tools/sources.py); run from the repo root:

    python tests/web/make_reuters_fixture.py [GIT_DIR]
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "resources" / "reuters_train_10k.jsonl.gz"
COUNT = 10_000
FIELDS = ("id", "lang", "date", "title", "text")


def reserved_ids() -> set[str]:
    path = Path("/work/shared/data/reserved-ids.txt")
    if not path.exists():
        path = ROOT.parent / "shared" / "data" / "reserved-ids.txt"
    return {line.strip() for line in path.read_text().splitlines()
            if line.strip() and not line.startswith("#")}


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT / "corpus" / "tools"))
    from sources import git_dir, read_reuters

    gitdir = Path(argv[0]) if argv else git_dir("reuters")
    reserved = reserved_ids()
    records = []
    for r in read_reuters(gitdir, "TRAIN"):
        if r["id"] not in reserved:
            records.append({k: r[k] for k in FIELDS})
        if len(records) == COUNT:
            break
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(lines.encode("utf-8"))
    print(f"{OUT.relative_to(ROOT)}: {len(records)} articles, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
