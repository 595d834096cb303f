"""Exports of the whole graph: GraphML, CSV, JSON and JSON-LD.

- ``graphml``: organizations that have a cooperation as nodes (organizations
  only mentioned are in the ``json`` export), each cooperation as edges between its
  parties (a cooperation of n parties gives n(n-1)/2 edges sharing the same
  ``cooperation`` id), with typed node and edge attributes; opens in Gephi
  and yEd and reads with networkx.
- ``csv``: the same edges as a table (to a file or stdout); with ``-o`` a
  folder, also ``nodes.csv`` and ``observations.csv``.
- ``json``: organizations, cooperations with history and evidence, people.

Organizations linked to the knowledge base carry its ``type``, ``domain``,
``city`` and ``country`` in every format (JSON-LD: ``url`` and ``address``),
so the graph joins with other data by web domain.
- ``jsonld``: schema.org types (``Organization``, ``NewsArticle``,
  ``Person``); a cooperation is a ``schema:Organization`` whose ``member``s
  are its parties, typed ``koop:Cooperation`` too, with koop's own terms
  (status, since, sources, history, evidence) mapped in ``@context``.

Names and texts are written verbatim, whatever they look like (SQL, HTML,
shell); only characters that XML 1.0 cannot hold become U+FFFD in GraphML.
A file is written to a temporary file beside it and then renamed into place,
so an export is never half-written and never follows a symlink out of the
chosen path; file names inside an output folder are checked (``safe_child``).
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Callable, Iterator, TextIO
from urllib.parse import quote

from .version import __version__
from .errors import KoopError
from .kb import FACTS as KB_FIELDS, org_facts
from .store import Store
from .store.queries.cooperations import CooperationView, cooperation_views
from .store.queries.organizations import organizations_with_counts, people_list

KOOP_NS = "urn:koop:"


@dataclass
class GraphData:
    organizations: list[dict]
    cooperations: list[CooperationView]
    people: list[dict]

    def parties(self) -> list[dict]:
        """Organizations that are party to a cooperation (the graph's nodes)."""
        return [o for o in self.organizations if o["cooperations"]]


def load_graph(store: Store) -> GraphData:
    """Everything an export needs, read in one go, in an order of the graph's own keys.

    Cooperations (by party key) and people (by name and organization) are
    numbered in that order: the database's row ids depend on the order the
    articles came in, an export does not (issue 14: the same inputs in any
    order give the same bytes).
    """
    with store.read() as conn:  # one snapshot of the graph
        views, people, orgs = (cooperation_views(conn), people_list(conn),
                               organizations_with_counts(conn))
    coops = sorted(views, key=lambda v: v.key)
    coops = [dataclasses.replace(v, id=n) for n, v in enumerate(coops, 1)]
    people = sorted(people, key=lambda p: (p["name"], p["org_id"] or "", p["org"] or ""))
    people = [{**p, "id": n} for n, p in enumerate(people, 1)]
    return GraphData(with_kb_fields(orgs), coops, people)


def with_kb_fields(orgs: list[dict]) -> list[dict]:
    """Each organization with the KB's type, domain, city and country."""
    return [{**o, **(org_facts(o["id"]) if o.get("linked") else dict.fromkeys(KB_FIELDS, ""))}
            for o in orgs]


def _latest(v: CooperationView) -> dict:
    e = v.latest_evidence
    if e is None:
        return {"latest_evidence": "", "latest_article": "", "latest_title": "",
                "latest_url": "", "latest_date": ""}
    return {"latest_evidence": e.text, "latest_article": e.article.key,
            "latest_title": e.article.title or "", "latest_url": e.article.url or "",
            "latest_date": e.article.date or ""}


def edge_rows(data: GraphData) -> list[dict]:
    """One row per pair of parties of each cooperation."""
    rows = []
    for v in data.cooperations:
        for a, b in combinations(v.parties, 2):
            rows.append({
                "source": a.id, "target": b.id, "source_name": a.name, "target_name": b.name,
                "cooperation": v.id, "name": v.name or "", "status": v.status,
                "since": v.since or "", "first_seen": v.first_seen or "",
                "last_seen": v.last_seen or "", "sources": v.sources,
                "observations": len(v.history), "parties": "; ".join(p.name for p in v.parties),
                **_latest(v)})
    return rows


# -- GraphML --------------------------------------------------------------------

_NODE_KEYS = [("label", "string"), ("name", "string"), ("linked", "boolean"),
              ("aliases", "string"), ("articles", "int"), ("cooperations", "int")] + [
              (f, "string") for f in KB_FIELDS]
_EDGE_KEYS = [("label", "string"), ("cooperation", "int"), ("name", "string"),
              ("status", "string"), ("since", "string"), ("first_seen", "string"),
              ("last_seen", "string"), ("sources", "int"), ("observations", "int"),
              ("parties", "string"), ("latest_evidence", "string"), ("latest_article", "string"),
              ("latest_title", "string"), ("latest_url", "string"), ("latest_date", "string")]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """``value`` as text that XML 1.0 can hold (other characters become U+FFFD)."""
    return _NOT_XML.sub("\ufffd", str(value))


def write_graphml(data: GraphData, out: TextIO) -> None:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {
        "xmlns": ns, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{ns} {ns}/1.0/graphml.xsd"})
    for prefix, domain, keys in (("n", "node", _NODE_KEYS), ("e", "edge", _EDGE_KEYS)):
        for name, typ in keys:
            ET.SubElement(root, "key", {"id": f"{prefix}_{name}", "for": domain,
                                        "attr.name": name, "attr.type": typ})
    graph = ET.SubElement(root, "graph", {"id": "koop", "edgedefault": "undirected"})

    def data_el(parent, key, value) -> None:
        if value is None or value == "":
            return
        el = ET.SubElement(parent, "data", {"key": key})
        el.text = ("true" if value else "false") if isinstance(value, bool) else xml_text(value)

    for o in data.parties():
        node = ET.SubElement(graph, "node", {"id": xml_text(o["id"])})
        for name, _ in _NODE_KEYS:
            value = o["name"] if name == "label" else o.get(name)
            if name == "aliases":
                value = "; ".join(o["aliases"])
            data_el(node, f"n_{name}", value)
    for i, r in enumerate(edge_rows(data)):
        edge = ET.SubElement(graph, "edge", {"id": f"e{i}", "source": xml_text(r["source"]),
                                             "target": xml_text(r["target"])})
        label = r["name"] or r["status"]
        for name, _ in _EDGE_KEYS:
            data_el(edge, f"e_{name}", label if name == "label" else r[name])
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    # a raw "\r" would be read back as "\n" (XML end-of-line handling): write it as a reference
    out.write(ET.tostring(root, encoding="unicode").replace("\r", "&#13;"))
    out.write("\n")


# -- CSV / JSON -------------------------------------------------------------------

def _write_csv(rows: list[dict], fields: list[str], out: TextIO) -> None:
    # RFC 4180 line ends: with "\n" alone the csv module would not quote a field holding
    # "\r", and the file would not read back
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)


EDGE_FIELDS = ["source", "target", "source_name", "target_name", "cooperation", "name",
               "status", "since", "first_seen", "last_seen", "sources", "observations",
               "parties", "latest_evidence", "latest_article", "latest_title", "latest_url",
               "latest_date"]


def write_csv(data: GraphData, out: TextIO) -> None:
    _write_csv(edge_rows(data), EDGE_FIELDS, out)


# -- writing files safely ------------------------------------------------------------

def safe_child(folder: Path, name: str) -> Path:
    """``folder / name`` for a plain file name; raises KoopError E018 for a name that
    would leave the folder (``..``, a separator, an absolute path)."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name \
            or Path(name).is_absolute() or Path(name).name != name:
        raise KoopError("E018", path=name, reason=f"not a plain file name inside '{folder}'")
    path = folder / name
    if path.is_symlink() and path.resolve().parent != folder.resolve():
        raise KoopError("E018", path=path, reason=f"it is a symlink to '{os.readlink(path)}', "
                                                  f"outside the folder '{folder}'")
    return path


@contextmanager
def atomic_write(path: Path) -> Iterator[TextIO]:
    """Write ``path`` through a temporary file in the same folder, renamed into place on
    success: a failed export leaves no half-written file, and a symlink at ``path`` is
    replaced, never followed."""
    if path.is_dir() and not path.is_symlink():
        raise KoopError("E018", path=path, reason="it is a folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_csv_dir(data: GraphData, folder: Path) -> list[Path]:
    """nodes.csv, edges.csv and observations.csv in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes = [{**o, "aliases": "; ".join(o["aliases"])} for o in data.parties()]
    obs = [{"cooperation": v.id, "parties": "; ".join(p.name for p in v.parties),
            "date": o.article.date or "", "status": o.status, "since": o.since or "",
            "name": o.name or "", "confidence": o.confidence, "article": o.article.key,
            "title": o.article.title or "", "url": o.article.url or ""}
           for v in data.cooperations for o in v.history]
    files = []
    for name, rows, fields in (
            ("nodes.csv", nodes, ["id", "name", "linked", "aliases", "articles", "cooperations",
                                  *KB_FIELDS]),
            ("edges.csv", edge_rows(data), EDGE_FIELDS),
            ("observations.csv", obs, ["cooperation", "parties", "date", "status", "since",
                                       "name", "confidence", "article", "title", "url"])):
        path = safe_child(folder, name)
        with atomic_write(path) as f:
            _write_csv(rows, fields, f)
        files.append(path)
    return files


def to_json(data: GraphData) -> dict:
    return {"koop_version": __version__, "organizations": data.organizations,
            "cooperations": [v.to_dict() for v in data.cooperations], "people": data.people}


def write_json(data: GraphData, out: TextIO) -> None:
    json.dump(to_json(data), out, ensure_ascii=False, indent=1)
    out.write("\n")


# -- JSON-LD ----------------------------------------------------------------------

JSONLD_CONTEXT = {
    "@vocab": "https://schema.org/",
    "koop": KOOP_NS + "vocab:",
    "Cooperation": "koop:Cooperation",
    "Observation": "koop:Observation",
    "Evidence": "koop:Evidence",
    "status": "koop:status",
    "since": "koop:since",
    "firstSeen": "koop:firstSeen",
    "lastSeen": "koop:lastSeen",
    "sourceCount": "koop:sourceCount",
    "history": {"@id": "koop:history", "@container": "@list"},
    "evidence": "koop:evidence",
    "article": {"@id": "koop:article", "@type": "@id"},
    "confidence": "koop:confidence",
}


def org_iri(org_id: str) -> str:
    return f"{KOOP_NS}org:{quote(org_id, safe='')}"


def _article_ld(ref) -> dict:
    iri = ref.url or f"{KOOP_NS}article:{quote(ref.key, safe='')}"
    return {"@id": iri, "@type": "NewsArticle", "identifier": ref.key,
            **({"headline": ref.title} if ref.title else {}),
            **({"url": ref.url} if ref.url else {}),
            **({"datePublished": ref.date} if ref.date else {})}


def to_jsonld(data: GraphData) -> dict:
    nodes: list[dict] = []
    articles: dict[str, dict] = {}
    for o in data.parties():
        nodes.append({"@id": org_iri(o["id"]), "@type": "Organization", "identifier": o["id"],
                      "name": o["name"],
                      **({"alternateName": o["aliases"]} if o["aliases"] else {}),
                      **({"url": f"https://{o['domain']}"} if o.get("domain") else {}),
                      **({"address": {"@type": "PostalAddress", "addressLocality": o["city"],
                                      "addressCountry": o["country"]}} if o.get("country") else {})})
    for v in data.cooperations:
        for o in v.history:
            articles.setdefault(o.article.key, _article_ld(o.article))
        node = {
            "@id": f"{KOOP_NS}cooperation:{v.id}", "@type": ["Organization", "Cooperation"],
            "name": v.name or " + ".join(p.name for p in v.parties),
            "member": [{"@id": org_iri(p.id)} for p in v.parties],
            "status": v.status, "sourceCount": v.sources,
            "history": [{"@type": "Observation", "status": o.status,
                         "article": articles[o.article.key]["@id"], "confidence": o.confidence,
                         **({"since": o.since} if o.since else {}),
                         **({"dateCreated": o.article.date} if o.article.date else {})}
                        for o in v.history],
            "evidence": [{"@type": "Evidence", "text": e.text,
                          "article": articles[e.article.key]["@id"]} for e in v.evidence],
        }
        if v.since:
            node["since"] = v.since
            node["foundingDate"] = v.since
        if v.first_seen:
            node["firstSeen"] = v.first_seen
            node["lastSeen"] = v.last_seen
        nodes.append(node)
    nodes.extend(articles.values())
    known = {o["id"] for o in data.parties()}
    for p in data.people:
        nodes.append({"@id": f"{KOOP_NS}person:{p['id']}", "@type": "Person", "name": p["name"],
                      **({"worksFor": {"@id": org_iri(p["org_id"])}}
                         if p.get("org_id") in known else {})})
    return {"@context": JSONLD_CONTEXT, "@graph": nodes}


def write_jsonld(data: GraphData, out: TextIO) -> None:
    json.dump(to_jsonld(data), out, ensure_ascii=False, indent=1)
    out.write("\n")


EXPORTERS: dict[str, Callable[[GraphData, TextIO], None]] = {
    "graphml": write_graphml, "csv": write_csv, "json": write_json, "jsonld": write_jsonld,
}


def export(store: Store, fmt: str, path: str | Path | None = None) -> str | None:
    """Export the graph as ``fmt`` to ``path`` (a file; a folder for csv).

    RETURNS (str | None): the text when ``path`` is None, else None.
    """
    if fmt not in EXPORTERS:
        raise KoopError("E044", fmt=fmt, known=", ".join(EXPORTERS))
    data = load_graph(store)
    if path is None:
        buf = io.StringIO()
        EXPORTERS[fmt](data, buf)
        return buf.getvalue()
    raw, path = str(path), Path(path)
    if fmt == "csv" and (path.is_dir() or raw.endswith(("/", "\\"))):
        write_csv_dir(data, path)
        return None
    with atomic_write(path) as f:
        EXPORTERS[fmt](data, f)
    return None
