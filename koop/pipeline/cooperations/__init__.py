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
"""
from __future__ import annotations

from ...article import Article
from ...registry import register_stage
from .finder import CooperationFinder

__all__ = ["CooperationFinder", "make_cooperations"]


@register_stage("koop.cooperations.v1", requires=("mentions", "dates"), assigns=("cooperations",))
def make_cooperations():
    """Cooperation stage: one finder (KB and alliances loaded once) for all articles."""
    finder = CooperationFinder()

    def cooperations(article: Article) -> Article:
        article.cooperations = finder.find(article)
        return article

    return cooperations
