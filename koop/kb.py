"""The organization knowledge base: canonical identities and the name index
that links surface forms (names, aliases, legal names, brands, typos) to them.

The shipped data lives in ``koop/data/orgs/*.jsonl`` (format in
docs/knowledge-base.md); users add their own files with ``KOOP_KB`` (paths
separated by ``os.pathsep``) or :func:`load_kb(extra=...)`. Entries merge by
``id``: a later file extends or overrides an earlier one.

One ``KnowledgeBase`` object is built from those paths and handed to the pipeline
(``Pipeline(kb=...)``, ``default_pipeline(kb_paths)``); :func:`shared_kb` keeps one
per set of paths in a process. ``KOOP_KB`` is read here, never written.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from .errors import KoopError
from .names import fold, squash, strip_legal

ORG_TYPES = {"company", "bank", "insurer", "university", "research", "association", "union",
             "media", "agency", "public", "international", "ngo", "club"}

# Name patterns of universities that news writes in several ways ("Technische
# Universität Graz", "TU Graz", "Technische Uni Graz"): each form of a pattern
# adds the other forms as aliases of the same organization.
_UNI_FORMS = (
    ("Technische Universität ", "TU ", "Technische Uni "),
    ("Medizinische Universität ", "MedUni ", "Med-Uni ", "Medizin-Uni ", "Medizinische Uni "),
    ("Universität ", "Uni "),
)


def name_variants(surface: str) -> list[str]:
    """Other common spellings of a name: a university's ("TU Wien" -> "Technische
    Universität Wien"), a legal name's without comma and final dot ("Motorola, Inc." ->
    "Motorola Inc")."""
    out = []
    if "," in surface or surface.endswith("."):
        plain = surface.replace(",", "").rstrip(".")
        if plain != surface and len(plain) > 2:
            out.append(plain)
    for forms in _UNI_FORMS:
        for f in forms:
            if surface.startswith(f) and len(surface) > len(f) + 1:
                rest = surface[len(f):]
                return out + [g + rest for g in forms if g != f]
    return out


def spacing_key(s: str) -> str:
    """Comparison key that keeps word breaks: case, apostrophe and hyphen variants aside."""
    s = unicodedata.normalize("NFC", s).replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return " ".join(s.casefold().split())


@lru_cache(maxsize=200_000)
def surface_key(s: str) -> str:
    """Index key of a surface form: spacing and hyphen/apostrophe variants unified."""
    s = unicodedata.normalize("NFC", s).replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return re.sub(r"\s+", "", s)


@dataclass
class Org:
    """One organization of the knowledge base."""

    id: str
    name: str
    legal_names: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    type: str = "company"
    sector: str = ""
    city: str = ""
    city_de: str = ""
    country: str = ""
    domain: str = ""
    ambiguous: set[str] = field(default_factory=set)
    # names of a town too ("Nokia") that news uses mostly for this organization
    beats_place: set[str] = field(default_factory=set)
    dissolved: int | None = None  # year it ceased to exist (then ``domain`` may be empty)

    def names(self, own: dict[str, set[str]] | None = None) -> Iterable[tuple[str, str]]:
        """(surface, kind) for every way to name it; kind is 'name' or 'brand'. With
        ``own`` (see :func:`own_names`), a name cut from a legal form is left out where
        another organization bears it itself ("Vodafone GmbH", Vodafone's German arm,
        is no "Vodafone")."""
        yield self.name, "name"
        for n in self.legal_names + self.aliases:
            yield n, "name"
            stripped = strip_legal(n)
            if stripped and stripped != n and len(stripped) > 2 and (
                    own is None or self.id in own.get(surface_key(stripped), {self.id})):
                yield stripped, "name"
        for b in self.brands:
            yield b, "brand"

    def cities(self) -> set[str]:
        return {c for c in (self.city, self.city_de) if c}


def own_names(orgs: Iterable[Org]) -> dict[str, set[str]]:
    """Each name as the data gives it, legal form and all (its ``surface_key``), and
    the organizations that bear it."""
    out: dict[str, set[str]] = {}
    for o in orgs:
        for n in [o.name, *o.legal_names, *o.aliases, *o.brands]:
            out.setdefault(surface_key(n.strip()), set()).add(o.id)
    return out


@dataclass(frozen=True)
class Entry:
    org_id: str
    kind: str  # 'name' | 'brand'
    ambiguous: bool
    primary: bool  # the org's canonical name


class KnowledgeBase:
    """Organizations and the indexes that link text to them."""

    def __init__(self, orgs: Iterable[Org]) -> None:
        self.orgs: dict[str, Org] = {}
        for o in orgs:
            self.orgs[o.id] = o
        self.index: dict[str, list[Entry]] = {}
        self.folded: dict[str, list[Entry]] = {}
        self.by_city: dict[str, list[str]] = {}
        self._fuzzy: dict[tuple[str, int], list[tuple[str, str]]] = {}
        self._fuzzy_cache: dict[str, str | None] = {}
        self.spaced: set[str] = set()  # names with their word breaks, case-folded
        own = own_names(self.orgs.values())
        for o in self.orgs.values():
            self._index_org(o, own)
        self._mark_city_names()
        self.prefixes = {k[:3] for k in self.index}
        self.upper_index = {k.upper(): v for k, v in self.index.items() if len(k) > 3}
        # lower-cased names without spaces or punctuation, for social-media handles
        # and hashtags ("@Siemens_Presse", "#bosch")
        self.squashed: dict[str, list[Entry]] = {}
        for k, v in self.index.items():
            sq = squash(k)
            if len(sq) >= 2:
                bucket = self.squashed.setdefault(sq, [])
                bucket.extend(e for e in v if all(e.org_id != x.org_id for x in bucket))

    def _mark_city_names(self) -> None:
        """A name that is also a headquarters city ("Schwäbisch Hall") needs evidence;
        ``place_names`` keeps those that need it only for being another organization's
        seat ("Nokia", the company in Espoo, and Nokia, the town of Nokian Tyres), also
        when listed as ambiguous if the data says news uses it mostly for the
        organization (``beats_place``)."""
        cities = {surface_key(c): c for c in self.by_city}
        self.place_names: set[str] = set()
        for key in cities.keys() & self.index.keys():
            entries = self.index[key]
            if all((not e.ambiguous or key in {surface_key(n) for n in self.orgs[e.org_id].beats_place})
                   and e.kind == "name" and cities[key] not in self.orgs[e.org_id].cities() for e in entries):
                self.place_names.add(key)
            self.index[key] = [replace(e, ambiguous=True) for e in self.index[key]]

    def is_place_name(self, surface: str) -> bool:
        """Whether ``surface`` is an organization's name that only a town's name makes
        ambiguous ("Nokia", the company, and Nokia, the Finnish town)."""
        return surface_key(surface) in self.place_names

    def _add(self, surface: str, entry: Entry) -> None:
        key = surface_key(surface)
        if not key:
            return
        self.spaced.add(spacing_key(surface))
        bucket = self.index.setdefault(key, [])
        if all(e.org_id != entry.org_id for e in bucket):
            bucket.append(entry)
        fbucket = self.folded.setdefault(fold(surface), [])
        if all(e.org_id != entry.org_id for e in fbucket):
            fbucket.append(entry)

    def _index_org(self, o: Org, own: dict[str, set[str]]) -> None:
        amb = {surface_key(a) for a in o.ambiguous}
        for surface, kind in o.names(own):
            surface = surface.strip()
            if not surface:
                continue
            key = surface_key(surface)
            is_amb = (key in amb or len(surface) <= 2
                      or (surface.lower() == surface and len(surface) <= 3)
                      # a brand, or one word cut from a longer name ("Brown" of
                      # "Brown University"), needs more evidence than a full name
                      or kind == "brand"
                      or (" " not in surface and " " in o.name and surface in o.name.split()))
            entry = Entry(o.id, kind, is_amb, surface == o.name)
            variant_entry = replace(entry, primary=False)
            for form in [surface, *name_variants(surface)]:
                e = entry if form == surface else variant_entry
                self._add(form, e)
                words = form.split()
                # German adjective inflection of a leading word: Deutsche Bank -> Deutschen Bank
                if len(words) > 1 and words[0].endswith("e") and words[0][:1].isupper():
                    for suffix in ("n", "r", "s"):
                        self._add(" ".join([words[0] + suffix] + words[1:]), e)
            # typos are looked for in one-word names, including the short form that
            # starts a longer canonical name ("Samsung" of "Samsung Electronics")
            first_word = " " in o.name and surface == o.name.split()[0] and key not in amb
            if (not is_amb or first_word) and kind == "name" and len(surface) >= 5 and " " not in surface:
                self._fuzzy.setdefault((surface[:1].lower(), len(surface)), []).append((surface, o.id))
        for city in o.cities():
            self.by_city.setdefault(city, []).append(o.id)

    # -- lookups ------------------------------------------------------------
    def spaced_as_named(self, text: str) -> bool:
        """Whether ``text`` breaks into words where some KB name does ("Micro chip" is
        not "Microchip", "Deutsche Bank" is "Deutsche Bank")."""
        return spacing_key(text) in self.spaced

    def lookup(self, surface: str) -> list[Entry]:
        """Entries whose surface form is exactly ``surface`` (modulo spacing)."""
        key = surface_key(surface)
        found = self.index.get(key)
        if found is None and key.isupper() and len(key) > 3:
            found = self.upper_index.get(key)
        return found or []

    def fuzzy(self, word: str) -> str | None:
        """Org id of a single-word name one typo away from ``word`` (two for long words).

        A typo is an inserted, dropped or replaced letter, or two neighbouring
        letters swapped ("Samsnug"): optimal string alignment distance."""
        if len(word) < 5:
            return None
        if word in self._fuzzy_cache:
            return self._fuzzy_cache[word]
        if len(self._fuzzy_cache) > 200_000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[word] = found = self._fuzzy_search(word)
        return found

    def _fuzzy_search(self, word: str) -> str | None:
        from rapidfuzz.distance import OSA

        limit = 1 if len(word) < 10 else 2
        best = None
        for n in range(len(word) - limit, len(word) + limit + 1):
            for surface, org_id in self._fuzzy.get((word[:1].lower(), n), ()):
                d = OSA.distance(word, surface, score_cutoff=limit)
                if d <= limit and (best is None or d < best[0]):
                    best = (d, org_id)
        return best[1] if best else None

    def resolve(self, name: str) -> Org | None:
        """Best organization for a user-typed name: exact, folded, legal-form-free, then typo."""
        for e in (self.lookup(name) or self.folded.get(fold(name)) or
                  self.folded.get(fold(strip_legal(name))) or []):
            return self.orgs[e.org_id]
        oid = self.fuzzy(name.strip())
        return self.orgs.get(oid) if oid else None

    def __len__(self) -> int:
        return len(self.orgs)


def _parse_line(line: str, path: str, n: int) -> Org:
    try:
        d = json.loads(line)
    except json.JSONDecodeError as e:
        raise KoopError("E020", path=path, line=n, reason=f"not JSON ({e})") from None
    if not isinstance(d, dict) or not d.get("id") or not d.get("name"):
        raise KoopError("E020", path=path, line=n, reason="needs 'id' and 'name'")
    return Org(
        id=str(d["id"]), name=str(d["name"]).strip(),
        legal_names=[str(x) for x in d.get("legal_names") or []],
        aliases=[str(x) for x in d.get("aliases") or []],
        brands=[str(x) for x in d.get("brands") or []],
        type=d.get("type") or "company", sector=d.get("sector") or "",
        city=d.get("city") or "", city_de=d.get("city_de") or "",
        country=(d.get("country") or "").upper(), domain=d.get("domain") or "",
        ambiguous=set(d.get("ambiguous") or []),
        beats_place=set(d.get("beats_place") or []),
        dissolved=_year(d.get("dissolved"), path, n),
    )


def _year(value, path: str, n: int) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return value
    raise KoopError("E020", path=path, line=n, reason=f"'dissolved' must be a year, not {value!r}")


def read_org_file(path: str | Path) -> list[Org]:
    """Organizations of one JSONL file (raises KoopError E020 with the line on bad input)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                out.append(_parse_line(line, str(path), n))
    return out


def merge_orgs(groups: Iterable[list[Org]]) -> list[Org]:
    """Merge by id, and by canonical name (the same company listed twice under two
    ids is one company): later entries extend name lists and override scalar fields."""
    merged: dict[str, Org] = {}
    by_name: dict[str, str] = {}
    for group in groups:
        for o in group:
            old = merged.get(o.id) or merged.get(by_name.get(fold(o.name), ""))
            if old is None:
                merged[o.id] = o
                by_name.setdefault(fold(o.name), o.id)
                continue
            for attr in ("legal_names", "aliases", "brands"):
                seen = getattr(old, attr)
                seen.extend(x for x in getattr(o, attr) if x not in seen)
            old.ambiguous |= o.ambiguous
            old.beats_place |= o.beats_place
            for attr in ("name", "type", "sector", "city", "city_de", "country", "domain", "dissolved"):
                if getattr(o, attr):
                    setattr(old, attr, getattr(o, attr))
    return list(merged.values())


def shipped_files() -> list[Path]:
    folder = resources.files("koop") / "data" / "orgs"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".jsonl"))


def kb_files(extra: Iterable[str | Path] = ()) -> list[Path]:
    """The files of a KB: the shipped ones, then ``extra``, then those in ``KOOP_KB``."""
    files = shipped_files() + [Path(p) for p in extra]
    env = os.environ.get("KOOP_KB")
    if env:
        files += [Path(p) for p in env.split(os.pathsep) if p]
    return files


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped KB plus ``extra`` files and those named in ``KOOP_KB`` (a new object).

    The shipped KB alone (no ``extra``, no ``KOOP_KB``) is kept in a cache file once
    built (see :func:`_kb_cache_file`) and read back from there while neither its
    files nor koop's code change.
    """
    shipped = shipped_files()
    files = kb_files(extra)
    cache = None if len(files) > len(shipped) else _kb_cache_file(files)  # the shipped KB only
    kb = _read_cached_kb(cache)
    if kb is None:
        kb = KnowledgeBase(merge_orgs(read_org_file(f) for f in files))
        _write_cached_kb(cache, kb)
    return kb


# -- the KB cache ---------------------------------------------------------------
# Building the KB (parsing, merging, indexing every name) takes about 0.4 s of each
# process start; unpickling the built KB about 0.06 s. The cache file's name is a
# hash of the KB files' contents and of koop's own code and data (any edit makes a
# new one), in $KOOP_CACHE_DIR (set it empty to turn the cache off), else
# $XDG_CACHE_HOME/koop or ~/.cache/koop. Any problem with it means: build as before.
_KB_CACHE_FORMAT = b"koop-kb-cache-1"
_KB_CACHE_KEEP = 4  # cache files kept


def _cache_dir() -> Path | None:
    env = os.environ.get("KOOP_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "koop"


def _kb_cache_file(files: list[Path]) -> Path | None:
    import hashlib
    import sys

    folder = _cache_dir()
    if folder is None:
        return None
    h = hashlib.sha256(_KB_CACHE_FORMAT)
    h.update(sys.version.encode())
    try:
        package = Path(__file__).resolve().parent
        own = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".json",
                                                                                ".jsonl", ".txt"))
        for p in own + [Path(f) for f in files]:
            h.update(str(p).encode() + b"\0")
            h.update(p.read_bytes())
    except OSError:
        return None  # a missing KB file: building reports it
    return folder / f"kb-{h.hexdigest()[:32]}.pickle"


def _read_cached_kb(path: Path | None) -> KnowledgeBase | None:
    import gc
    import pickle

    if path is None or not path.is_file():
        return None
    enabled = gc.isenabled()
    gc.disable()  # unpickling makes many objects and no garbage: 3x faster without gc
    try:
        with open(path, "rb") as f:
            kb = pickle.load(f)
        return kb if isinstance(kb, KnowledgeBase) else None
    except Exception:
        return None
    finally:
        if enabled:
            gc.enable()


def _write_cached_kb(path: Path | None, kb: KnowledgeBase) -> None:
    import pickle
    import tempfile

    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".kb-", delete=False) as f:
            tmp = f.name
            pickle.dump(kb, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        # keep the newest few (other koop installs or versions), drop the rest
        others = sorted((p for p in path.parent.glob("kb-*.pickle") if p != path),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[_KB_CACHE_KEEP - 1:]:
            old.unlink(missing_ok=True)
    except Exception:  # no cache then (read-only home, unpicklable KB, ...)
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# What the KB tells of an organization to users who join koop's graph with their own
# data (by web domain, country, city).
FACTS = ("type", "domain", "city", "country")


def org_facts(org_id: str, kb: "KnowledgeBase | None" = None) -> dict[str, str]:
    """The KB's type, domain, city and country of ``org_id`` (empty strings when the
    KB in use, the shipped one plus ``KOOP_KB``, does not know it)."""
    entry = (kb or default_kb()).orgs.get(org_id)
    return {f: (getattr(entry, f) or "") if entry else "" for f in FACTS}


@lru_cache(maxsize=4)
def shared_kb(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """The process-wide KB of the shipped files plus ``extra`` (and ``KOOP_KB``),
    loaded once per set of paths."""
    return load_kb(extra)


def default_kb() -> KnowledgeBase:
    """The process-wide KB without extra files (the shipped one plus ``KOOP_KB``)."""
    return shared_kb(())
