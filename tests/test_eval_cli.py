"""koop eval refuses what is not a gold file and lists errors readably (issue 14, item 16)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from koop.cli import cli
from koop.evaluate import error_lines, score_coop

RESOURCES = Path(__file__).resolve().parent / "resources"


def _eval(*args):
    return CliRunner().invoke(cli, ["eval", *map(str, args)], catch_exceptions=False)


@pytest.mark.issue(14)
def test_the_texts_file_is_not_a_gold_file():
    res = _eval(RESOURCES / "mini.jsonl")
    assert res.exit_code == 1
    assert "E033" in res.output and "is not a gold file" in res.output
    assert "no 'cooperations' list" in res.output and "texts file of a gold file" in res.output
    assert "F1" not in res.output


@pytest.mark.issue(14)
@pytest.mark.parametrize("content,reason", [
    ("", "it has no lines"),
    ('{"id": "a", "cooperations": [{"parties": [["Siemens"]], "status": "active"}]}\n',
     "without two 'parties' and a 'status'"),
    ('{"id": "a", "cooperations": "Siemens, Bosch"}\n', "no 'cooperations' list"),
])
def test_broken_gold_files_say_what_is_wrong(tmp_path, content, reason):
    gold = tmp_path / "x.gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    shutil.copy(RESOURCES / "mini.jsonl", tmp_path / "x.jsonl")
    res = _eval(gold)
    assert res.exit_code == 1 and "E033" in res.output and reason in res.output


@pytest.mark.issue(14)
def test_not_json_and_wrong_task_and_foreign_texts(tmp_path):
    bad = tmp_path / "notes.gold.jsonl"
    bad.write_text("Siemens und Bosch\n", encoding="utf-8")
    res = _eval(bad)
    assert res.exit_code == 1 and "E030" in res.output and "line 1 is not JSON" in res.output
    res = _eval(RESOURCES / "mini.gold.jsonl", "--task", "ner")
    assert res.exit_code == 1 and "E033" in res.output and "no 'entities' list" in res.output
    gold = tmp_path / "other.gold.jsonl"
    shutil.copy(RESOURCES / "mini.gold.jsonl", gold)
    (tmp_path / "other.jsonl").write_text('{"id": "unrelated", "text": "Nichts."}\n', encoding="utf-8")
    res = _eval(gold)
    assert res.exit_code == 1 and "E034" in res.output


@pytest.mark.issue(14)
def test_errors_are_one_readable_line_each(tmp_path):
    """A gold file koop disagrees with: a missed pair and a wrong status, one line each."""
    lines = [json.loads(x) for x in (RESOURCES / "mini.gold.jsonl").read_text().splitlines()]
    lines[0]["cooperations"][0]["status"] = "ended"
    lines[2]["cooperations"] = [{"parties": [["Leica"], ["Huawei"]], "status": "active"}]
    gold = tmp_path / "mini.gold.jsonl"
    gold.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    shutil.copy(RESOURCES / "mini.jsonl", tmp_path / "mini.jsonl")
    res = _eval(gold, "--errors")
    assert res.exit_code == 0
    tail = res.output.rstrip("\n").split("\n")[-3:]
    assert tail == ["2 errors:",
                    "  mini-de-jv: wrong status: Bosch + Siemens (predicted announced, gold ended)",
                    "  mini-de-none: missed: Huawei + Leica (gold status active)"]
    assert "[[" not in res.output


def test_error_records_in_the_library():
    gold = {"d": {"cooperations": [{"parties": [["A"], ["B"]], "status": "active"}]}}
    pred = {"d": {"cooperations": [{"parties": ["A", "C"], "status": "talks"}]}}
    result = score_coop(gold, pred, errors=True)
    assert result["errors"] == [
        {"doc": "d", "kind": "false positive", "pair": ["?c", "A"], "predicted": "talks", "gold": None},
        {"doc": "d", "kind": "missed", "pair": ["A", "B"], "predicted": None, "gold": ["active"]}]
    assert error_lines(result)[1:] == ["  d: false positive: ?c + A (predicted talks)",
                                       "  d: missed: A + B (gold status active)"]


@pytest.mark.issue(14)
def test_ner_errors_are_one_readable_line_each(tmp_path):
    lines = [json.loads(x) for x in (RESOURCES / "mini-ner.gold.jsonl").read_text().splitlines()]
    lines[0]["entities"].append({"start": 0, "end": 4, "label": "ORG"})
    gold = tmp_path / "n.gold.jsonl"
    gold.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    res = _eval(gold, "--errors")
    assert res.exit_code == 0
    doc = lines[0]["id"]
    assert res.output.rstrip("\n").split("\n")[-2:] == [
        "1 error:", f'  {doc}: missed ORG "{lines[0]["text"][:4]}" [0:4]']
