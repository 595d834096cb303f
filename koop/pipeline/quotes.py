"""Stage placeholder: quotes (to be implemented)."""
from __future__ import annotations

from ..article import Article
from ..registry import register_stage


@register_stage("koop.quotes.v1", requires=("mentions",), assigns=("quotes",))
def make_quotes():
    def quotes(article: Article) -> Article:
        return article

    return quotes
