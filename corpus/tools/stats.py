"""Counts of the corpus: articles, pairs and statuses per language and split.

    python corpus/tools/stats.py
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus_files import CORPUS, load_manifest, read_jsonl  # noqa: E402


def pairs(coop: dict) -> int:
    n = len(coop["parties"])
    return n * (n - 1) // 2


def main() -> None:
    manifest = load_manifest()
    split_of = {m["id"]: m["split"] for m in manifest}
    selection = {m["id"]: m["selection"] for m in manifest}
    print("| lang | split | articles | with a cooperation | cooperations | pairs | entity articles |")
    print("|---|---|---|---|---|---|---|")
    status = {}
    for lang in ("de", "en"):
        gold = read_jsonl(CORPUS / "gold" / f"{lang}.gold.jsonl")
        ents = {d["id"] for d in read_jsonl(CORPUS / "entities" / f"{lang}.jsonl")}
        status[lang] = Counter()
        for split in ("train", "dev", "test", "all"):
            docs = [d for d in gold if split == "all" or split_of[d["id"]] == split]
            coops = [c for d in docs for c in d["cooperations"]]
            for c in coops if split == "all" else []:
                status[lang][c["status"]] += pairs(c)
            print(f"| {lang} | {split} | {len(docs)} | {sum(1 for d in docs if d['cooperations'])} | "
                  f"{len(coops)} | {sum(map(pairs, coops))} | {sum(1 for d in docs if d['id'] in ents)} |")
        sel = Counter(selection[d["id"]] for d in gold)
        print(f"\n{lang}: selection {dict(sel)}; pairs by status {dict(status[lang].most_common())}\n")
    total = len(manifest)
    print(f"manifest: {total} articles chosen, {sum(m['double'] for m in manifest)} for double annotation")


if __name__ == "__main__":
    main()
