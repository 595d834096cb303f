"""The stage registry and the pipeline runner."""
import pytest

from koop.article import Article
from koop.errors import KoopError
from koop.pipeline.runner import DEFAULT_STAGES, Pipeline
from koop.registry import STAGES, get_stage, register_stage


@pytest.fixture
def test_stages():
    """Registers throwaway stages and removes them afterwards."""
    added = []

    def add(name, func, **kwargs):
        register_stage(name, **kwargs)(func)
        added.append(name)

    yield add
    for name in added:
        STAGES.pop(name, None)


def test_default_stages_registered():
    for name in DEFAULT_STAGES:
        factory = get_stage(name)
        assert factory.name == name and name.endswith(".v1")


def test_unknown_stage_e003():
    with pytest.raises(KoopError) as info:
        Pipeline(["koop.language.v1", "koop.nosuchstage.v1"])
    assert info.value.code == "E003"
    assert "koop.nosuchstage.v1" in str(info.value) and "koop.segment.v1" in str(info.value)


def test_stage_returning_none_e001(test_stages):
    def make_broken():
        def broken(article):
            article.ext["touched"] = True  # forgets to return it

        return broken

    test_stages("test.broken.v1", make_broken)
    pipe = Pipeline(["koop.language.v1", "test.broken.v1"])
    with pytest.raises(KoopError) as info:
        pipe(Article(id="x", text="Siemens baut ein Werk."))
    assert info.value.code == "E001"
    assert "test.broken.v1" in str(info.value) and "NoneType" in str(info.value)


def test_unknown_config_key_e004():
    with pytest.raises(KoopError) as info:
        Pipeline(["koop.language.v1"], config={"koop.language.v1": {"defualt": "en"}})
    assert info.value.code == "E004"
    assert "defualt" in str(info.value) and "default" in str(info.value)


def test_config_reaches_factory():
    pipe = Pipeline(["koop.language.v1"], config={"koop.language.v1": {"default": "en"}})
    assert pipe(Article(id="x", text="2023")).lang == "en"


def test_missing_requirement_e002():
    with pytest.raises(KoopError) as info:
        Pipeline(["koop.language.v1", "koop.entities.v1"])
    assert info.value.code == "E002"
    assert "koop.entities.v1" in str(info.value)


def test_stages_run_in_order(test_stages):
    def make_mark(tag: str = "?"):
        def mark(article):
            article.ext.setdefault("order", []).append(tag)
            return article

        return mark

    test_stages("test.mark.v1", make_mark, assigns=("order",))
    test_stages("test.mark2.v1", make_mark, requires=("order",))
    pipe = Pipeline(["test.mark.v1", "test.mark2.v1"],
                    config={"test.mark.v1": {"tag": "a"}, "test.mark2.v1": {"tag": "b"}})
    out = list(pipe.pipe([Article(id="1", text=""), Article(id="2", text="")]))
    assert [a.ext["order"] for a in out] == [["a", "b"], ["a", "b"]]


def test_article_round_trip():
    import koop

    article = koop.extract("Siemens und Bosch haben ein Gemeinschaftsunternehmen gegründet. "
                           "Bosch-Chefin Katrin Vogel sprach von einem guten Tag.", date="2023-03-14")
    again = Article.from_dict(article.to_dict(full=True))
    assert again.to_dict(full=True) == article.to_dict(full=True)
