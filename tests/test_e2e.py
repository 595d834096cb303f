"""End to end: the example articles in examples/ against their expected output
in tests/resources/expected/<id>.json (written by hand, not generated)."""
import json
from pathlib import Path

import pytest

from koop.extraction import extract_paths

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_DIR = Path(__file__).resolve().parent / "resources" / "expected"
EXPECTED = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXPECTED_DIR.glob("*.json"))}
IDS = sorted(EXPECTED)


@pytest.fixture(scope="module")
def results():
    return {a.id: a for a in extract_paths([str(ROOT / "examples")], progress=False)}


def test_every_example_has_expected_output(results):
    assert sorted(results) == IDS


@pytest.mark.parametrize("doc_id", IDS)
def test_language_and_date(results, doc_id):
    a, want = results[doc_id], EXPECTED[doc_id]
    assert (a.lang, a.date) == (want["lang"], want["date"])


@pytest.mark.parametrize("doc_id", IDS)
def test_cooperations(results, doc_id):
    got = {frozenset(c.party_ids): (c.status, c.since) for c in results[doc_id].cooperations}
    want = {frozenset(c["party_ids"]): (c["status"], c["since"]) for c in EXPECTED[doc_id]["cooperations"]}
    assert got == want


@pytest.mark.parametrize("doc_id", IDS)
def test_people(results, doc_id):
    got = {p.name: p for p in results[doc_id].people}
    for want in EXPECTED[doc_id]["people"]:
        assert want["name"] in got, f"{want['name']} not found among {sorted(got)}"
        person = got[want["name"]]
        assert person.org == want["org"]
        assert person.role in want["role"]


@pytest.mark.parametrize("doc_id", IDS)
def test_quotes(results, doc_id):
    a = results[doc_id]
    got = {(q.speaker, q.text.strip().rstrip(",.")) for q in a.quotes}
    want = {(q["speaker"], q["text"]) for q in EXPECTED[doc_id]["quotes"]}
    assert got == want
    for q in a.quotes:
        assert q.text in a.text[q.start:q.end]


@pytest.mark.parametrize("doc_id", IDS)
def test_offsets_are_verbatim(results, doc_id):
    a = results[doc_id]
    d = a.to_dict()
    for e in d["entities"]:
        assert a.text[e["start"]:e["end"]] == e["text"]
        assert e["label"] in ("ORG", "PER", "LOC", "DATE")
        assert e["label"] != "ORG" or e["id"]
    for c in d["cooperations"]:
        assert [a.text[s:e] for s, e in c["evidence_spans"]] == c["evidence"]
        assert 0 <= c["confidence"] <= 1
    json.dumps(d)  # plain data only
