"""``koop train``: every model rebuilt from corpus/, with fixed seeds.

Order matters: the pair and status models read the entities the recogniser
finds, so the recogniser is trained (or left out) first and the pair models
are trained on what the pipeline with it extracts.
"""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Callable

from ..pipeline.cooperations.learned import pair_model_path, status_model_path
from ..pipeline.entities.learned import model_path as ner_model_path
from . import ner, pairs
from .data import coop_split, gold_file, ner_documents

log = logging.getLogger(__name__)

# What koop ships, and so what ``koop train`` rebuilds by default: the German pair and
# status models. The other models are trained on request (--lang en, --ner-lang) into
# --out for experiments; they do not beat the rules yet on the dev splits (figures and
# reasons in koop/models/MODEL_CARD.md).
SHIPPED_LANGS = ("de",)
NER_LANGS: tuple[str, ...] = ()


def train_ner(corpus: Path, out: Path, lang: str, sample: int | None, seed: int) -> dict:
    docs = ner_documents(corpus, lang, "train", sample, seed)
    path = ner.train(docs, lang, ner_model_path(lang, out), seed=seed)
    dev = ner.evaluate(path, ner_documents(corpus, lang, "dev", sample, seed), lang)
    return {"model": path.name, "train_docs": len(docs), "dev": dev}


def train_pairs(corpus: Path, out: Path, lang: str, sample: int | None, seed: int,
                extra_dev: list[Path], C: float = 0.3) -> dict:
    nlp = pairs.rule_pipeline(model_dir=out)
    train_docs, train_gold = coop_split(corpus, lang, "train", sample, seed)
    dev_docs, dev_gold = coop_split(corpus, lang, "dev", sample, seed)
    for path in extra_dev:  # another dev set of this language (e.g. the visible reuters-dev)
        docs, gold = gold_file(path)
        docs = [d for d in docs if (d.get("lang") or lang) == lang]
        dev_docs += docs
        dev_gold.update({d["id"]: gold[d["id"]] for d in docs})
    train_ex = pairs.examples(train_docs, train_gold, lang, nlp)
    dev_ex = pairs.examples(dev_docs, dev_gold, lang, nlp)
    n_dev = pairs.n_gold_pairs(dev_gold, {d["id"] for d in dev_docs})
    pair_model, status_model, figures = pairs.train(train_ex, dev_ex, n_dev, C=C, seed=seed)
    meta = {"lang": lang, "train_docs": len(train_docs), "dev_docs": len(dev_docs),
            "extra_dev": [p.name for p in extra_dev], "seed": seed}
    pair_model.meta.update(meta)
    status_model.meta.update(meta)
    pair_model.save(pair_model_path(lang, out))
    status_model.save(status_model_path(lang, out))
    return {**figures, **meta}


def train_all(corpus: Path, out: Path, langs: list[str], what: str = "all", sample: int | None = None,
              seed: int = 13, extra_dev: dict[str, list[Path]] | None = None,
              ner_langs: tuple[str, ...] = NER_LANGS, echo: Callable[[str], None] = print) -> dict:
    """Trains what ``what`` names (ner, pairs or all) for each language; returns the figures."""
    out.mkdir(parents=True, exist_ok=True)
    report: dict = {}
    for lang in langs:
        report[lang] = {}
        if what in ("ner", "all") and lang in ner_langs:
            t = time.time()
            echo(f"{lang}: training the entity recogniser ...")
            report[lang]["ner"] = r = train_ner(corpus, out, lang, sample, seed)
            echo(f"{lang}: recogniser dev ORG+PER F1 {r['dev']['f1']:.3f} ({time.time() - t:.0f} s)")
        elif what in ("ner", "all"):
            ner_model_path(lang, out).unlink(missing_ok=True)
            echo(f"{lang}: no learned recogniser (the finders decide; see NER_LANGS)")
        if what in ("pairs", "all"):
            t = time.time()
            echo(f"{lang}: training the pair and status models ...")
            report[lang]["pairs"] = r = train_pairs(corpus, out, lang, sample, seed,
                                                    (extra_dev or {}).get(lang, []))
            echo(f"{lang}: pair F1 on dev candidates {r['dev_pair_f1_of_candidates']:.3f}, "
                 f"status accuracy {r['dev_status_accuracy_on_gold_pairs']}, thresholds "
                 f"{r['threshold']}/{r['veto']} ({time.time() - t:.0f} s)")
    (out / "training-report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report
