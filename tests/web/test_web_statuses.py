"""The status table (koop/data/statuses.toml) is what the API sends and what the page
shows: GET /api/info carries it, and the page's colours and names agree with it until
the page reads them from the API."""
from __future__ import annotations

import re

from web_helpers import ROOT

from koop.statuses import STATUS_TABLE, STATUSES

STATIC = ROOT / "koop" / "web" / "static"


def test_info_sends_the_status_table(api):
    info = api.get("/api/info").json()
    assert info["statuses"] == list(STATUSES)
    assert info["status_table"] == [
        {"name": s.name, "meaning": s.meaning, "rank": s.rank, "colour": s.colour} for s in STATUS_TABLE]
    assert [s["name"] for s in info["status_table"]] == ["announced", "active", "planned", "talks",
                                                         "failed", "ended"]


def test_the_page_agrees_with_the_table():
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--status-(\w+):\s*(#[0-9a-fA-F]{6})", css))
    assert colours == {s.name: s.colour for s in STATUS_TABLE}
    js = (STATIC / "dom.js").read_text(encoding="utf-8")
    listed = re.search(r"const STATUSES = \[([^\]]*)\]", js).group(1)
    assert re.findall(r'"(\w+)"', listed) == list(STATUSES)
