"""Models trained on the corpus decide which candidate pairs cooperate and in which
status; the rule engine's findings are among their features.

A pair whose probability reaches the model's threshold becomes a cooperation
with that probability as its confidence; a pair the rule engine found needs only
the lower ``veto`` probability (the model overrules the rules only when it is
sure). Both thresholds are chosen on the dev split. In a sentence where the rule
engine bound a trigger's parties ("a joint venture between Siemens and
Philips"), the model may reject its pairs but adds none of its own: on the dev
splits the other pairs of such sentences were bystanders five times in six. A cooperation the rule
engine found stays whole (a consortium, a named venture) when the model accepts
all of its pairs. Names, start dates and evidence come from the same helpers the rule
engine uses.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ...article import Article, Cooperation
from ...kb import KnowledgeBase
from ...linear_model import LinearModel
from .candidates import ArticleFacts, Candidate, candidates, evidence_sentences, features
from .merge import article_names
from .status import since_date

MODEL_DIR = Path(__file__).resolve().parents[2] / "models"
# a trigger sentence whose partners are unnamed ("mit verschiedenen Herstellern"), that
# reports wage talks or negates its trigger: no cooperation, whatever the words around it say
VETOES = ("unnamed_partners", "labor_talks", "negated_trigger")


def pair_model_path(lang: str, model_dir: Path = MODEL_DIR) -> Path:
    return model_dir / f"pairs-{lang}.json.gz"


def status_model_path(lang: str, model_dir: Path = MODEL_DIR) -> Path:
    return model_dir / f"status-{lang}.json.gz"


@lru_cache(maxsize=8)
def _load(path: str) -> LinearModel:
    return LinearModel.load(path)


def blocked(f: dict[str, float]) -> bool:
    """A pair the rule engine did not find that the model may not add: the contract's own
    exclusions apply to its sentence, or the rule engine bound other parties there."""
    if "rule" in f:
        return False
    return any(k in f for k in VETOES) or "rule_sentence_other_pair" in f


class LearnedDecider:
    """Applies the pair and status models of the article's language."""

    def __init__(self, kb: KnowledgeBase, model_dir: Path = MODEL_DIR) -> None:
        self.kb = kb
        self.model_dir = model_dir

    def available(self, lang: str) -> bool:
        return pair_model_path(lang, self.model_dir).exists() and status_model_path(lang, self.model_dir).exists()

    def decide(self, a: Article, rule_coops: list[Cooperation], lang: str) -> list[Cooperation]:
        pair_model = _load(str(pair_model_path(lang, self.model_dir)))
        status_model = _load(str(status_model_path(lang, self.model_dir)))
        threshold = pair_model.meta.get("threshold", 0.5)
        veto = pair_model.meta.get("veto", threshold)
        accepted: list[tuple[Candidate, float, str]] = []
        probs_of: dict[frozenset, float] = {}
        found = candidates(a, rule_coops)
        facts = ArticleFacts(a, lang, rule_coops)
        for c in found:
            f = features(facts, c, self.kb)
            if blocked(f):
                continue
            p = probs_of[c.key] = pair_model.proba(f)["1"]
            if p >= threshold or (c.rule is not None and p >= veto):
                accepted.append((c, p, c.rule.status if c.rule is not None else self._status(status_model, f)))
        return self._cooperations(facts, accepted, rule_coops, probs_of, veto)

    @staticmethod
    def _status(status_model: LinearModel, f: dict[str, float]) -> str:
        """The status model's, for a pair only the model found. (Where the rule engine
        found the pair, its status stands: it reads the stage from the cue words of the
        pair's own clause. On the dev splits the two agree within a few pairs, but the
        model leans to the corpus's most frequent status, "active", on plain
        announcements.)"""
        probs = status_model.proba(f)
        return max(probs, key=probs.get)

    def _name(self, names: dict[str, str], c: Candidate, oid: str) -> str:
        if oid in names:
            return names[oid]
        org = self.kb.orgs.get(oid)
        if org is not None:
            return org.name
        ms = c.mentions_a if oid == c.a else c.mentions_b
        named = [m for m in ms if m.kind == "name"] or ms
        return named[0].canonical or named[0].text

    def _cooperations(self, facts: ArticleFacts, accepted: list[tuple[Candidate, float, str]],
                      rule_coops: list[Cooperation], probs_of: dict[frozenset, float],
                      veto: float) -> list[Cooperation]:
        """A rule engine's cooperation stays as it is (parties, name, start, evidence)
        when the model accepts all of its pairs, with the model's confidence; every
        other accepted pair becomes a cooperation of two. A rule engine's cooperation of
        more than two stays whole when its best pair's probability reaches ``veto``."""
        seen = probs_of.keys()
        a, lang = facts.a, facts.lang
        names = article_names(self.kb, a)
        by_pair = {c.key: (c, p, st) for c, p, st in accepted}
        out: list[tuple[int, Cooperation]] = []
        covered: set[frozenset] = set()
        for rc in rule_coops:
            ids = [i for i in rc.party_ids if i]
            keys = {frozenset((x, y)) for k, x in enumerate(ids) for y in ids[k + 1:]}
            judged = keys & seen  # two names the rule engine split from one KB entry are no candidate
            # a consortium's member list is one statement, judged by its best-placed pair (two
            # names far apart in the list look like bystanders to the pair model)
            whole = len(ids) > 2 and judged and max(probs_of[k] for k in judged) >= veto
            if not keys or not (whole or judged <= by_pair.keys()):
                continue
            covered |= keys
            first = min(s for s, _e in rc.evidence_spans) if rc.evidence_spans else 0
            probs = [probs_of[k] for k in judged]
            out.append((first, Cooperation(
                parties=list(rc.parties), status=rc.status, since=rc.since, evidence=list(rc.evidence),
                evidence_spans=list(rc.evidence_spans),
                confidence=round(min(probs), 3) if probs else rc.confidence, party_ids=ids, name=rc.name)))
        for key, (c, p, status) in by_pair.items():
            if key in covered:
                continue
            sents = evidence_sentences(facts, c)
            spans = [a.sentences[s].span() for s in sents]
            since = c.rule.since if c.rule is not None and c.rule.since else None
            if since is None:
                since = next((d for d in (since_date(a, s, lang) for s in sents) if d), None)
            out.append((spans[0][0] if spans else 0, Cooperation(
                parties=[self._name(names, c, c.a), self._name(names, c, c.b)], status=status,
                since=since, evidence=[a.text[s:e] for s, e in spans], evidence_spans=spans,
                confidence=round(p, 3), party_ids=[c.a, c.b])))
        return [coop for _start, coop in sorted(out, key=lambda x: x[0])]
