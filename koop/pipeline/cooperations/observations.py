"""What a sentence says about a set of parties, and a cooperation gathered from such
sentences before it is merged (merge.py).

Kept apart from the steps because every step makes or reads them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Observation:
    """One sentence's evidence for one set of parties."""

    parties: tuple[str, ...]
    names: dict[str, str]
    status: str
    since: str | None
    sent: int
    confidence: float
    name: str | None = None  # the joint venture's or alliance's own name


@dataclass
class CooperationDraft:
    """The observations of one set of parties so far, in the order they were made."""

    ids: frozenset
    names: dict[str, str]
    obs: list[Observation] = field(default_factory=list)

    def parties(self) -> tuple[str, ...]:
        """The parties in the order the article first named them (never a set's order)."""
        ordered = dict.fromkeys(i for o in self.obs for i in o.parties)
        return tuple(ordered) or tuple(sorted(self.ids))

    def continued(self, status: str | None, since: str | None, sent: int, confidence: float,
                  name: str | None = None) -> Observation:
        """A later sentence about this cooperation ("Die Kooperation ..."); without a
        status of its own it keeps the last one."""
        return Observation(self.parties(), dict(self.names), status or self.obs[-1].status, since, sent,
                           confidence, name)
