"""The patterns of each language, each with its handler and the trigger words where it
may start; compiled once per language."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from .handlers import (h_ago, h_day_month, h_dayword, h_dayword_en, h_iso, h_mod_rel_year, h_month,
                       h_month_year, h_numeric, h_numeric_dm, h_rel_month, h_rel_week, h_rel_year,
                       h_this_year, h_weekday, h_year)
from .tables import (APPROX, DAYPART, MONTH_ABBR, MONTHS, NUMBERS, VAGUE, WEEKDAYS, alt, words_alt,
                     words_rx)

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
    months_full = alt(MONTHS[lang])
    months_abbr = alt(MONTH_ABBR[lang])
    mon_any = rf"(?:{months_full}\b|{months_abbr}(?:\.|\b))"
    wd = alt(WEEKDAYS[lang], upper=False)
    nums = words_alt(list(NUMBERS[lang]) + list(VAGUE[lang]))
    approx = words_alt(APPROX[lang])
    pats: list[tuple[str, Callable, str]] = [
        # 2016-07-19, 2016/07/19 (a time may follow: not part of the span)
        (r"(?<![\d.])(?P<d>" + Y4 + r"(?P<s>[-/])(?P<m>0?[1-9]|1[0-2])(?P=s)" + DAY + r")(?!\d)",
         h_iso, "D"),
        # 19.07.2016, 19.7.16, 7/19/1987
        (r"(?<![\d.,/])(?P<d>(?P<a>\d{1,2})(?P<sep>[./])\s?(?P<b>\d{1,2})(?P=sep)\s?"
         r"(?P<y>\d{4}|\d{2}))(?!\d|[.,/:]\d)", h_numeric, "D"),
    ]
    if lang == "de":
        rel = words_rx("letzten", "vergangenen", "vorigen", "kommenden", "nächsten", "diesen",
                 "morgigen", "gestrigen", "heutigen")
        rel_y = (r"(?P<rel>letzten|vergangenen|vorigen|dieses|diesen|laufenden|heurigen|"
                 r"nächsten|kommenden)")
        pats += [
            # "am 25.7." (German day.month. without a year)
            (r"(?<![\d.,/])(?P<d>(?P<a>\d{1,2})\.\s?(?P<b>\d{1,2})\.)(?!\d)", h_numeric_dm, "D"),
            # "Dienstag, 29. März 2016", "19. Juli", "22. Mär. 2016", "3. März letzten Jahres"
            (rf"\b(?P<d>(?:{wd},?\s+(?:den\s+)?)?{DAY}\.\s?(?P<mon>{mon_any})"
             rf"(?:\s*{Y4}|\s+(?:des\s+)?{rel_y}\s+Jahres)?)(?!\w|\.\d)", h_day_month, "DW"),
            # "August 2000", "Anfang August 2000", "August letzten Jahres"
            (rf"\b(?P<d>(?:(?P<mod>Anfang|Mitte|Ende)\s+)?(?P<mon>{mon_any})\s*"
             rf"(?:{Y4}|(?:des\s+)?{rel_y}\s+Jahres\b))(?!\d)", h_month_year, "MO"),
            # bare month: "im August", "Ende Juli", "im vergangenen Dezember"
            (rf"\b(?P<d>(?:(?P<mod>Anfang|Mitte|Ende)\s+)?(?:(?P<rel>{rel})\s+)?"
             rf"(?P<mon>{months_full}))\b", h_month, "MOR"),
            # a year, maybe with a part of it: "2018", "Anfang 2017", "Sommer 2015", "2015/16"
            (r"\b(?P<d>(?:(?P<mod>Anfang|Mitte|Ende|Frühjahr|Frühling|Sommer|Herbst|Winter|"
             r"Jahresende|Jahresanfang|Jahresbeginn|Jahresmitte|Q[1-4]|H[12]|"
             r"(?:ersten|zweiten|dritten|vierten|[1-4]\.)\s+(?:Quartal|Halbjahr|Jahreshälfte)|"
             r"Quartal|Halbjahr)\s+(?:des\s+Jahres\s+)?)?"
             + Y4 + r"(?:/\d\d(?!\d))?)(?![\w]|[.,]\d|[:/-]\d)", h_year, "DO"),
            (r"\b(?P<d>(?P<w>" + words_rx("letzte", "vergangene", "vorige", "nächste", "kommende")
             + r"[snmr]?\s+Jahr(?:es)?|Vorjahr(?:es)?))\b", h_rel_year, "R"),
            (r"\b(?P<d>(?:" + words_rx("diese", "laufende", "heurige") + r"[snmr]?\s+Jahr(?:es)?|"
             r"[Hh]euer|Jahresende|Jahresanfang|Jahresbeginn))\b", h_this_year, "R"),
            # "Ende des Jahres", "Anfang vergangenen Jahres"
            (r"\b(?P<d>(?:Anfang|Mitte|Ende)\s+(?:des\s+)?(?:(?P<rel>dieses|diesen|laufenden|"
             r"letzten|vergangenen|vorigen|nächsten|kommenden)\s+)?Jahres)\b",
             h_mod_rel_year, "O"),
            (r"\b(?P<d>(?P<w>" + words_rx(*REL_WORDS_DE) + r"[snmr]?\s+Monats?|Vormonat(?:s|es)?))\b",
             h_rel_month, "R"),
            (r"\b(?P<d>(?P<w>" + words_rx(*REL_WORDS_DE) + r"[snmr]?\s+Woche|Vorwoche))\b",
             h_rel_week, "R"),
            (r"\b(?P<d>(?P<w>[Hh]eute|[Gg]estern|[Vv]orgestern|[Üü]bermorgen|morgen)"
             r"(?:\s+(?:früh|[Mm]orgen|[Vv]ormittag|[Mm]ittag|[Nn]achmittag|[Aa]bend|"
             r"[Nn]acht))?)\b",
             h_dayword, "Y"),
            (rf"\b(?P<d>(?:(?P<rel>{rel})\s+)?(?P<wd>{wd}){DAYPART['de']}?)\b", h_weekday, "WR"),
            # "vor zwei Jahren", "seit einigen Monaten", "vor einem halben Jahr"
            (rf"\b(?P<d>(?:[Vv]or|[Ss]eit)\s+(?:{approx}\s+)?(?P<n>{nums}|\d{{1,3}})\s+"
             rf"(?P<half>halben\s+)?(?P<u>Jahren|Jahrzehnten|Jahr|Jahrzehnt|Monaten|Monat|Wochen|"
             rf"Woche|Tagen|Tag))\b", h_ago, "A"),
        ]
    else:
        rel_y = r"(?P<rel>last|this|next)\s+year"
        mod = r"(?P<mod>early|Early|mid|Mid|late|Late|end|End)[-\s]\s*"
        pats += [
            # "Tuesday, July 19, 2016", "March 27", "Sept. 3 1987", "March 3 last year"
            (rf"\b(?P<d>(?:{wd},?\s+)?(?P<mon>{mon_any})\s*{DAY}(?:st|nd|rd|th)?"
             rf"(?:,?\s+{Y4}|\s+(?:of\s+)?{rel_y})?)(?!\w|[.,:]\d)", h_day_month, "MW"),
            # "19 July 2016", "3rd of March"
            (rf"\b(?P<d>(?:{wd},?\s+)?{DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon_any})"
             rf"(?:,?\s+{Y4}|\s+(?:of\s+)?{rel_y})?)(?!\w|\.\d)", h_day_month, "DW"),
            # "August 1984", "mid-March 1987", "August last year", "March of this year"
            (rf"\b(?P<d>(?:{mod})?(?P<mon>{mon_any}),?\s+(?:of\s+)?(?:{Y4}|{rel_y}\b))(?!\d)",
             h_month_year, "MO"),
            # bare month: "in August", "last March", "mid-March", "January sales"
            (rf"\b(?P<d>(?:{mod})?(?:(?P<rel>{words_rx('last', 'next', 'this')})\s+)?"
             rf"(?P<mon>{months_full}))\b", h_month, "MOR"),
            # a year, maybe with a part of it: "1987", "mid-1987", "end of 1986",
            # "fourth quarter of 1986"
            (r"\b(?P<d>(?:(?P<mod>early|Early|mid|Mid|late|Late|end|End|"
             r"(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of|"
             r"(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)(?:\s+of)?|Q[1-4]|H[12]|"
             r"(?:first|second|third|fourth)[-\s]quarter(?:\s+of)?)[-\s]\s*)?"
             + Y4 + r"(?:/\d\d(?!\d))?)(?![\w]|[.,]\d|[:/-]\d)", h_year, "DO"),
            (r"\b(?P<d>(?P<w>(?:[Ll]ast|[Nn]ext)\s+year))\b", h_rel_year, "R"),
            (r"\b(?P<d>(?:(?:[Ee]arlier|[Ll]ater)\s+)?[Tt]his\s+year)\b", h_this_year, "R"),
            (r"\b(?P<d>(?:early|Early|late|Late|(?:end|beginning|start|middle)\s+of)"
             r"\s+(?:(?P<rel>last|this|next)\s+|the\s+)year)\b", h_mod_rel_year, "O"),
            (r"\b(?P<d>(?P<w>(?:[Ll]ast|[Tt]his|[Nn]ext)\s+month))\b", h_rel_month, "R"),
            (r"\b(?P<d>(?P<w>(?:[Ll]ast|[Tt]his|[Nn]ext)\s+week))\b", h_rel_week, "R"),
            (r"\b(?P<d>(?P<w>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)"
             r"(?:\s+(?:morning|afternoon|evening|night))?|(?P<w2>[Tt]his)\s+"
             r"(?:morning|afternoon|evening))\b", h_dayword_en, "YR"),
            (rf"\b(?P<d>(?:(?P<rel>{words_rx('last', 'next', 'this', 'coming', 'past')})\s+)?(?P<wd>{wd})"
             rf"{DAYPART['en']}?)\b", h_weekday, "WR"),
            # "two years ago" (tried where "ago" is, looking back)
            (rf"\b(?P<d>(?:{approx}\s+)?(?P<n>{nums}|\d{{1,3}})\s+(?P<half>)?"
             rf"(?P<u>years?|decades?|months?|weeks?|days?)\s+ago)\b", h_ago, "G"),
            # "(over) the past two years"
            (rf"\b(?P<d>(?:[Pp]ast|[Ll]ast)\s+(?P<n>{nums}|\d{{1,3}})"
             rf"\s+(?P<half>)?(?P<u>years|decades|months))\b", h_ago, "P"),
        ]
    return pats


@lru_cache(maxsize=4)
def compiled_patterns(lang: str):
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
