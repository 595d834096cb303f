"""The cue tables file (koop/data/cooperation_cues.toml): it loads, every table has both
languages, and a new trigger word is one line in the file."""
import re

import pytest

import koop
from koop.pipeline.cooperations import cues

DATE = "2023-05-01"

# The tables that come from the data file, each keyed by "de" and "en".
PER_LANGUAGE = ("TRIGGERS", "WEAK", "JOINT_STATEMENT", "LABOR", "UNNAMED_SLOT", "EXCLUDE", "NEGATION",
                "RULED_OUT", "TALKS_GO_ON", "EXPANSION", "LEAD_NEWS", "SINCE_CUE", "DATE_IN", "FOUNDED",
                "REPORTING", "TITLE_AFTER", "TOPIC_BEFORE", "PARTNER_SLOT", "MEMBER_LIST", "GROUP_OF_MEMBERS",
                "ANAPHORIC", "BOTH", "PRONOUN_START", "CO_OWNED", "CO_OWNER_GAP")


def test_the_shipped_file_loads_into_the_module_tables():
    tables = cues.load_cue_tables()
    assert set(tables) == {name.lower() for name in PER_LANGUAGE} | {"media_words"}
    for name in PER_LANGUAGE:
        assert {lang: p.pattern for lang, p in tables[name.lower()].items()} == \
               {lang: p.pattern for lang, p in getattr(cues, name).items()}
    assert cues.MEDIA_WORDS == tables["media_words"] and "zeitschrift" in cues.MEDIA_WORDS


@pytest.mark.parametrize("name", PER_LANGUAGE)
def test_each_table_has_both_languages_case_insensitive(name):
    table = getattr(cues, name)
    assert set(table) == {"de", "en"}
    for pattern in table.values():
        assert isinstance(pattern, re.Pattern) and pattern.flags & re.I


def test_alternatives_keep_the_file_order():
    # At one position the first alternative wins: the long English founding phrase
    # comes first, so "set up a venture with" is one trigger, not "set up" alone.
    match = cues.TRIGGERS["en"].search("They set up a venture with Bosch.")
    assert match.group() == "set up a venture with"


def with_trigger(tmp_path, lang, line):
    """A copy of the shipped cue file with ``line`` appended to [triggers] ``lang``."""
    text = cues.CUES_FILE.read_text(encoding="utf-8")
    start = text.index(f"\n{lang} = [\n", text.index("[triggers]"))
    end = text.index("\n]\n", start)
    path = tmp_path / "cooperation_cues.toml"
    path.write_text(text[:end] + f"\n    {line}," + text[end:], encoding="utf-8")
    return path


@pytest.mark.parametrize("lang,line,text", [
    ("de", r"'\bverzahn\w*'", "Siemens und Bosch verzahnen ab sofort ihre Wasserstoffforschung."),
    ("en", r"'\btwinning\b'", "Siemens and Bosch announced the twinning of their hydrogen labs on Tuesday."),
])
def test_a_new_trigger_word_is_one_line(tmp_path, monkeypatch, lang, line, text):
    assert koop.extract(text, date=DATE, lang=lang).cooperations == []
    tables = cues.load_cue_tables(with_trigger(tmp_path, lang, line))
    # Every step shares the one TRIGGERS dict, so replacing its entry reaches them all.
    monkeypatch.setitem(cues.TRIGGERS, lang, tables["triggers"][lang])
    found = koop.extract(text, date=DATE, lang=lang).cooperations
    assert [(set(c.party_ids), c.status) for c in found] == [({"siemens", "bosch"}, "announced")]


@pytest.mark.parametrize("body,message", [
    ("[triggers]\nde = ['(unclosed']\nen = ['x']\n", r"\[triggers\]: a pattern does not compile"),
    ("[weak]\nde = 'not a list'\n", r"\[weak\]: each entry must be a non-empty list"),
    ("[weak]\nde = []\n", r"\[weak\]: each entry must be a non-empty list"),
])
def test_a_broken_cue_file_names_its_table(tmp_path, body, message):
    path = tmp_path / "cues.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        cues.load_cue_tables(path)
