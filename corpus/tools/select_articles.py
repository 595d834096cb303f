"""Choose the corpus articles: ~60% likely to report cooperations, the rest at random.

Run once; the choice is written to corpus/manifest.jsonl and never re-drawn
(annotations are tied to it). Reserved articles (../shared/data/reserved-ids.txt),
the visible dev sets, and any article whose TF-IDF cosine to a reserved article
is high (another outlet's copy of the same story) are dropped first.

    python corpus/tools/select_articles.py --pool /work/corpus-work/pool.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).parent))
import sources  # noqa: E402
from corpus_files import REDISTRIBUTABLE, sha256  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
RESERVED_COSINE = 0.5     # same story as a reserved article: drop
STORY_COSINE = 0.5        # same story within the corpus: one split
DUPLICATE_COSINE = 0.8    # near-copy within the corpus: keep one

CUES = {
    "en": [r"joint[- ]venture", r"partnership", r"\balliance", r"consortium", r"cooperat",
           r"co-operat", r"collaborat", r"team(ed)? up", r"\bjointly\b", r"letter of intent",
           r"\btalks (with|on|about)\b", r"negotiat", r"licen[cs]e? agreement", r"licensing",
           r"tie-?up", r"link(ed)? up", r"\bpact\b", r"agreed to (develop|form|set up|market|produce|build|explore)",
           r"memorandum of understanding", r"\bpartners?\b"],
    "de": [r"[Kk]ooperation", r"kooperier", r"[Zz]usammenarbeit", r"zusammen(zu)?arbeiten", r"[Pp]artnerschaft",
           r"Gemeinschaftsunternehmen", r"Joint[- ]Venture", r"[Aa]llianz", r"Konsortium", r"Bündnis",
           r"gemeinsam (mit|entwickel|betreib|gründ)", r"Absichtserklärung", r"[Vv]erhandlungen mit",
           r"Gespräche (mit|über)", r"Lizenz", r"zusammenschließen|zusammengeschlossen|schließen sich",
           r"Forschungs(projekt|verbund)", r"\bPartner\b", r"\bPakt\b", r"Rahmenvertrag"],
}

# (keyword, random) articles per source. German: the reserved and dev sets hold most
# cooperation-rich 10kGNAD and SmartData articles, so FANG-COVID supplies the keyword
# share; SmartData news carry entity spans, so they take most of the random share.
PLAN = {
    "en": {"reuters": (680, 400)},
    "de": {"smartdata": (30, 390), "fangcovid": (490, 30), "wikinews": (70, 20), "gnad": (10, 10)},
}
LENGTH = {"en": (250, 5000), "de": (300, 6000)}


STRONG = 12  # the first cues of each list name a cooperation outright; the rest only hint at one


def cue_score(rec: dict, cues: list[re.Pattern]) -> float:
    """Distinct cues found, the strong ones counting twice, the title's twice again."""
    text, title = rec["text"], rec.get("title") or ""
    weight = [2 if k < STRONG else 1 for k in range(len(cues))]
    return (sum(w for c, w in zip(cues, weight) if c.search(text))
            + 2 * sum(w for c, w in zip(cues, weight) if c.search(title)))


# A second, sharper selection (--extend). Measured on the first 800 annotated
# articles, its chosen articles held about 1.1 gold pairs each (English, score >= 3;
# German, score >= 2) against about 0.4 for the cue counts above.
SENTENCE_CUES = {
    "en": re.compile(r"joint[- ]venture|partnership|\balliance|consortium|co-?operat(ion|ive|e)|collaborat|"
                     r"team(ed)? up|letter of intent|memorandum of understanding|tie-?up|"
                     r"jointly (develop|produce|market|own|build)|agreed to (form|develop|set up|establish)|"
                     r"venture with|talks with", re.I),
    "de": re.compile(r"[Kk]ooperation|kooperier|[Zz]usammenarbeit|zusammen(zu)?arbeiten|arbeite[nt]? .{0,40}zusammen|"
                     r"[Pp]artnerschaft|Gemeinschaftsunternehmen|Joint[- ]Venture|[Aa]llianz|Konsortium|"
                     r"Absichtserklärung|Partner\w*|Vereinbarung|Lizenz\w*"),
}
ORG_HINTS = {
    "en": re.compile(r"<[^>]+>|\b(Inc|Corp|Co|Ltd|Plc|PLC|AG|SA|NV|Group|Bank|Industries)\b"),
    "de": re.compile(r"\b(AG|GmbH|SE|Inc|Ltd|Corp|Konzern\w*|Unternehmen\w*|Hersteller\w*)\b"),
}
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n")


_HEADLINE = re.compile(r"VENTURE|PACT|ALLIANCE|TALKS|AGREEMENT|ACCORD|TEAM|COOPERAT|LINK|JOINT")
EXTEND_MIN = {"en": 3, "de": 1}


def sentence_score(rec: dict) -> int:
    """English: sentences where a cooperation word meets organization hints (two
    hints count double), plus the headline. German: cooperation words in an
    article that names two organizations."""
    text = rec["text"]
    if rec["lang"] == "en":
        sents = _SENTENCES.split(text)
        hints = [len(ORG_HINTS["en"].findall(s)) if SENTENCE_CUES["en"].search(s) else 0 for s in sents]
        headline = bool(SENTENCE_CUES["en"].search(sents[0]) or _HEADLINE.search(sents[0]))
        return sum(2 if h >= 2 else 1 for h in hints if h) + 2 * headline
    if len(ORG_HINTS["de"].findall(text)) < 2:
        return 0
    return len(SENTENCE_CUES["de"].findall(text))


def reserved_ids() -> set[str]:
    return {l.strip() for l in open(SHARED / "reserved-ids.txt") if l.strip() and not l.startswith("#")}


def dev_ids() -> set[str]:
    ids = set()
    for name in ("gnad-dev.jsonl", "reuters-dev.jsonl", "seeds.jsonl"):
        ids |= {json.loads(l)["id"] for l in open(SHARED / name)}
    ids |= {"smartdata:" + json.loads(l)["id"] for l in open(SHARED / "smartdata-dev.jsonl")}
    return ids


def reserved_texts(reserved: set[str]) -> dict[str, str]:
    """Texts of the reserved articles, from every split of their source."""
    out = {}
    for rec in sources.read_reuters(sources.git_dir("reuters"), split="TEST"):
        if rec["id"] in reserved:
            out[rec["id"]] = rec["text"]
    for rec in sources.read_reuters(sources.git_dir("reuters"), split="TRAIN"):
        if rec["id"] in reserved:
            out[rec["id"]] = rec["text"]
    for rec in sources.read_wikinews(sources.git_dir("wikinews")):
        if rec["id"] in reserved:
            out[rec["id"]] = rec["text"]
    for rec in sources.read_gnad(sources.git_dir("gnad")):
        if rec["id"] in reserved:
            out[rec["id"]] = rec["text"]
    fang = [f"articles/{r.split('-', 1)[1]}.json" for r in reserved if r.startswith("fangcovid-")]
    gd = sources.git_dir("fangcovid")
    for path in fang:
        doc = json.loads(sources.git_show(gd, path))
        out["fangcovid-" + Path(path).stem] = sources.fangcovid_text(doc)
    sd = sources.git_dir("smartdata")
    for doc in sources.smartdata_split(sd, "v3_20200302/test.json.gz"):
        out["smartdata:" + doc["id"]] = doc["text"]["string"]
    return out


def build_pool(path: Path) -> None:
    with open(path, "w") as fh:
        for name, reader in sources.READERS.items():
            for rec in reader(sources.git_dir(name)):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pool", type=Path, default=Path("/work/corpus-work/pool.jsonl"))
    ap.add_argument("--out", type=Path, default=ROOT / "corpus" / "manifest.jsonl")
    ap.add_argument("--seed", type=int, default=20261208)
    ap.add_argument("--extend", nargs=2, type=int, metavar=("N_DE", "N_EN"),
                    help="add N keyword articles per language to an existing manifest (sharper selection)")
    ap.add_argument("--ranked", action="store_true",
                    help="with --extend: rank candidates by a classifier trained on the annotated "
                         "train and dev articles (does the article report a cooperation?)")
    ap.add_argument("--split", choices=["train", "dev", "test"], default=None,
                    help="with --extend: new stories go to this split (default: drawn 60/15/25); "
                         "a story already in the corpus keeps its split")
    args = ap.parse_args(argv)
    if not args.pool.exists():
        build_pool(args.pool)
    pool = [json.loads(l) for l in open(args.pool)]
    reserved, dev = reserved_ids(), dev_ids()
    v3_test = {"smartdata:" + d["id"] for d in sources.smartdata_split(sources.git_dir("smartdata"), "v3_20200302/test.json.gz")}
    pool = [r for r in pool if r["id"] not in reserved | dev | v3_test]
    rtexts = reserved_texts(reserved)
    rng = random.Random(args.seed)
    if args.extend:
        extend(pool, rtexts, dict(zip(("de", "en"), args.extend)), args.out, rng, ranked=args.ranked,
               split=args.split)
        return
    chosen = []
    for lang, plan in PLAN.items():
        cands = [r for r in pool if r["lang"] == lang and LENGTH[lang][0] <= len(r["text"]) <= LENGTH[lang][1]]
        vec = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5)
        X = vec.fit_transform([r["text"] for r in cands])
        R = vec.transform(list(rtexts.values()))
        near_reserved = np.asarray((X @ R.T).max(axis=1).todense()).ravel()
        keep = [i for i in range(len(cands)) if near_reserved[i] < RESERVED_COSINE]
        print(f"{lang}: {len(cands)} candidates, {len(cands) - len(keep)} dropped as copies of reserved stories")
        cues = [re.compile(c) for c in CUES[lang]]
        taken: list[int] = []

        def fresh(i):  # not a near-copy of an article already taken
            if not taken:
                return True
            return (X[i] @ X[taken].T).max() < DUPLICATE_COSINE

        def take(order, n, selection):  # the first n fresh articles of ``order``
            got = 0
            for i in order:
                if got >= n:
                    break
                if fresh(i):
                    taken.append(i)
                    cands[i]["selection"] = selection
                    got += 1
            return got

        for source, (n_kw, n_rand) in plan.items():
            idx = [i for i in keep if cands[i]["source"] == source]
            scores = {i: cue_score(cands[i], cues) for i in idx}
            strong = [i for i in idx if scores[i] >= 2]
            rng.shuffle(strong)
            strong.sort(key=lambda i: -min(scores[i], 6))  # stable: random within a score band
            got = take(strong, n_kw, "keyword")
            rest = [i for i in idx if i not in set(taken)]
            rng.shuffle(rest)
            got_r = take(rest, n_rand + (n_kw - got), "random")  # short of keyword articles: fill at random
            print(f"  {source}: {got} keyword, {got_r} random ({len(strong)} keyword candidates)")
        # stories: connected components of cosine >= STORY_COSINE among the taken
        S = (X[taken] @ X[taken].T).toarray()
        parent = list(range(len(taken)))

        def find(a):
            while parent[a] != a:
                parent[a] = parent[parent[a]]; a = parent[a]
            return a
        for a, b in zip(*np.nonzero(np.triu(S, 1) >= STORY_COSINE)):
            parent[find(a)] = find(b)
        for k, i in enumerate(taken):
            rec = cands[i]
            rec["story"] = cands[taken[find(k)]]["id"]
            chosen.append(rec)
    write_manifest(chosen, args.out, rng)


def cooperation_ranker(lang: str, by_id: dict[str, dict], split_of: dict[str, str]):
    """P(article reports a cooperation), learned from the annotated train and dev articles."""
    from sklearn.linear_model import LogisticRegression
    gold_path = ROOT / "corpus" / "gold" / f"{lang}.gold.jsonl"
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8")]
    gold = [g for g in gold if split_of.get(g["id"]) in ("train", "dev") and g["id"] in by_id]
    vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2, max_features=200000)
    X = vec.fit_transform([by_id[g["id"]]["text"] for g in gold])
    y = [bool(g["cooperations"]) for g in gold]
    clf = LogisticRegression(C=4, max_iter=2000, class_weight="balanced").fit(X, y)
    return lambda recs: clf.predict_proba(vec.transform([r["text"] for r in recs]))[:, 1]


def extend(pool: list[dict], rtexts: dict[str, str], wanted: dict[str, int], out: Path,
           rng: random.Random, ranked: bool = False, split: str | None = None) -> None:
    """Append the best-scoring unseen articles; a story already in the corpus keeps its split,
    a new one goes to ``split`` (a round that only adds training data) or a drawn one."""
    manifest = [json.loads(l) for l in open(out, encoding="utf-8")]
    have = {m["id"] for m in manifest}
    by_id = {r["id"]: r for r in pool}
    added = []
    for lang, n in wanted.items():
        if not n:
            continue
        old = [m for m in manifest if m["lang"] == lang]
        cands = [r for r in pool if r["lang"] == lang and r["id"] not in have
                 and LENGTH[lang][0] <= len(r["text"]) <= LENGTH[lang][1]]
        if ranked:
            prob = cooperation_ranker(lang, by_id, {m["id"]: m["split"] for m in manifest})(cands)
            rank = {r["id"]: p for r, p in zip(cands, prob)}
            cands = sorted(cands, key=lambda r: -rank[r["id"]])[: 3 * n]
        else:
            cands = [r for r in cands if sentence_score(r) >= EXTEND_MIN[lang]]
        vec = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5)
        vec.fit([r["text"] for r in cands] + [by_id[m["id"]]["text"] for m in old if m["id"] in by_id])
        X = vec.transform([r["text"] for r in cands])
        O = vec.transform([by_id[m["id"]]["text"] if m["id"] in by_id else "" for m in old])
        R = vec.transform(list(rtexts.values()))
        near_reserved = np.asarray((X @ R.T).max(axis=1).todense()).ravel()
        to_old = (X @ O.T).toarray()
        order = [i for i in range(len(cands)) if near_reserved[i] < RESERVED_COSINE]
        if not ranked:  # ranked candidates come best first already
            rng.shuffle(order)
            order.sort(key=lambda i: -min(sentence_score(cands[i]), 8))
        taken: list[int] = []
        for i in order:
            if len(taken) >= n:
                break
            if to_old[i].max() >= DUPLICATE_COSINE or (taken and (X[i] @ X[taken].T).max() >= DUPLICATE_COSINE):
                continue
            rec = cands[i]
            rec["selection"] = "ranked" if ranked else "keyword"
            j = int(to_old[i].argmax())
            if to_old[i, j] >= STORY_COSINE:
                if split and old[j]["split"] != split:
                    continue  # a round for one split leaves the others' stories as they are
                rec["story"], rec["split"] = old[j]["story"], old[j]["split"]
            else:
                rec["story"] = rec["id"]
                rec["split"] = split or rng.choices(["train", "dev", "test"], weights=[0.6, 0.15, 0.25])[0]
            taken.append(i)
        for i in rng.sample(taken, round(0.1 * len(taken))):
            cands[i]["double"] = True
        added += [cands[i] for i in taken]
        print(f"{lang}: added {len(taken)} of {len(order)} candidates")
    with open(out, "a", encoding="utf-8") as fh:
        for rec in added:
            fh.write(json.dumps(manifest_row(rec), ensure_ascii=False) + "\n")
    print(Counter((r["lang"], r["split"]) for r in added))


def manifest_row(rec: dict) -> dict:
    row = {k: rec.get(k) for k in ("id", "lang", "source", "date", "title", "section", "repo", "commit",
                                   "path", "key", "licence", "selection", "story", "split")}
    if rec["source"] not in REDISTRIBUTABLE:
        row["title"] = None  # the headline is part of a text the project may not hold
    row["double"] = bool(rec.get("double"))
    row["sha256"] = sha256(rec["text"])
    row["chars"] = len(rec["text"])
    return row


SPLIT_SHARES = (("train", 0.6), ("dev", 0.15), ("test", 0.25))


def write_manifest(chosen: list[dict], out: Path, rng: random.Random) -> None:
    """Splits by story (a story's articles share one split); 10% drawn for double annotation."""
    by_lang_story: dict[str, dict[str, list[dict]]] = {}
    for rec in chosen:
        by_lang_story.setdefault(rec["lang"], {}).setdefault(rec["story"], []).append(rec)
    for lang, stories in by_lang_story.items():
        keys = sorted(stories)
        rng.shuffle(keys)
        total = sum(len(v) for v in stories.values())
        acc = 0
        for key in keys:
            share = acc / total
            split = "train" if share < 0.6 else "dev" if share < 0.75 else "test"
            for rec in stories[key]:
                rec["split"] = split
            acc += len(stories[key])
        recs = [r for v in stories.values() for r in v]
        for rec in rng.sample(recs, round(0.1 * len(recs))):
            rec["double"] = True
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w") as fh:
        for rec in sorted(chosen, key=lambda r: (r["lang"], r["id"])):
            fh.write(json.dumps(manifest_row(rec), ensure_ascii=False) + "\n")
    print(Counter((r["lang"], r["split"]) for r in chosen))
    print(Counter((r["lang"], r["selection"]) for r in chosen))


if __name__ == "__main__":
    main()
