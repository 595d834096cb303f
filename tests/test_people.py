"""koop.people.v1 on hand-built articles: segmented text plus hand-placed mentions."""
from __future__ import annotations


import pytest

from koop.article import Article, Mention
from koop.pipeline.people import RoleLexicon, load_role_data, make_people
from koop.registry import get_stage


@pytest.fixture(scope="module")
def people():
    return make_people()


def summary(a: Article) -> list[tuple]:
    return [(p.name, p.role, p.org, p.surface_role) for p in a.people]


def test_stage_is_registered():
    f = get_stage("koop.people.v1")
    assert f.requires == ("mentions",) and f.assigns == ("people", "person_clusters")


# (lang, text, orgs, pers, expected people)
CASES = {
    "compound": [
        ("de", "Nordwerk will wachsen. Das sagte Nordwerk-Chef Thomas Brandl am Montag in Linz.",
         ["Nordwerk"], ["Thomas Brandl"], [("Thomas Brandl", "CEO", "Nordwerk", "Nordwerk-Chef")]),
        ("en", "Nordwerk wants to grow, Nordwerk CEO Thomas Brandl said on Monday in Linz.",
         ["Nordwerk"], ["Thomas Brandl"], [("Thomas Brandl", "CEO", "Nordwerk", "CEO")]),
    ],
    "owner_and_surname": [
        ("de", "Die Nordwerk-Eigentümerin Petra Lang will verkaufen. Lang nannte keinen Preis.",
         ["Nordwerk"], ["Petra Lang", "Lang"], [("Petra Lang", "owner", "Nordwerk", "Nordwerk-Eigentümerin")]),
        ("en", "Nordwerk owner Petra Lang wants to sell. Lang gave no price.",
         ["Nordwerk"], ["Petra Lang", "Lang"], [("Petra Lang", "owner", "Nordwerk", "owner")]),
    ],
    "role_of_org_then_person": [
        ("de", "Das bestätigte der Vorstandschef der Kessler Bank, Martin Vogt, am Abend.",
         ["Kessler Bank"], ["Martin Vogt"], [("Martin Vogt", "CEO", "Kessler Bank", "Vorstandschef")]),
        ("en", "This was confirmed by the chief executive of Kessler Bank, Martin Vogt, on Monday.",
         ["Kessler Bank"], ["Martin Vogt"], [("Martin Vogt", "CEO", "Kessler Bank", "chief executive")]),
    ],
    "person_then_role_of_org": [
        ("de", "Lena Hofer, Sprecherin von Aurora Energie, wollte das nicht kommentieren.",
         ["Aurora Energie"], ["Lena Hofer"], [("Lena Hofer", "spokesperson", "Aurora Energie", "Sprecherin")]),
        ("en", "Lena Hofer, spokeswoman for Aurora Energy, declined to comment.",
         ["Aurora Energy"], ["Lena Hofer"], [("Lena Hofer", "spokesperson", "Aurora Energy", "spokeswoman")]),
    ],
    "possessive_org": [
        ("de", "Auroras Finanzchef Paul Grant rechnet mit weniger Umsatz.",
         ["Aurora"], ["Paul Grant"], [("Paul Grant", "CFO", "Aurora", "Finanzchef")]),
        ("en", "Aurora's chief financial officer Paul Grant expects lower sales.",
         ["Aurora"], ["Paul Grant"], [("Paul Grant", "CFO", "Aurora", "chief financial officer")]),
    ],
    "role_without_org": [
        ("de", "Analystin Jana Meier hält die Aktie für zu teuer.",
         [], ["Jana Meier"], [("Jana Meier", "analyst", None, "Analystin")]),
        ("en", "Analyst Jana Meier thinks the shares are too expensive.",
         [], ["Jana Meier"], [("Jana Meier", "analyst", None, "Analyst")]),
    ],
    "role_person_of_org": [
        ("de", "Analyst Jan Meier von der Kessler Bank ist skeptisch.",
         ["Kessler Bank"], ["Jan Meier"], [("Jan Meier", "analyst", "Kessler Bank", "Analyst")]),
        ("en", "Analyst Jan Meier of Kessler Bank is sceptical.",
         ["Kessler Bank"], ["Jan Meier"], [("Jan Meier", "analyst", "Kessler Bank", "Analyst")]),
    ],
    "copula": [
        ("de", "Eva Roth ist seit 2019 Chefin von Kessler. Sie kommt aus Graz.",
         ["Kessler"], ["Eva Roth"], [("Eva Roth", "CEO", "Kessler", "Chefin")]),
        ("en", "Eva Roth is the chief executive of Kessler. She comes from Graz.",
         ["Kessler"], ["Eva Roth"], [("Eva Roth", "CEO", "Kessler", "chief executive")]),
    ],
    "founder_feminine": [
        ("de", "Mitgründerin Mia Sommer verlässt das Start-up Lumo.",
         ["Lumo"], ["Mia Sommer"], [("Mia Sommer", "founder", None, "Mitgründerin")]),
        ("en", "Co-founder Mia Sommer is leaving the start-up Lumo.",
         ["Lumo"], ["Mia Sommer"], [("Mia Sommer", "founder", None, "Co-founder")]),
    ],
    "no_role": [
        ("de", "Am Treffen nahm auch Jakob Wendt teil. Wendt schwieg. Auch Krause kam.",
         [], ["Jakob Wendt", "Wendt", "Krause"], [("Jakob Wendt", None, None, None)]),
        ("en", "Jakob Wendt also attended the meeting. Wendt said nothing. Krause came too.",
         [], ["Jakob Wendt", "Wendt", "Krause"], [("Jakob Wendt", None, None, None)]),
    ],
    "surname_with_role_is_listed": [
        ("de", "Nordwerk-Gründer Brandl hat sich zurückgezogen.",
         ["Nordwerk"], ["Brandl"], [("Brandl", "founder", "Nordwerk", "Nordwerk-Gründer")]),
        ("en", "Nordwerk founder Brandl has retired.",
         ["Nordwerk"], ["Brandl"], [("Brandl", "founder", "Nordwerk", "founder")]),
    ],
    "role_belongs_to_next_person": [
        ("de", "Dabei waren Eva Roth, Präsident Karl Busch und andere.",
         [], ["Eva Roth", "Karl Busch"], [("Eva Roth", None, None, None), ("Karl Busch", "president", None, "Präsident")]),
        ("en", "Eva Roth, President Karl Busch and others attended.",
         [], ["Eva Roth", "Karl Busch"], [("Eva Roth", None, None, None), ("Karl Busch", "president", None, "President")]),
    ],
    "byline_author": [
        ("de", "Nordwerk wächst weiter.\n\nVon Clara Fuchs\n",
         ["Nordwerk"], ["Clara Fuchs"], [("Clara Fuchs", "author", None, None)]),
        ("en", "Nordwerk keeps growing.\n\nBy Clara Fuchs\n",
         ["Nordwerk"], ["Clara Fuchs"], [("Clara Fuchs", "author", None, None)]),
    ],
    "picture_credit_is_no_person": [
        ("de", "Nordwerk wächst weiter.\nFoto: Ben Hahn\n", ["Nordwerk"], ["Ben Hahn"], []),
        ("en", "Nordwerk keeps growing.\nPhoto: Ben Hahn\n", ["Nordwerk"], ["Ben Hahn"], []),
    ],
}


@pytest.mark.parametrize(
    "lang,text,orgs,pers,expected",
    [pytest.param(*case, id=f"{name}-{case[0]}") for name, cases in CASES.items() for case in cases])
def test_people(annotate, people, lang, text, orgs, pers, expected):
    a = people(annotate(text, lang, orgs, pers))
    assert summary(a) == expected


@pytest.mark.parametrize("lang,text", [
    ("de", "Der Chef von Nordwerk, Thomas Brandl, sprach. Später äußerte sich Brandl erneut, dann Brandls Team."),
    ("en", "The head of Nordwerk, Thomas Brandl, spoke. Later Brandl spoke again, then Brandl's team."),
])
def test_surname_mentions_merge_into_full_name(annotate, people, lang, text):
    a = people(annotate(text, lang, ["Nordwerk"], ["Thomas Brandl", "Brandls", "Brandl's", "Brandl"]))
    assert [p.name for p in a.people] == ["Thomas Brandl"]
    p = a.people[0]
    assert (p.org, text[p.start:p.end]) == ("Nordwerk", "Thomas Brandl")


@pytest.mark.parametrize("lang,text,mention", [
    ("de", "Laut Dr. Eva Roth wird gebaut.", "Dr. Eva Roth"),
    ("en", "According to Dr. Eva Roth, the plant will be built.", "Dr. Eva Roth"),
])
def test_honorific_is_not_part_of_the_name(annotate, people, lang, text, mention):
    a = people(annotate(text, lang, [], [mention]))
    assert [p.name for p in a.people] == ["Eva Roth"]


def test_org_prefix_without_org_mention_uses_org_named_elsewhere(annotate, people):
    text = "Kessler wächst. Kessler-Chef Paul Grant ist zufrieden."
    a = annotate(text, "de", [], ["Paul Grant"])
    a.mentions.append(Mention(0, 7, "ORG", "Kessler", org_id="kessler", canonical="Kessler AG", sent=0))
    a.mentions.sort(key=lambda m: m.start)
    assert summary(people(a)) == [("Paul Grant", "CEO", "Kessler AG", "Kessler-Chef")]


@pytest.mark.parametrize("text,expected", [
    ("Sparten-Chef Paul Grant geht.", ("head", None)),           # a prefix that is no company
    ("Ex-Chef Paul Grant geht.", ("CEO", None)),                 # a neutral prefix keeps the role
    ("Der Bahn-Betriebsratschef Paul Grant geht.", ("works council chairman", None)),
    ("NWK-Sprecher Paul Grant schweigt.", ("spokesperson", "NWK")),  # an acronym prefix names the org
    ("US-Präsident Paul Grant reist.", ("president", None)),
])
def test_german_compound_prefixes(annotate, people, text, expected):
    a = people(annotate(text, "de", [], ["Paul Grant"]))
    assert (a.people[0].role, a.people[0].org) == expected


@pytest.mark.parametrize("word,role", [
    ("Chef", "CEO"), ("Chefin", "CEO"), ("Vorstandschef", "CEO"), ("Vorstandsvorsitzende", "CEO"),
    ("Vorstandsvorsitzender", "CEO"), ("Konzernchef", "CEO"), ("Firmenchefin", "CEO"),
    ("Generaldirektor", "CEO"), ("Geschäftsführer", "managing director"),
    ("Geschäftsführerin", "managing director"), ("Gründer", "founder"), ("Mitgründerin", "founder"),
    ("Sprecherin", "spokesperson"), ("Konzernsprecher", "spokesperson"), ("Aufsichtsratschef", "chairman"),
    ("Verwaltungsratspräsident", "chairman"), ("Finanzchef", "CFO"), ("Finanzvorständin", "CFO"),
    ("Technikchef", "CTO"), ("Präsident", "president"), ("Präsidenten", "president"),
    ("Managerin", "manager"), ("Analyst", "analyst"), ("Direktor", "board member"),
    ("Vorstand", "board member"), ("Eigentümer", "owner"), ("Mehrheitseigner", "owner"),
    ("Besitzerin", "owner"), ("Projektchef", "head"), ("Projektchefin", "head"), ("Nordwerk-Chef", "CEO"),
    ("Chefs", "CEO"), ("Konzernsprecherin", "spokesperson"),
    ("chef", None), ("Chefsache", None),
])
def test_german_role_words(word, role):
    hit = RoleLexicon(load_role_data(), "de").word_role(word)
    assert (hit[0] if hit else None) == role


@pytest.mark.parametrize("phrase,role", [
    ("chief executive", "CEO"), ("Chief Executive Officer", "CEO"), ("CEO", "CEO"),
    ("co-founder", "founder"), ("spokesperson", "spokesperson"), ("chairman", "chairman"),
    ("chief financial officer", "CFO"), ("CTO", "CTO"), ("president", "president"),
    ("managing director", "managing director"), ("owner", "owner"), ("analyst", "analyst"),
    ("director", "board member"),
])
def test_english_role_phrases(phrase, role):
    from koop.pipeline.people import TOKEN

    toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(phrase)]
    hit = RoleLexicon(load_role_data(), "en").match_start(toks, 0)
    assert hit is not None and hit[0] == len(toks) and hit[1] == role


def test_english_lexicon_has_no_german_words():
    assert RoleLexicon(load_role_data(), "en").word_role("Chef") is None


def test_multiword_german_role(annotate, people):
    text = "Der Vorsitzende des Aufsichtsrats Paul Grant trat zurück."
    assert summary(people(annotate(text, "de", [], ["Paul Grant"]))) == [
        ("Paul Grant", "chairman", None, "Vorsitzende des Aufsichtsrats")]


def test_no_mentions_no_people(segment, people):
    assert people(segment(Article(id="t", text="Kein Mensch weit und breit.", lang="de"))).people == []


@pytest.mark.parametrize("lang,text,pers,expected", [
    ("de", "Das sagte Karl van der Berg. Später widersprach De Berg nicht.",
     ["Karl van der Berg", "De Berg"], ["Karl van der Berg"]),
    ("en", "This was said by Karl van der Berg. Later, De Berg did not object.",
     ["Karl van der Berg", "De Berg"], ["Karl van der Berg"]),
])
def test_surname_with_particle_merges(annotate, people, lang, text, pers, expected):
    a = people(annotate(text, lang, [], pers))
    assert [p.name for p in a.people] == expected


@pytest.mark.parametrize("lang,text,mention,name", [
    ("de", "Das kritisierte Jana Hoff vom Verband.", "Jana Hoff vom Verband", "Jana Hoff"),
    ("en", "This was criticised by Jana Hoff of the union.", "Jana Hoff of the union", "Jana Hoff"),
    ("de", "Er sprach zur Lage der Nation.", "Lage der Nation", None),
    ("de", "Das sagte Anna Van der Berg heute.", "Anna Van der Berg", "Anna Van der Berg"),
])
def test_mention_running_past_the_name_is_cut(annotate, people, lang, text, mention, name):
    a = people(annotate(text, lang, [], [mention]))
    assert [p.name for p in a.people] == ([name] if name else [])


@pytest.mark.parametrize("lang,text", [
    ("de", "Das kritisierte Jana Hoff von Kessler am Montag."),
    ("en", "This was criticised by Jana Hoff of Kessler on Monday."),
])
def test_org_without_role(annotate, people, lang, text):
    assert summary(people(annotate(text, lang, ["Kessler"], ["Jana Hoff"]))) == [
        ("Jana Hoff", None, "Kessler", None)]


@pytest.mark.parametrize("lang,text", [
    ("de", "Jana Hoff von Kessler kam. Später sagte Kessler-Chefin Hoff, es gehe voran."),
    ("en", "Jana Hoff of Kessler came. Later, Kessler CEO Hoff said things go well."),
])
def test_role_and_org_beat_org_alone(annotate, people, lang, text):
    assert [(p.name, p.role, p.org) for p in people(annotate(text, lang, ["Kessler"],
                                                           ["Jana Hoff", "Hoff"])).people] == [
        ("Jana Hoff", "CEO", "Kessler")]


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "Auroras Vorstandschef, Paul Grant, rechnet mit Wachstum.", ("CEO", "Aurora")),
    ("en", "Aurora's chief executive, Paul Grant, expects growth.", ("CEO", "Aurora")),
    ("de", "Paul Grant (56), Chef von Aurora, rechnet mit Wachstum.", ("CEO", "Aurora")),
    ("en", "Paul Grant, 56, chief executive of Aurora, expects growth.", ("CEO", "Aurora")),
    ("de", "Dabei waren der Chef, Paul Grant und andere.", (None, None)),
])
def test_appositions_with_commas(annotate, people, lang, text, expected):
    a = people(annotate(text, lang, ["Aurora"], ["Paul Grant"]))
    assert (a.people[0].role, a.people[0].org) == expected
