"""Tokens and name words the people steps share."""
from __future__ import annotations

import re

# words (keeping hyphens, apostrophes and inner dots: "Leica-Chef", "Apple's") and punctuation
TOKEN = re.compile(r"\w(?:[\w&+'’.-]*\w)?|[^\w\s]")
POSSESSIVE = ("", "'s", "’s", "s", "'", "’")
ACRONYM = re.compile(r"[A-ZÄÖÜ0-9&]{2,7}|[A-ZÄÖÜ][a-zäöüß]+[A-Z][\w]*")

Tok = tuple[int, int, str]
# name particles: "De Groote" alone is a surname, not a first and a last name
PARTICLES = {"de", "von", "van", "der", "den", "del", "della", "di", "da", "du", "le", "la", "al",
              "el", "ten", "ter", "zu", "bin", "ibn", "dos"}


def is_full_name(tokens: list[str]) -> bool:
    """First and last name ("Andreas Kaufmann"), not a surname alone ("Kaufmann", "de Groote")."""
    return len(tokens) >= 2 and tokens[0].lower() not in PARTICLES
