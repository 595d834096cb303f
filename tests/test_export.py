"""Exports: GraphML (read back with networkx), CSV, JSON and JSON-LD."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from koop.cli import cli
from koop.errors import KoopError

from koop.article import Mention

from store_helpers import make_article

PAIRS = {("huawei", "leica-camera"), ("apple", "leica-camera"), ("leica-camera", "panasonic"),
         ("leica-camera", "xiaomi"), ("leica-camera", "sigma-corporation"),
         ("panasonic", "sigma-corporation")}


def test_graphml_reads_with_networkx(leica_graph, tmp_path):
    # an organization that is only mentioned is no node of the cooperation graph
    leica_graph.add(make_article("m", "Capital berichtet.", mentions=[
        Mention(0, 7, "ORG", "Capital", "capital-magazin", "Capital")]))
    assert "capital-magazin" in {o["id"] for o in json.loads(leica_graph.export("json"))[
        "organizations"]}
    path = tmp_path / "g.graphml"
    leica_graph.export("graphml", path)
    g = nx.read_graphml(path)
    assert not g.is_directed()
    assert set(g.nodes) == {"leica-camera", "huawei", "apple", "panasonic", "xiaomi",
                            "sigma-corporation"}
    assert g.nodes["leica-camera"]["label"] == "Leica"
    assert g.nodes["leica-camera"]["cooperations"] == 5
    assert g.nodes["leica-camera"]["linked"] is True
    assert g.nodes["leica-camera"]["domain"] == "leica-camera.com"
    assert {tuple(sorted(e)) for e in g.edges()} == PAIRS
    # the L-Mount Alliance (3 parties) gives 3 edges; Leica-Panasonic also has L² Technology
    assert g.number_of_edges() == 7
    multi = nx.read_graphml(path, force_multigraph=True)
    attrs = [d for _, _, d in multi.edges(data=True) if d.get("name") == "L² Technology"]
    (l2,) = attrs
    assert (l2["status"], l2["since"], l2["sources"]) == ("announced", "2000-08", 2)
    assert l2["first_seen"] == "2000-08-20" and l2["last_seen"] == "2023-05-04"
    assert l2["latest_url"] == "https://photo.example/l2" and "L² Technology" in l2["latest_evidence"]
    alliance = [d for _, _, d in multi.edges(data=True) if d.get("name") == "L-Mount Alliance"]
    assert len(alliance) == 3 and len({d["cooperation"] for d in alliance}) == 1


def test_csv_edges_to_stdout_and_tables_to_a_folder(leica_graph, tmp_path):
    rows = list(csv.DictReader(io.StringIO(leica_graph.export("csv"))))
    assert {tuple(sorted((r["source"], r["target"]))) for r in rows} == PAIRS
    apple = next(r for r in rows if "apple" in (r["source"], r["target"]))
    assert apple["status"] == "failed" and apple["latest_article"] == "capital-2016"
    leica_graph.export("csv", f"{tmp_path}/out/")
    with open(tmp_path / "out" / "nodes.csv", encoding="utf-8") as f:
        nodes = {r["id"]: r for r in csv.DictReader(f)}
    assert len(nodes) == 6
    # joinable with other data: the KB's domain, city and country of each linked organization
    leica = nodes["leica-camera"]
    assert (leica["domain"], leica["city"], leica["country"], leica["type"]) == (
        "leica-camera.com", "Wetzlar", "DE", "company")
    with open(tmp_path / "out" / "observations.csv", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 7
    assert (tmp_path / "out" / "edges.csv").exists()


def test_json_has_history_and_evidence(leica_graph):
    data = json.loads(leica_graph.export("json"))
    assert {o["id"] for o in data["organizations"]} >= {"leica-camera", "panasonic"}
    hw = next(c for c in data["cooperations"] if c["key"] == "huawei|leica-camera")
    assert [h["status"] for h in hw["history"]] == ["active", "ended"]
    assert hw["evidence"][0]["article"] == {"id": "capital-2016", "title": None, "url": None,
                                            "date": "2016-07-19"}
    assert {p["name"] for p in data["people"]} == {"Oliver Kaltner", "Andreas Kaufmann"}


def test_jsonld_uses_schema_org_types(leica_graph):
    doc = json.loads(leica_graph.export("jsonld"))
    ctx = doc["@context"]
    assert ctx["@vocab"] == "https://schema.org/" and ctx["koop"].startswith("urn:koop")
    nodes = doc["@graph"]
    by_id = {n["@id"]: n for n in nodes}
    orgs = [n for n in nodes if n["@type"] == "Organization"]
    assert {n["identifier"] for n in orgs} == {"leica-camera", "huawei", "apple", "panasonic",
                                               "xiaomi", "sigma-corporation"}
    apple = next(n for n in orgs if n["identifier"] == "apple")
    assert apple["url"] == "https://apple.com" and apple["address"]["addressCountry"] == "US"
    coops = [n for n in nodes if n["@type"] == ["Organization", "Cooperation"]]
    assert len(coops) == 5
    alliance = next(n for n in coops if n["name"] == "L-Mount Alliance")
    assert {by_id[m["@id"]]["name"] for m in alliance["member"]} == {"Leica", "Panasonic", "Sigma"}
    assert alliance["status"] == "active" and alliance["since"] == "2018"
    ev = alliance["evidence"][0]
    assert ev["@type"] == "Evidence" and by_id[ev["article"]]["@type"] == "NewsArticle"
    assert by_id["https://photo.example/l2"]["headline"] == "Leica und Panasonic: L² Technology"
    persons = [n for n in nodes if n["@type"] == "Person"]
    assert len(persons) == 2


@pytest.mark.parametrize("fmt", ["graphml", "csv", "json", "jsonld"])
def test_cli_export(leica_graph, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    res = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "graph.db"),
                                   "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 100
    res = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "graph.db"), "--format", fmt])
    assert res.exit_code == 0 and "leica-camera" in res.output


def test_unknown_format(leica_graph):
    with pytest.raises(KoopError) as e:
        leica_graph.export("dot")
    assert e.value.code == "E044"


def test_empty_graph_exports(graph):
    assert nx.read_graphml(io.BytesIO(graph.export("graphml").encode())).number_of_nodes() == 0
    assert json.loads(graph.export("jsonld"))["@graph"] == []
