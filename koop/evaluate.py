"""Scores extraction against gold files, with the same rules and figures as
the project's reference scorer (spec/COOPERATIONS.md): cooperation pairs after
name normalisation and gold aliases, and exact-span NER.
"""
from __future__ import annotations

import json
import re
import unicodedata
from itertools import combinations
from pathlib import Path
from typing import Iterable

from .errors import KoopError

LEGAL = re.compile(
    r"\b(ag|gmbh|se|kg|kgaa|ohg|ug|mbh|co|corp|corporation|inc|incorporated|ltd|limited|llc|plc|sa|s\.a|nv|bv|spa|ab|asa|oy|holding|holdings|group|gruppe|konzern)\b\.?"
)


def norm_name(name: str) -> str:
    """Normalise an organization name as the scorer does."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace("&", " and ")
    s = LEGAL.sub(" ", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def read_jsonl(path: str | Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    obj = json.loads(line)
                    out[str(obj["id"])] = obj
    except (OSError, json.JSONDecodeError, KeyError) as e:
        raise KoopError("E030", path=path, reason=e) from None
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def score_coop(gold: dict[str, dict], pred: dict[str, dict], errors: bool = False) -> dict:
    """Pair P/R/F1 and status accuracy (micro over documents)."""
    tp = fp = fn = ok = n = 0
    errs: list = []
    for did, g in gold.items():
        gold_pairs: dict[frozenset, set] = {}
        alias: dict[str, str] = {}
        for coop in g.get("cooperations", []):
            canon = []
            for names in coop["parties"]:
                names = [names] if isinstance(names, str) else names
                for nm in names:
                    alias.setdefault(norm_name(nm), names[0])
                canon.append(names[0])
            accepted = {coop["status"], *coop.get("status_accept", [])}
            for a, b in combinations(sorted(set(canon)), 2):
                gold_pairs.setdefault(frozenset((a, b)), set()).update(accepted)
        pred_pairs: dict[frozenset, str | None] = {}
        for coop in pred.get(did, {}).get("cooperations", []):
            parties = [alias.get(norm_name(str(p.get("name", "") if isinstance(p, dict) else p)),
                                 "?" + norm_name(str(p.get("name", "") if isinstance(p, dict) else p)))
                       for p in coop.get("parties", [])]
            for a, b in combinations(sorted(set(parties)), 2):
                pred_pairs.setdefault(frozenset((a, b)), coop.get("status"))
        for pair, st in pred_pairs.items():
            if pair in gold_pairs:
                tp += 1
                n += 1
                if st in gold_pairs[pair]:
                    ok += 1
                else:
                    errs.append((did, "status", sorted(pair), st, sorted(gold_pairs[pair])))
            else:
                fp += 1
                errs.append((did, "false positive", sorted(pair), st, None))
        for pair, sts in gold_pairs.items():
            if pair not in pred_pairs:
                fn += 1
                errs.append((did, "missed", sorted(pair), None, sorted(sts)))
    p, r, f = _prf(tp, fp, fn)
    empty = [d for d, g in gold.items() if not g.get("cooperations")]
    quiet = sum(1 for d in empty if not pred.get(d, {}).get("cooperations"))
    result = {"task": "coop", "docs": len(gold), "tp": tp, "fp": fp, "fn": fn,
              "precision": p, "recall": r, "f1": f,
              "status_accuracy": round(ok / n, 4) if n else None,
              "empty_gold_docs": len(empty),
              "empty_gold_docs_without_prediction": round(quiet / len(empty), 4) if empty else None}
    if errors:
        result["errors"] = errs
    return result


def score_ner(gold: dict[str, dict], pred: dict[str, dict], labels: Iterable[str] = ("ORG", "PER"),
              errors: bool = False) -> dict:
    """Exact-span micro P/R/F1 per label and overall."""
    labels = list(labels)
    counts = {lab: [0, 0, 0] for lab in labels}
    errs: list = []
    for did, g in gold.items():
        gs = {(e["start"], e["end"], e["label"]) for e in g.get("entities", []) if e["label"] in labels}
        ps = {(e["start"], e["end"], e["label"]) for e in pred.get(did, {}).get("entities", [])
              if e.get("label") in labels}
        for lab in labels:
            gl = {x for x in gs if x[2] == lab}
            pl = {x for x in ps if x[2] == lab}
            counts[lab][0] += len(gl & pl)
            counts[lab][1] += len(pl - gl)
            counts[lab][2] += len(gl - pl)
        if errors:
            text = g.get("text", "")
            errs += [(did, "fp", lab, text[s:e]) for s, e, lab in sorted(ps - gs)]
            errs += [(did, "fn", lab, text[s:e]) for s, e, lab in sorted(gs - ps)]
    result: dict = {"task": "ner", "docs": len(gold), "labels": {}}
    tot = [0, 0, 0]
    for lab, (tp, fp, fn) in counts.items():
        p, r, f = _prf(tp, fp, fn)
        result["labels"][lab] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}
        tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
    p, r, f = _prf(*tot)
    result.update({"precision": p, "recall": r, "f1": f})
    if errors:
        result["errors"] = errs
    return result


def summary_line(result: dict) -> str:
    """The one-line summary printed after the JSON, as the reference scorer does."""
    if result["task"] == "coop":
        return (f"coop pairs: P={result['precision']:.3f} R={result['recall']:.3f} "
                f"F1={result['f1']:.3f} status={result['status_accuracy']} "
                f"(tp={result['tp']} fp={result['fp']} fn={result['fn']}, {result['docs']} docs)")
    per = " ".join(f"{lab}={v['f1']:.3f}" for lab, v in result["labels"].items())
    return (f"ner: micro F1={result['f1']:.3f} P={result['precision']:.3f} "
            f"R={result['recall']:.3f} {per} ({result['docs']} docs)")


def texts_for_gold(gold_path: str | Path) -> Path | None:
    """The sibling input file ``X.jsonl`` of ``X.gold.jsonl`` (None if absent)."""
    p = Path(gold_path)
    if p.name.endswith(".gold.jsonl"):
        sib = p.with_name(p.name[: -len(".gold.jsonl")] + ".jsonl")
        if sib.exists():
            return sib
    return None
