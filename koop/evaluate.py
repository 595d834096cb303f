"""Scores extraction against gold files, with the same rules and figures as
the project's reference scorer (spec/COOPERATIONS.md): cooperation pairs after
name normalisation and gold aliases, and exact-span NER. A predicted party is
matched by its name in ``parties`` only, as the reference scorer matches it.
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
    n = 0
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    obj = json.loads(line)
                    if not isinstance(obj, dict) or "id" not in obj:
                        raise KoopError("E030", path=path, reason=f"line {n} is not a JSON object "
                                                                  "with an 'id'")
                    out[str(obj["id"])] = obj
    except json.JSONDecodeError as e:
        raise KoopError("E030", path=path, reason=f"line {n} is not JSON ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise KoopError("E030", path=path, reason=e) from None
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def _coop_error(doc: str, kind: str, pair: frozenset, predicted: str | None,
                gold: set | None) -> dict:
    """One scoring error as a record: the pair's names ("?" marks a name the gold
    file does not know), the predicted status and the gold statuses."""
    return {"doc": doc, "kind": kind, "pair": sorted(pair), "predicted": predicted,
            "gold": sorted(gold) if gold else None}


def _gold_names(coop: dict, alias: dict[str, str]) -> list[str]:
    """A predicted cooperation's parties as the gold file's canonical names, matched
    through the gold aliases; an unknown one is "?" + its normalised name."""
    out = []
    for p in coop.get("parties", []):
        name = str(p.get("name", "") if isinstance(p, dict) else p)
        out.append(alias.get(norm_name(name), "?" + norm_name(name)))
    return out


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
            parties = _gold_names(coop, alias)
            for a, b in combinations(sorted(set(parties)), 2):
                pred_pairs.setdefault(frozenset((a, b)), coop.get("status"))
        for pair, st in pred_pairs.items():
            if pair in gold_pairs:
                tp += 1
                n += 1
                if st in gold_pairs[pair]:
                    ok += 1
                else:
                    errs.append(_coop_error(did, "wrong status", pair, st, gold_pairs[pair]))
            else:
                fp += 1
                errs.append(_coop_error(did, "false positive", pair, st, None))
        for pair, sts in gold_pairs.items():
            if pair not in pred_pairs:
                fn += 1
                errs.append(_coop_error(did, "missed", pair, None, sts))
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
            errs += [{"doc": did, "kind": "false positive", "label": lab, "text": text[s:e],
                      "start": s, "end": e} for s, e, lab in sorted(ps - gs)]
            errs += [{"doc": did, "kind": "missed", "label": lab, "text": text[s:e],
                      "start": s, "end": e} for s, e, lab in sorted(gs - ps)]
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


def error_lines(result: dict) -> list[str]:
    """``--errors`` for people: one line per error, under a count."""
    errs = result.get("errors") or []
    lines = [f"{len(errs)} error{'' if len(errs) == 1 else 's'}" + (":" if errs else ".")]
    for e in errs:
        if result["task"] == "coop":
            what = " + ".join(e["pair"])
            if e["kind"] == "missed":
                detail = f"gold status {'/'.join(e['gold'])}"
            elif e["kind"] == "false positive":
                detail = f"predicted {e['predicted']}"
            else:
                detail = f"predicted {e['predicted']}, gold {'/'.join(e['gold'])}"
            lines.append(f"  {e['doc']}: {e['kind']}: {what} ({detail})")
        else:
            lines.append(f"  {e['doc']}: {e['kind']} {e['label']} \"{e['text']}\" "
                         f"[{e['start']}:{e['end']}]")
    return lines


def check_gold(gold: dict[str, dict], path: str | Path, task: str) -> None:
    """Refuse a file that is not a gold file of ``task`` (each line must carry
    ``cooperations`` for coop, ``entities`` and ``text`` for ner): scoring it
    would print F1 = 0 for nothing. Raises KoopError E033."""
    if not gold:
        raise KoopError("E033", path=path, reason="it has no lines")
    key = "cooperations" if task == "coop" else "entities"
    for did, g in gold.items():
        if not isinstance(g.get(key), list):
            found = ", ".join(sorted(g)) or "none"
            raise KoopError("E033", path=path, reason=(
                f"document '{did}' has no '{key}' list (its keys: {found}); a {task} gold file "
                f"has one per line" + ("; is this the texts file of a gold file?"
                                       if "text" in g and task == "coop" else "")))
        if task == "ner" and "text" not in g:
            raise KoopError("E033", path=path, reason=f"document '{did}' has entities but no 'text'")
        for coop in g.get("cooperations") or []:
            parties = coop.get("parties") if isinstance(coop, dict) else None
            if not isinstance(parties, list) or len(parties) < 2 or "status" not in coop:
                raise KoopError("E033", path=path, reason=(
                    f"document '{did}' has a cooperation without two 'parties' and a 'status'"))


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
