"""Organizations in no KB, found by the shape of their name: a designator at the
end ("Harlow Times", in English also "China International Exhibition Centre"), a
cue noun before it ("der Hersteller Kaltenbach"), an institution head in a compound
("Helmut-Berger-Institut"), two names joined by "+" or "&" ("Hallmann+Weiss"), or
two organizations' names joined by a hyphen that name their joint venture
("Sapporo-Genentech Inc").
"""
from __future__ import annotations

from ...article import Mention
from ...names import LEGAL_FORMS, fold
from .. import lexicon as lx
from ..segment import analyze_word, known_word
from .doc_names import add_org
from .kb_lookup import kb_match, known_org
from .legal_forms import company_word, extend_with_legal_form
from .state import ArticleState
from .tables import Tables
from .words import HEAD_ADJECTIVES, PROPER_TAGS, compound_head, is_cap, is_cue, is_proper

_INSTITUTION_CUES = {"Universität", "Hochschule", "Fachhochschule", "Akademie", "Institut", "Stiftung",
                     "Klinik", "Klinikum", "Museum", "Theater", "Gymnasium", "University", "Institute"}
_GENITIVE_HEADS = {"instituts": "institut", "verbands": "verband", "zentrums": "zentrum",
                   "klinikums": "klinikum", "museums": "museum", "verlags": "verlag",
                   "konzerns": "konzern", "krankenhauses": "krankenhaus"}


def designator_names(tables: Tables, w: ArticleState) -> None:
    """Capitalised names ending in a designator: "Harlow Times", "Redwood Venture Capital"."""
    toks = w.toks
    for k, t in enumerate(toks):
        if t.text not in lx.ORG_DESIGNATORS or w.owner[k] is not None or k in w.sent_first:
            continue
        i = k
        while (i - 1 >= w.sent_start[k] and k - i < 3 and w.owner[i - 1] is None
               and is_cap(toks[i - 1]) and toks[i - 1].text not in lx.ORG_DESIGNATORS
               and not is_cue(toks[i - 1].text, w.lang)
               and toks[i].start - toks[i - 1].end == 1):
            i -= 1
        if i == k or not any(is_proper(x) or (w.lang == "en" and not known_word(x.text, "en"))
                             for x in toks[i:k]):
            continue  # a word the tagger does not know is a name too ("Argonne National Laboratory")
        if any(x.text in tables.places or x.text in tables.first_names for x in toks[i:k]) and k - i == 1:
            continue
        if w.lang == "de" and toks[i].pos.startswith("ADJ") and toks[i].text not in tables.city_adjectives:
            continue
        if k + 1 < len(toks) and toks[k + 1].text[:1] == "-":
            continue
        j = extend_with_legal_form(w, k)
        add_org(tables, w, i, j, 0.75, short_forms=False)


_CENTRES = {"Centre", "Center"}
# words before "Centre" that make it a place or a facility ("Shopping Center", "City Centre")
_PLACE_CENTRES = {"Shopping", "City", "Town", "Trade", "Garden", "Leisure", "Community", "Visitor",
                  "Visitors", "Call", "Data", "Fitness", "Sports", "Civic", "Distribution", "Service",
                  "Business", "Retail", "Outlet", "Holiday", "Car", "Village", "Market", "Transport",
                  "Logistics", "Customer", "Fulfilment", "Fulfillment", "Innovation", "Operations"}


def centre_names(tables: Tables, w: ArticleState) -> None:
    """English names of several capitalised words ending in "Centre" with a proper noun or
    adjective among them: "China International Exhibition Centre", "Kennedy Space Center";
    not places and facilities ("Westfield Shopping Center", "Birmingham City Centre")."""
    toks = w.toks
    if w.lang != "en":
        return
    for k, t in enumerate(toks):
        if t.text not in _CENTRES or w.owner[k] is not None or k in w.sent_first:
            continue
        i = k
        while (i - 1 >= w.sent_start[k] and k - i < 4 and w.owner[i - 1] is None and is_cap(toks[i - 1])
               and not is_cue(toks[i - 1].text, w.lang) and toks[i].start - toks[i - 1].end == 1):
            i -= 1
        if k - i < 2 or toks[k - 1].text in _PLACE_CENTRES or (
                k + 1 < len(toks) and toks[k + 1].text[:1] == "-"):
            continue
        if not any(x.pos in PROPER_TAGS or x.pos.startswith("AJ") for x in toks[i:k]):
            continue
        add_org(tables, w, i, extend_with_legal_form(w, k), 0.75, short_forms=False)


def cue_noun_names(tables: Tables, w: ArticleState) -> None:
    """Names right after a cue noun: "der Hersteller Kaltenbach", "die Agentur Zappzoom"."""
    toks, lang = w.toks, w.lang
    for k, t in enumerate(toks[:-1]):
        if not is_cue(t.text, lang) or w.owner[k] is not None:
            continue
        i = k + 1
        if i >= w.sent_end[k] or not is_cap(toks[i]):
            continue
        if w.owner[i] is not None:
            # "Werbeagentur Conrad Lindholm": a one-word KB name opening a longer name
            o = w.owner[i]
            if not (o.label == "ORG" and w.spans[id(o)] == (i, i) and i + 1 < w.sent_end[k]
                    and w.owner[i + 1] is None and is_cap(toks[i + 1]) and _namey(w, i + 1)
                    and toks[i + 1].start - toks[i].end == 1 and not tables.kb.lookup(toks[i + 1].text)
                    and toks[i + 1].text not in tables.places and toks[i + 1].text not in lx.UNIT_DESIGNATORS):
                continue
        person_like = t.text.lower() in lx.PERSON_LIKE_CUES or compound_head(t.text) in lx.PERSON_LIKE_CUES \
            or t.text.lower().endswith(("spezialist", "spezialisten"))  # "Finanzspezialist Anna Berg"
        if toks[i].text in tables.first_names and (person_like or lang == "en"):
            continue
        if lang == "de" and toks[i].pos not in PROPER_TAGS and not toks[i].text.isupper() \
                and (toks[i].pos.startswith("NN") and toks[i].lemma.lower() != toks[i].text.lower()) \
                and not (i + 1 < w.sent_end[k] and company_word(toks[i + 1].text) and w.owner[i + 1] is None
                         and not known_word(toks[i].text, lang)):
            continue  # an inflected common noun, not a name (but "Brandtner Umwelttechnik")
        j = i
        while j + 1 < w.sent_end[k] and w.owner[j + 1] is None and j - i < 2 and is_cap(toks[j + 1]) \
                and (_namey(w, j + 1) or lang == "de" and company_word(toks[j + 1].text)) \
                and not is_cue(toks[j + 1].text, lang) and toks[j + 1].text not in tables.places:
            j += 1  # "der Entsorger Höllwart Umwelttechnik": a company word ends the name
        j = extend_with_legal_form(w, j)
        if toks[i].text in tables.places and j == i:
            continue
        if lang == "en" and toks[i].pos not in PROPER_TAGS and j == i:
            continue
        start, name = i, None
        if t.text in _INSTITUTION_CUES and w.owner[k] is None:
            # "der Technischen Universität Nanyang": the head belongs to the name
            start = k
            adj = HEAD_ADJECTIVES.get(toks[k - 1].text) if k > 0 else None
            if adj and w.owner[k - 1] is None and w.same_sentence(k - 1, k):
                start = k - 1
                name = adj + w.text[toks[k - 1].end:toks[j].end]
        add_org(tables, w, start, j, 0.75, name=name)


def _namey(w: ArticleState, k: int) -> bool:
    """Tagged as a proper noun; in German also a capitalised adjective or verb inside a
    sentence, which only a name has ("Kanzlei Stahl Frommer")."""
    t = w.toks[k]
    if t.pos in PROPER_TAGS:
        return True
    return (w.lang == "de" and k not in w.sent_first and t.text[:1].isupper()
            and t.pos.startswith(("ADJ", "VV", "ADV")))


def compound_names(tables: Tables, w: ArticleState) -> None:
    """Name compounds with an institution head: "Helmut-Berger-Institut", "Sankt-Lukas-Kliniken"."""
    toks = w.toks
    for k, t in enumerate(toks):
        if w.owner[k] is not None or "-" not in t.text.strip("-") or not t.text[:1].isupper():
            continue
        parts = t.text.split("-")
        head = parts[-1].lower()
        if head not in lx.ORG_COMPOUND_HEADS or len(parts) < 2:
            continue
        ok = True
        for p in parts[:-1]:
            if len(p) < 2 or not p[:1].isupper():
                ok = False
                break
            if p in tables.places or p.lower() in tables.nationalities:
                ok = False
                break
            if p.isupper() or p in tables.first_names or tables.kb.lookup(p):
                continue
            if analyze_word(p, w.lang)[1] not in PROPER_TAGS:
                ok = False
                break
        if not ok:
            continue
        j = k
        # "Krisennavigator-Institut für Krisenforschung"
        if (head.startswith(("institut", "zentrum", "gesellschaft", "akademie", "stiftung", "verband"))
                and k + 2 < w.sent_end[k] and toks[k + 1].text == "für" and is_cap(toks[k + 2])
                and w.free(k + 1, k + 2)):
            j = k + 2
        base = _GENITIVE_HEADS.get(head)
        name = t.text[:-len(head)] + parts[-1][:len(base)] if base else t.text
        if j > k:
            name += w.text[t.end:toks[j].end]
        add_org(tables, w, k, j, 0.75, name=name, short_forms=False)


def firm_names(tables: Tables, w: ArticleState) -> None:
    """Partnership firms: "Hallmann+Weiss", "Carlton & Wells" (two names joined by + or &)."""
    toks = w.toks
    for k in range(1, len(toks) - 1):
        if toks[k].text not in ("+", "&") or not w.free(k - 1, k + 1):
            continue
        a, b = toks[k - 1], toks[k + 1]
        if not (w.same_sentence(k - 1, k + 1) and is_cap(a) and is_cap(b)) or min(len(a.text), len(b.text)) < 2:
            continue
        tight = a.end == toks[k].start and toks[k].end == b.start  # "Hallmann+Weiss"
        if not tight and not (a.pos in ("NE", "NP0") and b.pos in ("NE", "NP0")):
            continue
        if a.text in tables.first_names or b.text in tables.first_names or a.text in tables.places:
            continue
        j = extend_with_legal_form(w, k + 1)
        add_org(tables, w, k - 1, j, 0.75, short_forms=False)


def venture_compounds(tables: Tables, w: ArticleState) -> None:
    """Two organizations' names joined by a hyphen that name a third company, a joint
    venture: "Quillmoor-Siemens Radio Systems", "Sapporo-Genentech Inc" (with designator words
    or a legal form after them), and the same compound alone later ("Sapporo-Genentech said").
    A name the KB knows as a whole ("Daimler-Benz AG", "Prudential-Bache Securities")
    is the KB's, and a compound of a name with a role noun ("Leica-Chef") no venture."""
    toks = w.toks
    found: dict[str, tuple[str, str]] = {}  # folded compound -> (id, name)
    for k in range(len(toks)):
        parts = _hyphen_pair(w, k)
        if parts is None or not all(_org_word(tables, w, p) for p in parts[:2]):
            continue
        j = y = parts[2]
        while j + 1 < w.sent_end[k] and j - y < 3 and w.owner[j + 1] is None and is_cap(toks[j + 1]) \
                and toks[j + 1].start - toks[j].end == 1 and toks[j + 1].text not in LEGAL_FORMS:
            j += 1
        while j > y and toks[j].text not in lx.ORG_DESIGNATORS | lx.UNIT_DESIGNATORS:
            j -= 1  # the designator words end the name: "Radio Systems"
        end = extend_with_legal_form(w, j)
        if end == y or not w.free(k, end):
            continue
        m = kb_match(tables.kb, toks, k, min(w.sent_end[k], k + 8), w.lang)
        if m is not None and m[0] >= y:
            continue  # the KB knows the compound as a name
        whole = w.text[toks[k].start:toks[y].end]
        known = known_org(tables.kb, whole) or known_org(tables.kb, whole.replace("-", " "))
        made = add_org(tables, w, k, end, 0.8, name=known.name if known else None, short_forms=False)
        if made is not None:
            found[fold(whole)] = (made.org_id, made.canonical)
    for k in range(len(toks)) if found else ():
        parts = _hyphen_pair(w, k)
        hit = found.get(fold(w.text[toks[k].start:toks[parts[2]].end])) if parts else None
        if hit is not None and w.free(k, parts[2]):
            s, e = toks[k].start, toks[parts[2]].end
            w.add(k, parts[2], Mention(s, e, "ORG", w.text[s:e], hit[0], hit[1], "name", 0.75, toks[k].sent))


def _hyphen_pair(w: ArticleState, k: int) -> tuple[str, str, int] | None:
    """The two capitalised names of a hyphen compound starting at token k, as one token
    ("Sapporo-Genentech" in German) or three ("Sapporo", "-", "Genentech" in English), with the
    index of its last token; None if there is none or a token of it is taken."""
    toks = w.toks
    t = toks[k]
    if w.owner[k] is not None or not t.text[:1].isupper():
        return None
    if t.text.count("-") == 1 and "-" in t.text.strip("-"):
        x, y = t.text.split("-")
        last = k
    elif (k + 2 < w.sent_end[k] and toks[k + 1].text == "-" and toks[k + 1].start == t.end
          and toks[k + 2].start == toks[k + 1].end and w.free(k + 1, k + 2)):
        x, y, last = t.text, toks[k + 2].text, k + 2
    else:
        return None
    return (x, y, last) if y[:1].isupper() and min(len(x), len(y)) >= 2 else None


def _org_word(tables: Tables, w: ArticleState, word: str) -> bool:
    """A one-word name of an organization: the KB's or one this article has named."""
    return bool(tables.kb.lookup(word)) or fold(word) in w.doc_orgs and fold(word) not in w.weak_short
