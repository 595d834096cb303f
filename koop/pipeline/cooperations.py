"""Stage placeholder: cooperations (to be implemented)."""
from __future__ import annotations

from ..article import Article
from ..registry import register_stage


@register_stage("koop.cooperations.v1", requires=("mentions", "dates"), assigns=("cooperations",))
def make_cooperations():
    def cooperations(article: Article) -> Article:
        return article

    return cooperations
