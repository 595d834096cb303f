"""Issue 14, item 12: a publication date must be plausible, or it is dropped with a warning."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from koop.errors import Issue
from koop.io.pubdate import check_date, today
from koop.io.readers import html_to_article, read_jsonl
from koop.pipeline.runner import default_pipeline

UNDATED_PAGE = """<html><head><title>Neues Werk in Ulm</title></head><body><article>
<h1>Neues Werk in Ulm</h1>
<p>Siemens und Bosch bauen ein gemeinsames Werk in Ulm. Die Produktion soll 2025 starten.
Die Partner investieren 300 Millionen Euro in die Anlage und schaffen 500 Arbeitsplätze in
der Region, teilten die Unternehmen mit.</p></article></body></html>"""


@pytest.mark.parametrize("value, why", [
    ("7057508862", "a number, not a date"),          # epoch seconds: would be 2193-08-23
    ("9999-12-31", "after the day of the ingest"),
    ("2193-08-23", "after the day of the ingest"),
    ("0201-05-04", "before 1800"),
    ("kein Datum", "not a date"),
])
def test_implausible_dates_are_dropped_with_a_reason(value, why):
    assert check_date(value) == (None, why)


def test_tomorrow_is_implausible_and_today_is_not():
    day = today()
    assert check_date(day.isoformat())[0] == day.isoformat()
    assert check_date((day + dt.timedelta(days=1)).isoformat()) == (
        None, "after the day of the ingest")


@pytest.mark.parametrize("value, iso", [
    ("1987-03-26", "1987-03-26"), ("19.07.2016", "2016-07-19"),
    ("1987-03-26T10:00:00Z", "1987-03-26"), ("20240102", "2024-01-02"), ("Tue, 19 Jul 2016 10:00:00 GMT", "2016-07-19"),
])
def test_plausible_dates_are_kept_as_iso(value, iso):
    assert check_date(value) == (iso, None)


@pytest.mark.parametrize("date", [7057508862, "7057508862", "9999-12-31"])
def test_jsonl_date_is_dropped_with_a_w004_warning(date):
    issues: list[Issue] = []
    line = json.dumps({"id": "a", "text": "Siemens und Bosch arbeiten zusammen.", "date": date})
    [a] = read_jsonl([line], "in.jsonl", issues.append)
    assert a.date is None
    assert [(i.input, i.code) for i in issues] == [("in.jsonl", "W004")]
    assert issues[0].reason.startswith(f"line 1: publication date '{date}' dropped")
    assert not issues[0].skipped  # a warning: the article is read


def test_jsonl_date_in_any_format_is_stored_as_iso():
    line = json.dumps({"id": "a", "text": "Text.", "date": "Tue, 19 Jul 2016 10:00:00 GMT"})
    [a] = read_jsonl([line], "in.jsonl", [].append)
    assert a.date == "2016-07-19"


def test_an_undated_page_gets_no_date_from_a_future_tense_sentence():
    a = html_to_article(UNDATED_PAGE, "werk")
    assert "soll 2025 starten" in a.text and a.date is None
    assert default_pipeline()(a).date is None  # nor does the dates stage invent one


def test_the_dates_stage_takes_no_future_dateline_from_the_text():
    soon = today() + dt.timedelta(days=40)
    text = (f"Ulm, {soon.day}.{soon.month}.{soon.year} – Siemens und Bosch eröffnen ihr Werk.\n\n"
            "Die Partner investieren 300 Millionen Euro.")
    from koop.article import Article

    a = default_pipeline()(Article(id="x", text=text, lang="de"))
    assert a.date is None
    past = text.replace(f"{soon.day}.{soon.month}.{soon.year}", "19.7.2016")
    assert default_pipeline()(Article(id="y", text=past, lang="de")).date == "2016-07-19"


def test_ingest_stores_no_implausible_date_and_reports_it(tmp_path):
    import koop

    from store_helpers import rule_pipeline

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "text": "Siemens und Bosch arbeiten zusammen.", "date": 7057508862},
        {"id": "b", "text": "SAP und BASF arbeiten zusammen.", "date": "1987-03-26"}]) + "\n")
    with koop.open(tmp_path / "g.db") as g:
        report = g.ingest(src, pipeline_factory=rule_pipeline)
        with g.store.read() as conn:
            dates = dict(conn.exec_driver_sql("SELECT key, date FROM articles").all())
    assert dates == {"a": None, "b": "1987-03-26"}
    assert [i.code for i in report.issues] == ["W004"] and report.failed == 0
