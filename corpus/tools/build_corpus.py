"""Assemble the corpus from the annotators' files.

    python corpus/tools/build_corpus.py [--mirror /work/.mirror]

Reads corpus/manifest.jsonl, the article texts from the source snapshots
(checked against their SHA-256), and corpus/annotations/*.jsonl: one file per
annotation batch as the annotator wrote it. Batches named ``*double*`` hold
the independent second annotation of the doubly annotated 10%;
``adjudicated.jsonl`` holds the settled annotation of every article on which
the two disagreed, and replaces the first. Writes:

- corpus/gold/{de,en}.gold.jsonl      cooperations per article (spec format)
- corpus/gold/{de,en}.first.jsonl     the first annotation of the doubly annotated 10%
- corpus/gold/{de,en}.second.jsonl    their independent second annotation
- corpus/entities/{de,en}.jsonl       ORG/PER character spans
- corpus/splits/{lang}-{split}.gold.jsonl and {lang}-{split}.ner.jsonl
- corpus/texts/{lang}.jsonl           texts whose licence allows redistribution
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import sources  # noqa: E402
from corpus_files import CORPUS, REDISTRIBUTABLE, load_manifest, unmatched, write_jsonl  # noqa: E402
from rebuild_texts import rebuild  # noqa: E402

GOLD_KEYS = ("parties", "status", "status_accept", "since", "evidence", "note")


def clean_coop(c: dict) -> dict:
    out = {k: c[k] for k in GOLD_KEYS if c.get(k) not in (None, [], "") or k == "since"}
    out["parties"] = [[n.strip() for n in p if n.strip()] for p in c["parties"]]
    out.setdefault("since", None)
    return out


def entity_spans(text: str, listed: list[dict]) -> list[dict]:
    """Every word-bounded occurrence of each listed string; longer strings win a place."""
    taken = [False] * len(text)
    spans = []
    for ent in sorted(listed, key=lambda e: -len(e["text"])):
        s = ent["text"].strip()
        if not s:
            continue
        skip = set(ent.get("skip") or [])
        pat = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)")
        for k, m in enumerate(pat.finditer(text)):
            if k in skip or any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            spans.append({"start": m.start(), "end": m.end(), "label": ent["label"], "text": m.group()})
    return sorted(spans, key=lambda e: e["start"])


def drop_signoff(text: str, spans: list[dict]) -> list[dict]:
    """A wire story's closing 'REUTER' is a sign-off, not a mention (GUIDE.md section 6)."""
    tail = text.rstrip()
    return [s for s in spans if not (s["end"] == len(tail) and s["text"].upper() == "REUTER")]


def read_batches(folder: Path) -> tuple[dict, dict, dict]:
    """First and second annotations, and adjudicated ones, by article id."""
    first, second, adjudicated = {}, {}, {}
    for path in sorted(folder.glob("*.jsonl")):
        if path.name == "adjudicated.jsonl":
            continue
        target = second if "double" in path.stem else first
        for line in open(path, encoding="utf-8"):
            if line.strip():
                ann = json.loads(line)
                target.setdefault(ann["id"], ann)
    adj = folder / "adjudicated.jsonl"
    if adj.exists():
        for line in open(adj, encoding="utf-8"):
            if line.strip():
                ann = json.loads(line)
                adjudicated[ann["id"]] = ann
    return first, second, adjudicated


def read_texts(manifest: list[dict], mirror: Path) -> dict[str, dict]:
    """Every article's text (and SmartData's entity spans) from its snapshot, hash-checked."""
    want = {m["id"]: m for m in manifest}
    texts = {}
    for rec in sources.read_reuters(sources.git_dir("reuters", mirror)):
        if rec["id"] in want:
            texts[rec["id"]] = rec
    for name in ("wikinews", "smartdata"):
        for rec in sources.READERS[name](sources.git_dir(name, mirror)):
            if rec["id"] in want:
                texts[rec["id"]] = rec
    for aid, text in rebuild(list(want.values()), mirror).items():
        texts[aid] = {"id": aid, "text": text, "title": None}
    bad = unmatched(list(want.values()), {aid: t["text"] for aid, t in texts.items()})
    if bad:
        raise SystemExit(f"{len(bad)} texts missing or changed in the snapshots: {bad[:5]}")
    return texts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", type=Path, default=sources.MIRROR)
    args = ap.parse_args(argv)
    manifest = load_manifest()
    texts = read_texts(manifest, args.mirror)
    first, second, adjudicated = read_batches(CORPUS / "annotations")
    gold, firsts, seconds, ents = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
    missing = []
    for m in manifest:
        aid, lang = m["id"], m["lang"]
        ann = adjudicated.get(aid) or first.get(aid)
        if ann is None:
            missing.append(aid)
            continue
        base = {"id": aid, "lang": lang, "date": m["date"]}
        gold[lang].append({**base, "cooperations": [clean_coop(c) for c in ann["cooperations"]]})
        if aid in second and aid in first:
            firsts[lang].append({**base, "cooperations": [clean_coop(c) for c in first[aid]["cooperations"]]})
            seconds[lang].append({**base, "cooperations": [clean_coop(c) for c in second[aid]["cooperations"]]})
        text = texts[aid]["text"]
        if m["source"] == "smartdata":
            spans = [e for e in texts[aid].get("entities") or [] if e["label"] in ("ORG", "PER")]
            ents[lang].append({"id": aid, "entities": spans, "annotator": "SmartData v1/v2 gold"})
        elif "entities" in (first.get(aid) or {}):
            ents[lang].append({"id": aid, "entities": drop_signoff(text, entity_spans(text, first[aid]["entities"])),
                               "annotator": "koop corpus"})
    for lang in gold:
        write_jsonl(CORPUS / "gold" / f"{lang}.gold.jsonl", gold[lang])
        write_jsonl(CORPUS / "gold" / f"{lang}.first.jsonl", firsts[lang])
        write_jsonl(CORPUS / "gold" / f"{lang}.second.jsonl", seconds[lang])
        write_jsonl(CORPUS / "entities" / f"{lang}.jsonl", ents[lang])
        write_jsonl(CORPUS / "texts" / f"{lang}.jsonl",
                    [{k: texts[m["id"]].get(k) for k in ("id", "lang", "date", "title", "text")}
                     for m in manifest if m["lang"] == lang and m["source"] in REDISTRIBUTABLE])
    split_of = {m["id"]: m["split"] for m in manifest}
    for lang in gold:
        for split in ("train", "dev", "test"):
            write_jsonl(CORPUS / "splits" / f"{lang}-{split}.gold.jsonl",
                        [g for g in gold[lang] if split_of[g["id"]] == split])
            ner = [{"id": e["id"], "lang": lang, "text": texts[e["id"]]["text"], "entities": e["entities"]}
                   for e in ents[lang] if split_of[e["id"]] == split]
            write_jsonl(CORPUS / "splits" / f"{lang}-{split}.ner.jsonl", ner)
    print(f"built: {sum(map(len, gold.values()))} annotated articles, {len(missing)} not yet annotated")


if __name__ == "__main__":
    main()
