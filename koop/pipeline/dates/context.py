"""What a handler may look at around a match: the words before and after it,
the article's tokens and its reference date."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ...article import Article
from .tables import UNITS

_PREV_WORDS = re.compile(r"([\w§%€$.\-]+)\W*$")


def prev_word(text: str, pos: int) -> str:
    m = _PREV_WORDS.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


_NEXT_WORD = re.compile(r"\s*([\w€$%².\-]+|%)")


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1).lower().rstrip(".") if m else ""


def unit_follows(text: str, pos: int) -> bool:
    if pos < len(text) and text[pos] in "%€$":
        return True
    w = _next_word(text, pos)
    return w in UNITS or (w + ".") in UNITS or w.split("-")[0] in UNITS


@dataclass(slots=True)
class Ctx:
    text: str
    lang: str
    ref: date | None
    article: Article | None = None
    _tok: dict | None = None

    def token_at(self, pos: int):
        if self.article is None or not self.article.tokens:
            return None
        if self._tok is None:
            self._tok = {t.start: t for t in self.article.tokens}
        while pos < len(self.text) and self.text[pos] in " \t":
            pos += 1
        return self._tok.get(pos)
