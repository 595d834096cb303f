"""The project-written evaluation sets (eval/heldout) stay above a floor: a change
that breaks how koop generalizes beyond the visible gold files shows here."""
from pathlib import Path

import pytest

from koop.extraction import evaluate_gold

HELDOUT = Path(__file__).resolve().parent.parent / "eval" / "heldout"


@pytest.mark.parametrize("name,floor", [("de", 0.70), ("en", 0.80)])
def test_heldout_set_pair_f1_floor(name, floor):
    result = evaluate_gold(str(HELDOUT / f"{name}.gold.jsonl"))
    assert result["docs"] == 36
    assert result["f1"] >= floor, result
    assert result["precision"] >= 0.85, result  # cooperation-free articles stay quiet
