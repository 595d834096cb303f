"""Queries over the merged graph and the thin CLI commands on top of them."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from koop.cli import cli
from koop.errors import KoopError

from store_helpers import coop, make_article


@pytest.mark.parametrize("name", ["Leica", "leica", "LEICA", "leica-camera", "Leica Camera AG",
                                  "Leika", "Leica Camera"])
def test_find_org_matches_names_as_extraction_links_them(leica_graph, name):
    assert leica_graph.org(name).id == "leica-camera"


def test_find_org_uses_the_knowledge_base_for_brands(leica_graph):
    assert leica_graph.org("Lumix").id == "panasonic"  # a brand, known only to the KB


def test_unknown_org_is_an_error_with_suggestions(leica_graph):
    with pytest.raises(KoopError) as e:
        leica_graph.org("Panasonik Lumiks Zoom")
    assert e.value.code == "E042"
    with pytest.raises(KoopError) as e:
        leica_graph.org("Qwertzuiop")
    assert e.value.code == "E042"


def test_show_lists_partners_with_status_since_sources_evidence(leica_graph):
    report = leica_graph.show("Leica")
    rows = {tuple(sorted(p.name for p in c.partners_of("leica-camera"))): c
            for c in report.cooperations}
    assert set(rows) == {("Huawei",), ("Apple",), ("Panasonic",), ("Xiaomi",),
                         ("Panasonic", "Sigma")}
    assert rows[("Apple",)].status == "failed"
    assert (rows[("Panasonic",)].since, rows[("Panasonic",)].name) == ("2000-08", "L² Technology")
    alliance = rows[("Panasonic", "Sigma")]
    assert (alliance.name, alliance.since, alliance.status) == ("L-Mount Alliance", "2018", "active")
    assert all(c.latest_evidence for c in report.cooperations)


def test_timeline_is_in_date_order(leica_graph):
    events = leica_graph.timeline("Leica")
    dates = [e.date for e in events]
    assert dates == sorted(dates)
    assert [(e.date, e.status) for e in events if e.partners[0].name == "Huawei"] == [
        ("2016", "started"), ("2016-07-19", "active"), ("2022-06-01", "ended")]
    assert events[0].date == "2000-08" and events[0].kind == "start"


def test_partners_depth_two(graph):
    graph.add(make_article("a", coops=[coop(["siemens", "sap"], "active")]))
    graph.add(make_article("b", coops=[coop(["sap", "bosch"], "talks")]))
    graph.add(make_article("c", coops=[coop(["bosch", "basf"], "active")]))
    assert [(h.org.id, h.depth) for h in graph.partners("Siemens")] == [("sap", 1)]
    hits = graph.partners("Siemens", depth=2)
    assert [(h.org.id, h.depth, [v.id for v in h.via], h.status) for h in hits] == [
        ("sap", 1, [], "active"), ("bosch", 2, ["sap"], "talks")]
    assert [h.org.id for h in graph.partners("Siemens", depth=3)] == ["sap", "bosch", "basf"]


def test_search_finds_orgs_people_and_evidence_ignoring_case_and_accents(leica_graph):
    r = leica_graph.search("gesprache")  # "Gespräche" without the umlaut
    assert any("Gespräche" in e["text"] for e in r.evidence)
    assert [o.id for o in leica_graph.search("panas").organizations] == ["panasonic"]
    assert [p["name"] for p in leica_graph.search("kaufmann").people] == ["Andreas Kaufmann"]
    assert leica_graph.search("50%_").evidence == []


def test_stats(leica_graph):
    s = leica_graph.stats()
    assert (s["articles"], s["cooperations"], s["observations"]) == (4, 5, 7)
    assert s["independent_reports"] == 4 and s["near_duplicates"] == 0
    assert s["cooperations_by_status"] == {"active": 2, "announced": 1, "ended": 1, "failed": 1}
    assert s["top_organizations"][0]["id"] == "leica-camera"
    assert s["schema_version"] >= 1 and s["database_bytes"] > 0


# -- CLI --------------------------------------------------------------------------

def _run(args, db):
    res = CliRunner().invoke(cli, [*args, "--db", str(db)])
    assert res.exit_code == 0, res.output
    return res.output


def test_cli_show_timeline_partners_search_stats(leica_graph, tmp_path):
    db = tmp_path / "graph.db"
    out = _run(["show", "Leica"], db)
    for text in ("Huawei", "Apple", "failed", "2000-08", "L² Technology", "L-Mount Alliance",
                 "Xiaomi", "Sigma", "Huawei und Leica beenden"):
        assert text in out
    out = _run(["timeline", "leica"], db)
    assert out.index("2000-08") < out.index("2016-07-19") < out.index("2022-06-01")
    assert "Xiaomi" in _run(["partners", "Huawei", "--depth", "2"], db)
    assert "Gespräche" in _run(["search", "gespräche"], db)
    assert "cooperations" in _run(["stats"], db)
    data = json.loads(_run(["show", "Leica", "--format", "json"], db))
    assert data["org"]["id"] == "leica-camera" and len(data["cooperations"]) == 5
    assert json.loads(_run(["stats", "--format", "json"], db))["articles"] == 4
    assert json.loads(_run(["partners", "Leica", "--format", "json"], db))["partners"]
    assert json.loads(_run(["timeline", "Leica", "--format", "json"], db))["events"]
    assert json.loads(_run(["search", "Leica", "--format", "json"], db))["organizations"]


def test_cli_unknown_org_is_a_clean_error(leica_graph, tmp_path):
    res = CliRunner().invoke(cli, ["show", "Nobody Inc", "--db", str(tmp_path / "graph.db")])
    assert res.exit_code == 1 and "E042" in res.output and "Traceback" not in res.output


def test_cli_queries_do_not_create_a_missing_database(tmp_path):
    res = CliRunner().invoke(cli, ["show", "Leica", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "E040" in res.output
    assert not (tmp_path / "none.db").exists()
    (tmp_path / "junk.db").write_text("not a database")
    res = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "junk.db")])
    assert res.exit_code == 1 and "E040" in res.output and "not a database" in res.output


def test_cli_db_from_environment(leica_graph, tmp_path):
    res = CliRunner(env={"KOOP_DB": str(tmp_path / "graph.db")}).invoke(cli, ["show", "Leica"])
    assert res.exit_code == 0 and "Huawei" in res.output


@pytest.mark.parametrize("command", ["ingest", "show", "timeline", "partners", "search", "stats",
                                     "export"])
def test_graph_commands_have_help_with_example(command):
    res = CliRunner().invoke(cli, [command, "--help"])
    assert res.exit_code == 0
    assert "Example:" in res.output


# -- docs ---------------------------------------------------------------------------

DOCS = __import__("pathlib").Path(__file__).parent.parent / "docs"
GRAPH_COMMANDS = ["ingest", "show", "timeline", "partners", "search", "stats", "export"]


@pytest.mark.parametrize("command", GRAPH_COMMANDS)
def test_graph_commands_and_options_are_in_docs_cli(command):
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"## `koop {command}" in text
    for param in cli.commands[command].params:
        if getattr(param, "opts", None) and param.opts[0].startswith("--") and param.name != "help":
            assert param.opts[0] in text, f"{param.opts[0]} of koop {command} not in docs/cli.md"


def test_graph_methods_are_in_docs_python_api():
    import koop

    text = (DOCS / "python-api.md").read_text(encoding="utf-8")
    methods = [m for m in vars(koop.Graph) if not m.startswith("_") and m != "close"]
    assert methods
    for m in methods:
        assert f"{m}(" in text, f"Graph.{m} is not documented in docs/python-api.md"


def test_python_api_doc_example_for_hand_built_articles(tmp_path, monkeypatch):
    text = (DOCS / "python-api.md").read_text(encoding="utf-8")
    block = next(b for b in text.split("```python")[1:] if "graph.add(a)" in b).split("```")[0]
    import koop

    monkeypatch.chdir(tmp_path)
    exec(block, {})
    graph = koop.open(tmp_path / "news.db")
    (c,) = [v for v in graph.cooperations() if v.key == "deutsche-telekom|siemens"]
    graph.close()
    assert c.status == "announced" and c.history[0].article.date == "2024-01-09"


def test_cli_tables_print_brackets_verbatim(graph, tmp_path):
    ev = "Die Partner sollen [profitieren], sagte [bold]Siemens[/bold]."
    graph.add(make_article("b", ev, coops=[coop(["siemens", "sap"], "active", evidence=[ev])]))
    out = _run(["show", "SAP"], tmp_path / "graph.db")
    assert "[profitieren]" in out and "[bold]Siemens[/bold]" in out and "[b]" in out
