"""Date arithmetic: reference dates, partial ISO values, month offsets and
two-digit years."""
from __future__ import annotations

import re
import datetime as _dt
from datetime import date

REJECT = object()  # a handler's "this match is not a date"


def today() -> date:
    """The ingest day (UTC): no article is published later."""
    return _dt.datetime.now(_dt.timezone.utc).date()


def ref_date(ref: str | None) -> date | None:
    if not ref or not re.match(r"\d{4}-\d{2}-\d{2}", ref):
        return None
    try:
        return date(int(ref[:4]), int(ref[5:7]), int(ref[8:10]))
    except ValueError:
        return None


def ymd(y: int, m: int, d: int):
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return REJECT


def ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def nearest_year(ref: date, month: int, day: int = 15) -> int:
    """The year for a month (and day) named without one: the article's year, unless
    that puts it more than eight months away ("im Dezember" in a January article
    is last December), then the neighbouring year."""
    d = date(ref.year, month, min(day, 28))
    gap = (d - ref).days
    if gap > 245:
        return ref.year - 1
    if gap < -245:
        return ref.year + 1
    return ref.year


def expand_year(yy: str, ref: date | None) -> int:
    y = int(yy)
    if len(yy) == 4:
        return y
    if ref is not None:
        return min((c * 100 + y for c in (ref.year // 100 - 1, ref.year // 100)),
                   key=lambda v: abs(v - ref.year))
    return 2000 + y if y < 70 else 1900 + y
