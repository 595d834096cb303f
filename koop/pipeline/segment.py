"""Splits text into sentences and tokens (SoMaJo) and tags tokens (HanTa).

Every line break ends a sentence: headlines and bylines in news have no final
punctuation and must not glue onto the next sentence. Within a line, a single
upper-case initial and its full stop do not end a sentence before a
capitalised name ("C. Itoh", "John F. Kennedy"). Tags come from HanTa's
context-free analysis of each word, cached across documents: it tells proper
nouns (NE/NP0) from common nouns at a fraction of the cost of sequence tagging.
A token is analysed when its ``pos`` or ``lemma`` is first read, since later
stages look at the tags of few tokens.

Speed: SoMaJo and HanTa run with the output-preserving speed-ups of
:mod:`._somajo`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..article import Article, Sentence, Token
from ..registry import register_stage

_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=2)
def _tokenizer(lang: str):
    from somajo import SoMaJo

    from . import _somajo
    from .loading import loading_models

    model = "de_CMC" if lang == "de" else "en_PTB"
    with loading_models():
        tok = SoMaJo(model, split_camel_case=False, split_sentences=True, character_offsets=True)
        _somajo.install(tok)
    return tok


@lru_cache(maxsize=2)
def _tagger(lang: str):
    from HanTa.HanoverTagger import HanoverTagger
    from .loading import loading_models

    with loading_models():
        return HanoverTagger("morphmodel_ger.pgz" if lang == "de" else "morphmodel_en.pgz")


@lru_cache(maxsize=200_000)
def analyze_word(word: str, lang: str) -> tuple[str, str]:
    """(lemma, tag) of a word out of context; cached because words recur."""
    if not any(ch.isalpha() for ch in word):
        return word, "$"
    # HanTa sees a word only lower-cased, plus whether its first character is upper
    # case: "SIEMENS" and "Siemens" get the same analysis, made once
    key = (word.lower(), word[0].isupper(), lang)
    found = _FOLDED.get(key)
    if found is None:
        try:
            found = _tagger(lang).analyze(word)
        except Exception:  # HanTa raises on odd input (e.g. very long tokens)
            return word, "XY"
        if len(_FOLDED) >= 200_000:
            _FOLDED.clear()
        _FOLDED[key] = found
    return found


_FOLDED: dict[tuple[str, bool, str], tuple[str, str]] = {}


def known_word(word: str, lang: str) -> bool:
    """Whether the tagger's lexicon lists the word (its training corpus's frequent
    words): a capitalised word it does not know is most likely a name ("Quillmoor")."""
    cache = getattr(_tagger(lang), "cache", None)
    return cache is None or word.lower() in cache


_POS = Token.pos  # Token's own slots: _LazyToken's properties keep their values there
_LEMMA = Token.lemma


class _LazyToken(Token):
    """A :class:`Token` that is tagged when ``pos`` or ``lemma`` is first read.

    It equals a Token with the same fields, has a Token's repr and fields
    (``dataclasses.asdict``), and pickles and copies as a plain Token.
    """

    __slots__ = ("_lang",)

    def _tag(self) -> None:
        lemma, pos = analyze_word(self.text, self._lang)
        _LEMMA.__set__(self, lemma)
        _POS.__set__(self, pos)

    @property
    def pos(self) -> str:
        value = _POS.__get__(self, Token)
        if value is None:
            self._tag()
            value = _POS.__get__(self, Token)
        return value

    @pos.setter
    def pos(self, value: str) -> None:
        _POS.__set__(self, value)

    @property
    def lemma(self) -> str:
        value = _LEMMA.__get__(self, Token)
        if value is None:
            self._tag()
            value = _LEMMA.__get__(self, Token)
        return value

    @lemma.setter
    def lemma(self, value: str) -> None:
        _LEMMA.__set__(self, value)

    def __eq__(self, other):
        if isinstance(other, Token):
            return _fields(self) == _fields(other)
        return NotImplemented

    __hash__ = None  # as Token's

    def __repr__(self) -> str:
        return "Token" + Token.__repr__(self)[len(type(self).__qualname__):]

    def __reduce__(self):
        return Token, _fields(self)


def _fields(t: Token) -> tuple:
    return (t.start, t.end, t.text, t.sent, t.pos, t.lemma)


def _token(start: int, end: int, text: str, sent: int, lang: str) -> Token:
    t = _LazyToken(start, end, text, sent, None, None)
    t._lang = lang
    return t


# -- initials ------------------------------------------------------------------
def _ends_with_initial(tokens: list[Token], first: int, last: int, text: str) -> bool:
    """Whether the sentence tokens[first:last] ends with a single upper-case letter
    directly followed by a full stop ("C." or "C" + "."), not glued to a word before
    it ("U.S.C." or "Plan-B." are no initials)."""
    t = tokens[last - 1]
    if len(t.text) == 2 and t.text[1] == "." and t.text[0].isalpha() and t.text[0].isupper():
        letter = last - 1
    elif (t.text == "." and last - 2 >= first and len(tokens[last - 2].text) == 1
          and tokens[last - 2].text.isalpha() and tokens[last - 2].text.isupper()
          and tokens[last - 2].end == t.start):
        letter = last - 2
    else:
        return False
    start = tokens[letter].start
    return start == 0 or text[start - 1].isspace() or text[start - 1] in "(\"'„“‚‘»«<[/"


def _starts_with_name(word: str) -> bool:
    """A capitalised word: upper-case first letter, then letters ("Itoh", "ITOH")."""
    return len(word) > 1 and word[0].isupper() and word.replace("-", "").replace("'", "").isalpha()


def _tokenize_line(tok, chunk: str) -> list:
    """SoMaJo's sentences of one line. SoMaJo's offset alignment fails an assertion on
    the few characters whose NFC form is longer than they are (Tibetan U+0F43 ...);
    such a line is tokenized with each of them stood in for by a plain symbol of
    the same length, so offsets still point into the original text."""
    try:
        return list(tok.tokenize_text([chunk]))
    except AssertionError:
        safe = "".join(c if unicodedata.normalize("NFC", c) == c else "\u25a1" for c in chunk)
        sents = list(tok.tokenize_text([safe]))
        for sent in sents:
            for t in sent:
                t.text = chunk[t.character_offset[0]:t.character_offset[1]]
        return sents


def segment_text(text: str, lang: str) -> tuple[list[Sentence], list[Token]]:
    """Sentences and tokens of ``text`` with character offsets; each line is a paragraph."""
    tok = _tokenizer(lang)
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    for line in _LINE.finditer(text):
        chunk = line.group()
        if not chunk.strip():
            continue
        base = line.start()
        line_first = len(sentences)
        for sent in _tokenize_line(tok, chunk):
            if not sent:
                continue
            first = len(tokens)
            # "C. Itoh": SoMaJo's sentence break after an initial is undone
            merge = (len(sentences) > line_first and _starts_with_name(sent[0].text)
                     and _ends_with_initial(tokens, sentences[-1].first_token, first, text))
            index = len(sentences) - 1 if merge else len(sentences)
            for t in sent:
                s, e = t.character_offset
                tokens.append(_token(base + s, base + e, t.text, index, lang))
            if merge:
                sentences[-1].end = tokens[-1].end
                sentences[-1].last_token = len(tokens)
            else:
                sentences.append(Sentence(tokens[first].start, tokens[-1].end, first, len(tokens)))
    return sentences, tokens


@register_stage("koop.segment.v1", requires=("lang",), assigns=("sentences", "tokens"))
def make_segment():
    def segment(article: Article) -> Article:
        article.sentences, article.tokens = segment_text(article.text, article.lang or "de")
        return article

    return segment
