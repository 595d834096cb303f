"""The koop command, in-process with CliRunner and once as a real subprocess."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from koop.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RESOURCES = Path(__file__).resolve().parent / "resources"
SHARED = ROOT.parent / "shared" / "data"

# the installed console script when there is one, else the module
KOOP = [shutil.which("koop")] if shutil.which("koop") else [sys.executable, "-m", "koop"]

SENTENCE = "Siemens und Bosch haben am Dienstag ein Gemeinschaftsunternehmen gegründet."


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def _example_ids():
    ids = set()
    for p in EXAMPLES.iterdir():
        if p.suffix == ".jsonl":
            ids |= {json.loads(line)["id"] for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
        elif p.suffix in (".txt", ".html"):
            ids.add(p.stem)
    return ids


def _pair_sets(doc):
    return {frozenset(c["party_ids"]) for c in doc["cooperations"]}


def test_extract_jsonl(run, tmp_path):
    result = run("extract", "--format", "jsonl", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert {d["id"] for d in docs} == _example_ids()
    for d in docs:
        assert {"id", "lang", "date", "entities", "cooperations", "people", "quotes", "dates"} <= set(d)
        assert d["lang"] in ("de", "en") and d["date"]
        for c in d["cooperations"]:
            assert {"parties", "status", "since", "evidence", "evidence_spans", "confidence"} <= set(c)


def test_extract_json(run):
    result = run("extract", "--format", "json", str(EXAMPLES / "more-news.jsonl"))
    assert result.exit_code == 0
    docs = json.loads(result.output)
    assert [d["id"] for d in docs] == ["daimler-renault-talks", "sony-honda-joint-venture"]
    assert _pair_sets(docs[1]) == {frozenset({"sony", "honda"})}


def test_extract_pretty(run):
    result = run("extract", "--format", "pretty", str(EXAMPLES / "microsoft-sap-partnership.en.txt"))
    assert result.exit_code == 0
    assert "== microsoft-sap-partnership.en  [en]  2023-06-06" in result.output
    assert "Microsoft + SAP: active, since 2015" in result.output
    assert "Daniel Moore" in result.output


@pytest.mark.parametrize("data,lang", [
    (SENTENCE, "de"),
    (json.dumps({"id": "s1", "text": SENTENCE, "date": "2023-03-14"}) + "\n", "de"),
])
def test_extract_stdin(run, data, lang):
    result = run("extract", "-", input=data)
    assert result.exit_code == 0
    (doc,) = [json.loads(line) for line in result.output.splitlines()]
    assert doc["lang"] == lang
    assert _pair_sets(doc) == {frozenset({"siemens", "bosch"})}


def test_extract_lang_option(run):
    result = run("extract", "--lang", "en", "-", input=SENTENCE)
    assert json.loads(result.output)["lang"] == "en"


@pytest.mark.parametrize("name", ["missing.txt", "missing-folder/article.html"])
def test_extract_bad_path(run, tmp_path, name):
    path = tmp_path / name
    result = run("extract", str(path))
    assert result.exit_code != 0
    assert "E010" in result.output and "Cannot read" in result.output and str(path) in result.output
    assert "Traceback" not in result.output


def test_extract_unsupported_type(run, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    result = run("extract", str(path))
    assert result.exit_code != 0 and "E012" in result.output


def test_extract_bad_jsonl_line_is_skipped(run, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Siemens baut ein Werk."}\nnot json\n{"id": "b"}\n'
                    '{"id": "c", "text": "BMW baut ein Werk."}\n', encoding="utf-8")
    result = run("extract", str(path))
    # the run goes on; the skipped lines are listed with their reason; status 3 (issue 6)
    assert result.exit_code == 3
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert result.stderr.splitlines() == [
        f"{path}: line 2: not valid JSON: Expecting value: line 1 column 1 (char 0) (E011)",
        f"{path}: line 3: missing 'text' field (E011)",
        "koop: skipped 2 inputs (see above)"]


def test_extract_needs_a_path(run):
    result = CliRunner().invoke(cli, ["extract"])
    assert result.exit_code == 2 and "Missing argument" in result.output


def _eval_json(output):
    body, summary = output.rstrip("\n").rsplit("\n", 1)
    return json.loads(body), summary


def test_eval_coop(run):
    result = run("eval", str(RESOURCES / "mini.gold.jsonl"))
    assert result.exit_code == 0
    scores, summary = _eval_json(result.output)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 0, 0)
    assert scores["f1"] == 1.0 and scores["status_accuracy"] == 1.0
    assert scores["empty_gold_docs_without_prediction"] == 1.0
    assert summary.startswith("coop pairs: P=1.000 R=1.000 F1=1.000")


def test_eval_errors_flag(run):
    result = run("eval", str(RESOURCES / "mini.gold.jsonl"), "--errors")
    assert result.exit_code == 0
    body, summary, count = result.output.rstrip("\n").rsplit("\n", 2)
    assert "errors" not in json.loads(body) and summary.startswith("coop pairs:")
    assert count == "0 errors."


def test_eval_ner(run):
    result = run("eval", str(RESOURCES / "mini-ner.gold.jsonl"))
    assert result.exit_code == 0
    scores, summary = _eval_json(result.output)
    assert scores["task"] == "ner" and scores["f1"] == 1.0
    assert summary.startswith("ner: micro F1=1.000")


def test_eval_missing_texts(run, tmp_path):
    gold = tmp_path / "lonely.gold.jsonl"
    gold.write_text((RESOURCES / "mini.gold.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("eval", str(gold))
    assert result.exit_code != 0 and "E031" in result.output


@pytest.mark.skipif(not (SHARED / "seeds.gold.jsonl").exists(), reason="../shared/data not present")
def test_eval_seeds(run):
    result = run("eval", str(SHARED / "seeds.gold.jsonl"))
    assert result.exit_code == 0
    scores, _ = _eval_json(result.output)
    assert scores["f1"] == 1.0
    assert scores["status_accuracy"] == 1.0


def test_subprocess_on_examples():
    proc = subprocess.run(KOOP + ["extract", "--format", "jsonl", "examples/"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {d["id"] for d in docs} == _example_ids()
    assert all(d["cooperations"] for d in docs)


def test_subprocess_bad_path():
    proc = subprocess.run(KOOP + ["extract", "no/such/file.txt"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("Error: [E010] Cannot read 'no/such/file.txt'")


def test_kb_option_adds_the_users_organizations(tmp_path):
    """--kb links a name only the user's file knows (the command hands it to the pipeline)."""
    kb = tmp_path / "mine.jsonl"
    kb.write_text(json.dumps({"id": "quarzwerk-lindau", "name": "Quarzwerk Lindau", "aliases": ["QWL"],
                              "type": "company", "city": "Lindau", "country": "DE"}) + "\n")
    doc = tmp_path / "doc.jsonl"
    doc.write_text(json.dumps({"id": "d", "text": "QWL und Siemens arbeiten seit 2019 zusammen."}) + "\n")
    out = subprocess.run(KOOP + ["extract", "--kb", str(kb), str(doc)], capture_output=True, text=True,
                         check=True).stdout
    coops = json.loads(out)["cooperations"]
    assert [sorted(c["party_ids"]) for c in coops] == [["quarzwerk-lindau", "siemens"]]
    missing = subprocess.run(KOOP + ["extract", "--kb", str(tmp_path / "nope.jsonl"), str(doc)],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "--kb" in missing.stderr
