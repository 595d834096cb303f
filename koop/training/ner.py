"""Trains the entity recogniser (a CRF, python-crfsuite) for one language.

The finders run over each training text first (koop's pipeline up to the
entity stage, with the learned recogniser off), so the model learns from the
same features it sees at extraction time, the finders' reading among them.
"""
from __future__ import annotations

import logging
import random
from pathlib import Path

from ..article import Article
from ..kb import default_kb
from ..pipeline import lexicon as lx
from ..pipeline.entities.crf_features import article_features, bio_labels, spans_from_labels

log = logging.getLogger(__name__)

FINDER_STAGES = ("koop.language.v1", "koop.segment.v1", "koop.dates.v1", "koop.entities.v1")
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}


def finder_pipeline():
    from ..pipeline.runner import Pipeline

    return Pipeline(stages=FINDER_STAGES, config={"koop.entities.v1": {"learned": False}})


def featurize(docs: list[dict], lang: str, nlp=None) -> list[tuple]:
    """(article, units, features, gold labels) per document."""
    nlp = nlp or finder_pipeline()
    kb, first = getattr(nlp, "kb", None) or default_kb(), frozenset(lx.first_names())
    out = []
    for d in docs:
        a = nlp(Article(id=d["id"], text=d["text"], lang=lang))
        us, feats = article_features(a, kb, first)
        if us:
            out.append((a, us, feats, bio_labels(us, d["entities"]), d["entities"]))
    return out


def train(docs: list[dict], lang: str, out: Path, params: dict | None = None, seed: int = 13) -> Path:
    """Fits the CRF on ``docs`` and writes it to ``out``."""
    import pycrfsuite

    data = featurize(docs, lang)
    random.Random(seed).shuffle(data)  # crfsuite's L-BFGS is deterministic given the order
    trainer = pycrfsuite.Trainer(verbose=False)
    for _a, _us, feats, labels, _gold in data:
        trainer.append(feats, labels)
    trainer.set_params({**PARAMS, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    log.info("trained %s on %d documents", out, len(data))
    return out


def evaluate(model: Path, docs: list[dict], lang: str) -> dict:
    """Exact-span ORG+PER precision, recall and F1 of the model on ``docs``."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    tp = fp = fn = 0
    for a, us, feats, _labels, gold in featurize(docs, lang):
        pred = set(spans_from_labels(a.text, us, tagger.tag(feats)))
        want = {(e["start"], e["end"], e["label"]) for e in gold if e["label"] in ("ORG", "PER")}
        tp += len(pred & want)
        fp += len(pred - want)
        fn += len(want - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"docs": len(docs), "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
