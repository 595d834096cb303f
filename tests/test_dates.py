"""koop.dates.v1: article date and date mentions, German and English.

Articles go through the real pipeline (language -> segment -> dates); the
example texts are made up for these tests.
"""
from __future__ import annotations


import pytest

from koop.article import Article
from koop.pipeline.dates import find_article_date, normalize_date, resolve_relative
from koop.pipeline.runner import Pipeline
from koop.registry import get_stage


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(["koop.language.v1", "koop.segment.v1", "koop.dates.v1"])


def run(pipe, text, lang, date=None):
    return pipe(Article(id="t", text=text, lang=lang, date=date))


def values(article):
    """{span text: value} of the article's date mentions."""
    return {d.text: d.value for d in article.dates}


# --------------------------------------------------------------------------
# registration
# --------------------------------------------------------------------------
def test_stage_is_registered_with_its_contract():
    factory = get_stage("koop.dates.v1")
    assert factory.requires == ("sentences", "tokens")
    assert set(factory.assigns) == {"dates", "date"}


# --------------------------------------------------------------------------
# mentions and their values (article date given)
# --------------------------------------------------------------------------
DE_REF = "2016-07-19"  # a Tuesday
EN_REF = "1987-03-19"  # a Thursday


@pytest.mark.parametrize("text, span, value", [
    ("Die Messe beginnt am 19. Juli 2016 in Köln.", "19. Juli 2016", "2016-07-19"),
    ("Der Vertrag gilt ab dem 03.08.2015.", "03.08.2015", "2015-08-03"),
    ("Das Werk wurde am 1.4.1998 eröffnet.", "1.4.1998", "1998-04-01"),
    ("Die Meldung kam am 23.02.16 heraus.", "23.02.16", "2016-02-23"),
    ("Die Frist endet am 2016-09-30.", "2016-09-30", "2016-09-30"),
    ("Die Partnerschaft besteht bereits seit August 2000.", "August 2000", "2000-08"),
    ("Im Jänner 2015 fiel der Entschluss.", "Jänner 2015", "2015-01"),
    ("Am 3. Feber 2014 wurde unterschrieben.", "3. Feber 2014", "2014-02-03"),
    ("Die Zahlen kamen im Dez. 2015.", "Dez. 2015", "2015-12"),
    ("Im August stellen beide Firmen aus.", "August", "2016-08"),
    ("Bis Ende März soll alles fertig sein.", "Ende März", "2016-03"),
    ("Die Allianz wurde 2018 gegründet.", "2018", "2018"),
    ("Der Hersteller existiert seit 1963.", "1963", "1963"),
    ("Anfang 2017 startet der Verkauf.", "Anfang 2017", "2017"),
    ("Im Sommer 2015 begannen die Gespräche.", "Sommer 2015", "2015"),
    ("Im ersten Quartal 2016 stieg der Umsatz.", "ersten Quartal 2016", "2016"),
    ("Seit einigen Monaten arbeiten beide zusammen.", "Seit einigen Monaten", "2016"),
    ("Vor zwei Jahren begann die Kooperation.", "Vor zwei Jahren", "2014"),
    ("Die Firma entstand vor rund 40 Jahren.", "vor rund 40 Jahren", "1976"),
    ("Vor drei Monaten kam das erste Modell.", "Vor drei Monaten", "2016-04"),
    ("Im vergangenen Jahr wuchs der Umsatz.", "vergangenen Jahr", "2015"),
    ("Letztes Jahr lief es schlecht.", "Letztes Jahr", "2015"),
    ("Im Vorjahr war der Gewinn höher.", "Vorjahr", "2015"),
    ("Dieses Jahr soll es besser werden.", "Dieses Jahr", "2016"),
    ("Heuer rechnet der Konzern mit Gewinn.", "Heuer", "2016"),
    ("Im kommenden Jahr folgt ein Nachfolger.", "kommenden Jahr", "2017"),
    ("Ende des Jahres soll das Gerät erscheinen.", "Ende des Jahres", "2016"),
    ("Das Projekt startete Ende vergangenen Jahres.", "Ende vergangenen Jahres", "2015"),
    ("Im April dieses Jahres kam die Ankündigung.", "April dieses Jahres", "2016-04"),
    ("Im August letzten Jahres kam die Ankündigung.", "August letzten Jahres", "2015-08"),
    ("Vergangene Woche wurde verhandelt.", "Vergangene Woche", "2016-07"),
    ("Am Montag wurde der Vertrag unterzeichnet.", "Montag", "2016-07-18"),
    ("Am Dienstag wurde der Vertrag unterzeichnet.", "Dienstag", "2016-07-19"),
    ("Letzten Freitag wurde verhandelt.", "Letzten Freitag", "2016-07-15"),
    ("Am kommenden Montag wird verhandelt.", "kommenden Montag", "2016-07-25"),
    ("Am Sonntagabend kam die Nachricht.", "Sonntagabend", "2016-07-17"),
    ("Die Entscheidung fiel am Donnerstag, 14. Juli.", "Donnerstag, 14. Juli", "2016-07-14"),
    ("Heute stellt Leica das Modell vor.", "Heute", "2016-07-19"),
    ("Das Treffen fand gestern statt.", "gestern", "2016-07-18"),
    ("Die Antwort kommt morgen.", "morgen", "2016-07-20"),
    ("Die Sitzung ist am 25.7. geplant.", "25.7.", "2016-07-25"),
    ("Im Dezember kam die Meldung.", "Dezember", "2016-12"),
])
def test_german_mentions(pipe, text, span, value):
    a = run(pipe, text, "de", DE_REF)
    assert values(a).get(span, "missing") == value, values(a)


@pytest.mark.parametrize("text, span, value", [
    ("The plant opened on July 19, 2016 in Texas.", "July 19, 2016", "2016-07-19"),
    ("The deal closed on 19 July 2016.", "19 July 2016", "2016-07-19"),
    ("Shares began trading Sept. 3, 1986.", "Sept. 3, 1986", "1986-09-03"),
    ("The notes mature on 7/19/1989.", "7/19/1989", "1989-07-19"),
    ("The venture was set up in August 1984.", "August 1984", "1984-08"),
    ("It signed the accord in December, 1986.", "December, 1986", "1986-12"),
    ("The venture, formed in 1963, makes tractors.", "1963", "1963"),
    ("They have worked together since 1975.", "1975", "1975"),
    ("The company will go to court on March 27.", "March 27", "1987-03-27"),
    ("Exports rose in February.", "February", "1987-02"),
    ("The January figures were revised.", "January", "1987-01"),
    ("The firm was bought in August last year.", "August last year", "1986-08"),
    ("Output fell last year.", "last year", "1986"),
    ("Profit should rise this year.", "this year", "1987"),
    ("Sales picked up earlier this year.", "earlier this year", "1987"),
    ("The plant is due in late 1989.", "late 1989", "1989"),
    ("Debt stood at 19 billion dlrs at end-1986.", "end-1986", "1986"),
    ("The merger may close by mid-1987.", "mid-1987", "1987"),
    ("Trading was halted in the third quarter of 1986.", "third quarter of 1986", "1986"),
    ("Two years ago the talks collapsed.", "Two years ago", "1985"),
    ("The accord was signed three months ago.", "three months ago", "1986-12"),
    ("Growth has slowed over the past four years.", "past four years", "1983"),
    ("Prices rose last month.", "last month", "1987-02"),
    ("The decision was made Monday.", "Monday", "1987-03-16"),
    ("The board met on Thursday.", "Thursday", "1987-03-19"),
    ("Talks resume next Tuesday.", "next Tuesday", "1987-03-24"),
    ("The group said today it would expand.", "today", "1987-03-19"),
    ("The minister said yesterday that talks failed.", "yesterday", "1987-03-18"),
    ("Another poll is due tomorrow.", "tomorrow", "1987-03-20"),
])
def test_english_mentions(pipe, text, span, value):
    a = run(pipe, text, "en", EN_REF)
    assert values(a).get(span, "missing") == value, values(a)


# --------------------------------------------------------------------------
# things that are not dates
# --------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text", [
    ("de", "Der Konzern beschäftigt 2018 Mitarbeiter."),
    ("de", "Die Anlage kostet rund 2000 Euro."),
    ("de", "Der Betrag liegt bei 1.950 Euro."),
    ("de", "Das Treffen beginnt um 15:08 Uhr und endet um 17.25 Uhr."),
    ("de", "Betroffen sind die Versionen 4.3.0 bis 4.3.16."),
    ("de", "Der IC 2083 fällt aus."),
    ("de", "Der Sieger heißt 1. Jan Hansen."),
    ("de", "August Horch gründete die Firma."),
    ("de", "Die Mai-Mai-Milizen zogen ab."),
    ("de", "Das ist die Technik von morgen."),
    ("de", "Die Montage dauert lange."),
    ("de", "Vor einiger Zeit gab es Gespräche, vor Kurzem auch."),
    ("de", "Mitte der 1990er Jahre war das anders."),
    ("en", "The company employs 1990 workers."),
    ("en", "It sold 2000 tonnes of nickel and 1950 mln dlrs of bonds."),
    ("en", "Revenue was 1,987 dlrs per share."),
    ("en", "Shares may rise, and workers march in protest."),
    ("en", "The plant was built in the 1990s and the 1980's."),
    ("en", "April Smith chairs the board."),
])
def test_not_dates(pipe, lang, text):
    a = run(pipe, text, lang, "2016-07-19")
    assert a.dates == [], values(a)


# --------------------------------------------------------------------------
# spans, sentences, order
# --------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text", [
    ("de", "Leica und Panasonic arbeiten seit August 2000 zusammen.\n\n"
           "Schließlich haben beide 2018 eine Allianz gegründet. "
           "Vor zwei Jahren kam Sigma dazu."),
    ("en", "The two firms formed a venture in 1963.\n"
           "Talks began in August last year. They were broken off on Monday, a spokesman said."),
])
def test_spans_are_exact_and_sentences_right(pipe, lang, text):
    a = run(pipe, text, lang, "2016-07-19")
    assert len(a.dates) == 3
    starts = [d.start for d in a.dates]
    assert starts == sorted(starts)
    for d in a.dates:
        assert d.text == a.text[d.start:d.end]
        assert d.sent == a.sentence_at(d.start)
        s = a.sentences[d.sent]
        assert s.start <= d.start and d.end <= s.end
    assert [d.sent for d in a.dates] == [0, 1, 2]


@pytest.mark.parametrize("lang, text, span", [
    ("de", "Die Firma besteht seit 1963.", "1963"),
    ("de", "Das Projekt läuft seit Anfang 2017.", "Anfang 2017"),
    ("en", "The venture was formed in 1963.", "1963"),
    ("en", "Sales have risen since March 1986.", "March 1986"),
])
def test_preposition_is_not_part_of_the_span(pipe, lang, text, span):
    a = run(pipe, text, lang, "2016-07-19")
    assert [d.text for d in a.dates] == [span]


# --------------------------------------------------------------------------
# the article date
# --------------------------------------------------------------------------
@pytest.mark.parametrize("given, expected", [
    ("2016-07-19", "2016-07-19"),
    ("2016-05-14T23:06:43Z", "2016-05-14"),
    ("2016-05-14 08:00:00+02:00", "2016-05-14"),
    ("19.07.2016", "2016-07-19"),
])
def test_given_article_date_is_kept_as_iso_day(pipe, given, expected):
    a = run(pipe, "Leica und Huawei arbeiten zusammen. Vor zwei Jahren begann es.", "de", given)
    assert a.date == expected
    assert values(a)["Vor zwei Jahren"] == str(int(expected[:4]) - 2)


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Vorabmeldung\n\nBerlin, 19. Juli 2016 – Der Kamerahersteller sucht Partner. "
           "Vor zwei Jahren begann die Zusammenarbeit.", "2016-07-19"),
    ("de", "Stand: 02.03.2015\nDie Firmen verhandeln seit einigen Monaten.", "2015-03-02"),
    ("de", "Die Firmen arbeiten zusammen. Im vergangenen Jahr stieg der Umsatz. "
           "(Anna Beispiel, 4.9.2015)", "2015-09-04"),
    ("en", "NEW YORK, July 19, 2016 - The two companies agreed to cooperate.", "2016-07-19"),
    ("en", "March 3, 1987\nThe group formed a venture last year.", "1987-03-03"),
    ("en", "Published: 2016-07-19\nThe companies formed a venture.", "2016-07-19"),
])
def test_article_date_found_in_text(pipe, lang, text, expected):
    a = run(pipe, text, lang, None)
    assert a.date == expected
    assert find_article_date(text, lang) == expected


def test_relative_values_resolve_against_found_article_date(pipe):
    a = run(pipe, "Berlin, 19. Juli 2016 – Vor zwei Jahren begann die Kooperation. "
                  "Am Montag wurde verlängert.", "de", None)
    assert a.date == "2016-07-19"
    assert values(a)["Vor zwei Jahren"] == "2014"
    assert values(a)["Montag"] == "2016-07-18"


@pytest.mark.parametrize("lang, text", [
    ("de", "Die Firma wurde am 3. März 1987 in Wetzlar gegründet und wuchs rasch."),
    ("de", "Leica und Panasonic arbeiten jetzt als Allianz zusammen."),
    ("en", "The company was founded on March 3, 1987 in Ohio."),
    ("en", "The venture was formed in August 1984."),  # no day: not a publication date
])
def test_no_article_date_when_text_has_none(pipe, lang, text):
    assert run(pipe, text, lang, None).date is None


@pytest.mark.parametrize("lang, text, absolute, relative", [
    ("de", "Die Kooperation besteht seit August 2000. Vor zwei Jahren kam ein Modell. "
           "Am Montag und im vergangenen Jahr gab es Gespräche.",
     {"August 2000": "2000-08"}, ["Vor zwei Jahren", "Montag", "vergangenen Jahr"]),
    ("en", "The venture was formed in 1963. Two years ago it grew. Talks began last year "
           "and resumed on Monday.",
     {"1963": "1963"}, ["Two years ago", "last year", "Monday"]),
])
def test_without_article_date_relative_values_are_none(pipe, lang, text, absolute, relative):
    a = run(pipe, text, lang, None)
    assert a.date is None
    v = values(a)
    for span, value in absolute.items():
        assert v[span] == value
    for span in relative:
        assert span in v and v[span] is None


# --------------------------------------------------------------------------
# public helpers
# --------------------------------------------------------------------------
@pytest.mark.parametrize("expr, lang, ref, expected", [
    ("seit einigen Monaten", "de", "2016-07-19", "2016"),
    ("vor zwei Jahren", "de", "2016-07-19", "2014"),
    ("im vergangenen Jahr", "de", "2016-07-19", "2015"),
    ("im August", "de", "2016-07-19", "2016-08"),
    ("im August 2000", "de", None, "2000-08"),
    ("vor zwei Jahren", "de", None, None),
    ("last year", "en", "1987-03-19", "1986"),
    ("August last year", "en", "1987-03-19", "1986-08"),
    ("on March 27", "en", "1987-03-19", "1987-03-27"),
    ("on Monday", "en", "1987-03-19", "1987-03-16"),
    ("on Monday", "en", None, None),
    ("nothing here", "en", "1987-03-19", None),
])
def test_resolve_relative(expr, lang, ref, expected):
    assert resolve_relative(expr, lang, ref) == expected


@pytest.mark.parametrize("value, expected", [
    ("2016-07-19T10:00:00Z", "2016-07-19"),
    ("19. Juli 2016", "2016-07-19"),
    (None, None),
    ("kein Datum", None),
])
def test_normalize_date(value, expected):
    assert normalize_date(value, "de") == expected


