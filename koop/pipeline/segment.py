"""Splits text into sentences and tokens (SoMaJo) and tags tokens (HanTa).

Every line break ends a sentence: headlines and bylines in news have no final
punctuation and must not glue onto the next sentence. Tags come from HanTa's
context-free analysis of each word, cached across documents: it tells proper
nouns (NE/NP0) from common nouns at a fraction of the cost of sequence tagging.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..article import Article, Sentence, Token
from ..registry import register_stage

_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=2)
def _tokenizer(lang: str):
    from somajo import SoMaJo

    model = "de_CMC" if lang == "de" else "en_PTB"
    return SoMaJo(model, split_camel_case=False, split_sentences=True, character_offsets=True)


@lru_cache(maxsize=2)
def _tagger(lang: str):
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz" if lang == "de" else "morphmodel_en.pgz")


@lru_cache(maxsize=200_000)
def analyze_word(word: str, lang: str) -> tuple[str, str]:
    """(lemma, tag) of a word out of context; cached because words recur."""
    if not any(ch.isalpha() for ch in word):
        return word, "$"
    try:
        lemma, tag = _tagger(lang).analyze(word)
    except Exception:  # HanTa raises on odd input (e.g. very long tokens)
        return word, "XY"
    return lemma, tag


def segment_text(text: str, lang: str) -> tuple[list[Sentence], list[Token]]:
    """Sentences and tokens of ``text`` with character offsets; each line is a paragraph."""
    tok = _tokenizer(lang)
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        base = line.start()
        for sent in tok.tokenize_text([line.group()]):
            first = len(tokens)
            for t in sent:
                s, e = t.character_offset
                tokens.append(Token(base + s, base + e, t.text, len(sentences)))
            if len(tokens) > first:
                sentences.append(Sentence(tokens[first].start, tokens[-1].end, first, len(tokens)))
    for t in tokens:
        t.lemma, t.pos = analyze_word(t.text, lang)
    return sentences, tokens


@register_stage("koop.segment.v1", requires=("lang",), assigns=("sentences", "tokens"))
def make_segment():
    def segment(article: Article) -> Article:
        article.sentences, article.tokens = segment_text(article.text, article.lang or "de")
        return article

    return segment
