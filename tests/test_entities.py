"""Organization and person mentions (koop.entities.v1), one stage on short texts."""
import pytest

from koop.article import Article
from koop.pipeline.runner import Pipeline


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(["koop.language.v1", "koop.segment.v1", "koop.entities.v1"])


def mentions(nlp, text, lang="de"):
    article = nlp(Article(id="t", text=text, lang=lang))
    for m in article.mentions:
        assert article.text[m.start:m.end] == m.text
    return article.mentions


def orgs(nlp, text, lang="de"):
    """(surface text, org id, kind) of every ORG mention."""
    return [(m.text, m.org_id, m.kind) for m in mentions(nlp, text, lang) if m.label == "ORG"]


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "Siemens und Bosch bauen ein gemeinsames Werk.", [("Siemens", "siemens"), ("Bosch", "bosch")]),
    ("de", "Die Deutsche Telekom und die Leica Camera AG stellten ein Projekt vor.",
     [("Deutsche Telekom", "deutsche-telekom"), ("Leica Camera AG", "leica-camera")]),
    ("de", "Der Vorstand der Deutschen Bank tagte am Montag.", [("Deutschen Bank", "deutsche-bank")]),
    ("en", "Microsoft and SAP expanded their partnership.", [("Microsoft", "microsoft"), ("SAP", "sap")]),
    ("en", "Shares of Sony Group Corporation rose.", [("Sony Group Corporation", "sony")]),
])
def test_kb_names(nlp, lang, text, expected):
    assert [(t, i) for t, i, k in orgs(nlp, text, lang) if k == "name"] == expected


@pytest.mark.xfail(reason="entities._kb_match skips its genitive branch for one-token names "
                          "(the `n == 1` continue comes first)", strict=False)
@pytest.mark.parametrize("text", ["Im Herbst kommt Panasonics neue Kamera.",
                                  "Panasonics Umsatz stieg deutlich."])
def test_genitive(nlp, text):
    found = orgs(nlp, text)
    assert [(t, i) for t, i, k in found] == [("Panasonic", "panasonic")]


def test_genitive_apostrophe(nlp):
    found = orgs(nlp, "Die Zahlen des Konzerns Siemens' überraschten.")
    assert [i for _, i, _ in found] == ["siemens"]


def test_hyphen_compound(nlp):
    found = orgs(nlp, "Leica-Chef Oliver Kaltner stellte die Kamera vor.")
    assert found == [("Leica", "leica-camera", "name")]


def test_brand(nlp):
    assert orgs(nlp, "Die neue Lumix ist ab Mai im Handel.") == [("Lumix", "panasonic", "brand")]


@pytest.mark.parametrize("text", [
    "Huawei stellte ein Telefon vor. Später teilte Huawai mit, der Absatz sei gestiegen.",
    "Der Smartphone-Hersteller Huawai meldete Rekordzahlen.",
])
def test_typo(nlp, text):
    found = orgs(nlp, text)
    assert ("Huawai", "huawei") in [(t, i) for t, i, _ in found]


def test_typo_needs_context(nlp):
    # a capitalised word one letter away from a KB name is not linked without support
    assert orgs(nlp, "Die Kamera ist leicht und robust.") == []


def test_headquarters_descriptor(nlp):
    found = orgs(nlp, "Leica stellte eine neue Kamera vor. Das Wetzlarer Unternehmen will damit wachsen.")
    assert ("Das Wetzlarer Unternehmen", "leica-camera", "descriptor") in found


def test_descriptor_needs_antecedent(nlp):
    found = orgs(nlp, "Siemens stellte Zahlen vor. Das Wetzlarer Unternehmen schwieg.")
    assert "leica-camera" not in [i for _, i, _ in found]


@pytest.mark.parametrize("lang,text,org_id", [
    ("de", "Apple und Siemens verhandeln seit Wochen. Auch Microsoft ist interessiert. "
           "Der US-Konzern äußerte sich nicht.", "microsoft"),
    ("de", "Microsoft und Siemens verhandeln. Später kam Apple dazu. Der US-Konzern schwieg.", "apple"),
    ("en", "Siemens talked to Huawei and BMW. The Chinese company declined to comment.", "huawei"),
])
def test_nationality_descriptor_latest_fitting_org(nlp, lang, text, org_id):
    descriptors = [i for _, i, k in orgs(nlp, text, lang) if k == "descriptor"]
    assert descriptors == [org_id]


@pytest.mark.xfail(reason="headquarters metonymy ('in Cupertino abgeblitzt' -> Apple) is not "
                          "resolved in this short context", strict=False)
def test_headquarters_metonymy(nlp):
    found = orgs(nlp, "Leica suchte einen Partner für Smartphones, blitzte aber in Cupertino ab.")
    assert "apple" in [i for _, i, _ in found]


@pytest.mark.parametrize("lang,text,surface", [
    ("de", "Die Firma Kaltenbach Optik GmbH liefert Linsen.", "Kaltenbach Optik GmbH"),
    ("en", "Bosch and Acme Widgets Inc. signed a deal.", "Acme Widgets Inc."),
    pytest.param("de", "Die Müller Feinmechanik GmbH aus Jena liefert Teile.", "Müller Feinmechanik GmbH",
                 marks=pytest.mark.xfail(reason="'Müller' is linked to the KB drugstore chain and splits "
                                                "the unknown company name before its legal form",
                                         strict=False)),
])
def test_unknown_org_by_legal_form(nlp, lang, text, surface):
    found = orgs(nlp, text, lang)
    assert surface in [t for t, _, _ in found]
    oid = next(i for t, i, _ in found if t == surface)
    assert oid  # organizations in no KB still get a stable id


def test_person(nlp):
    found = [(m.label, m.text) for m in mentions(nlp, "Oliver Schmidt leitet das Werk in Jena.")]
    assert ("PER", "Oliver Schmidt") in found
    assert all(label != "ORG" for label, _ in found)


def test_person_not_org(nlp):
    # a first name before a KB name makes a person ("Ferdinand Porsche")
    found = mentions(nlp, "Das Museum erinnert an Ferdinand Porsche.")
    assert [(m.label, m.text) for m in found] == [("PER", "Ferdinand Porsche")]


def test_only_names_and_brands_are_reported(nlp):
    article = nlp(Article(id="t", lang="de",
                          text="Leica stellte eine Kamera vor. Das Wetzlarer Unternehmen will wachsen."))
    reported = [e["text"] for e in article.to_dict()["entities"]]
    assert reported == ["Leica"]
