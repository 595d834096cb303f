"""The units and features of the learned entity recogniser (learned.py).

Units are koop's tokens split once more at hyphens and newswire angle brackets,
so "Lufthansa-Streik" gives "Lufthansa" "-" "Streik" and "<CAWL.L>" gives
"<" "CAWL.L" ">": SmartData marks only the name of such a compound. The
features are the word itself (case folded, shape, affixes, part of speech), its
neighbours, and what the hand-written finders said about it (which mention
covers it, whether the knowledge base knows it): the model learns when to trust
them. One function serves training and extraction, so they never disagree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...article import Article, Mention

_PIECES = re.compile(r"[^\-<>]+|[\-<>]")
_LEGAL = frozenset("ag gmbh se kg kgaa ohg mbh inc corp co ltd plc llc sa nv bv spa ab asa oy "
                   "corporation incorporated limited group gruppe holding holdings".split())


@dataclass
class Unit:
    """One unit of text for the recogniser, with the token it comes from."""

    start: int
    end: int
    text: str
    token: int


def units(article: Article) -> list[Unit]:
    """The article's tokens, split at hyphens and angle brackets."""
    out = []
    for k, t in enumerate(article.tokens):
        if len(t.text) > 1 and ("-" in t.text or "<" in t.text or ">" in t.text):
            for m in _PIECES.finditer(t.text):
                out.append(Unit(t.start + m.start(), t.start + m.end(), m.group(), k))
        else:
            out.append(Unit(t.start, t.end, t.text, k))
    return out


def shape(word: str) -> str:
    """Xxxx, XXXX, dd, x.x ... with runs collapsed."""
    s = re.sub(r"[A-ZÄÖÜ]", "X", word)
    s = re.sub(r"[a-zäöüß]", "x", s)
    s = re.sub(r"[0-9]", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)


def _mention_tags(article: Article, us: list[Unit]) -> list[str]:
    """Per unit, the hand-written finders' reading: B-/I- and the mention's label and kind."""
    tags = ["O"] * len(us)
    names = sorted((m for m in article.mentions if m.kind in ("name", "brand")), key=lambda m: m.start)
    j = 0
    for i, u in enumerate(us):
        while j < len(names) and names[j].end <= u.start:
            j += 1
        m: Mention | None = names[j] if j < len(names) and names[j].start <= u.start < names[j].end else None
        if m is not None and u.end <= m.end:
            known = "kb" if m.org_id and not m.org_id.startswith("x-") else "new"
            tag = f"{m.label}-{known}" if m.label == "ORG" else m.label
            tags[i] = ("B-" if u.start == m.start else "I-") + tag
    return tags


def article_features(article: Article, kb=None, first_names: frozenset[str] = frozenset()) -> tuple[list[Unit], list[list[str]]]:
    """The units of an article and, for each, its feature strings."""
    us = units(article)
    toks = article.tokens
    tags = _mention_tags(article, us)
    sent_of = [toks[u.token].sent for u in us]
    caps_sent = {}
    for s_i, s in enumerate(article.sentences):
        letters = [c for c in article.text[s.start:s.end] if c.isalpha()]
        caps_sent[s_i] = len(letters) > 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    base = []
    for i, u in enumerate(us):
        w = u.text
        low = w.lower()
        tok = toks[u.token]
        f = [f"w={low}", f"sh={shape(w)}", f"p3={low[:3]}", f"s3={low[-3:]}", f"s2={low[-2:]}",
             f"pos={tok.pos[:2]}", f"rule={tags[i]}"]
        if caps_sent[sent_of[i]]:
            f.append("capsline")
        elif w[:1].isupper():
            f.append("title" if not w.isupper() else "upper")
        if len(w) == 1 and not w.isalnum():
            f.append(f"punct={w}")
        if low.strip(".") in _LEGAL:
            f.append("legal")
        if u.start == article.sentences[sent_of[i]].start:
            f.append("sent_start")
        if w in first_names or w.capitalize() in first_names:
            f.append("first_name")
        if kb is not None and len(w) > 1:
            entries = kb.lookup(w)
            if entries:
                f.append("kb_amb" if all(e.ambiguous for e in entries) else "kb")
        if u.token > 0 and len(toks[u.token].text) > len(w) and "-" in toks[u.token].text:
            f.append("in_compound")
        base.append(f)
    feats = []
    n = len(us)
    for i in range(n):
        f = list(base[i])
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n and sent_of[j] == sent_of[i]:
                f.append(f"{d}:w={us[j].text.lower()}")
                if abs(d) == 1:
                    f.append(f"{d}:sh={shape(us[j].text)}")
                    f.append(f"{d}:rule={tags[j]}")
                    f.append(f"{d}:pos={toks[us[j].token].pos[:2]}")
            else:
                f.append(f"{d}:edge")
        if i + 1 < n and sent_of[i + 1] == sent_of[i]:
            f.append(f"bi={us[i].text.lower()}|{us[i + 1].text.lower()}")
        feats.append(f)
    return us, feats


def bio_labels(us: list[Unit], spans: list[dict], labels=("ORG", "PER")) -> list[str]:
    """Gold BIO labels of the units: a unit inside a gold span takes its label."""
    out = ["O"] * len(us)
    spans = sorted((s for s in spans if s["label"] in labels), key=lambda s: s["start"])
    for s in spans:
        first = True
        for i, u in enumerate(us):
            if u.start >= s["start"] and u.end <= s["end"] and u.text.strip():
                out[i] = ("B-" if first else "I-") + s["label"]
                first = False
    return out


def spans_from_labels(text: str, us: list[Unit], labels: list[str]) -> list[tuple[int, int, str]]:
    """Character spans of the predicted BIO sequence (an I- without its B- opens a span)."""
    out = []
    cur = None
    for u, lab in zip(us, labels):
        if lab == "O":
            if cur:
                out.append(cur)
            cur = None
            continue
        kind, label = lab.split("-", 1)
        if cur and kind == "I" and cur[2] == label:
            cur = (cur[0], u.end, label)
        else:
            if cur:
                out.append(cur)
            cur = (u.start, u.end, label)
    if cur:
        out.append(cur)
    return out
