"""Finds date expressions (German and English) and resolves them to ISO values.

Two jobs:

1. The article date. A date given with the input wins (cut to ``YYYY-MM-DD``);
   otherwise :func:`find_article_date` looks for a full date with a day: a
   dateline in the first 600 characters ("Berlin, 19. Juli 2016 –"), else a
   byline date ("(Anna Muster, 19.7.2016)"), else the first free-standing date
   in the first 600 characters.
2. Date mentions. Every date expression becomes a ``DateMention`` whose value
   is an ISO date or partial date ("2016-07-19", "2000-08", "2018"), resolved
   against the article date. Relative expressions ("vor zwei Jahren", "last
   year", "am Montag") get ``None`` when the article has no date; absolute ones
   always resolve. A locating preposition is not part of the span ("seit 1963"
   -> "1963"); words that change the value are ("vor zwei Jahren",
   "seit einigen Monaten", "Anfang 2017", "letzten Montag").

Everything is regular expressions over month/weekday tables, compiled once per
language. A pattern is only tried where one of its trigger words starts (a
digit, a month, "vor", "letzten", ...), so the cost is one pass over the words
plus a few anchored matches. Each pattern has a handler that computes the
value or rejects the match ("2018 Mitarbeiter" is an amount); overlapping
candidates are resolved longest-first.

The modules: tables.py (month, weekday and number words), patterns.py (the
patterns of each language), handlers.py (the value of each pattern's match),
context.py (the words around a match), arithmetic.py, scan.py (finding and
selecting matches) and article_date.py; this module has the public helpers and
the stage.
"""
from __future__ import annotations

from ...article import Article, DateMention
from ...registry import register_stage
from .arithmetic import ref_date, today
from .article_date import find_article_date, full_dates, normalize_date, pick_article_date
from .context import Ctx
from .scan import article_lang, evaluate, scan

__all__ = ["find_article_date", "find_dates", "resolve_relative", "normalize_date", "make_dates"]


def find_dates(text: str, lang: str, ref: str | None = None,
               article: Article | None = None) -> list[tuple[int, int, str | None]]:
    """All date expressions in ``text`` as ``(start, end, value)``, in text order.

    ``ref`` is the article date (ISO) that relative expressions resolve
    against; without it they get ``None``. ``article`` (optional) lends its
    tokens to tell years from amounts ("2018 Mitarbeiter").
    """
    lang = article_lang(lang)
    return evaluate(scan(text, lang), Ctx(text, lang, ref_date(ref), article))


def resolve_relative(expr: str, lang: str, ref: str | None) -> str | None:
    """Resolve one date expression against the reference date ``ref`` (ISO).

    Works for absolute and relative expressions: ``resolve_relative("vor zwei
    Jahren", "de", "2016-07-19") == "2014"``, ``("last year", "en",
    "1987-03-19") -> "1986"``, ``("im August 2000", "de", None) -> "2000-08"``.
    Returns ``None`` when nothing is recognised or it needs a missing ``ref``.
    """
    found = find_dates(expr, lang, ref)
    if not found:
        return None
    return max(found, key=lambda x: x[1] - x[0])[2]


@register_stage("koop.dates.v1", requires=("sentences", "tokens"), assigns=("dates", "date"))
def make_dates():
    """Stage: sets ``article.date`` (ISO) and fills ``article.dates``."""

    def dates(article: Article) -> Article:
        lang = article_lang(article.lang)
        text = article.text
        scanned = scan(text, lang)
        article.date = normalize_date(article.date, lang) if article.date else None
        if article.date is None:
            article.date = pick_article_date(text, full_dates(text, scanned, lang))
            if article.date and article.date > today().isoformat():  # a plan, not a dateline
                article.date = None
        found = evaluate(scanned, Ctx(text, lang, ref_date(article.date), article))
        has_sents = bool(article.sentences)
        article.dates = [DateMention(s, e, text[s:e], v, article.sentence_at(s) if has_sents else 0)
                         for s, e, v in found]
        return article

    return dates
