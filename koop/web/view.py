"""The part of the network the page shows: the ``top`` most connected
organizations of the filtered network (plus a focused one and its partners),
and the same view written as CSV, GraphML or JSON for download.

A network of thousands of organizations is unreadable as a whole and slow to
lay out in a browser; the page starts from its best-connected part and lets
the reader ask for more ("showing 200 of 1,265").
"""
from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass

from ..export import GraphData, with_kb_fields, write_csv, write_graphml, write_json
from ..graph import CooperationFilter, CooperationSummary, GraphReader

DEFAULT_TOP = 200
MAX_TOP = 5000


@dataclass
class View:
    """Which organizations and cooperations the page shows, and out of how many."""
    hits: list[CooperationSummary]  # every cooperation the filter keeps
    nodes: list[str]  # the organizations shown, most connected first
    partners: dict[str, set[str]]  # distinct partners in the whole filtered network
    cooperations: dict[str, int]  # cooperations per organization in the whole network

    @property
    def total_nodes(self) -> int:
        return len(self.partners)

    def shown(self) -> list[CooperationSummary]:
        """The cooperations with at least two parties in the view."""
        keep = set(self.nodes)
        return [s for s in self.hits if sum(p in keep for p in s.party_ids) >= 2]


def select_view(reader: GraphReader, flt: CooperationFilter, top: int,
                focus: str | None = None) -> View:
    """The ``top`` organizations with the most distinct partners (ties: more
    cooperations, then id), plus ``focus`` and all its partners."""
    hits = reader.filter_cooperations(flt)
    partners: dict[str, set[str]] = defaultdict(set)
    coops: dict[str, int] = defaultdict(int)
    for s in hits:
        for oid in s.party_ids:
            coops[oid] += 1
            partners[oid].update(p for p in s.party_ids if p != oid)
    ranked = sorted(partners, key=lambda o: (-len(partners[o]), -coops[o], o))
    nodes = ranked[:top]
    if focus and focus in partners:
        chosen = set(nodes)
        nodes += [o for o in [focus, *sorted(partners[focus])] if o not in chosen]
    return View(hits, nodes, partners, coops)


def view_graph(reader: GraphReader, view: View) -> dict:
    """The view as nodes and pairwise edges (the shape of /api/graph, plus totals)."""
    keep = set(view.nodes)
    edges = []
    for s in view.shown():
        ids = [p for p in s.party_ids if p in keep]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                edges.append({"id": f"{s.id}:{a}:{b}", "cooperation_id": s.id, "source": a,
                              "target": b, "status": s.status, "sources": s.sources,
                              "since": s.since, "name": s.name, "first_seen": s.first_seen,
                              "last_seen": s.last_seen, "parties": list(s.party_ids)})
    names = {r["id"]: r for r in reader.org_summaries(view.nodes)} if view.nodes else {}
    nodes = [{"id": o, "name": names[o]["name"] if o in names else o,
              "linked": bool(names[o]["linked"]) if o in names else False,
              "partners": len(view.partners[o]), "cooperations": view.cooperations[o]}
             for o in view.nodes]
    total_edges = sum(len(s.party_ids) * (len(s.party_ids) - 1) // 2 for s in view.hits)
    return {"nodes": nodes, "edges": edges, "cooperations": len(view.hits),
            "truncated": len(view.nodes) < view.total_nodes,
            "total_nodes": view.total_nodes, "total_edges": total_edges,
            "shown_cooperations": len(view.shown())}


def view_data(reader: GraphReader, view: View) -> GraphData:
    """The view in the shape koop's exports take: its cooperations and their parties."""
    coops = reader.cooperation_views([s.id for s in view.shown()])
    party_ids = {p.id for c in coops for p in c.parties}
    orgs = [o for o in reader.organizations_with_counts() if o["id"] in party_ids]
    return GraphData(with_kb_fields(orgs), coops, [])


WRITERS = {"csv": (write_csv, "text/csv; charset=utf-8"),
           "graphml": (write_graphml, "application/graphml+xml; charset=utf-8"),
           "json": (write_json, "application/json; charset=utf-8")}


def export_view(reader: GraphReader, view: View, fmt: str) -> tuple[str, str]:
    """The view written as ``fmt`` (csv, graphml or json): (text, media type)."""
    writer, media_type = WRITERS[fmt]
    out = io.StringIO()
    writer(view_data(reader, view), out)
    return out.getvalue(), media_type
