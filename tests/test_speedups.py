"""The speed-ups of segmentation give exactly the output of plain SoMaJo and HanTa."""
import pytest

from koop.pipeline import _somajo
from koop.pipeline.segment import _tokenizer

TEXTS = {
    "de": [
        "Leica und Panasonic arbeiten zusammen, z.B. bei Objektiven u.a. für die L-Mount-Allianz.",
        "Dr. Katrin Vogel (Bosch) sagte am 14.3.2023 in der Schillerstr. 5: „Das ist gut 👍🏽.“",
        "Die Hausnr. 12-Nr. ist falsch... C&A, H&M und AT&T; Procter & Gamble bzw. P&G.",
        "Caf\u0065\u0301 Müller GmbH & Co. KG meldet +5 % — siehe https://example.com/a?b=1 oder info@firma.de.",
        "🇩🇪 Flagge, 👨‍👩‍👧 Familie und :-) Smileys; #hashtag @mention a... ps. Ende.",
        "Ohne Punkt und ohne Zeichen bleibt dieser Absatz",
        "S. Fischer Verlag, Hans W. Müller und die U.S.A. sowie i.d.R. u.U. Abk.",
    ],
    "en": [
        "Mitsubishi Heavy Industries Ltd <MITH.T> (MHI) and C. Itoh and Co Ltd <CITT.T> said.",
        "Mr. Moore said: \"Our customers want one platform.\" Terms, e.g. price, were not disclosed.",
        "AT&T Inc. and Johnson & Johnson rose 3.5 pct at 10:30 a.m. on Jan. 5, 1987 — see U.S. filings.",
        "Emoji 🚀 and e\u0301 accents; St. Louis-based Co. vs. Inc. etc. Ltd.",
    ],
}


def _plain_somajo(lang, monkeypatch):
    """A SoMaJo instance without any speed-up, modules restored to SoMaJo's own."""
    from somajo import SoMaJo, alignment
    from somajo import tokenizer as tokenizer_module

    _tokenizer(lang)  # installs the module speed-ups, recording the originals
    monkeypatch.setattr(alignment, "re", _somajo.ORIGINALS["alignment_re"])
    monkeypatch.setattr(tokenizer_module, "re", _somajo.ORIGINALS["tokenizer_re"])
    monkeypatch.setattr(alignment, "token_offsets", _somajo.ORIGINALS["token_offsets"])
    model = "de_CMC" if lang == "de" else "en_PTB"
    return SoMaJo(model, split_camel_case=False, split_sentences=True, character_offsets=True)


def _run(tok, texts):
    return [[[(t.text, t.character_offset, t.token_class, t.original_spelling) for t in s]
             for s in tok.tokenize_text([text])] for text in texts]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_somajo_speedups_keep_output(lang, monkeypatch):
    texts = TEXTS["de"] + TEXTS["en"]
    with monkeypatch.context() as m:
        expected = _run(_plain_somajo(lang, m), texts)
    assert _run(_tokenizer(lang), texts) == expected


@pytest.mark.parametrize("lang", ["de", "en"])
def test_guarded_patterns_find_the_same(lang, monkeypatch):
    with monkeypatch.context() as m:
        plain = _plain_somajo(lang, m)._tokenizer
    fast = _tokenizer(lang)._tokenizer
    assert isinstance(fast.abbreviation, _somajo._Guarded)
    texts = TEXTS["de"] + TEXTS["en"] + ["a.a.O. bzw. Dipl.-Ing. geisteswissenschaftl. Abk.", "ohne", ""]
    for name in ("abbreviation", "single_token_abbreviation", "single_letter_ellipsis",
                 "str_abbreviations", "nr_abbreviations", "single_letter_abbreviation", "ps",
                 "token_with_plus_ampersand"):
        for text in texts + [w for t in texts for w in t.split()]:
            assert ([x.span() for x in getattr(fast, name).finditer(text)]
                    == [x.span() for x in getattr(plain, name).finditer(text)]), (name, text)


WORDS = (
    "Siemens SIEMENS siemens baut Werk Werke Unternehmensberatung Gemeinschaftsunternehmen "
    "Kooperationsvereinbarung Leica-Chef Panasonic Objektive gründen gegründet arbeiten zusammen "
    "Elektronikkonzern Wetzlarer Münchner Straße Größe über Ärzte Österreich Bundesverwaltungsgericht "
    "Mobilfunkanbieter Zusammenarbeit Aktiengesellschaft GmbH AG Co. KG e.V. z.B. Dr. Hans-Peter "
    "L-Mount-Allianz iPhone eBay 3D-Drucker 5G-Netz COVID-19 Ölpreis Fußballbundesliga Donaudampfschiff "
    "a ab Ab AB x Xy der die Die das DAS und Und sowie bzw. sagte sagten hatte hätte würde "
    "the The THE company companies partnership partnerships expanded acquisitions Itoh C. Ltd Inc "
    "joint-venture Johnson's said spokesman manufacturers Mitsubishi MITSUBISHI triguna forklift"
).split()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_cached_word_analysis_matches_hanta(lang):
    """analyze_word shares one analysis between "SIEMENS" and "Siemens"; HanTa agrees."""
    from HanTa.HanoverTagger import HanoverTagger

    from koop.pipeline.segment import _FOLDED, analyze_word

    plain = HanoverTagger("morphmodel_ger.pgz" if lang == "de" else "morphmodel_en.pgz")
    _FOLDED.clear()
    for word in WORDS + [w.upper() for w in WORDS]:
        if any(ch.isalpha() for ch in word):
            assert analyze_word(word, lang) == plain.analyze(word), word


def test_kb_cache(tmp_path, monkeypatch):
    from koop import kb as kbmod

    monkeypatch.delenv("KOOP_KB", raising=False)
    monkeypatch.setenv("KOOP_CACHE_DIR", str(tmp_path / "cache"))
    built = kbmod.load_kb()
    (cached_file,) = (tmp_path / "cache").glob("kb-*.pickle")
    cached = kbmod.load_kb()
    assert cached is not built
    assert cached.orgs == built.orgs and cached.index == built.index and cached.folded == built.folded
    assert cached.lookup("Siemens") == built.lookup("Siemens")
    # a KB with the user's own files is built each time, not cached
    extra = tmp_path / "mine.jsonl"
    extra.write_text('{"id": "x-gmbh", "name": "X GmbH"}\n', encoding="utf-8")
    assert "x-gmbh" in kbmod.load_kb(extra=[extra]).orgs
    monkeypatch.setenv("KOOP_KB", str(extra))
    assert "x-gmbh" in kbmod.load_kb().orgs
    monkeypatch.delenv("KOOP_KB")
    assert list((tmp_path / "cache").glob("kb-*.pickle")) == [cached_file]
    # another version of the KB files or of koop is another cache file; old ones are pruned
    for i in range(6):
        (tmp_path / "cache" / f"kb-old{i}.pickle").write_bytes(b"old")
    cached_file.unlink()
    kbmod.load_kb()
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == kbmod._KB_CACHE_KEEP
    # a broken cache file is rebuilt; an empty KOOP_CACHE_DIR turns the cache off
    cached_file.write_bytes(b"garbage")
    assert kbmod.load_kb().orgs == built.orgs
    monkeypatch.setenv("KOOP_CACHE_DIR", "")
    assert kbmod._kb_cache_file(kbmod.shipped_files()) is None


def test_loading_models_keeps_gc_on():
    import gc

    from koop.pipeline.runner import Pipeline, loading_models

    assert gc.isenabled()
    with loading_models():
        assert not gc.isenabled()
    assert gc.isenabled()
    Pipeline(["koop.language.v1", "koop.segment.v1"])
    assert gc.isenabled()
    gc.disable()
    try:
        with loading_models():
            pass
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()
