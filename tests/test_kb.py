"""The organization knowledge base: shipped data, user files, name resolution."""
import json
import re
from collections import Counter

import pytest

from koop.errors import KoopError
from koop.kb import ORG_TYPES, KnowledgeBase, Org, default_kb, load_kb, read_org_file, shipped_files
from koop.names import squash, strip_legal

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}")


@pytest.fixture(scope="module")
def kb():
    return default_kb()


def test_size(kb):
    assert len(kb) >= 3000


def test_required_fields_valid(kb):
    bad = []
    for o in kb.orgs.values():
        if not (SLUG.fullmatch(o.id) and o.name.strip() and o.type in ORG_TYPES
                and re.fullmatch(r"[A-Z]{2}", o.country)):
            bad.append(o.id)
        if o.domain and not DOMAIN.fullmatch(o.domain):
            bad.append(f"{o.id}: domain {o.domain!r}")
        for names in (o.legal_names, o.aliases, o.brands):
            if any(not isinstance(n, str) or not n.strip() for n in names):
                bad.append(f"{o.id}: empty name")
    assert bad == []


def test_every_org_has_city_country_and_domain(kb):
    """Users join koop's graph with other data by domain; only an organization
    dissolved before it had a web site may lack one, and it says when."""
    missing = [o.id for o in kb.orgs.values() if not (o.city and o.country and (o.domain or o.dissolved))]
    assert missing == []


def test_each_shipped_org_is_listed_once():
    """One entry per organization across the shipped files: a second entry would
    silently override the first one's fields on load."""
    counts = Counter(o.id for path in shipped_files() for o in read_org_file(path))
    assert [i for i, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.name)
def test_ids_unique_per_file(path):
    counts = Counter(o.id for o in read_org_file(path))
    assert [i for i, n in counts.items() if n > 1] == []


def _write(tmp_path, name, rows):
    p = tmp_path / name
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                           for r in rows) + "\n", encoding="utf-8")
    return p


USER_ROWS = [
    {"id": "leica-camera", "name": "Leica", "aliases": ["Leitz Kamerawerk"], "domain": "leica.example"},
    {"id": "kaltenbach-optik", "name": "Kaltenbach Optik", "legal_names": ["Kaltenbach Optik GmbH"],
     "type": "company", "city": "Jena", "country": "de"},
]


def test_user_file_extends_and_overrides(tmp_path, monkeypatch):
    monkeypatch.delenv("KOOP_KB", raising=False)
    plain = load_kb()
    shipped = plain.orgs["leica-camera"]
    kb = load_kb(extra=[_write(tmp_path, "mine.jsonl", USER_ROWS)])
    leica = kb.orgs["leica-camera"]
    assert leica.domain == "leica.example"
    assert "Leitz Kamerawerk" in leica.aliases
    assert set(shipped.legal_names) <= set(leica.legal_names)
    assert leica.city == shipped.city  # not given by the user file: kept
    assert kb.resolve("Leitz Kamerawerk").id == "leica-camera"
    new = kb.resolve("Kaltenbach Optik GmbH")
    assert new is not None and new.id == "kaltenbach-optik" and new.country == "DE"
    assert len(kb) == len(plain) + 1
    assert plain.orgs["leica-camera"].domain == shipped.domain != "leica.example"


def test_koop_kb_env_var(tmp_path, monkeypatch):
    a = _write(tmp_path, "a.jsonl", USER_ROWS[1:])
    b = _write(tmp_path, "b.jsonl", [{"id": "acme-feinwerk", "name": "Acme Feinwerk"}])
    monkeypatch.setenv("KOOP_KB", f"{a}{__import__('os').pathsep}{b}")
    kb = load_kb()
    assert kb.resolve("Kaltenbach Optik").id == "kaltenbach-optik"
    assert kb.resolve("Acme Feinwerk").id == "acme-feinwerk"


@pytest.mark.parametrize("bad,reason", [
    ('{"id": "x-corp", "name": "X Corp"', "not JSON"),
    ('{"name": "No Id Corp"}', "needs 'id' and 'name'"),
    ('["x-corp", "X Corp"]', "needs 'id' and 'name'"),
    ('{"id": "x-corp", "name": "X Corp", "dissolved": "long ago"}', "'dissolved' must be a year"),
])
def test_bad_line_gives_e020(tmp_path, bad, reason):
    path = _write(tmp_path, "bad.jsonl", [{"id": "ok-corp", "name": "OK Corp"}, "// a comment", bad])
    with pytest.raises(KoopError) as info:
        load_kb(extra=[path])
    assert info.value.code == "E020"
    assert "line 3" in str(info.value) and str(path) in str(info.value) and reason in str(info.value)


@pytest.mark.parametrize("name,org_id", [
    ("Leica", "leica-camera"),
    ("Leica Camera AG", "leica-camera"),
    ("leica camera", "leica-camera"),
    ("VW", "volkswagen"),
    ("Volkswagen AG", "volkswagen"),
    ("Bayerische Motoren Werke AG", "bmw"),
    ("Daimler AG", "mercedes-benz-group"),
    ("Deutschen Bank", "deutsche-bank"),
    ("Telekom", "deutsche-telekom"),
    ("Sony Group Corporation", "sony"),
    ("Apple Inc.", "apple"),
    ("Nestle", "nestle"),
    ("Huawai", "huawei"),
    ("Panasonik", "panasonic"),
    ("Lumix", "panasonic"),
    ("Lexus", "toyota"),
])
def test_resolve(kb, name, org_id):
    org = kb.resolve(name)
    assert org is not None and org.id == org_id


@pytest.mark.parametrize("name,org_id", [
    ("Volkswagen Aktiengesellschaft", "volkswagen"),  # a long legal form
    ("Samsnug", "samsung-electronics"),  # two letters swapped: one typo
    ("Siemnes", "siemens"),
    ("Medizin-Uni Wien", "meduni-wien"),  # a spelling of a university's name
    ("Technische Uni Graz", "tu-graz"),
])
def test_resolve_variants(kb, name, org_id):
    org = kb.resolve(name)
    assert org is not None and org.id == org_id


@pytest.mark.parametrize("name,stripped", [
    ("Volkswagen Aktiengesellschaft", "Volkswagen"),
    ("Brandt Kommanditgesellschaft", "Brandt"),
    ("Lorenz Gesellschaft mit beschränkter Haftung", "Lorenz"),
    ("Huber Elektro GmbH & Co. KG", "Huber Elektro"),
    ("Verein für Moorkunde e.V.", "Verein für Moorkunde"),
    ("Harwood and Co Ltd", "Harwood"),
    ("Garnet Telecom LTd", "Garnet Telecom"),
    ("Johnson & Johnson", "Johnson & Johnson"),
])
def test_strip_legal(name, stripped):
    assert strip_legal(name) == stripped


def test_legal_name_without_comma_and_dot(kb):
    # "Motorola, Inc." is also written "Motorola Inc"
    assert [e.org_id for e in kb.lookup("Motorola Inc")] == ["motorola-solutions"]


def test_spacing_of_names(kb):
    assert kb.spaced_as_named("Deutsche Bank")
    assert not kb.spaced_as_named("Deut sche Bank")


def test_squashed_index_for_handles(kb):
    assert kb.orgs[kb.squashed["siemens"][0].org_id].id == "siemens"
    assert squash("Siemens_Presse") == "siemenspresse"


def test_name_of_a_headquarters_city_needs_evidence():
    kb = KnowledgeBase([Org(id="alpha", name="Alpha", city="Betaburg", country="DE"),
                        Org(id="beta", name="Beta Bank", aliases=["Betaburg"], country="DE")])
    assert [e.ambiguous for e in kb.lookup("Betaburg")] == [True]
    assert [e.ambiguous for e in kb.lookup("Beta Bank")] == [False]


def test_legal_name_cut_to_another_organizations_name_is_not_indexed():
    # "Vodafone GmbH" is Vodafone's German arm; "Vodafone" names the group
    kb = KnowledgeBase([Org(id="vodafone", name="Vodafone"),
                        Org(id="vodafone-de", name="Vodafone Deutschland", legal_names=["Vodafone GmbH"]),
                        Org(id="acme", name="Acme Widgets", legal_names=["Acme GmbH"])])
    assert [e.org_id for e in kb.lookup("Vodafone")] == ["vodafone"]
    assert [e.org_id for e in kb.lookup("Vodafone GmbH")] == ["vodafone-de"]
    assert [e.org_id for e in kb.lookup("Acme")] == ["acme"]  # no other bears it


def test_town_name_listed_ambiguous_beats_the_town_only_with_beats_place():
    town = Org(id="tyres", name="Tyre Works", city="Vaara", country="FI")
    listed = Org(id="vaara", name="Vaara", ambiguous={"Vaara"}, country="FI")
    assert not KnowledgeBase([town, listed]).is_place_name("Vaara")
    beats = Org(id="vaara", name="Vaara", ambiguous={"Vaara"}, beats_place={"Vaara"}, country="FI")
    kb = KnowledgeBase([town, beats])
    assert kb.is_place_name("Vaara") and [e.ambiguous for e in kb.lookup("Vaara")] == [True]


@pytest.mark.parametrize("name", ["Zzyzx Quantum Widgets", "Kamera", "Oliver Schmidt"])
def test_resolve_unknown(kb, name):
    assert kb.resolve(name) is None
