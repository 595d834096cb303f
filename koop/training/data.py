"""The corpus files training reads, found from the project checkout.

Training runs from a checkout (``corpus/`` beside the ``koop`` package);
``--corpus`` names another folder of the same layout. Texts come from
``corpus/texts/`` (the redistributable ones) and ``corpus/texts/rebuilt.jsonl``
(the others, after ``python corpus/tools/rebuild_texts.py``); an article whose
text is missing is left out and counted.
"""
from __future__ import annotations

import json
import logging
import random
from pathlib import Path

from ..errors import KoopError

log = logging.getLogger(__name__)

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def read_jsonl(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise KoopError("E010", path=path, reason=exc) from None


def texts(corpus: Path) -> dict[str, dict]:
    """Every article text the corpus folder holds or has rebuilt, by id."""
    out: dict[str, dict] = {}
    for name in ("de.jsonl", "en.jsonl", "rebuilt.jsonl"):
        path = corpus / "texts" / name
        if path.exists():
            out.update({r["id"]: r for r in read_jsonl(path)})
    return out


def sample(rows: list, n: int | None, seed: int) -> list:
    """``n`` rows drawn with a fixed seed (all of them when ``n`` is None)."""
    if n is None or n >= len(rows):
        return rows
    return random.Random(seed).sample(rows, n)


def coop_split(corpus: Path, lang: str, split: str, n: int | None = None,
               seed: int = 13) -> tuple[list[dict], dict[str, dict]]:
    """The articles (id, text, date) of a split and their gold, by id."""
    gold = {g["id"]: g for g in read_jsonl(corpus / "splits" / f"{lang}-{split}.gold.jsonl")}
    by_id = texts(corpus)
    docs = [{"id": i, "text": by_id[i]["text"], "date": g.get("date")} for i, g in gold.items() if i in by_id]
    if len(docs) < len(gold):
        log.warning("%s-%s: %d of %d articles have no text (run corpus/tools/rebuild_texts.py)",
                    lang, split, len(gold) - len(docs), len(gold))
    docs = sample(docs, n, seed)
    return docs, {d["id"]: gold[d["id"]] for d in docs}


def gold_file(path: Path) -> tuple[list[dict], dict[str, dict]]:
    """Articles and gold of a gold file with its sibling texts (X.gold.jsonl, X.jsonl)."""
    gold = {g["id"]: g for g in read_jsonl(path)}
    sibling = path.with_name(path.name.replace(".gold.jsonl", ".jsonl"))
    docs = [d for d in read_jsonl(sibling) if d["id"] in gold]
    return docs, gold


def ner_documents(corpus: Path, lang: str, split: str, n: int | None = None, seed: int = 13) -> list[dict]:
    """Texts with ORG/PER spans of one split; German training adds SmartData's own."""
    docs = read_jsonl(corpus / "splits" / f"{lang}-{split}.ner.jsonl")
    extra = corpus / "ner" / "smartdata-extra.jsonl"
    if lang == "de" and split == "train" and extra.exists():
        docs += read_jsonl(extra)
    return sample(docs, n, seed)
