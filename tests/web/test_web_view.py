"""/api/view (the most connected part of the network, the page's overview) and
/api/view/export (that view as CSV, GraphML or JSON), over the seeds graph."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest


def test_view_keeps_the_most_connected_and_counts_the_rest(api):
    whole = api.get("/api/graph").json()
    partners: dict[str, set[str]] = {}
    for e in whole["edges"]:
        partners.setdefault(e["source"], set()).add(e["target"])
        partners.setdefault(e["target"], set()).add(e["source"])
    r = api.get("/api/view", params={"top": 2})
    assert r.status_code == 200
    view = r.json()
    assert view["total_nodes"] == len(partners) > 2
    assert view["total_edges"] == len(whole["edges"])
    assert view["truncated"] is True
    ids = [n["id"] for n in view["nodes"]]
    assert len(ids) == 2 and ids[0] == "leica-camera"  # the hub first
    assert min(len(partners[i]) for i in ids) >= max(
        len(p) for o, p in partners.items() if o not in ids)
    assert all(e["source"] in ids and e["target"] in ids for e in view["edges"])
    assert [n["partners"] for n in view["nodes"]] == [len(partners[i]) for i in ids]


def test_focus_adds_the_organization_and_all_its_partners(api):
    view = api.get("/api/view", params={"top": 1, "focus": "Sigma"}).json()
    ids = {n["id"] for n in view["nodes"]}
    sigma = next(n["id"] for n in view["nodes"] if n["name"] == "Sigma")
    assert "leica-camera" in ids and sigma in ids
    assert {"Leica", "Panasonic", "Sigma"} <= {n["name"] for n in view["nodes"]}
    assert api.get("/api/view", params={"focus": "no such org at all xyz"}).status_code == 404


def test_view_takes_the_cooperation_filters(api):
    failed = api.get("/api/view", params={"status": "failed"}).json()
    assert {e["status"] for e in failed["edges"]} == {"failed"}
    assert {n["name"] for n in failed["nodes"]} == {"Leica", "Apple"}
    assert api.get("/api/view", params={"status": "nonsense"}).status_code == 422
    assert api.get("/api/view", params={"top": 0}).status_code == 422
    empty = api.get("/api/view", params={"min_sources": 99}).json()
    assert empty["nodes"] == [] and empty["total_nodes"] == 0


@pytest.mark.parametrize("fmt", ["csv", "graphml", "json"])
def test_export_of_the_view_is_a_download_of_what_is_shown(api, fmt):
    params = {"status": "active,failed", "top": 200, "format": fmt}
    shown = {e["cooperation_id"] for e in api.get("/api/view", params=params).json()["edges"]}
    r = api.get("/api/view/export", params=params)
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="koop-view.{fmt}"'
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.text)))
        got = {int(row["cooperation"]) for row in rows}
        assert {row["status"] for row in rows} <= {"active", "failed"}
    elif fmt == "graphml":
        ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
        root = ET.fromstring(r.text)
        got = {int(d.text) for d in root.findall(".//g:edge/g:data[@key='e_cooperation']", ns)}
    else:
        got = {c["id"] for c in json.loads(r.text)["cooperations"]}
    assert got == shown and got
    assert api.get("/api/view/export", params={"format": "xlsx"}).status_code == 422
