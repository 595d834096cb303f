"""The layers of koop (docs/architecture.md), checked on the source: every import of
``koop/`` (also those inside functions) is read with ``ast``; no import may go round a
circle or up from a lower layer to a higher one."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "koop"

# Lowest first. A module may import its own layer and the layers below it. The first
# prefix that matches a module names its layer (longest prefixes first within a layer
# do not matter: prefixes of different layers never overlap).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("koop.version", "koop.errors", "koop.names", "koop.statuses", "koop.limits",
              "koop.article", "koop.registry", "koop.kb", "koop.linear_model")),
    ("pipeline", ("koop.pipeline",)),
    ("io", ("koop.io",)),
    ("store", ("koop.store",)),
    ("app", ("koop.evaluate", "koop.extraction", "koop.ingest", "koop.export",
             "koop.graph", "koop.graph_render", "koop.render", "koop.progress", "koop.training")),
    ("surface", ("koop.web", "koop.cli", "koop.__main__", "koop")),
]

# Import edges that break a rule below and are known to (an issue that removes them).
# Empty since issue 16 items 1 and 2 (one ingest package; one read API over the graph).
# Delete an entry once its import is gone (the test fails on an entry that no longer occurs).
KNOWN_DEBT: set[tuple[str, str]] = set()

# Only the read API and the modules that write or export the graph read the store's
# queries module; everything else goes through ``koop.graph`` (issue 16, item 2).
QUERY_READERS = ("koop.graph", "koop.export", "koop.ingest", "koop.store")
# Named rules besides the layer order (each is also implied by it; they are spelt out
# because the issue names them, so a change of LAYERS cannot drop them silently).
FORBIDDEN = [
    ("koop.pipeline", ("koop.io", "koop.store", "koop.web", "koop.cli", "koop.ingest")),
    ("koop.io", ("koop.store", "koop.web", "koop.ingest")),
]


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


MODULES = _modules()


def _known(name: str) -> str:
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _targets(module: str, is_package: bool, node: ast.AST) -> list[str]:
    """The koop modules one import statement loads ("from . import x" names module x)."""
    if isinstance(node, ast.Import):
        return [_known(a.name) for a in node.names if a.name.split(".")[0] == "koop"]
    assert isinstance(node, ast.ImportFrom)
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != "koop":
        return []
    return [_known(f"{target}.{a.name}") if f"{target}.{a.name}" in MODULES else _known(target)
            for a in node.names]


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for module, (path, is_package) in MODULES.items():
        graph.add_node(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _targets(module, is_package, node):
                    if target != module:
                        graph.add_edge(module, target)
    return graph


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def layer_of(module: str) -> int:
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(_within(module, p) for p in prefixes if p != "koop"):
            return rank
    assert module == "koop", f"{module} is in no layer: add it to LAYERS"
    return len(LAYERS) - 1


GRAPH = import_graph()


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_import_circle():
    graph = nx.DiGraph((a, b) for a, b in GRAPH.edges if (a, b) not in KNOWN_DEBT)
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not circles, f"import circles: {circles}"


def test_no_import_goes_up_a_layer():
    up = [(a, LAYERS[layer_of(a)][0], b, LAYERS[layer_of(b)][0]) for a, b in GRAPH.edges
          if layer_of(b) > layer_of(a) and (a, b) not in KNOWN_DEBT]
    assert not up, "imports from a lower layer to a higher one:\n" + "\n".join(
        f"{a} ({la}) -> {b} ({lb})" for a, la, b, lb in up)


@pytest.mark.parametrize("importer,banned", FORBIDDEN)
def test_named_rules(importer, banned):
    bad = [(a, b) for a, b in GRAPH.edges if _within(a, importer)
           and any(_within(b, x) for x in banned) and (a, b) not in KNOWN_DEBT]
    assert not bad, bad


def test_only_the_read_api_reads_the_queries():
    bad = [(a, b) for a, b in GRAPH.edges if _within(b, "koop.store.queries")
           and not any(_within(a, r) for r in QUERY_READERS) and (a, b) not in KNOWN_DEBT]
    assert not bad, f"read the graph through koop.graph, not store.queries: {bad}"


def test_known_debt_is_still_there():
    """An entry whose import is gone must leave the list (so the list only shrinks)."""
    gone = sorted(e for e in KNOWN_DEBT if not GRAPH.has_edge(*e))
    assert not gone, f"no longer imported, remove from KNOWN_DEBT: {gone}"


def test_the_checker_sees_imports_inside_functions_and_relative_ones():
    """The reader itself: a lazy import in a function body and a ``from .. import x``
    of a module both count."""
    # koop/__init__.py loads koop.graph only inside __getattr__
    assert GRAPH.has_edge("koop", "koop.graph")
    # koop/pipeline/entities/words.py: "from .. import lexicon as lx"
    assert GRAPH.has_edge("koop.pipeline.entities.words", "koop.pipeline.lexicon")
