"""The status table: one declaration of each status that the pipeline, the store and
the web API read (issue 16, item 4)."""
from __future__ import annotations

import re

import pytest

from koop.article import Article
from koop.pipeline.cooperations.cues import PRIORITY, STATUS_CUES
from koop.pipeline.runner import default_pipeline
from koop.statuses import RANK, STATUS_TABLE, STATUSES, status_cues


def test_table_shape():
    assert STATUSES == ("announced", "active", "planned", "talks", "failed", "ended")
    assert sorted(s.cue_order for s in STATUS_TABLE) == list(range(1, len(STATUS_TABLE) + 1))
    for s in STATUS_TABLE:
        assert re.fullmatch(r"#[0-9a-f]{6}", s.colour) and s.meaning and s.rank > 0
        assert set(s.cues) == {"de", "en"} and all(s.cues.values())


def test_the_pipeline_reads_the_table():
    assert PRIORITY == RANK
    assert RANK["failed"] == RANK["ended"] > RANK["announced"] > RANK["active"] > RANK["talks"] > RANK["planned"]
    for lang in ("de", "en"):
        assert [name for name, _ in STATUS_CUES[lang]] == [name for name, _ in status_cues(lang)] == [
            "failed", "ended", "active", "announced", "talks", "planned"]
        for (name, rx), (_, patterns) in zip(STATUS_CUES[lang], status_cues(lang)):
            assert rx.pattern == "|".join(patterns) and rx.flags & re.I


@pytest.mark.parametrize("text,status", [
    ("Siemens und Bosch haben ein Gemeinschaftsunternehmen gegründet.", "announced"),
    ("Die Gespräche zwischen Siemens und Bosch über eine Kooperation sind gescheitert.", "failed"),
    ("Siemens and Bosch are in talks about a partnership.", "talks"),
])
def test_a_cue_of_the_table_sets_the_status(text, status):
    coops = default_pipeline()(Article(id="s", text=text)).cooperations
    assert [c.status for c in coops] == [status]
