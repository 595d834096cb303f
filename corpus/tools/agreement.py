"""Inter-annotator agreement on the doubly annotated articles.

    python corpus/tools/agreement.py [--lang de|en] [--list]

Pairs are matched as the scorer matches them (normalised names, any alias of
one annotator's party matching any alias of the other's). Reports pair P/R/F1
of the second annotation against the first (F1 is symmetric), and status
agreement on the shared pairs: exact (same status) and accepted (the statuses
or status_accept lists overlap).
"""
from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus_files import CORPUS, read_jsonl  # noqa: E402

sys.path.insert(0, str(CORPUS.parent))
from koop.evaluate import norm_name  # noqa: E402


def pairs(doc: dict, alias: dict[str, str]) -> dict[frozenset, set]:
    """Pairs of a document, parties keyed through a shared alias table."""
    out: dict[frozenset, set] = {}
    for coop in doc.get("cooperations", []):
        keys = []
        for names in coop["parties"]:
            normed = [norm_name(n) for n in names]
            key = next((alias[n] for n in normed if n in alias), normed[0])
            for n in normed:
                alias.setdefault(n, key)
            keys.append(key)
        statuses = {coop["status"], *coop.get("status_accept", [])}
        for a, b in combinations(sorted(set(keys)), 2):
            out.setdefault(frozenset((a, b)), set()).update(statuses)
            out[frozenset((a, b))].add("=" + coop["status"])
    return out


def agreement(first: list[dict], second: list[dict], listing: bool = False) -> dict:
    by_id = {d["id"]: d for d in first}
    tp = fp = fn = exact = accepted = 0
    for doc2 in second:
        alias: dict[str, str] = {}
        p1 = pairs(by_id[doc2["id"]], alias)
        p2 = pairs(doc2, alias)
        for pair in p1.keys() | p2.keys():
            if pair in p1 and pair in p2:
                tp += 1
                s1 = {s for s in p1[pair] if s.startswith("=")}
                s2 = {s for s in p2[pair] if s.startswith("=")}
                exact += bool(s1 & s2)
                accepted += bool({s for s in p1[pair] if not s.startswith("=")} & {s for s in p2[pair] if not s.startswith("=")})
                if listing and not s1 & s2:
                    print(f"status {doc2['id']}: {sorted(pair)} {s1} vs {s2}")
            elif pair in p2:
                fp += 1
                if listing:
                    print(f"only second {doc2['id']}: {sorted(pair)}")
            else:
                fn += 1
                if listing:
                    print(f"only first  {doc2['id']}: {sorted(pair)}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"docs": len(second), "pairs_first": tp + fn, "pairs_second": tp + fp, "shared": tp,
            "pair_p": round(p, 3), "pair_r": round(r, 3), "pair_f1": round(f, 3),
            "status_exact": round(exact / tp, 3) if tp else None,
            "status_accepted": round(accepted / tp, 3) if tp else None}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=["de", "en"], action="append")
    ap.add_argument("--first", default="gold/{lang}.first.jsonl",
                    help="the first annotation (before adjudication); default %(default)s")
    ap.add_argument("--list", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    for lang in args.lang or ["de", "en"]:
        first = read_jsonl(CORPUS / args.first.format(lang=lang))
        second = read_jsonl(CORPUS / "gold" / f"{lang}.second.jsonl")
        print(lang, agreement(first, second, args.list))


if __name__ == "__main__":
    main()
