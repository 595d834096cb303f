"""Language detection (koop.language.v1)."""
import pytest

from koop.article import Article
from koop.pipeline.language import detect_language
from koop.registry import get_stage


@pytest.mark.parametrize("text,lang", [
    ("Die beiden Unternehmen wollen künftig bei Batterien zusammenarbeiten.", "de"),
    ("Volkswagen und Bosch gründen ein Gemeinschaftsunternehmen.", "de"),
    ("The two companies said they would work together on batteries.", "en"),
    ("Microsoft and SAP expand their cloud partnership.", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("default", ["de", "en"])
def test_no_letters_gives_default(default):
    assert detect_language("2023 -- 42 %", default=default) == default


def test_stage_keeps_given_language():
    stage = get_stage("koop.language.v1").make()
    article = stage(Article(id="x", text="Die Unternehmen arbeiten zusammen.", lang="EN"))
    assert article.lang == "en"


def test_stage_detects_unsupported_given_language():
    stage = get_stage("koop.language.v1").make()
    article = stage(Article(id="x", text="The companies said they would work together.", lang="fr"))
    assert article.lang == "en"


def test_stage_default_is_configurable():
    stage = get_stage("koop.language.v1").make(default="en")
    assert stage(Article(id="x", text="12.05.2023")).lang == "en"
