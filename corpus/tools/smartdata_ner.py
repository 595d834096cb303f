"""Write SmartData's own entity annotations as extra German NER training data.

    python corpus/tools/smartdata_ner.py

SmartData documents of every kind (news, tweets, traffic reports) from the v1
and v2 releases, except those in the v3 test split (reserved), the v3 dev split
(the visible smartdata-dev set) and the corpus's own articles (which have their
split). ORG and PER spans only, as SmartData marks them. Output:
corpus/ner/smartdata-extra.jsonl (CC BY 4.0, DFKI SmartData Corpus).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import sources  # noqa: E402
from corpus_files import CORPUS, load_manifest, write_jsonl  # noqa: E402


def main() -> None:
    gd = sources.git_dir("smartdata")
    held = [d for split in ("v3_20200302/test.json.gz", "v3_20200302/dev.json.gz")
            for d in sources.smartdata_split(gd, split)]
    held_out = {"smartdata:" + d["id"] for d in held}
    held_texts = {" ".join(d["text"]["string"].split()) for d in held}  # the same text under another id
    in_corpus = {m["id"] for m in load_manifest()}
    rows = []
    for kind in ("news", "tweet", "rss"):
        for r in sources.read_smartdata(gd, kind=kind):
            if r["id"] in held_out or r["id"] in in_corpus or " ".join(r["text"].split()) in held_texts:
                continue
            rows.append({"id": r["id"], "lang": "de", "kind": kind, "text": r["text"],
                         "entities": [e for e in r["entities"] if e["label"] in ("ORG", "PER")],
                         "source": f"{r['repo']}@{r['commit'][:12]}:{r['path']}"})
    write_jsonl(CORPUS / "ner" / "smartdata-extra.jsonl", rows)
    print(f"{len(rows)} SmartData documents written")


if __name__ == "__main__":
    main()
