"""Legal forms: how many tokens one takes ("GmbH", "e. V.", "& Co."), extending a
name over those that follow it, and organizations named with a legal form that
the KB does not know as a whole ("Müller Feinmechanik GmbH" although the KB
has "Müller").
"""
from __future__ import annotations

import re

from ...kb import KnowledgeBase
from ...names import LEGAL_FORMS
from .doc_names import add_org
from .kb_lookup import kb_ends_at, kb_match
from .state import ArticleState
from .tables import Tables
from .words import CONNECTORS, DETERMINERS, PROPER_TAGS, is_cap, is_cue, is_odd_legal_form, is_proper

# legal forms that make an organization name by themselves; the weak ones also
# abbreviate other things (SA: South Africa) or are designators (Group)
_WEAK_ANCHORS = {"SA", "AB", "AS", "Co", "Co.", "Group", "Gruppe", "Holding", "Holdings", "N.A.",
                 "Cie", "Cie."}
_STRONG_ANCHORS = LEGAL_FORMS - _WEAK_ANCHORS - {"NA", "Co.,", "LP", "SpA."}
_ABBREV_WORD = re.compile(r"^(?:[A-Z]|[A-Z][a-z]{1,3})$")
_ABBREV_END = re.compile(r"^(?:[A-Z]|[A-Z][a-z]{1,3})\.$")


def legal_form_length(w: ArticleState, j: int) -> int:
    """Number of tokens of a legal form starting at token j (0 if none)."""
    toks = w.toks
    if j >= len(toks):
        return 0
    t = toks[j].text
    nxt = toks[j + 1].text if j + 1 < len(toks) and w.same_sentence(j, j + 1) else ""
    if t in LEGAL_FORMS or is_odd_legal_form(t):
        return 1
    if t == "e." and nxt in ("V.", "V"):
        return 2
    if t in ("&", "+", "und", "and") and nxt in ("Co", "Co.", "Cie", "Cie."):
        return 2  # "Eli Lilly and Co": "and Co" is the legal form
    if t == "," and j > 0 and toks[j - 1].text in LEGAL_FORMS and (
            nxt in _STRONG_ANCHORS or is_odd_legal_form(nxt)):
        return 2
    if t == "Gesellschaft" and [x.text for x in toks[j + 1:j + 4]] == ["mit", "beschränkter", "Haftung"]:
        return 4
    return 0


def extend_with_legal_form(w: ArticleState, j: int) -> int:
    """Last token of the name ending at j with the legal forms that follow it."""
    toks = w.toks
    while j + 1 < len(toks) and w.owner[j + 1] is None:
        nxt = j + 1
        if not w.same_sentence(j, nxt):
            # a line break inside a name: "die Audi\nAG" (hard-wrapped text)
            if not (toks[nxt].text in _STRONG_ANCHORS and "\n\n" not in w.text[toks[j].end:toks[nxt].start]
                    and w.text[toks[j].end:toks[nxt].start].isspace()):
                break
        n = legal_form_length(w, nxt)
        if n == 0 or not w.free(nxt, nxt + n - 1):
            break
        j = nxt + n - 1
    return j


def _abbrev_before(w: ArticleState, start: int) -> bool:
    """Whether the sentence before ``start`` ends in an abbreviation or initial inside
    a name ("Miller Bros. Logistics GmbH", "C. Itoh and Co Ltd")."""
    toks = w.toks
    prev = toks[start - 1]
    if w.text[prev.end:toks[start].start] != " ":
        return False
    if _ABBREV_END.match(prev.text):
        return True
    return (prev.text == "." and start > 1 and toks[start - 2].end == prev.start
            and bool(_ABBREV_WORD.match(toks[start - 2].text)))


def _name_start(tables: Tables, w: ArticleState, k: int) -> int | None:
    """First token of a capitalised name ending right before token k."""
    kb, toks = tables.kb, w.toks
    start = w.sent_start[k]
    if start > 0 and _abbrev_before(w, start):
        start = w.sent_start[start - 1]  # the splitter cut after "Bros." or an initial "C."
    i = k - 1
    while i >= start and w.owner[i] is None and k - i <= 7:
        word = toks[i].text
        if word == "." and i > start and toks[i - 1].end == toks[i].start and _ABBREV_WORD.match(toks[i - 1].text):
            i -= 1  # the dot of "Bros." or of an initial
            continue
        if word.lower() in DETERMINERS or is_cue(word, w.lang) and not _cue_in_name(w, i, k):
            break
        if is_cap(toks[i]) or word[:1].isdigit():
            i -= 1
            continue
        if word in CONNECTORS and start < i < k - 1 and is_cap(toks[i - 1]):
            if word.lower() in ("und", "and") and _ends_a_name(kb, w, i, start):
                break  # "Bosch and Acme Widgets Inc.", "Nippon Steel Corp and USX Corp": two names
            i -= 1
            continue
        break
    i += 1
    while i < k and (toks[i].text in CONNECTORS or (
            i in w.sent_first and w.lang == "en" and not _opens_name(tables, w, i, k))):
        i += 1
    if i >= k or not any(is_cap(x) for x in toks[i:k]):
        return None
    return i


def _cue_in_name(w: ArticleState, i: int, k: int) -> bool:
    """An English cue noun capitalised inside a sentence right before the legal form is
    the last word of the name ("Cellular Research Institute Inc"), not a cue before it ("the unit
    Acme Inc", "its U.S. Subsidiary Granite Drill Corp")."""
    return w.lang == "en" and i == k - 1 and i not in w.sent_first and w.toks[i].text[:1].isupper()


def _skip_leading_modifier(tables: Tables, w: ArticleState, i: int, k: int) -> int:
    """First token of the name i..k-1 without a German word before it that belongs to the
    sentence, not to the name: the adjective of a place ("die Welser Acme Technik GmbH", "-er"
    of a known city, or any "-er" word when the article names the rest without it) and a
    common noun after a determiner or preposition ("unter dem Namen Acme Pipeline AG")."""
    toks = w.toks
    if w.lang != "de" or i + 1 >= k or not is_cap(toks[i + 1]):
        return i
    word, nxt = toks[i].text, toks[i + 1]
    if kb_match(tables.kb, toks, i, min(w.sent_end[k], k + 1), w.lang) is not None:
        return i  # "Wiener Städtische Versicherung AG": the KB has the name with the adjective
    rest = w.text[nxt.start:toks[k].end]
    if word.endswith("er") and word[:1].isupper() and (
            (word in tables.city_adjectives or word[:-2] in tables.places) and any(x.pos in PROPER_TAGS for x in toks[i + 1:k])
            or w.text.count(rest) > w.text.count(f"{word} {rest}")):
        return i + 1  # but "Wiener Stadtwerke GmbH": no name after the adjective
    prev = toks[i - 1].text.lower() if i > w.sent_start[i] else ""
    if (toks[i].pos.startswith("NN") and (prev in DETERMINERS or prev in ("dem", "einem", "unter"))
            and nxt.pos in PROPER_TAGS and not company_word(word)):
        return i + 1
    return i


# last parts of German company names ("Umwelttechnik", "Anlagenbau", "Stahlwerke")
_COMPANY_WORD_ENDINGS = (
    "technik", "technologie", "technologies", "bau", "systeme", "werke", "werk", "handel", "logistik",
    "elektronik", "elektrik", "mechanik", "optik", "software", "service", "services", "consulting",
    "beratung", "energie", "chemie", "pharma", "holding", "industrie", "industries", "vertrieb",
    "transporte", "montage", "automation", "automatisierung", "kunststoffe", "metall", "metallbau",
    "stahl", "maschinen", "anlagen", "verpackung", "druck", "medien", "immobilien", "solutions",
)


def company_word(word: str) -> bool:
    """A capitalised German word that typically ends a company's name ("Umwelttechnik")."""
    low = word.lower()
    return word[:1].isupper() and low.endswith(_COMPANY_WORD_ENDINGS)


# parts of speech (BNC tags) of words that can open an English name at a sentence start
_NAME_TAGS = ("NN", "NP", "AJ", "UNC")


def _opens_name(tables: Tables, w: ArticleState, i: int, k: int) -> bool:
    """Whether the English word opening the sentence at i is the first word of the name
    running to k: not a function word ("Both Acme Corp"), not a role noun ("Chairman"),
    and a common noun only right before the legal form or another name word ("Control
    Data Corp", but "Shares of ...")."""
    t = w.toks[i]
    if not t.pos.startswith(_NAME_TAGS) or t.text.lower() in tables.role_words:
        return False
    if not t.pos.startswith("NN") or i + 1 == k:
        return True  # "Honeywell Inc said"
    nxt = w.toks[i + 1]
    return (is_cap(nxt) and nxt.text not in CONNECTORS
            and w.text[t.end:nxt.start] == " ")


def _ends_a_name(kb: KnowledgeBase, w: ArticleState, i: int, start: int) -> bool:
    """Whether the "and" at token i starts a second name: after a KB name ("Bosch and
    Acme Widgets Inc.") or after a legal form ("Nippon Steel Corp and USX Corp"), unless
    it is part of a legal form ("Eli Lilly and Co") or of a KB name running over it."""
    if legal_form_length(w, i):
        return False
    prev = w.toks[i - 1].text
    if kb_ends_at(kb, w.toks, i - 1):
        return True
    if not (prev in LEGAL_FORMS or is_odd_legal_form(prev)):
        return False
    for p in range(max(start, i - 6), i):
        m = kb_match(kb, w.toks, p, min(w.sent_end[i], p + 8), w.lang)
        if m is not None and m[0] > i:
            return False
    return True


def _kb_covers(kb: KnowledgeBase, w: ArticleState, i: int, k: int, weak: bool) -> bool:
    """Whether a KB name takes the end of the name i..k-1 before a legal form at k
    ("Shares of Sony Group Corporation"); for a designator, the start is enough."""
    for p in range(i, k):
        m = kb_match(kb, w.toks, p, min(w.sent_end[k], k + 3), w.lang)
        if m is None:
            continue
        # the KB name, perhaps with legal forms of its own ("C. Itoh and Co Ltd")
        if p == i and (extend_with_legal_form(w, m[0]) >= k - 1
                       or weak and any(not e.ambiguous for e in m[1])):
            return True
        # a later KB name ends the name ("Shares of Sony Group Corporation"), unless it
        # is a word that needs evidence ("Eastern Telephone and Telegraph Co")
        if m[0] >= k - 1 and any(not e.ambiguous for e in m[1]):
            return True
        # the KB name with generic words of its sector ("Carlsberg Brewery Ltd")
        if p == i and extend_with_legal_form(w, generic_name_end(kb, w, m[0], m[1])) >= k - 1:
            return True
    return False


# words after a known name that name the same company when they fit its sector, before
# a legal form ("Carlsberg Brewery Ltd", "Matsushita Electric Industrial Co"): word -> sector stems
_TELECOM = ("telecom", "telephon", "telegraph", "network", "phone")
_GENERIC_WORDS = {
    "Telephone": _TELECOM, "Telegraph": _TELECOM, "Telecommunications": _TELECOM,
    "Motor": ("automo", "motor", "vehicle", "truck"), "Electric": ("electr",),
    "Electrical": ("electr",), "Chemical": ("chemical",), "Chemicals": ("chemical",),
    "Brewery": ("brew",), "Breweries": ("brew",), "Brewing": ("brew",), "Steel": ("steel",),
    "Oil": ("oil",), "Petroleum": ("oil", "petrol"), "Pharmaceutical": ("pharma",),
    "Pharmaceuticals": ("pharma",), "Computer": ("computer", "electronic"), "Glass": ("glass",),
    "Aircraft": ("aircraft", "aerospace", "aviation"),
}
# words of any company, only after a fitting word: many an "X Industries" is another
# company of a group than X ("Samsung Heavy Industries"), "X Electric Industries" less so
_NEUTRAL_WORDS = {"Industries", "Industrial", "Works", "Manufacturing"}


def generic_name_end(kb: KnowledgeBase, w: ArticleState, j: int, entries) -> int:
    """Last of the generic words that follow a KB name ending at token j and fit the
    organization's sector, when a legal form follows them ("Carlsberg Brewery
    Ltd"); else j. Only for a name of one organization that needs no evidence: "Deutsche
    Bank" and "General Electric" are no KB name plus a generic word."""
    ids = {e.org_id for e in entries if not e.ambiguous and e.kind != "brand"}
    if len(ids) != 1 or len({e.org_id for e in entries}) != 1:
        return j
    sector = kb.orgs[ids.pop()].sector.lower()
    toks, end, fitting = w.toks, j, False
    while end + 1 < w.sent_end[j] and end - j < 3 and w.owner[end + 1] is None \
            and toks[end + 1].start - toks[end].end == 1:
        word = toks[end + 1].text
        if any(stem in sector for stem in _GENERIC_WORDS.get(word, ())):
            fitting = True
        elif not (fitting and word in _NEUTRAL_WORDS):
            break
        end += 1
    return end if fitting and legal_form_length(w, end + 1) else j


def legal_form_names(tables: Tables, w: ArticleState) -> None:
    """Names ending in a legal form, unless the KB knows the whole name before it."""
    toks = w.toks
    for k, t in enumerate(toks):
        if w.owner[k] is not None or k in w.sent_first:
            continue
        text = t.text
        strong = text in _STRONG_ANCHORS or is_odd_legal_form(text) or (
            text in ("e.", "Gesellschaft") and legal_form_length(w, k) > 1)
        weak = text in _WEAK_ANCHORS
        if not (strong or weak):
            continue
        i = _name_start(tables, w, k)
        if i is None:
            continue
        i = _skip_leading_modifier(tables, w, i, k)
        prev = toks[k - 1]
        if weak and not (is_proper(prev) or prev.text[:1].isdigit() or (
                w.lang == "en" and is_cap(prev) and k - 1 not in w.sent_first) or (
                text in ("Group", "Gruppe", "Holding", "Holdings") and is_cap(prev)
                and (text != "Gruppe" or not (prev.pos.startswith("NN")
                                              and prev.lemma.lower() != prev.text.lower())))):
            continue  # "die Gruppe", "Co" after a common noun
        if _kb_covers(tables.kb, w, i, k, weak):
            continue  # the KB knows the name; step 2 adds the legal form to it
        j = extend_with_legal_form(w, k + max(legal_form_length(w, k), 1) - 1)
        add_org(tables, w, i, j, 0.85)
