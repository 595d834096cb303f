"""Stage placeholder: dates (to be implemented)."""
from __future__ import annotations

from ..article import Article
from ..registry import register_stage


@register_stage("koop.dates.v1", requires=("sentences", "tokens"), assigns=("dates",))
def make_dates():
    def dates(article: Article) -> Article:
        return article

    return dates
