"""Issue 14, item 6: the graph does not depend on the order of the inputs.

The same inputs ingested forwards and backwards give byte-identical exports
in every format: display names of organizations, aliases and people are
chosen by an order-independent rule, a cooperation's latest name and status
are ordered by date and article key, and exports number cooperations and
people by their keys, not by row ids.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import koop
from koop.store.names import preferred_name

from store_helpers import coop, make_article, rule_pipeline

FORMATS = ["graphml", "csv", "json", "jsonld"]
CORPUS = Path(__file__).parent.parent / "corpus" / "texts" / "en.jsonl"


def _exports(db: Path) -> dict[str, str]:
    with koop.open(db) as g:
        return {fmt: g.export(fmt) for fmt in FORMATS}


def test_preferred_name_is_a_rule_not_an_order():
    assert preferred_name("CAMBIOR", "Cambior") == preferred_name("Cambior", "CAMBIOR") == "Cambior"
    assert preferred_name("AMR", "AMR Corp") == preferred_name("AMR Corp", "AMR") == "AMR Corp"
    assert preferred_name("Abd", "Abc") == preferred_name("Abc", "Abd") == "Abc"
    assert preferred_name(None, "X") == preferred_name("X", None) == "X"


def _variant_articles():
    """Articles that spell the same organizations and people differently, on the same day."""
    return [
        make_article("a1", "CAMBIOR und AMR kooperieren.", date="1987-03-26", coops=[
            coop([None, None], "active", parties=["CAMBIOR", "AMR"], name="Gold")],
            people=[("JOHN SMITH", "AMR", "CEO")]),
        make_article("a2", "Cambior und AMR Corp kooperieren.", date="1987-03-26", coops=[
            coop([None, None], "announced", parties=["Cambior", "AMR Corp"], name="Mine")],
            people=[("John Smith", "AMR Corp", "CEO")]),
        make_article("a3", "Siemens AG und SIEMENS mit Bosch.", date="1987-03-26", coops=[
            coop(["siemens", "bosch"], "talks", parties=["SIEMENS", "Bosch"])],
            mentions=[]),
        make_article("a4", "Siemens und Bosch.", date="1987-03-26", coops=[
            coop(["siemens", "bosch"], "active", parties=["Siemens AG", "Bosch GmbH"])]),
    ]


def test_hand_built_articles_in_two_orders_export_the_same_bytes(tmp_path):
    arts = _variant_articles()
    for name, order in (("fwd.db", arts), ("rev.db", arts[::-1])):
        with koop.open(tmp_path / name) as g:
            for a in order:
                assert g.add(a).status == "new"
    fwd, rev = _exports(tmp_path / "fwd.db"), _exports(tmp_path / "rev.db")
    for fmt in FORMATS:
        assert fwd[fmt] == rev[fmt], fmt
    data = json.loads(fwd["json"])
    names = {o["id"]: o["name"] for o in data["organizations"]}
    assert names["cambior"] == "Cambior" and names["amr"] == "AMR Corp"
    assert [p["name"] for p in data["people"]] == ["John Smith"]
    # same day: the later article key gives the latest name and status
    [gold] = [c for c in data["cooperations"] if c["key"] == "amr|cambior"]
    assert (gold["name"], gold["status"]) == ("Mine", "announced")


def test_files_in_two_orders_export_the_same_bytes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = ["Alpha und Beta kooperieren (active).", "ALPHA und Gamma kooperieren (talks).",
             "Beta und GAMMA kooperieren (ended).", "Gamma und Alpha kooperieren (announced)."]
    files = []
    for i, text in enumerate(texts):
        files.append(str(folder / f"{i}.txt"))
        Path(files[-1]).write_text(f"{text}\nBericht {i} aus der Region.", encoding="utf-8")
    for name, order in (("fwd.db", files), ("rev.db", files[::-1])):
        with koop.open(tmp_path / name) as g:
            assert g.ingest(order, pipeline_factory=rule_pipeline).new == 4
    fwd, rev = _exports(tmp_path / "fwd.db"), _exports(tmp_path / "rev.db")
    assert fwd == rev
    names = {o["id"]: o["name"] for o in json.loads(fwd["json"])["organizations"]}
    assert names == {"alpha": "Alpha", "beta": "Beta", "gamma": "Gamma"}


@pytest.mark.skipif(not CORPUS.exists(), reason="the corpus texts are not in this checkout")
def test_reuters_articles_in_two_orders_export_the_same_bytes(tmp_path):
    """The default pipeline over real Reuters articles (the issue's case)."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:80]
    (tmp_path / "fwd.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "rev.jsonl").write_text("\n".join(lines[::-1]) + "\n", encoding="utf-8")
    for name in ("fwd", "rev"):
        with koop.open(tmp_path / f"{name}.db") as g:
            report = g.ingest(tmp_path / f"{name}.jsonl")
            assert report.new == 80 and report.cooperations > 5
    fwd, rev = _exports(tmp_path / "fwd.db"), _exports(tmp_path / "rev.db")
    for fmt in FORMATS:
        assert fwd[fmt] == rev[fmt], fmt
