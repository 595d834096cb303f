"""The learned recogniser: a CRF trained on the corpus decides which spans are
organizations and people; the hand-written finders link them.

The finders run first and their reading is one of the model's features
(crf_features.py). A finder's mention linked to the knowledge base stands as it
is (the KB knows the name; the model's span over it is not taken). Otherwise the
model's spans win: a finder's mention the model agrees with is kept as it is; a
span the model draws differently ("Cable and Wireless PLC" where a finder saw
"Wireless PLC") is linked afresh, to the knowledge base when the name is known
there and else to a new organization of its own; a finder's unlinked name the
model rejects is dropped. Descriptions, anaphors and places are not the model's
business and stay as the finders made them, unless a model span covers a place.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path

from ...article import Article, Mention
from ...errors import KoopError
from ...kb import KnowledgeBase
from ...names import fold, strip_legal, unknown_org_id
from .crf_features import article_features, spans_from_labels
from .kb_lookup import known_org

MODEL_DIR = Path(__file__).resolve().parents[2] / "models"


def model_path(lang: str, model_dir: Path = MODEL_DIR) -> Path:
    return model_dir / f"ner-{lang}.crfsuite"


@lru_cache(maxsize=8)
def _tagger(path: str):
    try:
        import pycrfsuite
    except ImportError:  # a recogniser trained with koop train, read without the train extra
        raise KoopError("E032", path=path, package="python-crfsuite") from None

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


class LearnedRecognizer:
    """Applies the trained CRF of the article's language, where one is shipped."""

    def __init__(self, kb: KnowledgeBase, first_names: frozenset[str], model_dir: Path = MODEL_DIR) -> None:
        self.kb = kb
        self.first_names = first_names
        self.model_dir = model_dir

    def available(self, lang: str) -> bool:
        return model_path(lang, self.model_dir).exists()

    def spans(self, article: Article) -> list[tuple[int, int, str]]:
        """The model's ORG and PER spans, reading the finders' mentions as features."""
        tagger = _tagger(str(model_path(article.lang or "de", self.model_dir)))
        us, feats = article_features(article, self.kb, self.first_names)
        return spans_from_labels(article.text, us, tagger.tag(feats)) if us else []

    def apply(self, article: Article, mentions: list[Mention]) -> list[Mention]:
        """The mentions after the model's decision (see the module docstring)."""
        article.mentions = mentions
        spans = self.spans(article)
        sent_of = _sentence_index(article)
        names = [m for m in mentions if m.kind in ("name", "brand") and m.label in ("ORG", "PER")]
        linked = [m for m in names if m.label == "ORG" and m.org_id and not m.org_id.startswith("x-")]
        by_span = {(m.start, m.end, m.label): m for m in names}
        out: list[Mention] = list(linked)  # a knowledge-base link stands: the KB knows the name
        new_orgs: dict[str, tuple[str, str]] = {}  # folded name -> (id, canonical) of new organizations
        for s, e, label in spans:
            if any(m.start < e and s < m.end for m in linked):
                continue  # the linked mention's own span wins over the model's reading
            kept = by_span.get((s, e, label))
            if kept is not None:
                out.append(kept)
                if label == "ORG" and kept.org_id and kept.org_id.startswith("x-"):
                    new_orgs.setdefault(fold(kept.canonical or kept.text), (kept.org_id, kept.canonical or kept.text))
                continue
            text = article.text[s:e]
            if label == "PER":
                out.append(Mention(s, e, "PER", text, kind="name", score=0.9, sent=sent_of(s)))
                continue
            org_id, canonical = self._link(text, s, e, names, new_orgs)
            out.append(Mention(s, e, "ORG", text, org_id=org_id, canonical=canonical, kind="name",
                               score=0.9, sent=sent_of(s)))
        covered = [(m.start, m.end) for m in out]
        for m in mentions:
            if m.kind in ("name", "brand") and m.label in ("ORG", "PER"):
                continue  # the model decided these
            if m.label == "LOC" and any(b < m.end and m.start < e for b, e in covered):
                continue
            out.append(m)
        out.sort(key=lambda m: (m.start, m.end))
        return out

    def _link(self, text: str, s: int, e: int, names: list[Mention],
              new_orgs: dict[str, tuple[str, str]]) -> tuple[str, str]:
        """The organization a model span names: the KB's, the finder's inside a longer
        reading, one named before in the article, or a new one."""
        org = known_org(self.kb, text)
        if org is not None:
            return org.id, org.name
        inside = [m for m in names if m.label == "ORG" and m.start <= s and e <= m.end]
        if inside and inside[0].org_id:
            return inside[0].org_id, inside[0].canonical or inside[0].text
        bare = strip_legal(text).strip(" ,.") or text
        key = fold(bare)
        if key in new_orgs:
            return new_orgs[key]
        for known_key, hit in new_orgs.items():  # a short form of a name met before
            if len(key) >= 4 and known_key.startswith(key + " "):
                return hit
        contained = [m for m in names if m.label == "ORG" and s <= m.start and m.end <= e
                     and m.org_id and not m.org_id.startswith("x-")]
        if contained and fold(strip_legal(contained[0].text)) == key:
            return contained[0].org_id, contained[0].canonical or contained[0].text
        hit = (unknown_org_id(bare), bare)
        new_orgs[key] = hit
        return hit


def _sentence_index(article: Article):
    """pos -> the index of the sentence it lies in."""
    starts = [s.start for s in article.sentences]
    return lambda pos: max(0, bisect.bisect_right(starts, pos) - 1)
