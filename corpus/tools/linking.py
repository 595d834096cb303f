"""Linking accuracy and false merges of koop's organizations on the annotated test split.

    python corpus/tools/linking.py [--lang de|en] [--split dev|test] [--list]

``corpus/links/{lang}-{split}.jsonl`` gives, for every gold cooperation party of
the split, the knowledge-base id it is (or null: no entry in the knowledge base
is this organization at the article's date), annotated blind by reading the
article and searching the knowledge base. koop extracts each article; a party is
*found* when one of koop's ORG mentions is one of the party's names (the
scorer's name normalisation), and koop's id for it is the id most of those
mentions carry. Then:

- **linking accuracy**: found parties whose id is right: the annotated KB id, or
  any id that is no KB id where the annotation says null;
- **false merges**: found parties koop put under a KB id that is another
  organization's (two organizations under one id), as a share of the found
  parties koop linked to the knowledge base.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus_files import CORPUS, read_jsonl  # noqa: E402

sys.path.insert(0, str(CORPUS.parent))


def party_ids(article, names: list[str]) -> list[str]:
    """koop's organization ids of the mentions that are one of ``names``."""
    from koop.evaluate import norm_name

    wanted = {norm_name(n) for n in names}
    return [m.org_id for m in article.mentions
            if m.label == "ORG" and m.org_id and norm_name(m.text) in wanted]


def measure(lang: str, split: str = "test", listing: bool = False) -> dict:
    from koop import Pipeline
    from koop.io.readers import record_to_article
    from koop.names import is_kb_id

    links = read_jsonl(CORPUS / "links" / f"{lang}-{split}.jsonl")
    texts = {d["id"]: d for d in read_jsonl(CORPUS / "splits" / f"{lang}-{split}.jsonl")}
    nlp = Pipeline()
    n = found = right = linked = merged = 0
    for doc in links:
        article = nlp(record_to_article({**texts[doc["id"]], "lang": lang}, doc["id"]))
        for party in doc["parties"]:
            n += 1
            ids = party_ids(article, party["names"])
            if not ids:
                continue
            found += 1
            got = Counter(ids).most_common(1)[0][0]
            gold = party["kb"]
            ok = got == gold if gold else not is_kb_id(got)
            right += ok
            if is_kb_id(got):
                linked += 1
                merged += got != gold
            if listing and not ok:
                print(f"{doc['id']}: {party['names'][0]!r}: koop {got}, gold {gold}")
    return {"parties": n, "found": found, "linking_accuracy": round(right / found, 3) if found else None,
            "linked": linked, "false_merges": merged,
            "false_merge_rate": round(merged / linked, 3) if linked else None}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=["de", "en"], action="append")
    ap.add_argument("--split", choices=["dev", "test"], default="test",
                    help="tune on dev; the test split is scored once per version")
    ap.add_argument("--list", action="store_true", help="print every wrong link")
    args = ap.parse_args(argv)
    for lang in args.lang or ["de", "en"]:
        print(lang, args.split, measure(lang, args.split, args.list))


if __name__ == "__main__":
    main()
