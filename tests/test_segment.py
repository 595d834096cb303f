"""Sentence and token segmentation (koop.segment.v1)."""
import re

import pytest

from koop.article import Article
from koop.pipeline.segment import segment_text
from koop.registry import get_stage

TEXTS = {
    "de": "Volkswagen und Bosch gründen Gemeinschaftsunternehmen\n\nWolfsburg, 14. März 2023. "
          "Volkswagen und Bosch haben ein Unternehmen gegründet. Dr. Katrin Vogel, die Bosch-Chefin, "
          "sagte: „Das ist ein wichtiger Schritt.“ Die Behörden müssen noch zustimmen.",
    "en": "Microsoft and SAP expand partnership\n\nSeattle, June 6, 2023. Microsoft and SAP have "
          "worked together since 2015. Mr. Moore said: \"Our customers want one platform.\" "
          "Terms were not disclosed.",
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_offsets_match_text(lang):
    text = TEXTS[lang]
    sentences, tokens = segment_text(text, lang)
    assert tokens and sentences
    for t in tokens:
        assert text[t.start:t.end] == t.text
    for i, s in enumerate(sentences):
        assert text[s.start:s.end] == text[s.start:s.end].strip()
        assert s.start == tokens[s.first_token].start and s.end == tokens[s.last_token - 1].end
        assert all(t.sent == i for t in tokens[s.first_token:s.last_token])
    # sentences are in order, do not overlap, and cover every token exactly once
    assert [s.first_token for s in sentences[1:]] == [s.last_token for s in sentences[:-1]]
    assert sentences[0].first_token == 0 and sentences[-1].last_token == len(tokens)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_line_break_ends_sentence(lang):
    text = TEXTS[lang]
    sentences, _ = segment_text(text, lang)
    headline = text.split("\n")[0]
    assert text[sentences[0].start:sentences[0].end] == headline
    assert all("\n" not in text[s.start:s.end] for s in sentences)


@pytest.mark.parametrize("lang,expected", [
    ("de", ["Volkswagen und Bosch gründen Gemeinschaftsunternehmen",
            "Wolfsburg, 14. März 2023.",
            "Volkswagen und Bosch haben ein Unternehmen gegründet.",
            "Dr. Katrin Vogel, die Bosch-Chefin, sagte: „Das ist ein wichtiger Schritt.“",
            "Die Behörden müssen noch zustimmen."]),
    ("en", ["Microsoft and SAP expand partnership",
            "Seattle, June 6, 2023.",
            "Microsoft and SAP have worked together since 2015.",
            "Mr. Moore said: \"Our customers want one platform.\"",
            "Terms were not disclosed."]),
])
def test_sentences(lang, expected):
    text = TEXTS[lang]
    sentences, _ = segment_text(text, lang)
    assert [text[s.start:s.end] for s in sentences] == expected


def test_stage_tags_tokens():
    stage = get_stage("koop.segment.v1").make()
    article = stage(Article(id="x", text="Siemens baut ein neues Werk.", lang="de"))
    assert [t.text for t in article.tokens] == ["Siemens", "baut", "ein", "neues", "Werk", "."]
    assert all(t.pos for t in article.tokens)
    assert article.tokens[4].pos.startswith("NN")


def test_empty_text():
    assert segment_text("", "de") == ([], [])
    assert segment_text("\n\n  \n", "en") == ([], [])


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Mitsubishi Heavy Industries Ltd <MITH.T> (MHI) and C. Itoh and Co Ltd <CITT.T> have "
           "decided to sell their stake. Triguna is owned 25 pct by C. Itoh.",
     ["Mitsubishi Heavy Industries Ltd <MITH.T> (MHI) and C. Itoh and Co Ltd <CITT.T> have "
      "decided to sell their stake.", "Triguna is owned 25 pct by C. Itoh."]),
    ("de", "Das sagte Hans W. Müller, Chef der S. Fischer Verlage. Der Plan gilt ab Juli.",
     ["Das sagte Hans W. Müller, Chef der S. Fischer Verlage.", "Der Plan gilt ab Juli."]),
])
def test_initial_does_not_end_sentence(lang, text, expected):
    sentences, _ = segment_text(text, lang)
    assert [text[s.start:s.end] for s in sentences] == expected


class _SplitAtEveryStop:
    """A naive sentence splitter standing in for SoMaJo: every "." ends a sentence."""

    def tokenize_text(self, paragraphs):
        from types import SimpleNamespace

        for p in paragraphs:
            sent = []
            for m in re.finditer(r"\w+|[^\w\s]", p):
                sent.append(SimpleNamespace(text=m.group(), character_offset=m.span()))
                if m.group() == ".":
                    yield sent
                    sent = []
            if sent:
                yield sent


def test_break_after_initial_is_undone(monkeypatch):
    from koop.pipeline import segment

    monkeypatch.setattr(segment, "_tokenizer", lambda lang: _SplitAtEveryStop())
    text = ("MHI and C. Itoh and Co Ltd said. Prices rose 5 pct.\n"
            "The U.S.C. Itoh unit. It grew.\nHe met C.\nItoh later.")
    sentences, tokens = segment_text(text, "en")
    assert [text[s.start:s.end] for s in sentences] == [
        "MHI and C. Itoh and Co Ltd said.", "Prices rose 5 pct.",
        "The U.", "S.", "C.", "Itoh unit.", "It grew.",  # "S.C." is glued to a word: no initial
        "He met C.", "Itoh later."]  # a line break still ends the sentence
    assert all(t.sent == i for i, s in enumerate(sentences) for t in tokens[s.first_token:s.last_token])


def test_tokens_are_tagged_when_read():
    import copy
    import dataclasses
    import pickle

    from koop.article import Token

    _, tokens = segment_text("Siemens baut ein neues Werk.", "de")
    t = tokens[0]
    assert (t.pos, t.lemma) == ("NE", "Siemens")
    plain = Token(t.start, t.end, t.text, t.sent, t.pos, t.lemma)
    assert t == plain and plain == t and repr(t) == repr(plain)
    assert dataclasses.asdict(t) == dataclasses.asdict(plain)
    for clone in (pickle.loads(pickle.dumps(t)), copy.copy(t), copy.deepcopy(t)):
        assert type(clone) is Token and clone == plain
    t.pos = "NN"
    assert t.pos == "NN" and t != plain
