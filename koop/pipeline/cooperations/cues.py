"""The language cue tables: the German and English words and patterns each step reads.

The word lists live in one data file, ``koop/data/cooperation_cues.toml`` (one pattern
per line, a comment per table saying what it is for and which step reads it), read
once at import: a new trigger word is one line there plus a test row. This module
exposes each of those tables under its upper-case name, compiled, keyed by language
("de", "en"). What stays here are the small structural patterns that serve both
languages at once (clause and list punctuation, tickers, quoted names) and the
statuses' cue words, which come from ``koop/data/statuses.toml``.

The tables are grouped by the step that reads them: triggers and exclusions
(triggers.py), status and dates (status.py), party slots (parties.py, pairing.py),
references back (references.py), and co-ownership (structures.py). Patterns are
case-insensitive unless they say otherwise.
"""
from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

from ...statuses import RANK, status_cues

# The cue tables of this module (see its docstring).
CUES_FILE = resources.files("koop") / "data" / "cooperation_cues.toml"


def _rx(*parts: str) -> re.Pattern:
    """One case-insensitive pattern of alternatives."""
    return re.compile("|".join(parts), re.I)


def load_cue_tables(path: Path | None = None) -> dict[str, dict[str, re.Pattern] | tuple[str, ...]]:
    """The tables of a cue file, compiled.

    path (Path | None): the cue file; None for the one that ships (``CUES_FILE``).
    RETURNS (dict): table name -> {language: one pattern of the table's alternatives,
        in file order}, or for a plain list of ``words`` the tuple of words.
    Raises ValueError naming the table when an entry is not a list of strings or a
    pattern does not compile.
    """
    text = (Path(path) if path is not None else CUES_FILE).read_text(encoding="utf-8")
    tables: dict[str, dict[str, re.Pattern] | tuple[str, ...]] = {}
    for name, table in tomllib.loads(text).items():
        if not isinstance(table, dict) or not all(
                isinstance(v, list) and v and all(isinstance(x, str) for x in v) for v in table.values()):
            raise ValueError(f"cue table [{name}]: each entry must be a non-empty list of strings")
        if set(table) == {"words"}:
            tables[name] = tuple(table["words"])
            continue
        try:
            tables[name] = {lang: _rx(*parts) for lang, parts in table.items()}
        except re.error as e:
            raise ValueError(f"cue table [{name}]: a pattern does not compile: {e}") from e
    return tables


# Every ``NAME = _TABLES["name"]`` below is the table [name] of the cue file; its
# comment there says what it is for and which step reads it.
_TABLES = load_cue_tables()

# -- triggers: what makes a sentence a candidate --------------------------------
TRIGGERS = _TABLES["triggers"]
WEAK = _TABLES["weak"]
JOINT_STATEMENT = _TABLES["joint_statement"]
# Negation before a trigger drops the sentence, but not "nicht nur" ("arbeiten nicht nur ... zusammen").
NOT_ONLY = re.compile(r"\b(?:nicht nur|not only|not just)\b", re.I)
# Talks of unions or about wages are collective bargaining, no cooperation.
TALKS_TRIGGER = re.compile(r"(?:gespr|verhand|talks|negotiat|discussions)", re.I)
LABOR = _TABLES["labor"]
UNNAMED_SLOT = _TABLES["unnamed_slot"]
# A weak trigger that counts with a single named party in a partner slot
# ("ein Austauschprogramm mit der TU Wien"); matched at the trigger's start.
SLOT_TRIGGER = re.compile(r"(austausch|forschungsprojekt|exchange)", re.I)

# -- exclusions: relations that are no cooperation ------------------------------
EXCLUDE = _TABLES["exclude"]
# A "that" clause belongs to the clause that frames it ("sagte, dass ..."): a
# trigger's clause reaches back over it.
THAT_CLAUSE = re.compile(r"^[,;]?\s*(dass|that|wonach)\b", re.I)

# -- status: the stage a sentence reports (the table in the spec) ---------------
# Each stage's cue words, from the status table (koop/data/statuses.toml), in the
# order failed, ended, active, announced, talks, planned; status.cue_status
# settles a sentence with cues of several stages.
STATUS_CUES = {lang: [(name, _rx(*patterns)) for name, patterns in status_cues(lang)]
               for lang in ("de", "en")}
NEGATION = _TABLES["negation"]
RULED_OUT = _TABLES["ruled_out"]
TALKS_GO_ON = _TABLES["talks_go_on"]
EXPANSION = _TABLES["expansion"]
# A sentence with both announced and planned cues is planned ("will ... gründen")
# unless it has several subjects or says the news is settled ("bekannt", "agreed").
SETTLED_NEWS = re.compile(r"\b(bekannt|jetzt|nun|künftig|in zukunft|agreed|signed)\w*", re.I)
# Talks in which one side is open to or seeks a partner are planned.
SEEKING = re.compile(r"\b(offen für|open to|seek|sucht)\b", re.I)
# A conjunction anywhere in the sentence: it may have several subjects ("Zeiss und
# Trumpf wollen"). Case-sensitive, unlike the other patterns.
PLURAL = re.compile(r"\b(und|and|sowie)\b")
# News of now: it makes a sentence with continuation cues an announcement, and keeps
# an old "since" from turning an announcement into "active".
NOW = re.compile(r"\b(jetzt|nun|künftig|in zukunft|new|now)\b", re.I)
# Latest stage wins when one pair is reported several times (the table's ranks).
PRIORITY = dict(RANK)
LEAD_NEWS = _TABLES["lead_news"]

# -- since: the date a cooperation began ----------------------------------------
SINCE_CUE = _TABLES["since_cue"]
DATE_IN = _TABLES["date_in"]
FOUNDED = _TABLES["founded"]

# -- party slots: which organizations are parties -------------------------------
REPORTING = _TABLES["reporting"]
MEDIA_WORDS = _TABLES["media_words"]
# A name before "-Tochter" names the parent of the party that follows
# ("die BASF-Tochter Wintershall"): the subsidiary is the party.
PARENT_OF_NEXT = re.compile(r"-(?:tochter|tochtergesellschaft|tochterfirma|schwester|mutter)\s+\S", re.I)
TITLE_AFTER = _TABLES["title_after"]
TOPIC_BEFORE = _TABLES["topic_before"]
# "Die Sponsoren Red Bull und Puma": co-sponsors of a third, not partners of each other.
CO_SPONSORS_BEFORE = re.compile(r"\b\w*sponsor(?:en|s)\s+(?:(?:wie|like|such as)\s+)?$", re.I)
PARTNER_SLOT = _TABLES["partner_slot"]
# Between two names of one coordinated group ("Zeiss und der Maschinenbauer Trumpf").
COORD = re.compile(r"^\s*(?:,|und|and|sowie|&|/|-|–|as well as)\s*(?:(?:de[mnrs]|die|das|the)\s+"
                   r"(?:(?!(?:of|von|with|mit|for|für|des|der|zu[mr]?|in|im|joint|venture|gemeinschafts\w*)\b)"
                   r"[\w\-]+\s+){0,3})?<?$", re.I)  # "..., dem britisch-niederländischen Ölkonzern Shell"
# Where a listed party comes from, between list items: "Aerospatiale of France,
# MBB of West Germany and ...", "Lettrétage aus Deutschland, ... und ...".
ORIGIN = re.compile(r"\s+(?:of|from|aus)\s+(?:the\s+|de[mnr]\s+)?(?:(?:West|East|North|South|Nord|Süd|Ost)[\s-]?)?"
                    r"[A-ZÄÖÜ][\w.]+(?:\s+[A-ZÄÖÜ][\w.]+)?(?=\s*(?:,|and\b|und\b|sowie\b|$))")
MEMBER_LIST = _TABLES["member_list"]
GROUP_OF_MEMBERS = _TABLES["group_of_members"]
# A trigger noun with a definite article names a cooperation already known ("the
# consortium", "das Konsortium"); alone it does not pair two names of its sentence.
DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|its|der|die|das|dem|den|des|dieses?|diese[mnr])\s+$", re.I)
# Stock tickers and acronyms after a name: "Mazda Motor Corp <MAZT.T>", "Mitsubishi (MHI)".
TICKER = re.compile(r"\s*(?:<[A-Z0-9.\-]{1,10}>|\([A-Z][A-Za-z0-9.&\-]{0,9}\))")
# A name given to the venture ("unter dem Namen X AG", "called X Inc") is no party.
NAMED_AS = re.compile(r"(?:\bunter dem\s+(?:namen\s+)?|\bnamens\s+|\b(?:called|named|known as)\s+(?:the\s+)?)$", re.I)
# A quoted name: the joint brand, venture or alliance ("als „L² Technology“").
QUOTED_NAME = re.compile(r"[„“\"»«]([^„“”\"»«\n]{2,40})[“”\"«»]")
# Words before a coordinated group that make it the whole party list.
BETWEEN_HEAD = re.compile(r"\b(?:between|zwischen|partnership of|consisting of|bestehend aus)\s+"
                          r"(?:(?:the|de[mnr]|den)\s+)?$", re.I)
# "between" just before a coordinated group beats a partner slot elsewhere.
BETWEEN_BEFORE = re.compile(r"\b(between|zwischen)\s*$", re.I)
# "with"/"mit" (and one word) just before a coordinated group: its subject joins it.
WITH_BEFORE = re.compile(r"\b(?:with|mit)\s+(?:[\w\-]+\s+){0,3}$", re.I)

# -- references back: sentences about a cooperation already reported ------------
ANAPHORIC = _TABLES["anaphoric"]
BOTH = _TABLES["both"]
PRONOUN_START = _TABLES["pronoun_start"]

# -- co-ownership ---------------------------------------------------------------
CO_OWNED = _TABLES["co_owned"]
CO_OWNER_GAP = _TABLES["co_owner_gap"]
# Owners selling their stakes end the joint venture.
SELL_STAKES = re.compile(r"\bsell\w*\b.{0,40}\bstakes?\b|\bverkauf\w*\b.{0,40}\banteile\b", re.I)
