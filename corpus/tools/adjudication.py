"""Prepare the adjudication of doubly annotated articles on which the annotators differ.

    python corpus/tools/adjudication.py OUT_DIR

Writes OUT_DIR/articles.jsonl (id, lang, date, text) and OUT_DIR/versions.jsonl
(the two annotations of each article as "A" and "B", in an order drawn per
article, so the adjudicator cannot tell first from second). The adjudicator
reads the article and both versions, writes the settled annotation to
OUT_DIR/annotations.jsonl, and the result is copied to
corpus/annotations/adjudicated.jsonl.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from agreement import pairs  # noqa: E402
from corpus_files import CORPUS, read_jsonl, write_jsonl  # noqa: E402


def differ(a: dict, b: dict) -> bool:
    alias: dict[str, str] = {}
    pa, pb = pairs(a, alias), pairs(b, alias)
    if pa.keys() != pb.keys():
        return True
    return any({s for s in pa[k] if s.startswith("=")} != {s for s in pb[k] if s.startswith("=")} for k in pa)


def main(argv: list[str]) -> None:
    out = Path(argv[0])
    rng = random.Random(11)
    texts = {}
    for name in ("de.jsonl", "en.jsonl", "rebuilt.jsonl"):
        texts.update({r["id"]: r for r in read_jsonl(CORPUS / "texts" / name)})
    articles, versions = [], []
    for lang in ("de", "en"):
        first = {d["id"]: d for d in read_jsonl(CORPUS / "gold" / f"{lang}.first.jsonl")}
        for b in read_jsonl(CORPUS / "gold" / f"{lang}.second.jsonl"):
            a = first[b["id"]]
            if not differ(a, b):
                continue
            pair = [a["cooperations"], b["cooperations"]]
            rng.shuffle(pair)
            articles.append({"id": b["id"], "lang": lang, "date": b["date"], "text": texts[b["id"]]["text"]})
            versions.append({"id": b["id"], "A": pair[0], "B": pair[1]})
    write_jsonl(out / "articles.jsonl", articles)
    write_jsonl(out / "versions.jsonl", versions)
    print(f"{len(articles)} articles to adjudicate in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
