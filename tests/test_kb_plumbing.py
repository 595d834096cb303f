"""One KnowledgeBase, built from explicit paths and handed to the pipeline: the entity
and the cooperation stage use the same object, the CLI's --kb reaches worker processes
through the pipeline factory, and nothing writes the environment (issue 16, item 3)."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from koop.article import Article
from koop.cli import cli
from koop.kb import load_kb, shared_kb
from koop.pipeline.runner import Pipeline, default_pipeline

USER_ORG = {"id": "quarzwerk-lindau", "name": "Quarzwerk Lindau", "aliases": ["QWL"],
            "type": "company", "city": "Lindau", "country": "DE"}
TEXT = "QWL und Siemens arbeiten seit 2019 zusammen."


@pytest.fixture
def user_kb(tmp_path, monkeypatch):
    monkeypatch.delenv("KOOP_KB", raising=False)
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps(USER_ORG) + "\n", encoding="utf-8")
    return path


def _party_ids(article: Article) -> list[list[str]]:
    return [sorted(c.party_ids) for c in article.cooperations]


def test_the_pipeline_hands_its_kb_to_entities_and_cooperations(user_kb):
    kb = load_kb([user_kb])
    pipeline = Pipeline(kb=kb)
    assert pipeline.kb is kb
    article = pipeline(Article(id="d", text=TEXT, lang="de"))
    assert "quarzwerk-lindau" in {m.org_id for m in article.mentions}
    assert _party_ids(article) == [["quarzwerk-lindau", "siemens"]]
    # the default pipeline does not know the user's organization
    plain = default_pipeline()(Article(id="d", text=TEXT, lang="de"))
    assert "quarzwerk-lindau" not in {m.org_id for m in plain.mentions}


def test_default_pipeline_is_shared_per_set_of_paths(user_kb):
    assert default_pipeline() is default_pipeline(())
    mine = default_pipeline([str(user_kb)])
    assert mine is default_pipeline((str(user_kb),)) and mine is not default_pipeline()
    assert mine.kb is shared_kb((str(user_kb),)) and "quarzwerk-lindau" in mine.kb.orgs


def test_cli_kb_leaves_the_environment_alone(user_kb, tmp_path):
    doc = tmp_path / "doc.jsonl"
    doc.write_text(json.dumps({"id": "d", "text": TEXT}) + "\n", encoding="utf-8")
    before = dict(os.environ)
    result = CliRunner().invoke(cli, ["extract", "--kb", str(user_kb), str(doc)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [sorted(c["party_ids"]) for c in json.loads(result.output)["cooperations"]] == [
        ["quarzwerk-lindau", "siemens"]]
    assert dict(os.environ) == before


def test_ingest_workers_get_the_users_kb(user_kb, tmp_path):
    """-j 2: the paths travel in the pipeline factory to the worker processes."""
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": f"d{i}", "text": f"{TEXT} Meldung {i}."}) + "\n"
                            for i in range(4)), encoding="utf-8")
    db = tmp_path / "g.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "--db", str(db), "-j", "2", "--no-progress", "--kb",
                                 str(user_kb), str(docs)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = runner.invoke(cli, ["export", "--db", str(db), "--format", "json"], catch_exceptions=False)
    ids = {o["id"] for o in json.loads(out.output)["organizations"]}
    assert {"quarzwerk-lindau", "siemens"} <= ids
    assert "KOOP_KB" not in os.environ
