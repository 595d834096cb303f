"""Check an annotation file against its articles: shape, statuses, verbatim evidence, names.

    python corpus/tools/validate_annotations.py ARTICLES.jsonl ANNOTATIONS.jsonl

Prints one line per problem and a summary; exit 1 when anything is wrong.
Annotators run it on their own batch before they finish.
"""
from __future__ import annotations

import json
import re
import sys

STATUSES = {"announced", "active", "planned", "talks", "failed", "ended"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LABELS = {"ORG", "PER"}


def problems(article: dict, ann: dict) -> list[str]:
    text = article["text"]
    out = []
    coops = ann.get("cooperations")
    if not isinstance(coops, list):
        return ["'cooperations' must be a list"]
    for k, c in enumerate(coops):
        where = f"cooperation {k}"
        parties = c.get("parties")
        if not isinstance(parties, list) or len(parties) < 2:
            out.append(f"{where}: needs two or more parties"); continue
        canon = []
        for p in parties:
            if not isinstance(p, list) or not p or not all(isinstance(n, str) and n.strip() for n in p):
                out.append(f"{where}: each party is a non-empty list of names"); break
            canon.append(p[0].casefold())
            if not any(n in text for n in p):
                out.append(f"{where}: no name of party {p[0]!r} occurs verbatim in the text (add the form the text uses)")
        if len(set(canon)) < len(canon):
            out.append(f"{where}: a party is listed twice")
        if c.get("status") not in STATUSES:
            out.append(f"{where}: status {c.get('status')!r} is not one of {sorted(STATUSES)}")
        acc = c.get("status_accept", [])
        if not isinstance(acc, list) or any(s not in STATUSES for s in acc):
            out.append(f"{where}: status_accept must be a list of statuses")
        since = c.get("since")
        if since is not None and not (isinstance(since, str) and DATE.match(since)):
            out.append(f"{where}: since {since!r} must be null or YYYY, YYYY-MM, YYYY-MM-DD")
        ev = c.get("evidence")
        if not isinstance(ev, list) or not ev:
            out.append(f"{where}: evidence must be a non-empty list of sentences")
        else:
            for e in ev:
                if not isinstance(e, str) or e not in text:
                    out.append(f"{where}: evidence not verbatim in the text: {str(e)[:80]!r}")
    if article.get("entities"):
        ents = ann.get("entities")
        if not isinstance(ents, list):
            out.append("'entities' (a list) is required for this article")
        else:
            for e in ents:
                if not isinstance(e, dict) or e.get("label") not in LABELS or not e.get("text"):
                    out.append(f"entity {e!r}: needs text and label ORG or PER")
                elif e["text"] not in text:
                    out.append(f"entity {e['text']!r} does not occur in the text")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__); return 2
    articles = {json.loads(l)["id"]: json.loads(l) for l in open(argv[0], encoding="utf-8")}
    seen, bad = set(), 0
    for n, line in enumerate(open(argv[1], encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            ann = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"line {n}: not JSON ({exc})"); bad += 1; continue
        aid = ann.get("id")
        if aid not in articles:
            print(f"line {n}: unknown id {aid!r}"); bad += 1; continue
        if aid in seen:
            print(f"line {n}: {aid} annotated twice (keep one line per article)"); bad += 1
        seen.add(aid)
        for p in problems(articles[aid], ann):
            print(f"line {n} {aid}: {p}"); bad += 1
    missing = [a for a in articles if a not in seen]
    print(f"{len(seen)} of {len(articles)} articles annotated, {len(missing)} to go, {bad} problems")
    if missing:
        print("next to annotate:", ", ".join(missing[:5]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
