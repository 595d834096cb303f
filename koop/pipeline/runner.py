"""Runs named stages in order over Articles and names the stage that broke."""
from __future__ import annotations

import gc
import logging
import time
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from ..article import Article
from ..errors import KoopError
from ..registry import get_stage

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


@contextmanager
def loading_models():
    """Load models (knowledge base, tokenizer, tagger) without cyclic garbage collection,
    then keep the collector from scanning them again.

    Loading makes millions of long-lived objects and no garbage, and each full
    collection would traverse them all: collections took a third of koop's start-up
    and (after it) 5% of extraction. ``gc.freeze()`` moves every object alive at
    the end into the permanent generation (reference counting still frees them).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


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
    """

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES,
                 config: dict[str, dict] | None = None) -> None:
        config = config or {}
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
                self._stages.append((name, factory.make(**config.get(name, {}))))
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


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The shared default pipeline (built once per process: the KB is loaded once)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default
