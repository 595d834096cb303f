"""koop/names.py: the one home of name folding, legal forms and name ids. The two
folds keep their different rules (the KB's keys and the store's stored keys)."""
from __future__ import annotations

import pytest

from koop.names import (LEGAL_FORMS, LEGAL_SUFFIXES, fold, fold_accents, norm_name, slugify, squash,
                        strip_legal, unknown_org_id)


@pytest.mark.parametrize("text,matching,search", [
    ("Nestlé S.A.", "nestle s a", "nestle s.a."),
    ("Straße", "strae", "strasse"),  # ß has no ASCII decomposition: the matching key drops it
    ("AT&T Inc.", "at&t inc", "at&t inc."),
    ("  Müller-Lüdenscheidt ", "muller ludenscheidt", "  muller-ludenscheidt "),
])
def test_the_two_folds_differ_on_purpose(text, matching, search):
    assert fold(text) == matching
    assert fold_accents(text) == search


@pytest.mark.parametrize("name,key,slug", [
    ("Leica Camera AG", "leica camera", "leica-camera"),
    ("Deutsche Telekom AG", "deutsche telekom", "deutsche-telekom"),
    ("Siemens & Co. KG", "siemens", "siemens"),
    ("AG", "ag", "ag"),  # nothing but a legal form: kept
    ("!!!", "", "unnamed"),
])
def test_norm_name_and_slugify(name, key, slug):
    assert norm_name(name) == key
    assert slugify(name) == slug


def test_unknown_org_id_and_strip_legal():
    assert unknown_org_id("Acme Feinwerk GmbH") == "x-acme-feinwerk-gmbh"
    assert len(unknown_org_id("Long " * 40)) == 62
    assert strip_legal("Leica Camera AG") == "Leica Camera"
    assert strip_legal("Motorola, Inc.") == "Motorola"
    assert squash("Siemens_Presse") == "siemenspresse"


def test_legal_forms_of_both_sides():
    assert {"GmbH", "Inc.", "S.p.A."} <= LEGAL_FORMS
    assert all(s == s.lower() for s in LEGAL_SUFFIXES)
    assert {"ag", "gmbh", "inc", "ltd"} <= set(LEGAL_SUFFIXES)
