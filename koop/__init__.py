"""koop: reads business news and maps who cooperates with whom.

The library comes first; the CLI is a thin layer over it::

    import koop
    article = koop.extract("Leica und Panasonic arbeiten zusammen ...", date="2023-05-01")
    for coop in article.cooperations:
        print(coop.parties, coop.status, coop.since)
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .article import Article, Cooperation, DateMention, Mention, Person, Quote, Sentence, Token
from .pipeline.runner import Pipeline, default_pipeline
from .version import __version__


__all__ = [
    "Article", "Cooperation", "DateMention", "Mention", "Person", "Quote", "Sentence", "Token",
    "Pipeline", "extract", "extract_many", "__version__",
]


def extract(text: str, *, id: str = "doc", date: str | None = None, lang: str | None = None,
            title: str | None = None, url: str | None = None) -> Article:
    """Run the default pipeline over one text.

    Args:
        text (str): the article's main text.
        date (str): publication date (ISO), used to resolve relative dates.
        lang (str): 'de' or 'en'; detected when missing.
    RETURNS (Article): the article with all annotations.
    """
    article = Article(id=id, text=text, date=date, lang=lang, title=title, url=url)
    return default_pipeline()(article)


def extract_many(articles: Iterable[Article]) -> Iterator[Article]:
    """Run the default pipeline over many Articles (lazily)."""
    return default_pipeline().pipe(articles)

# The graph API: koop.open(db) -> Graph. Loaded on first use, so that `import koop`
# stays light (SQLAlchemy and the ingest modules load only when a graph is opened).
# "open" is left out of __all__ so `from koop import *` never shadows the builtin.
__all__ += ["Graph"]


def __getattr__(name: str):
    if name in ("open", "Graph"):
        from . import graph

        return graph.open_graph if name == "open" else graph.Graph
    raise AttributeError(f"module 'koop' has no attribute {name!r}")
