"""Plausible publication dates (issue 14).

An input's date (a JSONL ``date``, an HTML page's metadata) is kept only
when it reads as a calendar date that is not after the day of the ingest
and not before ``EARLIEST``: ``7057508862`` (epoch seconds, 2193) and
``9999-12-31`` are placeholders or mistakes, not publication dates, and a
wrong date would stretch every timeline ("reported 1981-10-14 to
2193-08-23"). A dropped date is reported as a W004 warning; the dates
stage may then find the date in the text, as for an undated article.
"""
from __future__ import annotations

import datetime as _dt

from ..pipeline.dates.arithmetic import today  # noqa: F401  (the dates stage's clock)

EARLIEST = _dt.date(1800, 1, 1)  # older "publication dates" are typos (0201-05-04)




def check_date(value: str | None, lang: str | None = None,
               latest: _dt.date | None = None) -> tuple[str | None, str | None]:
    """An input date as ISO ``YYYY-MM-DD`` if plausible.

    Args:
        value (str): the date as given ("2016-07-19", "19.07.2016", "Tue, 19 Jul 2016 ...").
        lang (str): language for month names ('de' or 'en').
        latest (date): the last plausible day (default: today, UTC).
    RETURNS (tuple): (ISO date or None, why it was dropped or None).
    """
    if not value or not str(value).strip():
        return None, None
    from ..pipeline.dates import normalize_date

    value = str(value).strip()
    if value.isdigit() and len(value) > 8:  # epoch seconds or milliseconds: not a date format
        return None, "a number, not a date"
    if value.isdigit() and len(value) == 8:  # 20240102
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    iso = normalize_date(value, lang or "de")
    if not iso:
        return None, "not a date"
    try:
        day = _dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None, "not a date"
    if day > (latest or today()):
        return None, "after the day of the ingest"
    if day < EARLIEST:
        return None, f"before {EARLIEST.year}"
    return iso[:10], None
