"""Runs named stages in order over Articles and names the stage that broke."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from ..article import Article
from ..errors import KoopError
from ..registry import get_stage
from .loading import loading_models

DEFAULT_STAGES = (
    "koop.language.v1",
    "koop.segment.v1",
    "koop.dates.v1",
    "koop.entities.v1",
    "koop.people.v1",
    "koop.quotes.v1",
    "koop.cooperations.v1",
)


class Pipeline:
    """An ordered list of named stages.

    Args:
        stages (list[str]): registry names, in order.
        config (dict): per-stage config, keyed by stage name.
    """

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES,
                 config: dict[str, dict] | None = None) -> None:
        config = config or {}
        self.names = list(stages)
        self._stages: list[tuple[str, Callable[[Article], Article]]] = []
        assigned = {"text", "id", "date", "lang"}
        with loading_models():
            for name in self.names:
                factory = get_stage(name)
                for req in factory.requires:
                    if req not in assigned:
                        raise KoopError("E002", stage=name, attr=req)
                assigned.update(factory.assigns)
                self._stages.append((name, factory.make(**config.get(name, {}))))

    def __call__(self, article: Article) -> Article:
        for name, stage in self._stages:
            result = stage(article)
            if not isinstance(result, Article):
                raise KoopError("E001", stage=name, got=type(result).__name__)
            article = result
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for a in articles:
            yield self(a)


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The shared default pipeline (built once per process: the KB is loaded once)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default
