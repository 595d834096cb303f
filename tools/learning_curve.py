#!/usr/bin/env python
"""Learning curve and ablation of the pair and status models on a corpus split.

Trains the pair and status models on 25%, 50% and 100% of the train split
(fixed seed; thresholds tuned on the dev split as ``koop train`` does), runs
the pipeline with each over SPLIT, and scores it as ``koop eval`` does; the
first row is the rule engine alone (the learned stage off).

    python tools/learning_curve.py --lang de --split dev
    python tools/learning_curve.py --lang de --split dev --extra-dev ../shared/data/gnad-dev.gold.jsonl
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from koop import Pipeline
from koop.evaluate import score_coop
from koop.io.readers import record_to_article
from koop.pipeline.cooperations.learned import pair_model_path, status_model_path
from koop.training import pairs
from koop.training.data import DEFAULT_CORPUS, coop_split, gold_file, sample


def score(pipeline, docs: list[dict], gold: dict[str, dict], lang: str) -> dict:
    pred = {d["id"]: pipeline(record_to_article({**d, "lang": lang}, d["id"])).to_dict() for d in docs}
    return score_coop(gold, pred)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", default="de", choices=["de", "en"])
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--extra-dev", type=Path, action="append", default=[])
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    train_docs, train_gold = coop_split(DEFAULT_CORPUS, args.lang, "train")
    dev_docs, dev_gold = coop_split(DEFAULT_CORPUS, args.lang, "dev")
    for path in args.extra_dev:
        docs, gold = gold_file(path)
        dev_docs += docs
        dev_gold.update(gold)
    eval_docs, eval_gold = coop_split(DEFAULT_CORPUS, args.lang, args.split)
    nlp = pairs.rule_pipeline()
    train_ex_all = {d["id"]: [] for d in train_docs}
    for e in pairs.examples(train_docs, train_gold, args.lang, nlp):
        train_ex_all[e.doc].append(e)
    dev_ex = pairs.examples(dev_docs, dev_gold, args.lang, nlp)
    n_dev = pairs.n_gold_pairs(dev_gold, {d["id"] for d in dev_docs})
    rules = Pipeline(config={"koop.cooperations.v1": {"learned": False}})
    r = score(rules, eval_docs, eval_gold, args.lang)
    print(f"| rules alone | - | {r['f1']:.3f} ({r['precision']:.3f} / {r['recall']:.3f}) | {r['status_accuracy']} |")
    for share in (0.25, 0.5, 1.0):
        ids = sample(sorted(train_ex_all), round(share * len(train_ex_all)), args.seed)
        ex = [e for i in ids for e in train_ex_all[i]]
        pair_model, status_model, _fig = pairs.train(ex, dev_ex, n_dev, seed=args.seed)
        with tempfile.TemporaryDirectory() as tmp:
            pair_model.save(pair_model_path(args.lang, Path(tmp)))
            status_model.save(status_model_path(args.lang, Path(tmp)))
            learned = Pipeline(config={"koop.cooperations.v1": {"model_dir": tmp}})
            r = score(learned, eval_docs, eval_gold, args.lang)
        print(f"| model, {share:.0%} of train | {len(ids)} articles | {r['f1']:.3f} ({r['precision']:.3f} / "
              f"{r['recall']:.3f}) | {r['status_accuracy']} |")


if __name__ == "__main__":
    main()
