"""Runs the steps over one article, in the order the package docstring gives,
and makes the final spans.

Each step claims tokens; the order decides which reading of a word wins.
"""
from __future__ import annotations

from ...article import Article, Mention
from ...kb import KnowledgeBase
from .acronyms import acronym_definitions, acronyms_defined_otherwise
from .ambiguity import resolve_ambiguous_names
from .coordination import (coordinated_ellipsis, coordinated_names, institution_place_names,
                           truncated_compounds)
from .descriptions import descriptions
from .doc_names import later_mentions
from .handles import angle_bracket_names, social_handles
from .kb_names import institute_acronyms, link_kb_names, link_typos
from .legal_forms import legal_form_names
from .persons import party_affiliations, person_names
from .places import place_names
from .state import ArticleState
from .tables import Tables
from .unknown_orgs import (centre_names, compound_names, cue_noun_names, designator_names, firm_names,
                           venture_compounds)


class EntityFinder:
    """Finds mentions in one article; holds the KB and derived tables."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.tables = Tables(kb)

    def find(self, article: Article) -> list[Mention]:
        tables = self.tables
        w = ArticleState(article)
        angle_bracket_names(tables, w)
        social_handles(tables, w)
        legal_form_names(tables, w)
        venture_compounds(tables, w)
        institute_acronyms(tables, w)
        link_kb_names(tables, w)
        link_typos(tables, w)
        resolve_ambiguous_names(tables, w)
        acronym_definitions(tables, w)
        acronyms_defined_otherwise(w)
        designator_names(tables, w)
        centre_names(tables, w)
        cue_noun_names(tables, w)
        institution_place_names(tables, w)
        compound_names(tables, w)
        firm_names(tables, w)
        coordinated_ellipsis(tables, w)
        coordinated_names(tables, w)
        truncated_compounds(tables, w)
        later_mentions(tables, w)
        person_names(tables, w)
        party_affiliations(tables, w)
        place_names(tables, w)
        mentions = sorted(w.mentions, key=lambda m: m.start)
        taken = [o is not None for o in w.owner]
        mentions += descriptions(tables, article, mentions, taken, w.lang)
        mentions.sort(key=lambda m: (m.start, m.end))
        _surface_texts(article, mentions)
        return mentions


def _surface_texts(article: Article, mentions: list[Mention]) -> None:
    """Each mention's text as the article has it (token texts lack control and format
    characters; the span has them); a stray quote is not part of a person's name."""
    for m in mentions:
        if m.label == "PER":  # "Oliver Kaltner' sagte"
            while m.end - m.start > 1 and article.text[m.end - 1] in "'’":
                m.end -= 1
        m.text = article.text[m.start:m.end]
