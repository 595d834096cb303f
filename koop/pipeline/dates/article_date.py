"""The article date: a dateline, a byline date or the first free-standing full date
near the top; and normalising a given date to ISO."""
from __future__ import annotations

import re

from .arithmetic import REJECT, ymd
from .context import Ctx, prev_word
from .scan import article_lang, evaluate, scan

ARTICLE_DATE_WINDOW = 600

_FULL_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}$")
# before a dateline date: line start, maybe "City, " / "BERLIN (dpa) ", or a label
_DATELINE_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?:[A-ZÄÖÜ][\w.\-/ ]{0,40}?,?\s*(?:\([^)\n]{0,30}\)\s*)?)?$"
    r"|(?:Stand|Veröffentlicht|Aktualisiert|Datum|Erstellt|Published|Updated|Posted|Date|"
    r"Gültig ab)\s*(?:am\s*|on\s*)?:?\s*$", re.I)
# after it: maybe a time, then a dash, bar, parenthesis, line end or text end
_DATELINE_AFTER = re.compile(
    r"(?:,?\s*(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?\s*(?:[–—\-|/(]|\n|$)")
# a byline with a date: "(Markus Muster, 19.1.2016)", "(APA/Reuters, 2.8.2015)"
_BYLINE_BEFORE = re.compile(r"\([^()\n]{2,60}?[,;]?\s*$")
_BYLINE_AFTER = re.compile(r"\s*\)")
# words before a date that make it an event in the text, not the publication date
_EVENT_BEFORE = frozenset("""
am an ab vom von seit bis zum zur den dem der des auf nach vor für um im in und oder zwischen
on since from until till by before after of the to at between and or in
""".split())


def pick_article_date(text: str, full: list[tuple[int, int, str]]) -> str | None:
    head = [x for x in full if x[0] < ARTICLE_DATE_WINDOW]
    for s, e, v in head:
        if _DATELINE_BEFORE.search(text, max(0, s - 60), s) and _DATELINE_AFTER.match(text, e):
            return v
    for s, e, v in reversed(full):
        if _BYLINE_BEFORE.search(text, max(0, s - 64), s) and _BYLINE_AFTER.match(text, e):
            return v
    for s, e, v in head:
        if prev_word(text, s) not in _EVENT_BEFORE:
            return v
    return None


def full_dates(text: str, scanned, lang: str):
    c = Ctx(text, lang, None)
    return [(s, e, v) for s, e, v in evaluate(scanned, c, only_full=True)
            if v and _FULL_VALUE.match(v)]


def find_article_date(text: str, lang: str) -> str | None:
    """The publication date named in the text, as ISO ``YYYY-MM-DD``, or None.

    Only full dates with a day count. In order: a dateline in the first 600
    characters ("Berlin, 19. Juli 2016 –", a date alone on a line, "Stand:
    19.07.2016"); the last byline date anywhere ("(Anna Muster, 19.7.2016)");
    the first date in the first 600 characters that is not part of a phrase
    ("am 3. März", "since May 1, 1987").
    """
    lang = article_lang(lang)
    return pick_article_date(text, full_dates(text, scan(text, lang), lang))


def normalize_date(value: str | None, lang: str = "de") -> str | None:
    """An input date as ``YYYY-MM-DD`` (time and zone dropped), or None if unreadable."""
    if not value:
        return None
    value = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        v = ymd(int(m[1]), int(m[2]), int(m[3]))
        return None if v is REJECT else v
    found = full_dates(value, scan(value, article_lang(lang)), article_lang(lang))
    if found:
        return found[0][2]
    try:  # odd formats only; dateparser is slow, so it is the last resort
        import dateparser

        parsed = dateparser.parse(value, languages=[article_lang(lang), "en", "de"])
    except Exception:  # pragma: no cover - dateparser trouble must not stop the stage
        parsed = None
    return parsed.date().isoformat() if parsed else None
