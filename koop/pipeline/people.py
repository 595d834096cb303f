"""Stage placeholder: people (to be implemented)."""
from __future__ import annotations

from ..article import Article
from ..registry import register_stage


@register_stage("koop.people.v1", requires=("mentions",), assigns=("people",))
def make_people():
    def people(article: Article) -> Article:
        return article

    return people
