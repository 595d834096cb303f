"""The statuses of a cooperation, read from one table (``koop/data/statuses.toml``):
name, meaning, rank, colour and the cue words of each language.

The pipeline reads the cues and ranks, the store and the web API the names, and the
web app receives the whole table from ``GET /api/info`` (``status_table``), so a
status is declared once.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Status:
    """One status of a cooperation.

    name (str): as in the output ("announced").
    meaning (str): what a report of this status says.
    rank (int): the latest stage wins when one pair is reported several times: the
        higher rank.
    cue_order (int): the order in which a sentence's cue words are tried.
    colour (str): the web app's colour (CSS hex).
    cues (dict[str, tuple[str, ...]]): regular expressions per language.
    """

    name: str
    meaning: str
    rank: int
    cue_order: int
    colour: str
    cues: dict[str, tuple[str, ...]]

    def public(self) -> dict[str, object]:
        """The status without its cue patterns (what the web API sends)."""
        return {"name": self.name, "meaning": self.meaning, "rank": self.rank, "colour": self.colour}


def _read_table() -> tuple[Status, ...]:
    data = tomllib.loads((resources.files("koop") / "data" / "statuses.toml").read_text(encoding="utf-8"))
    return tuple(Status(name=s["name"], meaning=s["meaning"], rank=int(s["rank"]),
                        cue_order=int(s["cue_order"]), colour=s["colour"],
                        cues={lang: tuple(p) for lang, p in s["cues"].items()})
                 for s in data["status"])


STATUS_TABLE: tuple[Status, ...] = _read_table()
# The names in display order.
STATUSES: tuple[str, ...] = tuple(s.name for s in STATUS_TABLE)
# Status name -> rank (the higher one wins when a pair is reported several times).
RANK: dict[str, int] = {s.name: s.rank for s in STATUS_TABLE}


def status_cues(lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """(status, cue patterns) of ``lang`` in the order a sentence's cues are tried."""
    return [(s.name, s.cues[lang]) for s in sorted(STATUS_TABLE, key=lambda s: s.cue_order)]
