"""Names marked as such in the text: newswire angle brackets ("<Wagner and
Brown>") and social-media handles and hashtags ("@Siemens_Presse", "#Bosch").

These run first: the marking is the strongest evidence there is.
"""
from __future__ import annotations

import re

from ...article import Mention
from ...kb import KnowledgeBase
from ...names import squash, unknown_org_id
from .. import lexicon as lx
from .doc_names import add_org
from .kb_lookup import pick
from .state import ArticleState
from .tables import Tables
from .words import tokens_in

_ANGLE = re.compile(r"<([A-Z][^<>\n]{1,70}?)>")
_HANDLE = re.compile(r"^[@#]([A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß0-9_]+)$")
_HANDLE_PARTS = re.compile(r"[A-ZÄÖÜ]+(?=[A-ZÄÖÜ][a-zäöüß])|[A-ZÄÖÜ]?[a-zäöüß]+|[A-ZÄÖÜ]+|\d+")


def angle_bracket_names(tables: Tables, w: ArticleState) -> None:
    """Newswire marks company names in angle brackets: "<Wagner and Brown>" is one name."""
    for m in _ANGLE.finditer(w.text):
        inner = m.group(1).strip()
        if not re.search(r"[a-z]", inner):
            continue  # a ticker such as <AFG> or <MITH.T>
        ti = tokens_in(w.toks, m.start(1), m.start(1) + len(inner))
        if ti and w.free(ti[0], ti[-1]):
            add_org(tables, w, ti[0], ti[-1], 0.9)


def social_handles(tables: Tables, w: ArticleState) -> None:
    """"@handle" and "#hashtag" of an organization (or a person's handle)."""
    for k, t in enumerate(w.toks):
        if t.text[:1] not in "@#" or w.owner[k] is not None:
            continue
        m = _HANDLE.match(t.text)
        if not m:
            continue
        body = m.group(1)
        if t.text[0] == "#":
            found = _hashtag_org(tables, body)
        else:
            found = _handle(tables, body)
        if found is None:
            continue
        label, oid, name = found
        if label == "PER":
            w.add(k, k, Mention(t.start, t.end, "PER", t.text, None, name, "name", 0.7, t.sent))
        else:
            w.add(k, k, Mention(t.start, t.end, "ORG", t.text, oid, name, "name", 0.8, t.sent))


def _squashed_org(kb: KnowledgeBase, key: str, names_only: bool = False):
    """(label, org id, name) of the KB organization named ``key`` (squashed), or None."""
    entries = kb.squashed.get(key, ())
    if names_only:
        entries = [e for e in entries if e.kind == "name"]
    if not entries:
        return None
    org = kb.orgs[pick(entries, set()).org_id]
    return "ORG", org.id, org.name


def _hashtag_org(tables: Tables, body: str):
    """(label, org id, name) of a hashtag that is a KB organization's name, or None."""
    if len(body) < 3 or body in tables.places or body.lower() in tables.nationalities:
        return None
    return _squashed_org(tables.kb, squash(body), names_only=True)


def _handle(tables: Tables, body: str):
    """(label, org id, name) of a social-media handle, or None for a private account."""
    sq = squash(body)
    found = _squashed_org(tables.kb, sq)
    if found:
        return found
    parts = _HANDLE_PARTS.findall(body)
    low = [p.lower() for p in parts]
    if len(parts) > 1 and (len(parts[0]) >= 3 or parts[0].isupper()):
        found = _squashed_org(tables.kb, low[0])
        if found:  # "@Siemens_Presse", "@BoschPresse"
            return found
    for n in range(len(sq) - 2, 2, -1):  # "@siemensnews", "@BOSCHINFO": a known name and a suffix
        rest = sq[n:]
        if sq[:n] in tables.kb.squashed and (rest.isdigit() or rest in lx.HANDLE_ORG_WORDS):
            return _squashed_org(tables.kb, sq[:n])
    if len(parts) > 1 and any(p in lx.HANDLE_ORG_WORDS for p in low):
        return "ORG", unknown_org_id(body), body  # "@PolizeiMusterstadt"
    if any(ch.isdigit() for ch in body):
        return None
    def surname(p: str) -> bool:
        return len(p) >= 3 and p.isalpha() and bool(re.search(r"[aeiouyäöü]", p.lower()))

    if len(parts) >= 2 and tables.is_strong_first(parts[0]) and surname(parts[1]):
        return "PER", None, " ".join(p.capitalize() for p in parts)  # "@Heinrich_Krug"
    if len(parts) == 1 and body[:1].isupper() and body[1:].islower():
        for n in range(len(body) - 4, 3, -1):  # "@Thomasmeyer"
            if tables.is_strong_first(body[:n]) and surname(body[n:]):
                return "PER", None, body[:n] + " " + body[n:].capitalize()
    return None
