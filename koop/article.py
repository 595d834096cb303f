"""The document model: one Article carries every annotation through the pipeline.

Stages add typed annotations (tokens, sentences, mentions, people, quotes,
cooperations) to the Article they are handed; plugins keep their own data in
``article.ext`` under their own key. Articles serialise to plain dicts so batch
workers exchange data, not live objects.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .statuses import STATUSES  # noqa: F401  (re-exported; the status table is koop/statuses.py)

ENTITY_LABELS = ("ORG", "PER", "LOC", "DATE")


@dataclass(slots=True)
class Token:
    """A word or punctuation with character offsets into ``Article.text``."""

    start: int
    end: int
    text: str
    sent: int = 0
    pos: str = ""
    lemma: str = ""


@dataclass(slots=True)
class Sentence:
    """A sentence: character span and the slice of ``Article.tokens`` it covers."""

    start: int
    end: int
    first_token: int
    last_token: int  # exclusive

    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(slots=True)
class Mention:
    """An entity mention. ORG mentions carry the canonical organization.

    ``kind`` says how the organization was named: ``name`` (its name, alias,
    legal name or a typo of it), ``brand`` (a brand it owns), ``descriptor``
    ("das Wetzlarer Unternehmen", "der US-Konzern") or ``metonym`` (its
    headquarters city used for it). Only ``name`` and ``brand`` mentions are
    reported as entity spans; all kinds take part in relation extraction.
    """

    start: int
    end: int
    label: str
    text: str
    org_id: str | None = None
    canonical: str | None = None
    kind: str = "name"
    score: float = 1.0
    sent: int = 0


@dataclass(slots=True)
class DateMention:
    """A date expression and its resolved ISO value (possibly partial: 2018, 2000-08)."""

    start: int
    end: int
    text: str
    value: str | None
    sent: int = 0


@dataclass(slots=True)
class Person:
    name: str
    org: str | None = None
    role: str | None = None
    surface_role: str | None = None
    start: int = -1
    end: int = -1


@dataclass(slots=True)
class PersonCluster:
    """One person as ``koop.people.v1`` grouped the PER mentions: every named person,
    reported or not ("Kaufmann" alone, without a role, is no Person but is a speaker).
    Later stages (quotes) read these instead of grouping again; not in the public
    output (``people`` is)."""

    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # its PER mentions
    role: str | None = None
    role_org: str | None = None


@dataclass(slots=True)
class Quote:
    speaker: str | None
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Cooperation:
    """A cooperation: ``parties`` are canonical names (the knowledge base's, as
    entity ``name``s are), ``surfaces`` the same parties as the article names
    them ("Daimler" for Mercedes-Benz), ``party_ids`` their KB ids.

    In the JSON output (``to_dict``) ``parties`` are the article's names, as the
    contract's scorer matches them against a gold file's aliases (a gold file
    names "Motorola" in a 1987 article, not "Motorola Solutions"), and
    ``canonical`` holds the canonical names beside them."""

    parties: list[str]
    status: str
    since: str | None = None
    evidence: list[str] = field(default_factory=list)
    evidence_spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.5
    party_ids: list[str | None] = field(default_factory=list)
    name: str | None = None  # the joint venture / alliance name if given ("L-Mount Alliance")
    surfaces: list[str] = field(default_factory=list)


@dataclass
class Article:
    """One news article and everything koop found in it."""

    id: str
    text: str
    lang: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    person_clusters: list[PersonCluster] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    cooperations: list[Cooperation] = field(default_factory=list)
    ext: dict[str, Any] = field(default_factory=dict)

    # -- navigation helpers used by stages ---------------------------------
    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start:s.end]

    def sentence_tokens(self, i: int) -> list[Token]:
        s = self.sentences[i]
        return self.tokens[s.first_token:s.last_token]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing character ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def org_mentions(self, sent: int | None = None) -> list[Mention]:
        return [m for m in self.mentions
                if m.label == "ORG" and m.org_id and (sent is None or m.sent == sent)]

    # -- serialisation -----------------------------------------------------
    def to_dict(self, full: bool = False) -> dict[str, Any]:
        """The public output shape (see README and spec/COOPERATIONS.md).

        ``full`` also includes tokens, sentences and ext for round-tripping.
        """
        out: dict[str, Any] = {
            "id": self.id,
            "lang": self.lang,
            "date": self.date,
        }
        if self.title:
            out["title"] = self.title
        if self.url:
            out["url"] = self.url
        out["entities"] = [
            {"start": m.start, "end": m.end, "label": m.label, "text": m.text,
             **({"id": m.org_id, "name": m.canonical} if m.label == "ORG" else {})}
            for m in self.mentions if m.kind in ("name", "brand")
        ]
        out["dates"] = [asdict(d) for d in self.dates]
        out["cooperations"] = [
            {"parties": c.surfaces or list(c.parties), "canonical": list(c.parties),
             "status": c.status, "since": c.since,
             "evidence": c.evidence,
             "evidence_spans": [list(s) for s in c.evidence_spans],
             "confidence": round(c.confidence, 3),
             "party_ids": c.party_ids,
             **({"name": c.name} if c.name else {})}
            for c in self.cooperations
        ]
        out["people"] = [
            {"name": p.name, "org": p.org, "role": p.role, "surface_role": p.surface_role}
            for p in self.people
        ]
        out["quotes"] = [asdict(q) for q in self.quotes]
        if full:
            out["text"] = self.text
            out["source"] = self.source
            out["tokens"] = [asdict(t) for t in self.tokens]
            out["sentences"] = [asdict(s) for s in self.sentences]
            out["mentions"] = [asdict(m) for m in self.mentions]
            out["person_clusters"] = [asdict(c) for c in self.person_clusters]
            out["ext"] = self.ext
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        """Rebuild an Article from ``to_dict(full=True)`` output (or a bare input record)."""
        a = cls(id=str(d["id"]), text=d.get("text", ""), lang=d.get("lang"),
                date=d.get("date"), title=d.get("title"), url=d.get("url"),
                source=d.get("source"))
        a.tokens = [Token(**t) for t in d.get("tokens", [])]
        a.sentences = [Sentence(**s) for s in d.get("sentences", [])]
        a.mentions = [Mention(**m) for m in d.get("mentions", [])]
        a.dates = [DateMention(**x) for x in d.get("dates", [])]
        a.people = [Person(**{k: v for k, v in p.items() if k in Person.__slots__})
                    for p in d.get("people", [])]
        a.person_clusters = [PersonCluster(c["name"], [tuple(s) for s in c.get("spans", [])],
                                           c.get("role"), c.get("role_org"))
                             for c in d.get("person_clusters", [])]
        a.quotes = [Quote(**q) for q in d.get("quotes", [])]
        a.cooperations = [
            Cooperation(parties=c.get("canonical") or c["parties"], status=c["status"], since=c.get("since"),
                        evidence=list(c.get("evidence", [])),
                        evidence_spans=[tuple(s) for s in c.get("evidence_spans", [])],
                        confidence=c.get("confidence", 0.5),
                        party_ids=list(c.get("party_ids", [])), name=c.get("name"),
                        surfaces=list(c["parties"]) if c.get("canonical") else [])
            for c in d.get("cooperations", [])
        ]
        a.ext = dict(d.get("ext", {}))
        return a
