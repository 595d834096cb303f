"""The graph commands' tables at 80 columns, search and organization lookup
(issue 14, items 13 and 15)."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from koop.cli import cli
from store_helpers import coop, make_article

LONG = ("Die Kooperationsvereinbarung zwischen Leica und Zeiss wurde am 2016-07-19 "
        "unterzeichnet; beide Unternehmen wollen ihre Zusammenarbeit bei "
        "Objektivfertigungstechnologien ausbauen.")
DECORATION = "\u201c\u201d[]()|,;:\u2500"


@pytest.fixture
def db(leica_graph, tmp_path):
    leica_graph.add(make_article("vertrag-2016", date="2016-07-19", title="Kooperationsvereinbarung "
                                 "unterzeichnet", url="https://photo.example/kooperationsvereinbarung",
                                 coops=[coop(["leica-camera", "zeiss"], "active", "2016-07-19",
                                             [LONG], name="Leica-Zeiss-Objektivpartnerschaft",
                                             parties=["Leica", "Zeiss"])]))
    leica_graph.close()
    return str(tmp_path / "graph.db")


def _run(*args, width=80):
    res = CliRunner(env={"COLUMNS": str(width)}).invoke(cli, list(args), catch_exceptions=False)
    return res


def _tokens(text: str) -> set[str]:
    return {t.strip(DECORATION) for t in text.split()} - {""}


def _source_tokens(graph_db: str) -> set[str]:
    """Every word the graph holds (names, ids, evidence, titles, dates, statuses)."""
    import sqlite3

    con = sqlite3.connect(graph_db)
    words: set[str] = set()
    for table, cols in {"organizations": "id, name", "evidence": "text",
                        "articles": "key, title, url, date", "observations": "status, since, name",
                        "org_aliases": "alias", "people": "name, org_name"}.items():
        for row in con.execute(f"SELECT {cols} FROM {table}"):
            for value in row:
                if value is not None:
                    words |= _tokens(str(value))
    con.close()
    return words


HEADERS = {"Partners", "Status", "Since", "Name", "Sources", "Seen", "Date", "Event", "Depth",
           "Organization", "Id", "Via", "Cooperation", "Timeline", "of", "cooperations",
           "Evidence", "sentences", "Organizations", "People", "Role", "Articles", "..", "-",
           "is", "undated", "started", "showing", "more", "raise", "--limit", "+"}


@pytest.mark.issue(14)
@pytest.mark.parametrize("command", [["show", "Leica"], ["timeline", "Leica"], ["partners", "Leica"],
                                     ["search", "Leica"], ["show", "Panasonic"]])
def test_tables_at_80_columns_split_no_word_or_date(db, command):
    """Every word of the output is a whole word of the graph, no line is wider
    than the terminal, and each cooperation's evidence sits under its row."""
    out = _run(*command, "--db", db).output
    assert out.strip()
    for line in out.splitlines():
        assert len(line.rstrip()) <= 80, line
    allowed = _source_tokens(db) | HEADERS | {str(n) for n in range(100)}
    split = sorted(t for t in _tokens(out) if t not in allowed and not t.isdigit())
    assert split == [], f"split or unknown words in koop {' '.join(command)}: {split}"


@pytest.mark.issue(14)
def test_show_is_short_and_puts_evidence_under_its_row(db):
    out = _run("show", "Leica", "--db", db).output
    lines = out.splitlines()
    assert len(lines) < 60  # was 132 lines at 80 columns
    row = next(i for i, line in enumerate(lines) if line.startswith("Huawei"))
    assert "2016-07-19 .." in lines[row] and lines[row].split()[:3] == ["Huawei", "ended", "2016"]
    assert lines[row + 1].startswith("    \u201cHuawei und Leica beenden ihre Zusammenarbeit.\u201d")
    assert "Kooperationsvereinbarung" in out and "Objektivfertigungstechnologien" in out


@pytest.mark.issue(14)
def test_narrow_terminal_wraps_names_between_words(db):
    out = _run("show", "Leica", "--db", db, width=60).output
    assert all(len(line.rstrip()) <= 60 for line in out.splitlines())
    assert _tokens(out) <= _source_tokens(db) | HEADERS | {str(n) for n in range(100)}


@pytest.mark.issue(14)
def test_search_names_each_sentences_cooperation_and_says_how_many_more(db):
    out = _run("search", "Leica", "--limit", "2", "--db", db).output
    assert re.search(r"Evidence sentences: 7 \(showing 2; 5 more, raise --limit\)", out), out
    first = out.split("Evidence sentences", 1)[1].splitlines()[3]
    assert re.match(r"Leica \+ \w+ +\d+ +\w+ +\d{4}-\d\d-\d\d", first), first
    data = json.loads(_run("search", "Leica", "--limit", "2", "--format", "json", "--db", db).output)
    assert data["totals"] == {"organizations": 1, "people": 0, "evidence": 7}
    for ev in data["evidence"]:
        ids = {p["id"] for p in ev["parties"]}
        assert "leica-camera" in ids and len(ids) >= 2 and ev["cooperation_id"]
    assert "more" not in _run("search", "Leica", "--limit", "50", "--db", db).output


@pytest.mark.issue(14)
@pytest.mark.parametrize("query", ["", "   "])
def test_empty_search_is_an_error(db, query):
    res = _run("search", query, "--db", db)
    assert res.exit_code == 1 and "E063" in res.output


@pytest.mark.issue(14)
def test_did_you_mean_offers_only_close_names(db):
    res = _run("show", "Panasonik", "--db", db)
    assert res.exit_code == 0 and res.output.startswith("Panasonic (panasonic)")
    res = _run("show", "Leitz Kamera Werk", "--db", db)
    assert res.exit_code == 1 and "E042" in res.output
    assert "Did you mean" not in res.output  # nothing in the graph is close


@pytest.mark.issue(14)
def test_a_known_organization_without_cooperations_is_said_so(db):
    """Siemens is in the knowledge base, not in this graph: no list of unrelated names."""
    res = _run("show", "Siemens", "--db", db)
    assert res.exit_code == 1
    assert "Siemens (siemens) is a known organization, but the graph has no cooperations of it yet" \
        in res.output
    assert "Did you mean" not in res.output


@pytest.mark.issue(14)
def test_an_organization_in_the_graph_without_cooperations(graph, tmp_path):
    from koop.article import Mention

    a = make_article("mention-only", text="Siemens meldet Zahlen.", date="2024-01-02",
                     mentions=[Mention(0, 7, "ORG", "Siemens", "siemens", "Siemens")])
    graph.add(a)
    graph.close()
    for command in ("show", "timeline", "partners"):
        res = _run(command, "Siemens", "--db", str(tmp_path / "graph.db"))
        assert res.exit_code == 0
        assert "Siemens (siemens) is in the graph but has no cooperations yet." in res.output
