"""Looking names up in the knowledge base: the longest KB name at a token (with a
genitive "s"), a KB name opening a hyphen compound, and the one organization an
exact name stands for. Shared by the steps that link and those that must not
take a known name for a new one.
"""
from __future__ import annotations

from ...article import Token
from ...kb import KnowledgeBase
from ...names import fold, strip_legal

_MINOR_WORDS = {"of", "the", "and", "&", "for", "de", "der", "die", "das", "fur", "du", "la"}


def kb_match(kb: KnowledgeBase, toks: list[Token], i: int, end: int, lang: str = "en"):
    """Longest KB name starting at token i: (last token index, entries, start, end, genitive)."""
    first = toks[i].text
    if first[:3] not in kb.prefixes and first.upper() != first:
        return None
    for n in range(min(8, end - i), 0, -1):
        j = i + n - 1
        if n > 1 and toks[j].start - toks[j - 1].end > 1:
            continue  # a name does not run over a gap ("Audi\nAG" is joined elsewhere)
        key = "".join(t.text for t in toks[i:j + 1])
        entries = kb.lookup(key)
        if entries and (n == 1 or kb.spaced_as_named(_span_text(toks, i, j))):
            return j, entries, toks[i].start, toks[j].end, False
        last = toks[j].text
        if (n == 1 and lang != "de") or last in ("'s", "’s"):
            continue
        if len(last) >= 4 and last.endswith("s") and last[-2] not in "sß" and last[-2].islower():
            entries = kb.lookup(key[:-1])  # genitive: "Panasonics", "Deutschen Banks"
            if entries and not kb.lookup(last) and len(key) > 4 and (
                    n == 1 or kb.spaced_as_named(_span_text(toks, i, j)[:-1])):
                return j, entries, toks[i].start, toks[j].end, True
    return None


def _span_text(toks: list[Token], i: int, j: int) -> str:
    """Tokens i..j as written, with one space wherever the text has any."""
    out = [toks[i].text]
    for k in range(i + 1, j + 1):
        if toks[k].start > toks[k - 1].end:
            out.append(" ")
        out.append(toks[k].text)
    return "".join(out)


def compound_match(kb: KnowledgeBase, tok: Token):
    """KB name as the first part of a hyphen compound: 'Leica-Chef', 'Lumix-Kameras'."""
    text = tok.text
    if "-" not in text.strip("-") and not text.endswith("-"):
        return None
    parts = text.split("-")
    for k in range(len(parts) - 1, 0, -1):
        head = "-".join(parts[:k])
        entries = kb.lookup(head) if head else None
        if entries:
            return entries, tok.start, tok.start + len(head)
    return None


def pick(entries, seen: set[str]):
    """The entry to link: of an organization the article names already, else the primary one, else a name."""
    for pref in (lambda e: e.org_id in seen, lambda e: e.primary, lambda e: e.kind == "name",
                 lambda e: True):
        for e in entries:
            if pref(e):
                return e
    return entries[0]


def known_org(kb: KnowledgeBase, name: str):
    """The KB organization whose name or alias is exactly ``name`` (case, accents and
    legal form aside), unless that name is ambiguous."""
    bare = strip_legal(name)
    for key in (name, bare):
        if len(key) < 2:
            continue
        # "Bayer AG": a legal form settles an ambiguous name
        settled = bare != name and key == bare
        entries = [e for e in kb.lookup(key) or kb.folded.get(fold(key), [])
                   if settled or not e.ambiguous]
        if entries:
            return kb.orgs[entries[0].org_id]
    return None


def kb_ends_at(kb: KnowledgeBase, toks: list[Token], i: int) -> bool:
    """Whether a KB name ends at token i ("Bosch" in "Bosch and Acme Widgets Inc.")."""
    if i < 0:
        return False
    if any(not e.ambiguous for e in kb.lookup(toks[i].text)):
        return True
    return i > 0 and bool(kb.lookup(toks[i - 1].text + toks[i].text))


def initials(name: str) -> str:
    """The initials of a name of several words ("General Motors" -> "GM"), else ""."""
    words = [x for x in fold(name).split() if x not in _MINOR_WORDS]
    return "".join(x[0] for x in words).upper() if len(words) > 1 else ""


def org_ids(entries) -> list[str]:
    """The distinct organizations of KB entries, in order."""
    return list(dict.fromkeys(e.org_id for e in entries))
