"""Handlers: ``(match, ctx) -> value | None | REJECT``. Each computes the ISO value of
a pattern's match or rejects it ("2018 Mitarbeiter" is an amount)."""
from __future__ import annotations

import re
from datetime import timedelta

from .arithmetic import REJECT, add_months, expand_year, nearest_year, ym, ymd
from .context import prev_word, unit_follows
from .tables import (MONTH_ABBR, MONTH_CONTEXT, MONTHS, NOT_YEAR_BEFORE, NUMBERS, VAGUE, WEEKDAYS,
                     YEAR_CONTEXT)


def _month_of(s: str, lang: str) -> int | None:
    s = s.lower().rstrip(".")
    return MONTHS[lang].get(s) or MONTH_ABBR[lang].get(s)


def _rel_offset(word: str | None) -> int:
    """-1 for last/vergangen..., +1 for next/kommend..., 0 for this/dies.../none."""
    if not word:
        return 0
    w = word.lower()
    if w.startswith(("letzt", "vergangen", "vorig", "last", "past", "previous", "gestrig")):
        return -1
    if w.startswith(("nächst", "kommend", "next", "coming", "morgig")):
        return 1
    return 0


def h_iso(m, c):
    return ymd(int(m["y"]), int(m["m"]), int(m["dd"]))


def h_numeric(m, c):
    a, b, sep = int(m["a"]), int(m["b"]), m["sep"]
    if sep == "/" and c.lang == "en" and a <= 12 and b <= 31:
        month, day = a, b  # US order
    else:
        day, month = a, b
    if not (1 <= month <= 12):
        if sep == "/" and b <= 12 and a <= 31:
            day, month = a, b
        else:
            return REJECT
    if len(m["y"]) == 2 and (len(m["a"]) < 2 or len(m["b"]) < 2):
        return REJECT  # "4.3.16" is a version number more often than a date
    y = expand_year(m["y"], c.ref)
    if not 1800 <= y <= 2099:
        return REJECT
    return ymd(y, month, day)


def h_numeric_dm(m, c):
    """'am 25.7.' (German day.month. without year): needs a cue before it."""
    prev = prev_word(c.text, m.start("d"))
    if prev not in ("am", "vom", "zum", "bis", "ab", "seit", "den", "stand", "datum") \
            and prev not in WEEKDAYS["de"]:
        return REJECT
    day, month = int(m["a"]), int(m["b"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return REJECT
    if c.ref is None:
        return None if ymd(2000, month, day) is not REJECT else REJECT
    return ymd(nearest_year(c.ref, month, day), month, day)


def h_day_month(m, c):
    month = _month_of(m["mon"], c.lang)
    day = int(m["dd"])
    if m["y"]:
        return ymd(int(m["y"]), month, day)
    if unit_follows(c.text, m.end("d")):
        return REJECT
    if ymd(2000, month, day) is REJECT:
        return REJECT
    if not m["mon"].endswith(".") and m["mon"].lower() in MONTH_ABBR[c.lang] \
            and re.match(r" [A-ZÄÖÜ]", c.text[m.end("d"):m.end("d") + 2]):
        return REJECT  # "1. Jan Frodeno": a first name, not January
    if m["rel"]:  # "March 3 last year"
        if c.ref is None:
            return None
        return ymd(c.ref.year + _rel_offset(m["rel"]), month, day)
    if c.ref is None:
        return None
    return ymd(nearest_year(c.ref, month, day), month, day)


def h_month_year(m, c):
    month = _month_of(m["mon"], c.lang)
    if m["y"]:
        return ym(int(m["y"]), month)
    if c.ref is None:
        return None
    return ym(c.ref.year + _rel_offset(m["rel"]), month)


def h_month(m, c):
    """A month name alone ('im August', 'last March', 'January sales')."""
    name = m["mon"]
    month = _month_of(name, c.lang)
    if not (m["mod"] or m["rel"]):
        prev = prev_word(c.text, m.start("d"))
        ctx = prev in MONTH_CONTEXT or prev.rstrip("-") in MONTH_CONTEXT
        low = name.lower()
        if c.lang == "de":
            if low == "august" and not ctx:
                return REJECT  # August Horch, August Oetker
        else:
            if low in ("may", "march") and not ctx:
                return REJECT  # modal verb / verb
            if low in ("april", "june", "august") and not ctx:
                nxt = c.text[m.end("d"):m.end("d") + 2]
                if len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper():
                    return REJECT  # a first name: April Smith
        if name.isupper() and not ctx:
            return REJECT
    if c.ref is None:
        return None
    rel = _rel_offset(m["rel"])
    if m["rel"] and rel == -1:  # the last such month before the article month
        y = c.ref.year if month < c.ref.month else c.ref.year - 1
    elif m["rel"] and rel == 1:
        y = c.ref.year if month > c.ref.month else c.ref.year + 1
    elif m["rel"]:
        y = c.ref.year
    else:
        y = nearest_year(c.ref, month)
    return ym(y, month)


def h_year(m, c):
    y = int(m["y"])
    s, e = m.start("y"), m.end("y")
    text = c.text
    mod = m["mod"]
    if not mod:
        prev_ch = text[s - 1] if s > 0 else " "
        if prev_ch in "$€£¥#+" or (prev_ch == "-" and s > 1 and text[s - 2].isalpha()):
            return REJECT
        if prev_ch in ".,/:" and s > 1 and text[s - 2].isdigit():
            return REJECT
        prev = prev_word(text, s)
        if prev in NOT_YEAR_BEFORE or prev.rstrip(".") in NOT_YEAR_BEFORE:
            return REJECT
        strong = prev in YEAR_CONTEXT
    else:
        strong = True
    if y < 1900 and not strong:
        return REJECT
    if unit_follows(text, m.end("d")):
        return REJECT
    if y % 10 == 0 and text[e:e + 2] in ("'s", "’s"):
        return REJECT  # the 1990's: a decade
    if not strong and c.lang == "de":
        tok = c.token_at(m.end("d"))
        # "2018 Mitarbeiter": a common noun right after a bare number is counted
        if tok is not None and tok.text[:1].isupper() and tok.pos == "NN" \
                and _month_of(tok.text, "de") is None:
            return REJECT
    return str(y)


def h_rel_year(m, c):
    if c.ref is None:
        return None
    w = m["w"].lower()
    off = -1 if w.startswith("vorjahr") else _rel_offset(w)
    return str(c.ref.year + off)


def h_this_year(m, c):
    return None if c.ref is None else str(c.ref.year)


def h_rel_month(m, c):
    if c.ref is None:
        return None
    w = m["w"].lower()
    off = -1 if w.startswith("vormonat") else _rel_offset(w)
    return ym(*add_months(c.ref, off))


def h_rel_week(m, c):
    if c.ref is None:
        return None
    w = m["w"].lower()
    off = -1 if w.startswith("vorwoche") else _rel_offset(w)
    d = c.ref + timedelta(days=7 * off)
    return ym(d.year, d.month)


_DAYWORD = {"heute": 0, "today": 0, "tonight": 0, "this": 0, "gestern": -1, "yesterday": -1,
            "vorgestern": -2, "morgen": 1, "tomorrow": 1, "übermorgen": 2}


def h_dayword(m, c):
    if m["w"] == "morgen" and prev_word(c.text, m.start("d")) in ("von", "für"):
        return REJECT  # "die Welt von morgen": the future, not tomorrow
    if c.ref is None:
        return None
    return (c.ref + timedelta(days=_DAYWORD[m["w"].lower()])).isoformat()


def h_dayword_en(m, c):
    if c.ref is None:
        return None
    w = (m["w"] or m["w2"]).lower()
    return (c.ref + timedelta(days=_DAYWORD[w])).isoformat()


def h_weekday(m, c):
    if c.ref is None:
        return None
    wd = WEEKDAYS[c.lang][m["wd"].lower()]
    back = (c.ref.weekday() - wd) % 7  # days back to the most recent such day
    rel = m["rel"].lower() if m["rel"] else ""
    off = _rel_offset(rel)
    if off == -1:
        back = back or 7
        return (c.ref - timedelta(days=back)).isoformat()
    if off == 1 or rel in ("diesen", "this"):
        fwd = (wd - c.ref.weekday()) % 7
        if off == 1:
            fwd = fwd or 7
        return (c.ref + timedelta(days=fwd)).isoformat()
    return (c.ref - timedelta(days=back)).isoformat()


def _count(m, c) -> int | None:
    n = m["n"].lower()
    if re.fullmatch(r"\d{1,3}", n):
        return int(n)
    n = re.sub(r"\s+", " ", n)
    if n in VAGUE[c.lang]:
        return 0  # vague
    return NUMBERS[c.lang].get(n)


def h_ago(m, c):
    """'vor zwei Jahren', 'seit einigen Monaten', 'three years ago'."""
    n = _count(m, c)
    if n is None:
        return REJECT
    unit = m["u"].lower()
    if m["half"]:
        unit, n = "monat", 6 * max(n, 1)
    if c.ref is None:
        return None
    if unit.startswith(("jahr", "year")):
        return None if n == 0 else str(c.ref.year - n)
    if unit.startswith(("jahrzehnt", "decade")):
        return None if n == 0 else str(c.ref.year - 10 * n)
    if unit.startswith(("monat", "month")):
        if n == 0:  # "seit einigen Monaten": a few months back, year only
            return str(add_months(c.ref, -3)[0])
        return ym(*add_months(c.ref, -n))
    days = (7 if unit.startswith(("woche", "week")) else 1) * (n or 3)
    d = c.ref - timedelta(days=days)
    if unit.startswith(("woche", "week")) or n == 0:
        return ym(d.year, d.month)
    return d.isoformat()


def h_mod_rel_year(m, c):
    """'Ende des Jahres', 'Anfang vergangenen Jahres', 'late last year'."""
    if c.ref is None:
        return None
    return str(c.ref.year + _rel_offset(m["rel"]))


# the handlers of full dates with a day (the article date is one of those)
FULL_HANDLERS = (h_iso, h_numeric, h_day_month)
