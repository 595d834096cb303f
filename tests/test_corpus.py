"""The annotated corpus (corpus/, issue 11): its size, its splits, no reserved
article, and annotations that match their texts character for character."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RESERVED = ROOT.parent / "shared" / "data" / "reserved-ids.txt"


def jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


MANIFEST = jsonl(CORPUS / "manifest.jsonl")
GOLD = {lang: jsonl(CORPUS / "gold" / f"{lang}.gold.jsonl") for lang in ("de", "en")}
ENTITIES = {lang: jsonl(CORPUS / "entities" / f"{lang}.jsonl") for lang in ("de", "en")}


def texts() -> dict[str, str]:
    """Committed texts, plus the rebuilt ones: corpus/tools/rebuild_texts.py runs first
    when the source snapshots are on this machine and its output is missing."""
    rebuilt = CORPUS / "texts" / "rebuilt.jsonl"
    if not rebuilt.exists() and Path("/work/.mirror/justusmattern+fang-covid/repo").exists():
        subprocess.run([sys.executable, str(CORPUS / "tools" / "rebuild_texts.py")], check=True,
                       capture_output=True)
    out = {}
    for name in ("de.jsonl", "en.jsonl", "rebuilt.jsonl"):
        path = CORPUS / "texts" / name
        if path.exists():
            out.update({r["id"]: r["text"] for r in jsonl(path)})
    return out


def pair_count(docs: list[dict]) -> int:
    return sum(len(c["parties"]) * (len(c["parties"]) - 1) // 2 for d in docs for c in d["cooperations"])


def test_manifest_describes_every_article_once_with_its_source_and_hash():
    ids = [m["id"] for m in MANIFEST]
    assert len(ids) == len(set(ids))
    for m in MANIFEST:
        assert m["lang"] in ("de", "en") and m["split"] in ("train", "dev", "test")
        assert m["repo"] and len(m["commit"]) == 40 and m["path"] and m["licence"]
        assert len(m["sha256"]) == 64 and m["selection"] in ("keyword", "ranked", "random")


def test_no_reserved_article_is_in_the_corpus():
    if not RESERVED.exists():
        pytest.skip("../shared/data/reserved-ids.txt is not beside the checkout")
    reserved = {l.strip() for l in open(RESERVED) if l.strip() and not l.startswith("#")}
    ids = {m["id"] for m in MANIFEST}
    for lang in GOLD:
        ids |= {d["id"] for d in GOLD[lang]} | {d["id"] for d in ENTITIES[lang]}
    for path in [*(CORPUS / "annotations").glob("*.jsonl"), *(CORPUS / "ner").glob("*.jsonl")]:
        ids |= {a["id"] for a in jsonl(path)}
    assert not ids & reserved


def test_a_story_never_spans_two_splits_and_test_is_a_fifth_or_more():
    split_of_story = defaultdict(set)
    for m in MANIFEST:
        split_of_story[(m["lang"], m["story"])].add(m["split"])
    assert all(len(s) == 1 for s in split_of_story.values())
    for lang in ("de", "en"):
        splits = Counter(m["split"] for m in MANIFEST if m["lang"] == lang)
        assert splits["test"] >= 0.2 * sum(splits.values()), splits


def test_split_gold_files_partition_the_gold():
    split_of = {m["id"]: m["split"] for m in MANIFEST}
    for lang, docs in GOLD.items():
        seen = []
        for split in ("train", "dev", "test"):
            part = jsonl(CORPUS / "splits" / f"{lang}-{split}.gold.jsonl")
            assert all(split_of[d["id"]] == split for d in part)
            seen += [d["id"] for d in part]
        assert sorted(seen) == sorted(d["id"] for d in docs)


def test_every_cooperation_is_well_formed_and_its_evidence_is_verbatim():
    """Every text this machine has is checked: the committed ones always, the rebuilt
    ones (FANG-COVID, 10kGNAD) where their snapshots are present."""
    text_of = texts()
    statuses = {"announced", "active", "planned", "talks", "failed", "ended"}
    checked = 0
    for lang, docs in GOLD.items():
        for doc in docs:
            for coop in doc["cooperations"]:
                assert len(coop["parties"]) >= 2 and all(p and all(p) for p in coop["parties"])
                assert coop["status"] in statuses and set(coop.get("status_accept", [])) <= statuses
                if doc["id"] in text_of:
                    for ev in coop["evidence"]:
                        assert ev in text_of[doc["id"]], (doc["id"], ev)
                    checked += 1
    assert checked > 0
    redistributable = {m["id"] for m in MANIFEST if m["source"] in ("reuters", "wikinews", "smartdata")}
    assert redistributable <= set(text_of)


def test_every_entity_span_matches_its_text():
    text_of = texts()
    for lang, docs in ENTITIES.items():
        for doc in docs:
            text = text_of[doc["id"]]  # entity articles come from redistributable sources
            for e in doc["entities"]:
                assert e["label"] in ("ORG", "PER")
                assert text[e["start"]:e["end"]] == e["text"], (doc["id"], e)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_corpus_reaches_its_size(lang):
    assert len(GOLD[lang]) >= 1000
    assert pair_count(GOLD[lang]) >= 700
    assert len(ENTITIES[lang]) >= 400


def test_doubly_annotated_articles_have_two_independent_annotations():
    for lang in ("de", "en"):
        first = {d["id"] for d in jsonl(CORPUS / "gold" / f"{lang}.first.jsonl")}
        second = {d["id"] for d in jsonl(CORPUS / "gold" / f"{lang}.second.jsonl")}
        assert first == second
        assert second <= {m["id"] for m in MANIFEST if m["double"]}


@pytest.mark.issue(13)
@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_party_has_its_knowledge_base_link(lang, split):
    """corpus/links (issue 13): each gold party of the dev and test splits, with the names
    the gold gives it, is annotated with a knowledge-base id that exists, or with null."""
    sys.path.insert(0, str(CORPUS / "tools"))
    from build_links import gold_parties

    from koop.kb import default_kb

    kb_ids = set(default_kb().orgs)
    links = {d["id"]: d for d in jsonl(CORPUS / "links" / f"{lang}-{split}.jsonl")}
    gold = {d["id"]: d for d in jsonl(CORPUS / "splits" / f"{lang}-{split}.gold.jsonl")}
    with_parties = {i for i, g in gold.items() if gold_parties(g)}
    assert set(links) == with_parties
    for doc_id, doc in links.items():
        assert [p["names"] for p in doc["parties"]] == gold_parties(gold[doc_id])
        assert all(p["kb"] is None or p["kb"] in kb_ids for p in doc["parties"])
