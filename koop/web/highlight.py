"""Where the parties of a cooperation are named in an evidence sentence.

The web page marks these spans; it builds the marks from text nodes, so
nothing from an article is ever parsed as HTML.

Only the cooperation's own parties are looked for, each with one compiled
pattern of its names (cached), so a page of 500 cooperations costs a few
hundred regular-expression searches, not one per alias of every organization
on the page. Case rules keep common words from lighting up: an acronym
("MIT", "SAP") matches only in capitals, so German "mit" is never MIT; another
name matches as written, in capitals ("LUMIX" for Lumix), or with other
letters' case changed but never a lower-case initial for an upper-case one
("apple" is not Apple).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

# genitive "Panasonics", "Apple's"; "Leica-Optik" matches (the hyphen is a boundary)
_SUFFIX = r"(?:s|'s|’s)?(?!\w)"
MIN_LENGTH = 2        # shorter names ("X") are never marked
MAX_NAMES = 50        # names tried per organization (its longest first)
CACHE_SIZE = 4096     # compiled patterns kept (one per organization's set of names)


def is_acronym(name: str) -> bool:
    """All cased letters are capitals ("MIT", "3M", "BASF SE")."""
    return name.upper() == name and name.lower() != name


def case_fits(found: str, name: str) -> bool:
    """Whether ``found`` (matched ignoring case) may stand for ``name``.

    Acronyms only as written; other names as written, in capitals, or with each
    word's initial in the name's case ("Deutsche bank" no, "Mcdonald's" yes).
    """
    if found == name:
        return True
    if is_acronym(name):
        return False
    if found.isupper() and len(found) > 1:
        return True
    return all(a[:1] == b[:1] for a, b in zip(found.split(), name.split()))


@lru_cache(maxsize=CACHE_SIZE)
def names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for all ``names`` (longest first, so the longest wins at a place);
    acronyms match case-sensitively inside it. None when no name is long enough."""
    usable = sorted({n.strip() for n in names if len(n.strip()) >= MIN_LENGTH},
                    key=lambda n: (-len(n), n))[:MAX_NAMES]
    if not usable:
        return None
    alts = [f"(?-i:{re.escape(n)})" if is_acronym(n) else re.escape(n) for n in usable]
    return re.compile(r"(?<!\w)(?P<name>" + "|".join(alts) + ")" + _SUFFIX, re.IGNORECASE)


def _spans_of(text: str, org_id: str, names: Sequence[str]) -> Iterable[tuple[int, int, str]]:
    pattern = names_pattern(tuple(names))
    if pattern is None:
        return
    by_fold: dict[str, list[str]] = {}
    for n in names:
        by_fold.setdefault(n.strip().casefold(), []).append(n.strip())
    for m in pattern.finditer(text):
        found = m.group("name")
        if any(case_fits(found, n) for n in by_fold.get(found.casefold(), [found])):
            yield m.start("name"), m.end("name"), org_id


def party_spans(text: str, names: Mapping[str, Sequence[str]],
                parties: Iterable[str] | None = None) -> list[dict]:
    """Non-overlapping spans of ``text`` that name one of the parties.

    Args:
        text (str): an evidence sentence.
        names (dict): organization id -> its names and aliases.
        parties (iterable[str]): the ids to look for (default: every key of ``names``);
            give the cooperation's parties, never every organization on a page.
    RETURNS (list[dict]): ``{start, end, org_id}`` in text order; a longer name
    wins over a shorter one starting at the same place.
    """
    ids = list(dict.fromkeys(names if parties is None else parties))
    found = [span for oid in ids for span in _spans_of(text, oid, names.get(oid, ()))]
    spans: list[dict] = []
    end = -1
    for start, stop, org_id in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]), f[2])):
        if start >= end:
            spans.append({"start": start, "end": stop, "org_id": org_id})
            end = stop
    return spans
