"""Organizations: lookup by id, name, alias, knowledge base or typo; their
partners, counts, aliases and listings (and the people list)."""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ...errors import KoopError
from ...names import fold_accents, norm_name
from ..schema import (cooperation_parties, org_aliases, org_mentions, organizations, people,
                      person_mentions)
from .patterns import like_pattern

log = logging.getLogger(__name__)

FUZZY_CUTOFF = 80  # rapidfuzz ratio (0-100) for typo matches of organization names


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    linked: bool = True


@dataclass(frozen=True)
class PartnerHit:
    org: Org
    depth: int
    via: list[Org]  # the path from the queried organization (exclusive) to this one
    cooperation_id: int
    status: str
    sources: int


# -- organization lookup ----------------------------------------------------

@lru_cache(maxsize=1)
def _kb_resolver() -> Callable[[str], tuple[str, bool] | None] | None:
    """The knowledge base's name -> (org id, exact) linker (``koop.kb``), if it loads.

    ``exact`` is False when the knowledge base corrected a typo."""
    try:
        from ...kb import default_kb, fold as kb_fold, strip_legal

        kb = default_kb()
    except Exception as e:  # no usable KB: fall back to the graph's own names
        log.debug("knowledge base unavailable: %s", e)
        return None

    def resolve(name: str) -> tuple[str, bool] | None:
        try:
            org = kb.resolve(name)
            if org is None:
                return None
            exact = bool(kb.lookup(name) or kb.folded.get(kb_fold(name))
                         or kb.folded.get(kb_fold(strip_legal(name))))
        except Exception as e:  # a KB problem must not break queries
            log.debug("kb lookup failed for %r: %s", name, e)
            return None
        oid = getattr(org, "id", None)
        return (oid, exact) if oid else None

    return resolve


def get_org(conn: Connection, org_id: str) -> Org | None:
    row = conn.execute(sa.select(organizations).where(organizations.c.id == org_id)).first()
    return Org(row.id, row.name, bool(row.linked)) if row else None


def _weight(conn: Connection, ids: Iterable[str]) -> dict[str, int]:
    """Number of cooperations per org (to prefer the organization people mean)."""
    ids = list(ids)
    rows = conn.execute(sa.select(cooperation_parties.c.org_id, sa.func.count())
                        .where(cooperation_parties.c.org_id.in_(ids))
                        .group_by(cooperation_parties.c.org_id)).all()
    return {**{i: 0 for i in ids}, **dict(rows)}


# how an organization was found from a name, and whether that is a guess
MATCH_KINDS = {"id": False, "name": False, "knowledge-base": False, "typo": True,
               "partial": True}
_HOW = {"id": "its id", "name": "a stored name or alias", "knowledge-base": "linked by the knowledge base",
        "typo": "a typo of a stored name", "partial": "shares its words with a stored name"}


@dataclass(frozen=True)
class OrgMatch:
    """The organization a name was taken to mean, and how.

    ``kind``: ``id`` (the exact id), ``name`` (a stored name or alias, ignoring
    case, accents and legal forms), ``knowledge-base`` (a name or brand the
    knowledge base knows), ``typo`` (a name one or two letters off) or
    ``partial`` (a name sharing words with a stored one, or only like one:
    "the company" and "southern company"). ``guess`` is true for
    the last two, and when several organizations matched equally well but one
    has more cooperations. ``candidates`` are the ids that matched.
    """

    org: Org
    kind: str
    guess: bool
    candidates: tuple[str, ...] = ()


def find_org(conn: Connection, name: str) -> Org:
    """The organization meant by ``name``, matched as extraction links names.

    Order: exact id; the one organization with that stored name or alias
    (case, accents and legal forms ignored); the knowledge base linker
    (``koop.kb``: aliases, legal names, brands, typos); several stored
    aliases; a typo of a stored alias (rapidfuzz); a name whose words
    contain, or are contained in, a stored alias ("Leica Camera" -> "Leica").
    Among several equal matches the organization with more cooperations
    wins; a tie raises E043.
    RETURNS (Org): the organization. Raises KoopError E042 when none matches.
    """
    found = match_org(conn, name)
    log.info("'%s' is %s (%s): %s", name.strip(), found.org.name, found.org.id, _HOW[found.kind]
             + (", the one with most cooperations" if len(found.candidates) > 1 else ""))
    return found.org


def match_org(conn: Connection, name: str) -> OrgMatch:
    """Like :func:`find_org`, and says how the organization was found (see OrgMatch).

    Raises KoopError E042 (with ``suggestions``, a list of Org) when none
    matches, E043 on a tie.
    """
    name = name.strip()
    org = get_org(conn, name)
    if org:
        return OrgMatch(org, "id", False, (org.id,))
    norm = norm_name(name)
    ids = conn.execute(sa.select(org_aliases.c.org_id).distinct()
                       .where(org_aliases.c.norm == norm)).scalars().all()
    if len(ids) == 1:
        return OrgMatch(get_org(conn, ids[0]), "name", False, tuple(ids))
    kind = "name"
    resolver = _kb_resolver()
    if resolver:
        hit = resolver(name)
        if hit and (org := get_org(conn, hit[0])):
            return OrgMatch(org, "knowledge-base" if hit[1] else "typo", not hit[1], (org.id,))
    if not ids:
        ids, close = _fuzzy_ids(conn, norm)
        kind = "typo" if close else "partial"
    if not ids:
        ids, kind = _word_subset_ids(conn, norm), "partial"
    if not ids:
        suggestions = _suggestions(conn, norm)
        raise KoopError("E042", name=name, hint=_hint(name, suggestions), suggestions=suggestions)
    guess = MATCH_KINDS[kind]
    if len(ids) > 1:
        weights = _weight(conn, ids)
        ranked = sorted(ids, key=lambda i: (-weights[i], i))
        if weights[ranked[0]] == weights[ranked[1]]:
            raise KoopError("E043", name=name, candidates=", ".join(
                f"{o.name} ({o.id})" for o in (get_org(conn, i) for i in ranked[:5]) if o))
        ids, guess = ranked, True
    return OrgMatch(get_org(conn, ids[0]), kind, guess, tuple(ids))


def _fuzzy_ids(conn: Connection, norm: str) -> tuple[list[str], bool]:
    """Organizations with the stored alias most like ``norm`` (rapidfuzz ratio >= 80),
    and whether that alias is a typo away: one or two letters (OSA distance; two
    from 10 characters), not a word ("the company" is not "southern company")."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    choices: dict[str, list[str]] = defaultdict(list)
    for org_id, alias_norm in conn.execute(sa.select(org_aliases.c.org_id, org_aliases.c.norm)):
        choices[alias_norm].append(org_id)
    hits = process.extract(norm, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                           limit=10)
    if not hits:
        return [], False
    top = hits[0][1]
    best = [alias for alias, score, _ in hits if score == top]
    limit = 1 if len(norm) < 10 else 2
    close = any(OSA.distance(norm, alias, score_cutoff=limit) <= limit for alias in best)
    return sorted({oid for alias in best for oid in choices[alias]}), close


def _word_subset_ids(conn: Connection, norm: str) -> list[str]:
    """Organizations with an alias whose words contain, or are contained in, the name's
    (words of one character do not count: "<img src=x>" is not X)."""
    words = {w for w in norm.split() if len(w) > 1}
    if not words:
        return []
    ids = set()
    for org_id, alias_norm in conn.execute(sa.select(org_aliases.c.org_id, org_aliases.c.norm)):
        alias_words = {w for w in alias_norm.split() if len(w) > 1}
        if alias_words and (alias_words <= words or words <= alias_words):
            ids.add(org_id)
    return sorted(ids)


SUGGEST_CUTOFF = 75  # rapidfuzz ratio (0-100) of a "Did you mean" suggestion


def _suggestions(conn: Connection, norm: str, limit: int = 3) -> list[Org]:
    """Up to ``limit`` organizations with a stored name or alias close to ``norm``
    (a typo, not a shared word or letter)."""
    from rapidfuzz import fuzz, process

    if not norm:
        return []
    by_norm: dict[str, Org] = {}
    for alias, oid, org_name, linked in conn.execute(
            sa.select(org_aliases.c.norm, organizations.c.id, organizations.c.name, organizations.c.linked)
            .join(organizations, organizations.c.id == org_aliases.c.org_id)
            .order_by(organizations.c.name)):
        by_norm.setdefault(alias, Org(oid, org_name, bool(linked)))
    close = process.extract(norm, list(by_norm), scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF,
                            limit=10)
    return list({by_norm[c[0]].id: by_norm[c[0]] for c in close}.values())[:limit]


def _hint(name: str, suggestions: list[Org]) -> str:
    """The hint of E042: a knowledge-base organization the graph has no cooperations of
    yet, else the close names, else nothing."""
    known = _kb_org(name)
    if known is not None:
        return (f" {known[1]} ({known[0]}) is a known organization, but the graph has no "
                "cooperations of it yet.")
    return (" Did you mean: " + ", ".join(o.name for o in suggestions) + "?") if suggestions else ""


def _kb_org(name: str) -> tuple[str, str] | None:
    """(id, name) of the knowledge-base organization ``name`` denotes, if any."""
    try:
        from ...kb import default_kb

        kb = default_kb()
        org = kb.resolve(name)
    except Exception as e:  # a KB problem must not break queries
        log.debug("kb lookup failed for %r: %s", name, e)
        return None
    return (org.id, org.name) if org is not None and getattr(org, "id", None) else None


# -- cooperations -----------------------------------------------------------
def organizations_with_counts(conn: Connection) -> list[dict]:
    """Every organization with its aliases, article and cooperation counts."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for oid, alias in conn.execute(sa.select(org_aliases.c.org_id, org_aliases.c.alias)
                                   .order_by(org_aliases.c.org_id, org_aliases.c.alias)):
        aliases[oid].append(alias)
    n_art = dict(conn.execute(sa.select(org_mentions.c.org_id, sa.func.count())
                              .group_by(org_mentions.c.org_id)).all())
    n_coop = dict(conn.execute(sa.select(cooperation_parties.c.org_id, sa.func.count())
                               .group_by(cooperation_parties.c.org_id)).all())
    return [{"id": r.id, "name": r.name, "linked": bool(r.linked),
             "aliases": sorted({a for a in aliases.get(r.id, []) if a != r.name}),
             "articles": n_art.get(r.id, 0), "cooperations": n_coop.get(r.id, 0)}
            for r in conn.execute(sa.select(organizations).order_by(organizations.c.id))]


def people_list(conn: Connection) -> list[dict]:
    return [{"id": r.id, "name": r.name, "org": r.org_name, "org_id": r.org_key or None,
             "articles": r.n}
            for r in conn.execute(
                sa.select(people.c.id, people.c.name, people.c.org_name, people.c.org_key,
                          sa.func.count(person_mentions.c.article_id).label("n"))
                .join(person_mentions, person_mentions.c.person_id == people.c.id, isouter=True)
                .group_by(people.c.id, people.c.name, people.c.org_name, people.c.org_key)
                .order_by(people.c.name, people.c.id))]


def _org_counts(conn: Connection, ids: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Cooperations and distinct partners per organization."""
    if not ids:
        return {}, {}
    n_coop = dict(conn.execute(sa.select(cooperation_parties.c.org_id, sa.func.count())
                               .where(cooperation_parties.c.org_id.in_(ids))
                               .group_by(cooperation_parties.c.org_id)).all())
    cp1, cp2 = cooperation_parties.alias("cp1"), cooperation_parties.alias("cp2")
    n_partners = dict(conn.execute(
        sa.select(cp1.c.org_id, sa.func.count(sa.distinct(cp2.c.org_id)))
        .join(cp2, sa.and_(cp1.c.cooperation_id == cp2.c.cooperation_id,
                           cp1.c.org_id != cp2.c.org_id))
        .where(cp1.c.org_id.in_(ids)).group_by(cp1.c.org_id)).all())
    return n_coop, n_partners


def org_summaries(conn: Connection, org_ids: Iterable[str]) -> list[dict]:
    """Organizations with their cooperation and distinct-partner counts, in the given order."""
    org_ids = list(dict.fromkeys(org_ids))
    rows = {r.id: r for r in conn.execute(
        sa.select(organizations).where(organizations.c.id.in_(org_ids)))} if org_ids else {}
    n_coop, n_partners = _org_counts(conn, list(rows))
    return [{"id": i, "name": rows[i].name, "linked": bool(rows[i].linked),
             "cooperations": n_coop.get(i, 0), "partners": n_partners.get(i, 0)}
            for i in org_ids if i in rows]


def search_organizations(conn: Connection, text: str | None = None, limit: int = 20,
                         offset: int = 0) -> tuple[int, list[dict]]:
    """Organizations whose id, name or an alias contains ``text`` (all when empty).

    Case and accents are ignored. Organizations with more cooperations come
    first, then by name.
    RETURNS (tuple[int, list[dict]]): the number of matches and one page of
    ``{id, name, linked, cooperations, partners}``.
    """
    n_coop = (sa.select(sa.func.count()).select_from(cooperation_parties)
              .where(cooperation_parties.c.org_id == organizations.c.id)
              .correlate(organizations).scalar_subquery())
    query = sa.select(organizations.c.id)
    if text and text.strip():
        q_name, q_id = like_pattern(norm_name(text) or fold_accents(text)), like_pattern(fold_accents(text.strip()))
        alias_hit = (sa.select(org_aliases.c.org_id)
                     .where(org_aliases.c.norm.like(q_name, escape="\\")))
        query = query.where(sa.or_(organizations.c.id.in_(alias_hit),
                                   organizations.c.id.like(q_id, escape="\\")))
    total = conn.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    ids = conn.execute(query.order_by(n_coop.desc(), organizations.c.name, organizations.c.id)
                       .limit(limit).offset(offset)).scalars().all()
    return total, org_summaries(conn, ids)


def aliases_of(conn: Connection, org_ids: Iterable[str]) -> dict[str, list[str]]:
    """Every stored name and alias of the given organizations, longest first."""
    org_ids = list(org_ids)
    out: dict[str, set[str]] = {i: set() for i in org_ids}
    if not org_ids:
        return {}
    for oid, name in conn.execute(sa.select(organizations.c.id, organizations.c.name)
                                  .where(organizations.c.id.in_(org_ids))):
        out[oid].add(name)
    for oid, alias in conn.execute(sa.select(org_aliases.c.org_id, org_aliases.c.alias)
                                   .where(org_aliases.c.org_id.in_(org_ids))):
        out[oid].add(alias)
    return {i: sorted(names, key=lambda n: (-len(n), n)) for i, names in out.items()}
