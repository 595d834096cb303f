"""One organization, one id, within an article.

A story names a company in several ways: "PHOTON TECHNOLOGY" in the headline,
"Photon Technology International" in the text, "<PHON>" as its ticker,
"Mitsubishi" after "Mitsubishi Motors Corp". The finders and the learned
recogniser can give such names different ids; this pass gives them one:

- a ticker in angle brackets or parentheses right after a name is that name's;
- a name whose words (case, accents and legal form aside) are the first words
  of another organization's longer name is that organization, unless both are
  distinct, unambiguous knowledge-base organizations ("Siemens" and "Siemens
  Energy" stay two);
- of two names that are the same, a knowledge-base link wins over a new id.
"""
from __future__ import annotations

import re

from ...article import Mention
from ...kb import KnowledgeBase
from ...names import fold, strip_legal

_TICKER_GAP = re.compile(r"^\s*[<(]\s*$")
_COORD = re.compile(r" (?:and|und|&) ")


def _key(m: Mention) -> str:
    return fold(strip_legal(m.text) or m.text)


def _known(oid: str | None) -> bool:
    return bool(oid) and not oid.startswith("x-")


def unify_organizations(text: str, mentions: list[Mention], kb: KnowledgeBase) -> None:
    """Re-points the ids of organization mentions in place (see the module docstring)."""
    orgs = [m for m in mentions if m.label == "ORG" and m.org_id and m.kind in ("name", "brand")]
    if len(orgs) < 2:
        return
    target: dict[str, tuple[str, str | None]] = {}  # id -> (id, canonical) it merges into
    # tickers: "Polysar Ltd <POL.TO>", "Photon Technology International (PHON)"
    for prev, m in zip(orgs, orgs[1:]):
        gap = text[prev.end:m.start]
        if prev.org_id != m.org_id and _TICKER_GAP.match(gap) and m.text.upper() == m.text \
                and not _known(m.org_id) and len(m.text) <= 12:
            target[m.org_id] = (prev.org_id, prev.canonical)
    names: dict[str, set[str]] = {}
    canon: dict[str, str | None] = {}
    for m in orgs:
        if m.org_id in target:
            continue
        names.setdefault(m.org_id, set()).add(_key(m))
        canon.setdefault(m.org_id, m.canonical)
    longest = {oid: max(ks, key=len) for oid, ks in names.items()}
    joint = {oid for oid, full in longest.items() if _COORD.search(full)}  # "A and B Co": no target
    for oid, keys in names.items():
        best = None
        for other, full in longest.items():
            if other == oid or other in joint or not all(k and (full == k or full.startswith(k + " ")) for k in keys):
                continue
            if full == longest[oid] and not (not _known(oid) and _known(other)
                                             or _known(oid) == _known(other) and oid > other):
                continue  # the same name: one direction only (a new id goes to a known one)
            if _known(oid) and _known(other) and not _ambiguous(kb, keys):
                continue  # two organizations the KB tells apart
            if best is None or len(full) > len(longest[best]):
                best = other
        if best is not None:
            target[oid] = (best, canon.get(best))
    for m in mentions:
        seen = set()
        while m.org_id in target and m.org_id not in seen:
            seen.add(m.org_id)
            m.org_id, new_canon = target[m.org_id]
            m.canonical = new_canon or m.canonical


def _ambiguous(kb: KnowledgeBase, keys: set[str]) -> bool:
    """Whether every name is one the KB gives to several organizations, or marks ambiguous."""
    for k in keys:
        entries = kb.lookup(k) or kb.folded.get(k, [])
        if entries and len({e.org_id for e in entries}) < 2 and not any(e.ambiguous for e in entries):
            return False
    return True
