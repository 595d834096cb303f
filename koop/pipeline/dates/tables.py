"""Month, weekday and number words, and the word lists that tell a date from an
amount ("2018 Mitarbeiter"), per language."""
from __future__ import annotations

import re

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


def alt(words, upper: bool = True) -> str:
    """Regex alternation of capitalised (and ALL-CAPS) forms, longest first."""
    forms = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        if upper:
            forms.add(w.upper())
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


def words_alt(words) -> str:
    """Alternation of (multi-)words; the first letter may be upper case."""
    return "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]" + re.escape(w[1:]).replace(r"\ ", r"\s+")
                            for w in sorted(words, key=len, reverse=True)) + ")"


def words_rx(*words: str) -> str:
    """Alternation of words whose first letter may be upper or lower case."""
    return "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words) + ")"
