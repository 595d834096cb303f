#!/usr/bin/env python
"""Reliability of koop's cooperation confidence on a gold file: predicted pairs
binned by confidence, with the share that gold confirms (pairs matched as the
scorer matches them).

    python tools/reliability.py corpus/splits/de-dev.gold.jsonl
"""
from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

from koop.evaluate import norm_name, read_jsonl, texts_for_gold
from koop.extraction import default_pipeline
from koop.io.readers import record_to_article

BINS = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)]


def main(path: str) -> None:
    gold = read_jsonl(path)
    records = read_jsonl(texts_for_gold(Path(path)))
    pipeline = default_pipeline()
    rows = []
    for did, g in gold.items():
        alias, pairs = {}, set()
        for coop in g.get("cooperations", []):
            keys = []
            for names in coop["parties"]:
                for n in names:
                    alias.setdefault(norm_name(n), names[0])
                keys.append(names[0])
            pairs |= {frozenset(p) for p in combinations(sorted(set(keys)), 2)}
        a = pipeline(record_to_article(records[did], did))
        for c in a.cooperations:
            mapped = [alias.get(norm_name(p), "?" + p) for p in c.parties]
            for x, y in combinations(sorted(set(mapped)), 2):
                rows.append((c.confidence, frozenset((x, y)) in pairs))
    print("| confidence | pairs | correct |")
    print("|---|---|---|")
    for lo, hi in BINS:
        sel = [ok for conf, ok in rows if lo <= conf < hi]
        share = f"{sum(sel) / len(sel):.2f}" if sel else "-"
        print(f"| {lo:.1f}–{min(hi, 1.0):.1f} | {len(sel)} | {share} |")


if __name__ == "__main__":
    main(sys.argv[1])
