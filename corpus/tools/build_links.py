"""Assemble the knowledge-base links of the dev and test splits' gold parties.

    python corpus/tools/build_links.py

Reads the annotators' batches in corpus/links/annotations/ (``<batch>.jsonl``:
one line per article, a ``links`` list with the KB id or null of each party,
in the order of the party lists below) and writes corpus/links/{lang}-{split}.jsonl:
per article, each gold party's names with its ``kb`` id. Batches named
``*double*`` are the independent second annotation of a sample; their agreement
with the first is printed. The parties are the gold's (``corpus/gold``), each
organization once per article, so the annotation never restates them.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus_files import CORPUS, read_jsonl, write_jsonl  # noqa: E402


def gold_parties(gold: dict) -> list[list[str]]:
    """The article's organizations as name lists, each once, in gold order."""
    parties: list[list[str]] = []
    for coop in gold.get("cooperations", []):
        for names in coop["parties"]:
            names = [names] if isinstance(names, str) else list(names)
            lower = {n.lower() for n in names}
            if not any(lower & {x.lower() for x in p} for p in parties):
                parties.append(names)
    return parties


def main() -> None:
    folder = CORPUS / "links" / "annotations"
    first: dict[str, dict] = {}
    second: dict[str, dict] = {}
    for path in sorted(folder.glob("*.jsonl")):
        target = second if "double" in path.stem else first
        for row in read_jsonl(path):
            target.setdefault(row["id"], row)
    for lang, split in (("de", "dev"), ("en", "dev"), ("de", "test"), ("en", "test")):
        gold = {g["id"]: g for g in read_jsonl(CORPUS / "splits" / f"{lang}-{split}.gold.jsonl")}
        if not gold.keys() & first.keys():
            continue  # this split is not annotated
        rows = []
        for doc_id, g in gold.items():
            parties = gold_parties(g)
            if not parties:
                continue
            ann = first.get(doc_id)
            if ann is None:
                raise SystemExit(f"{doc_id}: no link annotation")
            rows.append({"id": doc_id, "parties": [
                {"names": names, "kb": link["kb"], **({"note": link["note"]} if link.get("note") else {})}
                for names, link in zip(parties, ann["links"], strict=True)]})
        write_jsonl(CORPUS / "links" / f"{lang}-{split}.jsonl", rows)
        shared = [(first[i]["links"], second[i]["links"]) for i in second if i in gold]
        same = sum(a["kb"] == b["kb"] for x, y in shared for a, b in zip(x, y))
        total = sum(len(x) for x, _ in shared)
        print(f"{lang}-{split}: {len(rows)} articles, {sum(len(r['parties']) for r in rows)} parties; "
              f"double annotation: {len(shared)} articles, same link for {same} of {total} parties")


if __name__ == "__main__":
    main()
