"""Pipeline config is checked, and -v / -vv log what a user wants to know
(issue 14, item 17)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from koop.errors import KoopError
from koop.pipeline.runner import Pipeline

ROOT = Path(__file__).resolve().parent.parent
STAGES = ["koop.language.v1", "koop.segment.v1"]


@pytest.mark.issue(14)
def test_a_misspelt_stage_name_in_config_raises():
    with pytest.raises(KoopError) as e:
        Pipeline(STAGES, config={"koop.segmnet.v1": {}})
    assert e.value.code == "E006"
    assert "'koop.segmnet.v1'" in e.value.message and "Did you mean 'koop.segment.v1'?" in e.value.message


@pytest.mark.issue(14)
def test_config_for_a_stage_the_pipeline_does_not_run_raises():
    with pytest.raises(KoopError) as e:
        Pipeline(STAGES, config={"koop.cooperations.v1": {"learned": False}})
    assert e.value.code == "E006" and "not in this pipeline" in e.value.message


@pytest.mark.issue(14)
@pytest.mark.parametrize("config", [{"koop.language.v1": "en"}, ["koop.language.v1"]])
def test_config_that_is_not_a_dict_of_settings_raises(config):
    with pytest.raises(KoopError) as e:
        Pipeline(STAGES, config=config)
    assert e.value.code == "E007"


def test_good_config_still_works():
    from koop.article import Article

    nlp = Pipeline(["koop.language.v1"], config={"koop.language.v1": {"default": "en"}})
    assert nlp(Article(id="a", text="")).lang == "en"


def _koop(*args, input=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "koop", *args], cwd=ROOT, input=input,
                          capture_output=True, text=True, timeout=300, env=env)


@pytest.mark.issue(14)
def test_verbose_logs_inputs_timings_and_skips(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    proc = _koop("-v", "extract", "examples/microsoft-sap-partnership.en.txt", str(empty))
    assert proc.returncode == 3
    err = proc.stderr
    assert f"koop: INFO: reading 2 inputs: examples/microsoft-sap-partnership.en.txt, {empty}" in err
    assert "koop: INFO: pipeline ready in" in err
    assert f"koop: INFO: skipped {empty}" in err
    assert "koop: INFO: extracted 1 article in" in err and "1 skipped" in err
    assert "DEBUG" not in err
    quiet = _koop("extract", "examples/microsoft-sap-partnership.en.txt")
    assert quiet.returncode == 0 and quiet.stderr == ""


@pytest.mark.issue(14)
def test_very_verbose_logs_per_stage_timings():
    proc = _koop("-vv", "extract", "examples/microsoft-sap-partnership.en.txt")
    assert proc.returncode == 0
    assert "DEBUG: stage koop.entities.v1 loaded in" in proc.stderr
    assert "DEBUG: article microsoft-sap-partnership.en (en, " in proc.stderr
    assert "ms per stage: language" in proc.stderr


@pytest.mark.issue(14)
def test_verbose_graph_commands_log_the_database_and_query_time(tmp_path):
    db = tmp_path / "g.db"
    assert _koop("ingest", "--db", str(db), "examples/").returncode == 0
    proc = _koop("-v", "show", "Leika", "--db", str(db))
    assert proc.returncode == 0
    assert f"INFO: opened <koop.Graph sqlite:///{db}>" in proc.stderr
    assert "INFO: 'Leika' is Leica (leica-camera): " in proc.stderr  # how the name was matched
    assert "INFO: query answered in" in proc.stderr
