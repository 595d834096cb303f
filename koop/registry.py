"""Registries for everything pluggable: pipeline stages (and later readers,
stores, exporters). koop's built-in parts register here the same way a plugin
would, through the ``koop.stages`` entry point group or by calling
:func:`register_stage` directly.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable

from .errors import KoopError


@dataclass(frozen=True)
class StageFactory:
    """A named stage factory with declared inputs/outputs and default config."""

    name: str
    func: Callable[..., Callable]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    default_config: dict[str, Any] = field(default_factory=dict)

    def takes(self, name: str) -> bool:
        """Whether the factory has a parameter ``name`` (``kb``: the pipeline hands it its KB)."""
        return name in inspect.signature(self.func).parameters

    def make(self, **config: Any) -> Callable:
        params = inspect.signature(self.func).parameters
        unknown = sorted(set(config) - set(params))
        if unknown:
            raise KoopError("E004", stage=self.name, keys=unknown, allowed=sorted(params))
        merged = {**self.default_config, **config}
        return self.func(**merged)


STAGES: dict[str, StageFactory] = {}


def register_stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = (),
                   default_config: dict[str, Any] | None = None) -> Callable:
    """Decorator: register ``make_<stage>(**config) -> stage(article)`` under ``name``.

    Names carry a version (``koop.quotes.v1``) so a changed stage can live
    beside the old one.
    """

    def deco(func: Callable) -> Callable:
        STAGES[name] = StageFactory(name, func, tuple(requires), tuple(assigns),
                                    dict(default_config or {}))
        return func

    return deco


def get_stage(name: str) -> StageFactory:
    _load_builtin_stages()
    try:
        return STAGES[name]
    except KeyError:
        raise KoopError("E003", name=name, known=", ".join(sorted(STAGES))) from None


# The built-in stage modules, named like a plugin's entry point rather than imported:
# they import this registry to register themselves, and the registry stays below them
# (tests/test_layers.py checks that no import goes up a layer or round a circle).
BUILTIN_STAGE_MODULES = (
    "koop.pipeline.language", "koop.pipeline.segment", "koop.pipeline.dates",
    "koop.pipeline.entities", "koop.pipeline.people", "koop.pipeline.quotes",
    "koop.pipeline.cooperations",
)
_loaded = False


def _load_builtin_stages() -> None:
    """Import the built-in stage modules (they register themselves) and plugins."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from importlib import import_module
    from importlib.metadata import entry_points

    for module in BUILTIN_STAGE_MODULES:
        import_module(module)

    for ep in entry_points(group="koop.stages"):
        ep.load()
