"""Trains the pair classifier and the status classifier for one language.

Each article of a split runs through koop with the learned cooperation stage
off (the entity stage as shipped), so the candidates and the rule engine's
findings are what extraction will see. A candidate is positive when both of
its organizations match gold parties (by the scorer's name normalisation and
the gold alias lists) that the gold pairs together; the status model learns
the gold status of the positive ones. Logistic regression (scikit-learn),
saved as a LinearModel; the decision threshold is the one that maximises pair
F1 on the dev split.
"""
from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from itertools import combinations

from ..article import Article
from ..evaluate import norm_name
from ..kb import default_kb
from ..linear_model import LinearModel
from ..pipeline.cooperations.candidates import ArticleFacts, Candidate, candidates, features
from ..pipeline.cooperations.learned import blocked

log = logging.getLogger(__name__)


@dataclass
class Example:
    doc: str
    features: dict[str, float]
    label: bool
    statuses: set[str]
    status: str | None
    pair: frozenset | None = None  # the gold pair a positive candidate is (several may be one)


def rule_pipeline(model_dir=None):
    """koop's pipeline with the cooperation models off (entities from ``model_dir``'s
    recogniser when it holds one for the language, else the finders)."""
    from ..pipeline.runner import Pipeline

    config = {"koop.cooperations.v1": {"learned": False}}
    if model_dir is not None:
        config["koop.entities.v1"] = {"model_dir": str(model_dir)}
    return Pipeline(config=config)


def gold_pairs(gold: dict) -> tuple[dict[str, str], dict[frozenset, tuple[str, set[str]]]]:
    """The gold alias table (normalised name -> party key) and pairs with status."""
    alias: dict[str, str] = {}
    pairs: dict[frozenset, tuple[str, set[str]]] = {}
    for coop in gold.get("cooperations", []):
        keys = []
        for names in coop["parties"]:
            key = norm_name(names[0])
            for n in names:
                alias.setdefault(norm_name(n), key)
            keys.append(alias.get(norm_name(names[0]), key))
        accepted = {coop["status"], *coop.get("status_accept", [])}
        for x, y in combinations(sorted(set(keys)), 2):
            prev = pairs.get(frozenset((x, y)))
            pairs[frozenset((x, y))] = (coop["status"], accepted | (prev[1] if prev else set()))
    return alias, pairs


def org_key(kb, c: Candidate, side: str, alias: dict[str, str]) -> str | None:
    """The gold party an organization of the candidate is, by any of its names; a
    near-identical spelling counts ("Petroles de Venezuela" for "Petroleos de
    Venezuela"), so that a typo in the text does not teach the model a false negative."""
    from rapidfuzz import fuzz

    oid = c.a if side == "a" else c.b
    ms = c.mentions_a if side == "a" else c.mentions_b
    names = [m.text for m in ms if m.kind in ("name", "brand")] + [m.canonical or "" for m in ms]
    org = kb.orgs.get(oid)
    if org is not None:
        names.append(org.name)
    normed = [n for n in (norm_name(x) for x in names) if n]
    for n in normed:
        if n in alias:
            return alias[n]
    for n in normed:
        for known, key in alias.items():
            if len(n) >= 6 and fuzz.ratio(n, known) >= 90:
                return key
    return None


def examples(docs: list[dict], gold: dict[str, dict], lang: str, nlp=None) -> list[Example]:
    nlp = nlp or rule_pipeline()
    kb = getattr(nlp, "kb", None) or default_kb()  # the pipeline's own KB
    out = []
    for d in docs:
        a = nlp(Article(id=d["id"], text=d["text"], date=d.get("date"), lang=lang))
        alias, pairs = gold_pairs(gold.get(d["id"], {}))
        facts = ArticleFacts(a, lang, a.cooperations)
        for c in candidates(a, a.cooperations):
            ka, kb_ = org_key(kb, c, "a", alias), org_key(kb, c, "b", alias)
            hit = pairs.get(frozenset((ka, kb_))) if ka and kb_ and ka != kb_ else None
            out.append(Example(d["id"], features(facts, c, kb), hit is not None,
                               hit[1] if hit else set(), hit[0] if hit else None,
                               frozenset((d["id"], ka, kb_)) if hit else None))
    return out


def _fit(xs: list[dict[str, float]], ys: list, C: float, seed: int, class_weight=None):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform(xs)
    clf = LogisticRegression(C=C, max_iter=3000, random_state=seed, class_weight=class_weight)
    clf.fit(X, ys)
    return vec, clf


def to_linear(vec, clf, meta: dict) -> LinearModel:
    names = vec.get_feature_names_out()
    coef = clf.coef_
    classes = [str(c) for c in clf.classes_]
    weights = {}
    for j, name in enumerate(names):
        col = [float(coef[k, j]) for k in range(coef.shape[0])]
        if any(abs(x) > 1e-6 for x in col):
            weights[name] = col
    return LinearModel(classes, weights, [float(b) for b in clf.intercept_], meta)


def pair_f1(chosen: list[bool], exs: list[Example], n_gold: int) -> float:
    """Pair F1 of a choice of candidates (two candidates that are one gold pair count once)."""
    tp = len({e.pair for c, e in zip(chosen, exs) if c and e.label})
    fp = sum(1 for c, e in zip(chosen, exs) if c and not e.label)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def best_threshold(probs: list[float], exs: list[Example], n_gold: int) -> tuple[float, float]:
    """The probability threshold with the best pair F1."""
    best = (0.5, 0.0)
    for t in [x / 100 for x in range(5, 96)]:
        f = pair_f1([p >= t for p in probs], exs, n_gold)
        if f > best[1]:
            best = (t, f)
    return best


def best_thresholds(probs: list[float], exs: list[Example], n_gold: int) -> tuple[float, float, float]:
    """Two thresholds: a pair the rule engine found stays unless its probability is
    below ``veto``; any other pair needs ``threshold``. Best pair F1 on ``exs``."""
    rule = ["rule" in e.features for e in exs]
    free = [not blocked(e.features) for e in exs]
    best = (0.5, 0.0, 0.0)
    for t in [x / 100 for x in range(5, 96, 2)]:
        for v in [x / 100 for x in range(0, 61, 2)]:
            f = pair_f1([(p >= t and ok) or (r and p >= v) for p, r, ok in zip(probs, rule, free)], exs, n_gold)
            if f > best[2]:
                best = (t, v, f)
    return best


def n_gold_pairs(gold: dict[str, dict], ids: set[str]) -> int:
    return sum(len(gold_pairs(g)[1]) for i, g in gold.items() if i in ids)


def train(train_ex: list[Example], dev_ex: list[Example], n_dev_gold: int, C: float = 1.0,
          seed: int = 13) -> tuple[LinearModel, LinearModel, dict]:
    """Pair and status models; the threshold is tuned on dev."""
    rng = random.Random(seed)
    train_ex = list(train_ex)
    rng.shuffle(train_ex)
    vec, clf = _fit([e.features for e in train_ex], [int(e.label) for e in train_ex], C, seed)
    pair = to_linear(vec, clf, {})
    probs = [pair.proba(e.features)["1"] for e in dev_ex]
    threshold, veto, dev_f1 = best_thresholds(probs, dev_ex, n_dev_gold)
    pos = [e for e in train_ex if e.label]
    svec, sclf = _fit([e.features for e in pos], [e.status for e in pos], C, seed)
    status = to_linear(svec, sclf, {})
    dev_pos = [e for e in dev_ex if e.label]
    ok = sum(1 for e in dev_pos if max((p := status.proba(e.features)), key=p.get) in e.statuses)
    figures = {"threshold": threshold, "veto": veto, "dev_pair_f1_of_candidates": round(dev_f1, 4),
               "dev_status_accuracy_on_gold_pairs": round(ok / len(dev_pos), 4) if dev_pos else None,
               "train_candidates": len(train_ex), "train_positive": len(pos), "C": C}
    pair.meta = dict(figures)
    status.meta = dict(figures)
    return pair, status, figures
