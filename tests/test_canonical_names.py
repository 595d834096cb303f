"""One canonical name everywhere, the article's wording beside it (issue 14, item 14)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import koop
from koop.article import Article
from koop.cli import cli
from koop.evaluate import score_coop

TEXT = "Daimler und Bosch gründen ein Gemeinschaftsunternehmen für autonomes Fahren."


@pytest.fixture(scope="module")
def article():
    return koop.extract(TEXT, id="daimler-bosch", date="2017-04-04", lang="de")


@pytest.mark.issue(14)
def test_parties_carry_the_canonical_name_and_the_surface_beside_it(article):
    c, = article.cooperations
    assert c.party_ids == ["mercedes-benz-group", "bosch"]
    entity_names = {m.org_id: m.canonical for m in article.mentions if m.org_id}
    assert c.parties == [entity_names[i] for i in c.party_ids] == ["Mercedes-Benz", "Bosch"]
    assert c.surfaces == ["Daimler", "Bosch"]
    d = article.to_dict()  # the contract's format: the article's names, scored against gold aliases
    assert d["cooperations"][0]["parties"] == ["Daimler", "Bosch"]
    assert d["cooperations"][0]["canonical"] == ["Mercedes-Benz", "Bosch"]
    back = Article.from_dict(article.to_dict(full=True)).cooperations[0]
    assert (back.parties, back.surfaces) == (c.parties, c.surfaces)


@pytest.mark.issue(14)
def test_pretty_output_shows_both(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text(TEXT, encoding="utf-8")
    out = CliRunner().invoke(cli, ["extract", "--format", "pretty", "--lang", "de", str(doc)]).output
    assert "Mercedes-Benz (\u201cDaimler\u201d) + Bosch: announced" in out


@pytest.mark.issue(14)
@pytest.mark.parametrize("gold_names,counts", [(["Daimler", "Daimler AG"], (1, 0, 0)),
                                               (["Mercedes-Benz"], (0, 1, 1))])
def test_the_scorer_matches_the_output_parties_as_the_reference_scorer_does(article, gold_names, counts):
    """koop eval gives the reference scorer's figures: it matches the output's ``parties``
    (the article's names) against the gold aliases, and nothing else."""
    gold = {"d": {"cooperations": [{"parties": [gold_names, ["Bosch"]], "status": "announced"}]}}
    result = score_coop(gold, {"d": article.to_dict()})
    assert (result["tp"], result["fp"], result["fn"]) == counts


@pytest.mark.issue(14)
def test_the_graph_shows_the_canonical_name_and_the_sentences_wording(article, tmp_path):
    db = tmp_path / "g.db"
    with koop.open(db) as g:
        g.add(article)
        coop, = g.show("Daimler").cooperations
        assert [p.name for p in coop.parties] == ["Bosch", "Mercedes-Benz"]
        assert coop.evidence[0].surfaces == {"mercedes-benz-group": "Daimler"}
        assert g.cooperations()[0].evidence[0].surfaces == {"mercedes-benz-group": "Daimler"}
        data = g.show("Bosch").to_dict()
    assert data["cooperations"][0]["evidence"][0]["surfaces"] == {"mercedes-benz-group": "Daimler"}
    out = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["show", "Bosch", "--db", str(db)]).output
    assert out.splitlines()[3].startswith("Mercedes-Benz  announced")
    assert "(\u201cDaimler\u201d is Mercedes-Benz)" in out
    js = json.loads(CliRunner().invoke(cli, ["show", "Bosch", "--db", str(db), "--format", "json"]).output)
    assert js["cooperations"][0]["evidence"][0]["surfaces"] == {"mercedes-benz-group": "Daimler"}
