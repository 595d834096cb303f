"""The role lexicon (``koop/data/roles.json``): role words and phrases of each language,
mapped to normalized roles ("Vorstandschef", "chief executive" -> "CEO"), and a role match."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .words import TOKEN, Tok

_VOWELS = set("aeiouäöüy")


@lru_cache(maxsize=1)
def load_role_data() -> dict[str, Any]:
    """The role lexicon shipped as ``koop/data/roles.json``."""
    with resources.files("koop").joinpath("data/roles.json").open(encoding="utf-8") as f:
        return json.load(f)


def _german_variants(entry: str) -> set[str]:
    """The entry plus its feminine and weak forms (Chef -> Chefin, Vorsitzender -> Vorsitzende)."""
    words = entry.split()
    out = {entry}
    if any(w.endswith("ender") for w in words):
        for suffix in ("", "n"):
            out.add(" ".join(w[:-1] + suffix if w.endswith("ender") else w for w in words))
    for form in list(out):  # the head noun is the last word, or the one before "des/der/von"
        ws = form.split()
        h = next((k - 1 for k, w in enumerate(ws) if k and w in ("des", "der", "von", "vom")), len(ws) - 1)
        head = ws[h]
        if head[-1:].isalpha() and head[-1].lower() not in _VOWELS and not head.endswith(("ender", "enden")):
            out.add(" ".join(ws[:h] + [head + "in"] + ws[h + 1:]))
    return out


def _inflections(word: str) -> list[str]:
    """A lowercased word and its base forms without a case or feminine ending
    (Chefs, Präsidenten, Projektchefin)."""
    out = [word]
    if word.endswith("en") and len(word) > 4:
        out.append(word[:-2])
    if word.endswith(("s", "n")) and len(word) > 3:
        out.append(word[:-1])
    if word.endswith("in") and len(word) > 5:
        out.append(word[:-2])
    return out


class RoleLexicon:
    """Role words and phrases of one article language, mapped to normalized roles.

    Args:
        data (dict): the parsed ``roles.json``.
        lang (str): 'de' (uses German and English entries) or 'en'.
    """

    def __init__(self, data: dict[str, Any], lang: str) -> None:
        self.lang = lang
        langs = ("de", "en") if lang == "de" else ("en",)
        self.words: dict[str, tuple[str, bool]] = {}
        self.phrases: dict[tuple[str, ...], tuple[str, bool]] = {}
        for role, by_lang in data["roles"].items():
            for lg in langs:
                for entry in by_lang.get(lg, []):
                    german = lg == "de"
                    for variant in (_german_variants(entry) if german else {entry}):
                        toks = tuple(t.lower() for t in TOKEN.findall(variant))
                        if len(toks) == 1:
                            self.words.setdefault(toks[0], (role, german))
                        elif toks:
                            self.phrases.setdefault(toks, (role, german))
        self.maxlen = max((len(k) for k in self.phrases), default=1)
        heads = data.get("heads", {}) if lang == "de" else {}
        self.heads = sorted(((h, r) for h, r in heads.items() if not h.startswith("_")),
                            key=lambda hr: -len(hr[0]))
        self.head_roles = dict(self.heads)
        self.modifiers = {m.lower() for lg in ("de", "en") for m in data["modifiers"].get(lg, [])}

    def word_role(self, word: str) -> tuple[str, str] | None:
        """(role, org prefix) of one word: 'Leica-Chef' -> ('CEO', 'Leica'); None if no role."""
        hit = self.words.get(word.lower())
        if hit and (not hit[1] or word[:1].isupper()):
            return hit[0], ""
        pre, _, head = word.rpartition("-")
        if not head or not head[0].isalpha():
            return None
        forms = _inflections(head.lower())
        for form in forms:
            hit = self.words.get(form)
            if hit and (not hit[1] or head[0].isupper()):
                return hit[0], pre
        if self.heads and head[0].isupper():
            for form in forms:
                for h, role in self.heads:
                    if form.endswith(h) and len(form) > len(h) + 1:
                        return role, pre
        return None

    def head_role(self, head: str) -> str | None:
        """The role of a generic head noun as the tail of a compound ('Sparten-Chef' -> head)."""
        for form in _inflections(head.lower()):
            if form in self.head_roles:
                return self.head_roles[form]
        return None

    def _phrase(self, toks: list[Tok]) -> str | None:
        hit = self.phrases.get(tuple(t[2].lower() for t in toks))
        if hit and (not hit[1] or toks[-1][2][:1].isupper()):
            return hit[0]
        return None

    def match_end(self, toks: list[Tok], end: int) -> tuple[int, str, str] | None:
        """A role phrase ending just before token ``end``: (first token, role, org prefix)."""
        for k in range(min(self.maxlen, end), 1, -1):
            role = self._phrase(toks[end - k:end])
            if role:
                return end - k, role, ""
        if end >= 1:
            hit = self.word_role(toks[end - 1][2])
            if hit:
                return end - 1, hit[0], hit[1]
        return None

    def match_start(self, toks: list[Tok], i: int) -> tuple[int, str, str] | None:
        """A role phrase starting at token ``i``: (end token, exclusive; role; org prefix)."""
        for k in range(min(self.maxlen, len(toks) - i), 1, -1):
            role = self._phrase(toks[i:i + k])
            if role:
                return i + k, role, ""
        if i < len(toks):
            hit = self.word_role(toks[i][2])
            if hit:
                return i + 1, hit[0], hit[1]
        return None


@dataclass(slots=True)
class RoleMatch:
    role: str | None
    surface: str | None
    org: str | None = None


def role_score(r: RoleMatch | None) -> int:
    """Role and org (3) beat a role alone (2), which beats an org alone (1)."""
    return 0 if r is None else 2 * (r.role is not None) + (r.org is not None)


@lru_cache(maxsize=2)
def role_lexicon(lang: str) -> RoleLexicon:
    """The shipped role lexicon of an article language ('en', else German)."""
    return RoleLexicon(load_role_data(), "en" if lang == "en" else "de")
