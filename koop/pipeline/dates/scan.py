"""Scanning (patterns tried only where a trigger word starts) and selection
(overlapping candidates resolved longest-first)."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable

from .arithmetic import REJECT
from .context import Ctx
from .handlers import FULL_HANDLERS
from .patterns import compiled_patterns
from .tables import MONTHS

_WORD = re.compile(r"\w+")


def scan(text: str, lang: str) -> list[tuple[re.Match, Callable]]:
    """Every pattern match in ``text`` (values are computed later, per reference date).

    Patterns are tried only where a trigger word starts, which keeps the cost
    to one cheap pass over the words plus a few anchored matches.
    """
    compiled, table, digit_pats, look_back = compiled_patterns(lang)
    out = []
    seen = set()
    for w in _WORD.finditer(text):
        word = w.group()
        idxs = digit_pats if word[0].isdigit() else table.get(word.lower())
        if not idxs:
            continue
        p = w.start()
        for i in idxs:
            rx, handler = compiled[i]
            if i in look_back:  # ends at this word: search a window before it
                m = None
                for cand in rx.finditer(text, max(0, p - 60), w.end()):
                    if cand.end() == w.end():
                        m = cand
                        break
            else:
                m = rx.match(text, p)
            if m is None:
                continue
            s, e = m.span("d")
            if (s, e, i) in seen:
                continue
            seen.add((s, e, i))
            # part of a compound ("Mai-Mai-Milizen", "Vorjahres-Dritte", "heute-Moderator")
            if text[e - 1].isalpha() and text[e:e + 1] == "-" and text[e + 1:e + 2].isalpha():
                continue
            if s > 1 and text[s].isalpha() and text[s - 1] == "-" and text[s - 2].isalpha():
                continue
            out.append((m, handler))
    return out


def evaluate(scanned, c: Ctx, only_full: bool = False):
    found = []
    for m, handler in scanned:
        if only_full and handler not in FULL_HANDLERS:
            continue
        value = handler(m, c)
        if value is not REJECT:
            found.append((m.start("d"), m.end("d"), value))
    return _select(found)


def _select(found):
    """Non-overlapping candidates, longest first; returned in text order."""
    found.sort(key=lambda x: (x[0] - x[1], x[0]))
    starts: list[int] = []
    ends: list[int] = []
    chosen = []
    for s, e, v in found:
        i = bisect_left(starts, s)
        if i > 0 and ends[i - 1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.append((s, e, v))
    chosen.sort()
    return chosen


def article_lang(lang: str | None) -> str:
    return lang if lang in MONTHS else "de"
