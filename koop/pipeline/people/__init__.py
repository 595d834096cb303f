"""Finds the people an article names, with their role and organization.

Works from the PER and ORG mentions of ``koop.entities.v1``. Mentions of one
person are merged ("Andreas Kaufmann" ... "Kaufmann" ... "Kaufmanns"); the
role and organization come from the words around a mention, read with the role
lexicon ``koop/data/roles.json`` (German and English, with feminine and
Austrian/Swiss forms):

- ``ORG-ROLE PER``          Leica-Chef Oliver Kaltner
- ``ORG ROLE PER``          Apple CEO Tim Cook, Apple's chief executive Tim Cook
- ``ROLE PER``              Vorstandschef Oliver Kaltner (org None, or "... vom Bankhaus X")
- ``ROLE of ORG, PER``      der Vorstandschef der Deutschen Bank, John Cryan
- ``PER, ROLE of ORG``      Tim Cook, Chef von Apple; Staffan Paues, President of X
- ``PER, ORG's ROLE``       Tim Cook, Apple's chief executive
- a name alone on its line (optionally "Von"/"By" before it) is the author.

Every person named with first and last name is listed, with or without a role;
a surname alone is listed only when it comes with a role ("Facebook-Gründer
Zuckerberg").

The grouping of the PER mentions is kept on the Article (``person_clusters``) for
the quotes stage, which reads the speakers from it instead of grouping again.

The modules: finder.py runs the steps; clustering.py merges the mentions of one
person; roles.py holds the role lexicon; role_context.py reads the role and the
organization around a mention; orgs.py looks up the ORG mentions; bylines.py finds
authors and picture credits; words.py the shared tokens.
"""
from __future__ import annotations

from ...article import Article
from ...registry import register_stage
from .finder import PeopleFinder, analyze_people, default_finder
from .roles import RoleLexicon, load_role_data
from .words import TOKEN, is_full_name

__all__ = ["PeopleFinder", "RoleLexicon", "TOKEN", "analyze_people", "default_finder", "is_full_name",
           "load_role_data", "make_people"]


@register_stage("koop.people.v1", requires=("mentions",), assigns=("people", "person_clusters"))
def make_people():
    """Stage: fill ``article.people`` (the people to report) and ``article.person_clusters``
    (every named person's mentions and role) from the PER/ORG mentions.

    RETURNS (Callable[[Article], Article]): the stage.
    """
    finder = default_finder()

    def people(article: Article) -> Article:
        found = finder.analyze(article)
        article.people = found.persons
        article.person_clusters = found.article_clusters()
        return article

    return people
