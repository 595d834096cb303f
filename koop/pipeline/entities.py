"""Stage placeholder: entities (to be implemented)."""
from __future__ import annotations

from ..article import Article
from ..registry import register_stage


@register_stage("koop.entities.v1", requires=("sentences", "tokens"), assigns=("mentions",))
def make_entities():
    def entities(article: Article) -> Article:
        return article

    return entities
