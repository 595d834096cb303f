"""Finds cooperations between named organizations (spec/COOPERATIONS.md).

Per sentence: a trigger (noun, verb or idiom of cooperation) makes the
sentence a candidate; parties come from the organization mentions around it
(coordinations "X und Y", partner slots "mit X" / "with X" / "between X and
Y"); a sentence that only refers back ("Die Kooperation ...", "Diese
Gespräche ...") updates the cooperation found just before. Status comes from
cue words (the table in the spec) with negation and modality; ``since`` from
"seit"/"since"/"gegründet" dates. Co-owners of a company and members of a
standing alliance cooperate too. Observations of the same set of parties
merge into one cooperation whose status is the latest stage reported.

The modules: finder.py runs the steps over an article; cues.py holds the
German and English cue tables; observations.py what a sentence says about a
set of parties; triggers.py finds the triggers and drops excluded and negated
ones; status.py gives status and start date from cue words; parties.py says
which mentions are parties and how they are grouped; pairing.py which parties
of a sentence cooperate; references.py reads sentences that refer back;
structures.py finds co-ownership and standing alliances; merge.py merges
observations into one Cooperation and picks the names to report.
candidates.py and learned.py let models trained on the corpus decide: every
pair of organizations is a candidate, the rule engine's findings are features.
"""
from __future__ import annotations

from pathlib import Path

from ...article import Article
from ...kb import KnowledgeBase
from ...registry import register_stage
from .finder import CooperationFinder
from .learned import MODEL_DIR, LearnedDecider
from .merge import canonical_parties

__all__ = ["CooperationFinder", "LearnedDecider", "make_cooperations"]


@register_stage("koop.cooperations.v1", requires=("mentions", "dates"), assigns=("cooperations",),
                default_config={"learned": True, "model_dir": None})
def make_cooperations(kb: KnowledgeBase | None = None, learned: bool = True,
                      model_dir: str | None = None):
    """Cooperation stage: one finder (the pipeline's ``kb``, alliances loaded once) for
    all articles; ``learned`` lets the trained pair and status models decide (where models for the
    article's language are shipped, or in ``model_dir``), the rule engine's findings
    being their features."""
    finder = CooperationFinder(kb)
    decider = LearnedDecider(finder.kb, Path(model_dir) if model_dir else MODEL_DIR) if learned else None

    def cooperations(article: Article) -> Article:
        found = finder.find(article)
        lang = article.lang or "de"
        if decider is not None and decider.available(lang):
            found = decider.decide(article, found, lang)
        article.cooperations = canonical_parties(finder.kb, found)
        return article

    return cooperations
