"""Runs named stages in order over Articles and names the stage that broke."""
from __future__ import annotations

import logging
import time
from typing import Callable, Iterable, Iterator

from ..article import Article
from ..errors import KoopError
from ..kb import KnowledgeBase, default_kb, shared_kb
from ..registry import get_stage
from .loading import loading_models

log = logging.getLogger(__name__)

DEFAULT_STAGES = (
    "koop.language.v1",
    "koop.segment.v1",
    "koop.dates.v1",
    "koop.entities.v1",
    "koop.people.v1",
    "koop.quotes.v1",
    "koop.cooperations.v1",
)


def check_config(config: dict, stages: list[str]) -> None:
    """Refuse config for a stage the pipeline does not run (a misspelt name would
    otherwise be ignored in silence): E006, with the closest stage name; and config
    that is not a dict of settings: E007."""
    import difflib

    if not isinstance(config, dict):
        raise KoopError("E007", stage="(all)", got=type(config).__name__)
    for name, settings in config.items():
        if name not in stages:
            close = difflib.get_close_matches(str(name), stages, n=1)
            raise KoopError("E006", name=name, stages=", ".join(stages),
                            hint=f" Did you mean '{close[0]}'?" if close else "")
        if not isinstance(settings, dict):
            raise KoopError("E007", stage=name, got=type(settings).__name__)


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
        check_config(config, self.names)
        self._stages: list[tuple[str, Callable[[Article], Article]]] = []
        assigned = {"text", "id", "date", "lang"}
        started = time.perf_counter()
        with loading_models():
            for name in self.names:
                factory = get_stage(name)
                for req in factory.requires:
                    if req not in assigned:
                        raise KoopError("E002", stage=name, attr=req)
                assigned.update(factory.assigns)
                t = time.perf_counter()
                stage_config = dict(config.get(name, {}))
                if factory.takes("kb") and "kb" not in stage_config:
                    if self.kb is None:
                        self.kb = default_kb()
                    stage_config["kb"] = self.kb
                self._stages.append((name, factory.make(**stage_config)))
                log.debug("stage %s loaded in %.2f s%s", name, time.perf_counter() - t,
                          f" with {config[name]}" if config.get(name) else "")
        log.info("pipeline ready in %.1f s: %s", time.perf_counter() - started, ", ".join(self.names))

    def __call__(self, article: Article) -> Article:
        timed = log.isEnabledFor(logging.DEBUG)
        times = []
        for name, stage in self._stages:
            t = time.perf_counter() if timed else 0.0
            result = stage(article)
            if not isinstance(result, Article):
                raise KoopError("E001", stage=name, got=type(result).__name__)
            article = result
            if timed:
                times.append(f"{name.split('.')[1]} {1000 * (time.perf_counter() - t):.0f}")
        if timed:
            log.debug("article %s (%s, %d chars): %d cooperations; ms per stage: %s", article.id,
                      article.lang, len(article.text), len(article.cooperations), ", ".join(times))
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
