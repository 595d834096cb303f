"""The organizations around a person: ORG mentions looked up by position."""
from __future__ import annotations

from bisect import bisect_left

from ...article import Article, Mention
from .words import POSSESSIVE, Tok


class OrgIndex:
    """ORG mentions of an article, looked up by start, end and containment."""

    def __init__(self, article: Article) -> None:
        self.orgs = sorted((m for m in article.mentions if m.label == "ORG"), key=lambda m: m.start)
        self.starts = [m.start for m in self.orgs]
        self.by_end = {m.end: m for m in self.orgs}
        self.by_start = {m.start: m for m in self.orgs}
        self.locs = [(m.start, m.end) for m in article.mentions if m.label == "LOC"]
        self.names: dict[str, str] = {}
        for m in self.orgs:
            for key in (m.text, m.canonical):
                if key:
                    self.names.setdefault(key.casefold(), org_name(m))

    def ending_in_token(self, text: str, tok: Tok) -> Mention | None:
        """The ORG mention ending this token, possibly before a possessive ('Apple's', 'Leicas')."""
        for end in (tok[1], tok[1] - 1, tok[1] - 2):
            m = self.by_end.get(end)
            if m is not None and text[end:tok[1]] in POSSESSIVE:
                return m
        return None

    def inside(self, start: int, end: int) -> Mention | None:
        """The last ORG mention lying within [start, end)."""
        i = bisect_left(self.starts, start)
        found = None
        while i < len(self.orgs) and self.orgs[i].start < end:
            if self.orgs[i].end <= end:
                found = self.orgs[i]
            i += 1
        return found

    def is_loc(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.locs)


def org_name(m: Mention) -> str:
    return m.canonical or m.text
