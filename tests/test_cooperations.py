"""Cooperations (koop.cooperations.v1) on short sentences, German and English."""
import pytest

import koop

DATE = "2023-05-01"


def coops(text, lang):
    article = koop.extract(text, date=DATE, lang=lang)
    for c in article.cooperations:
        assert c.evidence and len(c.evidence) == len(c.evidence_spans)
        for ev, (s, e) in zip(c.evidence, c.evidence_spans):
            assert article.text[s:e] == ev
        assert 0.0 <= c.confidence <= 1.0
        assert len(set(c.party_ids)) == len(c.parties) >= 2
    return {frozenset(c.party_ids): c for c in article.cooperations}


@pytest.mark.parametrize("lang,text,parties,status,since", [
    ("de", "Siemens und Bosch haben am Dienstag ein Gemeinschaftsunternehmen gegründet.",
     {"siemens", "bosch"}, {"announced"}, None),
    ("en", "BMW and Toyota announced a joint venture for fuel cells on Tuesday.",
     {"bmw", "toyota"}, {"announced"}, None),
    ("de", "Die Gespräche zwischen Daimler und Renault über eine Kooperation sind gescheitert.",
     {"mercedes-benz-group", "renault"}, {"failed"}, None),
    ("en", "Talks between Nokia and Ericsson about a partnership collapsed on Monday.",
     {"nokia", "ericsson"}, {"failed"}, None),
    ("de", "Panasonic, Sigma und Leica gründeten 2018 die L-Mount Alliance.",
     {"panasonic", "sigma-corporation", "leica-camera"}, {"announced", "active"}, "2018"),
    ("en", "Intel, Microsoft and IBM formed an alliance in 2019.",
     {"intel", "microsoft", "ibm"}, {"announced", "active"}, "2019"),
    ("de", "Seit 2015 arbeiten Bosch und Daimler bei Sensoren zusammen.",
     {"bosch", "mercedes-benz-group"}, {"active"}, "2015"),
    ("en", "Microsoft and SAP have worked together since 2015.",
     {"microsoft", "sap"}, {"active"}, "2015"),
    ("de", "BASF und Siemens verhandeln über eine Zusammenarbeit bei Wasserstoff.",
     {"basf", "siemens"}, {"talks"}, None),
    ("en", "Volkswagen is in talks with Ford about a partnership on electric vans.",
     {"volkswagen", "ford"}, {"talks"}, None),
])
def test_cooperation(lang, text, parties, status, since):
    found = coops(text, lang)
    assert set(map(frozenset, [parties])) == set(found)
    coop = found[frozenset(parties)]
    assert coop.status in status
    assert coop.since == since


@pytest.mark.parametrize("lang,text", [
    ("de", "Siemens übernimmt den Konkurrenten Bosch für zwei Milliarden Euro."),
    ("en", "Microsoft acquired Activision Blizzard for 69 billion dollars."),
    ("de", "Siemens kooperiert künftig mit weiteren Elektronikherstellern."),
    ("en", "Microsoft said it would partner with other chipmakers."),
    ("de", "BASF verklagt Bayer wegen eines Patents."),
    ("en", "Siemens reported higher profits, while BMW cut its forecast."),
    ("en", "Lumentix Corp, set up in 1982, is owned 40 pct by Siemens."),
])
def test_not_a_cooperation(lang, text):
    assert coops(text, lang) == {}


@pytest.mark.parametrize("lang,text,parties,status", [
    ("de", "Leica und Huawei arbeiten seit 2016 zusammen. Die Kooperation wurde nun ausgebaut.",
     {"leica-camera", "huawei"}, "active"),
    ("en", "Nokia and Ericsson started talks in March. The talks have now failed.",
     {"nokia", "ericsson"}, "failed"),
    ("de", "Siemens und Bosch führen Gespräche über eine Kooperation. "
           "Diese Gespräche sind inzwischen gescheitert.",
     {"siemens", "bosch"}, "failed"),
    # a referring-back sentence that names a party in a compound ("Bosch-Chef") still updates
    ("de", "Zuvor hatte Bosch mit Siemens über eine Kooperation verhandelt. Diese Gespräche sind "
           "jedoch gescheitert, sagte Bosch-Chef Stefan Hartung.", {"bosch", "siemens"}, "failed"),
    # "die beiden Unternehmen" are the pair just named; the venture's own name is no party
    ("de", "Bosch und Siemens arbeiten seit 2001 zusammen. Jetzt bündeln die beiden Unternehmen "
           "ihre Entwicklung im Gemeinschaftsunternehmen „Nordlicht Mobility“.", {"bosch", "siemens"},
     "announced"),
    # no cooperation found before: the organizations of the preceding sentence
    ("de", "Im Vorfeld hieß es, Bosch wolle das Programm nutzen, während Siemens auf Asien hofft. "
           "Inzwischen liegt das Ergebnis dieser Kooperation vor.",
     {"bosch", "siemens"}, "active"),
    # a sentence about "the two companies" without a cooperation word reports the next stage
    ("de", "Der Chiphersteller Infineon will mit dem Autozulieferer Continental enger kooperieren. "
           "Eine entsprechende Absichtserklärung unterzeichneten die beiden Konzerne am Montag.",
     {"infineon", "continental"}, "announced"),
    ("en", "Scania and Renault are negotiating a partnership for trucks. "
           "The two companies failed to agree on the price, Scania said.",
     {"scania", "renault"}, "failed"),
])
def test_status_across_sentences(lang, text, parties, status):
    found = coops(text, lang)
    assert set(found) == {frozenset(parties)}
    assert found[frozenset(parties)].status == status


@pytest.mark.parametrize("text, name", [
    ("Siemens und Bosch gründen das Gemeinschaftsunternehmen „Nordlicht Mobility“.", "Nordlicht Mobility"),
    ('Toyota and Panasonic formed a joint venture called "Prime Cells" to make batteries.', "Prime Cells"),
])
def test_joint_name_is_reported(text, name):
    import koop

    coops = koop.extract(text).cooperations
    assert coops and coops[0].name == name


@pytest.mark.parametrize("lang,text,parties,status,since", [
    # "between X and Y" is the whole party list, whatever else the sentence names
    ("en", "Chips are sold by Intel, Samsung and a joint venture between Siemens and Philips.",
     {"siemens", "philips"}, {"active"}, None),
    ("en", "The consortium, a partnership of BASF and Bayer, will appeal the ruling.",
     {"basf", "bayer"}, {"active"}, None),
    ("en", "Deutsche Bank is to form a bank with Allianz in Shanghai, officials said.",
     {"deutsche-bank", "allianz"}, {"announced"}, None),
    # founded long before the article's date (2023): it exists, it is not news
    ("en", "Helix Energy, set up by Shell and BP in May 2019, lost money last year.",
     {"shell", "bp"}, {"active"}, "2019-05"),
    # Reuters style: tickers between coordinated names
    ("en", "Renault SA <RENA.PA>, Nissan Motor Co <NSAN.T> and Fiat SpA <FIA.MI> have signed an "
           "agreement to set up a joint venture.",
     {"renault", "nissan", "fiat"}, {"announced"}, None),
    # a headline: the subject joins the partners after "with"
    ("en", "SIEMENS IN JOINT VENTURE WITH BOSCH, PHILIPS", {"siemens", "bosch", "philips"},
     {"active", "announced"}, None),
    ("en", "He will speak at the meeting of the joint IMF-World Bank Development Committee.",
     {"imf", "world-bank"}, {"active"}, None),
    # partner of; "war lange" tells that it is over
    ("de", "BMW ist seit Jahren Partner des Zulieferers Bosch.", {"bmw", "bosch"}, {"active"}, None),
    ("de", "Die Rewe war lange Exklusivpartner von Nestlé.", {"rewe-group", "nestle"}, {"ended"}, None),
    ("en", "Nestle SA said it entered into an agreement with Coca-Cola Co to market ready-to-drink coffee.",
     {"nestle", "coca-cola"}, {"announced"}, None),
    ("en", "Toshiba Corp and Motorola Inc said they will jointly market memory chips in Japan.",
     {"toshiba", "motorola-solutions"}, {"announced"}, None),
    # Reuters marks names in angle brackets; the news frame of an unrelated lead does not apply
    ("en", "The investor group agreed to cancel a hearing.\nThe group, a partnership of BASF AG <BASF.F> "
           "and <Bayer AG>, was to go to court on March 27.", {"basf", "bayer"}, {"active"}, None),
    # an impersonal sentence about an exchange programme: the article's main organization
    ("de", "Die Fraunhofer-Gesellschaft eröffnet ein Zentrum. Fraunhofer will dort Daten analysieren. "
           "Am Zentrum von Fraunhofer arbeiten 40 Forscher. Gearbeitet wird auch an einem "
           "Austauschprogramm für Studenten mit der ETH Zürich.",
     {"fraunhofer-gesellschaft", "eth-zuerich"}, {"planned"}, None),
    # a proper noun coordinated with a known organization is an organization too
    ("de", "Siemens und Quarkly haben gemeinsam eine Studie zu Wasserstoff erstellt.",
     {"siemens", "x-quarkly"}, {"announced"}, None),
    # "Partnerschaft" is a strong trigger; descriptions inside a coordination keep it together
    ("de", "Der Optikkonzern Zeiss und der Maschinenbauer Trumpf haben eine Partnerschaft für "
           "Lasersysteme vereinbart.", {"zeiss", "trumpf"}, {"announced"}, None),
    ("de", "Der Optikkonzern Zeiss, der Maschinenbauer Trumpf und der Autobauer BMW haben eine Allianz "
           "für Lasersysteme gegründet.", {"zeiss", "trumpf", "bmw"}, {"announced"}, None),
    # an exclusion holds for its own clause only
    ("en", "Apple sued Samsung over patents, while Google partnered with HTC.",
     {"google", "htc"}, {"active", "announced"}, None),
    # a sentence opened by a pronoun continues the subject of the sentence before
    ("en", "Lumentix Corp, set up in 1982, is owned 40 pct by Siemens. It makes trucks in "
           "technological cooperation with Bosch.", {"x-lumentix", "bosch"}, {"active"}, None),
    # a sentence without a status cue takes the news frame of the lead
    ("de", "Siemens bringt seine Software künftig auch auf Windows-Geräte. Siemens-Managerin Anna Berg "
           "lobt die Partnerschaft mit Microsoft als Meilenstein.", {"siemens", "microsoft"}, {"announced"}, None),
    # a list of partners between dashes does not cut the clause from its cue
    ("de", "Mit der Gründung des Vereins haben die Kooperationspartner – die Universität Wien, die TU Graz "
           "und das Fraunhofer-Institut – nun das Projekt offiziell gestartet.",
     {"uni-wien", "tu-graz", "fraunhofer-gesellschaft"}, {"announced"}, None),
])
def test_party_structures(lang, text, parties, status, since):
    found = coops(text, lang)
    assert set(found) == {frozenset(parties)}
    coop = found[frozenset(parties)]
    assert coop.status in status
    assert coop.since == since


def test_rule_engine_reads_a_venture_after_a_stake():
    """The rule engine pairs a venture told after an acquisition ("bought a stake ... also set
    up a venture"). The shipped English pair model overrules it (probability 0.06: in the
    corpus a stake next to a venture is mostly no cooperation), a known error of the model
    this test keeps in view of the rule engine, whose verdict is one of the model's features."""
    text = ("<Siemens AG>, an engineering firm, said it bought a stake in <Lumentix Corp>.\nThe company also "
            "said it set up a venture with Lumentix to develop software.")
    article = koop.Pipeline(config={"koop.cooperations.v1": {"learned": False}})(
        koop.Article(id="t", text=text, date=DATE, lang="en"))
    assert {frozenset(c.party_ids): c.status for c in article.cooperations} == {
        frozenset({"siemens", "x-lumentix"}): "announced"}


@pytest.mark.parametrize("lang,text", [
    # a description in apposition is the named company, the partners are unnamed
    ("de", "Das Telefon kommt von Oppo. Die dahinter stehende Firma, Lumora Inc. betreibt einen Zweig "
           "in Zusammenarbeit mit verschiedenen Herstellern."),
    # media that only report are no parties
    ("de", "Das Bündnis gegen Armut erhält eine Bühne, bestätigte ein Sprecher der dpa einen Bericht "
           "der Süddeutschen Zeitung."),
    ("en", "In answers to questions put by Japan's Asahi Shimbun newspaper, he noted Treasury "
           "Secretary James Baker had said all nations were committed to cooperating."),
    # a joint statement is no working relationship
    ("de", "Grundlage ist ein gemeinsamer Forderungskatalog von Siemens, BASF und Bayer."),
])
def test_not_a_party(lang, text):
    assert coops(text, lang) == {}


@pytest.mark.parametrize("lang,text,parties,status", [
    ("de", "Die Sozialpartner streiten. Der ÖGB und die Arbeiterkammer kritisieren die Regierung, "
           "die WKO schweigt.", {"oegb", "arbeiterkammer", "wko"}, "active"),
    ("en", "Lufthansa reported higher profits. Its Star Alliance partner United Airlines cut flights.",
     {"lufthansa", "united-airlines"}, "active"),
])
def test_standing_alliance_with_named_members(lang, text, parties, status):
    found = coops(text, lang)
    assert frozenset(parties) in found
    assert found[frozenset(parties)].status == status


def test_standing_alliance_needs_two_named_members():
    assert coops("Die Sozialpartner streiten. Der ÖGB kritisiert die Regierung.", "de") == {}


@pytest.mark.parametrize("lang,text,names", [
    ("de", "Bayer und Monsanto wollen ihre Zusammenarbeit im Saatgutbereich vertiefen.", {"Bayer", "Monsanto"}),
])
def test_coordinated_names_of_one_kb_entry_are_two_parties(lang, text, names):
    """The KB files Monsanto under Bayer (bought 2018); an article that coordinates
    the two names speaks of two companies."""
    found = coops(text, lang)
    assert [set(c.parties) for c in found.values()] == [names]


def test_brand_in_coordination_still_resolves_to_its_owner():
    found = coops("Leica und Lumix arbeiten seit 2015 zusammen.", "de")
    assert set(found) == {frozenset({"leica-camera", "panasonic"})}


@pytest.mark.parametrize("lang,text,parties,status", [
    ("de", "Nach monatelangen Verhandlungen haben sich Opel und Renault auf eine Kooperation verständigt.",
     {"opel", "renault"}, "announced"),
    ("en", "Siemens and Honeywell said they have completed negotiations on a joint venture.",
     {"siemens", "honeywell"}, "announced"),
    ("en", "General Motors said talks with Toyota about a joint venture continued.",
     {"general-motors", "toyota"}, "talks"),
    ("de", "Die Gespräche zwischen Daimler und Renault über eine Zusammenarbeit laufen weiterhin.",
     {"mercedes-benz-group", "renault"}, "talks"),
    ("en", "Scania and Daimler said they would broaden their cooperation to include trucks.",
     {"scania", "mercedes-benz-group"}, "active"),
    ("de", "Die Kooperation von Zalando mit H&M endete im Frühjahr.", {"zalando", "h-m"}, "ended"),
])
def test_stage_cues(lang, text, parties, status):
    found = coops(text, lang)
    assert set(found) == {frozenset(parties)}
    assert found[frozenset(parties)].status == status


@pytest.mark.parametrize("lang,text", [
    ("de", "ÖBB und Westbahn arbeiten bei den Fahrplänen nicht zusammen."),
    ("en", "Toshiba said it has no plans to cooperate with Motorola in the semiconductor field."),
])
def test_negated_cooperation_is_none(lang, text):
    assert coops(text, lang) == {}


def test_not_only_is_no_negation():
    found = coops("Siemens und Bosch arbeiten nicht nur bei Sensoren zusammen.", "de")
    assert set(found) == {frozenset({"siemens", "bosch"})}


@pytest.mark.parametrize("lang,text,parties,status", [
    ("en", "Lumentix Corp, set up in 1982, is owned 40 pct by Siemens and 25 pct by Philips.",
     {"siemens", "philips"}, "active"),
    ("en", "The plant will be owned equally by Toyota and Panasonic.", {"toyota", "panasonic"}, "active"),
    ("en", "Siemens and Philips have decided to sell their combined 65 pct stake in Lumentix Corp. "
           "Lumentix, set up in 1982, is owned 40 pct by Siemens and 25 pct by Philips.",
     {"siemens", "philips"}, "ended"),
    # "the two Dutch firms" among the owners are the pair reported just before
    ("en", "Philips and Akzo Nobel are raising a loan for their joint venture hotel in China. "
           "The hotel company is owned 50 pct by Sinopec and 50 pct by the two Dutch firms.",
     {"philips", "akzo-nobel", "sinopec"}, "active"),
])
def test_co_owners_of_a_company_run_a_joint_venture(lang, text, parties, status):
    found = coops(text, lang)
    coop = max(found.values(), key=lambda c: len(c.party_ids))
    assert set(coop.party_ids) == parties
    assert coop.status == status


def test_party_order_does_not_depend_on_the_hash_seed():
    """Set iteration order changes with PYTHONHASHSEED; koop's output must not."""
    import json
    import subprocess
    import sys

    text = ("Siemens and Philips are raising a loan for their joint venture hotel in China. "
            "The hotel company is owned 50 pct by Sinopec and 50 pct by the two European firms. "
            "Both companies said the talks with Sinopec had failed.")
    code = ("import json, koop; a = koop.extract(%r, lang='en', date='1987-04-13'); "
            "print(json.dumps([c.party_ids for c in a.cooperations]))" % text)
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in (1, 2, 3)}
    assert len(runs) == 1 and json.loads(runs.pop())


@pytest.mark.parametrize("lang,text,parties", [
    ("de", "Siemens holt für die Entwicklung den Chipkonzern Infineon ins Boot.", {"siemens", "infineon"}),
    ("de", "BMW und Daimler bündeln ihre Kräfte bei Mobilitätsdiensten.", {"bmw", "mercedes-benz-group"}),
    ("en", "AT&T teamed with Philips to market switching equipment.", {"at-t", "philips"}),
    ("en", "Fiat and Nissan have linked up to build vans in Spain.", {"fiat", "nissan"}),
])
def test_idioms_of_a_new_cooperation(lang, text, parties):
    found = coops(text, lang)
    assert set(found) == {frozenset(parties)}
    assert found[frozenset(parties)].status == "announced"


@pytest.mark.parametrize("lang,text,parties", [
    ("en", "Siemens is in talks with Philips on rescuing Grundig AG (GAG), the troubled TV maker.",
     {"siemens", "philips"}),
    ("de", "Die Gespräche zwischen Siemens und Bosch über Grundig laufen.", {"siemens", "bosch"}),
])
def test_subject_of_the_talks_is_no_party(lang, text, parties):
    assert set(coops(text, lang)) == {frozenset(parties)}


@pytest.mark.parametrize("lang,text,parties,status", [
    ("de", "Red Bull ist seit 2005 Hauptsponsor des FC Salzburg.", {"red-bull", "red-bull-salzburg"}, "active"),
    ("de", "Der FC Bayern München und Audi verlängern ihren Sponsoringvertrag bis 2025.",
     {"fc-bayern-muenchen", "audi"}, "active"),
])
def test_sponsorship_is_a_partnership(lang, text, parties, status):
    found = coops(text, lang)
    assert set(found) == {frozenset(parties)} and found[frozenset(parties)].status == status


def test_co_sponsors_are_not_partners_of_each_other():
    assert coops("Die Sponsoren Red Bull und Puma zogen sich zurück.", "de") == {}


@pytest.mark.parametrize("lang,text,parties,status,since", [
    # the members a sentence lists of the consortium named before
    ("en", "Twelve U.S. chipmakers said they formed Chipco, a research consortium. "
           "Members include Intel Corp <INTC>, Motorola Inc <MOT> and Texas Instruments Inc <TXN>.",
     {"intel", "motorola-solutions", "texas-instruments"}, "announced", None),
    # list items with where they come from ("of France", "aus Finnland")
    ("en", "The partners, Aerospatiale of France, Philips of the Netherlands and Saab of Sweden, "
           "hold equal shares of the consortium, which was set up in 1982.",
     {"aerospatiale", "philips", "saab"}, "active", "1982"),
    ("de", "Das Projekt veranstalten vier Institutionen gemeinsam. Die Partner: Siemens aus Deutschland, "
           "Nokia aus Finnland und Ericsson aus Schweden.", {"siemens", "nokia", "ericsson"}, "active", None),
])
def test_members_listed_for_a_consortium(lang, text, parties, status, since):
    found = coops(text, lang)
    coop = found[frozenset(parties)]
    assert coop.status == status and coop.since == since


@pytest.mark.parametrize("lang,text", [
    # "the consortium" is one of the two names; its market share against a rival is no cooperation
    ("en", "Airbus said the consortium now holds 20 pct of the market, against 55 pct for Boeing."),
    # the talks just before were about an acquisition
    ("en", "Siemens said it is in talks with Nixdorf about a possible acquisition of Nixdorf. "
           "Siemens said the talks were preliminary."),
    # talks on selling a business
    ("en", "Talks on the sale of Rover's truck business to General Motors collapsed last year."),
])
def test_no_cooperation_in_these_structures(lang, text):
    assert coops(text, lang) == {}


def test_negated_agreement_leaves_talks():
    text = ("Siemens said it is negotiating with BASF on a joint venture. "
            "Siemens said the talks were at an early stage and no agreement had been reached.")
    assert coops(text, "en")[frozenset({"siemens", "basf"})].status == "talks"


def test_owned_each_by_two_companies():
    found = coops("Dow Corning, the silicones maker owned 50 pct each by Siemens and Bayer, grew.", "en")
    assert frozenset({"siemens", "bayer"}) in found


@pytest.mark.parametrize("lang,text,parties,status", [
    ("de", "Mit dem Technologiekonzern Bosch hat die TU Wien eine Forschungskooperation vereinbart.",
     {"bosch", "tu-wien"}, "announced"),
    ("de", "Siemens und Bosch gründen eine Entwicklungsallianz für Sensoren.", {"siemens", "bosch"}, "announced"),
    ("de", "Die Verhandlungen zwischen Magna und Apple über die Fertigung laufen seit Monaten.",
     {"magna", "apple"}, "talks"),
])
def test_german_compounds_and_ongoing_talks(lang, text, parties, status):
    found = coops(text, lang)
    assert set(found) == {frozenset(parties)} and found[frozenset(parties)].status == status


@pytest.mark.parametrize("lang,text", [
    ("de", "Eine Zusammenarbeit mit Google ist derzeit kein Thema, sagte ein Sprecher von Apple."),
    ("en", "Toshiba denied a newspaper report that it would cooperate with Motorola."),
])
def test_ruled_out_cooperation_is_none(lang, text):
    assert coops(text, lang) == {}


def test_subject_with_a_long_list_of_partners():
    """Adjectives and cue nouns between list items; "die BASF-Tochter Wintershall" names
    the subsidiary as the party, not its parent."""
    text = ("Der russische Gasriese Gazprom hat am Freitag mit der BASF-Tochter Wintershall, dem "
            "deutschen Versorger E.ON, der französischen Engie und dem britisch-niederländischen "
            "Ölkonzern Shell ein Gemeinschaftsunternehmen gegründet.")
    found = coops(text, "de")
    assert set(found) == {frozenset({"gazprom", "wintershall-dea", "e-on", "engie", "shell"})}


def test_a_joint_venture_in_apposition_is_no_party():
    text = ("Nummi Inc, the joint venture of General Motors Corp and Toyota Motor Corp formed in 1983, "
            "said it will raise production.")
    assert set(coops(text, "en")) == {frozenset({"general-motors", "toyota"})}


def test_company_partners_of_a_lab():
    text = ("An der Montanuniversität Leoben wurde am Montag ein neues Labor eröffnet. "
            "Unternehmenspartner sind der Linzer Stahlkonzern Voestalpine und der Grazer Anlagenbauer Andritz.")
    assert frozenset({"voestalpine", "andritz"}) in coops(text, "de")


def test_talks_with_two_partners_of_the_main_organization():
    """The subject of "Gespräche mit A und B" is the article's main organization."""
    text = ("Red Bull Racing sucht einen neuen Motor. Red Bull Racing hatte die Zusammenarbeit mit Renault "
            "aufgekündigt, sagte Red Bull Racing. Gespräche mit Mercedes und Ferrari über eine "
            "Motorenpartnerschaft scheiterten.")
    article = koop.extract(text, date=DATE, lang="de")
    team = next(m.org_id for m in article.mentions if m.text.startswith("Red Bull"))
    found = {frozenset(c.party_ids): c.status for c in article.cooperations}
    assert found == {frozenset({team, "renault"}): "ended", frozenset({team, "mercedes-benz-group"}): "failed",
                     frozenset({team, "ferrari"}): "failed"}


def test_lead_news_frame_of_an_opening():
    """A headline about a party that opens something ("eröffnet") makes the cooperation
    a later sentence reports without a cue of its own an announcement."""
    text = ("Voestalpine eröffnet in Leoben ein Labor für Sensorik. Graz – Die TU Graz und Voestalpine "
            "forschen gemeinsam an Sensoren für Hochöfen.")
    assert coops(text, "de")[frozenset({"tu-graz", "voestalpine"})].status == "announced"


@pytest.mark.parametrize("lang,text", [
    ("de", "Die Gewerkschaften PRO-GE und GPA brachen die Gespräche mit dem Fachverband der Elektroindustrie ab."),
    ("en", "General Motors said talks with the United Auto Workers union on a new labor contract continued."),
    ("de", "Gazprom hält 51 Prozent am Joint Venture, das unter dem Namen Ostsee Pipeline AG firmiert."),
])
def test_labor_talks_and_stakes_are_no_cooperation(lang, text):
    assert coops(text, lang) == {}


def test_research_agreement_is_a_trigger():
    found = coops("Siemens said it signed a research agreement with Philips on chip design.", "en")
    assert frozenset({"siemens", "philips"}) in found


@pytest.mark.parametrize("lang,text", [
    ("en", "Texaco said it was negotiating with Pemex for additional supplies of heavy crude."),
    ("de", "Die OMV verhandelt mit Gazprom über einen neuen Liefervertrag für Erdgas."),
])
def test_supply_negotiations_are_no_cooperation(lang, text):
    assert coops(text, lang) == {}
