"""Finds date expressions (German and English) and resolves them to ISO values.

Two jobs:

1. The article date. A date given with the input wins (cut to ``YYYY-MM-DD``);
   otherwise :func:`find_article_date` looks for a full date with a day: a
   dateline in the first 600 characters ("Berlin, 19. Juli 2016 –"), else a
   byline date ("(Anna Muster, 19.7.2016)"), else the first free-standing date
   in the first 600 characters.
2. Date mentions. Every date expression becomes a ``DateMention`` whose value
   is an ISO date or partial date ("2016-07-19", "2000-08", "2018"), resolved
   against the article date. Relative expressions ("vor zwei Jahren", "last
   year", "am Montag") get ``None`` when the article has no date; absolute ones
   always resolve. A locating preposition is not part of the span ("seit 1963"
   -> "1963"); words that change the value are ("vor zwei Jahren",
   "seit einigen Monaten", "Anfang 2017", "letzten Montag").

Everything is regular expressions over month/weekday tables, compiled once per
language. A pattern is only tried where one of its trigger words starts (a
digit, a month, "vor", "letzten", ...), so the cost is one pass over the words
plus a few anchored matches. Each pattern has a handler that computes the
value or rejects the match ("2018 Mitarbeiter" is an amount); overlapping
candidates are resolved longest-first.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

from ..article import Article, DateMention
from ..io.pubdate import today
from ..registry import register_stage

__all__ = ["find_article_date", "find_dates", "resolve_relative", "normalize_date", "make_dates"]

ARTICLE_DATE_WINDOW = 600
_REJECT = object()  # a handler's "this match is not a date"

# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------
MONTHS = {
    "de": {
        "januar": 1, "jänner": 1, "jaenner": 1, "februar": 2, "feber": 2, "märz": 3,
        "maerz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8,
        "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    },
    "en": {
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
        "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
        "december": 12,
    },
}
MONTH_ABBR = {
    "de": {"jan": 1, "jän": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7,
           "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12},
    "en": {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12},
}
WEEKDAYS = {
    "de": {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
           "samstag": 5, "sonnabend": 5, "sonntag": 6},
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
           "saturday": 5, "sunday": 6},
}
NUMBERS = {
    "de": {"ein": 1, "einem": 1, "einer": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4,
           "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
           "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
           "fünfzig": 50, "hundert": 100},
    "en": {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "hundred": 100},
}
# "a few": vague counts, taken as 3 for months/weeks/days; a vague number of
# years gives no value (it could be 2 or 10).
VAGUE = {"de": ("einigen", "ein paar", "mehreren", "wenigen"),
         "en": ("a few", "several", "some", "few")}
APPROX = {"de": ("rund", "etwa", "gut", "knapp", "fast", "nahezu", "über", "mehr als",
                 "weniger als", "annähernd", "ungefähr", "mindestens"),
          "en": ("about", "some", "nearly", "almost", "around", "roughly", "over",
                 "more than", "less than", "just over", "at least", "approximately")}

# Words after a number that make it an amount, not a year ("2018 Mitarbeiter").
UNITS = frozenset("""
euro eur € dollar dollars us-dollar franken pfund yen yuan rubel mio mio. millionen million
mln mn bn millions mrd mrd. milliarden milliarde billion billions bln trillion tsd tausend prozent
prozentpunkte % pct percent per mitarbeiter mitarbeitern mitarbeiterinnen beschäftigte
beschäftigten angestellte angestellten arbeitsplätze arbeitsplätzen stellen jobs menschen
personen leute einwohner einwohnern kunden nutzer nutzern besucher besuchern teilnehmer
teilnehmern flüchtlinge flüchtlingen asylwerber asylberechtigte asylberechtigten schüler
studenten studierende stück fahrzeuge autos exemplare tonnen kilo kg kilogramm gramm km
kilometer kilometern meter metern m m² quadratmeter hektar ha liter stunden minuten
sekunden tage tagen wochen monate monaten jahre jahren punkte punkten filialen standorte
geschäfte aktien anteile firmen betriebe haushalte wohnungen fälle fällen tote toten
verletzte ps kw mw megawatt gigawatt zimmer seiten mann soldaten polizisten stimmen
mitglieder mitgliedern dlrs dlr usd stg pounds marks francs guilders lire pesos rupees
employees workers people persons staff members shares units cars vehicles tonnes tons
tonne barrels bpd acres hectares ounces oz bushels miles feet ft metres meters sq square
points customers subscribers users stores outlets branches homes households troops
passengers flights seats rooms beds cases deaths hours minutes days weeks months years
times lots contracts bales cents cts copies votes students
""".split())
# Words before a number that make it a number, not a year ("Nr. 2018", "rund 2000").
NOT_YEAR_BEFORE = frozenset("""
nr nr. no no. nummer number platz seite page tel tel. fax artikel paragraf paragraph §
rund etwa ca ca. circa knapp nahezu approximately nearly windows version modell model
typ type flug flight linie line route bus zug train tram ic ice ec en re rb rj tgv gate
terminal raum room zimmer haus gleis platform
""".split())
# Words before a bare year that make a year reading certain (and allow 1800s).
YEAR_CONTEXT = frozenset("""
jahr jahre jahres im seit bis ab von vom in zwischen gegründet geschäftsjahr saison
spätestens frühestens bereits schon erst nach vor um für anno
since by until till through from to between year fiscal before after during of
founded established formed created early mid late
""".split())
# Words before a bare month name that make a month reading certain.
MONTH_CONTEXT = frozenset("""
im in seit ab bis vom zum anfang mitte ende und oder zwischen monat monats
since by until till through from to during of before after early mid late and or
between end start beginning
""".split())

DAYPART = {"de": r"(?:abend|morgen|nachmittag|vormittag|mittag|nacht|früh)",
           "en": r"(?:\s+(?:morning|afternoon|evening|night))"}


def _alt(words, upper: bool = True) -> str:
    """Regex alternation of capitalised (and ALL-CAPS) forms, longest first."""
    forms = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        if upper:
            forms.add(w.upper())
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


def _words_alt(words) -> str:
    """Alternation of (multi-)words; the first letter may be upper case."""
    return "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]" + re.escape(w[1:]).replace(r"\ ", r"\s+")
                            for w in sorted(words, key=len, reverse=True)) + ")"


def _w(*words: str) -> str:
    """Alternation of words whose first letter may be upper or lower case."""
    return "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words) + ")"


# --------------------------------------------------------------------------
# Date arithmetic
# --------------------------------------------------------------------------
def _ref_date(ref: str | None) -> date | None:
    if not ref or not re.match(r"\d{4}-\d{2}-\d{2}", ref):
        return None
    try:
        return date(int(ref[:4]), int(ref[5:7]), int(ref[8:10]))
    except ValueError:
        return None


def _ymd(y: int, m: int, d: int):
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return _REJECT


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _nearest_year(ref: date, month: int, day: int = 15) -> int:
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


def _expand_year(yy: str, ref: date | None) -> int:
    y = int(yy)
    if len(yy) == 4:
        return y
    if ref is not None:
        return min((c * 100 + y for c in (ref.year // 100 - 1, ref.year // 100)),
                   key=lambda v: abs(v - ref.year))
    return 2000 + y if y < 70 else 1900 + y


# --------------------------------------------------------------------------
# Context helpers (look at the words around a match)
# --------------------------------------------------------------------------
_PREV_WORDS = re.compile(r"([\w§%€$.\-]+)\W*$")


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORDS.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


_NEXT_WORD = re.compile(r"\s*([\w€$%².\-]+|%)")


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1).lower().rstrip(".") if m else ""


def _unit_follows(text: str, pos: int) -> bool:
    if pos < len(text) and text[pos] in "%€$":
        return True
    w = _next_word(text, pos)
    return w in UNITS or (w + ".") in UNITS or w.split("-")[0] in UNITS


@dataclass(slots=True)
class _Ctx:
    text: str
    lang: str
    ref: date | None
    article: Article | None = None
    _tok: dict | None = None

    def token_at(self, pos: int):
        if self.article is None or not self.article.tokens:
            return None
        if self._tok is None:
            self._tok = {t.start: t for t in self.article.tokens}
        while pos < len(self.text) and self.text[pos] in " \t":
            pos += 1
        return self._tok.get(pos)


# --------------------------------------------------------------------------
# Handlers: (match, ctx) -> value | None | _REJECT
# --------------------------------------------------------------------------
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


def _h_iso(m, c):
    return _ymd(int(m["y"]), int(m["m"]), int(m["dd"]))


def _h_numeric(m, c):
    a, b, sep = int(m["a"]), int(m["b"]), m["sep"]
    if sep == "/" and c.lang == "en" and a <= 12 and b <= 31:
        month, day = a, b  # US order
    else:
        day, month = a, b
    if not (1 <= month <= 12):
        if sep == "/" and b <= 12 and a <= 31:
            day, month = a, b
        else:
            return _REJECT
    if len(m["y"]) == 2 and (len(m["a"]) < 2 or len(m["b"]) < 2):
        return _REJECT  # "4.3.16" is a version number more often than a date
    y = _expand_year(m["y"], c.ref)
    if not 1800 <= y <= 2099:
        return _REJECT
    return _ymd(y, month, day)


def _h_numeric_dm(m, c):
    """'am 25.7.' (German day.month. without year): needs a cue before it."""
    prev = _prev_word(c.text, m.start("d"))
    if prev not in ("am", "vom", "zum", "bis", "ab", "seit", "den", "stand", "datum") \
            and prev not in WEEKDAYS["de"]:
        return _REJECT
    day, month = int(m["a"]), int(m["b"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return _REJECT
    if c.ref is None:
        return None if _ymd(2000, month, day) is not _REJECT else _REJECT
    return _ymd(_nearest_year(c.ref, month, day), month, day)


def _h_day_month(m, c):
    month = _month_of(m["mon"], c.lang)
    day = int(m["dd"])
    if m["y"]:
        return _ymd(int(m["y"]), month, day)
    if _unit_follows(c.text, m.end("d")):
        return _REJECT
    if _ymd(2000, month, day) is _REJECT:
        return _REJECT
    if not m["mon"].endswith(".") and m["mon"].lower() in MONTH_ABBR[c.lang] \
            and re.match(r" [A-ZÄÖÜ]", c.text[m.end("d"):m.end("d") + 2]):
        return _REJECT  # "1. Jan Frodeno": a first name, not January
    if m["rel"]:  # "March 3 last year"
        if c.ref is None:
            return None
        return _ymd(c.ref.year + _rel_offset(m["rel"]), month, day)
    if c.ref is None:
        return None
    return _ymd(_nearest_year(c.ref, month, day), month, day)


def _h_month_year(m, c):
    month = _month_of(m["mon"], c.lang)
    if m["y"]:
        return _ym(int(m["y"]), month)
    if c.ref is None:
        return None
    return _ym(c.ref.year + _rel_offset(m["rel"]), month)


def _h_month(m, c):
    """A month name alone ('im August', 'last March', 'January sales')."""
    name = m["mon"]
    month = _month_of(name, c.lang)
    if not (m["mod"] or m["rel"]):
        prev = _prev_word(c.text, m.start("d"))
        ctx = prev in MONTH_CONTEXT or prev.rstrip("-") in MONTH_CONTEXT
        low = name.lower()
        if c.lang == "de":
            if low == "august" and not ctx:
                return _REJECT  # August Horch, August Oetker
        else:
            if low in ("may", "march") and not ctx:
                return _REJECT  # modal verb / verb
            if low in ("april", "june", "august") and not ctx:
                nxt = c.text[m.end("d"):m.end("d") + 2]
                if len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper():
                    return _REJECT  # a first name: April Smith
        if name.isupper() and not ctx:
            return _REJECT
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
        y = _nearest_year(c.ref, month)
    return _ym(y, month)


def _h_year(m, c):
    y = int(m["y"])
    s, e = m.start("y"), m.end("y")
    text = c.text
    mod = m["mod"]
    if not mod:
        prev_ch = text[s - 1] if s > 0 else " "
        if prev_ch in "$€£¥#+" or (prev_ch == "-" and s > 1 and text[s - 2].isalpha()):
            return _REJECT
        if prev_ch in ".,/:" and s > 1 and text[s - 2].isdigit():
            return _REJECT
        prev = _prev_word(text, s)
        if prev in NOT_YEAR_BEFORE or prev.rstrip(".") in NOT_YEAR_BEFORE:
            return _REJECT
        strong = prev in YEAR_CONTEXT
    else:
        strong = True
    if y < 1900 and not strong:
        return _REJECT
    if _unit_follows(text, m.end("d")):
        return _REJECT
    if y % 10 == 0 and text[e:e + 2] in ("'s", "’s"):
        return _REJECT  # the 1990's: a decade
    if not strong and c.lang == "de":
        tok = c.token_at(m.end("d"))
        # "2018 Mitarbeiter": a common noun right after a bare number is counted
        if tok is not None and tok.text[:1].isupper() and tok.pos == "NN" \
                and _month_of(tok.text, "de") is None:
            return _REJECT
    return str(y)


def _h_rel_year(m, c):
    if c.ref is None:
        return None
    w = m["w"].lower()
    off = -1 if w.startswith("vorjahr") else _rel_offset(w)
    return str(c.ref.year + off)


def _h_this_year(m, c):
    return None if c.ref is None else str(c.ref.year)


def _h_rel_month(m, c):
    if c.ref is None:
        return None
    w = m["w"].lower()
    off = -1 if w.startswith("vormonat") else _rel_offset(w)
    return _ym(*_add_months(c.ref, off))


def _h_rel_week(m, c):
    if c.ref is None:
        return None
    w = m["w"].lower()
    off = -1 if w.startswith("vorwoche") else _rel_offset(w)
    d = c.ref + timedelta(days=7 * off)
    return _ym(d.year, d.month)


_DAYWORD = {"heute": 0, "today": 0, "tonight": 0, "this": 0, "gestern": -1, "yesterday": -1,
            "vorgestern": -2, "morgen": 1, "tomorrow": 1, "übermorgen": 2}


def _h_dayword(m, c):
    if m["w"] == "morgen" and _prev_word(c.text, m.start("d")) in ("von", "für"):
        return _REJECT  # "die Welt von morgen": the future, not tomorrow
    if c.ref is None:
        return None
    return (c.ref + timedelta(days=_DAYWORD[m["w"].lower()])).isoformat()


def _h_dayword_en(m, c):
    if c.ref is None:
        return None
    w = (m["w"] or m["w2"]).lower()
    return (c.ref + timedelta(days=_DAYWORD[w])).isoformat()


def _h_weekday(m, c):
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


def _h_ago(m, c):
    """'vor zwei Jahren', 'seit einigen Monaten', 'three years ago'."""
    n = _count(m, c)
    if n is None:
        return _REJECT
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
            return str(_add_months(c.ref, -3)[0])
        return _ym(*_add_months(c.ref, -n))
    days = (7 if unit.startswith(("woche", "week")) else 1) * (n or 3)
    d = c.ref - timedelta(days=days)
    if unit.startswith(("woche", "week")) or n == 0:
        return _ym(d.year, d.month)
    return d.isoformat()


def _h_mod_rel_year(m, c):
    """'Ende des Jahres', 'Anfang vergangenen Jahres', 'late last year'."""
    if c.ref is None:
        return None
    return str(c.ref.year + _rel_offset(m["rel"]))


# --------------------------------------------------------------------------
# Patterns per language
# --------------------------------------------------------------------------
Y4 = r"(?P<y>1[89]\d\d|20\d\d)"
REL_WORDS_DE = ("letzte", "vergangene", "vorige", "diese", "laufende", "nächste", "kommende")
DAY = r"(?P<dd>0?[1-9]|[12]\d|3[01])"


# Trigger classes: a pattern is only tried where a word of one of its classes
# starts. D digit, M month, W weekday, O part of a year ("Anfang", "mid"),
# R relative ("letzten", "last"), A "vor"/"seit", Y day words ("heute"),
# P "past"/"last" (English spans), G "ago" (English: the pattern ends there).
_DAYPARTS_DE = ("abend", "morgen", "nachmittag", "vormittag", "mittag", "nacht", "früh")
_INFL = ("", "n", "s", "m", "r")
TRIGGER_WORDS = {
    "de": {
        "O": ["anfang", "mitte", "ende", "frühjahr", "frühling", "sommer", "herbst", "winter",
              "jahresende", "jahresanfang", "jahresbeginn", "jahresmitte", "q1", "q2", "q3", "q4",
              "h1", "h2", "ersten", "zweiten", "dritten", "vierten", "quartal", "halbjahr"],
        "R": [b + i for b in ("letzte", "vergangene", "vorige", "nächste", "kommende", "diese",
                              "laufende", "heurige") for i in _INFL]
             + ["morgigen", "gestrigen", "heutigen", "vorjahr", "vorjahres", "vormonat",
                "vormonats", "vormonates", "vorwoche", "heuer", "jahresende", "jahresanfang",
                "jahresbeginn"],
        "A": ["vor", "seit"],
        "Y": ["heute", "gestern", "vorgestern", "übermorgen", "morgen"],
    },
    "en": {
        "O": ["early", "mid", "late", "end", "beginning", "start", "middle", "first", "second",
              "third", "fourth", "spring", "summer", "fall", "autumn", "winter", "q1", "q2",
              "q3", "q4", "h1", "h2"],
        "R": ["last", "next", "this", "coming", "past", "earlier", "later"],
        "Y": ["today", "yesterday", "tomorrow", "tonight"],
        "P": ["past", "last"],
        "G": ["ago"],
    },
}


def _patterns(lang: str) -> list[tuple[str, Callable, str]]:
    """(regex, handler, trigger classes) for one language."""
    months_full = _alt(MONTHS[lang])
    months_abbr = _alt(MONTH_ABBR[lang])
    mon_any = rf"(?:{months_full}\b|{months_abbr}(?:\.|\b))"
    wd = _alt(WEEKDAYS[lang], upper=False)
    nums = _words_alt(list(NUMBERS[lang]) + list(VAGUE[lang]))
    approx = _words_alt(APPROX[lang])
    pats: list[tuple[str, Callable, str]] = [
        # 2016-07-19, 2016/07/19 (a time may follow: not part of the span)
        (r"(?<![\d.])(?P<d>" + Y4 + r"(?P<s>[-/])(?P<m>0?[1-9]|1[0-2])(?P=s)" + DAY + r")(?!\d)",
         _h_iso, "D"),
        # 19.07.2016, 19.7.16, 7/19/1987
        (r"(?<![\d.,/])(?P<d>(?P<a>\d{1,2})(?P<sep>[./])\s?(?P<b>\d{1,2})(?P=sep)\s?"
         r"(?P<y>\d{4}|\d{2}))(?!\d|[.,/:]\d)", _h_numeric, "D"),
    ]
    if lang == "de":
        rel = _w("letzten", "vergangenen", "vorigen", "kommenden", "nächsten", "diesen",
                 "morgigen", "gestrigen", "heutigen")
        rel_y = (r"(?P<rel>letzten|vergangenen|vorigen|dieses|diesen|laufenden|heurigen|"
                 r"nächsten|kommenden)")
        pats += [
            # "am 25.7." (German day.month. without a year)
            (r"(?<![\d.,/])(?P<d>(?P<a>\d{1,2})\.\s?(?P<b>\d{1,2})\.)(?!\d)", _h_numeric_dm, "D"),
            # "Dienstag, 29. März 2016", "19. Juli", "22. Mär. 2016", "3. März letzten Jahres"
            (rf"\b(?P<d>(?:{wd},?\s+(?:den\s+)?)?{DAY}\.\s?(?P<mon>{mon_any})"
             rf"(?:\s*{Y4}|\s+(?:des\s+)?{rel_y}\s+Jahres)?)(?!\w|\.\d)", _h_day_month, "DW"),
            # "August 2000", "Anfang August 2000", "August letzten Jahres"
            (rf"\b(?P<d>(?:(?P<mod>Anfang|Mitte|Ende)\s+)?(?P<mon>{mon_any})\s*"
             rf"(?:{Y4}|(?:des\s+)?{rel_y}\s+Jahres\b))(?!\d)", _h_month_year, "MO"),
            # bare month: "im August", "Ende Juli", "im vergangenen Dezember"
            (rf"\b(?P<d>(?:(?P<mod>Anfang|Mitte|Ende)\s+)?(?:(?P<rel>{rel})\s+)?"
             rf"(?P<mon>{months_full}))\b", _h_month, "MOR"),
            # a year, maybe with a part of it: "2018", "Anfang 2017", "Sommer 2015", "2015/16"
            (r"\b(?P<d>(?:(?P<mod>Anfang|Mitte|Ende|Frühjahr|Frühling|Sommer|Herbst|Winter|"
             r"Jahresende|Jahresanfang|Jahresbeginn|Jahresmitte|Q[1-4]|H[12]|"
             r"(?:ersten|zweiten|dritten|vierten|[1-4]\.)\s+(?:Quartal|Halbjahr|Jahreshälfte)|"
             r"Quartal|Halbjahr)\s+(?:des\s+Jahres\s+)?)?"
             + Y4 + r"(?:/\d\d(?!\d))?)(?![\w]|[.,]\d|[:/-]\d)", _h_year, "DO"),
            (r"\b(?P<d>(?P<w>" + _w("letzte", "vergangene", "vorige", "nächste", "kommende")
             + r"[snmr]?\s+Jahr(?:es)?|Vorjahr(?:es)?))\b", _h_rel_year, "R"),
            (r"\b(?P<d>(?:" + _w("diese", "laufende", "heurige") + r"[snmr]?\s+Jahr(?:es)?|"
             r"[Hh]euer|Jahresende|Jahresanfang|Jahresbeginn))\b", _h_this_year, "R"),
            # "Ende des Jahres", "Anfang vergangenen Jahres"
            (r"\b(?P<d>(?:Anfang|Mitte|Ende)\s+(?:des\s+)?(?:(?P<rel>dieses|diesen|laufenden|"
             r"letzten|vergangenen|vorigen|nächsten|kommenden)\s+)?Jahres)\b",
             _h_mod_rel_year, "O"),
            (r"\b(?P<d>(?P<w>" + _w(*REL_WORDS_DE) + r"[snmr]?\s+Monats?|Vormonat(?:s|es)?))\b",
             _h_rel_month, "R"),
            (r"\b(?P<d>(?P<w>" + _w(*REL_WORDS_DE) + r"[snmr]?\s+Woche|Vorwoche))\b",
             _h_rel_week, "R"),
            (r"\b(?P<d>(?P<w>[Hh]eute|[Gg]estern|[Vv]orgestern|[Üü]bermorgen|morgen)"
             r"(?:\s+(?:früh|[Mm]orgen|[Vv]ormittag|[Mm]ittag|[Nn]achmittag|[Aa]bend|"
             r"[Nn]acht))?)\b",
             _h_dayword, "Y"),
            (rf"\b(?P<d>(?:(?P<rel>{rel})\s+)?(?P<wd>{wd}){DAYPART['de']}?)\b", _h_weekday, "WR"),
            # "vor zwei Jahren", "seit einigen Monaten", "vor einem halben Jahr"
            (rf"\b(?P<d>(?:[Vv]or|[Ss]eit)\s+(?:{approx}\s+)?(?P<n>{nums}|\d{{1,3}})\s+"
             rf"(?P<half>halben\s+)?(?P<u>Jahren|Jahrzehnten|Jahr|Jahrzehnt|Monaten|Monat|Wochen|"
             rf"Woche|Tagen|Tag))\b", _h_ago, "A"),
        ]
    else:
        rel_y = r"(?P<rel>last|this|next)\s+year"
        mod = r"(?P<mod>early|Early|mid|Mid|late|Late|end|End)[-\s]\s*"
        pats += [
            # "Tuesday, July 19, 2016", "March 27", "Sept. 3 1987", "March 3 last year"
            (rf"\b(?P<d>(?:{wd},?\s+)?(?P<mon>{mon_any})\s*{DAY}(?:st|nd|rd|th)?"
             rf"(?:,?\s+{Y4}|\s+(?:of\s+)?{rel_y})?)(?!\w|[.,:]\d)", _h_day_month, "MW"),
            # "19 July 2016", "3rd of March"
            (rf"\b(?P<d>(?:{wd},?\s+)?{DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon_any})"
             rf"(?:,?\s+{Y4}|\s+(?:of\s+)?{rel_y})?)(?!\w|\.\d)", _h_day_month, "DW"),
            # "August 1984", "mid-March 1987", "August last year", "March of this year"
            (rf"\b(?P<d>(?:{mod})?(?P<mon>{mon_any}),?\s+(?:of\s+)?(?:{Y4}|{rel_y}\b))(?!\d)",
             _h_month_year, "MO"),
            # bare month: "in August", "last March", "mid-March", "January sales"
            (rf"\b(?P<d>(?:{mod})?(?:(?P<rel>{_w('last', 'next', 'this')})\s+)?"
             rf"(?P<mon>{months_full}))\b", _h_month, "MOR"),
            # a year, maybe with a part of it: "1987", "mid-1987", "end of 1986",
            # "fourth quarter of 1986"
            (r"\b(?P<d>(?:(?P<mod>early|Early|mid|Mid|late|Late|end|End|"
             r"(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of|"
             r"(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)(?:\s+of)?|Q[1-4]|H[12]|"
             r"(?:first|second|third|fourth)[-\s]quarter(?:\s+of)?)[-\s]\s*)?"
             + Y4 + r"(?:/\d\d(?!\d))?)(?![\w]|[.,]\d|[:/-]\d)", _h_year, "DO"),
            (r"\b(?P<d>(?P<w>(?:[Ll]ast|[Nn]ext)\s+year))\b", _h_rel_year, "R"),
            (r"\b(?P<d>(?:(?:[Ee]arlier|[Ll]ater)\s+)?[Tt]his\s+year)\b", _h_this_year, "R"),
            (r"\b(?P<d>(?:early|Early|late|Late|(?:end|beginning|start|middle)\s+of)"
             r"\s+(?:(?P<rel>last|this|next)\s+|the\s+)year)\b", _h_mod_rel_year, "O"),
            (r"\b(?P<d>(?P<w>(?:[Ll]ast|[Tt]his|[Nn]ext)\s+month))\b", _h_rel_month, "R"),
            (r"\b(?P<d>(?P<w>(?:[Ll]ast|[Tt]his|[Nn]ext)\s+week))\b", _h_rel_week, "R"),
            (r"\b(?P<d>(?P<w>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)"
             r"(?:\s+(?:morning|afternoon|evening|night))?|(?P<w2>[Tt]his)\s+"
             r"(?:morning|afternoon|evening))\b", _h_dayword_en, "YR"),
            (rf"\b(?P<d>(?:(?P<rel>{_w('last', 'next', 'this', 'coming', 'past')})\s+)?(?P<wd>{wd})"
             rf"{DAYPART['en']}?)\b", _h_weekday, "WR"),
            # "two years ago" (tried where "ago" is, looking back)
            (rf"\b(?P<d>(?:{approx}\s+)?(?P<n>{nums}|\d{{1,3}})\s+(?P<half>)?"
             rf"(?P<u>years?|decades?|months?|weeks?|days?)\s+ago)\b", _h_ago, "G"),
            # "(over) the past two years"
            (rf"\b(?P<d>(?:[Pp]ast|[Ll]ast)\s+(?P<n>{nums}|\d{{1,3}})"
             rf"\s+(?P<half>)?(?P<u>years|decades|months))\b", _h_ago, "P"),
        ]
    return pats


@lru_cache(maxsize=4)
def _compiled(lang: str):
    """Compiled patterns and a trigger table: lower-case word -> pattern indices."""
    pats = _patterns(lang)
    compiled = [(re.compile(p), h) for p, h, _ in pats]
    words: dict[str, set[str]] = {}
    for w in list(MONTHS[lang]) + list(MONTH_ABBR[lang]):
        words.setdefault(w, set()).add("M")
    for w in WEEKDAYS[lang]:
        words.setdefault(w, set()).add("W")
        if lang == "de":
            for part in _DAYPARTS_DE:
                words.setdefault(w + part, set()).add("W")
    for cls, ws in TRIGGER_WORDS[lang].items():
        for w in ws:
            words.setdefault(w, set()).add(cls)
    by_class = {cls: tuple(i for i, (_, _, c) in enumerate(pats) if cls in c)
                for cls in "DMWORAYPG"}
    table = {w: tuple(sorted({i for c in cls for i in by_class[c]})) for w, cls in words.items()}
    return compiled, table, by_class["D"], set(by_class["G"])


# --------------------------------------------------------------------------
# Scanning and selection
# --------------------------------------------------------------------------
_WORD = re.compile(r"\w+")


def _scan(text: str, lang: str) -> list[tuple[re.Match, Callable]]:
    """Every pattern match in ``text`` (values are computed later, per reference date).

    Patterns are tried only where a trigger word starts, which keeps the cost
    to one cheap pass over the words plus a few anchored matches.
    """
    compiled, table, digit_pats, look_back = _compiled(lang)
    out = []
    seen = set()
    for w in _WORD.finditer(text):
        word = w.group()
        idxs = digit_pats if word[0].isdigit() else table.get(word.lower())
        if not idxs:
            continue
        p = w.start()
        for i in idxs:
            rx, handler = compiled[i]
            if i in look_back:  # ends at this word: search a window before it
                m = None
                for cand in rx.finditer(text, max(0, p - 60), w.end()):
                    if cand.end() == w.end():
                        m = cand
                        break
            else:
                m = rx.match(text, p)
            if m is None:
                continue
            s, e = m.span("d")
            if (s, e, i) in seen:
                continue
            seen.add((s, e, i))
            # part of a compound ("Mai-Mai-Milizen", "Vorjahres-Dritte", "heute-Moderator")
            if text[e - 1].isalpha() and text[e:e + 1] == "-" and text[e + 1:e + 2].isalpha():
                continue
            if s > 1 and text[s].isalpha() and text[s - 1] == "-" and text[s - 2].isalpha():
                continue
            out.append((m, handler))
    return out


def _evaluate(scanned, c: _Ctx, only_full: bool = False):
    found = []
    for m, handler in scanned:
        if only_full and handler not in _FULL_HANDLERS:
            continue
        value = handler(m, c)
        if value is not _REJECT:
            found.append((m.start("d"), m.end("d"), value))
    return _select(found)


def _select(found):
    """Non-overlapping candidates, longest first; returned in text order."""
    found.sort(key=lambda x: (x[0] - x[1], x[0]))
    starts: list[int] = []
    ends: list[int] = []
    chosen = []
    for s, e, v in found:
        i = bisect_left(starts, s)
        if i > 0 and ends[i - 1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.append((s, e, v))
    chosen.sort()
    return chosen


def _lang(lang: str | None) -> str:
    return lang if lang in MONTHS else "de"


# --------------------------------------------------------------------------
# Article date
# --------------------------------------------------------------------------
_FULL_HANDLERS = (_h_iso, _h_numeric, _h_day_month)
_FULL_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}$")
# before a dateline date: line start, maybe "City, " / "BERLIN (dpa) ", or a label
_DATELINE_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?:[A-ZÄÖÜ][\w.\-/ ]{0,40}?,?\s*(?:\([^)\n]{0,30}\)\s*)?)?$"
    r"|(?:Stand|Veröffentlicht|Aktualisiert|Datum|Erstellt|Published|Updated|Posted|Date|"
    r"Gültig ab)\s*(?:am\s*|on\s*)?:?\s*$", re.I)
# after it: maybe a time, then a dash, bar, parenthesis, line end or text end
_DATELINE_AFTER = re.compile(
    r"(?:,?\s*(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?\s*(?:[–—\-|/(]|\n|$)")
# a byline with a date: "(Markus Muster, 19.1.2016)", "(APA/Reuters, 2.8.2015)"
_BYLINE_BEFORE = re.compile(r"\([^()\n]{2,60}?[,;]?\s*$")
_BYLINE_AFTER = re.compile(r"\s*\)")
# words before a date that make it an event in the text, not the publication date
_EVENT_BEFORE = frozenset("""
am an ab vom von seit bis zum zur den dem der des auf nach vor für um im in und oder zwischen
on since from until till by before after of the to at between and or in
""".split())


def _article_date(text: str, full: list[tuple[int, int, str]]) -> str | None:
    head = [x for x in full if x[0] < ARTICLE_DATE_WINDOW]
    for s, e, v in head:
        if _DATELINE_BEFORE.search(text, max(0, s - 60), s) and _DATELINE_AFTER.match(text, e):
            return v
    for s, e, v in reversed(full):
        if _BYLINE_BEFORE.search(text, max(0, s - 64), s) and _BYLINE_AFTER.match(text, e):
            return v
    for s, e, v in head:
        if _prev_word(text, s) not in _EVENT_BEFORE:
            return v
    return None


def _full_dates(text: str, scanned, lang: str):
    c = _Ctx(text, lang, None)
    return [(s, e, v) for s, e, v in _evaluate(scanned, c, only_full=True)
            if v and _FULL_VALUE.match(v)]


def find_article_date(text: str, lang: str) -> str | None:
    """The publication date named in the text, as ISO ``YYYY-MM-DD``, or None.

    Only full dates with a day count. In order: a dateline in the first 600
    characters ("Berlin, 19. Juli 2016 –", a date alone on a line, "Stand:
    19.07.2016"); the last byline date anywhere ("(Anna Muster, 19.7.2016)");
    the first date in the first 600 characters that is not part of a phrase
    ("am 3. März", "since May 1, 1987").
    """
    lang = _lang(lang)
    return _article_date(text, _full_dates(text, _scan(text, lang), lang))


def normalize_date(value: str | None, lang: str = "de") -> str | None:
    """An input date as ``YYYY-MM-DD`` (time and zone dropped), or None if unreadable."""
    if not value:
        return None
    value = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        v = _ymd(int(m[1]), int(m[2]), int(m[3]))
        return None if v is _REJECT else v
    found = _full_dates(value, _scan(value, _lang(lang)), _lang(lang))
    if found:
        return found[0][2]
    try:  # odd formats only; dateparser is slow, so it is the last resort
        import dateparser

        parsed = dateparser.parse(value, languages=[_lang(lang), "en", "de"])
    except Exception:  # pragma: no cover - dateparser trouble must not stop the stage
        parsed = None
    return parsed.date().isoformat() if parsed else None


# --------------------------------------------------------------------------
# Public helpers
# --------------------------------------------------------------------------
def find_dates(text: str, lang: str, ref: str | None = None,
               article: Article | None = None) -> list[tuple[int, int, str | None]]:
    """All date expressions in ``text`` as ``(start, end, value)``, in text order.

    ``ref`` is the article date (ISO) that relative expressions resolve
    against; without it they get ``None``. ``article`` (optional) lends its
    tokens to tell years from amounts ("2018 Mitarbeiter").
    """
    lang = _lang(lang)
    return _evaluate(_scan(text, lang), _Ctx(text, lang, _ref_date(ref), article))


def resolve_relative(expr: str, lang: str, ref: str | None) -> str | None:
    """Resolve one date expression against the reference date ``ref`` (ISO).

    Works for absolute and relative expressions: ``resolve_relative("vor zwei
    Jahren", "de", "2016-07-19") == "2014"``, ``("last year", "en",
    "1987-03-19") -> "1986"``, ``("im August 2000", "de", None) -> "2000-08"``.
    Returns ``None`` when nothing is recognised or it needs a missing ``ref``.
    """
    found = find_dates(expr, lang, ref)
    if not found:
        return None
    return max(found, key=lambda x: x[1] - x[0])[2]


# --------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------
@register_stage("koop.dates.v1", requires=("sentences", "tokens"), assigns=("dates", "date"))
def make_dates():
    """Stage: sets ``article.date`` (ISO) and fills ``article.dates``."""

    def dates(article: Article) -> Article:
        lang = _lang(article.lang)
        text = article.text
        scanned = _scan(text, lang)
        article.date = normalize_date(article.date, lang) if article.date else None
        if article.date is None:
            article.date = _article_date(text, _full_dates(text, scanned, lang))
            if article.date and article.date > today().isoformat():  # a plan, not a dateline
                article.date = None
        found = _evaluate(scanned, _Ctx(text, lang, _ref_date(article.date), article))
        has_sents = bool(article.sentences)
        article.dates = [DateMention(s, e, text[s:e], v, article.sentence_at(s) if has_sents else 0)
                         for s, e, v in found]
        return article

    return dates
