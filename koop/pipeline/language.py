"""Detects the document language (German or English) with lingua.

A language given with the input wins; detection looks at the first 2,000
characters, which is plenty and keeps it fast.
"""
from __future__ import annotations

from functools import lru_cache

from ..article import Article
from ..registry import register_stage

SUPPORTED = ("de", "en")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH).build()


def detect_language(text: str, default: str = "de") -> str:
    """Return 'de' or 'en' for ``text`` (``default`` when there is no signal)."""
    sample = text[:2000]
    if not any(ch.isalpha() for ch in sample):
        return default
    lang = _detector().detect_language_of(sample)
    if lang is None:
        return default
    return "de" if lang.name == "GERMAN" else "en"


@register_stage("koop.language.v1", assigns=("lang",), default_config={"default": "de"})
def make_language(default: str = "de"):
    def language(article: Article) -> Article:
        given = (article.lang or "").lower()[:2]
        article.lang = given if given in SUPPORTED else detect_language(article.text, default)
        return article

    return language
