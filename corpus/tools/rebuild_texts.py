"""Rebuild the texts the repository may not hold, and the per-split input files.

FANG-COVID (publishers' copyright) and 10kGNAD (CC BY-NC-SA) texts never enter
the repository. This script reads them from the fetched snapshots, checks each
against the SHA-256 in corpus/manifest.jsonl, and writes

- corpus/texts/rebuilt.jsonl                 (git-ignored)
- corpus/splits/{lang}-{split}.jsonl          koop's input for each split (git-ignored),
  so that ``koop eval corpus/splits/de-test.gold.jsonl`` finds its texts.

    python corpus/tools/rebuild_texts.py [--mirror /work/.mirror]

Exit 1 if a snapshot is missing or a text does not match its hash.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import sources  # noqa: E402
from corpus_files import CORPUS, REDISTRIBUTABLE, load_manifest, read_jsonl, unmatched, write_jsonl  # noqa: E402


def rebuild(manifest: list[dict], mirror: Path) -> dict[str, str]:
    """Texts of the non-redistributable articles, read from their snapshots."""
    out = {}
    fang = [m for m in manifest if m["source"] == "fangcovid"]
    if fang:
        gd = sources.git_dir("fangcovid", mirror)
        for rec in sources.read_fangcovid(gd, paths=[m["path"] for m in fang]):
            out[rec["id"]] = rec["text"]
    gnad = [m for m in manifest if m["source"] == "gnad"]
    if gnad:
        raw = sources.git_show(sources.git_dir("gnad", mirror), "test.csv").decode("utf-8")
        rows = list(csv.reader(io.StringIO(raw), delimiter=";", quotechar="'"))
        for m in gnad:
            out[m["id"]] = rows[int(m["key"])][1]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", type=Path, default=sources.MIRROR)
    args = ap.parse_args(argv)
    manifest = load_manifest()
    needed = [m for m in manifest if m["source"] not in REDISTRIBUTABLE]
    try:
        rebuilt = rebuild(needed, args.mirror)
    except (OSError, Exception) as exc:  # a missing snapshot surfaces as a git error
        print(f"cannot read the snapshots under {args.mirror}: {exc}", file=sys.stderr)
        return 1
    bad = unmatched(needed, rebuilt)
    if bad:
        print(f"{len(bad)} texts missing or not matching their SHA-256: {bad[:5]}", file=sys.stderr)
        return 1
    by_id = {m["id"]: m for m in manifest}
    write_jsonl(CORPUS / "texts" / "rebuilt.jsonl",
                [{"id": i, "lang": by_id[i]["lang"], "date": by_id[i]["date"], "title": by_id[i]["title"],
                  "text": t} for i, t in rebuilt.items()])
    texts = dict(rebuilt)
    for lang in ("de", "en"):
        path = CORPUS / "texts" / f"{lang}.jsonl"
        if path.exists():
            texts.update({r["id"]: r["text"] for r in read_jsonl(path)})
    for lang in ("de", "en"):
        for split in ("train", "dev", "test"):
            rows = [{"id": m["id"], "lang": lang, "date": m["date"], "text": texts[m["id"]]}
                    for m in manifest if m["lang"] == lang and m["split"] == split and m["id"] in texts]
            write_jsonl(CORPUS / "splits" / f"{lang}-{split}.jsonl", rows)
    print(f"rebuilt {len(rebuilt)} texts, all hashes match; split inputs in {CORPUS / 'splits'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
