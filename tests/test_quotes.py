"""koop.quotes.v1 on hand-built articles: segmented text plus hand-placed mentions."""
from __future__ import annotations


import pytest

from koop.article import Article
from koop.pipeline.people import make_people
from koop.pipeline.quotes import make_quotes
from koop.registry import get_stage


@pytest.fixture(scope="module")
def quotes():
    """The people stage, then the quotes stage (which reads the people's clusters)."""
    people, find_quotes = make_people(), make_quotes()
    return lambda a: find_quotes(people(a))


def found(a: Article) -> list[tuple[str | None, str]]:
    for q in a.quotes:  # offsets point at the text inside the marks
        assert a.text[q.start:q.end] == q.text
    return [(q.speaker, q.text) for q in a.quotes]


def test_stage_is_registered():
    f = get_stage("koop.quotes.v1")
    assert f.requires == ("mentions", "person_clusters") and f.assigns == ("quotes",)


ORGS = ["Nordwerk"]
PERS = ["Thomas Brandl", "Brandl", "Petra Lang", "Lang"]

# (lang, text, expected [(speaker, quote text)])
CASES = {
    "attribution_after": [
        ("de", "„Wir wollen in Asien deutlich wachsen“, sagte Nordwerk-Chef Thomas Brandl am Montag.",
         [("Thomas Brandl", "Wir wollen in Asien deutlich wachsen")]),
        ("en", "“We want to grow strongly in Asia,” said Nordwerk CEO Thomas Brandl on Monday.",
         [("Thomas Brandl", "We want to grow strongly in Asia")]),
    ],
    "speaker_before_verb": [
        ("de", "„Das Geschäft läuft gut“, Thomas Brandl sagte das ohne Zögern.",
         [("Thomas Brandl", "Das Geschäft läuft gut")]),
        ("en", '"Business is going well," Thomas Brandl said.',
         [("Thomas Brandl", "Business is going well")]),
    ],
    "missing_opening_mark": [
        ("de", "Nordwerk sucht Partner.\n\nWir wollen in Asien deutlich wachsen, das ist unser Ziel“, "
               "sagte Thomas Brandl.",
         [("Thomas Brandl", "Wir wollen in Asien deutlich wachsen, das ist unser Ziel")]),
        ("en", "Nordwerk is looking for partners.\n\nWe want to grow strongly in Asia, that is our goal,” "
               "said Thomas Brandl.",
         [("Thomas Brandl", "We want to grow strongly in Asia, that is our goal")]),
    ],
    "pronoun_and_surname": [
        ("de", "Nordwerk-Eigentümerin Petra Lang sprach in Graz. „Wir bleiben unabhängig und unabhängig "
               "bleiben wir“, sagte sie. Andere seien anderer Meinung, so Lang.",
         [("Petra Lang", "Wir bleiben unabhängig und unabhängig bleiben wir")]),
        ("en", "Nordwerk owner Petra Lang spoke in Graz. “We will stay independent for a long time,” she "
               "said. Others disagree, Lang added.",
         [("Petra Lang", "We will stay independent for a long time")]),
    ],
    "surname_resolves_to_full_name": [
        ("de", "Thomas Brandl leitet Nordwerk. „Der Markt wird sich erholen“, so Brandl.",
         [("Thomas Brandl", "Der Markt wird sich erholen")]),
        ("en", "Thomas Brandl runs Nordwerk. “The market will recover,” according to Brandl.",
         [("Thomas Brandl", "The market will recover")]),
    ],
    "speaker_before_colon": [
        ("de", "Thomas Brandl sagte weiter und warnte die Konkurrenz: „Wir kommen mit neuen Produkten.“",
         [("Thomas Brandl", "Wir kommen mit neuen Produkten.")]),
        ("en", "Thomas Brandl went on and warned rivals: “We are coming with new products.”",
         [("Thomas Brandl", "We are coming with new products.")]),
    ],
    "quote_over_several_sentences": [
        ("de", "„Es gibt überall Chancen. Wir sind offen. Und wir reden.“, sagte Thomas Brandl.",
         [("Thomas Brandl", "Es gibt überall Chancen. Wir sind offen. Und wir reden.")]),
        ("en", "“There are chances everywhere. We are open. And we talk,” said Thomas Brandl.",
         [("Thomas Brandl", "There are chances everywhere. We are open. And we talk")]),
    ],
    "continuation_keeps_speaker": [
        ("de", "„Wir wollen in Asien wachsen“, sagte Thomas Brandl. „Es gibt dort viele Kunden für uns.“\n"
               "„Und die Konkurrenz schläft nicht.“",
         [("Thomas Brandl", "Wir wollen in Asien wachsen"),
          ("Thomas Brandl", "Es gibt dort viele Kunden für uns."),
          ("Thomas Brandl", "Und die Konkurrenz schläft nicht.")]),
        ("en", "“We want to grow in Asia,” said Thomas Brandl. “There are many customers for us.”\n"
               "“And our rivals are not asleep.”",
         [("Thomas Brandl", "We want to grow in Asia"),
          ("Thomas Brandl", "There are many customers for us."),
          ("Thomas Brandl", "And our rivals are not asleep.")]),
    ],
    "no_continuation_after_someone_else": [
        ("de", "„Wir wollen in Asien wachsen“, sagte Thomas Brandl. Petra Lang widersprach.\n"
               "„Das wird nicht funktionieren.“",
         [("Thomas Brandl", "Wir wollen in Asien wachsen"), (None, "Das wird nicht funktionieren.")]),
        ("en", "“We want to grow in Asia,” said Thomas Brandl. Petra Lang disagreed.\n"
               "“That will not work at all.”",
         [("Thomas Brandl", "We want to grow in Asia"), (None, "That will not work at all.")]),
    ],
    "titles_and_short_quotes_are_not_quotes": [
        ("de", "Thomas Brandl sagte dem Magazin ‘Nordblick‘ und der Zeitung „Der Neue Tag“, "
               "Roboter seien „die Lösung“.",
         []),
        ("en", "Thomas Brandl told the magazine ‘Nordblick’ and the paper “The New Day” that robots "
               "are “the future.”",
         []),
    ],
    "fragment_with_speaker": [
        ("de", "Thomas Brandl nannte den Plan „einen großen Schritt nach vorn“.",
         [("Thomas Brandl", "einen großen Schritt nach vorn")]),
        ("en", "Thomas Brandl called the plan “a big step forward” for Nordwerk.",
         [("Thomas Brandl", "a big step forward")]),
    ],
    "fragment_without_speaker_is_dropped": [
        ("de", "Die Partner wollen „neue Möglichkeiten für Kunden eröffnen“, heißt es.",
         []),
        ("en", "The partners want to “open new options for customers” in Europe.",
         []),
    ],
    "unattributed_direct_quote_is_kept": [
        ("de", "Nordwerk teilte mit: „Wir prüfen alle Optionen.“",
         [(None, "Wir prüfen alle Optionen.")]),
        ("en", "Nordwerk said in a statement: “We are reviewing all options.”",
         [(None, "We are reviewing all options.")]),
    ],
    "role_noun_speaker": [
        ("de", "Nordwerk-Chef Thomas Brandl war in Wien. „Wir wachsen weiter stark“, sagte der Nordwerk-Chef.",
         [("Thomas Brandl", "Wir wachsen weiter stark")]),
        ("en", "Nordwerk CEO Thomas Brandl was in Vienna. “We keep growing strongly,” the CEO said.",
         [("Thomas Brandl", "We keep growing strongly")]),
    ],
    "apostrophes_inside": [
        ("de", "„Das ist’s, was wir wollen“, sagte Thomas Brandl.",
         [("Thomas Brandl", "Das ist’s, was wir wollen")]),
        ("en", "“It’s a good deal for Nordwerk’s customers,” said Thomas Brandl.",
         [("Thomas Brandl", "It’s a good deal for Nordwerk’s customers")]),
    ],
}


@pytest.mark.parametrize(
    "lang,text,expected",
    [pytest.param(*case, id=f"{name}-{case[0]}") for name, cases in CASES.items() for case in cases])
def test_quotes(annotate, quotes, lang, text, expected):
    assert found(quotes(annotate(text, lang, ORGS, PERS))) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "»Wir bauen ein neues Werk«, sagte Thomas Brandl. «Es kostet viel Geld», sagte Petra Lang.",
     [("Thomas Brandl", "Wir bauen ein neues Werk"), ("Petra Lang", "Es kostet viel Geld")]),
    ("de", "„Wir bauen ein neues Werk”, sagte Thomas Brandl. ‚Es kostet sehr viel Geld‘, sagte Petra Lang.",
     [("Thomas Brandl", "Wir bauen ein neues Werk"), ("Petra Lang", "Es kostet sehr viel Geld")]),
    ("en", '"We are building a new plant," Thomas Brandl said. "It costs a lot," said Petra Lang.',
     [("Thomas Brandl", "We are building a new plant"), ("Petra Lang", "It costs a lot")]),
    ("en", "‘We are building a new plant,’ Thomas Brandl said.",
     [("Thomas Brandl", "We are building a new plant")]),
])
def test_quotation_mark_styles(annotate, quotes, lang, text, expected):
    assert found(quotes(annotate(text, lang, ORGS, PERS))) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "„Wir haben ein gutes Jahr hinter uns. Die Zahlen zeigen das klar.\n"
           "„Und das nächste Jahr wird noch besser“, sagte Thomas Brandl.",
     [("Thomas Brandl", "Wir haben ein gutes Jahr hinter uns. Die Zahlen zeigen das klar."),
      ("Thomas Brandl", "Und das nächste Jahr wird noch besser")]),
    ("en", '"We had a good year. The numbers show it clearly.\n'
           '"And next year will be even better," Thomas Brandl said.',
     [("Thomas Brandl", "We had a good year. The numbers show it clearly."),
      ("Thomas Brandl", "And next year will be even better")]),
])
def test_quote_running_over_paragraphs(annotate, quotes, lang, text, expected):
    assert found(quotes(annotate(text, lang, ORGS, PERS))) == expected


@pytest.mark.parametrize("lang,text", [
    ("de", "Der Satz „Wir bauen aus“ hat kein Ende. Nordwerk „wächst und wächst und wächst."),
    ("en", 'The phrase "We expand" is short. Nordwerk "grows and grows and grows.'),
])
def test_unmatched_marks_do_not_swallow_text(annotate, quotes, lang, text):
    assert found(quotes(annotate(text, lang, ORGS, PERS))) == []


def test_speaker_comes_from_people_when_the_stage_ran_before(annotate, quotes):
    text = "Nordwerk-Chef Thomas Brandl kam. „Wir wachsen in Asien stark“, sagte Brandl."
    a = make_people()(annotate(text, "de", ORGS, PERS))
    assert found(quotes(a)) == [("Thomas Brandl", "Wir wachsen in Asien stark")]


def test_min_words_is_configurable(annotate):
    text = "„Wir wachsen“, sagte Thomas Brandl. „Wir wachsen weiter stark“, sagte Petra Lang."
    a = annotate(text, "de", ORGS, PERS)
    assert [q.text for q in make_quotes(min_words=2)(a).quotes] == ["Wir wachsen", "Wir wachsen weiter stark"]
    assert [q.text for q in get_stage("koop.quotes.v1").make(min_words=4)(a).quotes] == [
        "Wir wachsen weiter stark"]


def test_no_marks_no_quotes(segment, quotes):
    a = segment(Article(id="t", text="Nordwerk wächst. Niemand sagt etwas.", lang="de"))
    assert quotes(a).quotes == []


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "Thomas Brandl nannte keine Details. Im Gespräch mit Konkurrentin Petra Lang habe er ein "
           "Angebot gemacht.\n„Ich habe Lang gesagt, dass wir mehr zahlen“, sagte er.",
     [("Thomas Brandl", "Ich habe Lang gesagt, dass wir mehr zahlen")]),
    ("en", "Thomas Brandl gave no details. In his talks with rival chief Petra Lang, he said, he made "
           "an offer.\n“I told Lang that we would pay more,” he said.",
     [("Thomas Brandl", "I told Lang that we would pay more")]),
])
def test_pronoun_prefers_the_last_subject_or_speaker(annotate, quotes, lang, text, expected):
    assert found(quotes(annotate(text, lang, ORGS, PERS))) == expected


@pytest.mark.parametrize("lang,text", [
    ("de", "„Verein für schnelle Roboter und Maschinen“, eine Initiative von Nordwerk, lädt ein."),
    ("en", "“Society for fast robots and machines,” an initiative of Nordwerk, invites guests."),
])
def test_quoted_name_in_apposition_is_no_quote(annotate, quotes, lang, text):
    assert found(quotes(annotate(text, lang, ORGS, PERS))) == []


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "„Wir prüfen alle Optionen für das Werk“, hieß es aus dem Unternehmen.",
     [(None, "Wir prüfen alle Optionen für das Werk")]),
    ("en", "“We are reviewing all options for the plant,” one banker said.",
     [(None, "We are reviewing all options for the plant")]),
])
def test_attributed_to_no_named_person(annotate, quotes, lang, text, expected):
    assert found(quotes(annotate(text, lang, ORGS, PERS))) == expected


def test_people_are_analysed_once_per_article(monkeypatch):
    """The quotes stage reads the people stage's clusters from the Article instead of
    grouping the PER mentions again (issue 16)."""
    from koop.pipeline.people.finder import PeopleFinder
    from koop.pipeline.runner import Pipeline

    calls = []
    analyze = PeopleFinder.analyze
    monkeypatch.setattr(PeopleFinder, "analyze", lambda self, a: calls.append(a.id) or analyze(self, a))
    text = "Nordwerk-Chef Thomas Brandl kam. „Wir wachsen in Asien sehr stark“, sagte Brandl."
    a = Pipeline()(Article(id="once", text=text, lang="de"))
    assert calls == ["once"]
    assert [(c.name, c.role, len(c.spans)) for c in a.person_clusters] == [("Thomas Brandl", "head", 2)]
    assert [(q.speaker, q.text) for q in a.quotes] == [("Thomas Brandl", "Wir wachsen in Asien sehr stark")]


def test_speech_verbs_have_one_home():
    """The entity stage's verbs before a name are quote cues of the same data file."""
    from koop.pipeline import lexicon
    from koop.pipeline.quotes import load_quote_cues

    cues = load_quote_cues()
    for lang in ("de", "en"):
        assert set(cues["verbs_before_a_name"][lang]) <= set(cues["verbs"][lang])
    assert lexicon.SPEECH_VERBS == {v for lang in ("de", "en") for v in cues["verbs_before_a_name"][lang]}
    assert {"sagte", "said"} <= lexicon.SPEECH_VERBS
