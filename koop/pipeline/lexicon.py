"""Word lists shared by the entity and relation stages (German and English).

Kept apart from the logic so they can be read and extended in one place.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

# Nouns that name an organization by its kind. Used as cues ("der Hersteller X"),
# as heads of descriptions ("das Wetzlarer Unternehmen") and as compound heads
# ("Handy-Hersteller", "Elektronikkonzern").
ORG_CUE_HEADS_DE = (
    "konzern", "konzerns", "konzerne", "unternehmen", "unternehmens", "firma", "firmen", "hersteller",
    "herstellers", "anbieter", "anbieters", "startup", "start-up", "startups", "autobauer", "autobauers",
    "zulieferer", "zulieferers", "händler", "händlers", "kette", "discounter", "discounters",
    "versicherer", "versicherers", "bank", "institut", "instituts", "verlag", "verlags", "sender",
    "senders", "zeitung", "magazin", "magazins", "agentur", "verband", "verbands", "verbandes",
    "gewerkschaft", "fluglinie", "fluggesellschaft", "airline", "mobilfunker", "netzbetreiber",
    "betreiber", "betreibers", "dienstleister", "dienstleisters", "softwarehaus", "riese", "riesen",
    "gruppe", "holding", "tochter", "tochterfirma", "tochtergesellschaft", "mutterkonzern",
    "plattform", "portal", "onlinehändler", "versandhändler", "rivale", "rivalen", "konkurrent",
    "konkurrenten", "partner", "kooperationspartner", "hardwarepartner", "branchenportal",
    "nachrichtenagentur", "fachmagazin", "wirtschaftsmagazin", "modekette", "handelskette",
    "lebensmittelhändler", "baukonzern", "chemiekonzern", "pharmakonzern", "energiekonzern",
    "technologiekonzern", "elektronikkonzern", "ölkonzern", "stahlkonzern", "medienkonzern",
    "medienhaus", "universität", "hochschule", "forschungszentrum", "stiftung", "verein", "klub",
    "club", "reederei", "brauerei", "kaufhauskette", "supermarktkette", "möbelhändler", "dienst",
    "streamingdienst", "fahrdienst", "lieferdienst", "kamerahersteller", "smartphonehersteller",
    "handyhersteller", "chiphersteller", "elektronikhersteller", "autohersteller", "flugzeugbauer",
    "maschinenbauer", "lkw-hersteller", "spezialist", "spezialisten", "marktführer", "fabrikant",
    "entsorger", "entsorgers", "anlagenbauer", "anlagenbauers", "familienunternehmen",
)
ORG_CUE_HEADS_EN = (
    "company", "firm", "maker", "manufacturer", "carmaker", "automaker", "chipmaker", "group", "bank",
    "insurer", "retailer", "startup", "start-up", "airline", "carrier", "operator", "provider", "unit",
    "subsidiary", "affiliate", "partner", "rival", "conglomerate", "giant", "supplier", "publisher",
    "broadcaster", "agency", "institute", "concern", "corporation", "producer", "distributor",
    "developer", "brewer", "miner", "refiner", "utility", "bakery", "baker", "lender", "broker",
    "brokerage", "consultancy", "house",
)
# Heads that may stand alone as an anaphor for the organization in focus ("der Konzern").
ANAPHOR_HEADS_DE = {
    "konzern", "konzerns", "unternehmen", "unternehmens", "firma", "hersteller", "herstellers",
    "autobauer", "autobauers", "gruppe", "kamerahersteller", "kameraherstellers", "elektronikkonzern",
    "elektronikkonzerns", "technologiekonzern", "technologiekonzerns", "traditionsunternehmen",
    "traditionsunternehmens", "handy-hersteller", "handy-herstellers", "smartphone-hersteller",
    "smartphone-herstellers", "startup", "start-up", "versicherer", "versicherers", "zulieferer",
    "zulieferers", "discounter", "händler", "softwarekonzern", "softwarekonzerns", "chiphersteller",
    "chipherstellers", "autohersteller", "autoherstellers", "pharmakonzern", "pharmakonzerns",
    "chemiekonzern", "chemiekonzerns", "energiekonzern", "energiekonzerns", "medienkonzern",
    "medienkonzerns", "internetkonzern", "internetkonzerns", "it-konzern", "it-konzerns",
    "elektronikriese", "elektronikriesen", "kamerabauer", "kamerabauers",
}
ANAPHOR_HEADS_EN = {"company", "firm", "group", "maker", "carmaker", "automaker", "chipmaker",
                    "bank", "insurer", "retailer", "concern", "manufacturer", "corporation"}

# Weekdays and months: a company of that name ("Monday.com") needs a legal form.
DATE_WORDS = {
    "Januar", "Jänner", "Februar", "Feber", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember", "January", "February", "March", "May", "June",
    "July", "October", "December", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag",
    "Samstag", "Sonnabend", "Sonntag", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}
# Words that are never part of an organization or person name, though capitalised
# (German nouns, sentence-initial function words, months, weekdays).
NON_NAME_WORDS = {
    "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Einem", "Einen", "Eines",
    "Und", "Oder", "Aber", "Auch", "Mit", "Von", "Vom", "Für", "Bei", "Nach", "Vor", "Seit", "Im",
    "In", "Am", "An", "Auf", "Aus", "Zum", "Zur", "Wie", "Was", "Wer", "Wenn", "Als", "Dass", "So",
    "Doch", "Noch", "Nun", "Jetzt", "Schon", "Sie", "Er", "Es", "Wir", "Ich", "Ihr", "Man", "Dies",
    "Diese", "Dieser", "Dieses", "Damit", "Dabei", "Daher", "Deshalb", "Zudem", "Laut", "Über",
    "Unter", "Gegen", "Ohne", "Um", "Bis", "Durch", "Neben", "Zwischen", "Trotz", "Während",
    "The", "A", "An", "And", "Or", "But", "Of", "For", "With", "From", "By", "On", "At", "To",
    "It", "Its", "He", "She", "They", "We", "I", "This", "That", "These", "Those", "In", "As",
    "Mr", "Mrs", "Ms", "Herr", "Frau", "Dr", "Prof",
} | DATE_WORDS

# Seas and regions that are no country or city; a name inside one is no organization
# ("North Sea" is no "Sea Limited").
GEO_NAMES = {
    "North Sea", "Baltic Sea", "Black Sea", "Red Sea", "Caspian Sea", "Irish Sea", "Barents Sea",
    "South China Sea", "East China Sea", "Mediterranean", "Mediterranean Sea", "Persian Gulf",
    "Gulf of Mexico", "Indian Ocean", "Atlantic Ocean", "Pacific Ocean", "Arctic Ocean",
    "Middle East", "Far East", "Nordsee", "Ostsee", "Mittelmeer", "Schwarzes Meer",
    "Schwarzen Meer", "Rotes Meer", "Roten Meer", "Persischer Golf", "Persischen Golf",
    "Golf von Mexiko", "Atlantik", "Pazifik", "Nahost", "Naher Osten", "Nahen Osten", "Fernost",
}
# Regions (states, provinces, cantons) that name an institution after them ("FH Oberösterreich").
REGIONS_DE = {
    "Wien", "Niederösterreich", "Oberösterreich", "Steiermark", "Kärnten", "Tirol", "Vorarlberg",
    "Burgenland", "Salzburg", "Südtirol", "Bayern", "Baden-Württemberg", "Sachsen", "Thüringen",
    "Hessen", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland", "Brandenburg",
    "Mecklenburg-Vorpommern", "Sachsen-Anhalt", "Schleswig-Holstein", "Hamburg", "Bremen", "Berlin",
    "Westfalen", "Franken", "Schwaben", "Ostschweiz", "Zentralschweiz", "Nordwestschweiz",
    "Graubünden", "Wallis", "Tessin", "Aargau", "Luzern", "Zürich", "Bern", "Basel",
}
# Words before a town's name that make it a place ("in Nokia", "die Stadt Nokia"), and
# words before "in" that make it a stake ("a stake in Nokia").
LOCAL_PREPOSITIONS = {"in", "im", "aus", "nach", "nahe", "near"}
PLACE_NOUNS = {"stadt", "gemeinde", "ort", "kreis", "landkreis", "region", "city", "town",
               "village", "municipality"}
STAKE_WORDS = {"stake", "stakes", "interest", "interests", "shares", "holding", "holdings",
               "invest", "invests", "invested", "investing", "investment", "investments", "position"}
# Common abbreviations that are no organization's short name in most texts ("a CD",
# "HR department"), though the KB has an organization with those initials.
COMMON_ABBREVIATIONS = {
    "AI", "AM", "CD", "DJ", "EU", "GB", "HK", "HR", "ID", "IT", "KB", "MB", "OK", "PC", "PM", "PR",
    "TB", "TV", "UK", "US", "VC", "VP",
}
# German everyday abbreviations ("die WM", "der OB", "200 PS"): never an ambiguous
# organization name without a legal form.
COMMON_ABBREVIATIONS_DE = {"WM", "EM", "OB", "PS", "KW", "LKW", "PKW", "SB", "ICE", "NS", "MW", "GW"}

PERSON_TITLES = {"Dr.", "Prof.", "Dr", "Prof", "Mag.", "Dipl.-Ing.", "Ing."}
# Particles inside a person's name ("Ursula von der Leyen", "Rafael de la Cruz"); a
# particle joins only right after the given name(s). "der"/"den"/"la" only follow another.
NAME_PARTICLES = {"von", "van", "de", "da", "di", "del", "della", "du", "zu", "bin", "al", "ter",
                  "vom", "zur", "dos", "das", "le", "la"}
NAME_PARTICLES_SECOND = {"der", "den", "la", "le", "und"}

# Cue nouns that also name people ("sein Partner Thomas Berg"): after these a
# first name still starts a person, not an organization.
PERSON_LIKE_CUES = {"partner", "kooperationspartner", "hardwarepartner", "rivale", "rivalen",
                    "konkurrent", "konkurrenten", "spezialist", "spezialisten", "tochter", "riese",
                    "riesen", "marktführer", "rival", "giant", "unit", "house"}

# Last words of organization names: a capitalised name ending in one of them is an
# organization ("Harlow Times", "Redwood Venture Capital"), and a known name followed
# by some of them is a unit of that organization ("Siemens Content Group", "Bosch Motors").
ORG_DESIGNATORS = {
    "Group", "Gruppe", "Holding", "Holdings", "Online", "Motor", "Motors", "International",
    "Technologies", "Technology", "Systems", "Entertainment", "Media", "Medien", "Capital",
    "Ventures", "Partners", "Services", "Solutions", "Industries", "Electric", "Electronics",
    "Digital", "Interactive", "Software", "Networks", "Communications", "Pharma", "Pharmaceuticals",
    "Energy", "Energie", "Versicherung", "Versicherungen", "Airlines", "Airways", "Logistics",
    "Logistik", "Consulting", "Studios", "Games", "Labs", "Robotics", "Semiconductor",
    "Automotive", "Foods", "Brands", "Investments", "Management", "Asset", "Securities",
    "Finance", "Financial", "Bank", "Bankhaus", "Times", "Post", "News", "Journal", "Herald",
    "Tribune", "Gazette", "Zeitung", "Rundschau", "Anzeiger", "Kurier", "Nachrichten",
    "Newswires", "Wire", "Telegraph", "Magazine", "Magazin", "Verlag", "Records", "Pictures",
    "Airport", "Hotels", "Stiftung", "Foundation", "Institute", "Institut", "University",
    "Universität", "Fitness", "Mining", "Petroleum", "Oil", "Chemicals", "Chemie", "Werke",
    "Laboratory", "Laboratories", "Association",
}
# Designators that tie a known organization to the name that follows it as one of
# its units ("Bosch Deutschland" is the German arm of Bosch).
UNIT_DESIGNATORS = {
    "Group", "Gruppe", "Holding", "Holdings", "Online", "Motor", "Motors", "International",
    "Technologies", "Systems", "Entertainment", "Media", "Digital", "Interactive", "Software",
    "Networks", "Communications", "Pharma", "Energy", "Services", "Solutions", "Industries",
    "Electronics", "Capital", "Financial", "Deutschland", "Germany", "Österreich", "Austria",
    "Schweiz", "Switzerland", "Europe", "Europa", "America", "USA", "UK", "France", "Italia",
    "Japan", "China", "India", "Asia", "Nederland", "España", "Polska", "Nordic",
}
# Hyphen-compound heads that make the compound an organization's name when the
# words before them are names ("Helmut-Berger-Institut", "Sankt-Lukas-Kliniken").
ORG_COMPOUND_HEADS = {
    "institut", "instituts", "institute", "klinik", "kliniken", "klinikum", "klinikums",
    "stiftung", "universität", "hochschule", "akademie", "werke", "werk", "verlag", "verlags",
    "verband", "verbands", "zentrum", "zentrums", "center", "gymnasium", "museum", "museums",
    "krankenhaus", "krankenhauses", "theater", "oper",
    "orchester", "brauerei", "gesellschaft", "kaserne", "schule", "fonds", "agentur",
}
# Word endings of long forms an acronym can be defined for ("Bund der Gartenfreunde (BdG)").
ACRONYM_HEAD_ENDINGS = (
    "amt", "service", "kammer", "gesellschaft", "behörde", "organisation", "zentrum", "stiftung",
    "fonds", "university", "institute", "technology", "association", "agency", "bureau", "fund",
    "council", "commission", "authority", "board", "organization", "universität", "hochschule",
    "akademie", "bund", "bundes", "verband", "verbands", "verein", "vereins", "gewerkschaft",
    "kommando", "kommandos", "union", "partei", "rat", "rates", "gruppe", "bank", "institut",
    "instituts", "hub", "centre", "center", "forum", "network", "netzwerk", "initiative",
    "ministerium", "ministeriums", "gericht", "gerichts", "polizei", "direktion", "präsidium",
    "klinik", "klinikum", "agentur", "company", "corporation", "group", "federation", "föderation",
    "konferenz", "conference", "committee", "komitee", "alliance", "allianz", "league", "liga",
    "party", "front", "movement", "bewegung", "inc", "ltd", "ag", "gmbh", "ministry", "department",
    "office", "service", "services", "systems", "industries", "laboratory", "labor", "school",
    "college", "society", "gesellschaft", "trust", "exchange", "börse", "airlines", "airways",
)

# Parts of social-media handles that mark an organization's account
# ("@PolizeiMusterstadt", "@Stadtwerke_Info"); compared lower-cased.
HANDLE_ORG_WORDS = {
    "polizei", "police", "feuerwehr", "bahn", "sbahn", "ubahn", "info", "news", "online", "aktuell",
    "presse", "press", "redaktion", "zeitung", "tv", "radio", "fm", "meteo", "wetter", "verkehr",
    "reporter", "panorama", "dialog", "service", "hilft", "official", "offiziell", "stadt", "amt",
    "ministerium", "bundestag", "landtag", "partei", "fraktion", "verband", "verein", "museum",
    "theater", "kultur", "sport", "magazin", "verlag", "uni", "hochschule", "klinik", "airport",
    "flughafen", "airline", "paket", "post", "team", "club", "fc", "live", "net", "politik",
}


@lru_cache(maxsize=1)
def speech_cues() -> dict:
    """The words of saying shipped as ``koop/data/quote_cues.json`` (the quotes stage's
    cues; the one home of speech verbs)."""
    with resources.files("koop").joinpath("data/quote_cues.json").open(encoding="utf-8") as f:
        return json.load(f)


# Verbs of saying: a one-word name right after one is a person ("sagte Müller"),
# even when a company has that name.
SPEECH_VERBS = {v for lang in ("de", "en") for v in speech_cues()["verbs_before_a_name"][lang]}
FIRST_NAME_STOP = {"Will", "Grant", "Bill", "Rose", "Paris", "May", "April", "June", "Page",
                   "Chase", "Dean", "Summer", "Sky", "Gay", "Hope", "Long", "Guy", "Young", "Rich",
                   "King", "Stone", "Park", "Lane", "Wolf", "Berg", "Klar", "Kurz", "Lang", "Mai",
                   "Wert", "Welt", "Ende", "Hand", "Sonne", "Art", "Ever", "Else", "Ideal", "Star",
                   "Justice", "Royal", "Major", "General", "Sun", "Kommission", "Kanzler", "Bahn",
                   "China", "India", "Israel", "Jordan", "Kenya", "Georgia", "Florence", "Berlin",
                   "Vienna", "Lorraine", "Norman", "Roman", "Siemens", "Mercedes", "Porsche"}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    text = (resources.files("koop") / "data" / "first_names.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split() if w not in FIRST_NAME_STOP)


@lru_cache(maxsize=1)
def weak_first_names() -> frozenset[str]:
    """First names that are also ordinary words ("Song", "Summer"): a person only
    when a surname-like word follows (built by tools/build_first_names.py)."""
    text = (resources.files("koop") / "data" / "first_names_weak.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


@lru_cache(maxsize=1)
def role_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], frozenset[str]]:
    """From koop/data/roles.json: lower-cased one-word role nouns ("geschäftsführer"),
    compound role heads ("chef" of "Leica-Chef"), picture-credit and byline prefixes."""
    data = json.loads((resources.files("koop") / "data" / "roles.json").read_text(encoding="utf-8"))
    words = set()
    for surfaces in data["roles"].values():
        for lang_words in surfaces.values():
            words.update(w.lower() for w in lang_words if " " not in w)
    heads = tuple(sorted((h for h in data["heads"] if not h.startswith("_")), key=len, reverse=True))
    credits = frozenset(w.lower() for w in data["credit_prefixes"])
    bylines = frozenset(w.lower() for w in data["byline_prefixes"] if " " not in w)
    return frozenset(words), heads, credits, bylines


@lru_cache(maxsize=1)
def countries() -> dict:
    return json.loads((resources.files("koop") / "data" / "countries.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country name (German or English) -> ISO code."""
    out = {}
    for code, c in countries().items():
        for n in c["names_de"] + c["names_en"]:
            out[n] = code
    return out


@lru_cache(maxsize=1)
def nationality_adjectives() -> dict[str, str]:
    """Lower-case adjective stem or compound prefix -> ISO code ('chinesisch' -> 'CN')."""
    out = {}
    for code, c in countries().items():
        for a in c["adj_de"]:
            out[a.lower()] = code
        for a in c["adj_en"]:
            out[a.lower()] = code
        for p in c["prefix"]:
            out[p.lower()] = code
    return out


def city_adjective(city: str) -> set[str]:
    """German adjectives of a city ('Wetzlar' -> {'Wetzlarer'}, 'München' -> {'Münchner', 'Münchener'})."""
    if not city or " " in city:
        return set()
    forms = {city + "er"}
    if city.endswith("en"):
        forms |= {city[:-2] + "ner", city + "er", city[:-1] + "er"}
    if city.endswith("e"):
        forms.add(city + "r")
    if city.endswith("el"):
        forms.add(city[:-2] + "ler")
    if city.endswith("a"):
        forms.add(city[:-1] + "aer")
    return forms
