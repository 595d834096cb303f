"""Where the parties of a cooperation are named in an evidence sentence.

The web page marks these spans; it builds the marks from text nodes, so
nothing from an article is ever parsed as HTML.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

_SUFFIX = r"(?:s|'s|’s)?(?!\w)"  # genitive "Panasonics", "Apple's"; compounds "Leica-Optik" match


def party_spans(text: str, names: Mapping[str, Sequence[str]]) -> list[dict]:
    """Non-overlapping spans of ``text`` that name one of the organizations.

    Args:
        text (str): an evidence sentence.
        names (dict): organization id -> its names and aliases.
    RETURNS (list[dict]): ``{start, end, org_id}`` in text order; a longer name
    wins over a shorter one starting at the same place, case is ignored.
    """
    found: list[tuple[int, int, str]] = []
    for org_id, aliases in names.items():
        for alias in aliases:
            alias = alias.strip()
            if len(alias) < 2:
                continue
            pattern = r"(?<!\w)" + re.escape(alias) + _SUFFIX
            for m in re.finditer(pattern, text, re.IGNORECASE):
                found.append((m.start(), m.start() + len(alias), org_id))
    spans: list[dict] = []
    end = -1
    for start, stop, org_id in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]), f[2])):
        if start >= end:
            spans.append({"start": start, "end": stop, "org_id": org_id})
            end = stop
    return spans
