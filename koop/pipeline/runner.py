"""Runs named stages in order over Articles and names the stage that broke."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from ..article import Article
from ..errors import KoopError
from ..kb import KnowledgeBase, default_kb, shared_kb
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
        kb (KnowledgeBase): the organizations every stage links to; a stage whose
            factory has a ``kb`` parameter gets it (default: ``koop.kb.default_kb()``,
            loaded only if a stage asks).
    """

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES,
                 config: dict[str, dict] | None = None, kb: KnowledgeBase | None = None) -> None:
        config = config or {}
        self.kb = kb
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
                stage_config = dict(config.get(name, {}))
                if factory.takes("kb") and "kb" not in stage_config:
                    if self.kb is None:
                        self.kb = default_kb()
                    stage_config["kb"] = self.kb
                self._stages.append((name, factory.make(**stage_config)))

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


_shared: dict[tuple[str, ...], Pipeline] = {}


def default_pipeline(kb_paths: Iterable[str] = ()) -> Pipeline:
    """The shared default pipeline over the shipped KB plus ``kb_paths`` (built once
    per process and set of paths: the KB is loaded once).

    ``functools.partial(default_pipeline, paths)`` is the picklable factory that
    worker processes (``koop ingest -j``, Dask) build the same pipeline with.
    """
    key = tuple(str(p) for p in kb_paths)
    if key not in _shared:
        _shared[key] = Pipeline(kb=shared_kb(key))
    return _shared[key]
